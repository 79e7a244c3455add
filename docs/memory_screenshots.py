"""Make docs/images/match-pane.png: the Translation memory pane on a segment with three
fuzzy matches, their differences from the segment's source marked (offscreen).

    .venv/bin/python docs/memory_screenshots.py

A short German manual machine-translated into English: four sentences were corrected and
confirmed (the project's own memory; two are like the fifth), a customer's memory was added
as a TSV file, and the editor is on the fifth sentence.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from screenshots import IMAGES, grab, picture_window, settle  # noqa: E402  (docs/, the script's folder)

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.formats.plaintext import import_plain_text  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.theme import LIGHT, apply_theme  # noqa: E402

# source, MT, and the confirmed correction (None: not reviewed yet)
SEGMENTS = [
    ("Klicken Sie auf Speichern, um die Datei zu sichern.",
     "Click on Save to secure the file.", "Click Save to save the file."),
    ("Wählen Sie eine Datei aus der Liste.",
     "Choose a file out of the list.", "Choose a file from the list."),
    ("Klicken Sie auf Speichern, um das Dokument zu sichern.",
     "Click on Save to secure the document.", "Click Save to save the document."),
    ("Mit Strg+S wird die Datei gespeichert.",
     "With Ctrl+S the file is stored.", "Ctrl+S saves the file."),
    ("Klicken Sie auf Speichern, um die geänderte Datei sofort zu sichern.",
     "Click on Save to secure the changed file immediately.", None),
    ("Die Datei wird im Ordner Dokumente abgelegt.",
     "The file is filed in the folder documents.", None),
    ("Schließen Sie das Programm über das Menü Datei.",
     "Close the program over the menu file.", None),
]
CUSTOMER_MEMORY = ("Klicken Sie auf Speichern, um die Änderungen zu sichern.\t"
                   "Select Save to keep your changes.\n")
CURRENT = 4


def make_project(folder: Path) -> Path:
    """The manual with its first four sentences confirmed and the customer's memory."""
    (folder / "de.txt").write_text("\n".join(s for s, _mt, _c in SEGMENTS) + "\n",
                                   encoding="utf-8")
    (folder / "en-mt.txt").write_text("\n".join(mt for _s, mt, _c in SEGMENTS) + "\n",
                                      encoding="utf-8")
    project = folder / "manual.review"
    session = ReviewSession.create(project, import_plain_text(folder / "en-mt.txt",
                                                              source=folder / "de.txt"))
    for position, (_source, _mt, correction) in enumerate(SEGMENTS):
        if correction is not None:
            session.edit(position, correction, "anna")
    memory = folder / "customer.tsv"
    memory.write_text(CUSTOMER_MEMORY, encoding="utf-8")
    session.add_memory(memory)
    session.close()
    return project


def picture(project: Path, settings_file: Path) -> None:
    """The window on the fifth sentence, its matches in the pane beside the editor."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, LIGHT)
    window = picture_window(project, settings_file, 1400, 820)
    window.show()
    window.history_dock.hide()  # the pane has the right-hand side to itself
    window.timeline_dock.hide()
    window.resizeDocks([window.memory.dock], [480], Qt.Orientation.Horizontal)
    window.select_row(CURRENT)
    for _ in range(100):
        if window.memory.pane.matches:
            break
        settle(50)
    grab(window, "match-pane.png")
    window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        picture(make_project(Path(folder)), Path(folder) / "settings.ini")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
