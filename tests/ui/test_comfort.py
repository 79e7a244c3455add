"""Issue 10, comfort: the window as it was left, recent projects, the last export folder,
timeline filters per project, a read-only window, the summary at 1024×700, a first-start tip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction, type_text

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel

from reviewer.session import ReviewSession
from reviewer.ui.interaction import Refusal
from reviewer.ui.main_window import MainWindow, open_or_ask_read_only
from reviewer.ui.segment_model import COL_CORRECTION, COL_HTER
from reviewer.ui.settings import EDITOR_ZOOM, LAST_EXPORT_FOLDER, TIP_DISMISSED, Settings
from reviewer.ui.summary_label import SummaryLabel

CTRL = Qt.KeyboardModifier.ControlModifier


class RecordingInteraction(ScriptedInteraction):
    """Also records where each save dialog would open."""

    def __init__(self) -> None:
        super().__init__()
        self.save_suggestions: list[str] = []

    def save_file(self, title: str, file_filter: str, suggestion: str = "",
                  refuse: Refusal | None = None) -> Path | None:
        self.save_suggestions.append(suggestion)
        return super().save_file(title, file_filter, suggestion, refuse)


@pytest.fixture
def interaction() -> RecordingInteraction:
    return RecordingInteraction()


def activated(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window active, as a user's is (window shortcuts need it)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.editor.focus_correction()
    return window


def settings_of(tmp_path: Path) -> Settings:
    """The settings file the ``open_window`` fixture gives its windows."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def copies(project: Path, *names: str) -> list[Path]:
    made = []
    for name in names:
        made.append(project.with_name(name))
        shutil.copyfile(project, made[-1])
    return made


def test_size_docks_columns_and_zoom_come_back_on_the_next_start(
        open_window: Callable[[Path], MainWindow], seed_project: Path, tmp_path: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    first = activated(qtbot, open_window(seed_project))
    correction, mt = first.editor.correction_edit, first.editor.mt_view
    own_size, own_mt = correction.font().pointSizeF(), mt.font().pointSizeF()
    first.history_dock.close()
    first.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, first.timeline_dock)
    first.resize(780, 690)  # within the offscreen screen (800×800): restored as it is
    first.table.horizontalHeader().resizeSection(COL_HTER, 97)
    qtbot.keyClick(correction, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(correction, Qt.Key.Key_Equal, CTRL)  # Ctrl+= too: no Shift needed
    qtbot.keyClick(correction, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(correction, Qt.Key.Key_Minus, CTRL)
    assert correction.font().pointSizeF() == own_size + 2
    assert mt.font().pointSizeF() == own_mt + 2
    first.close()
    assert settings_of(tmp_path).get(EDITOR_ZOOM) == 2

    second = activated(qtbot, open_window(seed_project))
    assert (second.width(), second.height()) == (780, 690)
    assert second.history_dock.isHidden() and not second.timeline_dock.isHidden()
    assert second.dockWidgetArea(second.timeline_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    assert second.table.horizontalHeader().sectionSize(COL_HTER) == 97
    correction = second.editor.correction_edit
    assert correction.font().pointSizeF() == own_size + 2
    assert second.editor.source_view.font().pointSizeF() > 0
    qtbot.keyClick(correction, Qt.Key.Key_0, CTRL)
    assert correction.font().pointSizeF() == own_size
    assert second.editor.mt_view.font().pointSizeF() == own_mt
    assert settings_of(tmp_path).get(EDITOR_ZOOM) == 0


def test_recent_projects_newest_first_missing_ones_greyed_and_a_list_to_clear(
        open_window: Callable[[Path], MainWindow], seed_project: Path,
        tmp_path: Path) -> None:
    second, third = copies(seed_project, "second.review", "third & more.review")
    window = open_window(seed_project)
    assert window.open_project(second) and window.open_project(third)
    recent = window.recent
    assert recent.paths() == [third.resolve(), second.resolve(), seed_project.resolve()]
    file_menu = window.action_table.menus["&File"]
    assert recent.menu.menuAction() in file_menu.actions()
    assert recent.menu.title() == "&Recent projects"  # Alt+F, R

    second.unlink()
    recent.menu.aboutToShow.emit()  # the menu is filled as it opens
    entries = [action for action in recent.menu.actions() if action.text()[:1] == "&"]
    assert [entry.text().split()[0] for entry in entries][:3] == ["&1", "&2", "&3"]
    assert "third && more.review" in entries[0].text()  # & is shown, not a mnemonic
    assert not entries[1].isEnabled() and "(missing)" in entries[1].text()
    assert entries[0].isEnabled() and entries[2].isEnabled()
    entries[2].trigger()  # the first project, from the menu
    assert window.session.path.resolve() == seed_project.resolve()
    assert recent.paths()[0] == seed_project.resolve()

    again = settings_of(tmp_path)  # kept in the settings
    for number in range(12):
        recent.add(tmp_path / f"p{number}.review")
    assert len(recent.paths()) == 8 and recent.paths()[0] == (tmp_path / "p11.review")
    clear = next(a for a in recent.menu.actions() if a.objectName() == "recentProjectsClear")
    clear.trigger()
    assert recent.paths() == [] and again.value("recent_projects") == "[]"


def test_the_next_export_dialog_opens_where_the_last_export_went(
        open_window: Callable[[Path], MainWindow], seed_project: Path, tmp_path: Path,
        interaction: RecordingInteraction) -> None:
    window = open_window(seed_project)
    window.export_dialog()  # cancelled: the project's folder
    assert Path(interaction.save_suggestions[-1]).parent == seed_project.parent
    out = tmp_path / "deliveries"
    out.mkdir()
    interaction.next_save = out / "valdai-final.txt"
    window.export_dialog()
    assert (out / "valdai-final.txt").is_file()
    interaction.next_save = None
    window.export_dialog()
    assert Path(interaction.save_suggestions[-1]) == out / "valdai-corrected.txt"
    window.version_actions.label_version("v1")
    interaction.next_item = "v1"
    window.export_version_dialog()
    assert Path(interaction.save_suggestions[-1]).parent == out
    window.close()
    assert settings_of(tmp_path).get(LAST_EXPORT_FOLDER) == str(out.resolve())
    shutil.rmtree(out)  # gone: back to the project's folder
    window = open_window(seed_project)
    window.export_dialog()
    assert Path(interaction.save_suggestions[-1]).parent == seed_project.parent


def test_timeline_filters_start_afresh_in_another_project(
        open_window: Callable[[Path], MainWindow], seed_project: Path) -> None:
    (other,) = copies(seed_project, "other.review")
    window = open_window(seed_project)
    window.session.edit(1, "Edited before the filters.", "tester")
    window.show_session()
    timeline = window.timeline
    timeline.segment_box.setValue(3)
    timeline.from_check.setChecked(True)
    timeline.author_box.setCurrentIndex(timeline.author_box.findText("tester"))
    assert timeline.proxy.rowCount() == 0
    assert window.open_project(other)
    assert timeline.segment_box.value() == 0 and not timeline.from_check.isChecked()
    assert timeline.author_box.currentIndex() == 0 and timeline.since_box.currentIndex() == 0
    assert timeline.proxy.segment is None and timeline.proxy.date_from is None


def test_a_read_only_window_says_so_and_takes_no_typing(
        qtbot, seed_project: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        interaction: RecordingInteraction) -> None:
    writer = ReviewSession.open(seed_project)  # another window is editing it
    try:
        interaction.answer = True  # "Open it read-only?"
        session = open_or_ask_read_only(seed_project, interaction)  # type: ignore[arg-type]
        assert session is not None and session.read_only
        window = MainWindow(session, interaction=interaction,  # type: ignore[arg-type]
                            settings=QSettings(str(tmp_path / "settings.ini"),
                                               QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        activated(qtbot, window)
        assert "[read-only]" in window.windowTitle()
        note = window.statusBar().findChild(QLabel, "readOnlyNote")
        assert note is not None and note.isVisible() and note.text() == "Read-only"
        correction = window.editor.correction_edit
        before = correction.toPlainText()
        qtbot.keyClicks(correction, "typed anyway")
        type_text(correction, "!")
        qtbot.keyClick(correction, Qt.Key.Key_Backspace)
        assert correction.toPlainText() == before
        table = window.table  # nor in the table's correction cells
        table.setFocus()
        index = window.model.index(0, COL_CORRECTION)
        table.setCurrentIndex(index)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton,
                          pos=table.visualRect(index).center())
        assert table.state() != QAbstractItemView.State.EditingState
        assert window.session.segment(0).revisions == 0
        window.close()
    finally:
        writer.close()


def test_the_edit_summary_is_never_cut_off_at_1024_by_700(
        window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.height() <= 700  # the whole window fits such a screen
    window.select_row(3)
    type_text(window.editor.correction_edit, " And more words, typed.")
    label = window.editor.scores_label
    qtbot.waitUntil(lambda: "live" in label.text(), timeout=20000)
    QApplication.processEvents()
    assert label.isVisible()
    right = label.mapTo(window, QPoint(label.width(), label.height()))
    assert right.x() <= window.width() and right.y() <= window.height()
    if label.elided:  # shortened, and said in full by the tooltip
        assert label.shown_text().rstrip().endswith("…")
        assert label.plain_text() in label.toolTip()
    else:  # whole
        assert label.sizeHint().width() <= label.width()
        assert label.shown_text() == label.text()


def test_a_summary_longer_than_its_line_ends_in_an_ellipsis_and_the_tooltip_has_it_all(
        qtbot) -> None:  # type: ignore[no-untyped-def]
    label = SummaryLabel()
    qtbot.addWidget(label)
    whole = ("<b>HTER 12.5</b> &nbsp; BLEU 70.1 &nbsp; chrF 80.2 &nbsp; (live; 3 ins, 1 del, "
             "0 sub, 0 shift; chars 4.5%)<br>vs reference: TER 30.0 → <b>20.0</b>")
    label.setText(whole)
    label.setToolTip("What the numbers mean.")
    label.resize(150, 40)
    label.show()
    qtbot.waitExposed(label)
    assert label.elided and label.text() == whole
    lines = label.shown_text().split("\n")
    assert len(lines) == 2 and all(line.endswith("…") for line in lines)
    assert all(label.fontMetrics().horizontalAdvance(line) <= 150 for line in lines)
    assert label.toolTip().startswith(label.plain_text())
    assert label.toolTip().endswith("What the numbers mean.")
    assert label.minimumSizeHint().width() < 150
    label.resize(label.sizeHint().width() + 10, 40)
    assert not label.elided and label.shown_text() == whole
    assert label.toolTip() == "What the numbers mean."


def test_a_first_start_shows_a_tip_that_never_blocks_and_can_go_for_good(
        open_window: Callable[[Path], MainWindow], seed_project: Path, tmp_path: Path,
        qtbot) -> None:  # type: ignore[no-untyped-def]
    window = activated(qtbot, open_window(seed_project))
    tip = window.tip
    assert tip.isVisible() and tip.window() is window  # a banner in the window
    assert QApplication.activeModalWidget() is None
    assert QApplication.focusWidget() is window.editor.correction_edit
    text = tip.label.text()
    for keys in ("Ctrl+Enter", "Alt+Down", "F8", "Ctrl+F", "Keyboard shortcuts"):
        assert keys in text
    qtbot.mouseClick(tip.close_button, Qt.MouseButton.LeftButton)  # only for now
    assert not tip.isVisible()
    window.close()

    window = open_window(seed_project)
    assert window.tip.isVisible()
    qtbot.mouseClick(window.tip.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.tip.isVisible() and settings_of(tmp_path).get(TIP_DISMISSED)
    window.close()

    window = open_window(seed_project)
    assert not window.tip.isVisible()
    window.action_table.action("help.tip").trigger()  # Help → Show the first-start tip
    assert window.tip.isVisible()


def test_a_screenshot_renders_with_the_users_settings_and_never_writes_them(
        tmp_path: Path, seed_project: Path) -> None:
    config = tmp_path / "config"
    (config / "reviewer").mkdir(parents=True)
    stored = config / "reviewer" / "reviewer.conf"
    stored.write_text("[General]\nfirst_start_tip_dismissed=true\nauthor=Anna\n")
    before = stored.read_bytes()
    png = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config)}
    result = subprocess.run([sys.executable, "-m", "reviewer", "--screenshot", str(png),
                             str(seed_project)], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 0, result.stderr
    assert "(1360×820)" in result.stdout  # the default size, whatever the user's is
    assert stored.read_bytes() == before  # no window layout, no recent project written
