"""Cold start of the window on the demo article: from the command to the window shown,
painted and waiting for the user, baseline against this checkout in one run.

Each start is a fresh interpreter running ``reviewer`` (no arguments: the demo article)
as the console script does, with its own empty data folder (so the demo project is made
from the seed article, as on a first start) or, with ``--warm-data``, a data folder where
the demo project already exists (every later start). The author is already set (no first-
start question). The clock stops at the event loop's first turn after the window has been
shown and painted. Qt renders offscreen (no display here), which skips the window
manager but not the work.

    python benchmarks/cold_start.py                 # 7 starts each, alternating
    python benchmarks/cold_start.py --runs 15

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import Implementation, say, table  # noqa: E402

# run as ``reviewer`` runs: the clock started by the parent just before the process
_START = """
import os, time
started = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

run = QApplication.exec

def ready():
    app = QApplication.instance()
    for widget in app.topLevelWidgets():
        if widget.isVisible():
            widget.repaint()
    app.processEvents()
    sys.stdout.write(f"READY {time.time() - started:.4f}\\n")
    sys.stdout.flush()
    os._exit(0)

def exec_then_stop(*args):
    QTimer.singleShot(0, ready)
    return run()

QApplication.exec = exec_then_stop
from reviewer.cli import main
main([])
"""


def start_once(implementation: Implementation, data: Path, config: Path) -> float:
    """Seconds from the command to the window waiting for the user."""
    os.environ["REVIEWER_DATA_DIR"] = str(data)
    os.environ["XDG_CONFIG_HOME"] = str(config)
    started = time.time()
    run = implementation.python(_START, started)
    lines = [line for line in run.stdout.splitlines() if line.startswith("READY")]
    if not lines:
        raise SystemExit(f"{implementation.name}: no window ({run.stderr[-800:]})")
    return float(lines[-1].split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    implementations = [Implementation.baseline(), Implementation.current()]
    results: dict[str, dict[str, list[float]]] = {
        i.name: {"first": [], "later": []} for i in implementations}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        config = root / "config"
        (config / "reviewer").mkdir(parents=True)
        (config / "reviewer" / "reviewer.conf").write_text("[General]\nauthor=bench\n")
        for run in range(args.runs):
            for implementation in implementations:
                data = root / f"data-{implementation.key}-{run}"
                data.mkdir()
                first = start_once(implementation, data, config)
                later = start_once(implementation, data, config)
                results[implementation.name]["first"].append(first)
                results[implementation.name]["later"].append(later)
                say(f"  {implementation.name}: first start {first:.3f} s, later {later:.3f} s")
    base, now = (results[i.name] for i in implementations)
    rows = []
    for kind, label in (("first", "first start (demo project made)"),
                        ("later", "later start (demo project exists)")):
        rows.append((label, f"{min(base[kind]):.3f} s (median {statistics.median(base[kind]):.3f})",
                     f"{min(now[kind]):.3f} s (median {statistics.median(now[kind]):.3f})",
                     f"{min(base[kind]) / min(now[kind]):.2f}×"))
    print(table(rows, ("cold start of the window on the seed", implementations[0].name,
                       "now", "speed-up")))


if __name__ == "__main__":
    main()
