"""``reviewer publish``, ``projects``, ``fetch`` and ``sync`` against the suite's own server,
and the file commands on a server project."""

from __future__ import annotations

import itertools
import json
import uuid
from pathlib import Path

import pytest
from cli_helpers import run
from pg_server import PgServer
from test_document_scores import check_document

from reviewer.session import ReviewSession

_names = itertools.count(1)


def _project_url(database: str) -> str:
    return f"{database}&project=p{uuid.uuid4().hex[:12]}"


def _published(capsys: pytest.CaptureFixture[str], project: Path, database: str) -> str:
    url = _project_url(database)
    code, _out, err = run(capsys, "publish", project, url)
    assert code == 0, err
    return url


# what the offline editor does, and what the single-user run does the same way
_EDITS = ((0, "The first sentence, post-edited offline."),
          (2, "A third one, edited offline."),
          (2, "A third one, edited offline twice."),
          (5, "Sixth."))


def _work(session: ReviewSession, author: str) -> None:
    session.scoring_budget = 600.0  # scored now however busy the machine: none left pending
    for position, text in _EDITS:
        session.edit(position, text, author)
    comment = session.add_comment(2, "check the name", author)
    session.resolve_comment(comment.id, author)
    session.add_annotation(0, "mt", 0, 3, "accuracy/mistranslation", "major", "", author)


def _texts(session: ReviewSession) -> tuple[list[str], list[str], list[str | None]]:
    segments = list(session.segments())
    return ([s.mt for s in segments], [s.text for s in segments],
            [s.reference for s in segments])


def test_publish_lists_and_scores_like_the_file(capsys: pytest.CaptureFixture[str],
                                                seed_project: Path, pg_database: str) -> None:
    url = _project_url(pg_database)
    code, out, err = run(capsys, "publish", seed_project, url)
    assert code == 0, err
    assert "published segments:" in err and "published revisions:" in err
    name = url.rsplit("=", 1)[1]
    assert f"project={name}" in out and "reviewer 'postgresql://" in out

    code, out, _err = run(capsys, "projects", pg_database)
    assert code == 0 and out.split("\t")[0] == name and "manager" in out
    code, out, _err = run(capsys, "projects", pg_database, "--json")
    listed = json.loads(out)["projects"]
    file = ReviewSession.open(seed_project, read_only=True)
    try:
        count = file.segment_count()
    finally:
        file.close()
    assert listed == [{"name": name, "segments": count, "role": "manager",
                       "url": listed[0]["url"]}]
    assert listed[0]["url"].endswith(f"project={name}")

    _code, on_file, _err = run(capsys, "score", seed_project, "--json")
    code, on_server, err = run(capsys, "score", url, "--json")
    assert code == 0, err
    assert json.loads(on_server)["document"] == json.loads(on_file)["document"]


def test_file_commands_take_a_server_address(capsys: pytest.CaptureFixture[str],
                                             seed_project: Path, pg_database: str,
                                             tmp_path: Path) -> None:
    url = _published(capsys, seed_project, pg_database)
    code, out, err = run(capsys, "edit", url, "2", "Edited on the server.", "--author", "ann")
    assert code == 0 and "segment 2" in out, err
    code, out, err = run(capsys, "history", url, "--json")
    assert code == 0, err
    assert [r["text"] for r in json.loads(out)][-1] == "Edited on the server."
    code, out, err = run(capsys, "history", url, "--segment", "2")
    assert code == 0 and "Edited on the server." in out, err
    code, _out, err = run(capsys, "report", url, tmp_path / "report.html")
    assert code == 0 and (tmp_path / "report.html").is_file(), err
    code, _out, err = run(capsys, "export", url, tmp_path / "out.txt")
    assert code == 0, err
    assert "Edited on the server." in (tmp_path / "out.txt").read_text(encoding="utf-8")
    code, out, err = run(capsys, "verify", url)
    assert code == 0, err
    code, out, err = run(capsys, "comment", url, "2", "a note")
    assert code == 0, err
    code, out, err = run(capsys, "backup", url, tmp_path / "backup.review")
    assert code == 0 and (tmp_path / "backup.review").is_file(), err
    code, _out, err = run(capsys, "new", url, "--mt", tmp_path / "out.txt")
    assert code == 1 and err.count("\n") == 1 and "server address" in err


def test_round_trip_equals_a_single_user_run(capsys: pytest.CaptureFixture[str],
                                             seed_project: Path, pg_database: str,
                                             tmp_path: Path) -> None:
    single = tmp_path / "single.review"
    single.write_bytes(seed_project.read_bytes())
    url = _published(capsys, seed_project, pg_database)
    copy = tmp_path / "travel.review"
    code, out, err = run(capsys, "fetch", url, copy)
    assert code == 0 and "reviewer sync" in out, err

    for project in (copy, single):
        session = ReviewSession.open(project)
        try:
            _work(session, "reviewer_admin")
        finally:
            session.close()
    code, out, err = run(capsys, "sync", copy)
    assert code == 0, err
    assert out.startswith("sent 4 revisions, 2 comment changes and 1 annotation change")

    local, server = ReviewSession.open(single, read_only=True), ReviewSession.open(url)
    try:
        assert _texts(server) == _texts(local)
        mts, texts_now, references = _texts(server)
        check_document(server, mts, texts_now, references)
        assert server.summary().details == local.summary().details
        assert [(r.position, r.text, r.author, r.status) for r in server.history()] == \
            [(r.position, r.text, r.author, r.status) for r in local.history()]
        assert [(c.position, c.text, c.resolved, c.revisions) for c in server.comments()] == \
            [(c.position, c.text, c.resolved, c.revisions) for c in local.comments()]
        assert [(a.position, a.start, a.end, a.category) for a in server.annotations()] == \
            [(a.position, a.start, a.end, a.category) for a in local.annotations()]
    finally:
        local.close()
        server.close()
    run(capsys, "export", single, tmp_path / "single.txt")
    run(capsys, "export", url, tmp_path / "server.txt")
    assert (tmp_path / "server.txt").read_bytes() == (tmp_path / "single.txt").read_bytes()

    code, out, err = run(capsys, "sync", copy)  # sent once only
    assert code == 0 and "nothing to send" in out, err


def test_a_segment_edited_on_both_sides_is_a_conflict(capsys: pytest.CaptureFixture[str],
                                                      seed_project: Path, pg_database: str,
                                                      tmp_path: Path) -> None:
    url = _published(capsys, seed_project, pg_database)
    copy = tmp_path / "travel.review"
    assert run(capsys, "fetch", url, copy)[0] == 0
    code, _out, err = run(capsys, "edit", url, "3", "The server's third.", "--author", "ann")
    assert code == 0, err
    code, _out, err = run(capsys, "edit", url, "4", "The server's fourth.", "--author", "ann")
    assert code == 0, err
    session = ReviewSession.open(copy)
    session.scoring_budget = 600.0
    try:
        session.edit(2, "The copy's third.", "bob")
        session.edit(4, "The copy's fifth.", "bob")
    finally:
        session.close()

    code, out, err = run(capsys, "sync", copy, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["revisions"] == 2
    assert [(c["segment"], c["server_text"], c["server_author"], c["copy_text"],
             c["copy_author"]) for c in report["conflicts"]] == [
        (3, "The server's third.", "ann", "The copy's third.", "bob")]
    server = ReviewSession.open(url)
    try:
        server.score_pending()  # the command line's edits on a busy machine may have left some
        third = [(r.text, r.author) for r in server.history() if r.position == 2]
        assert third == [("The server's third.", "ann"), ("The copy's third.", "bob")]
        assert server.segment(2).text == "The copy's third."
        assert server.segment(3).text == "The server's fourth."
        check_document(server, *_texts(server))
    finally:
        server.close()
    code, out, err = run(capsys, "sync", copy, "--conflicts")
    assert code == 0 and out.startswith("conflict in segment 3: the server had"), err
    code, out, err = run(capsys, "sync", copy)
    assert code == 0 and "nothing to send" in out, err
    assert run(capsys, "sync", copy, "--conflicts")[1].startswith("conflict in segment 3")
    # the editor confirms the text they want: the next sync forgets the conflict
    assert run(capsys, "edit", url, "3", "The server's third.", "--author", "bob")[0] == 0
    assert run(capsys, "sync", copy)[0] == 0
    code, out, err = run(capsys, "sync", copy, "--conflicts")
    assert code == 0 and "no conflicts recorded" in out, err


def test_an_editor_sends_only_their_own_work(capsys: pytest.CaptureFixture[str],
                                             seed_project: Path, pg_database: str,
                                             pg_server: PgServer, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    url = _published(capsys, seed_project, pg_database)
    name = url.rsplit("=", 1)[1]
    login = f"ed_{uuid.uuid4().hex[:8]}"
    pg_server.create_login(login, "secret")
    pg_server.psql(f'GRANT "rv_{name}_editor" TO "{login}"', dbname=pg_database.split("/")[3]
                   .split("?")[0])
    editor_url = pg_server.url(pg_database.split("/")[3].split("?")[0], login, "secret",
                               project=name)
    copy = tmp_path / "travel.review"
    assert run(capsys, "fetch", editor_url, copy)[0] == 0
    session = ReviewSession.open(copy)
    try:
        session.edit(0, "Someone else's text.", "someone")
    finally:
        session.close()
    assert "secret" not in copy.read_bytes().decode("utf-8", "replace")  # never stored
    monkeypatch.setenv("PGPASSWORD", "secret")  # libpq's way to give it again
    code, out, err = run(capsys, "sync", copy)
    assert code == 1 and err.count("\n") == 1
    assert "'someone'" in err and f"connected as {login!r}" in err
    assert "secret" not in err


@pytest.mark.parametrize("case", ["no project", "unreachable", "taken", "not a url", "no file"])
def test_server_errors_are_one_line(capsys: pytest.CaptureFixture[str], seed_project: Path,
                                    pg_database: str, tmp_path: Path, case: str) -> None:
    if case == "no project":
        args: tuple[object, ...] = ("publish", seed_project, pg_database)
        expected = "say which project"
    elif case == "unreachable":
        args = ("publish", seed_project,
                "postgresql://nobody:pw@/x?host=/nonexistent-folder&port=1&project=p")
        expected = "cannot be reached"
    elif case == "taken":
        url = _published(capsys, seed_project, pg_database)
        args = ("publish", seed_project, url)
        expected = "already on this server"
    elif case == "not a url":
        args = ("projects", "somewhere.review")
        expected = "not a server address"
    else:
        args = ("sync", tmp_path / "missing.review")
        expected = "missing.review"
    code, out, err = run(capsys, *args)
    assert code == 1 and out == ""
    assert err.startswith("reviewer: error: ") and err.count("\n") == 1 and expected in err
    assert ":pw@" not in err


def test_publishing_needs_the_right_to_create_a_schema(
        capsys: pytest.CaptureFixture[str], seed_project: Path, pg_database: str,
        pg_server: PgServer) -> None:
    database = pg_database.split("/")[3].split("?")[0]
    login = f"nobody_{next(_names)}_{uuid.uuid4().hex[:6]}"
    pg_server.create_login(login, "pw")
    url = pg_server.url(database, login, "pw", project="p_refused")
    code, _out, err = run(capsys, "publish", seed_project, url)
    assert code == 1 and err.count("\n") == 1 and "may not create a project" in err
    assert ":pw@" not in err


def _offline_edit(copy: Path) -> None:
    session = ReviewSession.open(copy)
    try:
        session.edit(0, "Edited while away.", "reviewer_admin")
    finally:
        session.close()


def _revisions_of_first(url: str) -> list[str]:
    server = ReviewSession.open(url, read_only=True)
    try:
        return [r.text for r in server.history(0)]
    finally:
        server.close()


def test_a_sync_cut_off_after_the_server_committed_is_not_sent_again(
        capsys: pytest.CaptureFixture[str], seed_project: Path, pg_database: str,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.store.sync as sync_module

    url = _published(capsys, seed_project, pg_database)
    copy = tmp_path / "travel.review"
    assert run(capsys, "fetch", url, copy)[0] == 0
    _offline_edit(copy)

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # as if the process died before the copy noted the sync

    with monkeypatch.context() as patch:
        patch.setattr(sync_module, "_record", killed)
        assert run(capsys, "sync", copy)[0] == 130
    code, out, err = run(capsys, "sync", copy)
    assert code == 0 and "nothing to send" in out, err
    assert _revisions_of_first(url) == ["Edited while away."]


def test_a_sync_whose_commit_never_reached_the_server_is_sent_again(
        capsys: pytest.CaptureFixture[str], seed_project: Path, pg_database: str,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.store.pg_connection import ServerUnavailableError
    from reviewer.store.project import ProjectStore

    url = _published(capsys, seed_project, pg_database)
    copy = tmp_path / "travel.review"
    assert run(capsys, "fetch", url, copy)[0] == 0
    _offline_edit(copy)
    noted = ProjectStore.set_property

    def lost(self: ProjectStore, name: str, value: str) -> None:
        noted(self, name, value)
        raise ServerUnavailableError("the server cannot be reached (test)")

    with monkeypatch.context() as patch:
        patch.setattr(ProjectStore, "set_property", lost)
        code, _out, err = run(capsys, "sync", copy)
        assert code == 1 and "cannot be reached" in err
    assert _revisions_of_first(url) == []
    code, out, err = run(capsys, "sync", copy)
    assert code == 0 and out.startswith("sent 1 revision,"), err
    assert _revisions_of_first(url) == ["Edited while away."]


def test_work_made_offline_and_changed_after_a_sync_reaches_the_same_rows(
        capsys: pytest.CaptureFixture[str], seed_project: Path, pg_database: str,
        tmp_path: Path) -> None:
    url = _published(capsys, seed_project, pg_database)
    copy = tmp_path / "travel.review"
    assert run(capsys, "fetch", url, copy)[0] == 0
    # the server's ids move on meanwhile: the copy's new rows get other ids there
    assert run(capsys, "edit", url, "5", "Fifth, on the server.", "--author", "ann")[0] == 0
    assert run(capsys, "comment", url, "5", "on the server", "--author", "ann")[0] == 0
    session = ReviewSession.open(copy)
    try:
        session.edit(1, "Second, first trip.", "reviewer_admin")
        comment = session.add_comment(1, "first trip", "reviewer_admin")
    finally:
        session.close()
    assert run(capsys, "sync", copy)[0] == 0
    session = ReviewSession.open(copy)  # the next trip: the same rows changed again
    try:
        session.edit_comment(comment.id, "second trip", "reviewer_admin")
        annotation = session.add_annotation(1, "correction", 0, 6, "fluency/grammar", "minor",
                                            "", "reviewer_admin")
        session.revise_annotation(annotation.id, "reviewer_admin", severity="major")
    finally:
        session.close()
    code, out, err = run(capsys, "sync", copy)
    assert code == 0 and out.startswith("sent 0 revisions, 1 comment change and 2 "), err
    server = ReviewSession.open(url, read_only=True)
    try:
        [on_server] = server.comments(1)
        assert (on_server.text, on_server.revisions) == ("second trip", 2)
        [marked] = server.annotations(1)
        head = [r for r in server.history(1)][-1]
        assert (marked.severity, marked.revision_id) == ("major", head.id)
        assert head.text == "Second, first trip."
    finally:
        server.close()


def test_sync_with_the_server_away_is_one_line_and_sends_later(
        capsys: pytest.CaptureFixture[str], seed_project: Path, pg_database: str,
        tmp_path: Path) -> None:
    import sqlite3

    url = _published(capsys, seed_project, pg_database)
    copy = tmp_path / "travel.review"
    assert run(capsys, "fetch", url, copy)[0] == 0
    _offline_edit(copy)
    with sqlite3.connect(copy) as db:  # as if the server had moved away
        db.execute("UPDATE properties SET value = ? WHERE name = 'origin_url'",
                   (url.replace("port=", "port=1"),))
    code, out, err = run(capsys, "sync", copy)
    assert code == 1 and out == "" and err.count("\n") == 1 and "cannot be reached" in err
    with sqlite3.connect(copy) as db:
        db.execute("UPDATE properties SET value = ? WHERE name = 'origin_url'", (url,))
    code, out, err = run(capsys, "sync", copy)
    assert code == 0 and out.startswith("sent 1 revision,"), err
