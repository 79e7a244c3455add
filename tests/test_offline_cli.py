"""A command on a server project first sends the edits an earlier session left waiting."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run
from pg_server import PgServer
from test_offline import server, url  # noqa: F401 - the private server's fixtures

from reviewer.session import ReviewSession

pytestmark = pytest.mark.postgres


def test_a_command_sends_what_an_earlier_session_left_first(
        server: PgServer, url: str, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    session = ReviewSession.open(url)
    server.stop()
    try:
        assert session.edit_or_queue(1, "He goes to school.", "ann") is None
        assert session.edit_or_queue(2, "It is raining.", "ann") is None
    finally:
        session.close()
    server.start()
    code, out, err = run(capsys, "edit", url, "2", "He goes to school daily.", "--author", "ann")
    assert code == 0, err
    assert "2 edits from an earlier session were sent" in err
    assert "earlier session" not in out
    session = ReviewSession.open(url)
    try:
        assert session.waiting_count() == 0
        assert [r.text for r in session.history(1)] == [
            "He goes to school.", "He goes to school daily."]
        assert session.segment(2).text == "It is raining."
    finally:
        session.close()
    code, _out, err = run(capsys, "score", url)
    assert code == 0 and "earlier session" not in err


def test_a_command_on_a_project_file_asks_no_server(seed_project: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "edit", seed_project, "1", "A text.", "--author", "ann")
    assert code == 0 and "earlier session" not in err
