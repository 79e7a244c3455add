"""A project on a PostgreSQL server: the same store, its tables in a schema of their own.

Every part of ``ProjectStore`` runs unchanged over a ``PgConnection``. What differs is
here: opening by address, transactions (the totals row is locked by the first write that
reads it, so concurrent revisions keep the running totals exact and number a segment's
revisions one after the other), and what a file has that a server does not (a lock
file, a write-ahead log, ``PRAGMA`` checks).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import DocumentTotals
from reviewer.store.pg_connection import NotAllowedError, PgConnection
from reviewer.store.pg_roles import role_name
from reviewer.store.project import ProjectStore
from reviewer.store.records import NewRevision
from reviewer.store.schema import SCHEMA_VERSION
from reviewer.store.server_url import ServerLocation, redacted
from reviewer.store.team_locks import TeamLocks
from reviewer.store.team_roles import TeamRoles


class ServerStore(TeamLocks, TeamRoles, ProjectStore):
    """One project on a server, opened by one program."""

    lock_segments_first = True  # editors write at once: the shared totals row locked last
    location: ServerLocation
    user: str  # the PostgreSQL login: the author of what editors and reviewers write
    manages: bool  # a manager's (or superuser's) writes keep the author they name

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False,
             program: str = "reviewer", owner_pid: int | None = None) -> ServerStore:
        """Open the project ``path`` names (``postgresql://…?project=NAME``)."""
        location = ServerLocation.parse(str(path))
        connection = PgConnection(location.conninfo, location.schema, program)
        try:
            found = connection.execute(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? "
                "AND table_name = 'schema_version'", (location.schema,)).fetchone()
            if found is None and connection.execute(
                    "SELECT 1 FROM pg_namespace WHERE nspname = ?", (location.schema,)
                    ).fetchone() is not None:
                raise NotAllowedError(f"{location.url()}: you ({_login(connection)}) have "
                                      "no role on this project; ask its manager for one")
            if found is None:
                raise ReviewerError(f"{location.url()}: no project {location.project!r} on "
                                    "this server (`reviewer projects URL` lists them)")
            store = cls(Path(location.url()), cast(Any, connection), None, read_only)
            store.location = location
            store._migrate()
            store._project_id = store.properties().get("project_id")
            store.user, store.manages = connection.execute(
                "SELECT current_user, pg_has_role(?, 'MEMBER') OR "
                "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)",
                (role_name(location.schema, "manager"),)).fetchone()
        except BaseException:
            connection.close()
            raise
        return store

    @property
    def connection(self) -> PgConnection:
        """The server connection (publishing and team features use it)."""
        return cast(PgConnection, self._db)

    def display_name(self) -> str:
        """The project's address as shown to users (no password)."""
        return redacted(self.location.url())

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise ReviewerError(f"{self.display_name()}: made by a newer reviewer (schema "
                                f"{version}); please update")
        if version < SCHEMA_VERSION:
            raise ReviewerError(f"{self.display_name()}: made by an older reviewer (schema "
                                f"{version}); publish it again from an up-to-date copy")

    @contextmanager
    def _write(self) -> Iterator[Any]:
        if self.read_only:
            raise ReviewerError(f"{self.display_name()} is open read-only")
        db = self.connection
        if db.broken:
            db.reconnect()
        with db.transaction():
            yield db

    def _append_revision(self, db: Any, totals: DocumentTotals, new: NewRevision,
                         counts: dict[str, int] | None = None,
                         ) -> tuple[int, int, DocumentTotals]:
        # an editor's revision is theirs: the author is who the server says is connected
        if not self.manages:
            new = replace(new, author=self.user)
        return super()._append_revision(db, totals, new, counts)

    def _after_commit(self) -> None:
        """Nothing to move: the server has the commit."""

    def _take_acknowledgements(self) -> None:
        """A server keeps its own record of what it saved."""

    def check(self, full: bool = True) -> list[str]:
        """Problems with the project's data: schema, revision numbering, heads."""
        problems: list[str] = []
        version = self.schema_version()
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        triggers = {str(row[0]) for row in self._db.execute(
            "SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = 'revisions' AND c.relnamespace = "
            "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())")}
        if "revisions_are_never_changed" not in triggers:
            problems.append("the trigger that keeps revisions from changes is missing")
        if full:
            for segment, numbers in self._db.execute(
                    "SELECT s.position, string_agg(CAST(r.number AS TEXT), ',') FROM segments s "
                    "JOIN revisions r ON r.segment_id = s.id GROUP BY s.id "
                    "HAVING count(*) != max(r.number) OR min(r.number) != 1"):
                problems.append(f"segment {segment + 1}: revision numbers {numbers} have gaps")
        return problems

    def backup_to(self, target: str | os.PathLike[str]) -> Path:
        """A project file at ``target`` with everything the server holds now."""
        from reviewer.store.publish import fetch_copy

        return fetch_copy(self.location.url(), target, self.connection)

    def close(self) -> None:
        """Close the connection (everything confirmed is on the server), letting go of
        this session's lock."""
        if not self.read_only and not self.connection.broken:
            with suppress(ReviewerError):
                self.release_lock()
        self._db.close()


def _login(connection: PgConnection) -> str:
    return str(connection.execute("SELECT current_user").fetchone()[0])
