"""Opening the main window on a big project, and filtering it: baseline and now side by side.

Per size (default 100,000 segments; ``--sizes 100000 1000000``), on an MT-only project
with three segments confirmed (at 50 %, 90 % and the last; their text has a word no other
segment has), each implementation in a fresh interpreter, taking turns, best of
``--runs``:

- *interactive*: seconds from the process's start to the window shown, the table's first
  rows painted and the event loop idle;
- *peak MB*: the peak resident memory of the GUI process plus its store process;
- *stall*: the GUI thread's longest stall in the 2 s after that (a 5 ms timer's gaps);
- with ``--filters``: the seconds from setting a filter to its first rows shown, and to the
  filter done: status Confirmed and the rare word (three rows, the first half-way down),
  status New and a common word (most rows).

    python benchmarks/window_open.py
    python benchmarks/window_open.py --sizes 1000000 --filters --runs 3
    python benchmarks/window_open.py --screenshot /tmp/window.png   # now, on the last size
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import (  # noqa: E402
    DATA,
    Implementation,
    Run,
    alternate,
    project,
    say,
    table,
)

RARE = "zyzzyvaword"
COMMON = "dor"  # in most segments of the generated corpus

# the snippet: open the window, wait until the table is painted and the loop idle, then
# measure stalls and (optionally) filters; figures go to stdout as NAME VALUE lines
SNIPPET = r"""
import os, time
def _since_start():
    with open("/proc/self/stat") as f:
        start = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        up = float(f.read().split()[0])
    return up - start / os.sysconf("SC_CLK_TCK")
import tempfile
from pathlib import Path
path, filters, shot = Path(sys.argv[1]), sys.argv[2] == "1", sys.argv[3]
try:  # as the app starts (ui/app.py): the store opens the project while Qt starts
    from reviewer.store.remote import prestart
except ImportError:  # the baseline has none
    prestart = None
if prestart is not None:
    prestart(path)
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, QElapsedTimer
from PySide6.QtWidgets import QApplication
app = QApplication(["bench"])
from reviewer.core.filtering import SegmentFilter, TextQuery
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow
scratch = tempfile.mkdtemp()
settings = QSettings(str(Path(scratch) / "s.ini"), QSettings.Format.IniFormat)
settings.setValue("author", "bench")
session = ReviewSession.open(path, isolated=True)
window = MainWindow(session, settings=settings)
window.resize(1200, 800)
painted = []
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(1)
        return False
watch = Watch()
window.table.viewport().installEventFilter(watch)
window.show()
while not painted:
    app.processEvents()
done = []
QTimer.singleShot(0, lambda: done.append(_since_start()))
while not done:
    app.processEvents()
print("INTERACTIVE", done[0])
gaps = [0.0]
clock = QElapsedTimer(); clock.start()
last = [clock.elapsed()]
def tick():
    now = clock.elapsed(); gaps[0] = max(gaps[0], (now - last[0]) / 1000); last[0] = now
ticker = QTimer(); ticker.timeout.connect(tick); ticker.start(5)
end = time.perf_counter() + 2
while time.perf_counter() < end:
    app.processEvents()
ticker.stop()
print("STALL", gaps[0])
print("ROWS", window.filters.proxy.rowCount(), window.table.model().rowCount())
if filters:
    proxy = window.filters.proxy
    for name, chosen in (("STATUS", SegmentFilter(statuses=frozenset({"confirmed"}))),
                         ("TEXT", SegmentFilter(text=TextQuery("__RARE__"))),
                         ("NEW", SegmentFilter(statuses=frozenset({"new"}))),
                         ("COMMON", SegmentFilter(text=TextQuery("__COMMON__")))):
        start = time.perf_counter()
        window.filters.filter_bar.changed.emit(chosen)
        first, stall = None, time.perf_counter() - start
        while proxy.filtering or first is None:
            if first is None and proxy.rowCount():
                first = time.perf_counter() - start
            if not proxy.filtering and first is None:
                first = time.perf_counter() - start if proxy.rowCount() else float("nan")
                break
            began = time.perf_counter()
            app.processEvents()
            stall = max(stall, time.perf_counter() - began)
        full = time.perf_counter() - start
        print(name + "_STALL", stall)
        print(name + "_FIRST", first)
        print(name + "_FULL", full)
        print(name + "_ROWS", proxy.rowCount())
        window.filters.filter_bar.changed.emit(SegmentFilter())
        while proxy.filtering:
            app.processEvents()
if shot != "-":
    window.grab().save(shot)
with open(f"/proc/{session._store.pid}/status") as status:
    print("STORE_HWM", next(l.split()[1] for l in status if l.startswith("VmHWM")))
window.close()
""".replace("__RARE__", RARE).replace("__COMMON__", COMMON)


def edited_project(implementation: Implementation, size: int) -> Path:
    """A copy of the MT-only project with three segments edited (made once)."""
    path = DATA / f"window-{size}-{implementation.key}.review"
    if path.exists():
        return path
    source = project(implementation, size)
    temp = path.with_suffix(".partial")
    shutil.copyfile(source, temp)
    for position in (size // 2, size * 9 // 10, size - 1):
        run = implementation.cli("edit", temp, position + 1,
                                 f"An edited sentence with {RARE} in it.", "--author", "b")
        if run.code != 0:
            raise SystemExit(f"could not edit {temp}")
    temp.replace(path)
    return path


def figures(run: Run) -> dict[str, float]:
    """The snippet's NAME VALUE lines, and the two processes' peak MB."""
    found: dict[str, float] = {}
    for line in run.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name.isupper() and name != "ROWS":
            found[name] = float(value)
    found["PEAK"] = run.peak_mb + found.get("STORE_HWM", float("nan")) / 1024
    stalls = [value for name, value in found.items() if name.endswith("_STALL")]
    if stalls:
        found["FILTER_STALL"] = max(stalls)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--filters", action="store_true")
    parser.add_argument("--screenshot", type=Path, help="save the window (now, last size)")
    parser.add_argument("--now-only", action="store_true", help="skip the baseline")
    args = parser.parse_args()
    now = Implementation.current()
    implementations = [now] if args.now_only else [Implementation.baseline(), now]
    rows: list[tuple[str, ...]] = []
    for size in args.sizes:
        paths = [edited_project(impl, size) for impl in implementations]
        actions = [lambda impl=impl, path=path: impl.python(SNIPPET, path,
                                                           int(args.filters), "-")
                   for impl, path in zip(implementations, paths, strict=True)]
        results = alternate(args.runs, *actions)
        for run in results[-1]:
            say(run.stdout)
        best: list[dict[str, float]] = []
        for runs in results:
            each = [figures(run) for run in runs if run.code == 0]
            best.append({name: min(f.get(name, float("nan")) for f in each)
                         for name in each[0]} if each else {})
        names = [("INTERACTIVE", "open to interactive (s)"), ("PEAK", "peak MB, GUI + store"),
                 ("STALL", "longest stall in the 2 s after (s)")]
        if args.filters:
            names += [("STATUS_FIRST", "status filter: first rows (s)"),
                      ("STATUS_FULL", "status filter: done (s)"),
                      ("TEXT_FIRST", "text filter: first rows (s)"),
                      ("TEXT_FULL", "text filter: done (s)"),
                      ("NEW_FIRST", "status New (most rows): first rows (s)"),
                      ("NEW_FULL", "status New (most rows): done (s)"),
                      ("COMMON_FIRST", f"text '{COMMON}' (most rows): first rows (s)"),
                      ("COMMON_FULL", f"text '{COMMON}' (most rows): done (s)"),
                      ("FILTER_STALL", "filters: the GUI thread's longest block (s)")]
        for name, label in names:
            values = [b.get(name, float("nan")) for b in best]
            ratio = f"{values[0] / values[-1]:.1f}×" if len(values) == 2 and values[-1] else ""
            rows.append((f"{size:,}: {label}", *(f"{v:.3g}" for v in values), ratio))
        if args.screenshot and size == args.sizes[-1]:
            now.python(SNIPPET, paths[-1], 0, args.screenshot)
            say(f"saved {args.screenshot}")
    header = ("figure", *(impl.name for impl in implementations))
    if len(implementations) == 2:
        header += ("baseline / now",)
    print(table(rows, header))


if __name__ == "__main__":
    main()
