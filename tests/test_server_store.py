"""A project on the suite's PostgreSQL server: the same schema, append-only revisions, exact
totals under concurrent confirms, soft locks and notifications of others' confirms."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import psycopg
import pytest
from test_document_scores import check_document

from reviewer.core.errors import ReviewerError
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import STATUS_CONFIRMED, ReviewSession
from reviewer.store.pg_connection import ServerUnavailableError
from reviewer.store.publish import publish, server_projects
from reviewer.store.server_url import ServerLocation, redacted, without_password

MTS = [f"The sentence number {n} was translated by the machine quite badly ." for n in range(40)]


def _server_project(folder: Path, database: str, name: str = "team") -> str:
    document = import_plain_text_lines(folder, MTS)
    file = folder / "team.review"
    ReviewSession.create(file, document).close()
    url = f"{database}&project={name}"
    publish(file, url)
    return url


def import_plain_text_lines(folder: Path, lines: list[str]):  # type: ignore[no-untyped-def]
    source = folder / "lines.txt"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_plain_text(source)


def _texts(session: ReviewSession) -> list[str]:
    return [segment.text for segment in session.segments()]


def test_the_server_schema_has_every_table_and_column_of_the_file(
        tmp_path: Path, pg_database: str) -> None:
    url = _server_project(tmp_path, pg_database)
    file = sqlite3.connect(tmp_path / "team.review")
    tables = [row[0] for row in file.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%' "
        "AND name NOT LIKE '%key_index%'")]
    with psycopg.connect(pg_database) as server:
        for table in tables:
            want = {row[1] for row in file.execute(f"PRAGMA table_info({table})")}
            got = {row[0] for row in server.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                "AND table_name = %s", (ServerLocation.parse(url).schema, table))}
            assert got == want, table


def test_revisions_are_append_only_on_the_server(tmp_path: Path, pg_database: str) -> None:
    url = _server_project(tmp_path, pg_database)
    session = ReviewSession.open(url)
    session.edit(0, "The first sentence, corrected.", "anna")
    session.add_comment(0, "Check the name", "anna")
    session.close()
    schema = ServerLocation.parse(url).schema
    with psycopg.connect(pg_database, autocommit=True) as server:
        for statement in ("UPDATE revisions SET text = 'changed'", "DELETE FROM revisions",
                          "UPDATE comment_revisions SET text = 'x'"):
            with pytest.raises(psycopg.Error, match="append-only"):
                server.execute(f'SET search_path TO "{schema}"; {statement}')


def test_two_people_confirming_one_segment_keep_both_revisions(
        tmp_path: Path, pg_database: str) -> None:
    url = _server_project(tmp_path, pg_database)
    first, second = ReviewSession.open(url), ReviewSession.open(url)
    first.edit(5, "Sentence five, as Anna has it.", "anna")
    second.edit(5, "Sentence five, as Boris has it.", "boris")  # he saw the MT, not hers
    history = first.history(5)
    assert [(r.number, r.author, r.text) for r in history] == [
        (1, "anna", "Sentence five, as Anna has it."),
        (2, "boris", "Sentence five, as Boris has it.")]
    assert first.segment(5).text == "Sentence five, as Boris has it."  # the later is current
    first.close()
    second.close()


def test_concurrent_confirms_keep_the_totals_sacrebleus(tmp_path: Path, pg_database: str) -> None:
    url = _server_project(tmp_path, pg_database)
    errors: list[BaseException] = []

    def editor(offset: int) -> None:
        try:
            session = ReviewSession.open(url)
            for position in range(offset, len(MTS), 4):  # 4 editors, interleaved segments
                session.edit(position, MTS[position].replace("quite badly", f"well {offset}"),
                             f"editor{offset}", STATUS_CONFIRMED)
                session.edit(position % 3, f"Shared segment, by editor {offset} .",
                             f"editor{offset}")  # the same few segments by everyone
            session.close()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=editor, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    session = ReviewSession.open(url)
    texts = _texts(session)
    check_document(session, MTS, texts, [None] * len(MTS))
    assert session.verify() == []
    before = session.summary().details
    session._store.refresh_statistics()  # the sums recomputed from every segment
    assert session.summary().details == before
    session.close()


def test_soft_locks_show_who_is_editing_and_expire(tmp_path: Path, pg_database: str) -> None:
    url = _server_project(tmp_path, pg_database)
    anna, boris = ReviewSession.open(url), ReviewSession.open(url)
    assert anna.is_shared() and anna.team_user()
    assert anna.take_segment(3) is None
    assert boris.segment_holders() == {3: anna.team_user()}
    assert boris.take_segment(3) == anna.team_user()  # held: not taken, editing still allowed
    assert anna.take_segment(4) is None  # one lock per session: moving on frees segment 3
    assert boris.segment_holders() == {4: anna.team_user()}
    with psycopg.connect(pg_database, autocommit=True) as server:  # her heartbeat stopped
        server.execute(f'UPDATE "{ServerLocation.parse(url).schema}".segment_locks '
                       "SET heartbeat_at = now() - interval '1 minute'")
    assert boris.segment_holders() == {}
    assert boris.take_segment(4) is None
    anna.close()
    boris.close()  # closing lets go
    with psycopg.connect(pg_database) as server:
        assert server.execute(f'SELECT count(*) FROM "{ServerLocation.parse(url).schema}"'
                              ".segment_locks").fetchone() == (0,)


def test_another_sessions_confirm_is_heard_within_a_second(
        tmp_path: Path, pg_database: str) -> None:
    url = _server_project(tmp_path, pg_database)
    watcher, editor = ReviewSession.open(url), ReviewSession.open(url)
    listener = watcher.listen()
    assert listener is not None
    started = time.perf_counter()
    result = editor.edit(7, "Sentence seven, corrected.", "anna")
    events = listener.wait(1.0)
    assert time.perf_counter() - started < 1.0
    assert [(e.kind, e.position, e.revision_id) for e in events] == [
        ("head", 7, result.revision.id if result.revision else None)]
    assert watcher.segment(7).text == "Sentence seven, corrected."
    editor.take_segment(9)
    assert [(e.kind, e.position) for e in listener.wait(1.0)] == [("lock", 9)]
    assert listener.wait(0.05) == []
    listener.close()
    watcher.close()
    editor.close()


def test_a_file_has_no_team(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    assert not session.is_shared() and session.team_user() is None
    assert session.take_segment(0) is None and session.segment_holders() == {}
    assert session.listen() is None
    session.close()


def test_addresses_follow_libpq_and_never_keep_a_password(
        tmp_path: Path, pg_database: str) -> None:
    location = ServerLocation.parse(
        "postgresql://anna:secret@db.example.org:5433/mt?sslmode=require&project=news")
    assert location.project == "news" and location.schema == "rv_news"
    assert "project" not in location.conninfo and "sslmode=require" in location.conninfo
    assert "secret" not in location.url()
    assert redacted("postgresql://a@h/db?password=secret&project=x") == \
        "postgresql://a@h/db?project=x"
    assert redacted("postgresql://anna:secret@h/db") == "postgresql://anna:***@h/db"
    assert without_password("postgresql://anna:secret@h/db") == "postgresql://anna@h/db"
    service = ServerLocation.parse("postgresql:///?service=team&project=news")  # a service file
    assert service.conninfo == "postgresql:///?service=team"
    assert service.url() == "postgresql:///?service=team&project=news"
    assert psycopg.conninfo.conninfo_to_dict(service.conninfo) == {"service": "team"}
    with pytest.raises(ReviewerError, match="project=NAME"):
        ServerLocation.parse("postgresql://h/db")
    with pytest.raises(ReviewerError, match="cannot name a server project"):
        ServerLocation.parse("postgresql://h/db?project=Robert');DROP")
    url = _server_project(tmp_path, pg_database)
    assert [name for name, _count, _role in server_projects(pg_database)] == ["team"]
    session = ReviewSession.open(url)
    assert not any("password" in value for value in session.properties().values())
    session.close()
    with pytest.raises(ReviewerError, match="no project 'other'"):
        ReviewSession.open(url.replace("project=team", "project=other"))


def test_an_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ServerUnavailableError, match="cannot be reached"):
        ReviewSession.open(f"postgresql://nobody@/db?host={tmp_path}&port=1&project=x")


def test_a_wrong_password_is_said_as_such(pg_server, pg_database: str) -> None:  # type: ignore[no-untyped-def]
    pg_server.create_login("wrongpw_user", "right")
    url = pg_database.replace("reviewer_admin", "wrongpw_user:wrong") + "&project=x"
    with pytest.raises(ServerUnavailableError, match="refused the login") as refused:
        ReviewSession.open(url)
    assert "wrong" not in str(refused.value).replace("wrongpw_user", "")
