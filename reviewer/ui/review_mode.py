"""Reviewer mode: the MT shown with the editor's and the reviewer's track changes, Accept
and Reject with a comment, and every save made as the reviewer's revision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from reviewer.ui.actions import ActionSpec
from reviewer.ui.settings import Setting

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

REVIEWER_MODE = Setting("window/reviewer_mode", False)  # remembered per window settings
TOGGLE = ActionSpec("view.reviewer_mode", "&View", "&Reviewer mode", ("Ctrl+Alt+R",),
                    separator_before=True)
OPEN = ActionSpec("file.open_reviewer", "&File", "Open as re&viewer…")
ACCEPT = ActionSpec("segment.review_accept", "&Segment", "&Accept as reviewed",
                    ("Ctrl+Alt+A",), separator_before=True)
REJECT = ActionSpec("segment.review_reject", "&Segment", "&Reject with a comment…",
                    ("Ctrl+Alt+J",))
NOTE_TIP = ("Reviewer mode: the MT shows the editor's edits in blue and yours in another "
            "colour; Ctrl+Enter or Accept saves the segment reviewed, Reject sends it back "
            "with a comment.")


class ReviewMode(QObject):
    """Switches the window between the editor's and the reviewer's work."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.active = False
        table = window.action_table
        self.toggle_action = table.add(TOGGLE)
        self.toggle_action.setCheckable(True)
        self.toggle_action.toggled.connect(self.set_active)
        self.open_action = table.add(OPEN, self.open_as_reviewer)
        files = table.menus["&File"]  # beside Open, not after Quit
        files.removeAction(self.open_action)
        files.insertAction(table.action("file.export"), self.open_action)
        self.accept_action = table.add(ACCEPT, self.accept_current)
        self.reject_action = table.add(REJECT, self.reject_current)
        self.note = QLabel("Reviewer")
        self.note.setObjectName("reviewerNote")
        self.note.setToolTip(NOTE_TIP)
        self.note.setStyleSheet("font-weight: bold; padding: 0 8px;")
        window.statusBar().insertPermanentWidget(0, self.note)
        window.editor.segmentLoaded.connect(self._on_editor_segment_loaded)
        self.set_active(window.settings.get(REVIEWER_MODE))

    def set_active(self, active: bool) -> None:
        """Turn reviewer mode on or off (and remember it)."""
        window = self._window
        self.active = active
        if self.toggle_action.isChecked() != active:
            self.toggle_action.setChecked(active)  # comes back here once, changing nothing
        window.settings.set(REVIEWER_MODE, active)
        self.note.setVisible(active)
        self.update_actions()
        self.show_changes()

    def update_actions(self) -> None:
        """Accept and Reject work in reviewer mode on a project open for writing."""
        usable = self.active and not self._window.session.read_only
        self.accept_action.setEnabled(usable)
        self.reject_action.setEnabled(usable)

    def show_changes(self) -> None:
        """The open segment's MT with the track changes (reviewer mode) or the plain diff."""
        editor = self._window.editor
        position = editor.position
        valid = 0 <= position < self._window.model.rowCount()
        editor.review_base = self._window.session.editor_text(position) \
            if self.active and valid else None
        editor.refresh_colours()

    def open_as_reviewer(self) -> None:
        """File → Open as reviewer: pick a project and open it in reviewer mode."""
        from reviewer.ui.project_actions import PROJECT_FILTER

        window = self._window
        path = window.interaction.open_file("Open a project as reviewer", PROJECT_FILTER)
        if path is not None and window.open_project(path):
            self.set_active(True)

    def accept_current(self) -> None:
        """Save the open segment reviewed (the reviewer's typing, if any) and move on."""
        if self.active:
            self._window.editing.confirm_current()  # reviewer mode: accept or review edit

    def reject_current(self) -> None:
        """Send the open segment back to the editor with a comment, and move on."""
        window = self._window
        position = window.editor.position
        if not self.active or position < 0 or window.session.read_only or window.busy:
            return
        if window.editor.text() != window.model.segment(position).text:
            window.statusBar().showMessage(
                "Reject keeps the editor's saved text: take your typing back (Ctrl+Z) or "
                "accept it as your edit.", 8000)
            return
        comment = window.interaction.ask_text(f"Reject segment {position + 1}",
                                              "Why? (the editor sees this as a comment)")
        if comment is None:
            return
        if not comment.strip():
            window.statusBar().showMessage("A rejection needs a reason: nothing was saved.",
                                           6000)
            return
        session = window.session
        if not window.editing.push_review(
                position, f"Reject segment {position + 1}",
                lambda author: session.review_reject(position, author, comment)):
            return
        window.model.set_open_comments(position, len(session.comments(position)))
        window.editor.comments_panel.show_segment(position)
        following = window.filters.shown_after(position)
        if following >= 0:
            window.select_row(following)

    def _on_editor_segment_loaded(self, _position: int) -> None:
        if self.active:
            self.show_changes()
