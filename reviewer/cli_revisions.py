"""``reviewer edit`` and ``reviewer history``: saving a revision and listing them."""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from reviewer.cli_common import print_json as _print_json
from reviewer.cli_common import say as _say
from reviewer.cli_common import segment_position as _position
from reviewer.cli_scores import LATER, pending_text
from reviewer.core.bounded import is_quick
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import score_segment
from reviewer.core.status import SegmentStatus
from reviewer.core.visible import visible
from reviewer.formats.limits import check_segment_length
from reviewer.session import BatchResult, EditResult, ReviewSession, default_author


def run_edit(args: argparse.Namespace) -> None:
    """Save a new revision of segment N; print its scores and the document's."""
    check_segment_length(args.text, f"the text of segment {args.n}")  # before opening
    session = ReviewSession.open(args.project)
    try:
        position = _position(session, args.n)
        result = session.edit(position, session.from_notation(position, args.text),
                              args.author or default_author())
        propagated = session.propagate(position, args.author or default_author()) \
            if args.propagate else None
    finally:
        session.close()
    for problem in result.tag_problems:
        print(f"reviewer: warning: segment {args.n}: {problem.message}", file=sys.stderr)
    _print_edit(args.n, result)
    if propagated is not None:
        print(_propagation_line(args.n, propagated))


def _propagation_line(n: int, result: BatchResult) -> str:
    """How many repetitions a propagation changed, and which."""
    changed = sorted(revision.position + 1 for revision in result.revisions)
    if not changed:
        return f"segment {n}: no unconfirmed repetitions to propagate to"
    which = ", ".join(map(str, changed))
    return f"segment {n}: propagated to {len(changed)} repetition" \
        f"{'' if len(changed) == 1 else 's'} (segment{'' if len(changed) == 1 else 's'} {which})"


def _print_edit(n: int, result: EditResult) -> None:
    scores, summary = result.segment, result.summary
    if result.revision is None:
        print(f"segment {n}: unchanged, no new revision")
        return
    doc = summary.scores
    document = (f"document scores {pending_text(summary.pending)}" if summary.pending else
                f"document HTER {doc.hter:.2f}, BLEU {doc.bleu:.2f}, chrF {doc.chrf:.2f}")
    if scores.pending:
        print(f"segment {n}: revision {result.revision.number} saved; {document}: its "
              f"scores take too long to wait for and will be {LATER}")
        return
    print(f"segment {n}: revision {result.revision.number} saved "
          f"(HTER {scores.hter:.2f}, BLEU {scores.bleu:.2f}, chrF {scores.chrf:.2f}); "
          f"{document}")


def run_history(args: argparse.Namespace) -> None:
    """Print the revisions (and drafts), oldest first, as a table or ``--json``."""
    session = ReviewSession.open(args.project, read_only=True)
    try:
        position = None if args.segment is None else _position(session, args.segment)
        if args.since is not None:
            try:
                since = session.history_since(args.since)
            except (ValueError, OverflowError) as error:  # a date beyond what UTC can hold
                raise ReviewerError(f"--since {args.since!r}: {error}") from error
            revisions = [r for r in since if position is None or r.position == position]
        else:  # a segment's own revisions after those of the segments it came from
            revisions = session.history(position) if position is None else [
                *session.earlier_history(position), *session.history(position)]
        live = {segment.position: segment.id for segment in session.segments()}
        drafts = [d for p, d in session.drafts().items() if position is None or p == position]
        mts = {d.position: session.segment(d.position).mt for d in drafts}
        shown = {(position, text): session.notation(position, text)
                 for position, text in [*((r.position, r.text) for r in revisions),
                                        *((d.position, d.text) for d in drafts)]}
    finally:
        session.close()
    rows: list[dict[str, Any]] = [
        {"segment": r.position + 1, "revision": r.number, "text": shown[r.position, r.text],
         "author": r.author,
         "time": r.created_at, "hter": None if math.isnan(r.hter) else r.hter,
         "status": r.status, "role": r.role, "editing_ms": r.editing_ms,
         "keystrokes": {"insertions": r.keys_insert, "deletions": r.keys_delete,
                        "navigation": r.keys_navigate},
         "draft": False, "note": r.note, "earlier": r.segment_id != live.get(r.position)}
        for r in revisions
    ]
    rows += [
        {"segment": d.position + 1, "revision": None, "text": shown[d.position, d.text],
         "author": d.author,
         "time": d.updated_at, "hter": _draft_hter(mts[d.position], d.text),
         "status": SegmentStatus.DRAFT, "editing_ms": d.editing_ms, "draft": True}
        for d in drafts
    ]
    if args.json:
        _print_json(rows)
        return
    if not rows:
        print("no revisions" + (" since then" if args.since else " yet"))
    for row in rows:
        number = SegmentStatus.DRAFT if row["draft"] else str(row["revision"])
        hter = "     …" if row["hter"] is None else f"{row['hter']:6.2f}"
        _say(f"{row['segment']:>5}.{number:<5} {row['time']}  {visible(row['author']):<12} "
             f"HTER {hter}  {row['status']:<9}  {row['text']}{_history_note(row)}")


def _history_note(row: dict[str, Any]) -> str:
    """Where a revision's segment came from, or that it belongs to one split or merged away."""
    if row.get("earlier"):
        return "  [a segment since split or merged]"
    return f"  [{row['note']}]" if row.get("note") else ""


def _draft_hter(mt: str, text: str) -> float | None:
    """A draft's HTER when it is quick to compute (None: it would take too long)."""
    if not is_quick(mt, text):
        return None
    return score_segment(mt, text)[1].hter

