"""How fast the segment table filters and sorts a big project (figures for docs/performance.md).

    python benchmarks/filters.py                 # 100,000 segments
    python benchmarks/filters.py --sizes 10000 1000000

A model of synthetic segments (words of benchmarks/corpus.py's vocabulary, 5 to 60 a
sentence; statuses and HTERs spread over the rows) under the filter proxy in a shown table
(Qt offscreen). For each filter: the time until the first rows are shown (what the window
waits), the time until every row is tested (the window stays responsive meanwhile) and the
longest GUI-thread stall.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import _Writer  # noqa: E402

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from reviewer.core.filtering import SegmentFilter, TextQuery  # noqa: E402
from reviewer.store.project import SegmentRecord  # noqa: E402
from reviewer.ui.segment_filter import SegmentFilterProxy  # noqa: E402
from reviewer.ui.segment_model import COL_HTER, COL_INDEX, SegmentTableModel  # noqa: E402

STATUSES = ("new", "new", "new", "edited", "confirmed", "confirmed")


def records(count: int) -> list[SegmentRecord]:
    """Synthetic segments: a third edited or confirmed, HTERs from 0 to 99."""
    writer = _Writer(2024)  # its sentences; not make_corpus's post-edits (slow to make)
    result = []
    for position in range(count):
        mt = writer.render(writer.sentence())
        status = STATUSES[position % len(STATUSES)]
        text = mt if status == "new" else writer.render(writer.sentence())
        result.append(SegmentRecord(position, position + 1, None, mt, None, text, status,
                                    position % 3, float(position * 37 % 100), 0.0, 0.0))
    return result


def measure(app: QApplication, proxy: SegmentFilterProxy, action: object) -> dict[str, float]:
    """Run ``action`` (a filter or a sort), then the event loop until it is applied."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    last = [0.0]
    done = [False]
    proxy.applied.connect(lambda: done.__setitem__(0, True))
    start = time.perf_counter()
    action()  # type: ignore[operator]
    shown_first = proxy.rowCount()
    app.processEvents()  # the table painted with them
    first = time.perf_counter() - start
    clock.start()
    last[0] = clock.nsecsElapsed() / 1e6
    ticker = QTimer()
    ticker.setInterval(1)

    def tick() -> None:
        now = clock.nsecsElapsed() / 1e6
        gaps.append(now - last[0])
        last[0] = now

    ticker.timeout.connect(tick)
    ticker.start()
    while not done[0]:
        app.processEvents()
    ticker.stop()
    total = time.perf_counter() - start
    proxy.applied.disconnect()
    return {"first_ms": first * 1000, "all_ms": total * 1000, "first_rows": shown_first,
            "rows": proxy.rowCount(), "stall_ms": max([first * 1000] + gaps)}


def run(count: int) -> None:
    app = QApplication.instance() or QApplication([])
    model = SegmentTableModel(records(count))
    proxy = SegmentFilterProxy(model)
    table = QTableView()
    table.setModel(proxy)
    table.resize(1200, 800)
    table.show()
    app.processEvents()
    cases = [
        ("status confirmed", lambda: proxy.set_filter(
            SegmentFilter(statuses=frozenset({"confirmed"})))),
        ("HTER 20–40", lambda: proxy.set_filter(SegmentFilter(hter_min=20, hter_max=40))),
        ("text 'kamite' (any case, all fields)", lambda: proxy.set_filter(
            SegmentFilter(text=TextQuery("kamite")))),
        ("regex whole word '\\bro\\w+' in the correction", lambda: proxy.set_filter(
            SegmentFilter(text=TextQuery(r"ro\w+", regex=True, whole_word=True,
                                         fields=("correction",))))),
        ("rare text 'zzz' (no match: every row tested)", lambda: proxy.set_filter(
            SegmentFilter(text=TextQuery("zzz")))),
        ("no filter", lambda: proxy.set_filter(SegmentFilter())),
        ("sort by HTER, descending", lambda: proxy.sort(COL_HTER,
                                                         Qt.SortOrder.DescendingOrder)),
        ("status confirmed, sorted by HTER", lambda: proxy.set_filter(
            SegmentFilter(statuses=frozenset({"confirmed"})))),
        ("back to document order", lambda: proxy.sort(COL_INDEX)),
    ]
    print(f"\n{count:,} segments")
    print(f"{'':48} {'first rows shown':>22} {'all tested':>11} {'stall':>8} {'rows':>9}")
    for name, action in cases:
        result = measure(app, proxy, action)
        print(f"{name:48} {result['first_ms']:9.1f} ms ({int(result['first_rows']):>7,}) "
              f"{result['all_ms']:8.1f} ms {result['stall_ms']:6.1f} ms "
              f"{int(result['rows']):>9,}")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    for count in parser.parse_args().sizes:
        run(count)


if __name__ == "__main__":
    main()
