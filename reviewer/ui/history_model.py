"""The revisions of the current segment, newest first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reviewer.core.tags import InlineTag
from reviewer.store.project import RevisionRecord
from reviewer.ui.segment_model import score_text
from reviewer.ui.tag_html import labelled_text

HEADERS = ("Rev", "Time", "Author", "Editing", "HTER", "Status", "Text")
COL_NUMBER, COL_TIME, COL_AUTHOR, COL_EDITING, COL_HTER, COL_STATUS, COL_TEXT = range(7)

Index = QModelIndex | QPersistentModelIndex


def duration(milliseconds: int) -> str:
    """Editing time as people read it: 42 s, 3 min 05 s, 1 h 02 min."""
    seconds = milliseconds // 1000
    if seconds < 60:
        return f"{milliseconds / 1000:.1f} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def short_time(stamp: str) -> str:
    """A time stamp as short as it can be: the time today, else the date and time."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    now = datetime.now().astimezone()
    if moment.date() == now.date():
        return moment.strftime("%H:%M:%S")
    if moment.year == now.year:
        return moment.strftime("%d %b %H:%M")
    return moment.strftime("%Y-%m-%d")


def local_time(stamp: str) -> str:
    """An ISO UTC time stamp shown in the user's time zone."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def status_and_note(revision: RevisionRecord) -> str:
    """A revision's status, with the note a split or merge left on it."""
    return f"{revision.status} · {revision.note}" if revision.note else revision.status


def note_line(revision: RevisionRecord) -> str:
    """The note as a tooltip's line of its own (empty without one)."""
    return f"\n{revision.note}" if revision.note else ""


class RevisionListModel(QAbstractTableModel):
    """A table of revisions, newest first; subclasses name the columns and fill them."""

    headers: tuple[str, ...] = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._revisions: list[RevisionRecord] = []
        # a segment's tags, so texts show tag labels instead of private characters
        self.tags_for: Callable[[int], Sequence[InlineTag]] = lambda _position: ()

    def shown_text(self, revision: RevisionRecord) -> str:
        """The revision's text with its tags as labels."""
        return labelled_text(revision.text, self.tags_for(revision.position))

    def set_revisions(self, revisions: list[RevisionRecord]) -> None:
        """Show these revisions (in any order given), newest first."""
        self.beginResetModel()
        self._revisions = sorted(revisions, key=lambda r: r.id, reverse=True)
        self.endResetModel()

    def revision(self, row: int) -> RevisionRecord:
        """The revision shown in ``row``."""
        return self._revisions[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._revisions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RevisionTableModel(RevisionListModel):
    """Rows are revisions of one segment."""

    def previous(self, revision: RevisionRecord) -> RevisionRecord | None:
        """The revision before ``revision``, if any."""
        earlier = [r for r in self._revisions if r.number < revision.number]
        return max(earlier, key=lambda r: r.number) if earlier else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        revision = self._revisions[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(revision.number),
                short_time(revision.created_at),
                revision.author,
                duration(revision.editing_ms),
                score_text(revision.hter),
                status_and_note(revision),
                self.shown_text(revision),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{local_time(revision.created_at)}{note_line(revision)}\n"
                    f"{self.shown_text(revision)}\n\n"
                    f"BLEU {score_text(revision.bleu, 2)}  chrF {score_text(revision.chrf, 2)}  "
                    f"editing time {duration(revision.editing_ms)}\nkeystrokes: "
                    f"{revision.keys_insert} insertions, {revision.keys_delete} deletions, "
                    f"{revision.keys_navigate} navigation")
        numeric = (COL_NUMBER, COL_EDITING, COL_HTER)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
