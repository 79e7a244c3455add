"""Issue 8, case 1: nothing the window's process opens or closes can cost a confirmed edit.

SQLite's POSIX locks belong to a process and vanish when any code in it closes any
descriptor of the project file (Qt's file dialogs do). A CLI reader then thought it was
the last user, checkpointed and deleted the -wal, and the window went on writing into an
unlinked file. Here the real app runs in a process of its own and is SIGKILLed at the end.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.session import ReviewSession

CHILD = Path(__file__).parent / "app_child.py"
SECOND = "The second segment, confirmed after the dialog."


def cli_json(*args: object) -> object:
    result = subprocess.run([sys.executable, "-m", "reviewer", *map(str, args), "--json"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def confirmed_texts(project: Path) -> list[str]:
    rows = cli_json("history", project)
    assert isinstance(rows, list)
    return [row["text"] for row in rows if not row["draft"]]


@pytest.mark.parametrize("beside", ["touch", "dialog"])
def test_confirmed_edits_survive_dialogs_readers_and_a_kill(seed_project: Path,
                                                            beside: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, str(CHILD), str(seed_project), "dialog"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env)
    assert app.stdin is not None and app.stdout is not None

    def tell(command: str) -> None:
        assert app.stdin is not None and app.stdout is not None
        app.stdin.write(command + "\n")
        app.stdin.flush()
        assert app.stdout.readline().strip() == "DONE"

    try:
        assert app.stdout.readline().strip() == "READY"
        tell(beside)  # the dialog opens and closes the project's files in the app
        assert len(confirmed_texts(seed_project)) == 1  # a reader in a terminal, then gone
        tell("confirm2")
        assert confirmed_texts(seed_project)[-1] == SECOND  # visible to readers at once
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    texts = confirmed_texts(seed_project)
    assert len(texts) == 2 and texts[-1] == SECOND
    assert subprocess.run([sys.executable, "-m", "reviewer", "verify", str(seed_project)],
                          capture_output=True, timeout=60).returncode == 0
    session = ReviewSession.open(seed_project)  # the killed app's store let go of it
    session.close()
