"""Drafts in the session, without Qt: typing taken back to the saved text is no draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from old_project import old_project

from reviewer.core.carried_effort import draft_effort
from reviewer.core.effort import Effort
from reviewer.session import ReviewSession
from reviewer.store.project import ProjectStore


def test_typing_back_to_the_saved_text_discards_the_draft(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    mt = session.segment(11).text
    session.save_draft(11, "ZZZ " + mt, "tester", 2000)
    assert not session.discard_draft_if_saved(11, "ZZZ " + mt)  # still typed: kept
    assert session.drafts()[11].text == "ZZZ " + mt
    assert session.discard_draft_if_saved(11, mt)  # the typing was taken back
    assert session.drafts() == {}
    session.close()
    assert ReviewSession.open(seed_project, read_only=True).drafts() == {}


@pytest.mark.file_only  # reads or damages the project file itself
def test_a_draft_equal_to_the_saved_text_is_never_handed_out(seed_project: Path) -> None:
    store = ProjectStore.open(seed_project)  # as a file written before the rule held
    store.save_draft(3, store.segment(3).text, "tester", 100)
    store.save_draft(4, "typed", "tester", 100)
    store.close()
    session = ReviewSession.open(seed_project)
    assert list(session.drafts()) == [4]
    session.save_draft(4, session.segment(4).text, "tester", 100)  # saving one is dropping it
    assert session.drafts() == {}
    session.close()


def test_a_draft_keeps_the_keys_its_typing_took(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    session.save_draft(2, "typed", "tester", 1500, (30, 5, 12))
    session.save_draft(5, "typed too", "tester", 700)  # keys unknown
    session.close()
    drafts = ReviewSession.open(seed_project, read_only=True).drafts()
    assert (drafts[2].editing_ms, drafts[2].keystrokes) == (1500, (30, 5, 12))
    assert drafts[5].keystrokes is None
    assert draft_effort("typed", "typed", 1500, (30, 5, 12)) == Effort(1500, 30, 5, 12)
    assert draft_effort("typed", "typed, more", 700) == Effort(700, 6, 0, 0)  # at least


def test_a_schema_7_project_keeps_its_drafts_and_learns_their_keys(tmp_path: Path) -> None:
    old = tmp_path / "old.review"
    db = old_project(old, 7)
    db.execute("INSERT INTO drafts (segment_id, text, author, updated_at, editing_ms) "
               "VALUES (1, 'Hello, world', 'anna', '2026-11-28T10:00:00Z', 3000)")
    db.commit()
    db.close()
    session = ReviewSession.open(old)
    assert [(d.text, d.editing_ms, d.keystrokes) for d in session.drafts().values()] == [
        ("Hello, world", 3000, None)]
    session.save_draft(0, "Hello, world!", "anna", 3500, (2, 0, 1))
    assert session.drafts()[0].keystrokes == (2, 0, 1)
    session.close()
    assert (tmp_path / "old.review.schema7.bak").exists()
