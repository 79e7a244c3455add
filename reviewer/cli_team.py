"""``reviewer team URL``: a server project's people, their roles and assigned segments; a
manager grants and revokes roles and assigns segment ranges."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reviewer.core.errors import ExitCode, ReviewerError
from reviewer.core.visible import visible
from reviewer.session import ReviewSession
from reviewer.store.server_url import is_server_url

if TYPE_CHECKING:  # psycopg is loaded only for a server project
    from reviewer.store.team_roles import Assignment

ACTIONS = {"grant": ("LOGIN", "ROLE"), "revoke": ("LOGIN", "ROLE"),
           "assign": ("LOGIN", "FIRST-LAST"), "unassign": ("ID",)}


def team_parser(sub: Any, text: Callable[[str], Callable[[str], str]]) -> None:
    """The ``team`` subcommand's arguments."""
    team = sub.add_parser(
        "team", help="a server project's people, roles and assigned segments; a manager "
                     "grants or revokes roles and assigns segments",
        description="Without an action, list who has which role and which segments. "
                    "Managers: grant LOGIN ROLE, revoke LOGIN ROLE (roles: manager, "
                    "editor, reviewer; the login must exist: the server's administrator "
                    "makes logins), assign LOGIN FIRST-LAST (segment numbers from 1, or "
                    "one N), unassign ID.")
    team.add_argument("url", type=text("URL"), metavar="URL",
                      help="the project: postgresql://…/DB?project=NAME")
    team.add_argument("action", nargs="?", choices=tuple(ACTIONS))
    team.add_argument("values", nargs="*", type=text("ARGUMENT"), metavar="ARGUMENT",
                      help="grant/revoke: LOGIN ROLE; assign: LOGIN FIRST-LAST; unassign: ID")


def _usage_error(message: str) -> SystemExit:
    print(f"reviewer team: error: {message}", file=sys.stderr)
    return SystemExit(ExitCode.BAD_USAGE)


def segment_range(value: str, count: int) -> tuple[int, int]:
    """Positions (0-based) of ``FIRST-LAST`` or ``N`` (segment numbers from 1)."""
    first, _dash, last = value.partition("-")
    try:
        numbers = int(first), int(last or first)
    except ValueError:
        raise ReviewerError(f"{value!r} is not a range of segments: write FIRST-LAST "
                            "(e.g. 1-200) or one number") from None
    if not 1 <= numbers[0] <= numbers[1] <= count:
        raise ReviewerError(f"no segments {value}: the project has segments 1 to {count} "
                            "(the first of a range comes first)")
    return numbers[0] - 1, numbers[1] - 1


def numbers(assignment: Assignment) -> str:
    """Its segments as users number them: ``segments 3-5``, ``segment 9``."""
    first, last = assignment.first_position + 1, assignment.last_position + 1
    return f"segment {first}" if first == last else f"segments {first}-{last}"


def run_team(args: argparse.Namespace) -> None:
    """List the team, or grant, revoke, assign or unassign."""
    wanted = ACTIONS.get(args.action or "", ())
    if len(args.values) != len(wanted):
        raise _usage_error(f"{args.action} takes {' '.join(wanted)}" if args.action
                           else "give an action (grant, revoke, assign, unassign) or nothing")
    if not is_server_url(args.url):
        raise ReviewerError(f"{args.url}: a project file has no team; `team` takes a server "
                            "project's address, postgresql://…/DB?project=NAME")
    session = ReviewSession.open(args.url)
    try:
        if args.action is None:
            _list(session)
        elif args.action in ("grant", "revoke"):
            login, role = args.values
            if args.action == "grant":
                session.grant_role(login, role)
                _say(f"{login}: {role} of the project")
            else:
                session.revoke_role(login, role)
                _say(f"{login}: no longer {role} of the project")
        elif args.action == "assign":
            first, last = segment_range(args.values[1], session.segment_count())
            made = session.assign(args.values[0], first, last)
            _say(f"assignment {made.id}: {made.person}: {numbers(made)}")
        else:
            try:
                assignment_id = int(args.values[0])
            except ValueError:
                raise _usage_error(f"{visible(args.values[0])!r} is not an assignment id") \
                    from None
            gone = session.unassign(assignment_id)
            _say(f"assignment {gone.id} taken back ({gone.person}: {numbers(gone)})")
    finally:
        session.close()


def _list(session: ReviewSession) -> None:
    """Each person: roles and segments; then each assignment with its id."""
    roles: dict[str, list[str]] = {}
    for login, role in session.team():
        roles.setdefault(login, []).append(role)
    assignments = session.assignments()
    given: dict[str, list[Assignment]] = {}
    for assignment in assignments:
        given.setdefault(assignment.person, []).append(assignment)
        roles.setdefault(assignment.person, [])
    for login in sorted(roles):
        ranges = [numbers(one) for one in given.get(login, [])]
        shown = ", ".join(ranges[:1] + [one.split(" ", 1)[1] for one in ranges[1:]])
        if len(ranges) > 1:
            shown = shown.replace("segment ", "segments ", 1)
        _say("  ".join(part for part in (login, ", ".join(roles[login]) or "no role", shown)
                       if part))
    if assignments:
        print("assignments:")
        for one in assignments:
            _say(f"  {one.id}  {one.person}  {numbers(one)}  (by {one.assigned_by}, "
                 f"{one.created_at})")


def _say(line: str) -> None:
    print(visible(line))
