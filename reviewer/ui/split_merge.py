"""Segment → Split segment at cursor, Segment → Merge with next.

Both ask first and say they cannot be undone with Ctrl+Z: every later undo step names
segments by position, which a split or merge moves, so the undo stack is emptied. Merging
the parts again undoes a split (and the history keeps both sides either way). The rules
are the session's (``reviewer.split_merge``); this only reads the cursor and asks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTextEdit

from reviewer.core.splitting import corresponding_offset
from reviewer.core.visible import visible
from reviewer.session import RestructureResult
from reviewer.ui.actions import ActionSpec, ActionTable
from reviewer.ui.tag_chips import stored_text

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

SPLIT = ActionSpec("segment.split", "&Segment", "&Split segment at cursor", ("Ctrl+Shift+T",),
                   separator_before=True)
MERGE = ActionSpec("segment.merge", "&Segment", "&Merge with next segment", ("Ctrl+J",))
_NO_UNDO = "This cannot be undone with Ctrl+Z (the undo history is emptied); "
SPLIT_NO_UNDO = (_NO_UNDO + "merging the parts again puts the segment back, and the history "
                 "keeps both sides.")
MERGE_NO_UNDO = (_NO_UNDO + "splitting the segment again at the same place puts them back, "
                 "and the history keeps both.")


def cursor_offset(edit: QTextEdit) -> int:
    """Where the cursor is in the stored text (each tag one character)."""
    return len(stored_text(edit.document(), 0, edit.textCursor().position()))


def _shown(text: str, limit: int = 60) -> str:
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SplitMergeActions:
    """Splits the open segment where the cursor is, or merges it with the next one."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def add_actions(self, table: ActionTable) -> None:
        """Put both actions in the Segment menu."""
        table.add(SPLIT, self.split_at_cursor)
        table.add(MERGE, self.merge_with_next)

    def _ready(self, title: str) -> int | None:
        """The open segment's position with its typing saved; None (and a message) if
        nothing can change now."""
        window = self._window
        position = window.editor.position
        if window.busy or not 0 <= position < window.model.rowCount():
            return None
        if window.session.read_only:
            window.interaction.error(title, "The project is open read-only.")
            return None
        window.editing.save_pending()
        return position

    def split_at_cursor(self) -> bool:
        """Split the open segment at the cursor in the correction (or in the MT)."""
        title = "Split segment"
        position = self._ready(title)
        if position is None:
            return False
        editor = self._window.editor
        segment = self._window.session.segment(position)
        if editor.mt_view.hasFocus():
            mt_at = cursor_offset(editor.mt_view)
            correction_at = corresponding_offset(segment.mt, segment.text, mt_at)
        else:
            correction_at = cursor_offset(editor.correction_edit)
            mt_at = corresponding_offset(segment.text, segment.mt, correction_at)
        source_at = None
        if segment.source:
            placed = cursor_offset(editor.source_view)
            source_at = placed if 0 < placed < len(segment.source) else None
        where = "at the cursor in the source" if source_at is not None \
            else "not split: it stays with the first part (click in it to choose)"
        question = (f"Split segment {position + 1} into\n\n"
                    f"MT: {_shown(segment.mt[:mt_at].rstrip())} | "
                    f"{_shown(segment.mt[mt_at:].lstrip())}\n"
                    f"Correction: {_shown(segment.text[:correction_at].rstrip())} | "
                    f"{_shown(segment.text[correction_at:].lstrip())}\n"
                    f"Source: {where if segment.source else 'none'}\n\n{SPLIT_NO_UNDO}")
        if not self._window.interaction.confirm(title, question):
            return False
        session = self._window.session
        return self._apply(title, position, lambda author: session.split(
            position, mt_at, author, source_at, correction_at))

    def merge_with_next(self) -> bool:
        """Merge the open segment with the next one."""
        title = "Merge with next segment"
        position = self._ready(title)
        if position is None:
            return False
        if position == self._window.model.rowCount() - 1:
            self._window.interaction.error(title, f"Segment {position + 1} is the last "
                                           "segment: there is no next one to merge it with.")
            return False
        question = f"Merge segment {position + 1} with segment {position + 2}?\n\n{MERGE_NO_UNDO}"
        if not self._window.interaction.confirm(title, question):
            return False
        session = self._window.session
        return self._apply(title, position, lambda author: session.merge(position, author))

    def _apply(self, title: str, position: int,
               change: Callable[[str], RestructureResult]) -> bool:
        """Run the change off the GUI thread (later segments are renumbered), then show
        the project afresh: new rows, no undo steps, pending scores scored."""
        window = self._window
        author = window.author()
        window.editing.stop_drafts()

        def done(_result: object) -> None:
            window.show_session()
            window.activateWindow()  # back from the progress dialog, keys to the editor
            window.select_row(position)

        def failed(message: str) -> None:
            if message:
                window.interaction.error(title, message)

        return window.tasks.run(f"{title}…", lambda _progress: change(author), done, failed,
                                cancellable=False, title=title)
