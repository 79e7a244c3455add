"""Document scores stay sacrebleu's through random edits, undos and restores of a project."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import BLEU, CHRF, TER
from test_scoring import texts

from reviewer.core.batch import ScoringJob, score_job, score_jobs
from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.scoring import Scores
from reviewer.session import STATUS_CONFIRMED, STATUS_EDITED, ReviewSession

TOLERANCE = 1e-9


def corpus_scores(hypotheses: list[str], references: list[str]) -> Scores:
    return Scores(TER().corpus_score(hypotheses, [references]).score,
                  BLEU().corpus_score(hypotheses, [references]).score,
                  CHRF().corpus_score(hypotheses, [references]).score)


def assert_scores(got: Scores | None, want: Scores) -> None:
    assert got is not None
    assert got.hter == pytest.approx(want.hter, abs=TOLERANCE)
    assert got.bleu == pytest.approx(want.bleu, abs=TOLERANCE)
    assert got.chrf == pytest.approx(want.chrf, abs=TOLERANCE)


def check_document(session: ReviewSession, mts: list[str], texts_now: list[str],
                   references: list[str | None]) -> None:
    """Every document figure against sacrebleu and rapidfuzz recomputing from the texts."""
    details = session.summary().details
    assert details is not None and details.complete
    assert_scores(details.scores, corpus_scores(mts, texts_now))
    assert details.edits.total == TER().corpus_score(mts, [texts_now]).num_edits
    distance = sum(Levenshtein.distance(a, b) for a, b in zip(mts, texts_now, strict=True))
    length = sum(max(len(a), len(b)) for a, b in zip(mts, texts_now, strict=True))
    assert details.char_distance == pytest.approx(100 * distance / length if length else 0.0)
    referenced = [i for i, ref in enumerate(references) if ref is not None]
    if not referenced:
        assert details.mt_vs_reference is None and details.correction_vs_reference is None
        return
    refs = [str(references[i]) for i in referenced]
    assert_scores(details.mt_vs_reference, corpus_scores([mts[i] for i in referenced], refs))
    assert_scores(details.correction_vs_reference,
                  corpus_scores([texts_now[i] for i in referenced], refs))
    # the sums are the segments' own statistics, and each segment's are sacrebleu's
    each = session.all_details()
    assert sum(d.edits.total for d in each) == details.edits.total
    assert all(d.complete for d in each)


def make_project(folder: Path, mts: list[str], references: list[str | None],
                 corrections: list[str | None]) -> Path:
    segments = [ImportedSegment(mt, reference=ref, correction=corr)
                for mt, ref, corr in zip(mts, references, corrections, strict=True)]
    document = ImportedDocument(segments, Layout(("",) + ("\n",) * len(mts)), "lines")
    path = folder / "doc.review"
    ReviewSession.create(path, document).close()
    return path


class EditingAProject(RuleBasedStateMachine):
    """Edits, undos (the earlier text written back, as the undo stack does) and restores."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="reviewer-stateful-"))
        self.session: ReviewSession | None = None
        self.undo: list[tuple[int, str, str]] = []

    @initialize(data=st.data(), count=st.integers(1, 5))
    def create(self, data: st.DataObject, count: int) -> None:
        self.mts = [data.draw(texts(12)) for _ in range(count)]
        self.references: list[str | None] = [
            data.draw(st.none() | texts(12)) for _ in range(count)]
        corrections = [data.draw(st.none() | texts(12)) for _ in range(count)]
        self.texts = [c if c is not None else m for m, c in zip(self.mts, corrections,
                                                                strict=True)]
        self.session = ReviewSession.open(
            make_project(self.folder, self.mts, self.references, corrections))

    @property
    def open_session(self) -> ReviewSession:
        assert self.session is not None
        return self.session

    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        position = data.draw(st.integers(0, len(self.mts) - 1))
        text = data.draw(st.sampled_from([self.mts[position], ""]) | texts(12))
        status = data.draw(st.sampled_from([STATUS_CONFIRMED, STATUS_EDITED]))
        before = self.open_session.segment(position)
        result = self.open_session.edit(position, text, "tester", status)
        if result.revision is not None:
            self.undo.append((position, before.text, "edited"))
        self.texts[position] = text

    @rule()
    def undo_last(self) -> None:
        if not self.undo:
            return
        position, text, status = self.undo.pop()
        self.open_session.edit(position, text, "tester", status)
        self.texts[position] = text

    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        position = data.draw(st.integers(0, len(self.mts) - 1))
        history = self.open_session.history(position)
        if not history:
            return
        number = data.draw(st.integers(1, len(history)))
        self.open_session.restore(position, number, "tester")
        self.texts[position] = history[number - 1].text

    @rule()
    def reopen(self) -> None:
        self.open_session.close()
        self.session = ReviewSession.open(self.folder / "doc.review")

    @invariant()
    def document_scores_are_sacrebleus(self) -> None:
        if self.session is not None:
            check_document(self.session, self.mts, self.texts, self.references)

    def teardown(self) -> None:
        if self.session is not None:
            self.session.close()
        shutil.rmtree(self.folder, ignore_errors=True)


TestEditingAProject = EditingAProject.TestCase
TestEditingAProject.settings = settings(max_examples=30, stateful_step_count=12,
                                        deadline=None)


@pytest.mark.file_only  # reads or damages the project file itself
def test_a_project_of_reviewer_0_1_gets_its_breakdown_on_opening(tmp_path: Path) -> None:
    mts = ["the cat sat on the mat .", "a b c d e", "Putin said so"]
    references: list[str | None] = [None, "a b c d", None]
    path = make_project(tmp_path, mts, references, [None, None, None])
    session = ReviewSession.open(path)
    session.edit(0, "the cat sat on a mat .", "anna")
    session.close()
    # rewrite the statistics as reviewer 0.1 stored them: [ter, bleu, chrf] lists, no sums
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER revisions_are_never_updated")
    for table, column in (("segments", "mt_stats"), ("revisions", "stats")):
        for rowid, text in db.execute(f"SELECT rowid, {column} FROM {table}").fetchall():
            data = json.loads(text)
            db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?",
                       (json.dumps([data["ter"], data["bleu"], data["chrf"]]), rowid))
    totals = json.loads(db.execute("SELECT stats FROM totals").fetchone()[0])
    db.execute("UPDATE totals SET stats = ?", (json.dumps(
        {k: totals[k] for k in ("ter", "bleu", "chrf", "segments")}),))
    db.commit()
    db.close()

    reader = ReviewSession.open(path, read_only=True)
    summary = reader.summary()
    assert summary.details is not None and not summary.details.complete
    assert_scores(summary.scores, corpus_scores(mts, ["the cat sat on a mat .", *mts[1:]]))
    reader.close()

    session = ReviewSession.open(path)  # for writing: brought up to date
    texts_now = ["the cat sat on a mat .", *mts[1:]]
    check_document(session, mts, texts_now, references)
    session.edit(0, "the cat sat on mat", "anna")  # replaces an old revision's statistics
    texts_now[0] = "the cat sat on mat"
    check_document(session, mts, texts_now, references)
    assert session.segment_details(0).complete
    session.close()


def test_import_scores_costly_segments_in_worker_processes(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    monkeypatch.setattr("reviewer.core.batch.PARALLEL_MIN", 4)
    monkeypatch.setattr("reviewer.core.batch.CHUNK", 3)
    jobs = [ScoringJob(f"a b c {i}", reference="a b x" if i % 3 else None,
                       correction="c b a" if i % 2 else None) for i in range(20)]
    assert list(score_jobs(jobs, workers=2)) == [score_job(job) for job in jobs]


def test_cancelling_an_import_leaves_no_file(tmp_path: Path) -> None:
    segments = [ImportedSegment(f"segment {i}") for i in range(1200)]
    document = ImportedDocument(segments, Layout(("",) + ("\n",) * 1200), "lines")
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 500:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ReviewSession.create(tmp_path / "big.review", document, progress)
    assert seen[0] == (0, 1200) and seen[-1] == (500, 1200)
    assert list(tmp_path.iterdir()) == []
