"""Copying a project between a file and a server: ``publish`` one way, ``fetch_copy`` back.

Both copy every table row for row, ids included, so revisions keep their numbers and a
fetched copy can later send back just what was added to it (``sync``). A publish is one
transaction: the project appears on the server complete, or not at all.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

from reviewer.core.errors import ReviewerError
from reviewer.store.clock import utc_now
from reviewer.store.connection import connect
from reviewer.store.files import (
    check_regular_file,
    clean_stray_partials,
    partial_path,
    publish_exclusive,
    refuse_existing,
    remove_partial,
)
from reviewer.store.pg_connection import PgConnection, as_sqlite_error, unavailable
from reviewer.store.pg_dialect import ID_TABLES
from reviewer.store.pg_roles import role_name, role_statements
from reviewer.store.pg_schema import project_tables
from reviewer.store.schema import SCHEMA_VERSION
from reviewer.store.server_url import SCHEMA_PREFIX, ServerLocation, without_password

# in an order foreign keys allow (a segment's head revision is checked at commit)
TABLES = (
    "properties", "segments", "revisions", "totals", "originals", "drafts", "versions",
    "counts", "late_stats", "pending_heads", "segment_changes", "comments",
    "comment_revisions", "annotations", "annotation_revisions", "glossary_terms", "tm_units",
    "suggestion_dismissals",
)
Progress = Callable[[str, int], None]


def publish(project: str | os.PathLike[str], url: str,
            progress: Progress | None = None) -> ServerLocation:
    """Copy the project file ``project`` to the server project ``url`` names (refused if
    one of that name exists); the publisher becomes its manager."""
    location = ServerLocation.parse(url)
    source = _open_file(Path(project))
    server = PgConnection(location.conninfo, None, "reviewer publish")
    try:
        if server.execute("SELECT 1 FROM pg_namespace WHERE nspname = ?",
                          (location.schema,)).fetchone():
            raise ReviewerError(f"{location.url()}: a project {location.project!r} is "
                                "already on this server; choose another name")
        with server.transaction():
            server.execute(f'CREATE SCHEMA "{location.schema}"')
            server.execute(f'SET LOCAL search_path TO "{location.schema}"')
            server.raw.execute(project_tables(location.channel))
            for table in TABLES:
                count = _copy_to_server(source, server.raw, table)
                if progress is not None:
                    progress(table, count)
            for table in sorted(ID_TABLES):
                server.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"coalesce(max(id), 0) + 1, false) FROM {table}")
            server.execute("INSERT INTO properties (name, value) VALUES (?, ?) ON CONFLICT "
                           "(name) DO UPDATE SET value = excluded.value",
                           ("published_at", utc_now()))
            for statement in role_statements(location.schema):
                server.raw.execute(statement)
            user = server.execute("SELECT current_user").fetchone()[0]
            server.raw.execute(f'GRANT "{role_name(location.schema, "manager")}" TO "{user}"')
    except psycopg.Error as error:
        raise as_sqlite_error(error) from error
    finally:
        server.close()
        source.close()
    return location


def _open_file(path: Path) -> sqlite3.Connection:
    check_regular_file(path)
    connection = connect(path, read_only=True)
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    if row is None or int(row[0]) != SCHEMA_VERSION:
        connection.close()
        raise ReviewerError(f"{path}: made by another reviewer version; open it for editing "
                            "once to bring it up to date, then publish it")
    return connection


def _columns(source: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in source.execute(f"PRAGMA table_info({table})")]


def _copy_to_server(source: sqlite3.Connection, server: psycopg.Connection[Any],
                    table: str) -> int:
    columns = _columns(source, table)
    quoted = ", ".join(f'"{column}"' for column in columns)
    count = 0
    with server.cursor().copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {quoted} FROM {table} ORDER BY 1"):
            copy.write_row(row)
            count += 1
    return count


def server_projects(url: str) -> list[tuple[str, int, str]]:
    """The projects on the server ``url`` names that the user may read: (name, segments,
    the user's role or '')."""
    location = ServerLocation.parse(url, need_project=False)
    server = PgConnection(location.conninfo, None, "reviewer projects")
    try:
        found = []
        for (schema,) in server.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE ? ORDER BY nspname",
                (SCHEMA_PREFIX.replace("_", "\\_") + "%",)):
            if not server.execute("SELECT has_schema_privilege(?, 'USAGE')",
                                  (schema,)).fetchone()[0]:
                continue
            if not server.execute("SELECT to_regclass(?) IS NOT NULL",
                                  (f'"{schema}".schema_version',)).fetchone()[0]:
                continue
            count = server.execute(
                f'SELECT count(*) FROM "{schema}".segments WHERE position >= 0').fetchone()[0]
            role = next((name for name in ("manager", "editor", "reviewer") if server.execute(
                "SELECT pg_has_role(?, 'MEMBER')", (f"{schema}_{name}",)).fetchone()[0]), "")
            found.append((schema[len(SCHEMA_PREFIX):], int(count), role))
        return found
    finally:
        server.close()


def fetch_copy(url: str, target: str | os.PathLike[str],
               connection: PgConnection | None = None) -> Path:
    """Write the server project ``url`` to a new project file ``target`` (never over
    anything) that remembers where it came from, for ``sync`` (through ``connection``
    when the project is open)."""
    location = ServerLocation.parse(url)
    file = Path(target)
    refuse_existing(file, "a fetched copy")
    clean_stray_partials(file)
    server = connection or PgConnection(location.conninfo, location.schema, "reviewer fetch")
    temp = partial_path(file)
    remove_partial(temp)
    try:
        copy = connect(temp, read_only=False, create=True)
        try:
            from reviewer.store.project import ProjectStore

            ProjectStore(temp, copy)._migrate()
            # checked once at the end: SQLite checks a deferred key when its parent row
            # arrives by scanning the child table (segments.head_revision has no index),
            # which made a 100,000-segment fetch take over 18 minutes on a busy machine
            copy.execute("PRAGMA foreign_keys = OFF")
            with server.transaction():
                server.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                copy.execute("BEGIN IMMEDIATE")
                for table in TABLES:
                    columns = _columns(copy, table)
                    quoted = ", ".join(f'"{column}"' for column in columns)
                    rows = server.execute(f"SELECT {quoted} FROM {table} ORDER BY 1").fetchall()
                    copy.executemany(f"INSERT INTO {table} ({quoted}) VALUES "
                                     f"({', '.join('?' * len(columns))})", rows)
                # what SQLite's triggers worked out while rows arrived out of order
                copy.execute("UPDATE segments SET head_status = coalesce((SELECT status FROM "
                             "revisions WHERE id = segments.head_revision), 'new')")
                copy.executemany("UPDATE versions SET last_comment_revision = ? WHERE id = ?",
                                 server.execute("SELECT last_comment_revision, id FROM "
                                                "versions").fetchall())
                for name, value in (("origin_url", without_password(location.url())),
                                    ("fetched_at", utc_now()),
                                    *_fetch_marks(copy)):
                    copy.execute("INSERT INTO properties (name, value) VALUES (?, ?) ON "
                                 "CONFLICT (name) DO UPDATE SET value = excluded.value",
                                 (name, value))
                broken = copy.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise ReviewerError(f"{location.url()}: the server's copy of table "
                                        f"{broken[0]} refers to rows it lacks; nothing written")
                copy.execute("COMMIT")
        finally:
            copy.close()
        publish_exclusive(temp, file, "a fetched copy")
    except BaseException as error:
        remove_partial(temp)
        if isinstance(error, (psycopg.OperationalError,)):
            raise unavailable(location.conninfo, error) from error
        raise
    finally:
        if connection is None:
            server.close()
    return file


# what ``sync`` needs to tell what was added to a copy after its fetch: the newest id of
# each append-only table in the copy, and (for conflicts) the server's newest revision
SYNC_MARKS = {"fetched_revision": "revisions", "fetched_comment": "comments",
              "fetched_comment_revision": "comment_revisions",
              "fetched_annotation": "annotations",
              "fetched_annotation_revision": "annotation_revisions",
              "fetched_segment_change": "segment_changes"}


def _fetch_marks(copy: sqlite3.Connection) -> list[tuple[str, str]]:
    marks = [(name, str(copy.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]))
             for name, table in SYNC_MARKS.items()]
    return [*marks, ("server_revision", marks[0][1])]

