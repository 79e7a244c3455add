"""Worker processes for scoring, spawned (never forked) and ending with their parent."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
from concurrent.futures import ProcessPoolExecutor


def _exit_with_parent() -> None:
    """Pool initializer: end this worker as soon as the process that started it ends.

    A pool's workers otherwise outlive a parent that crashed or was killed, idle but
    holding its pipes open (and a terminal or a test runner waiting on them).
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes (forking a process that runs Qt is unsafe)."""
    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_exit_with_parent)
