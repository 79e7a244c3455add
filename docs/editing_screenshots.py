"""Make the user guide's pictures of filters, QA warnings and spelling, light and dark.

    .venv/bin/python docs/editing_screenshots.py

Saves docs/images/{filters,qa,spelling}-{light,dark}.png from the demo article (offscreen).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from screenshots import IMAGES, grab, picture_window, settle  # noqa: E402  (docs/, the script's folder)

from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.formats.readers import import_document  # noqa: E402
from reviewer.locations import seed_file  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.theme import DARK, LIGHT, apply_theme  # noqa: E402

# what an editor did before the pictures: a few confirmed corrections, two with QA slips
CONFIRMED = [
    (0, "Putin: the Russian military is acting successfully in Syria, but terrorism has not "
        "been defeated"),
    (1, "SOCHI, October 22."),
    (2, "Russian President Vladimir Putin is convinced that Russian soldiers are successful "
        "in Syria, but admits that terrorism has not yet been defeated."),
    # a double space: a QA warning
    (3, "“We hope that the coordinated actions of our strike aircraft and other weapons, "
        "together with the offensive of the Syrian army,  will bring results,” the head of "
        "state said at a meeting of the Valdai discussion club."),
    # “11” left out and the closing quote lost: two more
    (8, "“We don’t want to throw stones into anyone’s garden, but for almost a year and a "
        "half the coalition led by the USA has been striking there, more than eleven "
        "countries took part, more than 500 strikes on various targets, and no results, "
        "that is obvious, Putin said."),
]
TYPED = ("“Regarding confidence in the efectiveness of our actions – how can there be "
         "certanty in such matters? Only an insurance policy gives confidence,” said Putin.")


def make_project(folder: Path, look: str) -> Path:
    """The demo article with the corrections above saved and confirmed."""
    project = folder / f"valdai-{look}.review"
    session = ReviewSession.create(project, import_document(seed_file()))
    for position, text in CONFIRMED:
        session.edit(position, text, "anna")
    session.close()
    return project


def pictures(project: Path, settings_file: Path, look: str) -> None:
    """The three pictures in one look."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, look)
    window = picture_window(project, settings_file, 1400, 820)
    window.show()
    for _ in range(100):  # the scoring process starts and scores what the script saved
        if not window.session.summary().pending:
            break
        settle(100)

    bar = window.filters.filter_bar
    bar.warnings.setCurrentIndex(bar.warnings.findData(True))
    settle()
    window.select_row(window.filters.proxy.source_rows()[0])
    grab(window, f"filters-{look}.png")
    bar.clear()

    window.select_row(8)
    window.qa.check_editor_now()
    grab(window, f"qa-{look}.png")

    window.select_row(5)
    spelling = window.editor.correction_edit.spelling
    for _ in range(200):
        if spelling.ready:
            break
        settle(100)
    window.editor.replace_text(TYPED)
    window.editor.correction_edit.moveCursor(QTextCursor.MoveOperation.End)
    settle(2500)  # live scores and the underlines
    grab(window, f"spelling-{look}.png")
    window.editor.replace_text(window.session.segment(5).mt)  # nothing left to save
    window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        for look in (LIGHT, DARK):
            pictures(make_project(Path(folder), look), Path(folder) / "settings.ini", look)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
