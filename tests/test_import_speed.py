"""Issue 13's quicker import gives what the import gave before: the same statistics,
totals, sentence scores and schema; pending post-edits complete to sacrebleu's scores."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER
from test_document_scores import check_document

from reviewer import session_import
from reviewer.core import scoring_stats
from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.scoring import DocumentTotals, identity_stats, score_segment
from reviewer.core.scoring_totals import TotalsSum
from reviewer.session import ReviewSession
from reviewer.store.schema import MIGRATIONS

AWKWARD = ["SOCHI, October 22.", "", " ", "3.5 - 4,5 km-long 1-2 .5 ,x x. x, 7-", "a..b,,c",
           "(hi) [there] {you} ~ ` ^ _ | \\ @ ? > = < ; : / + * ) ( ' & % $ # \" !",
           "&quot;quoted&quot; &amp; &lt;tag&gt; &apos;", "line-\nbreak\nand\ttab\r\n",
           "<skipped> x <skipped>", "Ёлка  и  ёж .", "中文，标点。", "\u00a0nbsp\u2003em ",
           "end.", ".start", "1.2.3", "a-", "-", "x -\n y", "&amp;quot;", "9,", ",9", ".,.,"]
ALPHABET = "a1.,-( )&;\n\t\u00a0q<>"


def _sacrebleu_words(text: str) -> int:
    return len(BLEU()._preprocess_segment(text).split())


@pytest.mark.parametrize("text", AWKWARD)
def test_bleu_word_count_equals_sacrebleus_tokenizer(text: str) -> None:
    assert scoring_stats._bleu_length(text) == _sacrebleu_words(text)


def test_bleu_word_count_equals_sacrebleus_on_every_short_string() -> None:
    rng = random.Random(13)
    for _ in range(20000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 9)))
        assert scoring_stats._bleu_length(text) == _sacrebleu_words(text), repr(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=80), st.text(alphabet=ALPHABET.replace("1", "") + "é—«»!?",
                                               max_size=80)))
def test_bleu_word_count_equals_sacrebleus_on_any_text(text: str) -> None:
    assert scoring_stats._bleu_length(text) == _sacrebleu_words(text)


def test_bleu_word_count_equals_sacrebleus_on_sentences() -> None:
    rng = random.Random(17)
    pieces = ["word", "a.b", "x,", ".", ",", "...", "(y)", "3", "4.5", "6,7", "8-9", "-",
              "«q»", "&amp;", "e.g.", "U.S.A.", ",,", "Ж.", "\t", "<skipped>"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "  "])
                       for _ in range(rng.randint(1, 30)))
        assert scoring_stats._bleu_length(text) == _sacrebleu_words(text), repr(text)


@pytest.mark.parametrize("text", AWKWARD)
def test_identity_statistics_and_scores_equal_sacrebleus(text: str) -> None:
    stats = identity_stats(text)
    assert list(stats.ter) == TER()._extract_corpus_statistics([text], [[text]])[0]
    assert list(stats.bleu) == BLEU()._extract_corpus_statistics([text], [[text]])[0]
    assert list(stats.chrf) == CHRF()._extract_corpus_statistics([text], [[text]])[0]
    scores = scoring_stats.sentence_from_stats(stats.core)
    for _ in range(2):  # computed, then remembered: the same either way
        again = scoring_stats.sentence_from_stats(stats.core)
        assert again == scores
    assert scores.hter == TER().sentence_score(text, [text]).score
    assert scores.bleu == BLEU(effective_order=True).sentence_score(text, [text]).score
    assert scores.chrf == CHRF().sentence_score(text, [text]).score


def test_totals_summed_at_once_equal_totals_added_one_by_one() -> None:
    rng = random.Random(5)
    words = ["the", "cat", "sat", "on", "a", "mat", ",", ".", "3-4", "<b>x</b>"]
    one_by_one = DocumentTotals()
    summed = TotalsSum()
    stats_added = []
    for _ in range(300):
        mt = " ".join(rng.choices(words, k=rng.randint(0, 12)))
        reference = " ".join(rng.choices(words, k=5)) if rng.random() < 0.3 else None
        if rng.random() < 0.5:
            stats = identity_stats(mt, reference)
        else:
            stats = score_segment(mt, " ".join(rng.choices(words, k=rng.randint(0, 12))),
                                  reference)[0]
        one_by_one = one_by_one.plus(stats)
        summed.add(stats)
        stats_added.append(stats)
    assert summed.totals().to_json() == one_by_one.to_json()
    assert summed.totals().details() == one_by_one.details()
    assert TotalsSum().totals() == DocumentTotals()
    # added to earlier totals, and summed in parts as a long import does
    start = DocumentTotals().plus(identity_stats("x y", "y x")).plus(identity_stats("z"))
    again = start
    folding = TotalsSum()
    folding.FOLD = 7
    for stats in stats_added:
        folding.add(stats)
        again = again.plus(stats)
    assert folding.totals(start).to_json() == again.to_json()
    assert folding.totals().to_json() == one_by_one.to_json()


def schema_of(path: Path) -> list[tuple[str, str, str, str]]:
    """The file's tables, indexes and triggers as SQL (sorted: their order is no matter)."""
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT type, name, tbl_name, coalesce(sql, '') "
                                 "FROM sqlite_master"))


# --- the project file ---------------------------------------------------------------


WORDS = ["the", "cat", "sat", "on", "a", "mat", ",", ".", "3-4", "Syria", "said", "(x)"]


def _document(count: int, seed: int, edited: float, referenced: float = 0.0,
              ) -> ImportedDocument:
    rng = random.Random(seed)
    segments = []
    for index in range(count):
        mt = " ".join(rng.choices(WORDS, k=rng.randint(1, 14)))
        if index % 7 == 3:
            mt = f"<b>{mt}</b> x"  # inline tags: scores see the words
        correction = None
        if rng.random() < edited:
            correction = " ".join(rng.choices(WORDS, k=rng.randint(0, 14)))
        elif rng.random() < 0.2:
            correction = mt  # a post-edit equal to its MT
        reference = " ".join(rng.choices(WORDS, k=8)) if rng.random() < referenced else None
        segments.append(ImportedSegment(mt, reference=reference, correction=correction))
    return ImportedDocument(segments, Layout(("",) + ("\n",) * count), "lines")


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return [*db.execute("SELECT position, source, mt, reference, gap_before, mt_stats, "
                            "mt_hter, mt_bleu, mt_chrf, meta FROM segments ORDER BY position"),
                *db.execute("SELECT s.position, r.number, r.text, r.status, r.hter, r.bleu, "
                            "r.chrf, r.stats FROM revisions r JOIN segments s "
                            "ON s.id = r.segment_id ORDER BY s.position")]


def test_a_new_project_has_the_schema_the_migrations_make(tmp_path: Path) -> None:
    ReviewSession.create(tmp_path / "a.review", _document(50, 1, 0.3, 0.3)).close()
    with sqlite3.connect(tmp_path / "b.sqlite") as db:
        for script in MIGRATIONS:
            db.executescript(script)
    assert schema_of(tmp_path / "a.review") == schema_of(tmp_path / "b.sqlite")


def test_the_key_index_finds_what_a_row_by_row_import_indexed(tmp_path: Path) -> None:
    ReviewSession.create(tmp_path / "a.review", _document(200, 2, 0.0)).close()
    with sqlite3.connect(tmp_path / "a.review") as db:
        found = sorted(row[0] for row in db.execute(
            "SELECT rowid FROM segment_key_index WHERE segment_key_index MATCH 'syria'"))
        want = sorted(row[0] for row in db.execute(
            "SELECT id FROM segments WHERE lower(mt) LIKE '%syria%'"))
        assert found == want and found
        # and the trigger is back: a later segment is indexed as it is inserted
        db.execute("INSERT INTO segments (position, mt, mt_stats, mt_hter, mt_bleu, "
                   "mt_chrf) VALUES (999, 'zebra', '{}', 0, 0, 0)")
        assert db.execute("SELECT count(*) FROM segment_key_index "
                          "WHERE segment_key_index MATCH 'zebra'").fetchone()[0] == 1


@pytest.mark.parametrize("referenced", [0.0, 0.4])
def test_pending_post_edits_complete_to_what_scoring_at_import_gave(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, referenced: float) -> None:
    document = _document(120, 3, 0.4, referenced)
    ReviewSession.create(tmp_path / "now.review", document).close()
    monkeypatch.setattr(session_import, "LATER_MIN", 1)
    session = ReviewSession.create(tmp_path / "later.review", document)
    pending = session.summary().pending
    assert pending > 10 and session.totals().segments == 120 - pending
    seen: list[tuple[int, int]] = []
    assert session.finish_pending(lambda done, total: seen.append((done, total))) == 0
    assert seen[0] == (0, pending) and seen[-1] == (pending, pending)
    now = ReviewSession.open(tmp_path / "now.review", read_only=True)
    try:
        assert session.totals().to_json() == now.totals().to_json()
        assert session.summary() == now.summary()
        assert [s.hter for s in session.segments()] == [s.hter for s in now.segments()]
        assert session.verify() == []
        segments = session.segments()
        check_document(session, [s.mt for s in segments], [s.text for s in segments],
                       [s.reference for s in segments])
    finally:
        now.close()
        session.close()


def test_an_interrupted_completion_keeps_its_batches_and_the_rest_pending(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer import session_late

    document = _document(600, 4, 0.9)
    monkeypatch.setattr(session_import, "LATER_MIN", 1)
    monkeypatch.setattr(session_late, "BATCH_MOST", 100)
    session = ReviewSession.create(tmp_path / "p.review", document)
    pending = session.summary().pending

    def stop(done: int, _total: int) -> None:
        if done >= 200:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        session.finish_pending(stop, workers=1)
    assert session.summary().pending == pending - 200
    assert session.verify() == []
    assert session.score_pending() == 0  # what `score --wait` and the window do
    segments = session.segments()
    check_document(session, [s.mt for s in segments], [s.text for s in segments],
                   [None] * len(segments))
    session.close()


@pytest.mark.parametrize("in_workers", [False, True])
def test_a_cancelled_import_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           in_workers: bool) -> None:
    from reviewer.core import batch

    if in_workers:
        monkeypatch.setattr(batch, "LIGHT_PARALLEL_MIN", 10)
        monkeypatch.setattr(batch, "CHUNK_WEIGHT", 100)

    def cancel(done: int, _total: int) -> None:
        if done >= 500:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ReviewSession.create(tmp_path / "p.review", _document(1200, 5, 0.1), cancel)
    assert list(tmp_path.iterdir()) == []


def test_jobs_scored_in_workers_equal_jobs_scored_here(monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.core import batch

    document = _document(400, 9, 0.2, 0.1)
    jobs = [batch.ScoringJob(s.mt, s.reference, s.correction) for s in document.segments]
    monkeypatch.setattr(batch, "LIGHT_PARALLEL_MIN", 10)
    monkeypatch.setattr(batch, "CHUNK_WEIGHT", 60)
    assert list(batch.score_jobs(jobs, workers=2)) == [batch.score_job(job) for job in jobs]


def _files(folder: Path, count: int) -> tuple[Path, Path]:
    rng = random.Random(11)
    mts, corrections = [], []
    for _ in range(count):
        mt = " ".join(rng.choices(WORDS, k=rng.randint(2, 12)))
        mts.append(mt)
        corrections.append(" ".join(rng.choices(WORDS, k=rng.randint(2, 12)))
                           if rng.random() < 0.6 else mt)
    (folder / "mt.txt").write_text("\n".join(mts) + "\n", encoding="utf-8")
    (folder / "pe.txt").write_text("\n".join(corrections) + "\n", encoding="utf-8")
    return folder / "mt.txt", folder / "pe.txt"


def _new(folder: Path, name: str) -> list[str]:
    mt, pe = folder / "mt.txt", folder / "pe.txt"
    return ["new", str(folder / name), "--mt", str(mt), "--segment", "lines",
            "--corrections", str(pe)]


def test_new_scores_pending_post_edits_after_the_project_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.cli import main as cli_main

    _files(tmp_path, 300)
    assert cli_main(_new(tmp_path, "at-once.review")) == 0
    monkeypatch.setattr(session_import, "LATER_MIN", 1)
    capsys.readouterr()
    assert cli_main(_new(tmp_path, "later.review")) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"created {tmp_path / 'later.review'}: 300 segments")
    assert "post-edits (the project is ready; Ctrl+C leaves the rest" in err
    assert "scored " in err
    now = ReviewSession.open(tmp_path / "later.review", read_only=True)
    before = ReviewSession.open(tmp_path / "at-once.review", read_only=True)
    try:
        assert now.summary().pending == 0
        assert now.totals().to_json() == before.totals().to_json()
        assert now.summary() == before.summary()
    finally:
        now.close()
        before.close()


def test_ctrl_c_while_new_scores_leaves_the_rest_pending(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer import session_late
    from reviewer.cli import main as cli_main
    from reviewer.store.late_writes import LateWrites

    _files(tmp_path, 300)
    monkeypatch.setattr(session_import, "LATER_MIN", 1)
    monkeypatch.setattr(session_late, "BATCH_MOST", 20)
    store = LateWrites.add_late_stats_many
    calls: list[int] = []

    def interrupted(self: LateWrites, arrivals: list[object]) -> int:
        calls.append(len(arrivals))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return store(self, arrivals)  # type: ignore[arg-type]

    monkeypatch.setattr(LateWrites, "add_late_stats_many", interrupted)
    assert cli_main(_new(tmp_path, "p.review")) == 130
    err = capsys.readouterr().err
    monkeypatch.setattr(LateWrites, "add_late_stats_many", store)
    session = ReviewSession.open(tmp_path / "p.review")
    try:
        pending = session.summary().pending
        assert pending > 0 and f"the scores of {pending} post-edits are still pending" in err
        assert session.score_pending() == 0
        assert session.verify() == []
    finally:
        session.close()
    assert cli_main(["score", str(tmp_path / "p.review")]) == 0
    assert "pending" not in capsys.readouterr().out
