"""A draft's effort carried into the edit that saves it (Qt-free)."""

from __future__ import annotations

from reviewer.core.carried_effort import added, draft_effort, typed_between
from reviewer.core.effort import Effort


def test_typed_between_counts_the_fewest_keys() -> None:
    assert typed_between("the cat sat", "the cat sat") == (0, 0)
    assert typed_between("the cat sat", "the black cat sat") == (6, 0)
    assert typed_between("the cat sat", "the dog sat") == (3, 3)
    assert typed_between("", "new") == (3, 0)
    assert typed_between("old", "") == (0, 3)
    assert typed_between("aaa", "aaaa") == (1, 0)  # the overlap of prefix and suffix


def test_a_long_change_is_counted_without_comparing() -> None:
    assert typed_between("x" * 3000, "y" * 2000) == (2000, 3000)


def test_a_draft_carries_its_time_and_the_keys_it_took() -> None:
    assert draft_effort("the cat", "the cats", 4200) == Effort(4200, 1, 0, 0)
    assert added(Effort(1, 2, 3, 4), Effort(10, 20, 30, 40)) == Effort(11, 22, 33, 44)
