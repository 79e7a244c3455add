"""Comments in the window: add from the keyboard, the row's mark, resolve, reopen the project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qt_helpers import press, type_text

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from reviewer.session import ReviewSession
from reviewer.ui.comment_marks import COMMENTS_ROLE
from reviewer.ui.comments_panel import CommentsPanel
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_INDEX


def hooked(window: MainWindow, qtbot=None) -> CommentsPanel:  # type: ignore[no-untyped-def]
    """The window's comments panel, bound as the main window's hook line binds it (with
    ``qtbot``: once the window is active, as a window the editor works in is)."""
    if qtbot is not None:
        qtbot.waitUntil(window.isActiveWindow)
    panel = window.editor.comments_panel
    panel.bind(lambda: window.session, window.author, window.model)
    return panel


def mark(window: MainWindow, row: int) -> tuple[int, object]:
    index = window.model.index(row, COL_INDEX)
    return (window.model.data(index, COMMENTS_ROLE),
            window.model.data(index, Qt.ItemDataRole.DecorationRole))


def test_add_resolve_and_find_it_again_after_reopening(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    panel = hooked(window, qtbot)
    row = window.editor.position
    assert mark(window, row) == (0, None)

    panel.add_comment()  # Ctrl+M in the menu
    assert QApplication.focusWidget() is panel.input
    type_text(panel.input, "Check the headline")
    press(panel.input, Qt.Key.Key_Return)

    assert QApplication.focusWidget() is window.editor.correction_edit  # back to work
    assert [c.text for c in panel.comments()] == ["Check the headline"]
    assert panel.comments()[0].author == "tester"
    count, icon = mark(window, row)
    assert count == 1 and icon is not None
    assert "1 open comment" in window.model.data(window.model.index(row, COL_INDEX),
                                                 Qt.ItemDataRole.ToolTipRole)
    assert panel.heading.text() == "Comments (1 open)"

    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    press(panel.list, Qt.Key.Key_Space)  # the check box: resolved
    assert panel.comments()[0].resolved
    assert mark(window, row) == (0, None)
    press(panel.list, Qt.Key.Key_Space)  # and open again
    assert not panel.comments()[0].resolved
    assert mark(window, row)[0] == 1
    window.close()

    again = open_window(seed_project)
    panel = hooked(again, qtbot)
    assert [c.text for c in panel.comments()] == ["Check the headline"]
    assert mark(again, row)[0] == 1
    assert mark(again, row + 1) == (0, None)


def test_edit_keeps_history_and_escape_goes_back(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    panel = hooked(window, qtbot)
    panel.add_comment()
    type_text(panel.input, "Fisrt")
    press(panel.input, Qt.Key.Key_Return)
    panel.list.setFocus()
    press(panel.list, Qt.Key.Key_F2)  # edit the selected comment
    assert QApplication.focusWidget() is panel.input and panel.input.text() == "Fisrt"
    panel.input.clear()
    type_text(panel.input, "First")
    press(panel.input, Qt.Key.Key_Return)
    comment = panel.comments()[0]
    assert comment.text == "First" and comment.revisions == 2
    assert [h.text for h in window.session.comment_history(comment.id)] == ["Fisrt", "First"]

    panel.add_comment()
    type_text(panel.input, "never mind")
    press(panel.input, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.editor.correction_edit
    assert len(panel.comments()) == 1


def test_the_panel_follows_the_segment_and_tab_skips_its_buttons(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(seed_project)
    panel = hooked(window, qtbot)
    panel.add_comment()
    type_text(panel.input, "On the first segment")
    press(panel.input, Qt.Key.Key_Return)
    first = window.editor.position
    window.table.setCurrentIndex(window.model.index(first + 1, COL_INDEX))
    assert window.editor.position == first + 1
    assert panel.comments() == [] and panel.list.count() == 0
    for button in (panel.add_button, panel.edit_button, panel.resolve_button):
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_read_only_window_shows_comments_but_takes_none(
        seed_project: Path, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    writer = ReviewSession.open(seed_project)
    writer.add_comment(0, "From the command line", "anna")
    writer.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ReviewSession.open(seed_project, read_only=True), settings=settings)
    qtbot.addWidget(window)
    panel = hooked(window)
    window.table.setCurrentIndex(window.model.index(0, COL_INDEX))
    assert [c.text for c in panel.comments()] == ["From the command line"]
    assert not panel.input.isEnabled()
    assert "Read-only" in panel.input.placeholderText()
    item = panel.list.item(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert mark(window, 0)[0] == 1
    window.close()
