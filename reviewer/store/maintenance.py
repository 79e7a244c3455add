"""Keeping a project file sound: schema upgrades, backup copies and the checks ``verify`` runs."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.store.connection import fsync, write_error
from reviewer.store.files import (
    SIDECARS,
    clean_stray_partials,
    partial_path,
    publish_exclusive,
    refuse_existing,
    refuse_overwriting_project,
    remove_partial,
    sqlite_uri,
)
from reviewer.store.lock import read_lock_record
from reviewer.store.queries import IS_PENDING, LATE
from reviewer.store.schema import MIGRATIONS, SCHEMA_VERSION
from reviewer.store.transactions import StoreBase


class Maintenance(StoreBase):
    """Upgrading, copying and checking the file."""

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise ReviewerError(
                f"{self.path}: made by a newer reviewer (schema {version}); please update")
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise ReviewerError(f"{self.path}: made by an older reviewer; open it for editing "
                                "once to bring it up to date")
        if version > 0:  # an existing project: keep a copy of it as it was
            self.backup_to(_free_name(self.path.with_name(f"{self.path.name}.schema{version}"),
                                      ".bak"))
        with self._write():
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    self._db.execute(statement)
            self._db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    def backup_to(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the project (SQLite's backup API); it appears complete, and
        never in place of an existing file."""
        destination = Path(target)
        refuse_overwriting_project(destination, self.path, "a backup")
        refuse_existing(destination, "a backup")
        clean_stray_partials(destination)
        temp = partial_path(destination)
        remove_partial(temp)
        try:
            copy = sqlite3.connect(sqlite_uri(temp, "rwc"), uri=True)
            try:
                self._db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            fsync(temp)
            publish_exclusive(temp, destination, "a backup")
        except (OSError, sqlite3.Error) as error:
            remove_partial(temp)
            raise write_error(destination, error) from error
        except BaseException:
            remove_partial(temp)
            raise
        return destination

    def check(self, full: bool = True) -> list[str]:
        """Problems with the file itself: integrity (``full``), schema, the append-only
        triggers, revision numbering, and revisions saved earlier but missing now."""
        problems: list[str] = []
        if full:
            rows = [row[0] for row in self._db.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                problems += [f"integrity check: {row}" for row in rows[:20]]
        version = self.schema_version()
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        triggers = {str(row[0]): str(row[1]) for row in self._db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
        for name, event in (("revisions_are_never_updated", "UPDATE"),
                            ("revisions_are_never_deleted", "DELETE")):
            sql = triggers.get(name, "")
            if f"BEFORE {event} ON revisions" not in sql or "RAISE(ABORT" not in sql:
                problems.append(f"the trigger that keeps revisions from {event.lower()}s "
                                "is missing or altered")
        if full:
            for segment, numbers in self._db.execute(
                    "SELECT s.position, group_concat(r.number) FROM segments s "
                    "JOIN revisions r ON r.segment_id = s.id GROUP BY s.id "
                    "HAVING count(*) != max(r.number) OR min(r.number) != 1"):
                problems.append(f"segment {segment + 1}: revision numbers {numbers} have gaps")
            for (segment,) in self._db.execute(
                    "SELECT s.position FROM segments s WHERE s.head_revision IS NOT NULL AND "
                    "s.head_revision != (SELECT max(id) FROM revisions WHERE segment_id = s.id)"):
                problems.append(f"segment {segment + 1}: its current text is not its newest "
                                "revision")
        if full and self.schema_version() >= 5:
            listed = set(self._db.execute("SELECT segment_id, revision_id FROM pending_heads"))
            actual = set(self._db.execute(
                "SELECT s.id, r.id FROM segments s JOIN revisions r ON r.id = s.head_revision "
                + LATE + f"WHERE {IS_PENDING} AND s.position >= 0"))
            if listed != actual:
                problems.append(f"the list of segments whose scores are pending "
                                f"({len(listed)}) differs from the revisions still pending "
                                f"({len(actual)})")
        for loss in json.loads(self.properties().get("lost_revisions", "[]")):
            problems.append(
                f"revisions {loss['present'] + 1} to {loss['acknowledged']} were saved but "
                f"were missing when the project was opened at {loss['at']} (a deleted or "
                "emptied -wal file, or an older copy put in its place)")
        record = read_lock_record(self.path)
        if record and record.get("project_id") == self.properties().get("project_id"):
            acknowledged = int(record.get("acknowledged", 0))
            present = self._revision_high_mark()
            if acknowledged > present:
                problems.append(f"revisions {present + 1} to {acknowledged} were saved but are "
                                "missing (a deleted or emptied -wal file, or an older copy put "
                                "in its place)")
        return problems


def _free_name(stem: Path, suffix: str) -> Path:
    """``STEM.SUFFIX``, else ``STEM.2.SUFFIX``, ...: a name where nothing is yet."""
    number = 1
    while True:
        name = stem.with_name(stem.name + (f".{number}" if number > 1 else "") + suffix)
        if not os.path.lexists(name) and not any(
                os.path.lexists(name.with_name(name.name + end)) for end in SIDECARS):
            return name
        number += 1


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
