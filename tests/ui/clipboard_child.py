"""The real app (run_app) copies a tagged correction to the clipboard and quits.

usage: python clipboard_child.py PROJECT; prints the clipboard text, exits as the app does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.ui.app import _application, run_app  # noqa: E402
from reviewer.ui.main_window import MainWindow  # noqa: E402


def copy_and_quit() -> None:
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    editor = window.editor.correction_edit
    editor.selectAll()
    editor.copy()
    print(QApplication.clipboard().text(), flush=True)
    window.close()


if __name__ == "__main__":
    _application()
    QSettings("reviewer", "reviewer").setValue("author", "child")
    QTimer.singleShot(300, copy_and_quit)
    code = run_app(Path(sys.argv[1]))
    sys.exit(code)
