"""Drafts in the session, without Qt: typing taken back to the saved text is no draft."""

from __future__ import annotations

from pathlib import Path

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
