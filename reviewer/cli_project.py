"""``new``, ``export``, ``version``, ``backup`` and ``verify``: a project file as a whole."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer.cli_common import ProblemsFoundError
from reviewer.cli_common import print_json as _print_json
from reviewer.cli_common import say as _say
from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.formats.readers import import_document
from reviewer.formats.tmx import SKIPPED
from reviewer.session import ReviewSession, default_author


def run_new(args: argparse.Namespace) -> None:
    """Create a project from the MT file and the files aligned with it."""
    document = import_document(args.mt, args.source, args.reference, args.corrections,
                               args.segment, args.encoding, args.file_format, args.langs)

    def progress(done: int, total: int) -> None:
        if total >= 5000:
            print(f"\rscoring {done}/{total}", end="", file=sys.stderr, flush=True)

    session = ReviewSession.create(args.project, document, progress)
    try:
        if len(document.segments) >= 5000:
            print(file=sys.stderr)
        summary = session.summary()
        _say(f"created {args.project}: {summary.segments} segments "
             f"({document.segmentation}, {document.encoding}, {document.format})")
        if summary.pending:
            _finish_scores(session, summary.pending)
    finally:
        session.close()
    skipped = document.metadata.get(SKIPPED)
    if skipped:  # a unit left out is said, never silent
        print(f"reviewer: warning: {visible(document.source_name)}: {visible(skipped)}",
              file=sys.stderr)


def _finish_scores(session: ReviewSession, pending: int) -> None:
    """Score the post-edits the import left pending, saying how far it got; Ctrl+C leaves
    the rest pending (the project is complete and usable meanwhile)."""
    print(f"scoring {pending} post-edits (the project is ready; Ctrl+C leaves the rest "
          "for the window or `reviewer score --wait`)", file=sys.stderr, flush=True)

    def progress(done: int, total: int) -> None:
        print(f"\rscored {done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        session.finish_pending(progress)
    except KeyboardInterrupt:
        left = session.summary().pending
        print(f"\nreviewer: interrupted: the scores of {left} post-edits are still "
              "pending; the window or `reviewer score --wait` computes them",
              file=sys.stderr, flush=True)
        raise
    print(file=sys.stderr)


def run_export(args: argparse.Namespace) -> None:
    """Write the corrected document, or a labelled version of it."""
    _refuse_folder(args.output)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        chosen = session.export(args.output, args.format, args.version)
    finally:
        session.close()
    what = f"version {args.version!r}" if args.version else "current text"
    _say(f"exported {args.output} ({chosen}, {what})")


def run_version(args: argparse.Namespace) -> None:
    """Label the document as it is now, or list the labels."""
    if args.label is None:
        session = ReviewSession.open(args.project, read_only=True)
        try:
            versions = session.versions()
        finally:
            session.close()
        if not versions:
            print("no versions yet")
        for v in versions:
            print(f"{visible(v.label)}\t{v.created_at}\t{visible(v.author)}\t"
                  f"up to revision {v.last_revision}")
        return
    session = ReviewSession.open(args.project)
    try:
        version = session.add_version(args.label, args.author or default_author())
    finally:
        session.close()
    _say(f"labelled the document as {version.label!r}")


def _refuse_folder(output: Path) -> None:
    if output.is_dir():  # "/" included, which has no name to build a temp file from
        raise ReviewerError(f"cannot write {output}: it is a folder")


def run_backup(args: argparse.Namespace) -> None:
    """Write a consistent copy of the project."""
    _refuse_folder(args.output)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        written = session.backup(args.output)
    finally:
        session.close()
    _say(f"backed up to {written}")


def run_verify(args: argparse.Namespace) -> None:
    """Check the project; raises ProblemsFoundError when something is wrong."""
    session = ReviewSession.open(args.project, read_only=True)
    try:
        problems = session.verify()
        revisions = len(session.history())
    finally:
        session.close()
    if args.json:
        _print_json({"ok": not problems, "problems": problems, "revisions": revisions})
    elif not problems:
        _say(f"{args.project}: ok ({revisions} revisions)")
    for problem in problems if not args.json else []:
        print(visible(f"reviewer: {args.project}: {problem}"), file=sys.stderr)
    if problems:
        raise ProblemsFoundError()

