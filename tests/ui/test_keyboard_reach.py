"""Every task without the mouse, with real key events where the keyboard is: dialogs take
the keyboard when they open or are asked for again, no two mnemonics of a window share a
letter, the replace preview shows each change, the history panel, sorting, the label
dialog's width."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from qt_helpers import select_all_and_delete, type_text

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QWidget,
)

from reviewer.session import ReviewSession
from reviewer.ui.compare_dialogs import VersionCompareDialog
from reviewer.ui.interaction import Interaction
from reviewer.ui.main_window import MainWindow
from reviewer.ui.new_project_dialog import NewProjectDialog
from reviewer.ui.qa_dialog import QaDocumentDialog
from reviewer.ui.qa_settings_dialog import QaSettingsDialog
from reviewer.ui.replace_dialog import ReplaceDialog
from reviewer.ui.replace_preview import COL_AFTER, COL_BEFORE, COL_COUNT, ReplacePreview
from reviewer.ui.segment_model import COL_HTER, COL_INDEX
from reviewer.ui.shortcuts_dialog import ShortcutsDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


def key(qtbot, which: Qt.Key, modifiers: Qt.KeyboardModifier = NONE) -> None:  # type: ignore[no-untyped-def]
    """A real key press where the keyboard is now."""
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard"
    qtbot.keyClick(widget, which, modifiers)


@pytest.fixture
def shy_window_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Window managers that prevent focus stealing (as on the user's X11 desktop): a
    non-modal window shown leaves the keyboard where it was unless the app activates it.
    (The offscreen platform activates every window it shows.)"""
    show = QWidget.show

    def shy_show(widget: QWidget) -> None:
        before = QApplication.activeWindow()
        show(widget)
        if widget.isWindow() and not widget.isModal() and before is not None \
                and before is not widget:
            before.activateWindow()

    monkeypatch.setattr(QWidget, "show", shy_show)


@pytest.fixture
def window(window: MainWindow, qtbot, shy_window_manager: None) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window, active, the keyboard in the correction."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    yield window
    for dialog in list(window._dialogs):
        dialog.close()


def active_is(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Wait until ``widget`` is the active window (the keyboard's)."""
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)


# -- 1. dialogs take the keyboard --------------------------------------------------------

def test_find_and_replace_takes_the_keyboard_and_keeps_it_after_a_preview(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    key(qtbot, Qt.Key.Key_H, CTRL)
    dialog = next(d for d in window._dialogs if isinstance(d, ReplaceDialog))
    active_is(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.find_edit
    type_text(QApplication.focusWidget(), "Putin")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "Vladimir Putin")
    assert dialog.replace_edit.text() == "Vladimir Putin"
    key(qtbot, Qt.Key.Key_O, ALT)  # whole words
    qtbot.waitUntil(dialog.whole_word.isChecked)
    key(qtbot, Qt.Key.Key_P, ALT)  # Preview: worked out in a task with a progress dialog
    qtbot.waitUntil(lambda: dialog.preview.model.rowCount() > 0, timeout=20000)
    qtbot.waitUntil(lambda: not window.busy)
    active_is(qtbot, dialog)  # the progress dialog gone, the keyboard is back here
    assert window.editor.text() == window.model.segment(window.editor.position).text
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    window.activateWindow()  # asked for again from the main window: back to the front
    active_is(qtbot, window)
    window.editor.focus_correction()
    key(qtbot, Qt.Key.Key_H, CTRL)
    dialog = next(d for d in window._dialogs if isinstance(d, ReplaceDialog)
                  and d.isVisible())
    active_is(qtbot, dialog)
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_compare_versions_opens_active_and_escape_closes_it(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.label_version("v1")
    window.activateWindow()
    active_is(qtbot, window)
    window.editor.focus_correction()
    window.action_table.action("versions.compare").trigger()
    dialog = next(d for d in window._dialogs if isinstance(d, VersionCompareDialog))
    qtbot.waitUntil(lambda: not dialog.comparing and not window.busy, timeout=20000)
    active_is(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.old_box
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_check_document_comes_back_to_the_front_on_f9(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        shy_window_manager: None, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = ReviewSession.open(seed_project)
    session.edit(2, "The President of Russia,  Vladimir Putin, is convinced.", "anna")
    session.edit(1, "SOCHI, October.", "anna")
    session.close()
    window = open_window(seed_project)
    window.activateWindow()
    active_is(qtbot, window)
    window.editor.focus_correction()
    key(qtbot, Qt.Key.Key_F9)
    dialog = window.qa.dialog
    assert isinstance(dialog, QaDocumentDialog)
    active_is(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.tree
    key(qtbot, Qt.Key.Key_Return)  # goes to the warning's segment, in the main window
    active_is(qtbot, window)
    assert window.editor.position == 1
    key(qtbot, Qt.Key.Key_F9)  # the list again, in front, the keyboard in it
    assert window.qa.dialog is dialog
    active_is(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.tree
    key(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


# -- 2. mnemonics ------------------------------------------------------------------------

def mnemonic(text: str) -> str | None:
    """The letter of ``&X`` in ``text`` (``&&`` is a plain ampersand)."""
    found = re.search(r"&(?!&)(.)", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def mnemonic_clashes(window: QWidget) -> dict[str, list[str]]:
    """Mnemonic letters that more than one text of ``window`` uses (menu bar titles,
    buttons, check boxes, labels with a buddy, group boxes)."""
    texts: list[str] = []
    if isinstance(window, QMainWindow):
        texts += [action.text() for action in window.menuBar().actions()]
    for widget in window.findChildren(QWidget):
        if widget.window() is not window:
            continue  # another window (a dialog parented to this one)
        if isinstance(widget, QAbstractButton) \
                or isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
    letters: dict[str, list[str]] = {}
    for text in texts:
        letter = mnemonic(text)
        if letter is not None:
            letters.setdefault(letter, []).append(text)
    return {letter: used for letter, used in letters.items() if len(used) > 1}


def menu_clashes(menu: QMenu) -> dict[str, list[str]]:
    """Mnemonic letters that two items of one menu (or of one of its submenus) share."""
    letters: dict[str, list[str]] = {}
    found: dict[str, list[str]] = {}
    for action in menu.actions():
        letter = mnemonic(action.text())
        if letter is not None:
            letters.setdefault(letter, []).append(action.text())
        if action.menu() is not None:
            found.update(menu_clashes(action.menu()))
    found.update({letter: used for letter, used in letters.items() if len(used) > 1})
    return found


def test_mnemonic_finds_the_letter() -> None:
    assert mnemonic("Replace &with") == "w"
    assert mnemonic("Fish && &chips") == "c"
    assert mnemonic("History") is None


def test_no_two_mnemonics_share_a_letter_in_one_window(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.label_version("v1")
    windows: list[QWidget] = [window, ReplaceDialog(window.batches, window),
                              QaDocumentDialog(window), ShortcutsDialog(window.action_table),
                              QaSettingsDialog(window.qa.session_qa()), NewProjectDialog()]
    for made in windows[3:]:
        qtbot.addWidget(made)
    window.compare_versions_dialog()
    qtbot.waitUntil(lambda: not window.busy, timeout=20000)
    windows += [d for d in window._dialogs if isinstance(d, VersionCompareDialog)]
    clashes = {type(w).__name__: mnemonic_clashes(w) for w in windows}
    assert {name: found for name, found in clashes.items() if found} == {}
    titles = [mnemonic(action.text()) for action in window.menuBar().actions()]
    assert None not in titles  # every menu opens with Alt and its letter
    in_menus = {action.text(): menu_clashes(action.menu())
                for action in window.menuBar().actions()}
    assert {title: found for title, found in in_menus.items() if found} == {}
    for dialog in windows[1:]:
        dialog.close()


# -- 3. the replace preview --------------------------------------------------------------

def test_replace_preview_shows_its_headers_and_every_change_of_a_long_segment(
        qtbot) -> None:  # type: ignore[no-untyped-def]
    preview = ReplacePreview()
    qtbot.addWidget(preview)
    preview.resize(760, 400)
    preview.show()
    words = " ".join(f"word{n}" for n in range(120))
    old = f"Putin opens. {words} and at the very end Putin again."
    new = old.replace("Putin", "Vladimir Putin")
    preview.show_changes([(4, old, new, 2)])
    header = preview.table.horizontalHeader()
    for column in range(preview.model.columnCount()):
        assert header.sectionSize(column) >= header.sectionSizeHint(column), column
    assert preview.model.headerData(COL_COUNT, Qt.Orientation.Horizontal) == "Replacements"

    index = preview.model.index(0, COL_AFTER)
    after = index.data()
    assert after.count("Vladimir Putin") == 2  # both changes, the one at the end too
    assert "…" in after and "word60" not in after  # the unchanged middle left out
    before = preview.model.index(0, COL_BEFORE).data()
    assert before.count("Putin") == 2 and "very end Putin again." in before
    assert preview.model.index(0, COL_AFTER).data(Qt.ItemDataRole.ToolTipRole) == new
    for column in (COL_BEFORE, COL_AFTER):  # all of it fits in its cell
        text = preview.model.index(0, column).data()
        width = preview.table.columnWidth(column) - 8
        needed = preview.table.fontMetrics().boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        assert needed <= preview.table.rowHeight(0), (column, text)


# -- 4. the history panel ----------------------------------------------------------------

def test_history_panel_is_reached_and_worked_from_the_keyboard(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor.correction_edit
    for text in ("the old words here", "the new words there"):
        select_all_and_delete(editor)
        type_text(editor, text)
        key(qtbot, Qt.Key.Key_Return, CTRL)
        key(qtbot, Qt.Key.Key_Up, ALT)
    window.timeline_dock.raise_()  # History hidden behind the Timeline tab
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    history = window.history
    assert QApplication.focusWidget() is history.table
    assert history.isVisible()
    assert [r.number for r in history.selected_revisions()] == [2]  # the newest at once
    key(qtbot, Qt.Key.Key_Down, SHIFT)  # two revisions selected
    assert history.compare_button.isEnabled()
    key(qtbot, Qt.Key.Key_Tab)  # Tab leaves the table, it does not move cell to cell
    assert QApplication.focusWidget() is not history.table
    window.history.table.setFocus()
    count = len(window._dialogs)
    key(qtbot, Qt.Key.Key_C, ALT)  # Compare (a mnemonic clicks after a moment)
    qtbot.waitUntil(lambda: len(window._dialogs) == count + 1)
    window._dialogs[-1].close()
    window.activateWindow()
    active_is(qtbot, window)
    history.table.setFocus()
    key(qtbot, Qt.Key.Key_Up)
    key(qtbot, Qt.Key.Key_Down)  # one revision: the older one
    assert history.restore_button.isEnabled()
    key(qtbot, Qt.Key.Key_R, ALT)  # Restore
    qtbot.waitUntil(lambda: window.model.segment(0).text == "the old words here")
    assert window.action_table.action("view.history").shortcuts()[0].toString() == \
        "Ctrl+Shift+H"


# -- 5. sorting --------------------------------------------------------------------------

def test_view_sort_by_sorts_and_again_turns_the_order(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    header = window.table.horizontalHeader()
    action = window.action_table.action("view.sort_hter")
    assert action.text().replace("&", "") == "HTER"
    menu = window.action_table.menus["Sort &by"]
    assert menu.menuAction() in window.action_table.menus["&View"].actions()
    action.trigger()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == \
        (COL_HTER, Qt.SortOrder.AscendingOrder)
    action.trigger()
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    window.action_table.action("view.sort_index").trigger()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == \
        (COL_INDEX, Qt.SortOrder.AscendingOrder)
    key(qtbot, Qt.Key.Key_V, ALT)  # the View menu from the keyboard
    view = window.action_table.menus["&View"]
    qtbot.waitUntil(view.isVisible)
    view.close()


# -- 6. the label dialog -----------------------------------------------------------------

def test_the_label_dialog_is_wide_enough_for_its_title(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.interaction = Interaction(window)
    seen: list[tuple[str, int, int]] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        title = dialog.windowTitle()
        seen.append((title, dialog.width(), dialog.fontMetrics().horizontalAdvance(title)))
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(100, look)
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert seen, "the dialog did not open"
    title, width, needed = seen[0]
    assert title == "Label this version"
    # a title bar also holds an icon and three buttons (about 150 pixels)
    assert width >= needed + 200
    assert window.session.versions() == []
