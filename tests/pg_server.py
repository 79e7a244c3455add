"""A throwaway PostgreSQL 15 server for the tests, on a Unix socket in a temp folder.

Authentication: the superuser ``reviewer_admin`` is trusted over the socket (no password, so
fixtures are fast); every other role must log in with its password (scram-sha-256), so tests
of logins, passwords and grants are real. Grants apply whatever the authentication method.
Durability is off (fsync, synchronous_commit, full_page_writes): a crash loses the data, which
no test needs; ``durable=True`` turns it on, as a real server runs (the benchmarks' choice).
``initdb`` refuses root, so as root the server runs as ``nobody``.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

DEFAULT_BIN = "/usr/lib/postgresql/15/bin"
ADMIN = "reviewer_admin"
NOBODY_UID = 65534

SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "'64MB'",
    "max_connections": "100",
    "unix_socket_permissions": "0777",
}

DURABLE = {"fsync": "on", "synchronous_commit": "on", "full_page_writes": "on"}

HBA = f"""\
local all {ADMIN} trust
local all all scram-sha-256
host all {ADMIN} 127.0.0.1/32 trust
host all all 127.0.0.1/32 scram-sha-256
"""


class PostgresMissingError(RuntimeError):
    """The PostgreSQL 15 server programs are not installed here."""


def _bin_folder() -> Path:
    """Where initdb, pg_ctl and postgres are (REVIEWER_PG_BIN overrides the default)."""
    folder = Path(os.environ.get("REVIEWER_PG_BIN", DEFAULT_BIN))
    missing = [name for name in ("initdb", "pg_ctl", "postgres") if not (folder / name).is_file()]
    if missing:
        raise PostgresMissingError(
            f"PostgreSQL 15 server programs not found in {folder} ({', '.join(missing)}); "
            "install postgresql-15 or set REVIEWER_PG_BIN")
    return folder


class PgServer:
    """A private PostgreSQL server: ``start()``, ``url()``, ``stop()``, ``cleanup()``."""

    def __init__(self, tcp: bool = False, durable: bool = False) -> None:
        self.bin = _bin_folder()
        self.folder = Path(tempfile.mkdtemp(prefix="reviewer-pg-", dir="/tmp"))
        os.chmod(self.folder, 0o755)  # root's test process reaches the socket of `nobody`
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.tcp = tcp
        self.durable = durable
        self.port = self._free_port()
        self._as_nobody = os.geteuid() == 0
        if self._as_nobody:
            os.chown(self.folder, NOBODY_UID, NOBODY_UID)
        self._initdb()

    @property
    def host(self) -> str:
        """The socket folder (libpq's host for a Unix socket)."""
        return str(self.folder)

    @property
    def running(self) -> bool:
        """Whether the server answers pg_ctl status."""
        if not self.data.exists():
            return False
        done = self._run("pg_ctl", "status", "-D", str(self.data), check=False)
        return done.returncode == 0

    def start(self) -> None:
        """Start the server unless it is already running; waits until it takes connections."""
        if self.running:
            return
        done = self._run("pg_ctl", "start", "-w", "-t", "30", "-D", str(self.data),
                         "-l", str(self.log), check=False)
        if done.returncode != 0:
            raise RuntimeError(f"postgres did not start: {done.stderr.strip()}\n{self._tail()}")

    def stop(self) -> None:
        """Stop the server (fast: open sessions are rolled back)."""
        if self.running:
            self._run("pg_ctl", "stop", "-w", "-t", "30", "-m", "fast", "-D", str(self.data))

    def restart(self) -> None:
        """Stop and start again on the same socket, keeping the data."""
        self.stop()
        self.start()

    def cleanup(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str = "postgres", user: str = ADMIN, password: str | None = None,
            **params: Any) -> str:
        """A libpq URL for ``dbname`` as ``user`` over the socket (extra query ``params``)."""
        auth = quote(user, safe="")
        if password is not None:
            auth += ":" + quote(password, safe="")
        query = {"host": self.host, "port": str(self.port)}
        if self.tcp and params.pop("tcp", False):
            query["host"] = "127.0.0.1"
        query.update({key: str(value) for key, value in params.items()})
        return f"postgresql://{auth}@/{quote(dbname, safe='')}?{urlencode(query, safe='')}"

    def create_database(self, name: str, owner: str = ADMIN) -> str:
        """Create an empty database; returns the admin's URL for it."""
        self.psql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, disconnecting whoever is still connected to it."""
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def create_login(self, name: str, password: str) -> None:
        """Create a LOGIN role with ``password`` and no other rights (or reset its password)."""
        exists = self.psql("SELECT 1 FROM pg_roles WHERE rolname = %s", params=(name,))
        verb = "ALTER" if exists else "CREATE"
        self.psql(f"{verb} ROLE \"{name}\" LOGIN PASSWORD {_literal(password)}")

    def psql(self, sql: str, dbname: str = "postgres",
             params: tuple[Any, ...] | None = None) -> list[tuple[Any, ...]]:
        """Run one statement as the admin (autocommit); returns its rows, if any."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description is not None else []

    def _initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", ADMIN, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync", "--no-instructions")
        settings = dict(SETTINGS, unix_socket_directories=f"'{self.folder}'",
                        port=str(self.port))
        if self.durable:
            settings.update(DURABLE)
        if self.tcp:
            settings["listen_addresses"] = "'127.0.0.1'"
        lines = "".join(f"{key} = {value}\n" for key, value in settings.items())
        self._write(self.data / "postgresql.auto.conf", lines)
        self._write(self.data / "pg_hba.conf", HBA)

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        if self._as_nobody:
            os.chown(path, NOBODY_UID, NOBODY_UID)

    def _free_port(self) -> int:
        """A port in 5600-5999 no other test server's socket or TCP listener uses."""
        import socket

        taken = {path.name.rsplit(".", 1)[-1]
                 for path in Path("/tmp").glob("reviewer-pg-*/.s.PGSQL.*")}
        for port in random.sample(range(5600, 6000), 400):
            if str(port) in taken:
                continue
            if self.tcp:
                with socket.socket() as probe:
                    try:
                        probe.bind(("127.0.0.1", port))
                    except OSError:
                        continue
            return port
        raise RuntimeError("no free port for postgres in 5600-5999")

    def _run(self, program: str, *args: str,
             check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / program), *args]
        if self._as_nobody:
            command = ["runuser", "-u", "nobody", "--", *command]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True,
                              env=_server_env(), timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done

    def _tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]
        except OSError:
            return ""


def _server_env() -> dict[str, str]:
    """The environment for the server programs, without the caller's libpq settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["LC_ALL"] = "C.UTF-8"
    return env


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


SKIP_REASON = "postgresql:"  # a skip with this reason fails a CI run (tests/conftest.py)


@contextmanager
def running_server(**options: Any) -> Iterator[PgServer]:
    """A started server of the caller's own, stopped and removed afterwards; the test is
    skipped (with ``SKIP_REASON``) where PostgreSQL is not installed."""
    try:
        server = PgServer(**options)
    except PostgresMissingError as missing:
        pytest.skip(f"{SKIP_REASON} {missing}")
    try:
        server.start()
        yield server
    finally:
        server.cleanup()
