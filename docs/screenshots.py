"""Make the screenshots in docs/images from the demo article (offscreen, no display needed).

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer.formats.readers import import_document  # noqa: E402
from reviewer.locations import resources_dir, seed_file  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.main_window import MainWindow  # noqa: E402

IMAGES = Path(__file__).resolve().parent / "images"
EDITS = [
    (0, "anna", "Putin: the Russian military is acting successfully in Syria, but terrorism "
                "has not been defeated"),
    (2, "anna", "Russian President Vladimir Putin is convinced that Russian soldiers are "
                "successful in Syria, but admits that terrorism has not yet been defeated."),
    (0, "boris", "Putin: Russia's military operation in Syria is a success, but terrorism has "
                 "not been defeated"),
    (5, "boris", "“How can there be certainty in such matters? Only an insurance policy gives "
                 "confidence,” said Putin."),
]


def settle(milliseconds: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def grab(widget: QWidget, name: str) -> None:
    settle()
    path = IMAGES / name
    widget.grab().save(str(path), "PNG")
    print(f"saved {path}")


def picture_window(project: Path, settings_file: Path, width: int,
                   height: int) -> MainWindow:
    """A window on ``project`` for a picture: signed by anna, without the first-start tip."""
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("author", "anna")
    settings.setValue("first_start_tip_dismissed", True)
    window = MainWindow(ReviewSession.open(project), settings=settings)
    window.resize(width, height)
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "valdai.review"
        session = ReviewSession.create(project, import_document(seed_file()))
        session.edit(1, session.segment(1).mt, "anna")
        for position, author, text in EDITS[:2]:
            session.edit(position, text, author)
        session.add_version("sent to client", "anna")
        for position, author, text in EDITS[2:]:
            session.edit(position, text, author)
        session.close()

        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("author", "anna")
        window = MainWindow(ReviewSession.open(project), settings=settings)
        window.resize(1500, 860)
        window.show()
        window.editor.replace_text(
            "“We hope that the coordinated actions of our strike aircraft and other weapons, "
            "together with the offensive of the Syrian army, will bring results,” the head of "
            "state said at a meeting of the Valdai discussion club.")
        settle(4000)  # the scoring process starts and answers
        grab(window, "main-window.png")
        window.undo_stack.undo()

        window._select_row(0)
        window.history.table.selectRow(0)
        grab(window, "history-panel.png")

        window.timeline_dock.raise_()
        grab(window, "timeline.png")

        dialog = window.compare_versions_dialog()
        assert dialog is not None
        dialog.resize(900, 520)
        grab(dialog, "compare-versions.png")
        window.history_dock.raise_()
        window.history.table.selectRow(0)
        window.history.table.selectAll()
        window.history.compare_button.click()
        grab(window._dialogs[-1], "compare-revisions.png")
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
