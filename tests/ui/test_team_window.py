"""Two windows on one server project: each sees the other's confirms and locks, the
earlier of two confirms of one segment is told, and confirms made offline wait."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pg_server import PgServer, running_server
from qt_helpers import ScriptedInteraction

from PySide6.QtCore import QSettings, Qt

from reviewer.session import ReviewSession
from reviewer.store.publish import publish
from reviewer.ui.main_window import MainWindow
from reviewer.ui.segment_model import COL_INDEX
from reviewer.ui.team_window import conflict_message

_names = itertools.count(1)
Opener = Callable[[str], MainWindow]


def _editor_url(server: PgServer, admin_url: str, role: str = "editor") -> tuple[str, str]:
    """A new login with ``role`` on the project valdai: (login, its project URL)."""
    login = f"ed{next(_names)}_{uuid.uuid4().hex[:6]}"
    server.create_login(login, "pw")
    server.psql(f'GRANT "rv_valdai_{role}" TO "{login}"')
    database = urlsplit(admin_url).path.lstrip("/")
    return login, server.url(database, login, "pw", project="valdai")


@pytest.fixture
def project_url(pg_database: str, seed_project: Path) -> str:
    """The seed project published as valdai (the admin's URL)."""
    url = pg_database + "&project=valdai"
    publish(seed_project, url)
    return url


@pytest.fixture
def open_team_window(qtbot, tmp_path: Path) -> Iterator[Opener]:  # type: ignore[no-untyped-def]
    """Opens a server project in a window of its own (settings, scripted dialogs)."""
    opened: list[MainWindow] = []

    def open_(url: str) -> MainWindow:
        settings = QSettings(str(tmp_path / f"settings{len(opened)}.ini"),
                             QSettings.Format.IniFormat)
        settings.setValue("author", "tester")
        window = MainWindow(ReviewSession.open(url, isolated=True),
                            interaction=ScriptedInteraction(),  # type: ignore[arg-type]
                            settings=settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        if window.isVisible():
            window.close()


def _confirm(window: MainWindow, row: int, text: str) -> None:
    window.select_row(row)
    window.editor.replace_text(text)
    window.confirm_current()


def test_each_window_sees_the_others_confirm_and_scores_within_a_second(
        qtbot, pg_server: PgServer, project_url: str,  # type: ignore[no-untyped-def]
        open_team_window: Opener) -> None:
    _alice, alice_url = _editor_url(pg_server, project_url)
    _bob, bob_url = _editor_url(pg_server, project_url)
    a, b = open_team_window(alice_url), open_team_window(bob_url)
    assert a.team.shared() and b.team.shared()
    scores_before = b.scores_label.text()
    b.select_row(0)
    _confirm(a, 2, "Putin is sure the Russian soldiers succeed in Syria.")
    qtbot.waitUntil(lambda: b.model.current_text(2) ==
                    "Putin is sure the Russian soldiers succeed in Syria.", timeout=2000)
    qtbot.waitUntil(lambda: b.scores_label.text() != scores_before, timeout=2000)
    assert b.scores_label.text() == a.scores_label.text()
    assert b.model.segment(2).status == "confirmed"
    _confirm(b, 6, "Bob's text for segment seven.")
    qtbot.waitUntil(lambda: a.model.current_text(6) == "Bob's text for segment seven.",
                    timeout=2000)
    assert not a.team.conflicts and not b.team.conflicts
    assert not a.interaction.errors and not b.interaction.errors  # type: ignore[attr-defined]


def test_two_confirms_of_one_segment_keep_both_and_the_earlier_editor_is_told(
        qtbot, pg_server: PgServer, project_url: str,  # type: ignore[no-untyped-def]
        open_team_window: Opener) -> None:
    _alice, alice_url = _editor_url(pg_server, project_url)
    bob, bob_url = _editor_url(pg_server, project_url)
    a, b = open_team_window(alice_url), open_team_window(bob_url)
    _confirm(a, 4, "Alice's version.")
    qtbot.waitUntil(lambda: b.model.current_text(4) == "Alice's version.", timeout=2000)
    _confirm(b, 4, "Bob's version.")
    message = conflict_message(4, bob)
    qtbot.waitUntil(lambda: message in a.team.conflicts, timeout=2000)
    assert a.team.conflict_note.isVisible() and message in a.team.conflict_note.text()
    assert a.model.current_text(4) == "Bob's version."
    assert not b.team.conflicts  # the later editor's text is current: nothing to tell
    check = ReviewSession.open(project_url)
    try:
        texts = [revision.text for revision in check.history(4)]
        assert texts == ["Alice's version.", "Bob's version."]
        assert check.segments_at([4])[0].text == "Bob's version."
    finally:
        check.close()


def test_a_segment_open_in_one_window_shows_who_edits_it_in_the_other(
        qtbot, pg_server: PgServer, project_url: str,  # type: ignore[no-untyped-def]
        open_team_window: Opener, seed_project: Path) -> None:
    alice, alice_url = _editor_url(pg_server, project_url)
    _bob, bob_url = _editor_url(pg_server, project_url)
    a, b = open_team_window(alice_url), open_team_window(bob_url)
    a.select_row(5)
    qtbot.waitUntil(lambda: b.team.marks.holders.get(5) == alice, timeout=2000)
    tip = b.model.data(b.model.index(5, COL_INDEX), Qt.ItemDataRole.ToolTipRole)
    assert tip == f"Being edited by {alice}"
    assert b.model.data(b.model.index(5, COL_INDEX), Qt.ItemDataRole.DecorationRole) is not None
    b.select_row(5)  # a soft lock: Bob is told, and may still edit
    assert b.team.note.isVisible() and f"Being edited by {alice}" in b.team.note.text()
    assert not b.editor.correction_edit.isReadOnly()
    a.select_row(7)  # Alice moves on: row 5 is free, and Bob's now
    qtbot.waitUntil(lambda: 5 not in b.team.marks.holders, timeout=2000)
    qtbot.waitUntil(lambda: a.team.marks.holders.get(5) is not None, timeout=2000)
    assert not b.team.note.isVisible()
    assert a.open_project(seed_project)  # another project: Alice's lock is given up
    qtbot.waitUntil(lambda: 7 not in b.team.marks.holders, timeout=2000)
    assert not a.team.shared() and not a.team.status_label.isVisible()
    b.close()  # closing gives Bob's up
    check = ReviewSession.open(project_url)
    try:
        assert check.segment_holders() == {}
    finally:
        check.close()


@pytest.fixture(scope="module")
def private_server() -> Iterator[PgServer]:
    """A server of this module's own, to stop and start (never the shared one)."""
    with running_server() as server:
        yield server


def test_a_confirm_while_the_server_is_away_waits_and_arrives_when_it_is_back(
        qtbot, private_server: PgServer, seed_project: Path,  # type: ignore[no-untyped-def]
        open_team_window: Opener) -> None:
    admin = private_server.create_database(f"offline_{next(_names)}")
    project_url = admin + "&project=valdai"
    publish(seed_project, project_url)
    _alice, alice_url = _editor_url(private_server, project_url)
    window = open_team_window(alice_url)
    qtbot.waitUntil(lambda: window.team.status_label.text().startswith("online"),
                    timeout=2000)
    private_server.stop()
    try:  # the window hears the server go (its listener's connection is lost)
        qtbot.waitUntil(lambda: window.team.status_label.text() == "offline, 0 edits waiting",
                        timeout=3000)
        _confirm(window, 3, "Typed while the server was away.")
        assert window.team.status_label.text() == "offline, 1 edits waiting"
        assert window.model.current_text(3) == "Typed while the server was away."
        assert window.model.segment(3).status == "confirmed"
        assert not window.interaction.errors  # type: ignore[attr-defined]
    finally:
        private_server.start()
    qtbot.waitUntil(lambda: window.team.status_label.text().startswith("online"),
                    timeout=10_000)
    check = ReviewSession.open(project_url)
    try:
        assert check.segments_at([3])[0].text == "Typed while the server was away."
    finally:
        check.close()
    assert window.model.current_text(3) == "Typed while the server was away."
    assert window.session.waiting_count() == 0


def test_file_open_server_project_picks_one_of_the_servers_projects_and_keeps_no_password(
        qtbot, pg_server: PgServer, project_url: str,  # type: ignore[no-untyped-def]
        window: MainWindow, interaction: ScriptedInteraction) -> None:
    from reviewer.store.publish import server_projects
    from reviewer.ui.server_projects import LAST_SERVER

    login, url = _editor_url(pg_server, project_url)
    server = url.replace("&project=valdai", "")
    assert ":pw@" in server
    (name, segments, role), = server_projects(server)
    interaction.next_text = server
    interaction.next_item = f"{name} ({segments} segments, {role})"
    window.action_table.action("file.open_server").trigger()
    assert not interaction.errors
    assert window.team.shared() and window.session.team_user() == login
    assert window.model.rowCount() == segments
    qtbot.waitUntil(lambda: window.windowTitle() == f"valdai ({login} on the server) — reviewer",
                    timeout=2000)
    recent = window.recent.paths()[0]
    assert isinstance(recent, str) and recent.endswith("project=valdai")
    assert "pw" not in recent.split("@")[0] and "pw" not in window.settings.get(LAST_SERVER)
    window.recent.fill_menu()
    entry = next(a for a in window.recent.menu.actions() if a.text().startswith("&1"))
    assert "valdai" in entry.text() and entry.isEnabled()


def test_the_window_opens_a_server_address_given_on_the_command_line(
        pg_server: PgServer, project_url: str, tmp_path: Path) -> None:
    from reviewer.cli_parser import gui_parser
    from reviewer.ui.app import run_app

    _login, url = _editor_url(pg_server, project_url)
    assert gui_parser().parse_args([url]).project == url  # not made a file name
    shot = tmp_path / "shot.png"
    assert run_app(gui_parser().parse_args([url]).project, shot) == 0
    assert shot.stat().st_size > 10_000


def test_edits_left_waiting_by_an_earlier_session_are_sent_when_the_window_opens(
        qtbot, pg_server: PgServer, project_url: str,  # type: ignore[no-untyped-def]
        open_team_window: Opener) -> None:
    login, url = _editor_url(pg_server, project_url)
    earlier = ReviewSession.open(url)
    try:  # as if the server had been away when it was confirmed, and the program then quit
        assert earlier.queue_offline(5, "Left waiting from before.", login) == 1
    finally:
        earlier.close()
    window = open_team_window(url)
    qtbot.waitUntil(lambda: window.model.current_text(5) == "Left waiting from before.",
                    timeout=2000)
    assert window.session.waiting_count() == 0
    assert window.team.status_label.text() == f"online as {login}"
    check = ReviewSession.open(project_url)
    try:
        assert check.segments_at([5])[0].text == "Left waiting from before."
        assert [r.author for r in check.history(5)] == [login]
    finally:
        check.close()


def test_typing_in_a_segment_someone_else_confirms_stays_and_is_told(
        qtbot, pg_server: PgServer, project_url: str,  # type: ignore[no-untyped-def]
        open_team_window: Opener) -> None:
    _alice, alice_url = _editor_url(pg_server, project_url)
    bob, bob_url = _editor_url(pg_server, project_url)
    a, b = open_team_window(alice_url), open_team_window(bob_url)
    a.select_row(8)
    a.editor.replace_text("Alice is still typing")
    _confirm(b, 8, "Bob confirmed first.")
    qtbot.waitUntil(lambda: a.model.segment(8).text == "Bob confirmed first.", timeout=2000)
    assert a.editor.text() == "Alice is still typing"  # her typing is not lost
    assert a.model.current_text(8) == "Alice is still typing"
    assert any(f"Segment 9: {bob} confirmed it while you were typing" in message
               for message in a.team.conflicts)
    a.confirm_current()  # hers is the later confirm now, and Bob's window is told
    qtbot.waitUntil(lambda: bool(b.team.conflicts), timeout=2000)
    assert b.model.current_text(8) == "Alice is still typing"
