"""The ``reviewer`` command: the GUI by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import math
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from enum import IntEnum
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.cli_comments import run_comment, run_comments
from reviewer.cli_common import print_json as _print_json
from reviewer.cli_common import segment_position as _position
from reviewer.cli_qa import run_check, run_qa_settings
from reviewer.cli_split_merge import run_merge, run_split
from reviewer.core.bounded import is_quick
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import ScoreDetails, Scores, score_segment
from reviewer.core.visible import visible
from reviewer.formats.limits import check_segment_length
from reviewer.formats.plaintext import SEGMENTATIONS
from reviewer.formats.readers import IMPORT_FORMATS, import_document
from reviewer.formats.tmx import SKIPPED
from reviewer.formats.writers import export_formats
from reviewer.session import ReviewSession, default_author

SUBCOMMANDS = ("new", "edit", "score", "history", "export", "version", "backup", "verify",
               "split", "merge",
               "check", "comment", "comments", "qa-settings")


class ExitCode(IntEnum):
    """What the process tells its caller."""

    OK = 0
    BAD_INPUT = 1
    BAD_USAGE = 2
    INTERRUPTED = 130


def _text(name: str) -> Callable[[str], str]:
    """An argparse type for text: refused in one line when argv held bytes that are not UTF-8."""

    def check(value: str) -> str:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # argv's undecodable bytes arrive as lone surrogates
            raise ReviewerError(f"argument {name} is not valid UTF-8") from None
        return value

    return check


def _path(name: str) -> Callable[[str], Path]:
    """An argparse type for a file name; any bytes are a legal name, an empty one is not."""

    def check(value: str) -> Path:
        if not value:
            raise ReviewerError(f"argument {name} is empty: name a file")
        if "\0" in value:
            raise ReviewerError(f"argument {name} holds a NUL character: no file has that name")
        return Path(value)

    return check


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Post-edit and review machine translation. Without a subcommand, opens "
                    "PROJECT (or the demo project) in the main window.",
        epilog="subcommands: " + ", ".join(SUBCOMMANDS) + " (reviewer SUBCOMMAND --help)",
    )
    parser.add_argument("project", nargs="?", type=_path("PROJECT"), help="a .review project file")
    parser.add_argument("--screenshot", type=_path("PNG"), metavar="PNG",
                        help="render the main window offscreen into PNG and exit")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    return parser


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reviewer")
    sub = parser.add_subparsers(dest="command", required=True)

    new = sub.add_parser("new", help="create a project from MT (and aligned) files")
    new.add_argument("project", type=_path("PROJECT"))
    new.add_argument("--mt", type=_path("--mt"), required=True, help="the machine translation")
    new.add_argument("--source", type=_path("--source"),
                     help="source text, line-aligned with --mt")
    new.add_argument("--reference", type=_path("--reference"),
                     help="a reference translation, line-aligned")
    new.add_argument("--corrections", type=_path("--corrections"),
                     help="existing post-edits, line-aligned")
    new.add_argument("--segment", choices=SEGMENTATIONS,
                     help="split --mt into sentences or lines (default: sentences for a lone "
                          "file, lines with aligned files)")
    new.add_argument("--encoding", type=_text("--encoding"),
                     help="the files' encoding (default: byte-order mark, UTF-8, "
                          "else cp1251 or KOI8-R when the text clearly is)")
    new.add_argument("--format", dest="file_format", choices=IMPORT_FORMATS,
                     help="the --mt file's format (default: from its extension and content)")
    new.add_argument("--langs", type=_text("--langs"), metavar="SRC,TGT",
                     help="source and target language (picks the pair in a TMX file)")

    edit = sub.add_parser("edit", help="save a new revision of segment N")
    edit.add_argument("project", type=_path("PROJECT"))
    edit.add_argument("n", type=int, metavar="N", help="segment number, from 1")
    edit.add_argument("text", type=_text("TEXT"),
                      help="the new text; tags as <1>…</1> and <2/>, a literal <1> as \\<1>")
    edit.add_argument("--author", type=_text("--author"), help="default: your login name")

    score = sub.add_parser("score", help="document and segment scores")
    score.add_argument("project", type=_path("PROJECT"))
    score.add_argument("--json", action="store_true")
    score.add_argument("--wait", action="store_true",
                       help="first compute scores still pending, however long they take")

    history = sub.add_parser("history", help="revisions, oldest first")
    history.add_argument("project", type=_path("PROJECT"))
    history.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    history.add_argument("--since", type=_text("--since"), metavar="LABEL_OR_DATE",
                         help="only what changed after a version, or since a date (local time)")
    history.add_argument("--json", action="store_true")

    version = sub.add_parser("version", help="label the document as it is now, or list labels")
    version.add_argument("project", type=_path("PROJECT"))
    version.add_argument("label", nargs="?", type=_text("LABEL"),
                         help="e.g. 'sent to client'; none: list versions")
    version.add_argument("--author", type=_text("--author"), help="default: your login name")

    backup = sub.add_parser("backup", help="write a consistent copy of the project")
    backup.add_argument("project", type=_path("PROJECT"))
    backup.add_argument("output", type=_path("OUTPUT"))

    verify = sub.add_parser("verify", help="check the project: integrity, schema, append-only "
                                           "revisions, totals, saved revisions, partial files")
    verify.add_argument("project", type=_path("PROJECT"))
    verify.add_argument("--json", action="store_true")

    _comment_parsers(sub)

    _qa_parsers(sub)

    _split_merge_parsers(sub)

    export = sub.add_parser("export", help="write the corrected document")
    export.add_argument("project", type=_path("PROJECT"))
    export.add_argument("output", type=_path("OUTPUT"))
    export.add_argument("--format", choices=export_formats(),
                        help="default: from OUTPUT's extension (.txt, .tsv, .csv, .xlf, "
                             ".sdlxliff, .tmx, .po, .jsonl…); another extension is refused")
    export.add_argument("--version", type=_text("--version"), metavar="LABEL",
                        help="export a labelled version exactly as it was")
    return parser


def _split_merge_parsers(sub: Any) -> None:
    """``split`` and ``merge`` (run by reviewer.cli_split_merge)."""
    split = sub.add_parser("split", help="split segment N in two (history kept on both sides)")
    split.add_argument("project", type=_path("PROJECT"))
    split.add_argument("n", type=int, metavar="N", help="segment number, from 1")
    split.add_argument("--mt-at", type=int, required=True, metavar="K",
                       help="split the MT after K characters (each inline tag counts one)")
    split.add_argument("--source-at", type=int, metavar="J",
                       help="split the source after J characters (default: it stays whole "
                            "with the first part)")
    split.add_argument("--correction-at", type=int, metavar="L",
                       help="split the correction after L characters (needed when it differs "
                            "from the MT)")
    split.add_argument("--author", type=_text("--author"), help="default: your login name")
    merge = sub.add_parser("merge", help="merge segment N with segment N+1")
    merge.add_argument("project", type=_path("PROJECT"))
    merge.add_argument("n", type=int, metavar="N", help="segment number, from 1")
    merge.add_argument("--author", type=_text("--author"), help="default: your login name")


def _comment_parsers(sub: Any) -> None:
    """``comment`` and ``comments`` (run by reviewer.cli_comments)."""
    comment = sub.add_parser("comment", help="comment on segment N, or edit, resolve or reopen "
                                             "a comment")
    comment.add_argument("project", type=_path("PROJECT"))
    comment.add_argument("n", nargs="?", type=int, metavar="N", help="segment number, from 1")
    comment.add_argument("text", nargs="?", type=_text("TEXT"), help="the comment")
    action = comment.add_mutually_exclusive_group()
    action.add_argument("--edit", nargs=2, type=_text("--edit"), metavar=("ID", "TEXT"),
                        help="give comment ID a new text (the earlier one is kept)")
    action.add_argument("--resolve", type=int, metavar="ID", help="mark comment ID resolved")
    action.add_argument("--reopen", type=int, metavar="ID", help="mark comment ID open again")
    comment.add_argument("--author", type=_text("--author"), help="default: your login name")

    comments = sub.add_parser("comments", help="list open comments, oldest first by segment")
    comments.add_argument("project", type=_path("PROJECT"))
    comments.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    comments.add_argument("--all", action="store_true", help="resolved comments too")
    comments.add_argument("--json", action="store_true")


def _say(line: str) -> None:
    """Print a line that may hold names or text from the user or a file."""
    print(visible(line))


def _run_new(args: argparse.Namespace) -> None:
    document = import_document(args.mt, args.source, args.reference, args.corrections,
                               args.segment, args.encoding, args.file_format, args.langs)

    def progress(done: int, total: int) -> None:
        if total >= 5000:
            print(f"\rscoring {done}/{total}", end="", file=sys.stderr, flush=True)

    session = ReviewSession.create(args.project, document, progress)
    if len(document.segments) >= 5000:
        print(file=sys.stderr)
    summary = session.summary()
    session.close()
    _say(f"created {args.project}: {summary.segments} segments "
         f"({document.segmentation}, {document.encoding}, {document.format})")
    skipped = document.metadata.get(SKIPPED)
    if skipped:  # a unit left out is said, never silent
        print(f"reviewer: warning: {visible(document.source_name)}: {visible(skipped)}",
              file=sys.stderr)


_LATER = ("computed when the project is next opened for editing in the window, "
          "or by `reviewer score --wait`")


def _pending_text(count: int) -> str:
    return f"pending ({count} segment{'s' if count != 1 else ''} still being scored)"


def _run_edit(args: argparse.Namespace) -> None:
    check_segment_length(args.text, f"the text of segment {args.n}")  # before opening
    session = ReviewSession.open(args.project)
    try:
        position = _position(session, args.n)
        result = session.edit(position, session.from_notation(position, args.text),
                              args.author or default_author())
    finally:
        session.close()
    for problem in result.tag_problems:
        print(f"reviewer: warning: segment {args.n}: {problem.message}", file=sys.stderr)
    scores, summary = result.segment, result.summary
    if result.revision is None:
        print(f"segment {args.n}: unchanged, no new revision")
        return
    doc = summary.scores
    document = (f"document scores {_pending_text(summary.pending)}" if summary.pending else
                f"document HTER {doc.hter:.2f}, BLEU {doc.bleu:.2f}, chrF {doc.chrf:.2f}")
    if scores.pending:
        print(f"segment {args.n}: revision {result.revision.number} saved; {document}: its "
              f"scores take too long to wait for and will be {_LATER}")
        return
    print(f"segment {args.n}: revision {result.revision.number} saved "
          f"(HTER {scores.hter:.2f}, BLEU {scores.bleu:.2f}, chrF {scores.chrf:.2f}); "
          f"{document}")


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


def _run_score(args: argparse.Namespace) -> None:
    if args.wait:
        _wait_for_scores(args.project)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        summary, segments = session.summary(), session.segments()
        details = session.all_details()
        texts = [_notations(session, s.position, s.source, s.mt, s.text) for s in segments]
    finally:
        session.close()
    doc, whole = summary.scores, summary.details
    if args.json:
        document = {**_scores_json(doc, whole), "pending_segments": summary.pending,
                    "segments": summary.segments, "edited": summary.edited,
                    "confirmed": summary.confirmed,
                    "complete": whole is not None and whole.complete}
        _print_json({
            "document": document,
            "signatures": ReviewSession.signatures(),
            "segments": [{"index": s.position + 1, "source": source, "mt": mt,
                          "correction": text, "status": s.status,
                          **_scores_json(Scores(s.hter, s.bleu, s.chrf), d)}
                         for s, d, (source, mt, text) in zip(segments, details, texts,
                                                             strict=True)],
        })
        return
    out = sys.stdout
    progress = (f"({summary.edited} of {summary.segments} segments edited, "
                f"{summary.confirmed} confirmed)")
    if whole is None:
        out.write(f"document  {_pending_text(summary.pending)}  {progress}\n"
                  f"          the scores will be {_LATER}\n")
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


def _run_history(args: argparse.Namespace) -> None:
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
         "status": r.status, "editing_ms": r.editing_ms,
         "keystrokes": {"insertions": r.keys_insert, "deletions": r.keys_delete,
                        "navigation": r.keys_navigate},
         "draft": False, "note": r.note, "earlier": r.segment_id != live.get(r.position)}
        for r in revisions
    ]
    rows += [
        {"segment": d.position + 1, "revision": None, "text": shown[d.position, d.text],
         "author": d.author,
         "time": d.updated_at, "hter": _draft_hter(mts[d.position], d.text),
         "status": "draft", "editing_ms": d.editing_ms, "draft": True}
        for d in drafts
    ]
    if args.json:
        _print_json(rows)
        return
    if not rows:
        print("no revisions" + (" since then" if args.since else " yet"))
    for row in rows:
        number = "draft" if row["draft"] else str(row["revision"])
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


def _qa_parsers(sub: Any) -> None:
    """``check`` and ``qa-settings`` (run by reviewer.cli_qa)."""
    check = sub.add_parser("check", help="list the QA warnings of the saved segments "
                                         "(exit 1 when there are any)")
    check.add_argument("project", type=_path("PROJECT"))
    check.add_argument("--segment", type=int, metavar="N",
                       help="only segment N (from 1), saved or not")
    check.add_argument("--json", action="store_true")
    check.add_argument("--disable", type=_text("--disable"), metavar="ID,...",
                       help="also leave out these checks, this time only")
    settings = sub.add_parser("qa-settings", help="list the QA checks and which are on; "
                                                  "switch them off or on for the project")
    settings.add_argument("project", type=_path("PROJECT"))
    settings.add_argument("--disable", type=_text("--disable"), metavar="ID,...")
    settings.add_argument("--enable", type=_text("--enable"), metavar="ID,...")
    settings.add_argument("--json", action="store_true")


def _run_check(args: argparse.Namespace) -> None:
    if run_check(args):
        raise _ProblemsFoundError()


def _run_export(args: argparse.Namespace) -> None:
    _refuse_folder(args.output)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        chosen = session.export(args.output, args.format, args.version)
    finally:
        session.close()
    what = f"version {args.version!r}" if args.version else "current text"
    _say(f"exported {args.output} ({chosen}, {what})")


def _run_version(args: argparse.Namespace) -> None:
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


def _run_backup(args: argparse.Namespace) -> None:
    _refuse_folder(args.output)
    session = ReviewSession.open(args.project, read_only=True)
    try:
        written = session.backup(args.output)
    finally:
        session.close()
    _say(f"backed up to {written}")


def _run_verify(args: argparse.Namespace) -> None:
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
        raise _ProblemsFoundError()


class _ProblemsFoundError(Exception):
    """``verify`` or ``check`` found problems (already printed, one line each)."""


_RUNNERS = {"new": _run_new, "edit": _run_edit, "score": _run_score,
            "split": run_split, "merge": run_merge,
            "history": _run_history, "export": _run_export, "version": _run_version,
            "backup": _run_backup, "verify": _run_verify, "check": _run_check,
            "qa-settings": run_qa_settings,
            "comment": run_comment, "comments": run_comments}


def _fail(message: str) -> int:
    print(f"reviewer: error: {visible(message)}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in SUBCOMMANDS:
            args = _command_parser().parse_args(arguments)
            _RUNNERS[args.command](args)
            return ExitCode.OK
        gui_args = _gui_parser().parse_args(arguments)
        from reviewer.ui.app import run_app  # Qt is loaded only for the window

        return run_app(gui_args.project, gui_args.screenshot)
    except _ProblemsFoundError:
        return ExitCode.BAD_INPUT
    except SystemExit as exit_request:  # argparse: --help is 0, bad usage is 2
        return int(exit_request.code or 0)
    except ReviewerError as error:
        return _fail(str(error))
    except sqlite3.Error as error:
        return _fail(f"project file: {error}")
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter exit quiet
        return ExitCode.OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
