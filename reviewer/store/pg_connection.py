"""A PostgreSQL connection that the store's parts use as they use a ``sqlite3`` one.

Statements are translated (``pg_dialect``) and the server's errors raised as the
``sqlite3`` errors the store already handles, except the two a user must hear about in
their own words: a missing grant, and a server that cannot be reached.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
import psycopg.errors
from psycopg.pq import TransactionStatus
from psycopg.types.numeric import FloatLoader
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout

from reviewer.store.pg_dialect import translate
from reviewer.store.server_errors import NotAllowedError, ServerUnavailableError

__all__ = ["NotAllowedError", "PgConnection", "ServerUnavailableError", "as_sqlite_error",
           "unavailable"]

CONNECT_TIMEOUT_S = 5
QUICK_S = 0.2  # a free connection comes at once; else the server is asked whether it is there
# the window's thread and its workers' (filters, late scores, spelling, sending queued
# edits) at once: each takes one for a statement or a transaction
POOL_SIZE = 8


class PgCursor:
    """The part of ``sqlite3.Cursor`` the store uses."""

    __slots__ = ("_cursor", "lastrowid")

    def __init__(self, cursor: psycopg.Cursor[Any], returning: bool) -> None:
        self._cursor = cursor
        self.lastrowid: int | None = None
        if returning and cursor.description is not None:
            row = cursor.fetchone()
            self.lastrowid = None if row is None else int(row[0])

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> Any:
        return _guarded(self._cursor.fetchone)

    def fetchall(self) -> list[Any]:
        return list(_guarded(self._cursor.fetchall))

    def fetchmany(self, size: int) -> list[Any]:
        return list(_guarded(lambda: self._cursor.fetchmany(size)))

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


def _guarded(read: Callable[[], Any]) -> Any:
    try:
        return read()
    except psycopg.Error as error:
        raise as_sqlite_error(error) from error


class PgConnection:
    """Connections to the server from a pool, each in autocommit like the store's SQLite
    ones (transactions are explicit ``BEGIN`` … ``COMMIT``). A thread takes one for a
    statement, or from ``BEGIN`` to its end, then gives it back: a worker thread's reads
    never land in the window's transaction, and idle threads hold none."""

    def __init__(self, conninfo: str, schema: str | None, application: str = "reviewer") -> None:
        self.conninfo = conninfo
        self.schema = schema
        self._local = threading.local()
        self._pool: ConnectionPool[Any] = ConnectionPool(
            conninfo, min_size=1, max_size=POOL_SIZE, open=False, name=application,
            timeout=CONNECT_TIMEOUT_S, reconnect_timeout=0,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S,
                    "application_name": application},
            configure=self._configure, check=ConnectionPool.check_connection)
        problem = _why_not(conninfo)  # at once, in libpq's words (a pool would retry)
        if problem is not None:
            raise unavailable(conninfo, problem)
        try:
            self._pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as error:
            self._pool.close()
            raise unavailable(conninfo, _why_not(conninfo) or error) from error

    def _configure(self, connection: psycopg.Connection[Any]) -> None:
        # sums of integers come back as numeric: read as floats, as SQLite gives them
        connection.adapters.register_loader("numeric", FloatLoader)
        if self.schema is not None:
            connection.execute(f'SET search_path TO "{self.schema}"')

    def _held(self) -> psycopg.Connection[Any] | None:
        held: psycopg.Connection[Any] | None = getattr(self._local, "held", None)
        return held

    def _take(self) -> psycopg.Connection[Any]:
        """This thread's connection in a transaction, else one from the pool."""
        held = self._held()
        if held is not None:
            return held
        try:
            try:
                connection: psycopg.Connection[Any] = self._pool.getconn(timeout=QUICK_S)
            except PoolTimeout:  # all busy, or the server gone: a gone one is said at once
                problem = _why_not(self.conninfo)
                if problem is not None:
                    raise unavailable(self.conninfo, problem) from problem
                connection = self._pool.getconn(timeout=CONNECT_TIMEOUT_S)
        except (PoolTimeout, PoolClosed) as error:
            raise unavailable(self.conninfo, _why_not(self.conninfo) or error) from error
        return connection

    def _give(self, connection: psycopg.Connection[Any]) -> None:
        """Keep ``connection`` while a transaction is open on it, else give it back."""
        if not (connection.closed or connection.broken) and \
                connection.info.transaction_status != TransactionStatus.IDLE:
            self._local.held = connection
            return
        self._local.held = None
        if not self._pool.closed:
            with suppress(Exception):  # a pool closing meanwhile closes it itself
                self._pool.putconn(connection)

    @property
    def raw(self) -> psycopg.Connection[Any]:
        """The connection of this thread's transaction (publishing copies through it)."""
        connection = self._take()
        self._local.held = connection
        return connection

    @property
    def in_transaction(self) -> bool:
        held = self._held()
        return held is not None and held.info.transaction_status != TransactionStatus.IDLE

    @property
    def broken(self) -> bool:
        held = self._held()
        return held is not None and (held.closed or held.broken)

    def reconnect(self) -> None:
        """Give up this thread's lost connection (the pool replaces it)."""
        held = self._held()
        if held is not None:
            self._give(held)
        self._pool.check()

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> PgCursor:
        statement = translate(sql)
        connection = self._take()
        try:
            cursor = connection.execute(statement, tuple(parameters))
        except psycopg.Error as error:
            raise self._error(error) from error
        finally:
            self._give(connection)
        return PgCursor(cursor, statement.endswith(" RETURNING id"))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        connection = self._take()
        cursor = connection.cursor()
        try:
            cursor.executemany(translate(sql, returning=False), list(rows))
        except psycopg.Error as error:
            raise self._error(error) from error
        finally:
            self._give(connection)
        return PgCursor(cursor, False)

    def close(self) -> None:
        """Close every connection and the pool."""
        held = self._held()
        if held is not None:
            held.close()
        self._local = threading.local()
        self._pool.close()

    def _error(self, error: psycopg.Error) -> BaseException:
        if self.broken or isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError)) \
                and not isinstance(error, psycopg.errors.QueryCanceled):
            return unavailable(self.conninfo, error)
        return as_sqlite_error(error)

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """A transaction on this thread's connection: committed, or rolled back when
        anything fails (a server already gone has dropped it itself)."""
        self.execute("BEGIN")
        try:
            yield self
            self.execute("COMMIT")
        except BaseException:
            if not self.broken and self.in_transaction:
                with suppress(ServerUnavailableError):
                    self.execute("ROLLBACK")
            raise


def _why_not(conninfo: str) -> BaseException | None:
    """What stops a connection to the server now (the pool only says it timed out)."""
    try:
        psycopg.connect(conninfo, connect_timeout=CONNECT_TIMEOUT_S).close()
    except psycopg.Error as error:
        return error
    return None


def as_sqlite_error(error: psycopg.Error) -> BaseException:
    """The ``sqlite3`` error the store handles for ``error`` (a missing grant: NotAllowedError)."""
    text = (error.diag.message_primary or str(error)).strip()
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return NotAllowedError(f"the server refused: {text} (your role on this project does not "
                          "allow it; ask its manager)")
    if isinstance(error, (psycopg.errors.IntegrityError, psycopg.errors.RaiseException)):
        return sqlite3.IntegrityError(text)
    if isinstance(error, (psycopg.errors.UndefinedTable, psycopg.errors.UndefinedColumn,
                          psycopg.errors.SyntaxError)):
        return sqlite3.OperationalError(text)
    return sqlite3.DatabaseError(text)


def unavailable(conninfo: str, error: BaseException) -> ServerUnavailableError:
    """A one-line message for a server that cannot be reached or was lost."""
    from reviewer.store.server_url import redacted

    text = " ".join(str(error).split()) or type(error).__name__
    if "authentication failed" in text or "no password supplied" in text:
        return ServerUnavailableError(
            f"{redacted(conninfo)}: the server refused the login ({text}); check the password "
            "in ~/.pgpass, PGPASSWORD or the service file")
    return ServerUnavailableError(f"{redacted(conninfo)}: the server cannot be reached ({text})")
