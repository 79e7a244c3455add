"""Make docs/images/learned-suggestion.png (light) and learned-suggestion-dark.png: a fix
learned from one correction, suggested in another segment (offscreen).

    .venv/bin/python docs/suggestion_screenshot.py

Segment 7 of the demo article is corrected ("”, – said the President of the Russian
Federation" → ",” said the Russian President") and confirmed; segment 14 is open, its
two learned phrases underlined and the fix at the cursor named under the editor.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from screenshots import IMAGES, picture_window, settle  # noqa: E402  (docs/, the script's folder)

from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from reviewer.formats.readers import import_document  # noqa: E402
from reviewer.locations import seed_file  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.annotation_marks import text_map  # noqa: E402
from reviewer.ui.theme import DARK, LIGHT, apply_theme  # noqa: E402

CORRECTION = ("“We act in accordance with our beliefs and the norms of international law,” "
              "said the Russian President.")
SHOWN = 13  # segment 14: "…joint efforts”, – said the President of the Russian Federation."
PHRASE = "President of the Russian Federation"


def shoot(app: QApplication, look: str, name: str, folder: Path) -> None:
    apply_theme(app, look)
    project = folder / f"valdai-{look}.review"
    session = ReviewSession.create(project, import_document(seed_file()))
    session.edit(6, CORRECTION, "anna")
    session.close()
    window = picture_window(project, folder / f"settings-{look}.ini", 1300, 760)
    for dock in window.findChildren(QDockWidget):  # the editor and the table, wide
        dock.hide()
    window.show()
    settle(1000)  # the fixes are learned
    window.select_row(SHOWN)
    edit = window.editor.correction_edit
    text = window.editor.text()
    cursor = edit.textCursor()
    cursor.setPosition(text_map(text).span(0, text.index(PHRASE) + 1)[1])  # in the phrase
    edit.setTextCursor(cursor)
    settle(1500)  # the scores arrive
    window.grab().save(str(IMAGES / name), "PNG")
    print(f"saved {IMAGES / name}")
    window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        shoot(app, LIGHT, "learned-suggestion.png", Path(folder))
        shoot(app, DARK, "learned-suggestion-dark.png", Path(folder))
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
