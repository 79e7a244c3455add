"""What the data-safety design costs, measured side by side in one run.

    python benchmarks/store_safety.py [--sizes 1000 100000] [--edits 200]

For each size it makes a project of generated segments, then measures with the same
edits: the store in process with and without a checkpoint after every commit, and the
store in a process of its own (what the window uses, see reviewer/store/remote.py):
opening, one edit (median and 95th percentile), reading every segment, and the summary
the status bar shows. Figures and the command are in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.store.project import ProjectStore  # noqa: E402


def _document(size: int) -> ImportedDocument:
    corpus = make_corpus(size, edited_share=0.0)
    segments = [ImportedSegment(mt=text, source=None, reference=None) for text in corpus.mt]
    return ImportedDocument(segments=segments, layout=Layout(tuple([""] + ["\n"] * size)),
                            source_name="generated.txt", segmentation="lines",
                            encoding="utf-8", bom=False, format="text")


def _measure(project: Path, variant: str, edits: int) -> dict[str, float]:
    ProjectStore.checkpoint_every_commit = variant != "no checkpoint"
    started = time.perf_counter()
    session = ReviewSession.open(project, isolated=variant == "store process")
    opened = time.perf_counter() - started
    count = session.segment_count()
    times = []
    for number in range(edits):
        position = (number * 7919) % count
        text = f"{session.segment(position).mt} edited {variant} {number}"
        started = time.perf_counter()
        session.edit(position, text, "bench")
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    session.segments()
    read_all = time.perf_counter() - started
    started = time.perf_counter()
    session.summary()
    summary = time.perf_counter() - started
    session.close()
    times.sort()
    return {"open_s": round(opened, 3), "edit_median_ms": round(statistics.median(times) * 1e3, 2),
            "edit_p95_ms": round(times[int(len(times) * 0.95)] * 1e3, 2),
            "read_all_s": round(read_all, 3), "summary_ms": round(summary * 1e3, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            project = Path(folder) / f"p{size}.review"
            ReviewSession.create(project, _document(size)).close()
            rows = {variant: _measure(project, variant, args.edits)
                    for variant in ("no checkpoint", "checkpoint", "store process")}
            base = rows["no checkpoint"]
            for row in rows.values():
                row["edit_ratio"] = round(row["edit_median_ms"] / base["edit_median_ms"], 2)
            results[size] = rows
            print(f"{size} segments", json.dumps(rows, indent=2), flush=True)


if __name__ == "__main__":
    main()
