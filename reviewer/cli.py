"""The ``reviewer`` command: the GUI by default, subcommands for scripted work."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from reviewer.cli_analysis import run_analysis
from reviewer.cli_annotations import run_annotate, run_annotations, run_mqm_settings
from reviewer.cli_comments import run_comment, run_comments
from reviewer.cli_common import ProblemsFoundError
from reviewer.cli_glossary import run_glossary
from reviewer.cli_memory import run_concordance, run_matches, run_memory
from reviewer.cli_offline import send_earlier_edits
from reviewer.cli_parser import SUBCOMMANDS, command_parser, gui_parser
from reviewer.cli_project import run_backup, run_export, run_new, run_verify, run_version
from reviewer.cli_qa import run_check, run_qa_settings
from reviewer.cli_report import run_report
from reviewer.cli_review import run_review
from reviewer.cli_revisions import run_edit, run_history
from reviewer.cli_scores import run_score
from reviewer.cli_server import run_fetch, run_projects, run_publish, run_sync
from reviewer.cli_split_merge import run_merge, run_split
from reviewer.cli_suggestions import run_suggest
from reviewer.cli_team import run_team
from reviewer.core.errors import ExitCode, ReviewerError
from reviewer.core.visible import visible
from reviewer.store.server_url import is_server_url

__all__ = ["SUBCOMMANDS", "ExitCode", "main"]
_command_parser = command_parser  # the name tests and older callers know


def _run_check(args: argparse.Namespace) -> None:
    if run_check(args):
        raise ProblemsFoundError()


_RUNNERS = {"new": run_new, "edit": run_edit, "score": run_score,
            "split": run_split, "merge": run_merge,
            "analysis": run_analysis,
            "history": run_history, "export": run_export, "version": run_version,
            "backup": run_backup, "verify": run_verify, "check": _run_check,
            "qa-settings": run_qa_settings,
            "glossary": run_glossary,
            "comment": run_comment, "comments": run_comments,
            "annotate": run_annotate, "annotations": run_annotations,
            "mqm-settings": run_mqm_settings,
            "review": run_review,
            "report": run_report,
            "suggest": run_suggest,
            "memory": run_memory, "matches": run_matches, "concordance": run_concordance,
            "publish": run_publish, "projects": run_projects, "fetch": run_fetch,
            "sync": run_sync,
            "team": run_team}


def _fail(message: str) -> int:
    print(f"reviewer: error: {visible(message)}", file=sys.stderr)
    return ExitCode.BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in SUBCOMMANDS:
            args = command_parser().parse_args(arguments)
            send_earlier_edits(args)  # a server project's edits left waiting go first
            _RUNNERS[args.command](args)
            return ExitCode.OK
        gui_args = gui_parser().parse_args(arguments)
        from reviewer.ui.app import run_app  # Qt is loaded only for the window

        return run_app(gui_args.project, gui_args.screenshot, gui_args.theme)
    except ProblemsFoundError:
        return ExitCode.BAD_INPUT
    except SystemExit as exit_request:  # argparse: --help is 0, bad usage is 2
        return int(exit_request.code or 0)
    except ReviewerError as error:
        return _fail(str(error))
    except sqlite3.Error as error:  # a server's errors are raised as these too
        where = "project" if any(is_server_url(a) for a in arguments) else "project file"
        return _fail(f"{where}: {error}")
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter exit quiet
        return ExitCode.OK
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
