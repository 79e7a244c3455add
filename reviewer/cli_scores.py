"""``reviewer score``: the document's and every segment's scores and their details."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.cli_common import print_json as _print_json
from reviewer.core.scoring import ScoreDetails, Scores
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
    edits = details.edits
    return (f"chars {details.char_distance:5.1f}%  ins {edits.insertions} del {edits.deletions} "
            f"sub {edits.substitutions} shift {edits.shifts}")


def _reference_text(details: ScoreDetails) -> str:
    mt, corrected = details.mt_vs_reference, details.correction_vs_reference
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


def _wait_for_scores(project: Path) -> None:
    """Compute every pending score, however long it takes (``score --wait``)."""
    session = ReviewSession.open(project)
    try:
        count = len(session.pending_revisions())
        if count:
            print(f"computing the scores of {count} revision(s) …", file=sys.stderr, flush=True)
            session.score_pending()
    finally:
        session.close()


def run_score(args: argparse.Namespace) -> None:
    """Print the document's and every segment's scores, as a table or ``--json``."""
    if args.wait:
        _wait_for_scores(args.project)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        summary, segments = session.summary(), session.segments()
        details = session.all_details()
        texts = [_notations(session, s.position, s.source, s.mt, s.text) for s in segments]
        mqm_document, mqm_segments = session.mqm_score(), session.segment_mqm_scores()
    finally:
        session.close()
    doc, whole = summary.scores, summary.details
    if args.json:
        document = {**_scores_json(doc, whole), "pending_segments": summary.pending,
                    "segments": summary.segments, "edited": summary.edited,
                    "confirmed": summary.confirmed,
                    "complete": whole is not None and whole.complete,
                    "mqm": mqm_document.to_json()}
        _print_json({
            "document": document,
            "signatures": ReviewSession.signatures(),
            "segments": [{"index": s.position + 1, "source": source, "mt": mt,
                          "correction": text, "status": s.status,
                          **_scores_json(Scores(s.hter, s.bleu, s.chrf), d),
                          "mqm": mqm_segments[s.position].to_json()}
                         for s, d, (source, mt, text) in zip(segments, details, texts,
                                                             strict=True)],
        })
        return
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
    out.writelines(
        f"{s.position + 1:>5}  HTER {s.hter:6.2f}  BLEU {s.bleu:6.2f}  chrF {s.chrf:6.2f}  "
        f"{_edits_text(d)}  {s.status}{_reference_text(d)}\n" if d is not None else
        f"{s.position + 1:>5}  pending (still being scored)  {s.status}\n"
        for s, d in zip(segments, details, strict=True))


def _notations(session: ReviewSession, position: int,
               *texts: str | None) -> tuple[str | None, ...]:
    """Texts of a segment in the notation the command line reads and writes."""
    return tuple(None if text is None else session.notation(position, text) for text in texts)

