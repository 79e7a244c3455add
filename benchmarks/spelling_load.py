"""How long a spelling word list takes to load, and the longest the GUI thread waits meanwhile.

Run: python benchmarks/spelling_load.py [LANGUAGE ...]   (default: en ru de)

A timer on the GUI thread ticks every 2 ms while the list loads in the worker thread;
the longest gap between ticks is what a user could feel (a thread that only sleeps
gives the machine's own noise). For comparison the same is
measured for a load that parses the whole list in one json.loads call, as pyspellchecker
itself does.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
import time
from importlib import resources

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

from reviewer.core import lexicon  # noqa: E402


def _whole(language: str) -> None:
    folder = resources.files("spellchecker").joinpath("resources")
    json.loads(gzip.decompress(folder.joinpath(f"{language}.json.gz").read_bytes()))


def longest_gap_ms(app: QCoreApplication, load: threading.Thread) -> float:
    """Start ``load`` and tick on this thread until it ends; the longest tick gap."""
    last, longest = time.perf_counter(), 0.0

    def tick() -> None:
        nonlocal last, longest
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        if not load.is_alive():
            app.quit()

    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(tick)
    timer.start()
    load.start()
    app.exec()
    timer.stop()
    return longest * 1000


def main(languages: list[str]) -> None:
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    idle = longest_gap_ms(app, threading.Thread(target=time.sleep, args=(1.0,)))
    print(f"longest GUI wait with a thread that only sleeps (the machine's noise): {idle:.1f} ms")
    for language in languages:
        lexicon.forget_lexicons()
        ours = threading.Thread(target=lambda code=language: lexicon.load_lexicon(code))
        gap = longest_gap_ms(app, ours)
        loaded = lexicon.load_lexicon(language)
        whole_gap = longest_gap_ms(app, threading.Thread(target=_whole, args=(language,)))
        print(f"{language}: {len(loaded.frequencies):>7} words loaded in "
              f"{loaded.loaded_in_s * 1000:6.0f} ms; longest GUI wait {gap:5.1f} ms "
              f"(one json.loads: {whole_gap:5.1f} ms)")


if __name__ == "__main__":
    main(sys.argv[1:] or ["en", "ru", "de"])
