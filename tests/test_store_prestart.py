"""A store process started early (while the window is built) is the one the window uses."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reviewer.session import ReviewSession
from reviewer.store import remote
from reviewer.store.lock import ProjectLockedError


def test_a_prestarted_store_is_taken_over_by_the_next_open(seed_project: Path) -> None:
    main = sys.modules["__main__"]
    before = (getattr(main, "__file__", None), main.__spec__)
    remote.prestart(seed_project)
    started = remote._prestarted[(str(seed_project), False, "reviewer")][1]
    # spawning hid the main module from the child, and gave it back
    assert (getattr(main, "__file__", None), main.__spec__) == before
    session = ReviewSession.open(seed_project, isolated=True)
    try:
        assert not remote._prestarted
        assert session._store.pid == started.pid
        assert session.summary().segments == 26
        session.edit(0, "Kept.", "tester", "confirmed")
    finally:
        session.close()
    reopened = ReviewSession.open(seed_project, read_only=True)
    try:
        assert reopened.segment(0).text == "Kept."
    finally:
        reopened.close()


def test_a_prestarted_store_on_a_project_in_use_refuses_as_before(seed_project: Path) -> None:
    writer = ReviewSession.open(seed_project)
    try:
        remote.prestart(seed_project)
        with pytest.raises(ProjectLockedError):
            ReviewSession.open(seed_project, isolated=True)
        assert not remote._prestarted
    finally:
        writer.close()
