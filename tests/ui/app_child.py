"""A real app process for crash and concurrency tests: edits a project, then waits to die.

usage: python app_child.py PROJECT MODE
  draft    type into segment 1, wait until the draft is saved, print READY
  confirm  type into segment 1, press Ctrl+Enter, print READY at once
  hold     open the project, confirm segment 1, print READY (keeps it open)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from qt_helpers import ScriptedInteraction, press, select_all_and_delete, type_text  # noqa: E402

from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.main_window import MainWindow  # noqa: E402

CONFIRMED = "Putin: Russia's military succeeds in Syria, but terrorism is not beaten"
TYPED = "SOCHI, 22 October (typed, never confirmed)"


def main() -> None:
    project, mode = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    settings = QSettings(str(project.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.setValue("author", "child")
    window = MainWindow(ReviewSession.open(project), interaction=ScriptedInteraction(),  # type: ignore[arg-type]
                        settings=settings)
    window.show()
    editor = window.editor.correction_edit
    if mode in ("confirm", "hold"):
        select_all_and_delete(editor)
        type_text(editor, CONFIRMED)
        press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        print("READY", flush=True)
    elif mode == "draft":
        select_all_and_delete(editor)
        type_text(editor, TYPED)
        # the draft reaches the file within two seconds of the last keystroke
        QTimer.singleShot(2000, lambda: print("READY", flush=True))
    app.exec()


if __name__ == "__main__":
    main()
