"""``reviewer glossary``: import a glossary file, list the terms, add or delete one."""

from __future__ import annotations

import argparse
import sys

from reviewer.cli_common import print_json
from reviewer.core.errors import ExitCode
from reviewer.core.glossary import GlossaryTerm
from reviewer.core.visible import visible
from reviewer.session import ReviewSession


def _usage_error(message: str) -> SystemExit:
    print(f"reviewer glossary: error: {message}", file=sys.stderr)
    return SystemExit(ExitCode.BAD_USAGE)


def _line(term: GlossaryTerm) -> str:
    flags = "  [forbidden]" if term.forbidden else ""
    note = f"  ({term.note})" if term.note else ""
    return f"{term.id}: {term.source} → {term.target}{flags}{note}"


def run_glossary(args: argparse.Namespace) -> None:
    """Import FILE, add or delete a term, or list the glossary."""
    actions = [name for name, value in (("FILE", args.file), ("--add", args.add),
                                        ("--delete", args.delete)) if value is not None]
    if len(actions) > 1:
        raise _usage_error(f"give one of FILE, --add, --delete (not {' and '.join(actions)})")
    if (args.note is not None or args.forbidden) and args.add is None:
        raise _usage_error("--note and --forbidden go with --add")
    if args.add is not None and "=" not in args.add:
        raise _usage_error("--add takes SOURCE=TARGET")
    session = ReviewSession.open(args.project, read_only=not actions)
    try:
        if args.file is not None:
            added = session.import_glossary(args.file)
            noun = "glossary term" if added == 1 else "glossary terms"
            print(visible(f"{args.file.name}: {added} {noun} added "
                          f"({len(session.glossary())} in the glossary)"))
        elif args.add is not None:
            source, target = args.add.split("=", 1)
            term = session.add_glossary_term(source, target, args.note or "", args.forbidden)
            print(visible(f"glossary term {term.id} added: {term.source} → {term.target}"))
        elif args.delete is not None:
            session.delete_glossary_term(args.delete)
            print(f"glossary term {args.delete} deleted")
        else:
            terms = session.glossary()
            if args.json:
                print_json([term.to_data() for term in terms])
            elif not terms:
                print(visible(f"{args.project}: the glossary is empty"))
            for term in [] if args.json else terms:
                print(visible(_line(term)))
    finally:
        session.close()
