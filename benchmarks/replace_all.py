"""Replace all over a big project: how long the window's GUI thread stalls, the old way
(every segment edited and scored on the GUI thread, as before issue 10) and the new way
(one batch scored in worker processes and written in one transaction in a task), side by
side in one run, for the replacement and for its undo.

A QTimer ticks every 5 ms on the GUI thread; the longest gap between two ticks while the
operation runs is the longest the window could not repaint or take a key.

    python benchmarks/replace_all.py                      # 10,000 segments, about 2 minutes
    python benchmarks/replace_all.py --segments 3000 --word Putin

The project is opened as the app opens it (its store in a process of its own). Not part
of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

WORDS = ["government", "minister", "said", "talks", "would", "continue", "next", "week",
         "while", "officials", "in", "the", "capital", "reported", "new", "figures", "on",
         "trade", "energy", "prices", "and", "the", "regional", "budget"]


def make_project(path: Path, segments: int, word: str, share: float) -> None:
    """``segments`` news-like sentences; ``share`` of them contain ``word``."""
    from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
    from reviewer.session import ReviewSession

    rng = random.Random(10)
    made = []
    for _ in range(segments):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 20))]
        words = [w for w in words if w != word]
        if rng.random() < share:
            words.insert(rng.randrange(len(words) + 1), word)
        made.append(ImportedSegment(" ".join(words).capitalize() + "."))
    document = ImportedDocument(made, Layout(("",) + ("\n",) * segments), "lines")
    ReviewSession.create(path, document).close()


class StallMeter:
    """The longest gap between two ticks of a 5 ms timer on the GUI thread: in wall-clock
    time, and in the GUI thread's own CPU time (on a loaded machine the first also counts
    waiting for a core, the second only the thread's own work)."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[tuple[float, float]] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append((time.perf_counter(), time.thread_time()))

    def measure(self, operation: Callable[[], None], done: Callable[[], bool],
                ) -> tuple[float, float, float]:
        """(seconds in all, longest stall, longest stall in GUI-thread CPU time) of
        ``operation`` until ``done()``."""
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        self.ticks = []
        self._tick()
        self._timer.start()
        start = time.perf_counter()
        operation()
        while not done():
            app.processEvents()
            time.sleep(0.001)
        seconds = time.perf_counter() - start
        self._tick()  # the end counts: a blocking call shows here
        self._timer.stop()
        pairs = list(zip(self.ticks, self.ticks[1:], strict=False))
        return (seconds, max(b[0] - a[0] for a, b in pairs),
                max(b[1] - a[1] for a, b in pairs))


def window_on(project: Path) -> object:
    """A shown main window on ``project`` (store in its own process, as the app does)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reviewer.session import ReviewSession
    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(project.with_suffix(".ini")), QSettings.Format.IniFormat)
    settings.setValue("author", "bench")
    window = MainWindow(ReviewSession.open(project, isolated=True), settings=settings)
    window.show()
    for _ in range(20):
        app.processEvents()
    return window


def old_way(window: object, word: str, replacement: str,
            saved: list[tuple[int, str, str]]) -> tuple[Callable[[], None], Callable[[], None]]:
    """Replace all and its undo as the window did them before: each segment edited, scored
    and shown on the GUI thread, one transaction each."""
    from reviewer.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)

    def replace() -> None:
        session = window.session
        for position, old, new, _count in session.replacements(word, replacement):
            status = window.model.segment(position).status
            result = session.edit(position, new, "bench", status if status in (
                "confirmed", "imported") else "edited")
            window.editing.apply_result(result)
            saved.append((position, old, status))

    def undo() -> None:
        session = window.session
        for position, old, status in reversed(saved):
            window.editing.apply_result(session.edit(position, old, "bench", status))

    return replace, undo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--word", default="minister")
    parser.add_argument("--share", type=float, default=0.3,
                        help="share of segments containing the word (default 0.3)")
    parser.add_argument("--ways", default="old,new", help="old, new or both (default)")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="reviewer-replace-"))
    try:
        started = time.perf_counter()
        master = folder / "master.review"
        make_project(master, args.segments, args.word, args.share)
        print(f"{args.segments:,} segments made in {time.perf_counter() - started:.1f} s; "
              f"replacing {args.word!r} (in about {args.share:.0%} of them)")
        meter = StallMeter()
        rows = []
        idle: tuple[float, float, float] = (0.0, 0.0, 0.0)
        for way in args.ways.split(","):
            project = folder / f"{way}.review"
            shutil.copyfile(master, project)
            window = window_on(project)
            assert isinstance(window, MainWindow)
            # what opening starts in the background (the spelling word list) settles, and
            # the machine's own noise is measured: 4 s of doing nothing
            until = time.perf_counter() + 4
            idle = max(idle, meter.measure(lambda: None,
                                           lambda u=until: time.perf_counter() > u))
            replacement = args.word.upper()
            if way == "old":
                saved: list[tuple[int, str, str]] = []
                replace, undo = old_way(window, args.word, replacement, saved)
                done = lambda: True  # noqa: E731 - it has finished when it returns
                replaced = meter.measure(replace, done)
                changed = len(saved)
                undone = meter.measure(undo, done)
            else:
                replaced = meter.measure(
                    lambda w=window, r=replacement: w.replace_all(args.word, r),
                    lambda w=window: not w.busy)
                changed = window.batches.last_changed
                undone = meter.measure(window.undo_stack.undo, lambda w=window: not w.busy)
            rows.append((way, changed, replaced, undone))
            window.close()
            app.processEvents()
        print()
        print("| way | segments changed | replace all | longest stall (GUI CPU) "
              "| undo | longest stall (GUI CPU) |")
        print("|---|---:|---:|---:|---:|---:|")
        for way, changed, replaced, undone in rows:
            cells = [f"{total:.2f} s | {stall * 1000:,.0f} ms ({cpu * 1000:,.0f} ms)"
                     for total, stall, cpu in (replaced, undone)]
            print(f"| {way} | {changed:,} | {cells[0]} | {cells[1]} |")
        print(f"\nDoing nothing for 4 s, the longest gap was {idle[1] * 1000:.0f} ms "
              f"({idle[2] * 1000:.0f} ms GUI CPU); load average {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
