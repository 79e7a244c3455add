"""``reviewer suggest``: fixes learned from confirmed corrections, listed, applied or
dismissed from the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from reviewer.cli_common import print_json, say, segment_position
from reviewer.core.errors import ExitCode, ReviewerError
from reviewer.core.learned import Suggestion
from reviewer.session import ReviewSession, default_author


def _usage_error(message: str) -> SystemExit:
    print(f"reviewer suggest: error: {message}", file=sys.stderr)
    return SystemExit(ExitCode.BAD_USAGE)


def run_suggest(args: argparse.Namespace) -> None:
    """List the suggestions (of one segment or all), or apply or dismiss number K."""
    chosen = [name for name in ("apply", "apply_all", "dismiss") if getattr(args, name)]
    if len(chosen) > 1:
        raise _usage_error("give one of --apply, --apply-all, --dismiss")
    if args.everywhere and not args.dismiss:
        raise _usage_error("--everywhere goes with --dismiss")
    if chosen and args.json:
        raise _usage_error("--json lists; it does not go with --apply, --apply-all, --dismiss")
    session = ReviewSession.open(args.project, read_only=not chosen)
    try:
        position = None if args.segment is None else segment_position(session, args.segment)
        found = session.suggestions(position)
        if not chosen:
            _list([_in_notation(session, suggestion) for suggestion in found], args.json)
            return
        number = getattr(args, chosen[0])
        if not 1 <= number <= len(found):
            raise ReviewerError(f"no suggestion {number}: there are {len(found)} "
                                "(reviewer suggest PROJECT lists them)")
        suggestion = found[number - 1]
        author = args.author or default_author()
        fix = f"{suggestion.mt!r} → {suggestion.suggestion!r}"
        if args.apply:
            session.apply_suggestion(suggestion, author)
            say(f"segment {suggestion.position + 1}: {fix} applied (status edited)")
        elif args.apply_all:
            result = session.apply_suggestion_everywhere(suggestion, author)
            say(f"{fix} applied {result.batch.matches} time(s) in "
                f"{len(result.revisions)} segment(s) (status edited)")
        else:
            session.dismiss_suggestion(suggestion, author, args.everywhere)
            where = "everywhere" if args.everywhere else f"in segment {suggestion.position + 1}"
            say(f"{fix} dismissed {where}")
    finally:
        session.close()


def _in_notation(session: ReviewSession, suggestion: Suggestion) -> Suggestion:
    """The suggestion with its texts and span in the tag notation (``<1>`` is three)."""
    position = suggestion.position
    if not session.segment_tags(position):
        return suggestion
    text = session.segment(position).text

    def notation(part: str) -> str:
        return session.notation(position, part)

    return replace(suggestion, start=len(notation(text[:suggestion.start])),
                   end=len(notation(text[:suggestion.end])), mt=notation(suggestion.mt),
                   suggestion=notation(suggestion.suggestion))


def _list(found: list[Suggestion], as_json: bool) -> None:
    if as_json:
        print_json([suggestion.to_data() for suggestion in found])
        return
    if not found:
        print("no suggestions (they come from confirmed corrections)")
    for number, s in enumerate(found, 1):
        say(f"{number:>3}. segment {s.position + 1:>4} [{s.start}:{s.end}]  {s.mt!r} → "
            f"{s.suggestion!r}  (learned from segment {s.learned_from + 1}"
            + (f", {s.count} times)" if s.count > 1 else ")"))
