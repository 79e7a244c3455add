"""Make docs/team-two-windows.png: two windows on one server project, side by side
(offscreen, on a throwaway PostgreSQL server from the tests' tests/pg_server.py).

    .venv/bin/python docs/team_screenshots.py

Anna (left) confirmed segment 3 and opened segment 5, which Boris (right) is editing:
her editor says so and the row shows his pencil. Boris's window shows Anna's confirm of
segment 3 in its row, with the document scores as they are after it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pg_server import PgServer  # noqa: E402  (tests/)
from screenshots import settle  # noqa: E402  (docs/, the script's folder)

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.formats.readers import import_document  # noqa: E402
from reviewer.locations import resources_dir, seed_file  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.store.publish import publish  # noqa: E402
from reviewer.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent / "team-two-windows.png"
ANNA_TEXT = ("Russian President Vladimir Putin is convinced that Russian soldiers are "
             "successful in Syria, but admits that terrorism has not yet been defeated.")
BORIS_TYPING = ("“In the opinion of our military experts, such a result is already there,” "
                "Putin said.")
GAP = 16


def team_window(url: str, folder: Path, name: str) -> MainWindow:
    settings = QSettings(str(folder / f"{name}.ini"), QSettings.Format.IniFormat)
    settings.setValue("author", name)
    settings.setValue("first_start_tip_dismissed", True)
    window = MainWindow(ReviewSession.open(url, isolated=True), settings=settings)
    window.resize(1040, 760)
    window.history_dock.hide()
    window.timeline_dock.hide()
    window.memory.dock.hide()
    window.show()
    return window


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    server = PgServer()
    try:
        server.start()
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            project = folder / "valdai.review"
            ReviewSession.create(project, import_document(seed_file())).close()
            admin = server.create_database("team") + "&project=valdai"
            publish(project, admin)
            database = urlsplit(admin).path.lstrip("/")
            urls = {}
            for login in ("anna", "boris"):
                server.create_login(login, "pw")
                server.psql(f'GRANT "rv_valdai_editor" TO "{login}"')
                urls[login] = server.url(database, login, "pw", project="valdai")
            anna = team_window(urls["anna"], folder, "anna")
            boris = team_window(urls["boris"], folder, "boris")
            settle(500)
            boris.select_row(4)  # Boris starts on segment 5
            boris.editor.replace_text(BORIS_TYPING)
            anna.select_row(2)
            anna.editor.replace_text(ANNA_TEXT)
            anna.confirm_current()
            settle(1500)  # Boris's window hears the confirm, Anna's the lock
            anna.select_row(4)
            settle(1500)
            left, right = anna.grab(), boris.grab()
            image = QPixmap(left.width() + GAP + right.width(),
                            max(left.height(), right.height()))
            image.fill(QColor("#808080"))
            painter = QPainter(image)
            painter.drawPixmap(0, 0, left)
            painter.drawPixmap(left.width() + GAP, 0, right)
            painter.end()
            image.save(str(OUT), "PNG")
            print(f"saved {OUT} ({image.width()}×{image.height()})")
            anna.close()
            boris.close()
    finally:
        server.cleanup()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
