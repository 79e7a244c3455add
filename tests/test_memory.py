"""Translation memory: the score, the project's own confirmed segments, imported TMX, TSV
and another project, the index through splits, merges and migration, and errors.

Every percentage here was counted by hand: ``floor(100 × (L − d) / L)`` with ``d`` the
Levenshtein distance and ``L`` the longer text's length.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from old_project import old_project

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.memory import PROJECT_ORIGIN, TmMatch, match_score
from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession

DATA = Path(__file__).parent / "data"
REAL_TMX = DATA / "real" / "okapi" / "issue277.tmx"  # Apache-2.0, see data/real/SOURCES.md


def make(path: Path, pairs: list[tuple[str | None, str]]) -> ReviewSession:
    """A project of (source, MT) segments."""
    segments = [ImportedSegment(mt=mt, source=source) for source, mt in pairs]
    document = ImportedDocument(segments, Layout(("",) + ("\n",) * len(segments)), "lines")
    return ReviewSession.create(path, document)


def test_the_score_is_floored_levenshtein_similarity() -> None:
    assert match_score("kitten", "sitting") == 57  # 3 edits in 7: 4/7 = 57.1 %
    assert match_score("same text", "same text") == 100
    assert match_score("a" * 199 + "b", "a" * 200) == 99  # 99.5 % is not 100
    assert match_score("The cat sat on the mat.", "The cat sat on a mat.") == 86  # 20/23
    assert match_score("", "") == 100


def test_confirmed_segments_are_a_memory_from_the_first_confirm(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [
        (None, "Press the green button twice."),
        (None, "Press the red button twice."),
        (None, "Press the red button."),
        (None, "Something else entirely."),
    ])
    assert session.matches(1) == []  # nothing confirmed yet
    session.edit(0, "Drücken Sie zweimal die grüne Taste.", "ed")
    found = session.matches(1)
    # 'red' → 'green' is 3 edits in the longer 29 characters: 26/29 = 89.6 %
    assert found == [TmMatch(89, None, "Press the green button twice.",
                             "Drücken Sie zweimal die grüne Taste.", PROJECT_ORIGIN, 0)]
    assert found[0].to_data() == {"score": 89, "source": None,
                                  "mt": "Press the green button twice.",
                                  "target": "Drücken Sie zweimal die grüne Taste.",
                                  "origin": "project"}
    assert session.matches(0) == []  # a segment never matches itself
    # 3 + 6 (" twice") edits in 29: 20/29 = 68.9 %
    assert [m.score for m in session.matches(2)] == [68]
    assert session.matches(2, min_score=69) == []
    session.close()


def test_only_confirmed_segments_count(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [(None, "The cat sat on the mat."),
                                           (None, "The dog sat on the mat.")])
    session.edit(0, "Die Katze sass auf der Matte.", "ed", status=SegmentStatus.EDITED)
    assert session.matches(1) == []
    session.edit(0, "Die Katze sass auf der Matte.", "ed")
    assert [(m.score, m.target) for m in session.matches(1)] == [
        (86, "Die Katze sass auf der Matte.")]  # 3 edits in 23: 20/23 = 86.9 %
    session.close()


def test_the_key_is_the_source_when_there_is_one(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [("Hallo Welt.", "Hello world."),
                                           ("Hallo Welt!", "Hello, world.")])
    session.edit(0, "Hello, world!", "ed")
    # the sources differ by one character in 11: 10/11 = 90.9 %
    assert [(m.score, m.source, m.target) for m in session.matches(1)] == [
        (90, "Hallo Welt.", "Hello, world!")]
    session.close()


def test_matches_from_a_real_tmx(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [
        ("This sentence should not be split!", "Dieser Satz ..."),
        ("This sentence should be split. In three pieces.", "Dieser Satz ..."),
    ])
    assert session.add_memory(REAL_TMX) == 2
    assert session.memory_size() == 2
    assert session.memory_origins() == [("issue277.tmx", 2)]
    # '.' → '!' is one edit in 34 characters (the seg's trailing space is not text): 33/34
    assert [(m.score, m.target, m.origin) for m in session.matches(0, min_score=80)] == [
        (97, "Dieser Satz sollte nicht geteilt werden. Zu viele Segmente hier.",
         "issue277.tmx")]
    # 'two' → 'three' is 4 edits in 47: 43/47 = 91.5 %
    best = session.matches(1)[0]
    assert (best.score, best.source, best.mt, best.target) == (
        91, "This sentence should be split. In two pieces.", None,
        "Dieser Satz sollte aufgeteilt werden. In zwei Teile.")
    session.close()


def test_min_and_limit(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [("The cat sat on the mat.", "Le chat.")])
    tsv = tmp_path / "units.tsv"
    tsv.write_text("The cat sat on the mat.\tA\nThe cat sat on a mat.\tB\n"
                   "The dog sat on the mat!\tC\nA bird flew over the house.\tD\n",
                   encoding="utf-8")
    assert session.add_memory(tsv) == 4
    # identical 100; 'the' → 'a' 3 edits in 23 (86); dog and '!' 4 edits in 23 (82)
    assert [(m.score, m.target) for m in session.matches(0)] == [
        (100, "A"), (86, "B"), (82, "C")]
    assert [m.target for m in session.matches(0, min_score=85)] == ["A", "B"]
    assert [m.target for m in session.matches(0, limit=1)] == ["A"]
    with pytest.raises(ReviewerError, match="0 to 100"):
        session.matches(0, min_score=101)
    session.close()


@pytest.mark.file_only  # the other project's file is what is read
def test_another_project_adds_its_confirmed_segments(tmp_path: Path) -> None:
    other = make(tmp_path / "other.review", [("Guten Morgen.", "Good morning."),
                                             ("Gute Nacht.", "Good night.")])
    other.edit(0, "Good morning!", "ed")
    other.close()
    session = make(tmp_path / "p.review", [("Guten Morgen!", "Good morning.")])
    assert session.add_memory(tmp_path / "other.review") == 1  # only the confirmed one
    # one character in 13: 12/13 = 92.3 %
    assert [m.to_data() for m in session.matches(0)] == [
        {"score": 92, "source": "Guten Morgen.", "mt": "Good morning.",
         "target": "Good morning!", "origin": "other.review"}]
    with pytest.raises(ReviewerError, match="is this project"):
        session.add_memory(tmp_path / "p.review")
    session.close()


def test_progress_reaches_the_total(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [(None, "x y z")])
    tsv = tmp_path / "units.tsv"
    tsv.write_text("".join(f"source {n}\ttarget {n}\n" for n in range(30)), encoding="utf-8")
    calls: list[tuple[int, int]] = []
    assert session.add_memory(tsv, lambda done, total: calls.append((done, total))) == 30
    assert calls[0] == (0, 30)
    assert calls[-1] == (30, 30)
    session.close()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.tmx", None, "missing.tmx: no such file"),
    ("bad.tmx", "<tmx><body><tu>", "bad.tmx: not well-formed XML"),
    ("one.tmx", '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
                "<seg>a</seg></tuv></tu></body></tmx>", "one.tmx: needs two languages"),
    ("empty.tsv", "", "empty.tsv: the file is empty"),
    ("one.tsv", "only a source\n", "one.tsv: holds no rows with a source and a target"),
])
def test_bad_files_are_refused_in_one_line(tmp_path: Path, name: str, content: str | None,
                                           message: str) -> None:
    session = make(tmp_path / "p.review", [(None, "x")])
    if content is not None:
        (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(ReviewerError, match=re.escape(message)) as error:
        session.add_memory(tmp_path / name)
    assert "\n" not in str(error.value)
    assert session.memory_size() == 0
    session.close()


def test_the_index_follows_splits_and_merges(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [
        (None, "Open the file. Save the file."),
        (None, "Open the files."),
        (None, "Save the files."),
    ])
    session.edit(0, "Öffnen Sie die Datei. Speichern Sie die Datei.", "ed")
    session.split(0, len("Open the file. "), "ed",
                  correction_at=len("Öffnen Sie die Datei. "))
    # now: "Open the file." | "Save the file." | "Open the files." | "Save the files."
    session.edit(0, "Öffnen Sie die Datei.", "ed")
    session.edit(1, "Speichern Sie die Datei.", "ed")
    found = session.matches(2)
    assert [(m.position, m.mt) for m in found][0] == (0, "Open the file.")
    assert all(m.mt != "Open the file. Save the file." for m in found)  # the old one is gone
    session.merge(2, "ed")  # "Open the files.\nSave the files." (joined by the gap)
    merged = session.segment(2).mt
    session.edit(2, "Öffnen und speichern.", "ed")
    assert any(m.mt == merged for m in session.matches(0, min_score=20))
    session.close()


def test_an_older_project_gets_its_segments_indexed(tmp_path: Path) -> None:
    path = tmp_path / "old.review"
    db = old_project(path, 9)
    db.execute("INSERT INTO segments (position, mt, gap_before, mt_stats, mt_hter, mt_bleu, "
               "mt_chrf) VALUES (1, 'Hello world!', '', "
               "(SELECT mt_stats FROM segments WHERE position = 0), 0, 100, 100)")
    db.commit()
    db.close()
    session = ReviewSession.open(path)
    session.edit(0, "Hallo Welt", "ed")
    # 'Hello world' against 'Hello world!': one edit in 12 = 91.7 %
    assert [(m.score, m.target) for m in session.matches(1)] == [(91, "Hallo Welt")]
    session.close()


def test_unconfirmed_segments_never_crowd_out_confirmed_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.store.memory

    monkeypatch.setattr(reviewer.store.memory, "SHARED", 1)  # one key per lookup kept
    session = make(tmp_path / "p.review", [
        (None, "Check the pressure valve before starting the pump."),
        (None, "Check the pressure valve before starting the pump!"),  # closer, unconfirmed
        (None, "Check the pressure valve after stopping the pump."),
    ])
    session.edit(2, "Prüfen Sie das Druckventil nach dem Anhalten der Pumpe.", "ed")
    session.edit(0, "", "ed", status=SegmentStatus.EDITED)  # not confirmed, and empty
    assert [m.position for m in session.matches(1)] == [2]
    session.close()


def test_an_emptied_segment_offers_nothing(tmp_path: Path) -> None:
    session = make(tmp_path / "p.review", [(None, "The cat sat on the mat."),
                                           (None, "The dog sat on the mat.")])
    session.edit(0, "", "ed")
    assert session.matches(1) == []
    session.close()


def test_short_keys_of_common_words_find_their_match(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.store.memory

    monkeypatch.setattr(reviewer.store.memory, "COMMON", 1)  # every word here is common
    session = make(tmp_path / "p.review", [("Save a file", "Datei speichern")])
    tsv = tmp_path / "units.tsv"
    tsv.write_text("Save the file\tDatei speichern\nSave the folder\tOrdner speichern\n"
                   "Open a file\tEine Datei öffnen\nClose a folder\tEinen Ordner schließen\n"
                   "Open the file\tDatei öffnen\n", encoding="utf-8")
    session.add_memory(tsv)
    # 'a' → 'the': 3 edits in 13 characters: 10/13 = 76.9 %
    # 'Save' → 'Open': 4 edits in 11: 7/11 = 63.6 %
    assert [(m.score, m.target) for m in session.matches(0, min_score=61)] == [
        (76, "Datei speichern"), (63, "Eine Datei öffnen")]
    session.close()


def test_a_project_without_sources_looks_its_mt_up_in_the_units_targets(
        tmp_path: Path) -> None:
    # the MT is English from Russian: a Russian → English memory's English side is what
    # it is like, not its Russian sources
    session = make(tmp_path / "p.review", [(None, "The cat sat on the mat.")])
    tmx = tmp_path / "ru-en.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" '
        'datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" '
        'creationtool="t" creationtoolversion="1"/><body>'
        '<tu><tuv xml:lang="ru"><seg>Кошка сидела на коврике.</seg></tuv>'
        '<tuv xml:lang="en"><seg>The cat sat on a mat.</seg></tuv></tu>'
        '<tu><tuv xml:lang="ru"><seg>Собака лаяла.</seg></tuv>'
        '<tuv xml:lang="en"><seg>The dog barked.</seg></tuv></tu></body></tmx>',
        encoding="utf-8")
    assert session.add_memory(tmx) == 2
    # 'the' → 'a': 3 edits in 23 characters: 20/23 = 86.9 %
    assert [(m.score, m.source, m.target) for m in session.matches(0)] == [
        (86, "Кошка сидела на коврике.", "The cat sat on a mat.")]
    session.close()
