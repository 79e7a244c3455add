"""``reviewer score``: the document's and every segment's scores and their details."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reviewer.cli_common import print_json_lines
from reviewer.cli_score_json import segment_line
from reviewer.core.scoring import NO_EDITS, ScoreDetails, Scores, TerEdits
from reviewer.core.tags import has_tag_chars
from reviewer.score_rows import ScoreRow, SegmentMqm
from reviewer.session import ReviewSession

# when a score too slow to wait for is computed
LATER = ("computed when the project is next opened for editing in the window, "
         "or by `reviewer score --wait`")


def pending_text(count: int) -> str:
    """What the document's scores say while ``count`` segments are still being scored."""
    return f"pending ({count} segment{'s' if count != 1 else ''} still being scored)"


def _reference_json(scores: Scores | None) -> dict[str, float] | None:
    if scores is None:
        return None
    return {"ter": scores.hter, "bleu": scores.bleu, "chrf": scores.chrf}


def _details_json(details: ScoreDetails) -> dict[str, Any]:
    """Edit breakdown, character distance and reference scores (None: no reference)."""
    data: dict[str, Any] = {
        "char_distance": details.char_distance,
        "edits": {**details.edits._asdict(), "total": details.edits.total},
        "reference": None,
    }
    if details.mt_vs_reference is not None:
        data["reference"] = {"mt": _reference_json(details.mt_vs_reference),
                             "correction": _reference_json(details.correction_vs_reference)}
    return data


def _edits_text(details: ScoreDetails) -> str:
    return _edits_line(details.char_distance, details.edits)


def _edits_line(char_distance: float, edits: TerEdits) -> str:
    return (f"chars {char_distance:5.1f}%  ins {edits.insertions} del {edits.deletions} "
            f"sub {edits.substitutions} shift {edits.shifts}")


def _reference_text(details: ScoreDetails) -> str:
    return _reference_line(details.mt_vs_reference, details.correction_vs_reference)


def _reference_line(mt: Scores | None, corrected: Scores | None) -> str:
    if mt is None or corrected is None:
        return ""
    return (f"  vs reference: TER {mt.hter:.1f}->{corrected.hter:.1f}  "
            f"BLEU {mt.bleu:.1f}->{corrected.bleu:.1f}  chrF {mt.chrf:.1f}->{corrected.chrf:.1f}")


_PENDING_DETAILS: dict[str, Any] = {"char_distance": None, "edits": None, "reference": None}


def _scores_json(scores: Scores, details: ScoreDetails | None) -> dict[str, Any]:
    """Scores and their details; all None (and ``pending``) while they are computed."""
    if details is None:
        return {"hter": None, "bleu": None, "chrf": None, **_PENDING_DETAILS, "pending": True}
    return {"hter": scores.hter, "bleu": scores.bleu, "chrf": scores.chrf,
            **_details_json(details), "pending": False}


def _scored(done: int, total: int) -> None:
    print(f"\rscored {done}/{total}", end="", file=sys.stderr, flush=True)


def _wait_for_scores(project: Path) -> None:
    """Compute every pending score, however long it takes (``score --wait``)."""
    session = ReviewSession.open(project)
    try:
        count = len(session.pending_revisions())
        if count:
            print(f"computing the scores of {count} revision(s) …", file=sys.stderr, flush=True)
            # every core, stored a batch at a time: Ctrl+C keeps what is done
            session.finish_pending(_scored if count >= 500 else None)
            if count >= 500:
                print(file=sys.stderr)
    finally:
        session.close()


def run_score(args: argparse.Namespace) -> None:
    """Print the document's and every segment's scores, as a table or ``--json``."""
    if args.wait:
        _wait_for_scores(args.project)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        if args.json:
            _print_score_json(session)
        else:
            _print_score_text(session)
    finally:
        session.close()


def _print_score_json(session: ReviewSession) -> None:
    """The document's and each segment's scores as JSON, the segments streamed."""
    summary = session.summary()
    words = session.evaluation_words()
    mqm_document, mqm_segments = session.mqm_scores(words)
    doc, whole = summary.scores, summary.details
    document = {**_scores_json(doc, whole), "pending_segments": summary.pending,
                "segments": summary.segments, "edited": summary.edited,
                "confirmed": summary.confirmed,
                "complete": whole is not None and whole.complete,
                "mqm": mqm_document.to_json()}
    print_json_lines({"document": document, "signatures": ReviewSession.signatures()},
                     "segments", _segment_lines(session, words, mqm_segments))


def _segment_lines(session: ReviewSession, words: Iterable[int],
                   mqm: SegmentMqm) -> Iterator[str]:
    """Each segment's JSON text, its texts in the notation."""
    for row, ewc in zip(session.score_rows(), words, strict=True):
        source, mt, text = row.source, row.mt, row.text
        if not (_plain(mt) and _plain(text) and (source is None or _plain(source))):
            position = row.position
            source = None if source is None else _notation(session, position, source)
            mt, text = _notation(session, position, mt), _notation(session, position, text)
        yield segment_line(row, source, mt, text, mqm.json_text(row.position, ewc))


def _print_score_text(session: ReviewSession) -> None:
    """The document's and each segment's scores as a table, the segments streamed."""
    summary = session.summary()
    doc, whole = summary.scores, summary.details
    out = sys.stdout
    progress = (f"({summary.edited} of {summary.segments} segments edited, "
                f"{summary.confirmed} confirmed)")
    if whole is None:
        out.write(f"document  {pending_text(summary.pending)}  {progress}\n"
                  f"          the scores will be {LATER}\n")
    else:
        out.write(f"document  HTER {doc.hter:6.2f}  BLEU {doc.bleu:6.2f}  "
                  f"chrF {doc.chrf:6.2f}  {progress}\n")
        breakdown = _edits_text(whole) if whole.complete else "edit breakdown: not computed"
        out.write(f"          {breakdown}{_reference_text(whole)}\n")
    for name, signature in ReviewSession.signatures().items():
        out.write(f"          {name} signature: {signature}\n")
    out.writelines(_text_lines(session.score_rows()))


def _text_lines(rows: Iterator[ScoreRow]) -> Iterator[str]:
    """Each segment's line of ``score``; an unedited segment's figures after its number
    are the same for every segment with the same scores and status, so they are written
    once and reused (most segments of a big project)."""
    unedited: dict[tuple[float | None, float | None, float | None, float, str], str] = {}
    for r in rows:
        if r.edits is None:
            yield f"{r.position + 1:>5}  pending (still being scored)  {r.status}\n"
        elif r.edits is NO_EDITS and r.mt_vs_reference is None:
            key = (r.hter, r.bleu, r.chrf, r.char_distance, r.status)
            rest = unedited.get(key)
            if rest is None:
                rest = unedited[key] = _line_rest(r)
            yield f"{r.position + 1:>5}{rest}"
        else:
            yield f"{r.position + 1:>5}{_line_rest(r)}"


def _line_rest(r: ScoreRow) -> str:
    assert r.edits is not None
    return (f"  HTER {r.hter:6.2f}  BLEU {r.bleu:6.2f}  chrF {r.chrf:6.2f}  "
            f"{_edits_line(r.char_distance, r.edits)}  {r.status}"
            f"{_reference_line(r.mt_vs_reference, r.correction_vs_reference)}\n")


def _plain(text: str) -> bool:
    """Whether a text is its own notation: nothing to escape, surely no tag."""
    return "<" not in text and text.isascii()


def _notation(session: ReviewSession, position: int, text: str) -> str:
    """A text of a segment in the notation the command line reads and writes (itself
    when it holds no ``<`` to escape and no tag)."""
    if "<" not in text and not has_tag_chars(text):
        return text
    return session.notation(position, text)
