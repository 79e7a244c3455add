"""Document scores and progress in the status bar."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from reviewer.session import DocumentSummary


class StatusSummary:
    """Two labels at the right of the status bar: document scores, and progress."""

    def __init__(self, status_bar: QStatusBar) -> None:
        self.scores_label = QLabel()
        self.scores_label.setObjectName("documentScores")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.mqm_label = QLabel()  # the MQM score of the document and the open segment
        self.mqm_label.setObjectName("mqmScore")
        status_bar.addPermanentWidget(self.scores_label)
        status_bar.addPermanentWidget(self.mqm_label)
        status_bar.addPermanentWidget(self.progress_label)

    def show_mqm(self, text: str, tip: str) -> None:
        """Show the MQM figure (hidden when there is none)."""
        self.mqm_label.setText(text)
        self.mqm_label.setToolTip(tip)
        self.mqm_label.setVisible(bool(text))

    def show(self, summary: DocumentSummary, signatures: dict[str, str]) -> None:
        """Show the document's scores (never a number while some are pending) and progress."""
        self.progress_label.setText(f"Confirmed {summary.confirmed} / {summary.segments} · "
                                    f"edited {summary.edited}")
        if summary.pending:
            count = summary.pending
            self.scores_label.setText(f"Document scores pending ({count} segment"
                                      f"{'s' if count != 1 else ''} still being scored)")
            self.scores_label.setToolTip("Some segments' TER takes long to compute; the "
                                         "document scores appear once they are ready.")
            return
        scores, details = summary.scores, summary.details
        text = (f"Document HTER {scores.hter:.2f} · BLEU {scores.bleu:.2f} · "
                f"chrF {scores.chrf:.2f}")
        tip = []
        if details is not None and details.complete:
            edits = details.edits
            text += f" · chars {details.char_distance:.1f}%"
            tip.append(f"TER edits: {edits.total} ({edits.insertions} insertions, "
                       f"{edits.deletions} deletions, {edits.substitutions} substitutions, "
                       f"{edits.shifts} shifts)")
            tip.append(f"Character edit distance: {details.char_distance:.2f}% of the longer "
                       "texts' characters")
        mt = None if details is None else details.mt_vs_reference
        corrected = None if details is None else details.correction_vs_reference
        if mt is not None and corrected is not None:
            text += f" · vs reference TER {mt.hter:.1f} → {corrected.hter:.1f}"
            tip.append(f"Against the reference, MT → correction: TER {mt.hter:.2f} → "
                       f"{corrected.hter:.2f}, BLEU {mt.bleu:.2f} → {corrected.bleu:.2f}, "
                       f"chrF {mt.chrf:.2f} → {corrected.chrf:.2f}")
        tip += [f"{name}: {signature}" for name, signature in signatures.items()]
        self.scores_label.setText(text)
        self.scores_label.setToolTip("\n".join(tip))
