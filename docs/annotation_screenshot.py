"""Make docs/images/annotation.png (light) and annotation-dark.png: MQM annotation in the
window, done with the keys a user presses (offscreen).

    .venv/bin/python docs/annotation_screenshot.py

Segment 3 of the demo is corrected; words of its MT and of the correction are annotated
(select, F7, a category key, a severity key, a note, Enter), and the palette is open on
one more span: the marks in their severity's colour, the segment's list with its MQM
score, and the document's MQM figure in the status bar.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from screenshots import IMAGES, settle  # noqa: E402  (docs/, the script's folder)

from PySide6.QtCore import QEvent, QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QPainter, QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget  # noqa: E402

from reviewer.formats.readers import import_document  # noqa: E402
from reviewer.locations import seed_file  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.main_window import MainWindow  # noqa: E402
from reviewer.ui.theme import DARK, LIGHT, apply_theme  # noqa: E402

CORRECTION = ("Russian President Vladimir Putin is convinced that Russian soldiers are "
              "successful in Syria, but recognizes that terrorism is not yet defeated.")
# (side, words, category key, severity key, note)
MARKS = [("mt", "The President of Russia", "0", "1", "Say 'Russian President'"),
         ("mt", "in Syria successful", "5", "2", "Word order"),
         ("correction", "recognizes", "8", "1", "'admits' is the usual word here")]
PENDING = ("mt", "terrorism is not yet defeated", "1")  # the palette left open on it


def keys(widget: QWidget, text: str) -> None:
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     char))


def select(view: QTextEdit, words: str) -> None:
    """Select from the first to the last of ``words`` in ``view``, as Shift and the arrows
    would (the MT view shows inserted words between them)."""
    first, *_rest, last = [*words.split(), words.split()[-1]]
    whole = QTextDocument.FindFlag.FindWholeWords
    start = view.document().find(first, 0, whole)
    end = view.document().find(last, start.selectionStart(), whole)
    cursor = view.textCursor()
    cursor.setPosition(start.selectionStart())
    cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    view.setFocus()


def annotate(window: MainWindow, side: str, words: str) -> None:
    editor = window.editor
    select(editor.mt_view if side == "mt" else editor.correction_edit, words)
    window.annotations.annotate()  # F7
    settle(200)


def grab_with_dialog(window: MainWindow, name: str) -> None:
    """The window with the palette drawn over it where it stands (a window of its own)."""
    settle()
    image = window.grab()
    dialog = window.annotations.dialog
    if dialog is not None and dialog.isVisible():
        painter = QPainter(image)
        painter.drawPixmap(window.mapFromGlobal(dialog.frameGeometry().topLeft()),
                           dialog.grab())
        painter.end()
    image.save(str(IMAGES / name), "PNG")
    print(f"saved {IMAGES / name}")


def shoot(app: QApplication, look: str, name: str, folder: Path) -> None:
    apply_theme(app, look)
    project = folder / f"valdai-{look}.review"
    session = ReviewSession.create(project, import_document(seed_file()))
    session.edit(2, CORRECTION, "anna")
    session.close()
    settings = QSettings(str(folder / f"settings-{look}.ini"), QSettings.Format.IniFormat)
    settings.setValue("author", "anna")
    window = MainWindow(ReviewSession.open(project), settings=settings)
    window.resize(1400, 800)
    window.history_dock.hide()
    window.timeline_dock.hide()
    window.show()
    window.select_row(2)
    settle(1500)  # the scores arrive
    for side, words, category, severity, note in MARKS:
        annotate(window, side, words)
        dialog = window.annotations.dialog
        assert dialog is not None
        keys(dialog.categories, category)
        keys(dialog.severities, severity)
        keys(dialog.note, note)
        dialog.note.returnPressed.emit()  # Enter
        settle(200)
    side, words, category = PENDING
    annotate(window, side, words)
    dialog = window.annotations.dialog
    assert dialog is not None
    keys(dialog.categories, category)  # the severity is next
    dialog.move(window.geometry().topLeft() + QPoint(600, 66))  # over the table
    grab_with_dialog(window, name)
    dialog.reject()
    window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        shoot(app, LIGHT, "annotation.png", Path(folder))
        shoot(app, DARK, "annotation-dark.png", Path(folder))
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
