"""Roles and assignments on a server project: who may do what, who is given which segments.

A project file has no team: no role, nobody on it, nothing assigned; granting or
assigning there is a one-line error.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, cast

from reviewer.core.errors import ReviewerError
from reviewer.session_reading import SessionReading

if TYPE_CHECKING:
    from reviewer.store.team_roles import Assignment, TeamRoles


class SessionTeamRoles(SessionReading):
    """The team of a server project (none on a file)."""

    def _team_store(self, doing: str | None = None) -> TeamRoles | None:
        """The server store; on a file None, or a ReviewerError when ``doing`` needs one."""
        # a server store's module is loaded: a file's session never imports psycopg (and an
        # isolated file's store answers any name, so asking it what it has tells nothing)
        roles = sys.modules.get("reviewer.store.team_roles")
        if roles is not None and isinstance(self._store, roles.TeamRoles):
            return cast("TeamRoles", self._store)
        if doing is not None:
            raise ReviewerError(f"{self.path.name} is a project file: only a project on a "
                                f"server has a team to {doing} (`reviewer publish`)")
        return None

    def my_role(self) -> str | None:
        """The user's role on the project: manager, editor or reviewer (None on a file,
        or with no role)."""
        store = self._team_store()
        return None if store is None else store.my_role()

    def team(self) -> list[tuple[str, str]]:
        """(login, role) of everyone with a role on the project, by login."""
        store = self._team_store()
        return [] if store is None else store.team()

    def grant_role(self, login: str, role: str) -> None:
        """Give ``login`` (a login the server's administrator made) the project's ``role``
        (managers only)."""
        store = self._team_store("grant roles in")
        assert store is not None
        store.grant_role(login, role)

    def revoke_role(self, login: str, role: str) -> None:
        """Take the project's ``role`` from ``login`` (managers only)."""
        store = self._team_store("revoke roles in")
        assert store is not None
        store.revoke_role(login, role)

    def assign(self, login: str, first_position: int, last_position: int) -> Assignment:
        """Give ``login`` the segments at positions ``first_position`` to
        ``last_position`` (0-based, both included; managers only)."""
        store = self._team_store("assign segments in")
        assert store is not None
        return store.assign(login, first_position, last_position)

    def unassign(self, assignment_id: int) -> Assignment:
        """Take back an assignment (managers only); returns what it was."""
        store = self._team_store("take assignments back in")
        assert store is not None
        return store.unassign(assignment_id)

    def assignments(self) -> list[Assignment]:
        """Every assignment of the project, by person."""
        store = self._team_store()
        return [] if store is None else store.assignments()

    def my_positions(self) -> list[int]:
        """The positions assigned to the user, in order ([] on a file)."""
        store = self._team_store()
        return [] if store is None else store.my_positions()
