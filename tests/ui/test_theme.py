"""Light and dark looks: View → Theme, remembered, and every colour readable on its palette."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from reviewer.core.status import SegmentStatus
from reviewer.locations import resources_dir
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_MT, COL_STATUS, DIFF_ROLE
from reviewer.ui.settings import THEME
from reviewer.ui.theme import (
    DARK,
    DARK_COLOURS,
    LIGHT,
    LIGHT_COLOURS,
    SYSTEM,
    Colours,
    apply_theme,
    colours,
    dark_palette,
)


@pytest.fixture(autouse=True)
def _restore_look(qapp: QApplication) -> Iterator[None]:
    """Other tests run in the default look: put the style, palette and sheet back."""
    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    apply_theme(qapp, SYSTEM)
    qapp.setStyleSheet(sheet)


def _contrast(first: QColor, second: QColor) -> float:
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))
    low, high = sorted((luminance(first), luminance(second)))
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(("look", "base"), [(LIGHT_COLOURS, QColor("#ffffff")),
                                            (DARK_COLOURS, dark_palette().color(
                                                QPalette.ColorRole.Base))])
def test_every_text_colour_is_readable_on_its_background(look: Colours, base: QColor) -> None:
    for name in ("deleted", "inserted", "muted", "error", "warning", "misspelled",
                 "editor_change", "reviewer_change"):
        assert _contrast(look.qcolor(name), base) >= 4.5, name
    assert {SegmentStatus.REVIEWED, SegmentStatus.REJECTED} <= set(look.status)
    assert look.editor_change != look.reviewer_change  # track changes: two hands, two colours
    for status, colour in look.status.items():
        assert _contrast(QColor(colour), base) >= 4.5, status
    assert _contrast(look.qcolor("pair_text"), look.qcolor("pair_fill")) >= 4.5
    assert _contrast(look.qcolor("code_text"), look.qcolor("code_fill")) >= 4.5
    assert _contrast(look.qcolor("deleted"), look.qcolor("deleted_background")) >= 4.5
    assert _contrast(look.qcolor("inserted"), look.qcolor("inserted_background")) >= 4.5


@pytest.mark.parametrize(("look", "text"), [(LIGHT_COLOURS, QColor("#000000")),
                                            (DARK_COLOURS, dark_palette().color(
                                                QPalette.ColorRole.Text))])
def test_annotation_marks_keep_text_and_diffs_readable(look: Colours, text: QColor) -> None:
    assert set(look.severity) == {"neutral", "minor", "major", "critical"}
    for severity, background in look.severity.items():
        for colour in (text, look.qcolor("deleted"), look.qcolor("inserted")):
            assert _contrast(colour, QColor(background)) >= 4.5, (severity, colour.name())
    assert len(set(look.severity.values())) == 4  # each severity its own colour


def _mt_diff_colours(window: MainWindow) -> set[str]:
    """The colours the MT view paints its deleted/inserted words in."""
    document = window.editor.mt_view.document()
    found: set[str] = set()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            if fmt.fontStrikeOut() or fmt.fontUnderline():
                found.add(fmt.foreground().color().name())
            iterator += 1
        block = block.next()
    return found


def test_view_theme_dark_repaints_the_window_and_is_remembered(
        window: MainWindow, qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    window.editor.correction_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor.correction_edit, " indeed")
    qtbot.waitUntil(lambda: bool(_mt_diff_colours(window)), timeout=3000)
    assert _mt_diff_colours(window) <= {LIGHT_COLOURS.inserted, LIGHT_COLOURS.deleted}

    window.theme_actions.actions[DARK].trigger()

    assert window.settings.get(THEME) == DARK
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert "dark" in qapp.styleSheet().splitlines()[0]
    assert colours() is DARK_COLOURS
    assert _mt_diff_colours(window) <= {DARK_COLOURS.inserted, DARK_COLOURS.deleted}
    assert DARK_COLOURS.inserted in _mt_diff_colours(window)
    window.editor.confirm_button.click()  # the first segment is confirmed: its status green
    qtbot.waitUntil(lambda: window.model.status(0) == SegmentStatus.CONFIRMED, timeout=3000)
    painted = window.model.data(window.model.index(0, COL_STATUS),
                                Qt.ItemDataRole.ForegroundRole)
    assert painted == QColor(DARK_COLOURS.status[SegmentStatus.CONFIRMED])
    assert window.theme_actions.actions[DARK].isChecked()

    table_diff = window.model.data(window.model.index(0, COL_MT), DIFF_ROLE)
    assert DARK_COLOURS.inserted in table_diff and LIGHT_COLOURS.inserted not in table_diff

    window.theme_actions.actions[LIGHT].trigger()
    assert window.settings.get(THEME) == LIGHT
    table_diff = window.model.data(window.model.index(0, COL_MT), DIFF_ROLE)
    assert LIGHT_COLOURS.inserted in table_diff  # the cached rich text was made again
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    assert colours() is LIGHT_COLOURS


@pytest.mark.parametrize(("theme", "dark"), [("dark", True), ("light", False)])
def test_screenshot_in_a_chosen_look(tmp_path: Path, seed_project: Path, theme: str,
                                     dark: bool) -> None:
    png = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "reviewer", str(seed_project),
                             "--screenshot", str(png), "--theme", theme],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(png))
    # the editor's pane, below the table on the left: the window's own background
    corner = image.pixelColor(image.width() // 3, image.height() - 40)
    assert (corner.lightness() < 90) == dark, corner.name()


@pytest.mark.parametrize(("sheet", "look"), [("style.qss", LIGHT_COLOURS),
                                             ("style-dark.qss", DARK_COLOURS)])
def test_marks_stay_readable_on_a_selected_row(sheet: str, look: Colours) -> None:
    text = (resources_dir() / sheet).read_text(encoding="utf-8")
    table = text[text.index("QTableView#segmentTable {"):]
    selected = QColor(re.search(r"selection-background-color:\s*(#[0-9a-fA-F]{6})",
                                table).group(1))  # type: ignore[union-attr]
    for name in ("deleted", "inserted"):
        assert _contrast(look.qcolor(name), selected) >= 4.5, name
    for status, colour in look.status.items():
        assert _contrast(QColor(colour), selected) >= 4.0, status
