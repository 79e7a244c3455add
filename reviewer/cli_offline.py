"""Before a command on a server project: edits an earlier session left waiting (the server
was away, the program was killed) are sent first, so the command sees them."""

from __future__ import annotations

import argparse
import sys

from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.locations import data_dir
from reviewer.store.server_errors import ServerUnavailableError
from reviewer.store.server_url import ServerLocation, is_server_url


def send_earlier_edits(args: argparse.Namespace) -> None:
    """Send what waits in the queue of the project the command names (said on stderr, so a
    command's own output stays as it is); nothing to do for a project file."""
    project = getattr(args, "project", None) or getattr(args, "url", None)
    if not isinstance(project, str) or not is_server_url(project) \
            or ServerLocation.parse(project, need_project=False).project is None:
        return
    if not any((data_dir() / "offline").glob("*.queue")):
        return  # nothing ever waited on this machine: no need to ask the server who we are
    from reviewer.session import ReviewSession

    session = ReviewSession.open(project)
    try:
        waiting = session.waiting_count()
        if not waiting:
            return
        try:
            session.send_waiting()
        except ServerUnavailableError:
            raise
        except ReviewerError as error:  # e.g. a grant taken away: the command still runs
            _tell(f"{session.waiting_count()} edits from an earlier session wait; not sent: "
                  f"{error}")
            return
        _tell(f"{waiting} edits from an earlier session were sent")
    finally:
        session.close()


def _tell(line: str) -> None:
    print(f"reviewer: {visible(line)}", file=sys.stderr)
