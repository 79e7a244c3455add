"""The real app, offscreen, doing random editing work until it is killed.

usage: python app_driver.py PROJECT SEED

After every action it prints what the project has acknowledged, one JSON object a line:
  {"ack": [[segment, number, text], ...]}   revisions saved since the last line
  {"draft": [segment, text]}                typed text the window says is kept as a draft
  {"doing": segment | "undo" | "redo"}      an action starts that may rightly replace or
                                            take back a draft (of that segment, or any)
  {"export": "path"} / {"backup": "path"}   a file written completely
Actions: type and confirm, undo, redo, restore, label a version, export, back up, type a
draft and wait for it to be kept, and open a real file dialog on the project's folder.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QDeadlineTimer, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
from qt_helpers import (  # noqa: E402
    ScriptedInteraction,
    press,
    select_all_and_delete,
    show_file_dialog_and_cancel,
    type_text,
)

from reviewer.ui.main_window import MainWindow, open_or_ask_read_only  # noqa: E402

WORDS = ["the", "army", "Sochi", "said", "Putin", "war", "peace", "news", "Путин", "Сочи",
         "войны", "мир", "ё", "—", "«", "»"]


class Driver:
    """Random actions on one window; every acknowledgement goes to standard output."""

    def __init__(self, project: Path, seed: int) -> None:
        self.project = project
        self.rng = random.Random(seed)
        self.interaction = ScriptedInteraction()
        settings = QSettings(str(project.with_name(project.name + ".ini")),
                             QSettings.Format.IniFormat)
        settings.setValue("author", "driver")
        session = open_or_ask_read_only(project, self.interaction)  # type: ignore[arg-type]
        assert session is not None, self.interaction.errors
        self.window = MainWindow(session, interaction=self.interaction,  # type: ignore[arg-type]
                                 settings=settings)
        self.window.show()
        self.count = session.segment_count()
        self.seen = {(r.position, r.number) for r in session.history()}
        self.step = 0

    def say(self, data: object) -> None:
        print(json.dumps(data, ensure_ascii=False), flush=True)

    def acknowledge(self) -> None:
        new = [(r.position, r.number, r.text) for r in self.window.session.history()
               if (r.position, r.number) not in self.seen]
        self.seen.update((p, n) for p, n, _ in new)
        if new:
            self.say({"ack": new})

    def text(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(1, 8)))

    def retype(self, position: int) -> str:
        self.say({"doing": position})  # new typing may replace that segment's draft
        self.window._select_row(position)
        editor = self.window.editor.correction_edit
        select_all_and_delete(editor)
        typed = self.text()
        type_text(editor, typed)
        return typed

    def act(self) -> None:
        self.step += 1
        roll = self.rng.random()
        folder = self.project.parent
        if roll < 0.40:
            self.retype(self.rng.randrange(self.count))
            press(self.window.editor.correction_edit, Qt.Key.Key_Return,
                  Qt.KeyboardModifier.ControlModifier)
        elif roll < 0.50:
            self.say({"doing": "undo"})  # undoing typing may take a draft back
            self.window.undo_stack.undo()
        elif roll < 0.55:
            self.say({"doing": "redo"})
            self.window.undo_stack.redo()
        elif roll < 0.62:
            position = self.rng.randrange(self.count)
            history = self.window.session.history(position)
            if history:
                self.say({"doing": position})
                self.window._select_row(position)
                self.window._on_history_restore_requested(self.rng.randint(1, len(history)))
        elif roll < 0.67:
            self.window.label_version(f"v{os.getpid()}-{self.step}")
        elif roll < 0.75:
            target = folder / "export.jsonl"
            if self.window.export_to(target):
                self.say({"export": str(target)})
        elif roll < 0.80:
            target = folder / f"backup-{os.getpid()}-{self.step}.review"
            self.interaction.next_save = target
            self.window.backup_dialog()
            if target.exists():
                self.say({"backup": str(target)})
        elif roll < 0.90:
            position = self.rng.randrange(self.count)
            typed = self.retype(position)
            deadline = QDeadlineTimer(4000)
            while self.window.session.drafts().get(position) is None \
                    or self.window.session.drafts()[position].text != typed:
                QApplication.processEvents()
                if deadline.hasExpired():
                    break
            else:
                self.say({"draft": [position, typed]})
        else:
            show_file_dialog_and_cancel(self.window, folder, 300)
        self.acknowledge()
        QTimer.singleShot(self.rng.randint(0, 30), self.act)


def main() -> None:
    project, seed = Path(sys.argv[1]), int(sys.argv[2])
    app = QApplication([])
    driver = Driver(project, seed)
    print(json.dumps({"ready": True}), flush=True)
    QTimer.singleShot(0, driver.act)
    app.exec()


if __name__ == "__main__":
    main()
