"""The open segment's comments beside the editor: add, edit, resolve and reopen them.

Keyboard: Ctrl+M (``add_comment``) puts the keyboard in the comment box, Enter saves and
goes back to the correction, Esc goes back without saving. In the list, Space resolves or
reopens the selected comment (its check box), Enter or F2 edits it. The buttons are for
the mouse and take no focus, so Tab never lands on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.comments import Comment
from reviewer.core.errors import ReviewerError
from reviewer.ui.history_model import local_time

if TYPE_CHECKING:
    from reviewer.session import ReviewSession
    from reviewer.ui.segment_model import SegmentTableModel

SessionOf = Callable[[], "ReviewSession | None"]
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a list item's comment id
ADD_HINT = "Add a comment: Enter saves, Esc goes back"


def comment_label(comment: Comment) -> str:
    """A list entry: who and when, then the text."""
    return f"{comment.author} · {local_time(comment.created_at)}\n{comment.text}"


class CommentsPanel(QWidget):
    """Comments of one segment; changes are saved at once through the session."""

    commentsChanged = Signal(int, int)  # position, how many open comments it has now
    finished = Signal()  # saved or cancelled: the keyboard goes back to the correction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentsPanel")
        self._session_of: SessionOf = lambda: None
        self._author_of: Callable[[], str] = lambda: "editor"
        self._position = -1
        self._editing: int | None = None  # the comment whose text the box holds
        self._loading = False

        self.heading = QLabel("Comments")
        self.heading.setObjectName("commentsHeading")
        self.list = QListWidget()
        self.list.setObjectName("commentsList")
        self.list.setWordWrap(True)
        self.list.setToolTip("Checked: resolved. Space resolves or reopens, Enter edits.")
        self.input = QLineEdit()
        self.input.setObjectName("commentInput")
        self.input.setPlaceholderText("Add a comment (Ctrl+M)")
        self.input.setClearButtonEnabled(True)
        self.add_button = QPushButton("Add")
        self.edit_button = QPushButton("Edit")
        self.resolve_button = QPushButton("Resolve")
        for button, name in ((self.add_button, "commentAddButton"),
                             (self.edit_button, "commentEditButton"),
                             (self.resolve_button, "commentResolveButton")):
            button.setObjectName(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message = QLabel()
        self.message.setObjectName("commentMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.input)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.setMinimumWidth(200)
        self.setMaximumWidth(320)

        self.input.returnPressed.connect(self.save)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button.clicked.connect(self.edit_selected)
        self.resolve_button.clicked.connect(self.toggle_selected)
        self.list.itemChanged.connect(self._on_list_item_changed)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.input.installEventFilter(self)
        self.list.installEventFilter(self)
        self._show_state()

    # -- what the window tells -----------------------------------------------------------

    def bind(self, session_of: SessionOf, author_of: Callable[[], str],
             model: SegmentTableModel | None = None) -> None:
        """Where comments are kept and who writes them; ``model`` gets the row marks."""
        self._session_of = session_of
        self._author_of = author_of
        if model is not None:
            model.set_comment_source(lambda: self._counts(session_of))
            self.commentsChanged.connect(model.set_open_comments)
        self.show_segment(self._position)

    def show_segment(self, position: int) -> None:
        """Show the comments of the segment at ``position`` (-1: none)."""
        if position != self._position:
            self._cancel_edit()
            self.input.clear()
        self._position = position
        self._say("")
        self._reload()

    def comments(self) -> list[Comment]:
        """The comments shown, oldest first (resolved ones included)."""
        session = self._session_of()
        if session is None or self._position < 0:
            return []
        return session.comments(self._position, include_resolved=True)

    # -- actions (each reachable from the keyboard) --------------------------------------

    def add_comment(self) -> None:
        """Ctrl+M: put the keyboard in the comment box; with text there already, save it."""
        if self.input.hasFocus() and self.input.text().strip():
            self.save()
            return
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.input.selectAll()

    def save(self) -> None:
        """Save the box as a new comment, or as the new text of the one being edited."""
        session = self._session_of()
        text = self.input.text()
        if session is None or self._position < 0 or not text.strip():
            return
        try:
            if self._editing is None:
                session.add_comment(self._position, text, self._author_of())
            else:
                session.edit_comment(self._editing, text, self._author_of())
        except ReviewerError as error:
            self._say(str(error))  # the text stays in the box
            return
        self._cancel_edit()
        self.input.clear()
        self._changed()
        self.finished.emit()

    def edit_selected(self) -> None:
        """Put the selected comment's text in the box to change it (Enter saves)."""
        comment = self._selected()
        if comment is None or self._read_only():
            return
        self._editing = comment.id
        self.input.setText(comment.text)
        self._show_state()
        self.input.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_selected(self) -> None:
        """Resolve the selected comment, or reopen it if it is resolved."""
        comment = self._selected()
        if comment is not None:
            self._set_resolved(comment.id, not comment.resolved)

    def cancel(self) -> None:
        """Esc: leave the box (an edit is abandoned, typed text kept) and go back."""
        if self._editing is not None:
            self._cancel_edit()
            self.input.clear()
        self.finished.emit()

    # -- inside --------------------------------------------------------------------------

    def _set_resolved(self, comment_id: int, resolved: bool) -> None:
        session = self._session_of()
        if session is None:
            return
        try:
            if resolved:
                session.resolve_comment(comment_id, self._author_of())
            else:
                session.reopen_comment(comment_id, self._author_of())
        except ReviewerError as error:
            self._say(str(error))
            self._reload()
            return
        self._changed(select=comment_id)

    def _changed(self, select: int | None = None) -> None:
        comments = self._reload(select)
        self.commentsChanged.emit(self._position, sum(not c.resolved for c in comments))

    def _reload(self, select: int | None = None) -> list[Comment]:
        try:
            comments = self.comments()
        except ReviewerError as error:
            self._say(str(error))
            comments = []
        selected = select if select is not None else self._selected_id()
        checkable = not self._read_only()
        self._loading = True
        self.list.clear()
        for comment in comments:
            item = QListWidgetItem(comment_label(comment))
            item.setData(ID_ROLE, comment.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable if checkable else flags)
            item.setCheckState(Qt.CheckState.Checked if comment.resolved
                               else Qt.CheckState.Unchecked)
            item.setToolTip(f"{comment.text}\n— {comment.author}, "
                            f"{local_time(comment.created_at)}; {comment.revisions} revision(s)"
                            + (f"; resolved by {comment.updated_by}" if comment.resolved else ""))
            if comment.resolved:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
            if comment.id == selected:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self._loading = False
        open_count = sum(not c.resolved for c in comments)
        self.heading.setText(f"Comments ({open_count} open)" if comments else "Comments")
        self._show_state()
        return comments

    def _show_state(self) -> None:
        read_only = self._read_only()
        has_segment = self._position >= 0 and self._session_of() is not None
        self.input.setEnabled(has_segment and not read_only)
        self.input.setPlaceholderText(
            "Read-only: comments cannot be added" if read_only else
            f"Editing comment {self._editing}: Enter saves, Esc cancels"
            if self._editing is not None else "Add a comment (Ctrl+M)")
        self.add_button.setText("Save" if self._editing is not None else "Add")
        self.add_button.setEnabled(has_segment and not read_only)
        selected = self._selected()
        self.edit_button.setEnabled(selected is not None and not read_only)
        self.resolve_button.setEnabled(selected is not None and not read_only)
        self.resolve_button.setText("Reopen" if selected is not None and selected.resolved
                                    else "Resolve")

    def _read_only(self) -> bool:
        session = self._session_of()
        return session is not None and session.read_only

    def _selected_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def _selected(self) -> Comment | None:
        comment_id = self._selected_id()
        session = self._session_of()
        if comment_id is None or session is None:
            return None
        try:
            return session.comment(comment_id)
        except ReviewerError:
            return None

    def _cancel_edit(self) -> None:
        if self._editing is not None:
            self._editing = None
            self._show_state()

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    @staticmethod
    def _counts(session_of: SessionOf) -> dict[int, int]:
        session = session_of()
        return {} if session is None else session.open_comment_counts()

    def _leave(self) -> None:
        self.finished.emit()

    def _on_add_button_clicked(self) -> None:
        if self.input.text().strip():
            self.save()
        else:
            self.add_comment()

    def _on_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        self._set_resolved(int(item.data(ID_ROLE)), item.checkState() == Qt.CheckState.Checked)

    def _on_list_current_item_changed(self, current: QListWidgetItem | None,
                                      previous: QListWidgetItem | None) -> None:
        if not self._loading:
            self._show_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter, F2 and Esc belong to the box and the list, whatever the menus bind."""
        if event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) \
                or not isinstance(event, QKeyEvent) \
                or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if watched is self.input and key == Qt.Key.Key_Escape:
            action: Callable[[], None] = self.cancel
        elif watched is self.list and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                              Qt.Key.Key_F2):
            action = self.edit_selected
        elif watched is self.list and key == Qt.Key.Key_Escape:
            action = self._leave
        else:
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes here as a key press, not to a shortcut
            return True
        action()
        return True
