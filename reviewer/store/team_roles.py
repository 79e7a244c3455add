"""Who is on a server project's team, with which role, and which segments each is given.

Roles are PostgreSQL group roles (``pg_roles``); granting one is a ``GRANT`` on the
server, which needs the login to exist already (making logins is the DBA's job). An
assignment gives a person a range of positions; an editor with any may confirm only
those (row-level security).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg
import psycopg.errors
from psycopg import sql

from reviewer.core.errors import ReviewerError
from reviewer.core.review import REVIEWER
from reviewer.core.scoring import DocumentTotals
from reviewer.store.own_authors import OwnAuthors
from reviewer.store.pg_connection import NotAllowedError, PgConnection, as_sqlite_error
from reviewer.store.pg_roles import ROLES, role_name
from reviewer.store.records import NewRevision
from reviewer.store.revision_writes import RevisionWrites

if TYPE_CHECKING:
    from reviewer.store.server_url import ServerLocation


@dataclass(frozen=True)
class Assignment:
    """Positions ``first_position`` to ``last_position`` (0-based, both included) given
    to ``person`` by ``assigned_by``."""

    id: int
    person: str
    first_position: int
    last_position: int
    assigned_by: str
    created_at: str


class TeamRoles(RevisionWrites, OwnAuthors):
    """Roles and assignments of a server project."""

    if TYPE_CHECKING:
        location: ServerLocation

        @property
        def connection(self) -> PgConnection: ...

        def segment_count(self) -> int: ...

    def my_role(self) -> str | None:
        """The login's role on the project, the one with the most rights if more (a superuser
        counts as a manager); None: none."""
        if self.manages:
            return "manager"
        return next((role for role in ("reviewer", "editor") if self._member(role)), None)

    def _member(self, role: str) -> bool:
        """Whether the login has the project's ``role`` (directly or through a group)."""
        return bool(self._db.execute("SELECT pg_has_role(?, 'MEMBER')",
                                     (role_name(self.location.schema, role),)).fetchone()[0])

    def team(self) -> list[tuple[str, str]]:
        """(login, role) of everyone given a role on the project, by login then role."""
        groups = {role_name(self.location.schema, role): role for role in ROLES}
        marks = ", ".join("?" * len(groups))
        rows = self._db.execute(
            "SELECT m.rolname, g.rolname FROM pg_auth_members am "
            "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member "
            f"WHERE g.rolname IN ({marks}) AND m.rolname NOT IN ({marks})",
            (*groups, *groups)).fetchall()
        return sorted(((str(login), groups[str(group)]) for login, group in rows),
                      key=lambda pair: (pair[0], ROLES.index(pair[1])))

    def grant_role(self, login: str, role: str) -> None:
        """Make ``login`` (an existing login) a member of the project's ``role``."""
        group = self._managed_group(login, role)
        self._run(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group),
                                                    sql.Identifier(login)), role)

    def revoke_role(self, login: str, role: str) -> None:
        """Take the project's ``role`` from ``login``."""
        group = self._managed_group(login, role)
        if (login, role) not in self.team():
            raise ReviewerError(f"{login!r} is not {_article(role)} {role} of this project")
        self._run(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group),
                                                       sql.Identifier(login)), role)

    def assign(self, login: str, first_position: int, last_position: int) -> Assignment:
        """Give ``login`` the segments at positions ``first_position`` to
        ``last_position`` (0-based, both included)."""
        self._require_manager("assign segments")
        self._require_login(login)
        count = self.segment_count()
        if not 0 <= first_position <= last_position < count:
            raise ReviewerError(f"no segments {first_position + 1}-{last_position + 1}: the "
                                f"project has segments 1 to {count}")
        with self._write() as db:
            made = db.execute("INSERT INTO assignments (person, first_position, last_position) "
                              "VALUES (?, ?, ?) RETURNING id",
                              (login, first_position, last_position)).lastrowid
        assert made is not None
        return next(found for found in self.assignments() if found.id == made)

    def unassign(self, assignment_id: int) -> Assignment:
        """Take back assignment ``assignment_id``; returns what it was."""
        self._require_manager("take back assignments")
        found = next((one for one in self.assignments() if one.id == assignment_id), None)
        if found is None:
            raise ReviewerError(f"no assignment {assignment_id} on this project")
        with self._write() as db:
            db.execute("DELETE FROM assignments WHERE id = ?", (assignment_id,))
        return found

    def assignments(self) -> list[Assignment]:
        """Every assignment, by person then first position."""
        rows = self._db.execute(
            "SELECT id, person, first_position, last_position, assigned_by, "
            "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
            "FROM assignments ORDER BY person, first_position, id").fetchall()
        return [Assignment(int(row[0]), str(row[1]), int(row[2]), int(row[3]), str(row[4]),
                           str(row[5])) for row in rows]

    def my_positions(self) -> list[int]:
        """The positions assigned to the login, in order (those of the project only)."""
        count = self.segment_count()
        mine: set[int] = set()
        for first, last in self._db.execute(
                "SELECT first_position, last_position FROM assignments WHERE person = "
                "current_user").fetchall():
            mine.update(range(max(int(first), 0), min(int(last), count - 1) + 1))
        return sorted(mine)

    def _append_revision(self, db: Any, totals: DocumentTotals, new: NewRevision,
                         counts: dict[str, int] | None = None,
                         ) -> tuple[int, int, DocumentTotals]:
        # what row-level security would refuse, said in the user's words
        if not self.manages:
            self._check_revision(db, new)
        return super()._append_revision(db, totals, new, counts)

    def _check_revision(self, db: Any, new: NewRevision) -> None:
        """A NotAllowedError for a reviewer's revision by an editor, or an editor's outside
        the segments assigned to them."""
        if new.role == REVIEWER and not self._member("reviewer"):
            raise NotAllowedError(f"segment {new.position + 1}: accepting, rejecting and the "
                                  "reviewer's edits need the reviewer role on this project "
                                  "(ask its manager)")
        ranges = [(int(first), int(last)) for first, last in db.execute(
            "SELECT first_position, last_position FROM assignments WHERE person = ? "
            "ORDER BY first_position", (self.user,)).fetchall()]
        if ranges and not any(first <= new.position <= last for first, last in ranges) \
                and not self._member("reviewer"):
            yours = ", ".join(f"{first + 1}-{last + 1}" for first, last in ranges)
            raise NotAllowedError(f"segment {new.position + 1} is not assigned to you (yours: "
                                  f"{yours}); ask the project's manager")

    def _managed_group(self, login: str, role: str) -> str:
        group = role_name(self.location.schema, role)  # a clear error for a wrong role
        self._require_manager("grant or revoke roles")
        self._require_login(login)
        return group

    def _require_manager(self, what: str) -> None:
        if not self.manages:
            raise NotAllowedError(f"only a manager of this project may {what} (you are "
                                  f"{self.user}, {self.my_role() or 'without a role'})")

    def _require_login(self, login: str) -> None:
        row = self._db.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = ?",
                               (login,)).fetchone()
        if row is None or not row[0] or login.startswith(self.location.schema + "_"):
            raise ReviewerError(f"no login {login!r} on this server: logins are made by the "
                                "server's administrator (CREATE ROLE ... LOGIN), then given "
                                "a role here")

    def _run(self, statement: sql.Composed, role: str) -> None:
        try:
            self.connection.raw.execute(statement)
        except psycopg.errors.InsufficientPrivilege as error:
            if role != "manager":
                raise as_sqlite_error(error) from error
            raise NotAllowedError("making or unmaking a manager takes the server's "
                                  "administrator (or a login with CREATEROLE)") from error
        except psycopg.Error as error:
            raise as_sqlite_error(error) from error


def _article(role: str) -> str:
    return "an" if role[0] in "aeiou" else "a"
