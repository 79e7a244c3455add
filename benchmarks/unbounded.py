"""Unbounded work, bounded: sacrebleu's TER on pathological segments, side by side with what
`reviewer edit` and the window's confirm cost now.

Segments of words drawn from a 30-word vocabulary make sacrebleu's TER search shifts for a
long time (100 words: seconds; 9,990 characters, inside the 10,000-character limit:
minutes). For each case this measures, in one run on the same texts:

- sacrebleu's own ``TER().sentence_score`` (what an edit used to wait for), in a separate
  process stopped at ``--cap`` seconds;
- with ``--baseline SRC`` (a checkout of an older reviewer), that version's
  ``reviewer edit`` end to end, stopped at ``--cap`` too;
- ``reviewer edit`` end to end now (wall time, peak memory, whether the scores were saved
  pending);
- in the window (Qt offscreen): how long ``confirm`` keeps the GUI thread, the longest the
  GUI thread went without returning to its event loop until the background scores came,
  and how long they took;
- opening a project with pending scores in the window;
- ``reviewer edit`` with a 130,000-character text (refused at once).

    python benchmarks/unbounded.py                           # about 5 minutes
    python benchmarks/unbounded.py --baseline /path/to/old/checkout --cap 120

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

# ``reviewer ARGS`` as the console script runs it, then the process's peak resident memory
_CLI = """
import sys
from reviewer.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
sys.stderr.write(f"\\nVmHWM {peak}\\n")
raise SystemExit(code)
"""

_TER = """
import sys, time
from sacrebleu.metrics import TER
mt, pe = open(sys.argv[1], encoding="utf-8").read().split("\\n\\n")
start = time.perf_counter()
TER().sentence_score(mt, [pe])
print(time.perf_counter() - start)
"""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def pathological(rng: random.Random, words: int | None = None, chars: int | None = None) -> str:
    """Words from a 30-word vocabulary (``words`` of them, or up to ``chars`` characters)."""
    out: list[str] = []
    while (words is not None and len(out) < words) or (
            chars is not None and sum(len(w) + 1 for w in out) < chars + 20):
        out.append(f"w{rng.randrange(30)}x")
    text = " ".join(out)
    return text if chars is None else text[:chars].rstrip()


def run(args: list[str], cap: float, source: Path | None = None,
        ) -> tuple[float | None, str, int | None, float]:
    """Wall seconds (None: stopped at ``cap``), stdout, exit code and peak MB of a Python run."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source)
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", *args], capture_output=True, text=True,
                              timeout=cap, env=env, check=False, cwd=source)
    except subprocess.TimeoutExpired:
        return None, "", None, float("nan")
    wall = time.perf_counter() - start
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("VmHWM")]
    return wall, done.stdout, done.returncode, int(peaks[-1]) / 1024 if peaks else float("nan")


def new_project(folder: Path, name: str, mts: list[str], source: Path | None = None) -> Path:
    mt_file = folder / f"{name}.txt"
    mt_file.write_text("\n".join(mts) + "\n", encoding="utf-8")
    project = folder / f"{name}.review"
    wall, _, code, _ = run([_CLI, "new", str(project), "--mt", str(mt_file), "--segment",
                            "lines"], 600, source)
    assert code == 0 and wall is not None, f"reviewer new failed for {name}"
    return project


def measure_window(project: Path, text: str, cap: float) -> dict[str, Any]:
    """Confirm ``text`` as segment 1 in the window; the GUI thread's time and stalls."""
    from PySide6.QtCore import QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from reviewer.session import ReviewSession
    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(project.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.setValue("author", "bench")
    window = MainWindow(ReviewSession.open(project), settings=settings)
    window.show()
    app.processEvents()
    window.editor.correction_edit.setPlainText(text)  # as a paste: live scoring starts
    start = time.perf_counter()
    window.confirm_current()
    confirm = time.perf_counter() - start
    pending = window.model.segment(0).pending
    ticks: list[float] = [time.perf_counter()]
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    deadline = time.monotonic() + cap
    while window.model.segment(0).pending and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    arrived = None if window.model.segment(0).pending else time.perf_counter() - start
    stall = max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) if len(ticks) > 1 else 0
    window.close()
    app.processEvents()
    return {"confirm": confirm, "pending": pending, "arrived": arrived, "stall": stall}


def measure_open(project: Path) -> float:
    """Seconds to open a project with pending scores in the window."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reviewer.session import ReviewSession
    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(project.with_suffix(".ini")), QSettings.Format.IniFormat)
    start = time.perf_counter()
    window = MainWindow(ReviewSession.open(project), settings=settings)
    window.show()
    app.processEvents()
    seconds = time.perf_counter() - start
    window.close()
    app.processEvents()
    return seconds


def _seconds(value: float | None, cap: float) -> str:
    return f"> {cap:.0f} s (stopped)" if value is None else f"{value:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=120.0,
                        help="stop sacrebleu and the baseline after this many seconds")
    parser.add_argument("--baseline", type=Path,
                        help="source folder of an older reviewer to time its `edit` too")
    args = parser.parse_args()
    rng = random.Random(8)
    cases = [("100 words", {"words": 100}), ("400 words", {"words": 400}),
             ("9,990 characters", {"chars": 9990})]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-unbounded-") as name:
        folder = Path(name)
        for index, (label, size) in enumerate(cases):
            mt, pe = pathological(rng, **size), pathological(rng, **size)
            row: dict[str, Any] = {"case": label, "words": len(pe.split()), "chars": len(pe)}
            pair = folder / f"pair{index}.txt"
            pair.write_text(f"{mt}\n\n{pe}", encoding="utf-8")
            _say(f"{label}: sacrebleu TER …")
            row["sacrebleu"], *_ = run([_TER, str(pair)], args.cap)
            if args.baseline is not None:
                _say(f"{label}: baseline reviewer edit …")
                old = new_project(folder, f"old{index}", [mt, "a b c"], args.baseline)
                row["baseline"], *_ = run([_CLI, "edit", str(old), "1", pe], args.cap,
                                          args.baseline)
            _say(f"{label}: reviewer edit …")
            project = new_project(folder, f"cli{index}", [mt, "a b c"])
            wall, out, code, peak = run([_CLI, "edit", str(project), "1", pe], args.cap)
            assert code == 0, out
            row.update(edit=wall, edit_mb=peak, edit_pending="pending" in out)
            _say(f"{label}: the window …")
            window_project = new_project(folder, f"gui{index}", [mt, "a b c"])
            row.update(measure_window(window_project, pe, args.cap))
            row["open"] = measure_open(project) if row["edit_pending"] else None
            rows.append(row)
        _say("130,000 characters: reviewer edit …")
        project = new_project(folder, "huge", ["a b c"])
        huge = pathological(rng, chars=130_000)
        wall, _, code, peak = run([_CLI, "edit", str(project), "1", huge], args.cap)

    cap = args.cap
    print("| case | sacrebleu TER | " + ("old `reviewer edit` | " if args.baseline else "")
          + "`reviewer edit` now (peak memory) | window: confirm | window: longest GUI stall "
          "| window: scores after | window: opening with them pending |")
    print("|---|---|" + ("---|" if args.baseline else "") + "---|---|---|---|---|")
    for row in rows:
        baseline = f"{_seconds(row['baseline'], cap)} | " if args.baseline else ""
        pending = "pending" if row["edit_pending"] else "scored"
        opening = "—" if row["open"] is None else f"{row['open']:.2f} s"
        print(f"| {row['case']} ({row['words']} words, {row['chars']:,} chars) | "
              f"{_seconds(row['sacrebleu'], cap)} | {baseline}"
              f"{_seconds(row['edit'], cap)}, {pending} ({row['edit_mb']:.0f} MB) | "
              f"{row['confirm'] * 1000:.0f} ms | {row['stall'] * 1000:.0f} ms | "
              f"{_seconds(row['arrived'], cap)} | {opening} |")
    print(f"\n`reviewer edit` with 130,000 characters: exit {code} in {_seconds(wall, cap)} "
          f"({peak:.0f} MB)")


if __name__ == "__main__":
    main()
