"""A server project's server lost mid-edit: edits wait in a local queue and are sent, in
order and once each, when it is back; a program killed while offline loses none of them."""

from __future__ import annotations

import itertools
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PgServer, running_server
from test_document_scores import check_document

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.session import ReviewSession
from reviewer.store.offline_queue import OfflineQueue, queue_file
from reviewer.store.pg_connection import ServerUnavailableError
from reviewer.store.publish import publish
from reviewer.store.server_url import ServerLocation

pytestmark = pytest.mark.postgres

MTS = ["The cat sit on the mat.", "He go to school every days.", "It are raining today.",
       "We has a big house.", "She like apples and orange.", "They was happy yesterday."]
_names = itertools.count(1)


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    """A PostgreSQL server of this module's own: stopping it disturbs no other test."""
    with running_server() as private:
        private.create_database("offline")
        yield private


@pytest.fixture
def url(server: PgServer, tmp_path: Path) -> Iterator[str]:
    """A fresh server project of six segments (the server running again after the test)."""
    segments = [ImportedSegment(mt) for mt in MTS]
    document = ImportedDocument(segments, Layout(("",) + ("\n",) * len(MTS)), "lines")
    path = tmp_path / "doc.review"
    ReviewSession.create(path, document).close()
    address = f"{server.url('offline')}&project=p{next(_names)}"
    publish(path, address)
    try:
        yield address
    finally:
        server.start()


def heads(session: ReviewSession) -> list[str]:
    return [segment.text for segment in session.segments()]


def test_edits_made_while_the_server_is_down_arrive_when_it_is_back(
        server: PgServer, url: str) -> None:
    session = ReviewSession.open(url)
    try:
        assert session.edit_or_queue(0, "The cat sits on the mat.", "ann") is not None
        server.stop()
        started = time.perf_counter()
        with pytest.raises(ServerUnavailableError):  # said at once, not after a timeout
            session.segment(1)
        assert time.perf_counter() - started < 2
        offline = [(1, "He goes to school every day."), (2, "It is raining today."),
                   (1, "He goes to school each day."), (3, "We have a big house.")]
        for count, (position, text) in enumerate(offline, 1):
            effort = Effort(1000 * count, count, 1, 2)
            assert session.edit_or_queue(position, text, "ann", effort=effort) is None
            assert session.waiting_count() == count
        assert [(item.position, item.text) for item in session.waiting()] == offline
        with pytest.raises(ServerUnavailableError):
            session.send_waiting()
        assert session.waiting_count() == 4
        server.start()
        assert session.send_waiting() == 4
        assert session.waiting_count() == 0 and session.waiting() == []
        texts = heads(session)
        assert texts[:4] == ["The cat sits on the mat.", "He goes to school each day.",
                             "It is raining today.", "We have a big house."]
        assert [r.text for r in session.history(1)] == [
            "He goes to school every day.", "He goes to school each day."]
        assert [r.editing_ms for r in session.history(1)] == [1000, 3000]
        assert session.verify() == []
        check_document(session, MTS, texts, [None] * len(MTS))
    finally:
        session.close()


def test_the_first_edit_after_a_restart_reconnects_instead_of_waiting(
        server: PgServer, url: str) -> None:
    session = ReviewSession.open(url)
    try:
        assert session.edit_or_queue(0, "The cat sits on the mat.", "ann") is not None
        server.restart()  # the session's connection is gone; the server is back
        result = session.edit_or_queue(1, "He goes to school every day.", "ann")
        assert result is not None and result.revision is not None
        assert session.waiting_count() == 0
    finally:
        session.close()


def test_waiting_edits_are_sent_from_a_worker_thread(server: PgServer, url: str) -> None:
    session = ReviewSession.open(url)
    try:
        server.stop()
        assert session.edit_or_queue(0, "The cat sits.", "ann") is None
        server.start()
        sent: list[int] = []
        worker = threading.Thread(target=lambda: sent.append(session.send_waiting()))
        worker.start()
        worker.join(60)
        assert sent == [1] and session.waiting_count() == 0
        assert heads(session)[0] == "The cat sits."
    finally:
        session.close()


CHILD = textwrap.dedent("""
    import sys, time
    from reviewer.session import ReviewSession
    session = ReviewSession.open(sys.argv[1])
    print("open", flush=True)
    sys.stdin.readline()  # the server is stopped now
    for position, text in [(1, "He goes to school."), (4, "She likes apples."),
                           (1, "He goes to school daily.")]:
        assert session.edit_or_queue(position, text, "bob") is None
        print("queued", session.waiting_count(), flush=True)
    time.sleep(600)
""")


def test_a_kill_while_offline_loses_no_edit(server: PgServer, url: str) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "open"
        server.stop()
        child.stdin.write("go\n")
        child.stdin.flush()
        lines = [child.stdout.readline().strip() for _ in range(3)]
        assert lines == ["queued 1", "queued 2", "queued 3"]
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    server.start()
    session = ReviewSession.open(url)
    try:
        assert session.waiting_count() == 3
        assert [(item.position, item.text, item.author) for item in session.waiting()] == [
            (1, "He goes to school.", "bob"), (4, "She likes apples.", "bob"),
            (1, "He goes to school daily.", "bob")]
        assert session.send_waiting() == 3
        assert session.waiting_count() == 0
        assert [r.text for r in session.history(1)] == [
            "He goes to school.", "He goes to school daily."]
        assert heads(session)[4] == "She likes apples."
        assert session.verify() == []
    finally:
        session.close()
    again = ReviewSession.open(url)
    try:
        assert again.waiting_count() == 0
    finally:
        again.close()


def _crash_after_the_server_commits(session: ReviewSession,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Send the waiting edits, the program dying right after the first one was committed
    and before the queue forgot it."""
    def crash(self: OfflineQueue, id: int) -> None:  # noqa: A002
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(OfflineQueue, "remove", crash)
        with pytest.raises(KeyboardInterrupt):
            session.send_waiting()
    session.close()


def _queue_two(server: PgServer, url: str) -> None:
    session = ReviewSession.open(url)
    server.stop()
    try:
        assert session.edit_or_queue(2, "It is raining today.", "ann") is None
        assert session.edit_or_queue(3, "We have a big house.", "ann") is None
    finally:
        session.close()
    server.start()


def test_a_resend_after_a_crash_between_commit_and_removal_adds_nothing(
        server: PgServer, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _queue_two(server, url)
    _crash_after_the_server_commits(ReviewSession.open(url), monkeypatch)
    session = ReviewSession.open(url)
    try:
        assert session.waiting_count() == 2  # the first was committed but still waits
        sent = session.send_waiting()
        assert [r.text for r in session.history(2)] == ["It is raining today."]
        assert [r.text for r in session.history(3)] == ["We have a big house."]
        assert sent == 1  # the other was sent before the crash
        assert session.verify() == []
    finally:
        session.close()


def test_a_resend_after_someone_saved_the_segment_since_adds_nothing(
        server: PgServer, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _queue_two(server, url)
    _crash_after_the_server_commits(ReviewSession.open(url), monkeypatch)
    colleague = ReviewSession.open(url)
    try:  # another session on the project saves the segment before the resend
        colleague.edit(2, "Today it is raining.", "carl")
    finally:
        colleague.close()
    session = ReviewSession.open(url)
    try:
        sent = session.send_waiting()
        assert [r.text for r in session.history(2)] == [
            "It is raining today.", "Today it is raining."]
        assert sent == 1
        assert session.verify() == []
    finally:
        session.close()


def test_a_queued_edit_sent_over_a_newer_text_is_reported(server: PgServer, url: str) -> None:
    session = ReviewSession.open(url)
    try:
        server.stop()
        assert session.edit_or_queue(5, "They were happy.", "ann", base_text=MTS[5]) is None
        assert session.edit_or_queue(4, "She likes apples.", "ann", base_text=MTS[4]) is None
        server.start()
        colleague = ReviewSession.open(url)
        try:
            colleague.edit(5, "They were glad.", "carl")
        finally:
            colleague.close()
        assert session.send_waiting() == 2
        assert [(item.position, item.text) for item in session.send_conflicts] == [
            (5, "They were happy.")]
        assert [r.text for r in session.history(5)] == [
            "They were glad.", "They were happy."]
    finally:
        session.close()


def test_the_queue_is_private_and_kept_by_project_and_login(
        server: PgServer, url: str) -> None:
    session = ReviewSession.open(url)
    try:
        server.stop()
        session.queue_offline(0, "The cat sits.", "ann", SegmentStatus.EDITED,
                              Effort(5, 1, 2, 3), base_text=MTS[0])
    finally:
        session.close()
    path = queue_file(ServerLocation.parse(url).url(), "reviewer_admin")
    assert list(path.parent.glob("*.queue")) == [path]
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    found = [path]
    assert stat.S_IMODE(found[0].stat().st_mode) == 0o600
    queue = OfflineQueue(found[0])
    try:
        [item] = queue.items()
        assert (item.position, item.text, item.author, item.status, item.editing_ms,
                item.keys, item.role, item.base_text) == (
            0, "The cat sits.", "ann", SegmentStatus.EDITED, 5, (1, 2, 3), "editor", MTS[0])
        assert item.queued_at.endswith("Z")
    finally:
        queue.close()
    server.start()
    again = ReviewSession.open(url)
    try:  # what edit would refuse is not kept to block the queue later
        with pytest.raises(ReviewerError, match="author"):
            again.queue_offline(0, "A text.", " ")
        assert again.waiting_count() == 1
    finally:
        again.close()
    other = ServerLocation.parse(f"{url}0").url()  # another project: a queue of its own
    assert queue_file(other, "reviewer_admin") != path != queue_file(path.name, "carl")


def test_a_project_file_never_queues(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    try:
        result = session.edit_or_queue(0, "A new text.", "ann")
        assert result is not None and result.revision is not None
        assert session.queue_offline(1, "Another text.", "ann") == 0
        assert session.waiting_count() == 0 and session.waiting() == []
        assert session.send_waiting() == 0
    finally:
        session.close()
    from reviewer.locations import data_dir

    assert not (data_dir() / "offline").exists()


def test_a_file_session_loads_no_database_driver(seed_project: Path) -> None:
    code = ("import sys; from reviewer.session import ReviewSession; "
            "s = ReviewSession.open(sys.argv[1]); "
            "assert s.waiting_count() == 0 and s.send_waiting() == 0; "
            "assert s.edit_or_queue(0, 'A text.', 'ann') is not None; s.close(); "
            "print('psycopg' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code, str(seed_project)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
