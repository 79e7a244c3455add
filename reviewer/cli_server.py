"""``publish``, ``projects``, ``fetch`` and ``sync``: projects on a PostgreSQL server."""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from reviewer.cli_common import print_json, say
from reviewer.core.errors import ReviewerError
from reviewer.store.server_url import ServerLocation, is_server_url, redacted

SERVER_COMMANDS = ("publish", "projects", "fetch", "sync")


def server_parsers(sub: Any, path: Callable[[str], Callable[[str], Path]],
                   text: Callable[[str], Callable[[str], str]]) -> None:
    """The subcommands' arguments (``path`` and ``text`` are cli_parser's argument types)."""
    publish = sub.add_parser("publish", help="copy a project file to a PostgreSQL server for "
                                             "a team (you become its manager)")
    publish.add_argument("project", type=path("PROJECT"), help="the .review project file")
    publish.add_argument("url", type=text("URL"), help="postgresql://…/DB?project=NAME")
    projects = sub.add_parser("projects", help="the projects on a PostgreSQL server you may "
                                               "open, with your role")
    projects.add_argument("url", type=text("URL"), help="postgresql://…/DB")
    projects.add_argument("--json", action="store_true")
    fetch = sub.add_parser("fetch", help="a local copy of a server project to work on "
                                         "offline (`reviewer sync` sends the work back)")
    fetch.add_argument("url", type=text("URL"), help="postgresql://…/DB?project=NAME")
    fetch.add_argument("output", type=path("OUT.review"))
    sync = sub.add_parser("sync", help="send what was done in a fetched copy back to its "
                                       "server project")
    sync.add_argument("copy", type=path("COPY.review"))
    sync.add_argument("--conflicts", action="store_true",
                      help="only list the conflicts earlier syncs found")
    sync.add_argument("--json", action="store_true")


def _server_url(value: str, what: str) -> str:
    if not is_server_url(value):
        raise ReviewerError(f"{what}: {value!r} is not a server address "
                            "(postgresql://HOST/DB?project=NAME)")
    return value


def run_publish(args: argparse.Namespace) -> None:
    """Copy a project file to the server, one transaction, a line per table on stderr."""
    from reviewer.store.pg_connection import NotAllowedError
    from reviewer.store.publish import publish

    url = _server_url(args.url, "publish")
    if not Path(args.project).is_file():
        raise ReviewerError(f"{args.project}: no such project file")
    started = time.monotonic()

    def progress(table: str, rows: int) -> None:
        print(f"published {table}: {rows} rows", file=sys.stderr, flush=True)

    try:
        location = publish(args.project, url, progress)
    except NotAllowedError as error:
        raise ReviewerError(f"{redacted(url)}: you may not create a project on this server "
                            f"({error}); ask its administrator for CREATE on the "
                            "database") from None
    say(f"published {args.project} in {time.monotonic() - started:.1f} s; open it with: "
        f"reviewer {shlex.quote(location.url())}")  # quoted: an address holds & and ?


def run_projects(args: argparse.Namespace) -> None:
    """The server's projects the user may read: name, segments, role."""
    from reviewer.store.publish import server_projects

    url = _server_url(args.url, "projects")
    found = server_projects(url)
    location = ServerLocation.parse(url, need_project=False)
    if args.json:
        print_json({"server": redacted(url), "projects": [
            {"name": name, "segments": segments, "role": role or None,
             "url": location.with_project(name).url()} for name, segments, role in found]})
        return
    if not found:
        say(f"no projects you may open on {redacted(url)}")
    for name, segments, role in found:
        print(f"{name}\t{segments} segments\t{role or '-'}")  # names are [a-z0-9_]


def run_fetch(args: argparse.Namespace) -> None:
    """A local copy of a server project for offline work."""
    from reviewer.store.publish import fetch_copy

    url = _server_url(args.url, "fetch")
    written = fetch_copy(url, args.output)
    say(f"fetched {redacted(url)} into {written}; send the work back with: "
        f"reviewer sync {written}")


def run_sync(args: argparse.Namespace) -> None:
    """Send a fetched copy's offline work to its server project, or list its conflicts."""
    from reviewer.store.sync import recorded_conflicts, sync

    if args.conflicts:
        url, conflicts = recorded_conflicts(args.copy)
        if args.json:
            print_json({"server": url, "conflicts": [_conflict_json(c) for c in conflicts]})
            return
        if not conflicts:
            say(f"{args.copy}: no conflicts recorded")
        for conflict in conflicts:
            _print_conflict(conflict)
        return
    report = sync(args.copy)
    if args.json:
        print_json({"server": report.url, "revisions": report.revisions,
                    "comments": report.comments, "annotations": report.annotations,
                    "conflicts": [_conflict_json(c) for c in report.conflicts]})
        return
    if not (report.revisions or report.comments or report.annotations):
        say(f"{args.copy}: nothing to send to {report.url}")
        return
    say(f"sent {_count(report.revisions, 'revision')}, "
        f"{_count(report.comments, 'comment change')} and "
        f"{_count(report.annotations, 'annotation change')} to {report.url}")
    for conflict in report.conflicts:
        _print_conflict(conflict)
    if report.conflicts:
        print(f"reviewer: {len(report.conflicts)} conflicts: the copy's text is now "
              "current, the server's is kept in each segment's history; confirm the text "
              "you want (`reviewer sync COPY --conflicts` lists them again)", file=sys.stderr)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _conflict_json(conflict: Any) -> dict[str, Any]:
    data = asdict(conflict)
    data["segment"] = data.pop("position") + 1
    return data


def _print_conflict(conflict: Any) -> None:
    say(f"conflict in segment {conflict.position + 1}: the server had "
        f"{conflict.server_text!r} ({conflict.server_author}), this copy "
        f"{conflict.copy_text!r} ({conflict.copy_author}, now current)")
