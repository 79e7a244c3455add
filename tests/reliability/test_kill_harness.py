"""The quick kill loop: the real app and CLI SIGKILLed at random moments lose nothing.

The long variant (500 kills) is ``python benchmarks/kill_loop.py``; its figures are in
docs/reliability.md.
"""

from __future__ import annotations

import os
from pathlib import Path

from kill_harness import run

QUICK_KILLS = int(os.environ.get("REVIEWER_QUICK_KILLS", "6"))


def test_random_kills_lose_nothing(seed_project: Path) -> None:
    figures = run(seed_project, QUICK_KILLS, seed=20261129)
    assert figures.failures == []
    assert figures.kills == QUICK_KILLS and figures.lost == 0 and figures.verify_failures == 0
    assert figures.app_kills and figures.cli_kills
    assert figures.acknowledged > 0
