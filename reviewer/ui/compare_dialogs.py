"""Side-by-side comparison of two revisions, and of two versions of the document."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

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
from reviewer.core.tags import InlineTag
from reviewer.store.project import RevisionRecord
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


def comparison_html(comparison: Comparison,
                    tags_for: Callable[[int], Sequence[InlineTag]] = lambda _p: ()) -> str:
    """A report of two document states: their scores and every segment that differs."""
    old, new = comparison.old_scores, comparison.new_scores
    rows = [
        "<table cellpadding='4'><tr><th></th><th>HTER</th><th>BLEU</th><th>chrF</th></tr>",
        *(f"<tr><td><b>{html.escape(label)}</b></td><td>{score_text(s.hter, 2)}</td>"
          f"<td>{score_text(s.bleu, 2)}</td><td>{score_text(s.chrf, 2)}</td></tr>"
          for label, s in ((comparison.old_label, old), (comparison.new_label, new))),
        "</table>",
        f"<p>{len(comparison.changes)} segment(s) differ.</p>",
    ]
    for change in comparison.changes:
        diff = tagged_diff_html(change.diff, tags_for(change.position))
        rows.append(f"<p><b>Segment {change.position + 1}</b><br>{diff}</p>")
    return "".join(rows)


class VersionCompareDialog(QDialog):
    """Pick two versions (or the current text) and see what differs."""

    def __init__(self, labels: list[str], compare: Callable[[str, str], Comparison],
                 parent: QWidget | None = None,
                 tags_for: Callable[[int], Sequence[InlineTag]] = lambda _p: ()) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare versions")
        self.resize(900, 600)
        self._compare = compare
        self._tags_for = tags_for
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
        self.refresh()

    def refresh(self) -> None:
        """Compare the chosen pair."""
        comparison = self._compare(self.old_box.currentText(), self.new_box.currentText())
        self.report.setHtml(comparison_html(comparison, self._tags_for))
