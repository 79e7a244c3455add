"""The suite's own PostgreSQL server: socket, roles, restarts, never root."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from pg_server import ADMIN, PgServer
from psycopg.conninfo import conninfo_to_dict


def _dbname(url: str) -> str:
    return str(conninfo_to_dict(url)["dbname"])


def test_the_admin_queries_over_the_unix_socket(pg_server: PgServer) -> None:
    rows = pg_server.psql("SELECT current_user, current_setting('listen_addresses'), version()")
    assert rows[0][:2] == (ADMIN, "")
    assert "PostgreSQL 15." in rows[0][2]
    assert (Path(pg_server.host) / f".s.PGSQL.{pg_server.port}").is_socket()


def test_a_fresh_database_per_test(pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (i integer)")
        conn.execute("INSERT INTO t VALUES (1), (2)")
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (2,)


def test_the_database_before_was_dropped(pg_server: PgServer, pg_database: str) -> None:
    tables = pg_server.psql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
                            dbname=_dbname(pg_database))
    assert tables == [(0,)]


def test_a_login_without_grants_cannot_create_tables(pg_server: PgServer,
                                                     pg_database: str) -> None:
    pg_server.create_login("no_grants", "s3cret 'quoted'")
    dbname = _dbname(pg_database)
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(pg_server.url(dbname, user="no_grants")).close()
    url = pg_server.url(dbname, user="no_grants", password="s3cret 'quoted'")
    with psycopg.connect(url, autocommit=True) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("no_grants",)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            conn.execute("CREATE TABLE t (i integer)")


def test_stop_and_restart_keep_the_data(pg_server: PgServer, pg_database: str) -> None:
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (word text)")
        conn.execute("INSERT INTO kept VALUES ('still here')")
    pg_server.stop()
    assert not pg_server.running
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg_database).close()
    pg_server.restart()
    pg_server.start()  # idempotent
    assert pg_server.running
    with psycopg.connect(pg_database) as conn:
        assert conn.execute("SELECT word FROM kept").fetchall() == [("still here",)]


def test_the_server_does_not_run_as_root(pg_server: PgServer) -> None:
    pid = (pg_server.data / "postmaster.pid").read_text(encoding="ascii").split()[0]
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    real, effective = status.split("Uid:")[1].split()[:2]
    assert real != "0" and effective != "0"


@pytest.mark.parametrize("ci, status", [("true", 1), ("", 0)])
def test_skipped_postgres_tests_fail_the_run_only_in_ci(tmp_path: Path, ci: str,
                                                         status: int) -> None:
    env = dict(os.environ, CI=ci, REVIEWER_PG_BIN=str(tmp_path / "missing"))
    test = f"{__file__}::test_the_admin_queries_over_the_unix_socket"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == status, done.stdout
    assert "1 skipped" in done.stdout
    assert ("PostgreSQL tests were skipped" in done.stdout) == bool(ci)


def test_a_durable_server_over_loopback_syncs_each_commit() -> None:
    server = PgServer(tcp=True, durable=True)
    try:
        server.start()
        url = server.url(tcp=True)
        assert "host=127.0.0.1" in url
        with psycopg.connect(url, autocommit=True) as conn:
            settings = conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('fsync', 'synchronous_commit', 'full_page_writes')").fetchall()
            assert dict(settings) == {"fsync": "on", "synchronous_commit": "on",
                                      "full_page_writes": "on"}
            assert conn.execute("SELECT inet_server_addr()").fetchone() == (
                ipaddress.ip_address("127.0.0.1"),)
    finally:
        server.cleanup()
