"""The new-project preview of a big file and a version compare of a big project: how
long the GUI thread stalls while they run (both run off it, in a thread or a task).

A QTimer ticks every 5 ms on the GUI thread; the longest gap between two ticks while the
work runs is the longest the window could not repaint or take a key (wall clock, and the
GUI thread's own CPU time, which a loaded machine does not inflate).

    python benchmarks/big_tasks.py                    # 20,000 segments, about a minute
    python benchmarks/big_tasks.py --segments 5000

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from replace_all import StallMeter, make_project, window_on

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")


def stall_text(figures: tuple[float, float, float]) -> str:
    """'2.10 s, longest stall 12 ms (GUI CPU 4 ms)'."""
    seconds, stall, cpu = figures
    return f"{seconds:.2f} s, longest stall {stall * 1000:,.0f} ms (GUI CPU {cpu * 1000:,.0f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=20_000)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.compare_dialogs import VersionCompareDialog
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.new_project_dialog import NewProjectDialog

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="reviewer-big-"))
    try:
        meter = StallMeter()
        text = folder / "big.txt"
        text.write_text("".join(f"Line {n}: the minister said talks would continue next week "
                                "while officials reported new figures on trade.\n"
                                for n in range(args.segments)), encoding="utf-8")
        dialog = NewProjectDialog()
        dialog.show()
        dialog.set_file("mt", text)
        for segmentation in ("sentences", "lines"):
            dialog.segmentation.setCurrentText(segmentation)
            read = meter.measure(dialog.refresh_preview,
                                 lambda d=dialog: not d.reading_preview())
            print(f"New-project preview of {args.segments:,} lines ({segmentation}): "
                  f"{stall_text(read)}; {dialog.summary.text()}")
        dialog.close()

        project = folder / "big.review"
        started = time.perf_counter()
        make_project(project, args.segments, "minister", 0.3)
        print(f"{args.segments:,} segments made in {time.perf_counter() - started:.1f} s")
        window = window_on(project)
        assert isinstance(window, MainWindow)
        window.label_version("v1")
        window.replace_all("minister", "MINISTER")
        while window.busy:
            app.processEvents()
            time.sleep(0.001)
        dialogs: list[object] = []
        compared = meter.measure(lambda: dialogs.append(window.compare_versions_dialog()),
                                 lambda: bool(dialogs) and not window.busy)
        dialog = dialogs[0]
        assert isinstance(dialog, VersionCompareDialog)
        report = dialog.report.toPlainText().splitlines()
        print(f"Version compare of {args.segments:,} segments, "
              f"{window.batches.last_changed:,} changed: {stall_text(compared)}; "
              f"{next(line for line in report if 'differ' in line)}")
        window.close()
        app.processEvents()
        print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
