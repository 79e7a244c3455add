"""The long kill loop: the real app and CLI SIGKILLed at random moments, 500 times.

    python benchmarks/kill_loop.py [--kills 500] [--seed 1] [--folder DIR]

Each round kills the window (offscreen, working at random, CLI readers beside it and a
file dialog now and then) or a CLI command, then checks as ``tests/reliability`` does:
verify passes, every acknowledged revision and draft is there, exports are complete,
backups pass verify, no partial file is left. Prints the figures (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reliability"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kill_harness import run  # noqa: E402

from reviewer.formats.plaintext import import_plain_text  # noqa: E402
from reviewer.locations import seed_file  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="where the project goes (default: a temp "
                                                    "folder)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="kill-loop-"))
    project = folder / "valdai.review"
    ReviewSession.create(project, import_plain_text(seed_file())).close()
    started = time.monotonic()
    figures = run(project, args.kills, args.seed, progress=True)
    elapsed = time.monotonic() - started
    summary = {key: value for key, value in vars(figures).items() if key != "failures"}
    summary["seconds"] = round(elapsed, 1)
    print(json.dumps(summary, indent=2))
    for failure in figures.failures:
        print("FAILURE:", failure)
    return 1 if figures.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
