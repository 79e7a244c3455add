"""QA checks: each fires on the seed article, can be switched off, and `check` lists them."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from cli_helpers import run
from qa_seed import SEED_EDITS
from tagged_project import C1, O1, O2, X3, tagged_project

from reviewer.core.errors import ReviewerError
from reviewer.core.qa import (
    BRACKETS,
    CHECKS,
    DOUBLE_SPACE,
    EMPTY,
    NUMBERS,
    QUOTES,
    REPEATED_WORD,
    SAME_AS_SOURCE,
    SPELLING,
    TAGS,
    WHITESPACE,
    QaWarning,
    check_segment,
    parse_check_ids,
)
from reviewer.core.tags import tag_char
from reviewer.qa_service import SessionQa
from reviewer.session import ReviewSession

DOCS = Path(__file__).parent.parent / "docs" / "cli.md"

# The seed's first three sentences with the Russian they were machine-translated from
SOURCE_LINES = [
    "Путин: действия российских военных в Сирии успешны, но терроризм не побежден",
    "СОЧИ, 22 октября.",
    "Президент России Владимир Путин убежден, что российские военные действуют в Сирии "
    "успешно, но признает, что терроризм еще не побежден.",
    "Более 11 стран приняли участие, нанесено более 1 500 ударов.",
]


def checks(warnings: list[QaWarning]) -> list[str]:
    return [warning.check for warning in warnings]


def only(check: str, text: str, mt: str, source: str | None = None) -> list[QaWarning]:
    """The warnings of one check (every other check switched off)."""
    return check_segment(text, mt, source, disabled=set(CHECKS) - {check})


# -- each check on its own -----------------------------------------------------------------

def test_a_number_of_the_mt_missing_from_the_correction() -> None:
    mt = "SOCHI, October 22."
    assert only(NUMBERS, "SOCHI, 22 October.", mt) == []
    [warning] = only(NUMBERS, "SOCHI, October.", mt)
    assert warning == QaWarning(NUMBERS, "number 22 (in the MT) is missing", 0, 15)


@pytest.mark.parametrize("written", ["1,000", "1 000", "1000", "1\u00a0000", "1\u202f000",
                                     "1.000"])
def test_numbers_are_the_same_whatever_their_grouping(written: str) -> None:
    assert only(NUMBERS, f"more than {written} strikes", "more than 1 000 strikes") == []


def test_decimal_comma_and_point_are_the_same_number() -> None:
    assert only(NUMBERS, "1.5 million", "1,5 миллиона") == []
    assert only(NUMBERS, "2,75 %", "2.75%") == []
    assert checks(only(NUMBERS, "1.6 million", "1,5 миллиона")) == [NUMBERS]


def test_each_occurrence_of_a_number_counts_and_a_year_is_not_a_thousands_group() -> None:
    assert checks(only(NUMBERS, "11 and", "11 and 11")) == [NUMBERS]
    assert only(NUMBERS, "October 22 2015", "22 октября 2015 года") == []
    assert only(NUMBERS, "on 22 October, 2015", "22 октября 2015") == []


def test_numbers_come_from_the_source_when_there_is_one() -> None:
    # the MT invented 2015; the source has 22 only
    assert only(NUMBERS, "SOCHI, 22 October.", "SOCHI, 22 October 2015.", "СОЧИ, 22 октября.") \
        == []
    [warning] = only(NUMBERS, "SOCHI, October.", "SOCHI, October 22.", "СОЧИ, 22 октября.")
    assert warning.message == "number 22 (in the source) is missing"


def test_unbalanced_brackets() -> None:
    text = "the coalition (led by the USA struck] blows"
    warnings = only(BRACKETS, text, "the coalition led by the USA struck blows")
    assert [(w.message, w.start, w.end) for w in warnings] == [
        ("( is not closed", 14, 15), ("] closes no [", 36, 37)]
    assert only(BRACKETS, "a (b [c] {d}) e", "a b c d e") == []


@pytest.mark.parametrize("text", ["“Valdai”", "«Валдай»", "„Waldai“", "„Valdai”", "\"Valdai\"",
                                  "«Он сказал „да“»"])
def test_balanced_quotes_of_each_language(text: str) -> None:
    assert only(QUOTES, text, "“Valdai”") == []


def test_unbalanced_quotes() -> None:
    [warning] = only(QUOTES, "the club “Valdai.", "the club “Valdai”.")
    assert (warning.message, warning.start, warning.end) == ("“ is not closed", 9, 10)
    [warning] = only(QUOTES, "the club Valdai”.", "the club “Valdai”.")
    assert warning.message == "” closes no opening quote"
    [warning] = only(QUOTES, 'the "club "Valdai".', "the club “Valdai”.")
    assert (warning.message, warning.start) == ('an odd number of " (3)', 17)


def test_a_quotation_open_in_the_source_may_stay_open() -> None:
    # sentence splitting leaves a multi-sentence quotation open in the MT and the source
    mt = "“In my opinion, such a result is already there."
    assert only(QUOTES, "“In my view, such a result is already there.", mt) == []
    assert only(QUOTES, "«In my view, such a result is already there.", mt,
                "«По-моему, такой результат уже есть.") == []
    assert checks(only(QUOTES, "“In my “view, a result.", mt)) == [QUOTES]


def test_double_spaces() -> None:
    [warning] = only(DOUBLE_SPACE, "Vladimir  Putin is   convinced", "Vladimir Putin")[:1]
    assert (warning.message, warning.start, warning.end) == ("2 spaces in a row", 8, 10)
    assert len(only(DOUBLE_SPACE, "Vladimir  Putin is   convinced", "x")) == 2
    assert only(DOUBLE_SPACE, "Vladimir Putin", "Vladimir  Putin") == []


def test_leading_and_trailing_white_space_unlike_the_source_or_mt() -> None:
    [lead] = only(WHITESPACE, " In his view.", "In his view.")
    assert (lead.message, lead.start, lead.end) == (
        "the correction starts with a space; the MT with no white space", 0, 1)
    [trail] = only(WHITESPACE, "In his view.", "In his view.\n", "По его мнению.\n")
    assert (trail.message, trail.start, trail.end) == (
        "the correction ends with no white space; the source with a line break", 12, 12)
    assert only(WHITESPACE, "  In his view. ", "  MT. ", "  Source. ") == []


def test_repeated_words() -> None:
    text = "Putin: the The Russian military military acts"
    warnings = only(REPEATED_WORD, text, "Putin: the Russian military acts")
    assert [(w.message, text[w.start:w.end]) for w in warnings] == [
        ("“the” twice in a row", "The"), ("“military” twice in a row", "military")]
    assert only(REPEATED_WORD, "in 2015 2015 and the theme", "x") == []


def test_an_empty_correction_says_only_that() -> None:
    assert check_segment("", "SOCHI, October 22 “Valdai”.") == [
        QaWarning(EMPTY, "the correction is empty", 0, 0)]
    assert checks(check_segment(" ", "SOCHI.")) == [EMPTY]
    assert check_segment("", "") == []


def test_a_correction_identical_to_the_source() -> None:
    source = "СОЧИ, 22 октября."
    [warning] = check_segment(source, "SOCHI, October 22.", source)
    assert warning == QaWarning(SAME_AS_SOURCE, "the correction is the source text", 0, 17)
    # a source in the target language (a revision job): the same text is not a mistake
    assert check_segment("Valdai", "Valdai", "Valdai") == []


def test_tag_problems_are_a_check() -> None:
    from tagged_project import TAGS as TABLE

    text = f"{O1}SOCHI{C1}, 22 October."
    warnings = check_segment(text, f"{O1}SOCHI{C1}, October {O2}22{tag_char(3)}.{X3}",
                             tags=TABLE)
    assert {(w.check, w.message) for w in warnings} == {
        (TAGS, "tag <2> is missing"), (TAGS, "tag </2> is missing"),
        (TAGS, "tag <3/> is missing")}
    assert all((w.start, w.end) == (0, len(text)) for w in warnings)


def test_offsets_count_a_tag_as_one_character() -> None:
    from tagged_project import TAGS as TABLE

    text = f"{O1}SOCHI{C1},  22 October.{X3}"
    [warning] = check_segment(text, text, tags=TABLE, disabled={TAGS})
    assert (warning.check, warning.start, warning.end) == (DOUBLE_SPACE, 8, 10)


def test_spelling_is_a_check_given_a_speller() -> None:
    def speller(text: str) -> list[tuple[int, int, str]]:
        return [(6, 9, "teh")] if "teh" in text else []

    [warning] = check_segment("I saw teh cat.", "I saw the cat.", speller=speller)
    assert warning == QaWarning(SPELLING, "“teh” may be misspelled", 6, 9)
    assert check_segment("I saw teh cat.", "I saw the cat.", speller=speller,
                         disabled={SPELLING}) == []


def test_checks_can_be_switched_off_by_id() -> None:
    text = "the the  end"
    assert checks(check_segment(text, "the end")) == [DOUBLE_SPACE, REPEATED_WORD]
    assert checks(check_segment(text, "the end", disabled={DOUBLE_SPACE})) == [REPEATED_WORD]
    assert parse_check_ids(" double-space, repeated-word,,") == {DOUBLE_SPACE, REPEATED_WORD}
    with pytest.raises(ReviewerError, match="unknown QA check 'doubles'; the checks are: "
                                            "empty, same-as-source"):
        parse_check_ids("doubles")


def test_the_checks_are_fast() -> None:
    mt = " ".join(["“We hope that 1 000 coordinated (actions) of our strike aircraft”, – said"]
                  * 40)
    text = mt.replace("hope", "hope  that").replace("1 000", "1,000")
    timings = []
    for _ in range(10):  # the best of ten: other work on the machine only slows some down
        start = time.perf_counter()
        check_segment(text, mt, mt)
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.01, timings  # a 3,000-character segment, well inside a frame


# -- the seed article, end to end through the command line ---------------------------------

@pytest.fixture
def seed_with_edits(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    project = tmp_path / "valdai.review"
    assert run(capsys, "new", project, "--mt", seed)[0] == 0
    for number, (text, _check) in SEED_EDITS.items():
        code, _out, err = run(capsys, "edit", project, number, text)
        assert code == 0, err
    return project


def test_check_lists_each_check_firing_on_the_seed(seed_with_edits: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", seed_with_edits, "--json")
    assert code == 1 and err == ""
    rows = json.loads(out)
    assert {(row["segment"], row["check"]) for row in rows} == {
        (number, check) for number, (_text, check) in SEED_EDITS.items()}
    assert all(set(row) == {"segment", "check", "message", "start", "end"} for row in rows)
    double = next(row for row in rows if row["check"] == DOUBLE_SPACE)
    assert (double["start"], double["end"]) == (24, 26)
    assert {"segment": 2, "check": NUMBERS, "message": "number 22 (in the MT) is missing",
            "start": 0, "end": 15} in rows

    code, out, _ = run(capsys, "check", seed_with_edits)
    assert code == 1
    assert "segment 2: numbers: number 22 (in the MT) is missing" in out.splitlines()
    assert len(out.splitlines()) == len(rows)


def test_check_of_an_untouched_seed_is_clean(seed: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "valdai.review"
    run(capsys, "new", project, "--mt", seed)
    code, out, _ = run(capsys, "check", project)
    assert code == 0 and "no QA warnings" in out
    assert run(capsys, "check", project, "--json")[:2] == (0, "[]\n")


def test_check_of_one_segment_regardless_of_status(seed_with_edits: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", seed_with_edits, "--segment", 8, "--json")
    assert code == 1
    assert [(row["segment"], row["check"]) for row in json.loads(out)] == [(8, BRACKETS)]
    assert run(capsys, "check", seed_with_edits, "--segment", 9)[0] == 0  # untouched, clean
    code, _, err = run(capsys, "check", seed_with_edits, "--segment", 99)
    assert code == 1 and "no segment 99" in err


def test_check_disable_for_one_run_and_qa_settings_for_the_project(
        seed_with_edits: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", seed_with_edits, "--json", "--disable",
                       "double-space,repeated-word")
    assert {row["check"] for row in json.loads(out)} == {NUMBERS, QUOTES, BRACKETS,
                                                         WHITESPACE, EMPTY, SPELLING}
    code, _, err = run(capsys, "check", seed_with_edits, "--disable", "doubles")
    assert code == 1 and "unknown QA check 'doubles'" in err and err.count("\n") == 1

    code, out, _ = run(capsys, "qa-settings", seed_with_edits, "--disable", "numbers,empty")
    assert code == 0
    states = {line.split()[0]: line.split()[1] for line in out.splitlines()}
    assert states[NUMBERS] == "off" and states[EMPTY] == "off" and states[QUOTES] == "on"
    assert list(states) == list(CHECKS)
    code, out, _ = run(capsys, "check", seed_with_edits, "--json")
    assert NUMBERS not in {row["check"] for row in json.loads(out)}
    code, out, _ = run(capsys, "qa-settings", seed_with_edits, "--enable", "numbers", "--json")
    assert json.loads(out)[NUMBERS] is True and json.loads(out)[EMPTY] is False
    code, out, _ = run(capsys, "check", seed_with_edits, "--json")
    assert NUMBERS in {row["check"] for row in json.loads(out)}


def test_same_as_source_and_source_numbers_on_the_seed_with_its_russian(
        tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "valdai.review"
    sentences = _seed_sentences(seed)[:3]
    mt = tmp_path / "mt.txt"
    mt.write_text("\n".join([*sentences, "More than 11 countries took part, more than 1,500 "
                             "blows."]) + "\n", encoding="utf-8")
    source = tmp_path / "source.txt"
    source.write_text("\n".join(SOURCE_LINES) + "\n", encoding="utf-8")
    assert run(capsys, "new", project, "--mt", mt, "--source", source)[0] == 0
    run(capsys, "edit", project, 1, SOURCE_LINES[0])
    run(capsys, "edit", project, 2, "SOCHI, on the 2nd of October.")
    run(capsys, "edit", project, 4, "More than 11 countries took part, over 1 500 strikes.")
    code, out, _ = run(capsys, "check", project, "--json")
    assert code == 1
    assert [(row["segment"], row["check"], row["message"]) for row in json.loads(out)] == [
        (1, SAME_AS_SOURCE, "the correction is the source text"),
        (2, NUMBERS, "number 22 (in the source) is missing")]


def _seed_sentences(seed: Path) -> list[str]:
    from reviewer.formats.plaintext import import_plain_text

    return [segment.mt for segment in import_plain_text(seed).segments]


def test_a_word_of_the_project_dictionary_is_no_spelling_warning(
        seed_with_edits: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", seed_with_edits, "--segment", 13)
    assert out == "segment 13: spelling: “ofered” may be misspelled\n"
    session = ReviewSession.open(seed_with_edits)
    session.add_project_word("ofered")
    session.close()
    assert run(capsys, "check", seed_with_edits, "--segment", 13)[0] == 0


def test_check_keeps_reporting_tag_problems(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    project = tagged_project(tmp_path)
    run(capsys, "edit", project, 2, "Type \\<1> in the box")
    code, out, _ = run(capsys, "check", project)
    assert code == 1
    assert "segment 2: tags: tag <3/> is missing" in out.splitlines()


# -- the session's side ----------------------------------------------------------------------

def test_the_disabled_checks_are_a_project_setting(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    qa = SessionQa(session)
    assert qa.disabled() == frozenset()
    session.edit(2, "The President  of Russia", "anna")
    assert checks(qa.warnings(2)) == [DOUBLE_SPACE]
    qa.set_disabled({DOUBLE_SPACE})
    assert qa.warnings(2) == []
    assert qa.warnings(2, "the the") == [QaWarning(REPEATED_WORD, "“the” twice in a row", 4, 7)]
    session.close()
    again = ReviewSession.open(seed_project, read_only=True)
    assert SessionQa(again).disabled() == {DOUBLE_SPACE}
    with pytest.raises(ReviewerError, match="read-only"):
        SessionQa(again).set_disabled(set())
    again.close()


def test_the_document_check_leaves_untouched_and_locked_segments_out(tmp_path: Path) -> None:
    project = tagged_project(tmp_path)
    session = ReviewSession.open(project)
    qa = SessionQa(session)
    assert qa.document() == []
    session.edit(3, "A plain  sentence.", "anna")
    seen: list[tuple[int, int]] = []
    assert [(position, w.check) for position, w in qa.document(progress=lambda d, t:
                                                                 seen.append((d, t)))] == [
        (3, DOUBLE_SPACE)]
    assert seen[-1] == (4, 4)
    session.close()


def test_check_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for phrase in ("reviewer check PROJECT [--segment N] [--json] [--disable ID,...]",
                   "reviewer qa-settings PROJECT", *CHECKS,
                   '{"segment": 3, "check": "double-space"'):
        assert phrase in docs, phrase
