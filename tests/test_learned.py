"""The rules of fixes learned from corrections (reviewer.core.learned, fix_index)."""

from __future__ import annotations

from reviewer.core.fix_index import FixIndex, adapt_case
from reviewer.core.learned import Fix, Suggestion, fixes_of, learn, replace_span


def pairs(mt: str, correction: str) -> list[tuple[str, str]]:
    return [(fix.mt, fix.suggestion) for fix in fixes_of(mt, correction)]


def test_a_changed_word_is_a_fix() -> None:
    assert pairs("The news is frightening today.", "The news is alarming today.") == [
        ("frightening", "alarming")]


def test_changes_a_word_or_two_apart_are_one_fix() -> None:
    assert pairs("said the President of the Russian Federation.",
                 "said the Russian President.") == [
        ("President of the Russian Federation", "Russian President")]


def test_a_pure_insertion_is_no_fix() -> None:
    assert pairs("Russian military to act in Syria", "The Russian military acts in Syria") \
        == [("to act", "acts")]
    assert pairs("a war in Syria", "a long war in Syria") == []


def test_stop_words_alone_take_a_word_of_context_each_side() -> None:
    assert pairs("it gives the the results we want", "it gives the results we want") == [
        ("the the results", "the results")]
    assert pairs("He spoke of the war.", "He spoke about the war.") == [
        ("spoke of the", "spoke about the")]


def test_a_deletion_and_a_number_word_take_context_too() -> None:
    assert pairs("for almost one and a half years the coalition",
                 "for almost a year and a half the coalition") == [
        ("almost one and", "almost a year and"), ("half years the", "half the")]


def test_stop_words_without_content_even_in_context_are_skipped() -> None:
    assert pairs("and it is of it", "and it is for it") == []


def test_punctuation_alone_is_anchored_by_the_next_word() -> None:
    assert pairs("will give results”, – said the head of state.",
                 "will give results,” said the head of state.") == [("”, – said", ",” said")]


def test_a_case_change_takes_the_word_before() -> None:
    assert pairs("our Armed forces and", "our Armed Forces and") == [
        ("Armed forces", "Armed Forces")]


def test_an_unchanged_correction_teaches_nothing() -> None:
    assert pairs("All is well.", "All is well.") == []
    assert pairs("All  is well.", "All is well.") == []  # spacing only


def test_the_same_fix_learned_twice_is_one_fix_counted_twice() -> None:
    fixes = learn([(3, "blows on targets", "strikes on targets"),
                   (7, "more blows today", "more strikes today")])
    assert fixes == [Fix("blows", "strikes", 7, 2)]


def test_conflicting_fixes_keep_the_most_frequent_then_the_most_recent() -> None:
    frequent = learn([(1, "struck blows", "struck strikes"), (2, "blows", "strikes"),
                      (5, "blows", "airstrikes")])
    assert [(f.suggestion, f.count, f.learned_from) for f in frequent] == [("strikes", 2, 2)]
    tie = learn([(1, "blows", "strikes"), (5, "blows", "airstrikes")])
    assert [(f.suggestion, f.learned_from) for f in tie] == [("airstrikes", 5)]
    case = learn([(1, "Blows", "Strikes"), (5, "blows", "strikes")])
    assert [(f.mt, f.suggestion, f.count) for f in case] == [("blows", "strikes", 2)]


def test_occurrences_are_whole_words_in_any_case() -> None:
    index = FixIndex([Fix("blows", "strikes", 4)])
    found = index.find(9, "Blows, more blows and BLOWS; blowsy is another word.")
    assert [(s.start, s.end, s.mt, s.suggestion) for s in found] == [
        (0, 5, "Blows", "Strikes"), (12, 17, "blows", "strikes"),
        (22, 27, "BLOWS", "STRIKES")]
    assert all(s.position == 9 and s.learned_from == 4 for s in found)


def test_a_phrase_matches_across_any_white_space() -> None:
    index = FixIndex([Fix("President of the Russian Federation", "Russian President", 0)])
    text = "said the President of the\nRussian  Federation."
    (found,) = index.find(1, text)
    assert text[found.start:found.end] == "President of the\nRussian  Federation"
    assert found.applied(text) == "said the Russian President."


def test_the_longest_fix_wins_and_occurrences_do_not_overlap() -> None:
    index = FixIndex([Fix("blows", "strikes", 0), Fix("struck blows", "carried out strikes", 1)])
    found = index.find(2, "they struck blows, many blows")
    assert [(s.mt, s.suggestion) for s in found] == [
        ("struck blows", "carried out strikes"), ("blows", "strikes")]


def test_an_occurrence_already_corrected_is_no_suggestion() -> None:
    index = FixIndex([Fix("Armed forces", "Armed Forces", 0),
                      Fix("President", "President of Russia", 0)])
    assert index.find(1, "the Armed Forces of Syria") == []
    assert index.find(1, "the President of Russia said") == []
    assert [s.suggestion for s in index.find(1, "the President said")] == [
        "President of Russia"]


def test_case_follows_the_occurrence_unless_the_fix_changed_it() -> None:
    assert adapt_case("Frightening", "frightening", "alarming") == "Alarming"
    assert adapt_case("frightening", "Frightening", "Alarming") == "alarming"
    assert adapt_case("forces", "forces", "Forces") == "Forces"
    assert adapt_case("”, – Said", "”, – said", ",” said") == ",” Said"


def test_a_deletion_leaves_no_double_space() -> None:
    assert replace_span("the the results", 0, 4, "") == "the results"
    assert replace_span("more blows there.", 10, 16, "") == "more blows."
    assert replace_span("a b c", 2, 3, "") == "a c"


def test_json_shape_counts_segments_from_one() -> None:
    suggestion = Suggestion(4, 10, 15, "blows", "strikes", 8)
    assert suggestion.to_data() == {"segment": 5, "start": 10, "end": 15, "mt": "blows",
                                    "suggestion": "strikes", "learned_from": 9}


def test_finding_is_one_pass_over_the_text_not_fixes_times_segments() -> None:
    fixes = [Fix(f"phrase{n} of words", f"fixed{n}", n) for n in range(2_000)]
    index = FixIndex(fixes)
    texts = [f"Segment {n} holds phrase{n % 3_000} of words among other words." * 3
             for n in range(5_000)]
    # its speed is measured in benchmarks/learned_fixes.py; here: no fixes × segments
    compared = CountingEntries(index._by_first)
    index._by_first = compared
    found = sum(len(index.find(n, text)) for n, text in enumerate(texts))
    assert found == 3 * sum(1 for n in range(5_000) if n % 3_000 < 2_000)
    assert compared.entries <= found  # only the fixes starting with a word of the text


class CountingEntries(dict):  # type: ignore[type-arg]
    """Fixes by first word, counting the fixes a lookup hands out to compare."""

    entries = 0

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        found = super().get(key, default)
        self.entries += len(found or ())
        return found
