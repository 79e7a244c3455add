"""Translation memory in the window: the match pane's dock, its lookups off the GUI thread,
Ctrl+1…3 to insert a match, Tools → Add translation memory… and Concordance (Ctrl+K).

A lookup runs whenever a segment is shown and after every saved step (a confirm grows the
project's memory); only the newest lookup's matches are shown, so moving quickly through
the segments never waits for one.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMenu
from shiboken6 import Shiboken

from reviewer.session import ReviewSession
from reviewer.ui.actions import ActionSpec
from reviewer.ui.commands import TypingCommand
from reviewer.ui.concordance_actions import ConcordanceActions
from reviewer.ui.latest_job import LatestJob
from reviewer.ui.match_pane import INSERT_KEYS, MatchPane

if TYPE_CHECKING:
    from reviewer.core.memory import TmMatch
    from reviewer.ui.main_window import MainWindow

MENU = "&Tools"
INSERTS = tuple(ActionSpec(f"tools.insert_match_{number}", MENU, f"Insert match &{number}",
                           (f"Ctrl+{number}",)) for number in range(1, INSERT_KEYS + 1))
ADD_MEMORY = ActionSpec("tools.add_memory", MENU, "Add translation &memory…",
                        separator_before=True)
MEMORY_FILTER = ("Translation memories (*.tmx *.tsv *.tab *.txt *.review);;"
                 "TMX (*.tmx);;Tab-separated (*.tsv *.tab *.txt);;"
                 "Review projects (*.review);;All files (*)")
MATCH_LIMIT = 5
MIN_SCORE = 50

Found = tuple[ReviewSession, int, str, bool, list["TmMatch"]]  # session, position, key, …


def tools_menu(window: MainWindow) -> QMenu:
    """The Tools menu, before Help (made by whichever part comes first)."""
    table = window.action_table
    menu = table.menus.get(MENU)
    if menu is None:
        menu = QMenu(MENU, window)
        window.menuBar().insertMenu(table.menus["&Help"].menuAction(), menu)
        table.menus[MENU] = menu
    return menu


class MatchActions(QObject):
    """Keeps the Translation memory pane on the open segment; inserts and adds matches."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.pane = MatchPane()
        self.dock = QDockWidget("Translation memory", window)
        self.dock.setObjectName("matchDock")
        self.dock.setWidget(self.pane)
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self._lookups = LatestJob(self)
        self._lookups.succeeded.connect(self._on_lookups_succeeded)
        self._lookups.failed.connect(self._on_lookups_failed)
        self._shown = -1  # the segment whose matches (or lookup) the pane shows
        self._index = window.undo_stack.index()
        tools_menu(window)
        table = window.action_table
        for number, spec in enumerate(INSERTS, start=1):
            table.add(spec, partial(self.insert_match, number))
        self.concordance = ConcordanceActions(window)  # Ctrl+K
        table.add(ADD_MEMORY, self.add_memory_dialog)
        table.menus["&View"].addAction(self.dock.toggleViewAction())
        window.editor.segmentLoaded.connect(self._on_editor_segment_loaded)
        window.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self._closing = False
        window.installEventFilter(self)  # its closing waits for the lookups (below)

    def wait(self) -> None:
        """Let the lookup and the search that run end (the project is about to close: a
        thread must not read a closed project)."""
        self._lookups.wait()
        self.concordance.wait()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self._closing = True  # before the window saves the typing and closes the project
            self.wait()
            self.concordance.close()
        return False

    # -- looking up ----------------------------------------------------------------------

    def lookup(self) -> None:
        """Look up the open segment's matches in the background; the pane shows them."""
        window = self._window
        position = window.editor.position
        if self._closing:
            return
        if position < 0 or position >= window.model.rowCount():
            self._lookups.drop()
            self._shown = -1
            self.pane.show_message("No segment")
            return
        if window.tasks.busy:  # a long write holds the project: looked up when it ends
            return
        session = window.session
        segment = window.model.segment(position)
        use_source = session.has_source() and segment.source is not None
        key = segment.source if use_source and segment.source is not None else segment.mt
        if position != self._shown:
            self._shown = position
            self.pane.show_message(f"Segment {position + 1}: looking up…")

        def job(_progress: object) -> Found:
            return session, position, key, use_source, session.matches(
                position, min_score=MIN_SCORE, limit=MATCH_LIMIT)

        self._lookups.request(job)

    def _on_lookups_succeeded(self, result: object) -> None:
        session, position, key, use_source, matches = cast(Found, result)
        window = self._window
        if session is not window.session or position != window.editor.position:
            return  # another project or segment since
        self._shown = position
        self.pane.show_matches(position, matches, key, use_source, not session.read_only)

    def _on_lookups_failed(self, message: str) -> None:
        self.pane.show_message(f"Translation memory not looked up: {message}")

    # -- inserting -----------------------------------------------------------------------

    def insert_match(self, number: int) -> None:
        """Ctrl+1…3: match ``number``'s target in the correction, one undoable step."""
        window = self._window
        edit = window.editor.correction_edit
        position = window.editor.position
        if window.session.read_only:
            self._say("Read-only: a match cannot be inserted (you can still look and search).")
            return
        if position < 0 or edit.isReadOnly():
            self._say("This segment cannot be edited.")
            return
        matches = self.pane.matches if self._shown == position else []
        if len(matches) < number:
            self._say(f"Segment {position + 1} has no match {number}"
                      + (" yet (looking up)." if self._lookups.busy else "."))
            return
        match = matches[number - 1]
        if not edit.hasFocus():
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        # a step of its own, as copying the MT in is: Ctrl+Z brings back the text before it
        window.editing.as_step(f"Insert match {number} into segment {position + 1}",
                               lambda: window.editor.replace_text(match.target))
        self._say(f"Inserted match {number} ({match.score}%) into the correction "
                  "(Ctrl+Z takes it back).")

    # -- adding a memory -----------------------------------------------------------------

    def add_memory_dialog(self) -> None:
        """Tools → Add translation memory…: a TMX, TSV or project file, added in a task."""
        window = self._window
        if window.session.read_only:
            window.interaction.error("Translation memory not added",
                                     "This project is open read-only: nothing can be added "
                                     "to its translation memory.")
            return
        path = window.interaction.open_file("Add translation memory", MEMORY_FILTER)
        if path is not None:
            self.add_memory(path)

    def add_memory(self, path: Path) -> bool:
        """Add the units of ``path`` to the project's memory in a task with progress."""
        window = self._window
        if window.busy:
            return False
        window.save_pending()  # the task's dialog keeps the keyboard from the editor
        session = window.session
        return window.tasks.run(f"Adding {path.name} to the translation memory…",
                                lambda progress: (session.add_memory(path, progress),
                                                  session.memory_size()),
                                lambda result: self._on_memory_added(path, result),
                                lambda message: self._on_memory_failed(path, message),
                                cancellable=False, title="Add translation memory")

    def _on_memory_added(self, path: Path, result: object) -> None:
        added, size = cast(tuple[int, int], result)
        self._window.statusBar().showMessage(
            f"Added {added} unit(s) from {path.name}; the translation memory holds {size}.",
            8000)
        self.lookup()

    def _on_memory_failed(self, path: Path, message: str) -> None:
        if message:
            self._window.interaction.error("Translation memory not added",
                                           f"{path.name}: {message}")
        self.lookup()

    # -- inside --------------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 6000)

    def _on_editor_segment_loaded(self, _position: int) -> None:
        self.lookup()

    def _on_undo_stack_index_changed(self, index: int) -> None:
        stack = self._window.undo_stack
        if not Shiboken.isValid(stack):  # the window is going
            return
        before, self._index = self._index, index
        changed = stack.command(index - 1 if index > before else index)  # done or undone
        if isinstance(changed, TypingCommand):
            return  # typing changes no memory
        self.lookup()  # a saved step (a confirm, its undo) may have changed the memory
