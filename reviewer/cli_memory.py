"""``reviewer memory``, ``matches`` and ``concordance``: a project's translation memory."""

from __future__ import annotations

import argparse

from reviewer.cli_common import print_json, say, segment_position
from reviewer.core.errors import ReviewerError
from reviewer.core.memory import PROJECT_ORIGIN, ConcordanceHit, TmMatch
from reviewer.session import ReviewSession


def run_memory(args: argparse.Namespace) -> None:
    """``memory PROJECT add FILE`` adds units; ``memory PROJECT`` lists what was added."""
    if args.action is None and args.file is not None:
        raise ReviewerError(f"unknown memory action {str(args.file)!r}: use "
                            "'reviewer memory PROJECT add FILE'")
    if args.action == "add":
        if args.file is None:
            raise ReviewerError("memory add needs a TMX, TSV or .review file to add")
        session = ReviewSession.open(args.project)
        try:
            added = session.add_memory(args.file)
        finally:
            session.close()
        say(f"added {added} unit{'s' if added != 1 else ''} from {args.file.name}")
        return
    session = ReviewSession.open(args.project, read_only=True)
    try:
        size, origins = session.memory_size(), session.memory_origins()
        confirmed = session.memory_project_units()
    finally:
        session.close()
    if args.json:
        print_json({"size": size, "project_segments": confirmed,
                    "origins": [{"origin": origin, "units": count}
                                for origin, count in origins]})
        return
    say(f"{size} unit{'s' if size != 1 else ''} added, and the project's {confirmed} "
        f"confirmed segment{'s' if confirmed != 1 else ''}")
    for origin, count in origins:
        say(f"  {count:>8}  {origin}")


def run_matches(args: argparse.Namespace) -> None:
    """The best fuzzy matches for segment N, best first."""
    if args.limit < 1:
        raise ReviewerError(f"--limit {args.limit}: give 1 or more")
    session = ReviewSession.open(args.project, read_only=True)
    try:
        position = segment_position(session, args.segment)
        found = session.matches(position, args.min, args.limit)
    finally:
        session.close()
    if args.json:
        print_json([match.to_data() for match in found])
        return
    if not found:
        say(f"no match of {args.min} % or more for segment {args.segment}")
    for number, match in enumerate(found, 1):
        for line in match_lines(number, match):
            say(line)


def match_lines(number: int, match: TmMatch) -> list[str]:
    """One match for reading: its score and origin, then its texts."""
    origin = match.origin
    if match.origin == PROJECT_ORIGIN and match.position is not None:
        origin = f"this project, segment {match.position + 1}"
    lines = [f"{number}. {match.score} %  {origin}"]
    if match.source is not None:
        lines.append(f"   source: {match.source}")
    if match.mt is not None:
        lines.append(f"   mt:     {match.mt}")
    lines.append(f"   target: {match.target}")
    return lines


def run_concordance(args: argparse.Namespace) -> None:
    """Where a word or phrase occurs in the project's texts and its memory."""
    if args.limit < 1:
        raise ReviewerError(f"--limit {args.limit}: give 1 or more")
    session = ReviewSession.open(args.project, read_only=True)
    try:
        hits = session.concordance(args.text, args.limit, args.match_case)
    finally:
        session.close()
    if args.json:
        print_json([hit.to_data() for hit in hits])
        return
    if not hits:
        say(f"{args.text!r} is nowhere in the project or its memory")
    for hit in hits:
        say(hit_line(hit))


def hit_line(hit: ConcordanceHit) -> str:
    """A hit on one line: where it is, and its text with the hit in [brackets]."""
    where = hit.origin if hit.position is None else f"segment {hit.position + 1}"
    text = hit.text[:hit.start] + "[" + hit.text[hit.start:hit.end] + "]" + hit.text[hit.end:]
    return f"{where}, {hit.field}: {' '.join(text.split())}"
