"""Side-by-side comparison of two revisions, and of two versions of the document."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.compare import Comparison
from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.errors import ReviewerError
from reviewer.core.tags import InlineTag
from reviewer.store.project import RevisionRecord
from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.history_model import local_time
from reviewer.ui.segment_model import score_text
from reviewer.ui.tag_html import tagged_diff_html, tagged_html
from reviewer.ui.theme import colours


def _mark_style(kind: str) -> str:
    look = colours()
    if kind == "delete":
        return (f"color:{look.deleted};text-decoration:line-through;"
                f"background:{look.deleted_background}")
    return f"color:{look.inserted};text-decoration:underline;background:{look.inserted_background}"


def side_html(parts: list[DiffPart], side: str, tags: Sequence[InlineTag] = ()) -> str:
    """One side of a diff: the old side marks deletions, the new side insertions."""
    out = []
    for part in parts:
        text = tagged_html(part.text, tags)
        if part.kind == "equal":
            out.append(text)
        elif part.kind == "delete" and side == "old":
            out.append(f'<span style="{_mark_style("delete")}">{text}</span>')
        elif part.kind == "insert" and side == "new":
            out.append(f'<span style="{_mark_style("insert")}">{text}</span>')
    return "".join(out)


def _caption(revision: RevisionRecord) -> str:
    return (f"<b>Revision {revision.number}</b> · {html.escape(revision.author)} · "
            f"{local_time(revision.created_at)} · HTER {score_text(revision.hter)} · "
            f"{revision.status}")


class RevisionCompareDialog(QDialog):
    """Two revisions of one segment side by side, the differences marked."""

    def __init__(self, old: RevisionRecord, new: RevisionRecord,
                 parent: QWidget | None = None, tags: Sequence[InlineTag] = ()) -> None:
        super().__init__(parent)
        if new.number < old.number:
            old, new = new, old
        self.setWindowTitle(f"Segment {old.position + 1}: revision {old.number} and "
                            f"{new.number}")
        self.resize(900, 320)
        parts = word_diff(old.text, new.text)
        self.old_view = QTextBrowser()
        self.old_view.setHtml(side_html(parts, "old", tags))
        self.new_view = QTextBrowser()
        self.new_view.setHtml(side_html(parts, "new", tags))
        grid = QGridLayout(self)
        grid.addWidget(QLabel(_caption(old)), 0, 0)
        grid.addWidget(QLabel(_caption(new)), 0, 1)
        grid.addWidget(self.old_view, 1, 0)
        grid.addWidget(self.new_view, 1, 1)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        grid.addWidget(close, 2, 1)


SHOWN_CHANGES = 200  # laid out on the GUI thread: 500 took it 55 ms, 20,000 seconds
Progress = Callable[[int, int], None]
Job = Callable[[Progress], Any]
# TaskRunner.run's shape: (label, job, done, failed) -> started
Runner = Callable[[str, Job, Callable[[object], None], Callable[[str], None]], bool]


def comparison_html(comparison: Comparison,
                    tags_for: Callable[[int], Sequence[InlineTag]] = lambda _p: (),
                    progress: Progress | None = None) -> str:
    """A report of two document states: their scores and the segments that differ (the
    first ``SHOWN_CHANGES`` of them)."""
    old, new = comparison.old_scores, comparison.new_scores
    rows = [
        "<table cellpadding='4'><tr><th></th><th>HTER</th><th>BLEU</th><th>chrF</th></tr>",
        *(f"<tr><td><b>{html.escape(label)}</b></td><td>{score_text(s.hter, 2)}</td>"
          f"<td>{score_text(s.bleu, 2)}</td><td>{score_text(s.chrf, 2)}</td></tr>"
          for label, s in ((comparison.old_label, old), (comparison.new_label, new))),
        "</table>",
        f"<p>{len(comparison.changes)} segment(s) differ.</p>",
    ]
    shown = comparison.changes[:SHOWN_CHANGES]
    for number, change in enumerate(shown):
        if progress is not None and number % 50 == 0:
            progress(number, len(shown))
        diff = tagged_diff_html(change.diff, tags_for(change.position))
        rows.append(f"<p><b>Segment {change.position + 1}</b><br>{diff}</p>")
    hidden = len(comparison.changes) - len(shown)
    if hidden > 0:
        rows.append(f"<p><i>… and {hidden} more segment(s) differ: export both versions "
                    "(File → Export a version…) to compare them in full.</i></p>")
    return "".join(rows)


class VersionCompareDialog(QDialog):
    """Pick two versions (or the current text) and see what differs.

    With ``run`` (the window's task runner) the comparison is worked out in a task with
    progress, never on the GUI thread; the report shows when it is done.
    """

    def __init__(self, labels: list[str], compare: Callable[[str, str], Comparison],
                 parent: QWidget | None = None,
                 tags_for: Callable[[int], Sequence[InlineTag]] = lambda _p: (),
                 run: Runner | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare versions")
        self.resize(900, 600)
        self._compare = compare
        self._tags_for = tags_for
        self._run = run
        self._comparing = False
        self._again = False  # the choice changed while comparing
        self.old_box = QComboBox()
        self.new_box = QComboBox()
        self.old_box.addItems(labels)
        self.new_box.addItems(labels)
        if len(labels) > 1:
            self.old_box.setCurrentIndex(len(labels) - 2)
            self.new_box.setCurrentIndex(len(labels) - 1)
        self.report = QTextBrowser()
        self.report.setObjectName("versionReport")
        top = QHBoxLayout()
        top.addWidget(QLabel("Compare"))
        top.addWidget(self.old_box, 1)
        top.addWidget(QLabel("with"))
        top.addWidget(self.new_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.report, 1)
        self.old_box.currentIndexChanged.connect(self.refresh)
        self.new_box.currentIndexChanged.connect(self.refresh)
        self.old_box.setFocus()  # where the keyboard is when the window opens
        self.refresh()

    @property
    def comparing(self) -> bool:
        """Whether a comparison is being worked out."""
        return self._comparing

    def refresh(self) -> None:
        """Compare the chosen pair (in a task when the dialog has a runner)."""
        if self._comparing:
            self._again = True
            return
        old, new = self.old_box.currentText(), self.new_box.currentText()
        compare, tags_for = self._compare, self._tags_for

        def job(progress: Progress) -> str:
            progress(0, 0)
            return comparison_html(compare(old, new), tags_for, progress)

        if self._run is None:
            try:
                self._on_compared(job(lambda _done, _total: None))
            except ReviewerError as error:
                self._on_failed(str(error))
            return
        self._comparing = True
        self.report.setPlainText(f"Comparing {old} with {new}…")
        if not self._run("Comparing versions…", job, self._on_compared, self._on_failed):
            self._comparing = False  # another task runs: try again once it is done
            QTimer.singleShot(250, self.refresh)

    def _on_compared(self, report: object) -> None:
        self._comparing = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.report.setHtml(str(report))
        bring_forward(self)  # the progress dialog took the keyboard

    def _on_failed(self, message: str) -> None:
        self._comparing = False
        if self._again:
            self._again = False
            self.refresh()
            return
        self.report.setPlainText(f"Cannot compare: {message}" if message
                                 else "Comparison cancelled.")
        bring_forward(self)
