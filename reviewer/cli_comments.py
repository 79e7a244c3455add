"""``reviewer comment`` and ``reviewer comments``: comments on segments from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reviewer.core.comments import Comment
from reviewer.core.errors import ExitCode
from reviewer.core.visible import visible
from reviewer.session import ReviewSession, default_author


def _usage_error(message: str) -> SystemExit:
    print(f"reviewer comment: error: {message}", file=sys.stderr)
    return SystemExit(ExitCode.BAD_USAGE)


def run_comment(args: argparse.Namespace) -> None:
    """Add a comment to segment N, or edit, resolve or reopen comment ID."""
    acting = args.edit is not None or args.resolve is not None or args.reopen is not None
    if acting and (args.n is not None or args.text is not None):
        raise _usage_error("give either N and TEXT, or one of --edit, --resolve, --reopen")
    if not acting and (args.n is None or args.text is None):
        raise _usage_error("give N and TEXT to add a comment, or --edit ID TEXT, "
                           "--resolve ID or --reopen ID")
    if args.edit is not None:
        try:
            comment_id = int(args.edit[0])
        except ValueError:
            raise _usage_error(f"--edit: {visible(args.edit[0])!r} is not a comment id") \
                from None
    author = args.author or default_author()
    session = ReviewSession.open(args.project)
    try:
        if not acting:
            added = session.add_comment(args.n - 1, args.text, author)
            print(f"segment {added.position + 1}: comment {added.id} added")
        elif args.edit is not None:
            before = session.comment(comment_id)
            after = session.edit_comment(comment_id, args.edit[1], author)
            print(f"comment {comment_id}: unchanged" if after.revisions == before.revisions
                  else f"comment {comment_id} edited (revision {after.revisions})")
        else:
            comment_id = args.resolve if args.resolve is not None else args.reopen
            resolving = args.resolve is not None
            before = session.comment(comment_id)
            if before.resolved == resolving:
                print(f"comment {comment_id}: already {'resolved' if resolving else 'open'}")
            elif resolving:
                session.resolve_comment(comment_id, author)
                print(f"comment {comment_id} resolved")
            else:
                session.reopen_comment(comment_id, author)
                print(f"comment {comment_id} reopened")
    finally:
        session.close()


def run_comments(args: argparse.Namespace) -> None:
    """List comments: open ones (``--all``: resolved too), of one segment or all."""
    session = ReviewSession.open(args.project, read_only=True)
    try:
        position = None if args.segment is None else args.segment - 1
        comments = session.comments(position, include_resolved=args.all)
        histories = {c.id: session.comment_history(c.id) for c in comments} if args.json else {}
    finally:
        session.close()
    if args.json:
        json.dump([_json(c, histories[c.id]) for c in comments], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if not comments:
        print("no comments" if args.all else "no open comments")
    for c in comments:
        state = "resolved  " if c.resolved else ""
        print(visible(f"{c.position + 1:>5}  #{c.id:<4} {c.created_at}  {c.author:<12} "
                      f"{state}{c.text}"))


def _json(comment: Comment, history: list[Any]) -> dict[str, Any]:
    return {"id": comment.id, "segment": comment.position + 1, "text": comment.text,
            "author": comment.author, "time": comment.created_at, "resolved": comment.resolved,
            "updated_at": comment.updated_at, "updated_by": comment.updated_by,
            "history": [{"revision": h.number, "text": h.text, "resolved": h.resolved,
                         "author": h.author, "time": h.created_at} for h in history]}
