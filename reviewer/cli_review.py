"""``reviewer review``: a reviewer accepts or rejects segment N, or reads the review's outcome."""

from __future__ import annotations

import argparse
import sys

from reviewer.cli_common import print_json, say, segment_position
from reviewer.core.errors import ExitCode
from reviewer.core.review import ReviewOutcome
from reviewer.session import ReviewSession, default_author


def _usage_error(message: str) -> SystemExit:
    print(f"reviewer review: error: {message}", file=sys.stderr)
    return SystemExit(ExitCode.BAD_USAGE)


def run_review(args: argparse.Namespace) -> None:
    """Accept or reject segment N as the reviewer; without N, print the outcome."""
    acting = args.accept or args.reject
    if acting and args.n is None:
        raise _usage_error("name the segment N to accept or reject")
    if args.n is not None and not acting:
        raise _usage_error("give --accept or --reject (or no N for the outcome)")
    if args.comment is not None and not args.reject:
        raise _usage_error("--comment goes with --reject (the reason sent to the editor)")
    if args.reject and (args.comment is None or not args.comment.strip()):
        raise _usage_error("--reject needs --comment TEXT: the reason for the editor")
    session = ReviewSession.open(args.project, read_only=not acting)
    try:
        if acting:
            position = segment_position(session, args.n)
            author = args.author or default_author()
            result = (session.review_reject(position, author, args.comment) if args.reject
                      else session.review_accept(position, author))
        outcome = session.review_outcome()
    finally:
        session.close()
    if args.json:
        print_json(outcome.to_json())
        return
    if acting:
        state = "rejected" if args.reject else "reviewed"
        if result.revision is None:
            print(f"segment {args.n}: already {state}"
                  + (", comment added" if args.reject else ""))
        else:
            print(f"segment {args.n}: {state} (revision {result.revision.number})"
                  + (", comment added" if args.reject else ""))
    say(outcome_line(outcome))


def outcome_line(outcome: ReviewOutcome) -> str:
    """The review's counts and reviewer TER in one line."""
    ter = "—" if outcome.ter is None else f"{outcome.ter:.2f}"
    return (f"review: {outcome.accepted} accepted, {outcome.edited} edited by the reviewer, "
            f"{outcome.rejected} rejected, {outcome.not_reviewed} not reviewed; "
            f"reviewer TER {ter}")
