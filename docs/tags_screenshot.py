"""Make docs/images/tags.png: the editor on a tagged segment with a tag warning (offscreen).

    .venv/bin/python docs/tags_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from screenshots import IMAGES, grab, settle  # noqa: E402  (docs/, the script's folder)

from PySide6.QtCore import QEvent, QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QHelpEvent, QPainter, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout  # noqa: E402
from reviewer.core.tags import (  # noqa: E402
    CLOSE,
    CODE,
    OPEN,
    InlineTag,
    from_notation,
    tags_data,
)
from reviewer.locations import resources_dir  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.main_window import MainWindow  # noqa: E402


def pair(number: int, attributes: str = "") -> list[InlineTag]:
    return [InlineTag(number, OPEN, "g", f'<g id="{number}"{attributes}>', nests=True),
            InlineTag(number, CLOSE, "g", "</g>", nests=True)]


def code(number: int, markup: str, name: str = "x") -> InlineTag:
    return InlineTag(number, CODE, name, markup)


# (source, MT, tag table, what the file says about the unit), texts in the <1> notation
UNITS: list[tuple[str, str, list[InlineTag], dict[str, object]]] = [
    ("Click <1>Save</1> to keep your changes.<2/>",
     "Cliquez sur <1>Enregistrer</1> pour garder vos changements.<2/>",
     [*pair(1, ' ctype="x-bold"'), code(2, '<x id="2" ctype="lb"/>')],
     {"id": "dlg.save.hint", "notes": ["Button label: keep it as short as on the button"]}),
    ("Open the <1>File</1> menu and choose <2>Export</2>.",
     "Ouvrez le menu Fichier et choisissez <2>Exporter</2>.",
     [*pair(1, ' ctype="x-bold"'), *pair(2, ' ctype="x-italic"')],
     {"id": "menu.export.help", "resname": "exportHelp",
      "notes": ["“File” and “Export” are menu names: use the names of the French menus"]}),
    ("Press <1/> to undo.", "Appuyez sur <1/> pour annuler.",
     [code(1, '<ph id="1">Ctrl+Z</ph>', "ph")], {"id": "undo.hint"}),
    ("ACME Cloud", "ACME Cloud", [], {"id": "brand", "translate": "no"}),
    ("<1>Warning:</1> unsaved files will be lost.",
     "<1>Avertissement :</1> les fichiers non enregistrés seront perdus.",
     pair(1, ' ctype="x-bold"'), {"id": "close.warning"}),
    ("You have <1/> new messages.", "Vous avez <1/> nouveaux messages.",
     [code(1, '<ph id="1">{count}</ph>', "ph")], {"id": "inbox.count"}),
    ("Settings", "Paramètres", [], {"id": "menu.settings"}),
]


def tagged_demo() -> ImportedDocument:
    """A small software-strings job with inline tags, notes and a locked unit."""
    segments = []
    for source, mt, tags, meta in UNITS:
        segments.append(ImportedSegment(
            mt=from_notation(mt, tags), source=from_notation(source, tags),
            meta={**meta, "file": "app.xlf", **({"tags": tags_data(tags)} if tags else {})}))
    return ImportedDocument(segments=segments,
                            layout=Layout(("",) + ("\n",) * len(segments)),
                            segmentation="units", format="xliff", source_name="app.xlf")


def grab_with_tooltip(window: QWidget, name: str) -> None:
    """The window with the tooltip shown over it (a tooltip is a window of its own)."""
    settle()
    image = window.grab()
    tips = [widget for widget in QApplication.topLevelWidgets()
            if widget.inherits("QTipLabel") and widget.isVisible()]
    if tips:
        painter = QPainter(image)
        painter.drawPixmap(window.mapFromGlobal(tips[0].pos()), tips[0].grab())
        painter.end()
    path = IMAGES / name
    image.save(str(path), "PNG")
    print(f"saved {path}" + ("" if tips else " (no tooltip)"))


def main() -> int:
    app = QApplication(sys.argv[:1])
    app.setStyleSheet((resources_dir() / "style.qss").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "app-fr.review"
        session = ReviewSession.create(project, tagged_demo())
        session.edit(0, session.segment(0).mt.replace("garder vos changements",
                                                      "enregistrer vos modifications"),
                     "anna")
        session.close()

        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("author", "anna")
        window = MainWindow(ReviewSession.open(project), settings=settings)
        window.resize(1400, 760)
        window.history_dock.hide()
        window.timeline_dock.hide()
        window.show()
        window._select_row(1)
        window.confirm_current()  # the MT lost tag 1: saved, with a warning
        settle(3000)  # the scoring process starts and answers
        grab(window, "tags.png")

        editor = window.editor.correction_edit  # select "Fichier", F8 wraps it in tag 1
        start = window.editor.text().index("Fichier")
        cursor = editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + len("Fichier"), QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        window.insert_next_tag()
        cursor.setPosition(start)  # hover over the opening chip just inserted
        editor.setTextCursor(cursor)
        settle()
        rect = editor.cursorRect(cursor)
        point = QPoint(rect.left() + 6, rect.center().y())
        QApplication.sendEvent(editor.viewport(), QHelpEvent(
            QEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point)))
        settle()
        grab_with_tooltip(window, "tags-f8.png")
        window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
