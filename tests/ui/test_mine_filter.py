"""The filter bar's Mine: the segments assigned to the user on a server project."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pg_server import PgServer
from team_project import team_project

from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow


def shown(window: MainWindow) -> list[int]:
    return window.filters.proxy.source_rows()


def test_mine_shows_exactly_the_rows_assigned_to_me(
        open_window: Callable[[Path | str], MainWindow], pg_server: PgServer,
        pg_database: str, seed_project: Path) -> None:
    team = team_project(pg_server, pg_database, seed_project)
    editor, other = team.person("editor"), team.person("editor")
    admin = ReviewSession.open(f"{pg_database}&project={team.project}")
    try:
        admin.assign(editor, 3, 5)
        admin.assign(editor, 10, 10)
        admin.assign(other, 6, 9)
        admin.edit(4, "Confirmed before.", "admin", "confirmed")
    finally:
        admin.close()
    window = open_window(team.url(editor))
    bar = window.filters.filter_bar
    assert bar.mine.isVisibleTo(window) and bar.mine.isEnabled()
    assert "segments 4-6, 11" in bar.mine.toolTip()
    bar.mine.click()
    assert shown(window) == [3, 4, 5, 10]
    assert bar.count.text() == "4 of 26 segments"
    # with a status the project is asked which rows match, then only mine are kept
    bar.status.setCurrentIndex(bar.status.findText("Not confirmed"))
    assert shown(window) == [3, 5, 10]
    bar.status.setCurrentIndex(bar.status.findText("Confirmed"))
    assert shown(window) == [4]
    bar.clear()
    assert not bar.mine.isChecked() and len(shown(window)) == 26


def test_mine_is_offered_on_a_server_project_only(
        open_window: Callable[[Path | str], MainWindow], pg_server: PgServer,
        pg_database: str, seed_project: Path) -> None:
    window = open_window(seed_project)
    assert not window.filters.filter_bar.mine.isVisibleTo(window)
    team = team_project(pg_server, pg_database, seed_project)
    window = open_window(team.url(team.person("editor")))  # nothing assigned: shown, unusable
    mine = window.filters.filter_bar.mine
    assert mine.isVisibleTo(window) and not mine.isEnabled()
    assert "Nothing is assigned" in mine.toolTip()
