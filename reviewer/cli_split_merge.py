"""``reviewer split`` and ``reviewer merge``: segments split in two or joined, history kept."""

from __future__ import annotations

import argparse

from reviewer.cli_common import segment_position as _position
from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.session import RestructureResult, ReviewSession, default_author


def _offset(value: int | None, name: str) -> int | None:
    if value is not None and value < 0:
        raise ReviewerError(f"{name} {value}: an offset counts characters from 0")
    return value


def _document(result: RestructureResult) -> str:
    summary = result.summary
    if summary.pending:
        return f"document scores pending ({summary.pending} segments still being scored)"
    scores = summary.scores
    return (f"{summary.segments} segments; document HTER {scores.hter:.2f}, "
            f"BLEU {scores.bleu:.2f}, chrF {scores.chrf:.2f}")


def run_split(args: argparse.Namespace) -> None:
    """Split segment N in two."""
    mt_at = _offset(args.mt_at, "--mt-at")
    assert mt_at is not None
    session = ReviewSession.open(args.project)
    try:
        position = _position(session, args.n)
        result = session.split(position, mt_at, args.author or default_author(),
                               _offset(args.source_at, "--source-at"),
                               _offset(args.correction_at, "--correction-at"))
        texts = [session.notation(s.position, s.text) for s in result.segments]
    finally:
        session.close()
    print(visible(f"split segment {args.n} into {args.n} and {args.n + 1}: "
                  f"{texts[0]!r} | {texts[1]!r}; {_document(result)}"))


def run_merge(args: argparse.Namespace) -> None:
    """Merge segment N with segment N+1."""
    session = ReviewSession.open(args.project)
    try:
        position = _position(session, args.n)
        result = session.merge(position, args.author or default_author())
        text = session.notation(position, result.segments[0].text)
    finally:
        session.close()
    print(visible(f"merged segments {args.n} and {args.n + 1} into {args.n}: {text!r}; "
                  f"{_document(result)}"))
