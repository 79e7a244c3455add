"""The current segment in full: its source, its MT with the edits marked, the correction."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.diff import diff_counts, diff_html, word_diff
from reviewer.core.effort import Effort, EffortClock
from reviewer.core.scoring import ScoreDetails, Scores
from reviewer.store.project import SegmentRecord

DIFF_DELAY_MS = 60


_DELETE_KEYS = {Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
_NAVIGATION_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
                    Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}


def _monotonic_ms() -> int:
    return int(time.monotonic() * 1000)


class CorrectionEdit(QPlainTextEdit):
    """The correction editor; Ctrl+Enter (main or keypad Enter) asks to confirm.

    Its own undo is off: typing goes to the window's undo stack, so Ctrl+Z there undoes
    typing and saved edits in one order.
    """

    confirmRequested = Signal()
    focusChanged = Signal(bool)
    undoRequested = Signal()
    redoRequested = Signal()
    keystroke = Signal(str)  # "insert", "delete" or "navigate"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUndoRedoEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            self.confirmRequested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            event.accept()
            self.undoRequested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            event.accept()
            self.redoRequested.emit()
            return
        kind = self._classify(event)
        super().keyPressEvent(event)
        if kind and not self.isReadOnly():
            self.keystroke.emit(kind)

    @staticmethod
    def _classify(event: QKeyEvent) -> str | None:
        if event.key() in _DELETE_KEYS or event.matches(QKeySequence.StandardKey.Cut):
            return "delete"
        if event.key() in _NAVIGATION_KEYS:
            return "navigate"
        if event.matches(QKeySequence.StandardKey.Paste):
            return "insert"
        text = event.text()
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if text and not control and (text.isprintable() or text in "\r\n\t"):
            return "insert"
        return None

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.focusChanged.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.focusChanged.emit(False)


class EditorPane(QWidget):
    """Shows one segment and reports the correction's text as the editor types."""

    textEdited = Signal(int, str)  # position, text
    confirmRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self._position = -1
        self._mt = ""
        self._loading = False
        self.pause_limit_ms = 30_000
        self._effort = EffortClock(self.pause_limit_ms)

        self.heading = QLabel("No segment")
        self.heading.setObjectName("segmentHeading")
        self.source_view = QTextBrowser()
        self.source_view.setObjectName("sourceView")
        self.mt_view = QTextBrowser()
        self.mt_view.setObjectName("mtView")
        self.correction_edit = CorrectionEdit()
        self.correction_edit.setObjectName("correctionEdit")
        self.correction_edit.setTabChangesFocus(True)
        self.correction_edit.setPlaceholderText("Type the corrected translation")
        self.scores_label = QLabel()
        self.scores_label.setObjectName("liveScores")
        self.scores_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm_button = QPushButton("Confirm && next  (Ctrl+Enter)")
        self.confirm_button.setObjectName("confirmButton")
        for view in (self.source_view, self.mt_view):
            view.setMaximumHeight(90)
        self.correction_edit.setMinimumHeight(60)
        self.correction_edit.setMaximumHeight(120)

        form = QFormLayout()
        form.addRow("Source", self.source_view)
        form.addRow("MT", self.mt_view)
        form.addRow("Correction", self.correction_edit)
        self._source_label = form.labelForField(self.source_view)
        bottom = QHBoxLayout()
        bottom.addWidget(self.scores_label, 1)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(bottom)

        self._diff_timer = QTimer(self)
        self._diff_timer.setSingleShot(True)
        self._diff_timer.setInterval(DIFF_DELAY_MS)
        self._diff_timer.timeout.connect(self._on_diff_timer_timeout)
        self.correction_edit.textChanged.connect(self._on_correction_edit_text_changed)
        self.correction_edit.confirmRequested.connect(self.confirmRequested)
        self.correction_edit.focusChanged.connect(self._on_correction_edit_focus_changed)
        self.correction_edit.keystroke.connect(self._on_correction_edit_keystroke)
        self.confirm_button.clicked.connect(self.confirmRequested)

    @property
    def position(self) -> int:
        """The 0-based position of the segment shown (-1 for none)."""
        return self._position

    def text(self) -> str:
        """The correction as typed."""
        return self.correction_edit.toPlainText()

    def load(self, segment: SegmentRecord, text: str, show_source: bool) -> None:
        """Show ``segment`` with ``text`` in the editor, cursor at its end."""
        self._loading = True
        self._position = segment.position
        self._mt = segment.mt
        self.heading.setText(f"Segment {segment.position + 1} · {segment.status} · "
                             f"{segment.revisions} revision(s)")
        self.source_view.setPlainText(segment.source or "")
        self.source_view.setVisible(show_source)
        if self._source_label is not None:
            self._source_label.setVisible(show_source)
        self.correction_edit.setPlainText(text)
        self.correction_edit.moveCursor(QTextCursor.MoveOperation.End)
        self.correction_edit.document().clearUndoRedoStacks()
        self._loading = False
        self._effort = EffortClock(self.pause_limit_ms)
        if self.correction_edit.hasFocus():
            self._effort.start(_monotonic_ms())
        self._show_diff()
        self.show_scores(segment, live=False)

    def focus_correction(self) -> None:
        """Put the keyboard in the correction, cursor at the end."""
        self.correction_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.correction_edit.moveCursor(QTextCursor.MoveOperation.End)

    def set_heading_note(self, note: str) -> None:
        """Add a remark to the segment heading (e.g. that a draft was restored)."""
        self.heading.setText(self.heading.text().split(" — ")[0] + (f" — {note}" if note else ""))

    def replace_text(self, text: str) -> None:
        """Set the correction (undo, redo) and report it like typing."""
        if text == self.text():
            return
        self.correction_edit.setPlainText(text)
        self.correction_edit.moveCursor(QTextCursor.MoveOperation.End)

    def effort(self) -> Effort:
        """Editing time (pauses over the limit left out) and keystrokes since loading."""
        return self._effort.effort(_monotonic_ms())

    def editing_ms(self) -> int:
        """Time the correction had the keyboard since the segment was loaded."""
        return self.effort().editing_ms

    def show_scores(self, scores: Scores | SegmentRecord, live: bool,
                    details: ScoreDetails | None = None) -> None:
        """Show a segment's HTER, BLEU and chrF (live ones marked as such).

        With ``details``: TER's edits by kind, the normalised character edit distance and,
        with a reference, how the MT and the correction score against it.
        """
        if isinstance(scores, SegmentRecord) and scores.pending:
            self.show_pending()
            return
        state = "live" if live else "saved"
        if details is not None and details.complete:
            edits = details.edits
            effort = (f"{edits.insertions} ins, {edits.deletions} del, "
                      f"{edits.substitutions} sub, {edits.shifts} shift; "
                      f"chars {details.char_distance:.1f}%")
        else:
            deleted, inserted = diff_counts(word_diff(self._mt, self.text()))
            effort = f"{deleted} word(s) deleted, {inserted} inserted"
        text = (f"<b>HTER {scores.hter:.1f}</b> &nbsp; BLEU {scores.bleu:.1f} &nbsp; "
                f"chrF {scores.chrf:.1f} &nbsp; <span style='color:#666'>({state}; "
                f"{effort})</span>")
        tip = ("HTER: TER of the MT against the correction (sacrebleu). Edits: TER's "
               "insertions, deletions, substitutions and shifts. Chars: character edit "
               "distance over the longer text's length.")
        mt, corrected = (None, None) if details is None else (details.mt_vs_reference,
                                                              details.correction_vs_reference)
        if mt is not None and corrected is not None:
            text += (f"<br>vs reference: TER {mt.hter:.1f} → <b>{corrected.hter:.1f}</b> "
                     f"&nbsp; BLEU {mt.bleu:.1f} → <b>{corrected.bleu:.1f}</b> &nbsp; "
                     f"chrF {mt.chrf:.1f} → <b>{corrected.chrf:.1f}</b>")
            tip += " Against the reference: the MT's score → the correction's."
        self.scores_label.setText(text)
        self.scores_label.setToolTip(tip)

    def show_pending(self) -> None:
        """Say that the saved text's scores are still being computed."""
        self.scores_label.setText("<span style='color:#666'>Scores pending: saved, and being "
                                  "computed in the background</span>")
        self.scores_label.setToolTip("This segment's TER takes long to compute; the scores "
                                     "appear here, in the table and in the document scores "
                                     "as soon as they are ready.")

    def show_scoring(self) -> None:
        """Say that scores for the newest text are on their way."""
        text = self.scores_label.text()
        if "(scoring" not in text:
            self.scores_label.setText(text.split(" &nbsp; <span")[0]
                                      + " &nbsp; <span style='color:#666'>(scoring…)</span>")

    def _on_correction_edit_text_changed(self) -> None:
        if self._loading or self._position < 0:
            return
        self._diff_timer.start()
        self.textEdited.emit(self._position, self.text())

    def _on_correction_edit_focus_changed(self, focused: bool) -> None:
        if focused:
            self._effort.start(_monotonic_ms())
        else:
            self._effort.stop(_monotonic_ms())

    def _on_correction_edit_keystroke(self, kind: str) -> None:
        self._effort.tick(_monotonic_ms())
        if kind == "insert":
            self._effort.insertions += 1
        elif kind == "delete":
            self._effort.deletions += 1
        else:
            self._effort.navigation += 1

    def _on_diff_timer_timeout(self) -> None:
        self._show_diff()

    def _show_diff(self) -> None:
        self.mt_view.setHtml(diff_html(word_diff(self._mt, self.text())))
