"""The "New from file(s)" dialog: preview, encoding guess, format and languages."""

from __future__ import annotations

from pathlib import Path

from qt_helpers import ScriptedInteraction

from PySide6.QtWidgets import QDialogButtonBox

from reviewer.ui.main_window import MainWindow
from reviewer.ui.new_project_dialog import NewProjectDialog, NewProjectRequest

DATA = Path(__file__).parent.parent / "data"


def _dialog(qtbot, mt: Path) -> NewProjectDialog:  # type: ignore[no-untyped-def]
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.set_file("mt", mt)
    dialog.refresh_preview()
    return dialog


def _ok_enabled(dialog: NewProjectDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _column(dialog: NewProjectDialog, column: int) -> list[str]:
    return [dialog.preview.item(row, column).text() for row in range(dialog.preview.rowCount())]


def test_preview_shows_the_guessed_encoding_and_lets_the_user_change_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, DATA / "source.koi8r.txt")
    dialog.segmentation.setCurrentText("lines")
    dialog.refresh_preview()
    russian = (DATA / "source.ru.txt").read_text(encoding="utf-8").splitlines()
    assert _column(dialog, 1) == russian
    assert dialog.encoding.itemText(0) == "automatic (koi8-r)"
    assert "encoding koi8-r" in dialog.summary.text()
    assert dialog.request().encoding is None and _ok_enabled(dialog)

    dialog.encoding.setCurrentText("cp1251")
    dialog.refresh_preview()
    assert _column(dialog, 1) != russian
    assert dialog.request().encoding == "cp1251"


def test_preview_of_structured_files_shows_source_and_mt(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, DATA / "omegat.xlf")
    assert dialog.summary.text().startswith("xliff, 5 segments")
    assert _column(dialog, 0)[1] == "‹1СОЧИ1›, 22 октября."
    assert dialog.request().project == DATA / "omegat.review"


def test_errors_show_in_the_preview_and_block_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, DATA / "multi.tmx")
    assert dialog.preview_error() is not None and "--langs" in dialog.summary.text()
    assert not _ok_enabled(dialog)
    dialog.accept()
    assert dialog.result() == 0
    dialog.langs.setText("ru,de")
    dialog.refresh_preview()
    assert _ok_enabled(dialog) and _column(dialog, 1)[0] == "SOTSCHI, 22. Oktober."
    request = dialog.request()
    assert (request.langs, request.file_format) == ("ru,de", None)
    dialog.file_format.setCurrentText("po")
    dialog.refresh_preview()
    assert not _ok_enabled(dialog) and dialog.request().file_format == "po"


def test_the_window_creates_a_project_from_xliff(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path,
                                                 interaction: ScriptedInteraction) -> None:
    target = tmp_path / "job.review"
    interaction.next_new_project = NewProjectRequest(project=target, mt=DATA / "multi.tmx",
                                                     langs="ru,de")
    window.new_project()
    qtbot.waitUntil(lambda: window.session.path == target, timeout=20000)
    assert window.model.rowCount() == 2
    assert window.session.segment(0).mt == "SOTSCHI, 22. Oktober."


def test_the_preview_says_which_units_a_tmx_import_skips(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, DATA / "real" / "omegat" / "test-omegat.tmx")
    dialog.langs.setText("en,be")
    dialog.refresh_preview()
    assert "skipped 1 of 4 units: 1 with no en variant" in dialog.summary.text()
