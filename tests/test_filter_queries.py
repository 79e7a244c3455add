"""Filters by status and text in SQL (``ReviewSession.matching_positions``) give exactly the
rows the window's Python filter (``SegmentFilter``) gives, a page at a time; each segment's
current status is kept beside it (schema 11) whatever writes its head."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from old_project import old_project
from tagged_project import tagged_project

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.filtering import SegmentFilter, TextQuery
from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession
from reviewer.store.text_prefilter import ASCII_WITH_OTHERS, like_for, same_letter

SOURCES = ["Kırmızı kalem", "Der Straße folgen", "Привет, мир!", "100% [done] *now*?",
           "a_b%c", "ſtraße", "KELVIN", "tab\there", "Line\nbreak", "emoji 😀 here",
           "İstanbul", "ΣΟΦΙΑ σοφία", "plain words", "cat concatenate", "", "x"]
MTS = ["Red pen", "Follow the street", "Hello, world!", "100 percent done now",
       "a b c", "Street", "kelvin K", "Tab here", "Line break", "Emoji here",
       "Istanbul", "Sofia wisdom", "plain words", "Cat, concatenated.", "empty", "X"]
EDITS = {0: ("kirmizi KALEM", SegmentStatus.CONFIRMED),
         2: ("Здравствуй, МИР", SegmentStatus.EDITED),
         5: ("STRASSE", SegmentStatus.CONFIRMED), 7: ("tab\there", SegmentStatus.CONFIRMED),
         9: ("Emoji 😀", SegmentStatus.EDITED), 13: ("the cat sat", SegmentStatus.CONFIRMED),
         15: ("X", SegmentStatus.CONFIRMED)}
NEEDLES = ["k", "K", "i", "I", "ı", "İ", "s", "S", "ſ", "ß", "σ", "Σ", "ς", "мир", "МИР",
           "100%", "[done]", "*now*", "?", "a_b", "%", "_", "\t", "\n", "😀", "cat", "CAT",
           "at", "street", "STRASSE", "plain words", "nothing like it", "e", ".", "str",
           "\u212a", "kelvin", "istanbul", "İSTANBUL", "kırmızı"]


@dataclass(frozen=True)
class Facts:
    """A stored segment as the window's filter sees it."""

    status: str
    source: str
    mt: str
    correction: str
    hter: float = 0.0
    warnings: bool = False
    comments: bool = False


def _project(folder: Path) -> Path:
    path = folder / "varied.review"
    segments = [ImportedSegment(mt=mt, source=source)
                for source, mt in zip(SOURCES, MTS, strict=True)]
    segments[3] = ImportedSegment(mt=MTS[3], source=SOURCES[3], correction="100% done now")
    ReviewSession.create(path, ImportedDocument(
        segments, Layout(("",) + ("\n",) * len(segments)), "lines")).close()
    session = ReviewSession.open(path)
    try:
        for position, (text, status) in EDITS.items():
            session.edit(position, text, "tester", status)
        session.edit(1, MTS[1], "tester", SegmentStatus.EDITED)  # back to the MT: 'new'
    finally:
        session.close()
    return path


def _expected(session: ReviewSession, segment_filter: SegmentFilter) -> list[int]:
    accepts = segment_filter.predicate()
    locked = {p for p in range(session.segment_count()) if session.segment_locked(p)}
    return [s.position for s in session.segments()
            if accepts(Facts(SegmentStatus.LOCKED if s.position in locked else s.status,
                             s.source or "", s.mt, s.text))]


def _queries() -> list[TextQuery]:
    queries = []
    for needle in NEEDLES:
        for match_case in (False, True):
            for whole_word in (False, True):
                queries.append(TextQuery(needle, match_case=match_case, whole_word=whole_word))
        queries.append(TextQuery(needle, fields=("correction",)))
        queries.append(TextQuery(needle, fields=("source", "mt")))
    queries += [TextQuery(r"c.t", regex=True), TextQuery(r"^$", regex=True),
                TextQuery(r"^\w+$", regex=True, fields=("source",)),
                TextQuery(r"ST?RA", regex=True, match_case=True)]
    return queries


def test_text_queries_find_exactly_what_the_window_filter_finds(tmp_path: Path) -> None:
    session = ReviewSession.open(_project(tmp_path))
    try:
        for query in _queries():
            wanted = _expected(session, SegmentFilter(text=query))
            assert session.matching_positions(text=query, limit=1000) == wanted, query
    finally:
        session.close()


@pytest.mark.parametrize("statuses", [
    {"new"}, {"confirmed"}, {"edited"}, {"imported"}, {"confirmed", "edited"},
    {"new", "imported", "edited"}, {"reviewed"}, {"draft"}, set(SegmentStatus)])
def test_status_filters_alone_and_with_text_match_the_window_filter(
        tmp_path: Path, statuses: set[str]) -> None:
    session = ReviewSession.open(_project(tmp_path))
    try:
        chosen = frozenset(statuses)
        assert session.matching_positions(chosen, limit=1000) == \
            _expected(session, SegmentFilter(statuses=chosen))
        for query in (TextQuery("e"), TextQuery("cat", whole_word=True), TextQuery("МИР")):
            assert session.matching_positions(chosen, query, limit=1000) == \
                _expected(session, SegmentFilter(statuses=chosen, text=query)), query
    finally:
        session.close()


def test_pages_put_together_are_the_whole_answer(tmp_path: Path) -> None:
    session = ReviewSession.open(_project(tmp_path))
    try:
        for statuses, query in ((set(), TextQuery("e")), ({"new", "confirmed"}, None),
                                ({"new", "edited"}, TextQuery("i")), (set(), None)):
            whole = session.matching_positions(statuses, query, limit=1000)
            pages: list[int] = []
            after = -1
            while True:
                page = session.matching_positions(statuses, query, after=after, limit=2)
                pages += page
                if len(page) < 2:
                    break
                after = page[-1]
            assert pages == whole and len(whole) > 2
            assert session.matching_positions(statuses, query, limit=0) == []
    finally:
        session.close()


def test_locked_segments_show_as_locked_and_under_no_other_status(tmp_path: Path) -> None:
    session = ReviewSession.open(tagged_project(tmp_path))
    try:
        assert session.matching_positions({"locked"}) == [2]
        assert session.matching_positions({"new"}) == [0, 1, 3]
        assert session.matching_positions({"locked"}, TextQuery("valdai")) == [2]
        assert session.matching_positions({"new", "locked"}, TextQuery("a")) == \
            _expected(session, SegmentFilter(statuses=frozenset({"new", "locked"}),
                                             text=TextQuery("a")))
    finally:
        session.close()


def test_a_bad_regular_expression_is_a_one_line_error(tmp_path: Path) -> None:
    session = ReviewSession.open(_project(tmp_path))
    try:
        with pytest.raises(ReviewerError, match="not a valid regular expression"):
            session.matching_positions(text=TextQuery("(", regex=True))
    finally:
        session.close()


def test_the_like_pattern_keeps_only_what_like_folds_as_python_does() -> None:
    assert like_for("abc") == "%abc%"
    assert like_for("kiss") == "%____%"  # the Kelvin sign, İ and ı, the long s
    assert like_for("kiss", ascii_text=True) == "%kiss%"
    assert like_for("Привет") == "%______%"
    assert like_for("100%_\\!") == "%100\\%\\_\\\\!%"
    assert like_for("😀—") == "%😀—%"
    assert like_for("a\x00") is None


def test_the_ascii_letters_with_other_variants_are_all_known() -> None:
    for character in map(chr, range(128)):
        plain = "".join(sorted({character, character.lower(), character.upper()}))
        others = ASCII_WITH_OTHERS.get(character.lower(), "")
        assert same_letter(character) == "".join(sorted(plain + others)), character


def _head_statuses(path: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(path)
    try:
        return list(db.execute(
            "SELECT s.head_status, coalesce(r.status, 'new') FROM segments s "
            "LEFT JOIN revisions r ON r.id = s.head_revision ORDER BY s.id"))
    finally:
        db.close()


@pytest.mark.file_only  # reads or damages the project file itself
def test_the_stored_status_follows_edits_imports_splits_and_merges(tmp_path: Path) -> None:
    path = _project(tmp_path)
    session = ReviewSession.open(path)
    try:
        session.split(12, 5, "tester")
        session.merge(0, "tester")
        session.edit(4, "a b c d", "tester", SegmentStatus.EDITED)
    finally:
        session.close()
    pairs = _head_statuses(path)
    assert [stored for stored, _actual in pairs] == [actual for _stored, actual in pairs]
    assert {stored for stored, _actual in pairs} >= {"new", "imported", "confirmed", "edited"}


def test_a_schema_10_project_gets_its_stored_statuses(tmp_path: Path) -> None:
    path = tmp_path / "old.review"
    db = old_project(path, 10)
    db.execute("INSERT INTO revisions (segment_id, number, text, author, created_at, status, "
               "hter, bleu, chrf, stats) SELECT id, 1, 'Hello', 'a', '2020-01-01T00:00:00Z', "
               "'confirmed', 0, 0, 0, mt_stats FROM segments")
    db.execute("UPDATE segments SET head_revision = (SELECT max(id) FROM revisions)")
    db.commit()
    db.close()
    session = ReviewSession.open(path)
    try:
        assert session.matching_positions({"confirmed"}) == [0]
        assert session.matching_positions({"new"}) == []
    finally:
        session.close()
    assert _head_statuses(path) == [("confirmed", "confirmed")]
