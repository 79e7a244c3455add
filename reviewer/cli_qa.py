"""``reviewer check`` and ``reviewer qa-settings``: QA warnings from the command line."""

from __future__ import annotations

import argparse

from reviewer.cli_common import print_json as _print_json
from reviewer.cli_common import segment_position as _position
from reviewer.core.errors import ReviewerError
from reviewer.core.qa import CHECKS, SPELLING, QaWarning, parse_check_ids
from reviewer.core.visible import visible
from reviewer.qa_service import SessionQa, session_speller
from reviewer.session import ReviewSession


def _qa(session: ReviewSession, extra: frozenset[str]) -> SessionQa:
    """QA of ``session``; its word list is loaded only when spelling is checked."""
    spelling = SPELLING not in session.qa_disabled() | extra
    return SessionQa(session, session_speller(session) if spelling else None)


def run_check(args: argparse.Namespace) -> bool:
    """Print the QA warnings of the saved segments, or of segment ``--segment`` whatever its
    status; True when there are any."""
    extra = parse_check_ids(args.disable or "")
    session = ReviewSession.open(args.project, read_only=True)
    try:
        qa = _qa(session, extra)
        disabled = qa.disabled() | extra
        if args.segment is None:
            found = qa.document(disabled)
        else:
            position = _position(session, args.segment)
            found = [(position, warning) for warning in qa.warnings(position, None, disabled)]
    finally:
        session.close()
    if args.json:
        _print_json([{"segment": position + 1, **warning.to_data()}
                     for position, warning in found])
    elif not found:
        where = args.project if args.segment is None else f"segment {args.segment}"
        print(visible(f"{where}: no QA warnings"))
    for position, warning in [] if args.json else found:
        print(visible(_line(position, warning)))
    return bool(found)


def _line(position: int, warning: QaWarning) -> str:
    return f"segment {position + 1}: {warning.check}: {warning.message}"


def run_qa_settings(args: argparse.Namespace) -> None:
    """Show which checks are on; ``--disable`` and ``--enable`` change the project's."""
    disable = parse_check_ids(args.disable or "")
    enable = parse_check_ids(args.enable or "")
    both = sorted(disable & enable)
    if both:
        raise ReviewerError(f"{both[0]} is both in --disable and --enable")
    changing = bool(disable or enable)
    session = ReviewSession.open(args.project, read_only=not changing)
    try:
        disabled = session.qa_disabled()
        if changing:
            disabled = session.set_qa_disabled((disabled | disable) - enable)
    finally:
        session.close()
    if args.json:
        _print_json({check: check not in disabled for check in CHECKS})
        return
    width = max(map(len, CHECKS)) + 2
    for check, description in CHECKS.items():
        print(f"{check:<{width}}{'off' if check in disabled else 'on':<5}{description}")
