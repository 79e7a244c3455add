"""The "New from file(s)" dialog: preview, encoding guess, format and languages."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from qt_helpers import ScriptedInteraction

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from reviewer.ui import new_project_dialog
from reviewer.ui.main_window import MainWindow
from reviewer.ui.new_project_dialog import NewProjectDialog, NewProjectRequest

DATA = Path(__file__).parent.parent / "data"


def refresh(qtbot, dialog: NewProjectDialog) -> None:  # type: ignore[no-untyped-def]
    """Read the files again and wait for the preview (read off the GUI thread)."""
    with qtbot.waitSignal(dialog.previewed, timeout=20000):
        dialog.refresh_preview()


def _dialog(qtbot, mt: Path) -> NewProjectDialog:  # type: ignore[no-untyped-def]
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.set_file("mt", mt)
    refresh(qtbot, dialog)
    return dialog


def _ok_enabled(dialog: NewProjectDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def _column(dialog: NewProjectDialog, column: int) -> list[str]:
    return [dialog.preview.item(row, column).text() for row in range(dialog.preview.rowCount())]


def test_preview_shows_the_guessed_encoding_and_lets_the_user_change_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, DATA / "source.koi8r.txt")
    dialog.segmentation.setCurrentText("lines")
    refresh(qtbot, dialog)
    russian = (DATA / "source.ru.txt").read_text(encoding="utf-8").splitlines()
    assert _column(dialog, 1) == russian
    assert dialog.encoding.itemText(0) == "automatic (koi8-r)"
    assert "encoding koi8-r" in dialog.summary.text()
    assert dialog.request().encoding is None and _ok_enabled(dialog)

    dialog.encoding.setCurrentText("cp1251")
    refresh(qtbot, dialog)
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
    refresh(qtbot, dialog)
    assert _ok_enabled(dialog) and _column(dialog, 1)[0] == "SOTSCHI, 22. Oktober."
    request = dialog.request()
    assert (request.langs, request.file_format) == ("ru,de", None)
    dialog.file_format.setCurrentText("po")
    refresh(qtbot, dialog)
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
    refresh(qtbot, dialog)
    assert "skipped 1 of 4 units: 1 with no en variant" in dialog.summary.text()


def test_a_big_file_is_read_off_the_gui_thread(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_text("".join(f"Line {n} of a long job, with a few words more.\n"
                           for n in range(20_000)), encoding="utf-8")
    threads: list[threading.Thread] = []
    real = new_project_dialog.import_document

    def recording(*args: object) -> object:
        threads.append(threading.current_thread())
        time.sleep(0.3)  # a slow disk: the read takes a while whatever the machine's load
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(new_project_dialog, "import_document", recording)
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file("mt", big)
    dialog.segmentation.setCurrentText("lines")
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(dialog.previewed, timeout=30000):
        dialog.refresh_preview()
        # back at once: the file is being read, the dialog says so and OK waits for it
        assert dialog.reading_preview() and dialog.reading.isVisible()
        assert dialog.preview_document() is None and "Reading big.txt" in dialog.summary.text()
        dialog.accept()
        assert dialog.result() == 0
    timer.stop()
    assert threads and all(thread is not threading.main_thread() for thread in threads)
    assert len(ticks) >= 3  # the GUI thread ran its timer while the file was read
    assert "20000 segments" in dialog.summary.text() and dialog.preview.rowCount() == 8
    assert not dialog.reading.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted  # OK pressed while reading


def test_only_the_newest_choice_is_previewed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, DATA / "source.koi8r.txt")
    dialog.encoding.setCurrentText("cp1251")
    dialog.refresh_preview()
    dialog.encoding.setCurrentText("koi8-r")
    shown: list[str] = []
    dialog.previewed.connect(lambda: shown.append(dialog.summary.text()))
    refresh(qtbot, dialog)
    qtbot.wait(50)
    assert len(shown) == 1 and "encoding koi8-r" in shown[0]
