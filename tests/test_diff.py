"""Word diffs as the editor reads them."""

from __future__ import annotations

from reviewer.core.diff import DiffPart, for_display, word_diff


def test_a_replaced_word_is_shown_apart_from_its_replacement() -> None:
    parts = word_diff("pour garder vos", "pour enregistrer vos")
    assert [p.kind for p in parts] == ["equal", "delete", "insert", "equal"]
    shown = for_display(parts)
    assert "".join(p.text for p in shown) == "pour garder enregistrer vos"
    assert [(p.kind, p.text) for p in shown[1:4]] == [
        ("delete", "garder"), ("equal", " "), ("insert", "enregistrer")]


def test_no_space_is_added_where_one_already_separates() -> None:
    parts = [DiffPart("delete", "a "), DiffPart("insert", "b")]
    assert for_display(parts) == parts
    assert for_display([DiffPart("insert", "b"), DiffPart("delete", "a")]) == \
        [DiffPart("insert", "b"), DiffPart("delete", "a")]
