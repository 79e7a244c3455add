"""The command line's arguments: the window's and every subcommand's."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.cli_server import SERVER_COMMANDS, server_parsers
from reviewer.cli_team import team_parser
from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import SEGMENTATIONS
from reviewer.formats.readers import IMPORT_FORMATS
from reviewer.formats.writers import export_formats
from reviewer.store.server_url import is_server_url, redacted

SUBCOMMANDS = ("new", "edit", "score", "history", "export", "version", "backup", "verify",
               "split", "merge",
               "analysis",
               "check", "comment", "comments", "qa-settings",
               "glossary",
               "annotate", "annotations", "mqm-settings",
               "review",
               "report",
               "suggest",
               "memory", "matches", "concordance",
               *SERVER_COMMANDS,
               "team")


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
        if is_server_url(value):
            raise ReviewerError(f"argument {name}: {redacted(value)} is a server address; "
                                "this takes a file")
        return Path(value)

    return check


def _project(value: str) -> Path | str:
    """An argparse type for PROJECT: a project file, or a server project's address."""
    return value if is_server_url(value) else _path("PROJECT")(value)


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Post-edit and review machine translation. Without a subcommand, opens "
                    "PROJECT (or the demo project) in the main window.",
        epilog="subcommands: " + ", ".join(SUBCOMMANDS) + " (reviewer SUBCOMMAND --help)",
    )
    parser.add_argument("project", nargs="?", type=_project,
                        help="a .review project file, or postgresql://…/DB?project=NAME")
    parser.add_argument("--screenshot", type=_path("PNG"), metavar="PNG",
                        help="render the main window offscreen into PNG and exit")
    parser.add_argument("--theme", choices=("system", "light", "dark"),
                        help="the look for this run (default: View → Theme's choice, else "
                             "the desktop's)")
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    return parser


def command_parser() -> argparse.ArgumentParser:
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
    edit.add_argument("project", type=_project)
    edit.add_argument("n", type=int, metavar="N", help="segment number, from 1")
    edit.add_argument("text", type=_text("TEXT"),
                      help="the new text; tags as <1>…</1> and <2/>, a literal <1> as \\<1>")
    edit.add_argument("--author", type=_text("--author"), help="default: your login name")
    edit.add_argument("--propagate", action="store_true",
                      help="then write the text to the segment's unconfirmed repetitions "
                           "(same source, or same MT without one) as one undo step")

    score = sub.add_parser("score", help="document and segment scores")
    score.add_argument("project", type=_project)
    score.add_argument("--json", action="store_true")
    score.add_argument("--wait", action="store_true",
                       help="first compute scores still pending, however long they take")

    history = sub.add_parser("history", help="revisions, oldest first")
    history.add_argument("project", type=_project)
    history.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    history.add_argument("--since", type=_text("--since"), metavar="LABEL_OR_DATE",
                         help="only what changed after a version, or since a date (local time)")
    history.add_argument("--json", action="store_true")

    version = sub.add_parser("version", help="label the document as it is now, or list labels")
    version.add_argument("project", type=_project)
    version.add_argument("label", nargs="?", type=_text("LABEL"),
                         help="e.g. 'sent to client'; none: list versions")
    version.add_argument("--author", type=_text("--author"), help="default: your login name")

    backup = sub.add_parser("backup", help="write a consistent copy of the project")
    backup.add_argument("project", type=_project)
    backup.add_argument("output", type=_path("OUTPUT"))

    verify = sub.add_parser("verify", help="check the project: integrity, schema, append-only "
                                           "revisions, totals, saved revisions, partial files")
    verify.add_argument("project", type=_project)
    verify.add_argument("--json", action="store_true")

    _comment_parsers(sub)

    _annotation_parsers(sub)

    _review_parser(sub)

    _qa_parsers(sub)

    _glossary_parser(sub)

    _split_merge_parsers(sub)

    _analysis_parser(sub)

    _report_parser(sub)

    _suggest_parser(sub)

    _memory_parsers(sub)

    server_parsers(sub, _path, _text)

    team_parser(sub, _text)  # reviewer.cli_team

    export = sub.add_parser("export", help="write the corrected document")
    export.add_argument("project", type=_project)
    export.add_argument("output", type=_path("OUTPUT"))
    export.add_argument("--format", choices=export_formats(),
                        help="default: from OUTPUT's extension (.txt, .tsv, .csv, .xlf, "
                             ".sdlxliff, .tmx, .po, .jsonl…); another extension is refused")
    export.add_argument("--version", type=_text("--version"), metavar="LABEL",
                        help="export a labelled version exactly as it was")
    return parser


def _memory_parsers(sub: Any) -> None:
    """``memory``, ``matches`` and ``concordance`` (run by reviewer.cli_memory)."""
    memory = sub.add_parser("memory", help="the project's translation memory: add a TMX, TSV "
                                           "or another project's confirmed segments, or "
                                           "list what was added")
    memory.add_argument("project", type=_project)
    memory.add_argument("action", nargs="?", choices=("add",), help="add FILE's units")
    memory.add_argument("file", nargs="?", type=_path("FILE"),
                        help="a .tmx, a .tsv/.csv (source, target) or a .review project")
    memory.add_argument("--json", action="store_true")
    matches = sub.add_parser("matches", help="the best fuzzy matches for a segment from the "
                                             "project's confirmed segments and its memory")
    matches.add_argument("project", type=_project)
    matches.add_argument("segment", type=int, metavar="N", help="the segment (from 1)")
    matches.add_argument("--min", type=int, default=50, metavar="PERCENT",
                         help="the lowest match percentage shown (default: 50)")
    matches.add_argument("--limit", type=int, default=5, metavar="K",
                         help="at most K matches (default: 5)")
    matches.add_argument("--json", action="store_true")
    concordance = sub.add_parser("concordance", help="a word or phrase in the project's "
                                                     "sources, MT, corrections and memory")
    concordance.add_argument("project", type=_project)
    concordance.add_argument("text", type=_text("TEXT"))
    concordance.add_argument("--match-case", action="store_true")
    concordance.add_argument("--limit", type=int, default=200, metavar="K",
                             help="at most K hits (default: 200)")
    concordance.add_argument("--json", action="store_true")


def _suggest_parser(sub: Any) -> None:
    """``suggest`` (run by reviewer.cli_suggestions)."""
    suggest = sub.add_parser("suggest", help="fixes learned from confirmed corrections, where "
                                             "the same MT phrase is in segments not yet "
                                             "confirmed: list, apply or dismiss them")
    suggest.add_argument("project", type=_project)
    suggest.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    suggest.add_argument("--json", action="store_true")
    suggest.add_argument("--apply", type=int, metavar="K",
                         help="apply suggestion K of the list (the segment becomes edited)")
    suggest.add_argument("--apply-all", type=int, metavar="K",
                         help="apply suggestion K's fix wherever it is suggested (one batch)")
    suggest.add_argument("--dismiss", type=int, metavar="K",
                         help="never suggest K's fix in its segment again")
    suggest.add_argument("--everywhere", action="store_true",
                         help="with --dismiss: in no segment")
    suggest.add_argument("--author", type=_text("--author"), help="default: your login name")


def _report_parser(sub: Any) -> None:
    """``report`` (run by reviewer.cli_report)."""
    report = sub.add_parser("report", help="the quality report: scores, effort, MQM, analysis, "
                                           "review, charts and the segments to look at, as "
                                           "one HTML file or a PDF")
    report.add_argument("project", type=_project)
    report.add_argument("output", type=_path("OUTPUT"), help="OUT.html or OUT.pdf")


def _analysis_parser(sub: Any) -> None:
    """``analysis`` (run by reviewer.cli_analysis)."""
    analysis = sub.add_parser("analysis", help="post-editing analysis: segments and words by "
                                               "character edit distance, MT against the final "
                                               "text, per editor and reviewer against editor")
    analysis.add_argument("project", type=_project)
    analysis.add_argument("--bands", type=_text("--bands"), metavar="LOW,...",
                          help="the bands' lower bounds in whole percent, from 0 (default: "
                               "the project's, else 0,1,10,20,30,50)")
    analysis.add_argument("--save", action="store_true",
                          help="keep --bands as the project's bands")
    analysis.add_argument("--json", action="store_true")


def _split_merge_parsers(sub: Any) -> None:
    """``split`` and ``merge`` (run by reviewer.cli_split_merge)."""
    split = sub.add_parser("split", help="split segment N in two (history kept on both sides)")
    split.add_argument("project", type=_project)
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
    merge.add_argument("project", type=_project)
    merge.add_argument("n", type=int, metavar="N", help="segment number, from 1")
    merge.add_argument("--author", type=_text("--author"), help="default: your login name")


def _review_parser(sub: Any) -> None:
    """``review`` (run by reviewer.cli_review)."""
    review = sub.add_parser("review", help="as the reviewer, accept segment N or reject it "
                                           "with a comment; without N, the review's outcome")
    review.add_argument("project", type=_project)
    review.add_argument("n", nargs="?", type=int, metavar="N", help="segment number, from 1")
    action = review.add_mutually_exclusive_group()
    action.add_argument("--accept", action="store_true",
                        help="accept the editor's text (status reviewed)")
    action.add_argument("--reject", action="store_true",
                        help="send it back to the editor (status rejected); needs --comment")
    review.add_argument("--comment", type=_text("--comment"), metavar="TEXT",
                        help="the reason for a rejection, added as a comment on the segment")
    review.add_argument("--author", type=_text("--author"), help="default: your login name")
    review.add_argument("--json", action="store_true", help="the outcome as JSON")


def _annotation_parsers(sub: Any) -> None:
    """``annotate``, ``annotations`` and ``mqm-settings`` (run by reviewer.cli_annotations)."""
    annotate = sub.add_parser("annotate", help="mark an MQM error on a span of segment N, or "
                                               "delete an annotation")
    annotate.add_argument("project", type=_project)
    annotate.add_argument("n", nargs="?", type=int, metavar="N", help="segment number, from 1")
    annotate.add_argument("--start", type=int, metavar="S",
                          help="first character of the span, from 0, in the side's text as "
                               "`score --json` shows it (a tag <1> is three characters)")
    annotate.add_argument("--end", type=int, metavar="E", help="the character after the span")
    annotate.add_argument("--category", type=_text("--category"), metavar="CAT",
                          help="e.g. accuracy/mistranslation, fluency/grammar, terminology "
                               "(reviewer mqm-settings lists the project's)")
    annotate.add_argument("--severity", type=_text("--severity"), metavar="SEV",
                          help="neutral, minor, major or critical")
    annotate.add_argument("--side", choices=("mt", "correction"), default="mt",
                          help="annotate the MT (default) or the current correction")
    annotate.add_argument("--note", type=_text("--note"), metavar="TEXT")
    annotate.add_argument("--delete", type=int, metavar="ID",
                          help="delete annotation ID (kept in its history)")
    annotate.add_argument("--author", type=_text("--author"), help="default: your login name")

    annotations = sub.add_parser("annotations", help="list the MQM annotations and the "
                                                     "document's MQM score")
    annotations.add_argument("project", type=_project)
    annotations.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    annotations.add_argument("--json", action="store_true")
    annotations.add_argument("--history", action="store_true",
                             help="every annotation, deleted ones too, with each of its "
                                  "revisions (who changed what, when)")

    settings = sub.add_parser("mqm-settings", help="show or set the project's MQM weights, "
                                                   "pass threshold and categories")
    settings.add_argument("project", type=_project)
    settings.add_argument("--weight", action="append", type=_text("--weight"),
                          metavar="CAT=W", help="a category's weight, or CAT:SEV=W for one "
                                                "severity of it (repeatable)")
    settings.add_argument("--threshold", type=_text("--threshold"), metavar="T",
                          help="the pass mark, 0 to 100")
    settings.add_argument("--file", type=_path("--file"), metavar="F.json",
                          help='settings from a JSON file: {"weights": {...}, '
                               '"threshold": T, "categories": [...]}')
    settings.add_argument("--author", type=_text("--author"), help="default: your login name")
    settings.add_argument("--json", action="store_true")


def _comment_parsers(sub: Any) -> None:
    """``comment`` and ``comments`` (run by reviewer.cli_comments)."""
    comment = sub.add_parser("comment", help="comment on segment N, or edit, resolve or reopen "
                                             "a comment")
    comment.add_argument("project", type=_project)
    comment.add_argument("n", nargs="?", type=int, metavar="N", help="segment number, from 1")
    comment.add_argument("text", nargs="?", type=_text("TEXT"), help="the comment")
    action = comment.add_mutually_exclusive_group()
    action.add_argument("--edit", nargs=2, type=_text("--edit"), metavar=("ID", "TEXT"),
                        help="give comment ID a new text (the earlier one is kept)")
    action.add_argument("--resolve", type=int, metavar="ID", help="mark comment ID resolved")
    action.add_argument("--reopen", type=int, metavar="ID", help="mark comment ID open again")
    comment.add_argument("--author", type=_text("--author"), help="default: your login name")

    comments = sub.add_parser("comments", help="list open comments, oldest first by segment")
    comments.add_argument("project", type=_project)
    comments.add_argument("--segment", type=int, metavar="N", help="only segment N (from 1)")
    comments.add_argument("--all", action="store_true", help="resolved comments too")
    comments.add_argument("--json", action="store_true")


def _glossary_parser(sub: Any) -> None:
    """``glossary`` (run by reviewer.cli_glossary)."""
    glossary = sub.add_parser("glossary", help="import a glossary (TBX, CSV, TSV), list its "
                                               "terms, add or delete one")
    glossary.add_argument("project", type=_project)
    glossary.add_argument("file", nargs="?", type=_path("FILE"),
                          help="a TBX or CSV/TSV file (header: source, target, note, "
                               "forbidden): add the terms the glossary lacks")
    glossary.add_argument("--add", type=_text("--add"), metavar="SOURCE=TARGET",
                          help="add one term")
    glossary.add_argument("--note", type=_text("--note"), help="the added term's note")
    glossary.add_argument("--forbidden", action="store_true",
                          help="the added target term must not be used")
    glossary.add_argument("--delete", type=int, metavar="ID", help="delete term ID")
    glossary.add_argument("--json", action="store_true", help="list as JSON")


def _qa_parsers(sub: Any) -> None:
    """``check`` and ``qa-settings`` (run by reviewer.cli_qa)."""
    check = sub.add_parser("check", help="list the QA warnings of the saved segments "
                                         "(exit 1 when there are any)")
    check.add_argument("project", type=_project)
    check.add_argument("--segment", type=int, metavar="N",
                       help="only segment N (from 1), saved or not")
    check.add_argument("--json", action="store_true")
    check.add_argument("--disable", type=_text("--disable"), metavar="ID,...",
                       help="also leave out these checks, this time only")
    settings = sub.add_parser("qa-settings", help="list the QA checks and which are on; "
                                                  "switch them off or on for the project")
    settings.add_argument("project", type=_project)
    settings.add_argument("--disable", type=_text("--disable"), metavar="ID,...")
    settings.add_argument("--enable", type=_text("--enable"), metavar="ID,...")
    settings.add_argument("--json", action="store_true")

