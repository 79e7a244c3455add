"""A real app process for crash and concurrency tests: edits a project, then waits to die.

usage: python app_child.py PROJECT MODE
  draft    type into segment 1, wait until the draft is saved, print READY
  confirm  type into segment 1, press Ctrl+Enter, print READY at once
  hold     open the project, confirm segment 1, print READY (keeps it open)
  dialog   confirm segment 1, print READY, then obey lines on standard input:
           "touch" opens and closes the project's files in this process (as Qt's file
           dialogs and mime sniffing do), "dialog" shows a real file dialog on the project's
           folder and closes it, "confirm2" confirms segment 2; each answers "DONE"
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QSocketNotifier, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from qt_helpers import (  # noqa: E402
    ScriptedInteraction,
    press,
    select_all_and_delete,
    show_file_dialog_and_cancel,
    type_text,
)

from reviewer.ui.main_window import MainWindow, open_or_ask_read_only  # noqa: E402

CONFIRMED = "Putin: Russia's military succeeds in Syria, but terrorism is not beaten"
SECOND = "The second segment, confirmed after the dialog."
TYPED = "SOCHI, 22 October (typed, never confirmed)"


def main() -> None:
    project, mode = Path(sys.argv[1]), sys.argv[2]
    app = QApplication([])
    settings = QSettings(str(project.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.setValue("author", "child")
    session = open_or_ask_read_only(project, ScriptedInteraction())  # type: ignore[arg-type]
    assert session is not None
    window = MainWindow(session, interaction=ScriptedInteraction(),  # type: ignore[arg-type]
                        settings=settings)
    window.show()
    editor = window.editor.correction_edit
    if mode in ("confirm", "hold", "dialog"):
        select_all_and_delete(editor)
        type_text(editor, CONFIRMED)
        press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        print("READY", flush=True)
    elif mode == "draft":
        select_all_and_delete(editor)
        type_text(editor, TYPED)
        # the draft reaches the file within two seconds of the last keystroke
        QTimer.singleShot(2000, lambda: print("READY", flush=True))
    if mode == "dialog":
        commands = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        commands.activated.connect(lambda: obey(sys.stdin.readline().strip(), window, project))
    app.exec()


def obey(command: str, window: MainWindow, project: Path) -> None:
    """Do one thing a user or Qt might do beside the window, then say DONE."""
    if command == "touch":
        for name in (project.name, project.name + "-wal", project.name + "-shm"):
            if (project.parent / name).exists():
                with open(project.parent / name, "rb") as handle:
                    handle.read(100)
    elif command == "dialog":
        show_file_dialog_and_cancel(window, project.parent, 1500)
    elif command == "confirm2":
        window._select_row(1)
        editor = window.editor.correction_edit
        select_all_and_delete(editor)
        type_text(editor, SECOND)
        press(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    elif not command:
        return
    print("DONE", flush=True)


if __name__ == "__main__":
    main()
