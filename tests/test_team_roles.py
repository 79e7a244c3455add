"""Roles on a server project: what a manager, an editor and a reviewer may write, who is
assigned which segments, and the ``reviewer team`` command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from pg_server import PgServer
from team_project import TeamProject, team_project

from reviewer.cli import main
from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession
from reviewer.store.pg_connection import NotAllowedError


@pytest.fixture
def team(pg_server: PgServer, pg_database: str, seed_project: Path) -> TeamProject:
    return team_project(pg_server, pg_database, seed_project)


def opened(team: TeamProject, login: str) -> ReviewSession:
    return ReviewSession.open(team.url(login))


def one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    text = str(error.value)
    assert "\n" not in text and "Traceback" not in text
    return text


def test_a_login_without_a_role_can_neither_open_nor_write(team: TeamProject) -> None:
    nobody = team.person(None)
    before = team.count("revisions")
    with pytest.raises(NotAllowedError, match="no role on this project") as refused:
        opened(team, nobody).edit(0, "Mine now.", nobody, "confirmed")
    one_line(refused)
    # given a role and then losing it: open or confirm, refused the same way
    editor = team.person("editor")
    team.admin(f'REVOKE "{team.schema}_editor" FROM "{editor}"')
    with pytest.raises(ReviewerError) as refused:
        opened(team, editor).edit(0, "Mine now.", editor, "confirmed")
    one_line(refused)
    assert team.count("revisions") == before


def test_an_open_session_loses_its_grant_and_saves_nothing(team: TeamProject) -> None:
    editor = team.person("editor")
    session = opened(team, editor)
    try:
        team.admin(f'REVOKE "{team.schema}_editor" FROM "{editor}"')
        before = team.count("revisions")
        with pytest.raises(NotAllowedError) as refused:
            session.edit(0, "Too late.", editor, "confirmed")
        assert "ask its manager" in one_line(refused)
        assert team.count("revisions") == before
    finally:
        session.close()


def _insert_revision(team: TeamProject, login: str, author: str, role: str) -> None:
    """A revision of the first segment written by hand as ``login`` (rolled back)."""
    with psycopg.connect(team.url(login).split("&project=")[0]) as connection:
        connection.execute(f'SET search_path TO "{team.schema}"')
        connection.execute(
            "INSERT INTO revisions (segment_id, number, text, author, created_at, status, "
            "hter, bleu, chrf, stats, role) SELECT id, 99, 'x', %s, '2026-01-01T00:00:00Z', "
            "'confirmed', 0, 0, 0, mt_stats, %s FROM segments WHERE position = 0",
            (author, role))
        connection.rollback()


def test_row_level_security_refuses_a_revision_under_another_name(team: TeamProject) -> None:
    editor, reviewer = team.person("editor"), team.person("reviewer")
    _insert_revision(team, editor, editor, "editor")  # their own name: allowed
    for login in (editor, reviewer):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            _insert_revision(team, login, "someone else", "editor")
    # an editor may not pose as the reviewer; the reviewer may write either role
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        _insert_revision(team, editor, editor, "reviewer")
    _insert_revision(team, reviewer, reviewer, "reviewer")


def test_what_an_editor_writes_is_signed_with_the_login(team: TeamProject) -> None:
    editor = team.person("editor")
    session = opened(team, editor)
    try:
        session.edit(0, "Edited.", "A Pen Name", "confirmed")
        comment = session.add_comment(1, "A question.", "A Pen Name")
        session.resolve_comment(comment.id, "A Pen Name")
        session._store.save_draft(2, "Typing…", "A Pen Name", 10)
    finally:
        session.close()
    schema = team.schema
    assert team.admin(f'SELECT author FROM "{schema}".revisions') == [(editor,)]
    assert team.admin(f'SELECT author FROM "{schema}".comment_revisions') == [(editor,)] * 2
    assert team.admin(f'SELECT author FROM "{schema}".drafts') == [(editor,)]


def test_a_reviewer_annotates_and_accepts_an_editor_may_not(team: TeamProject) -> None:
    editor, reviewer = team.person("editor"), team.person("reviewer")
    session = opened(team, editor)
    try:
        with pytest.raises(NotAllowedError) as refused:
            session.add_annotation(0, "mt", 0, 3, "accuracy/mistranslation", "minor", "", editor)
        one_line(refused)
        with pytest.raises(NotAllowedError, match="reviewer role") as refused:
            session.review_accept(0, editor)
        one_line(refused)
    finally:
        session.close()
    assert team.count("annotations") == team.count("revisions") == 0
    session = opened(team, reviewer)
    try:
        session.add_annotation(0, "mt", 0, 3, "accuracy/mistranslation", "minor", "", reviewer)
        session.review_accept(0, reviewer)
        session.review_reject(1, reviewer, "Wrong term.")
    finally:
        session.close()
    assert team.count("annotations") == 1
    assert team.admin(f'SELECT role, status FROM "{team.schema}".revisions ORDER BY id') == [
        ("reviewer", "reviewed"), ("reviewer", "rejected")]


def test_only_managers_split_label_and_keep_the_glossary(team: TeamProject) -> None:
    manager = team.person("manager")
    for login in (team.person("editor"), team.person("reviewer")):
        session = opened(team, login)
        try:
            writes: list[tuple[Callable[..., object], tuple[object, ...]]] = [
                (session.split, (3, 5, login)), (session.add_version, ("sent", login)),
                (session.add_glossary_term, ("Valdai", "Валдай")),
                (session.add_project_word, ("Valdai",))]
            for write, arguments in writes:
                with pytest.raises(NotAllowedError) as refused:
                    write(*arguments)
                one_line(refused)
            assert session.segment_count() == 26
        finally:
            session.close()
    session = opened(team, manager)
    try:
        session.split(3, 5, manager)
        session.add_version("sent", manager)
        session.add_glossary_term("Valdai", "Валдай")
        assert session.segment_count() == 27 and session.my_role() == "manager"
    finally:
        session.close()


def test_managers_may_not_empty_the_revisions(team: TeamProject) -> None:
    manager = team.person("manager")
    with psycopg.connect(team.url(manager).split("&project=")[0]) as connection, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute(f'TRUNCATE "{team.schema}".revisions CASCADE')


def test_a_manager_assigns_ranges_and_an_editor_works_in_them(team: TeamProject) -> None:
    manager, editor, reviewer = (team.person(role) for role in
                                 ("manager", "editor", "reviewer"))
    session = opened(team, manager)
    try:
        assert session.team() == sorted([(manager, "manager"), (editor, "editor"),
                                         (reviewer, "reviewer"),
                                         ("reviewer_admin", "manager")])
        first = session.assign(editor, 2, 4)
        session.assign(editor, 10, 11)
        assert (first.person, first.first_position, first.last_position,
                first.assigned_by) == (editor, 2, 4, manager)
        assert [one.first_position for one in session.assignments()] == [2, 10]
    finally:
        session.close()
    session = opened(team, editor)
    try:
        assert session.my_role() == "editor"
        assert session.my_positions() == [2, 3, 4, 10, 11]
        session.edit(3, "Assigned to me.", editor, "confirmed")
        before = team.count("revisions")
        with pytest.raises(NotAllowedError, match="segment 6 is not assigned to you "
                                                  r"\(yours: 3-5, 11-12\)") as refused:
            session.edit(5, "Not mine.", editor, "confirmed")
        one_line(refused)
        assert team.count("revisions") == before
        with pytest.raises(NotAllowedError, match="only a manager"):
            session.assign(editor, 0, 25)
    finally:
        session.close()
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        _insert_revision(team, editor, editor, "editor")  # position 0: not theirs
    session = opened(team, reviewer)
    try:  # the reviewer's pass works across everyone's segments
        assert session.my_positions() == []
        session.review_accept(3, reviewer)
        session.review_accept(20, reviewer)
    finally:
        session.close()
    session = opened(team, manager)
    try:
        for assignment in session.assignments():
            session.unassign(assignment.id)
        assert session.assignments() == []
    finally:
        session.close()
    session = opened(team, editor)
    try:  # nothing assigned: every segment
        assert session.my_positions() == []
        session.edit(5, "Anyone's.", editor, "confirmed")
    finally:
        session.close()


def test_granting_needs_a_manager_an_existing_login_and_a_known_role(
        team: TeamProject) -> None:
    manager, editor, newcomer = team.person("manager"), team.person("editor"), \
        team.person(None)
    session = opened(team, manager)
    try:
        with pytest.raises(ReviewerError, match="administrator") as refused:
            session.grant_role("no_such_login_anywhere", "editor")
        one_line(refused)
        with pytest.raises(ReviewerError, match="the roles are manager, editor, reviewer"):
            session.grant_role(newcomer, "translator")
        session.grant_role(newcomer, "reviewer")
        assert (newcomer, "reviewer") in session.team()
        session.revoke_role(newcomer, "reviewer")
        assert all(login != newcomer for login, _role in session.team())
        with pytest.raises(ReviewerError, match="is not a reviewer"):
            session.revoke_role(newcomer, "reviewer")
        with pytest.raises(ReviewerError, match="no segments 20-30"):
            session.assign(editor, 19, 29)
        with pytest.raises(NotAllowedError, match="administrator") as refused:
            session.grant_role(newcomer, "manager")  # the administrator's to make
        one_line(refused)
    finally:
        session.close()
    session = opened(team, editor)
    try:
        with pytest.raises(NotAllowedError, match="only a manager") as refused:
            session.grant_role(newcomer, "editor")
        one_line(refused)
    finally:
        session.close()


def test_a_project_file_has_no_team(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    try:
        assert (session.my_role(), session.team(), session.assignments(),
                session.my_positions()) == (None, [], [], [])
        with pytest.raises(ReviewerError, match="project file"):
            session.assign("anna", 0, 1)
        with pytest.raises(ReviewerError, match="project file"):
            session.grant_role("anna", "editor")
    finally:
        session.close()


def test_reviewer_team_command_round_trip(team: TeamProject,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    manager, editor = team.person("manager"), team.person(None)
    url = team.url(manager)
    assert main(["team", url, "grant", editor, "editor"]) == 0
    assert main(["team", url, "assign", editor, "3-5"]) == 0
    assert main(["team", url, "assign", editor, "9"]) == 0
    out = capsys.readouterr().out
    assert f"{editor}: editor" in out and "segments 3-5" in out and "segment 9" in out
    assert main(["team", url]) == 0
    listing = capsys.readouterr().out
    assert f"{editor}  editor  segments 3-5, 9" in listing
    assert f"{manager}  manager" in listing
    session = opened(team, editor)
    try:
        assert session.my_positions() == [2, 3, 4, 8]
        assignment = session.assignments()[0].id
    finally:
        session.close()
    assert main(["team", url, "unassign", str(assignment)]) == 0
    assert main(["team", url, "revoke", editor, "editor"]) == 0
    capsys.readouterr()
    assert main(["team", url]) == 0
    listing = capsys.readouterr().out
    assert editor in listing and "segment 9" in listing and "no role" in listing
    # an editor may not grant; a bad range; a file: one line each, exit 1
    assert main(["team", team.url(team.person("editor")), "grant", editor, "editor"]) == 1
    assert "only a manager" in capsys.readouterr().err
    assert main(["team", url, "assign", editor, "5-3"]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_reviewer_team_on_a_project_file_says_it_has_no_team(
        seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["team", str(seed_project)]) == 1
    assert "a project file has no team" in capsys.readouterr().err
    assert main(["team", str(seed_project), "assign", "anna"]) == 2
