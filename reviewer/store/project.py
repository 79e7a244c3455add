"""Read and write a project file; every change is one short write transaction."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reviewer.core.document import Layout
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import (
    DocumentTotals,
    MetricStats,
    Scores,
    SegmentStats,
    identity_stats,
    segment_stats,
    sentence_scores,
)
from reviewer.store import restructure
from reviewer.store.comments import CommentStore
from reviewer.store.files import (
    SIDECARS,
    check_regular_file,
    clean_stray_partials,
    is_full_disk,
    partial_path,
    publish_exclusive,
    refuse_existing,
    refuse_overwriting_project,
    remove_partial,
    sqlite_uri,
)
from reviewer.store.lock import ProjectLock, ReadOnlyError, read_lock_record
from reviewer.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class NewSegment:
    """A segment as it enters a new project."""

    mt: str
    source: str | None
    reference: str | None
    gap_before: str
    mt_stats: SegmentStats
    mt_scores: Scores
    correction: tuple[str, SegmentStats, Scores] | None = None  # an existing post-edit
    meta: str | None = None  # JSON a format needs to write the segment back


@dataclass(frozen=True)
class SegmentRecord:
    """A segment with its current text (the head revision's, else the MT)."""

    id: int
    position: int
    source: str | None
    mt: str
    reference: str | None
    text: str
    status: str
    revisions: int
    hter: float  # NaN while ``pending``
    bleu: float
    chrf: float
    pending: bool = False  # its scores are still being computed


@dataclass(frozen=True)
class RevisionRecord:
    """One stored revision of one segment."""

    id: int
    segment_id: int
    position: int
    number: int
    text: str
    author: str
    created_at: str
    editing_ms: int
    status: str
    hter: float
    bleu: float
    chrf: float
    keys_insert: int = 0
    keys_delete: int = 0
    keys_navigate: int = 0
    pending: bool = False  # its scores are still being computed (they read NaN)
    note: str | None = None  # e.g. "split from segment 5 (revision 2)"


@dataclass(frozen=True)
class NewRevision:
    """A revision to append (``add_revisions`` appends many in one transaction)."""

    position: int
    text: str
    stats: SegmentStats | None  # None: saved with its statistics pending
    scores: Scores | None  # None with statistics: computed from them here
    author: str
    status: str
    editing_ms: int = 0
    keystrokes: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class PendingRevision:
    """A revision whose statistics are still to be computed, and what they need."""

    id: int
    position: int
    mt: str
    text: str
    reference: str | None
    mt_reference: MetricStats | None  # the MT against the reference, already known
    head: bool  # the segment's current text: the document totals wait for it


@dataclass(frozen=True)
class DraftRecord:
    """Typed but unconfirmed text of a segment, kept so a crash loses nothing."""

    position: int
    text: str
    author: str
    updated_at: str
    editing_ms: int


@dataclass(frozen=True)
class VersionRecord:
    """A labelled state of the document: every segment as of revision ``last_revision``."""

    id: int
    label: str
    created_at: str
    author: str
    last_revision: int


@dataclass(frozen=True)
class SegmentState:
    """A segment's text, status and statistics as of some point in history."""

    position: int
    mt: str
    text: str
    status: str
    stats: str | None  # JSON; None while the revision's statistics are pending


# A revision saved before its statistics were known has this in ``stats`` (and zeros for
# its scores); its statistics arrive in ``late_stats`` (schema 5).
PENDING = "pending"
_NAN = float("nan")


def _score(value: Any) -> float:
    """A score read from a row; NULL (pending) reads NaN, never a number that looks real."""
    return _NAN if value is None else float(value)


def _segment_record(row: Any) -> SegmentRecord:
    fields: list[Any] = [*row[:8], *(_score(value) for value in row[8:11]), bool(row[11])]
    return SegmentRecord(*fields)


def _revision_record(row: Any) -> RevisionRecord:
    fields: list[Any] = [*row[:9], *(_score(value) for value in row[9:12]), *row[12:15],
                         bool(row[15]), row[16]]
    return RevisionRecord(*fields)


# SQL over a revision ``r``: its statistics (the late ones when they came, NULL while
# pending), whether they are pending, and the join that finds the late ones.
_STATS = f"nullif(coalesce(l.stats, r.stats), '{PENDING}')"
_PENDING = f"(r.stats = '{PENDING}' AND l.revision_id IS NULL)"
_LATE = "LEFT JOIN late_stats l ON l.revision_id = r.id "


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _connect(path: Path, read_only: bool, create: bool = False) -> sqlite3.Connection:
    """A connection that never creates the file (unless asked) and, for readers, never writes.

    On read-only media (no ``-shm`` can be made beside the file) the file is read as
    immutable, which needs neither.
    """
    mode = "ro" if read_only else ("rwc" if create else "rw")
    try:
        # the window runs long edits (replace all) in a worker thread while its own thread
        # stays off the store; one thread at a time, never two at once
        connection = _configure(sqlite3.connect(sqlite_uri(path, mode), uri=True,
                                                isolation_level=None,
                                                timeout=BUSY_TIMEOUT_MS / 1000,
                                                check_same_thread=False))
        if read_only:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.DatabaseError as error:
        if not read_only or not _wal_is_empty(path) or not (
                "unable to open" in str(error) or "I/O" in str(error)):
            raise _open_error(path, error) from error
    # read-only media or a full disk, where no -shm can be made: with no WAL to read, the
    # file as it is holds everything committed
    try:
        return _configure(sqlite3.connect(sqlite_uri(path, "ro", immutable=True), uri=True,
                                          isolation_level=None, check_same_thread=False))
    except sqlite3.Error as error:
        raise _open_error(path, error) from error


def _wal_is_empty(path: Path) -> bool:
    """Whether the project has no write-ahead log with frames in it."""
    try:
        return os.stat(path.with_name(path.name + "-wal")).st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def _configure(connection: sqlite3.Connection) -> sqlite3.Connection:
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    return connection


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open_error(path: Path, error: BaseException) -> ReviewerError:
    """A one-line message for a project that cannot be opened."""
    text = str(error)
    if is_full_disk(error, path):
        return ReviewerError(f"{path}: the disk is full ({text})")
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return ReviewerError(f"{path}: not a reviewer project ({text})")
    if "unable to open" in text:
        return ReviewerError(f"{path}: cannot be opened ({text}; check the file's and its "
                             "folder's permissions)")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(f"{path}: cannot be written here ({text}); open it read-only")
    if "I/O" in text:
        return ReviewerError(f"{path}: cannot be read ({text}; is the disk failing or full?)")
    return ReviewerError(f"{path}: cannot be opened ({text})")


def _free_name(stem: Path, suffix: str) -> Path:
    """``STEM.SUFFIX``, else ``STEM.2.SUFFIX``, ...: a name where nothing is yet."""
    number = 1
    while True:
        name = stem.with_name(stem.name + (f".{number}" if number > 1 else "") + suffix)
        if not os.path.lexists(name) and not any(
                os.path.lexists(name.with_name(name.name + end)) for end in SIDECARS):
            return name
        number += 1


def _file_identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device and inode), or None if none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _write_error(path: Path, error: BaseException) -> ReviewerError:
    """A one-line message for a write that failed (nothing partial is left)."""
    if is_full_disk(error, path):
        return ReviewerError(f"cannot write {path}: the disk is full; nothing was changed")
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    if isinstance(error, OSError) and error.errno in (13, 30):  # EACCES, EROFS
        return ReviewerError(f"cannot write {path}: {detail}; nothing was changed")
    return ReviewerError(f"cannot write {path}: {detail}")


class ProjectStore(CommentStore):
    """One open project file."""

    checkpoint_every_commit = True  # benchmarks/store_safety.py measures what it costs

    def __init__(self, path: Path, connection: sqlite3.Connection,
                 lock: ProjectLock | None = None, read_only: bool = False) -> None:
        self.path = path
        self._db = connection
        self._lock = lock
        self.read_only = read_only
        self._project_id: str | None = None
        self._identity = _file_identity(path)

    # -- opening and creating ------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False,
             program: str = "reviewer", owner_pid: int | None = None) -> ProjectStore:
        """Open a project, check its integrity and bring its schema up to date.

        A writer holds the project's lock until ``close``; a second writer is refused
        with a message naming the holder (``owner_pid``: the window a store process
        works for). Readers take no lock and never write: nothing
        is changed before the file is known to be a project, and on read-only media the
        file is read as it is.
        """
        # through a link too, the lock (and the record of saved revisions) is the file's own
        file = Path(os.path.realpath(path))
        check_regular_file(file)
        lock = None if read_only else ProjectLock(file, program, owner_pid)
        if lock is not None:  # a writer starting is where a killed writer's leftovers go
            clean_stray_partials(file, every_name=True)
        try:
            connection = _connect(file, read_only)
            try:
                check = connection.execute("PRAGMA quick_check").fetchone()[0]
                tables = {row[0] for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError as error:
                connection.close()
                raise _open_error(file, error) from error
            if check != "ok":
                connection.close()
                raise ReviewerError(f"{file}: the integrity check failed ({check}); "
                                    "restore a backup copy of the project")
            if "schema_version" not in tables or "segments" not in tables:
                connection.close()
                raise ReviewerError(f"{file}: not a reviewer project")
            if not read_only:  # a project: now it may be switched to WAL
                try:
                    connection.execute("PRAGMA journal_mode = WAL")
                except sqlite3.DatabaseError as error:
                    connection.close()
                    raise _open_error(file, error) from error
            store = cls(file, connection, lock, read_only)
            store._migrate()
            if lock is not None:
                store._take_acknowledgements()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return store

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        segments: Iterable[NewSegment],
        tail: str,
        properties: dict[str, str],
        original: tuple[str, str, bytes] | None = None,
        program: str = "reviewer",
    ) -> ProjectStore:
        """Write a new project; it appears at ``path`` only once it is complete, and never
        in place of anything already there (a file, a link, an earlier ``-wal``)."""
        file = Path(path)
        refuse_existing(file, "a new project")
        clean_stray_partials(file)
        temp = partial_path(file)
        remove_partial(temp)
        try:
            connection = _connect(temp, read_only=False, create=True)
        except sqlite3.Error as error:
            remove_partial(temp)
            raise _write_error(file, error) from error
        try:
            store = cls(temp, connection)
            store._migrate()  # a new file: nothing to back up
            totals = DocumentTotals()
            with store._write():
                for position, segment in enumerate(segments):
                    segment_id = connection.execute(
                        "INSERT INTO segments (position, source, mt, reference, gap_before, "
                        "mt_stats, mt_hter, mt_bleu, mt_chrf, meta) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (position, segment.source, segment.mt, segment.reference,
                         segment.gap_before, segment.mt_stats.to_json(), segment.mt_scores.hter,
                         segment.mt_scores.bleu, segment.mt_scores.chrf, segment.meta),
                    ).lastrowid
                    if segment.correction is None:
                        totals = totals.plus(segment.mt_stats)
                        continue
                    text, stats, scores = segment.correction
                    revision_id = connection.execute(
                        "INSERT INTO revisions (segment_id, number, text, author, created_at, "
                        "editing_ms, status, hter, bleu, chrf, stats) "
                        "VALUES (?, 1, ?, 'import', ?, 0, 'imported', ?, ?, ?, ?)",
                        (segment_id, text, utc_now(), scores.hter, scores.bleu, scores.chrf,
                         stats.to_json()),
                    ).lastrowid
                    connection.execute("UPDATE segments SET head_revision = ? WHERE id = ?",
                                       (revision_id, segment_id))
                    totals = totals.plus(stats)
                connection.executemany(
                    "INSERT INTO properties (name, value) VALUES (?, ?)",
                    sorted({**properties, "layout_tail": tail, "created_at": utc_now(),
                            "project_id": uuid.uuid4().hex}.items()),
                )
                connection.execute("INSERT INTO totals (id, stats) VALUES (1, ?)",
                                   (totals.to_json(),))
                if original is not None:
                    connection.execute(
                        "INSERT INTO originals (id, name, format, data) VALUES (1, ?, ?, ?)",
                        original)
            connection.close()
            _fsync(temp)
            publish_exclusive(temp, file, "a new project")
        except BaseException as error:
            connection.close()
            remove_partial(temp)
            if isinstance(error, (OSError, sqlite3.Error)):
                raise _write_error(file, error) from error
            raise
        return cls.open(file, program=program)

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise ReviewerError(
                f"{self.path}: made by a newer reviewer (schema {version}); please update")
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise ReviewerError(f"{self.path}: made by an older reviewer; open it for editing "
                                "once to bring it up to date")
        if version > 0:  # an existing project: keep a copy of it as it was
            self.backup_to(_free_name(self.path.with_name(f"{self.path.name}.schema{version}"),
                                      ".bak"))
        with self._write():
            for step in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[step]):
                    self._db.execute(statement)
            self._db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))

    def backup_to(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the project (SQLite's backup API); it appears complete, and
        never in place of an existing file."""
        destination = Path(target)
        refuse_overwriting_project(destination, self.path, "a backup")
        refuse_existing(destination, "a backup")
        clean_stray_partials(destination)
        temp = partial_path(destination)
        remove_partial(temp)
        try:
            copy = sqlite3.connect(sqlite_uri(temp, "rwc"), uri=True)
            try:
                self._db.backup(copy)
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
            _fsync(temp)
            publish_exclusive(temp, destination, "a backup")
        except (OSError, sqlite3.Error) as error:
            remove_partial(temp)
            raise _write_error(destination, error) from error
        except BaseException:
            remove_partial(temp)
            raise
        return destination

    def check(self, full: bool = True) -> list[str]:
        """Problems with the file itself: integrity (``full``), schema, the append-only
        triggers, revision numbering, and revisions saved earlier but missing now."""
        problems: list[str] = []
        if full:
            rows = [row[0] for row in self._db.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                problems += [f"integrity check: {row}" for row in rows[:20]]
        version = self.schema_version()
        if version != SCHEMA_VERSION:
            problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
        triggers = {str(row[0]): str(row[1]) for row in self._db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
        for name, event in (("revisions_are_never_updated", "UPDATE"),
                            ("revisions_are_never_deleted", "DELETE")):
            sql = triggers.get(name, "")
            if f"BEFORE {event} ON revisions" not in sql or "RAISE(ABORT" not in sql:
                problems.append(f"the trigger that keeps revisions from {event.lower()}s "
                                "is missing or altered")
        if full:
            for segment, numbers in self._db.execute(
                    "SELECT s.position, group_concat(r.number) FROM segments s "
                    "JOIN revisions r ON r.segment_id = s.id GROUP BY s.id "
                    "HAVING count(*) != max(r.number) OR min(r.number) != 1"):
                problems.append(f"segment {segment + 1}: revision numbers {numbers} have gaps")
            for (segment,) in self._db.execute(
                    "SELECT s.position FROM segments s WHERE s.head_revision IS NOT NULL AND "
                    "s.head_revision != (SELECT max(id) FROM revisions WHERE segment_id = s.id)"):
                problems.append(f"segment {segment + 1}: its current text is not its newest "
                                "revision")
        if full and self.schema_version() >= 5:
            listed = set(self._db.execute("SELECT segment_id, revision_id FROM pending_heads"))
            actual = set(self._db.execute(
                "SELECT s.id, r.id FROM segments s JOIN revisions r ON r.id = s.head_revision "
                + _LATE + f"WHERE {_PENDING} AND s.position >= 0"))
            if listed != actual:
                problems.append(f"the list of segments whose scores are pending "
                                f"({len(listed)}) differs from the revisions still pending "
                                f"({len(actual)})")
        for loss in json.loads(self.properties().get("lost_revisions", "[]")):
            problems.append(
                f"revisions {loss['present'] + 1} to {loss['acknowledged']} were saved but "
                f"were missing when the project was opened at {loss['at']} (a deleted or "
                "emptied -wal file, or an older copy put in its place)")
        record = read_lock_record(self.path)
        if record and record.get("project_id") == self.properties().get("project_id"):
            acknowledged = int(record.get("acknowledged", 0))
            present = self._revision_high_mark()
            if acknowledged > present:
                problems.append(f"revisions {present + 1} to {acknowledged} were saved but are "
                                "missing (a deleted or emptied -wal file, or an older copy put "
                                "in its place)")
        return problems

    def schema_version(self) -> int:
        """The file's schema version (0 for an empty file)."""
        try:
            row = self._db.execute("SELECT version FROM schema_version").fetchone()
        except sqlite3.OperationalError:
            return 0
        return int(row[0]) if row else 0

    def close(self) -> None:
        """Close the file (every change is already committed) and free its lock."""
        self._db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ReviewerError(f"{self.path.name} is open read-only")
        if _file_identity(self.path) != self._identity:  # a sync tool or a copy put another
            raise ReviewerError(f"{self.path} was replaced or removed by another program; "
                                "nothing was saved: reopen the project (your text is kept)")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise ReviewerError(f"{self.path}: busy, another program is writing ({error})") \
                    from error
            raise _write_error(self.path, error) from error
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as error:
            if self._db.in_transaction:  # SQLite may have rolled back already (disk full)
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise _write_error(self.path, error) from error
            raise
        self._after_commit()

    def _after_commit(self) -> None:
        """Move the commit into the project file at once (so a lost ``-wal`` loses as little
        as SQLite allows) and record the revisions saved in the lock file."""
        if self.checkpoint_every_commit:
            with suppress(sqlite3.Error):  # else the commit stays in the WAL until the next
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        if self._lock is not None and self._project_id is not None:
            self._lock.acknowledge(self._project_id, self._revision_high_mark())

    def _revision_high_mark(self) -> int:
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])

    def _take_acknowledgements(self) -> None:
        """Compare what the lock file says was saved with what the project holds; note a
        loss in the project (``verify`` reports it), then take over the record."""
        assert self._lock is not None
        project_id = self.properties().get("project_id")
        if project_id is None:
            project_id = uuid.uuid4().hex
            with self._write() as db:
                db.execute("INSERT INTO properties (name, value) VALUES ('project_id', ?)",
                           (project_id,))
        self._project_id = project_id
        known_id, acknowledged = self._lock.previous_acknowledged
        present = self._revision_high_mark()
        if known_id == project_id and acknowledged > present:
            loss = {"at": utc_now(), "acknowledged": acknowledged, "present": present}
            lost = json.loads(self.properties().get("lost_revisions", "[]"))
            with self._write() as db:
                db.execute("INSERT INTO properties (name, value) VALUES ('lost_revisions', ?) "
                           "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                           (json.dumps([*lost, loss]),))
        self._lock.acknowledge(project_id, self._revision_high_mark())

    def set_property(self, name: str, value: str) -> None:
        """Set one project property (added, or its value replaced)."""
        with self._write() as db:
            db.execute("INSERT INTO properties (name, value) VALUES (?, ?) "
                       "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, value))

    # -- reading -------------------------------------------------------------------------

    def properties(self) -> dict[str, str]:
        """The project's properties (source file name, encoding, segmentation, ...)."""
        return dict(self._db.execute("SELECT name, value FROM properties"))

    def original(self) -> tuple[str, str, bytes] | None:
        """The imported file as it was (name, format, bytes), when the format keeps it."""
        row = self._db.execute("SELECT name, format, data FROM originals WHERE id = 1").fetchone()
        return (str(row[0]), str(row[1]), bytes(row[2])) if row else None

    def segment_meta(self) -> list[str | None]:
        """Each segment's format data (JSON or None), in document order."""
        return [row[0] for row in self._db.execute(
            "SELECT meta FROM segments WHERE position >= 0 ORDER BY position")]

    def segment_count(self) -> int:
        """How many segments the project has."""
        return int(self._db.execute(
            "SELECT count(*) FROM segments WHERE position >= 0").fetchone()[0])

    _SEGMENT_SELECT = (
        "SELECT s.id, s.position, s.source, s.mt, s.reference, "
        "coalesce(r.text, s.mt), coalesce(r.status, 'new'), coalesce(r.number, 0), "
        + ", ".join(f"CASE WHEN r.id IS NULL THEN s.mt_{name} WHEN {_PENDING} THEN NULL "
                    f"ELSE coalesce(l.{name}, r.{name}) END" for name in ("hter", "bleu", "chrf"))
        + f", coalesce({_PENDING}, 0) "
        "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + _LATE
    )

    def segments(self) -> list[SegmentRecord]:
        """All segments in document order, with their current texts."""
        rows = self._db.execute(self._SEGMENT_SELECT + "WHERE s.position >= 0 "
                                "ORDER BY s.position")
        return [_segment_record(row) for row in rows]

    def segment(self, position: int) -> SegmentRecord:
        """One segment by its 0-based position."""
        row = self._db.execute(self._SEGMENT_SELECT + "WHERE s.position = ?",
                               (position,)).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        return _segment_record(row)

    def layout(self) -> Layout:
        """The text between segments, for exporting the document as it came."""
        gaps = [row[0] for row in self._db.execute(
            "SELECT gap_before FROM segments WHERE position >= 0 ORDER BY position")]
        gaps.append(self.properties().get("layout_tail", ""))
        return Layout(tuple(gaps))

    def totals(self) -> DocumentTotals:
        """The summed statistics of every segment's current text, leaving out the
        ``pending_count`` segments whose statistics are still being computed."""
        return DocumentTotals.from_json(
            self._db.execute("SELECT stats FROM totals WHERE id = 1").fetchone()[0])

    def pending_count(self) -> int:
        """How many segments' current texts still wait for their statistics."""
        return int(self._db.execute("SELECT count(*) FROM pending_heads").fetchone()[0])

    def pending_revisions(self) -> list[PendingRevision]:
        """Every revision whose statistics are still to be computed, current texts first."""
        rows = self._db.execute(
            "SELECT r.id, s.position, s.mt, r.text, s.reference, s.mt_stats, "
            "r.id = s.head_revision FROM revisions r JOIN segments s ON s.id = r.segment_id "
            + _LATE + f"WHERE {_PENDING} ORDER BY r.id = s.head_revision DESC, r.id")
        return [PendingRevision(int(row[0]), int(row[1]), row[2], row[3], row[4],
                                SegmentStats.from_json(row[5]).mt_reference, bool(row[6]))
                for row in rows]

    _HEAD_STATS = (f"SELECT CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {_STATS} END "
                   "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + _LATE)

    def head_stats(self, position: int) -> SegmentStats | None:
        """The statistics of a segment's current text (its MT's when never edited); None
        while they are pending."""
        row = self._db.execute(self._HEAD_STATS + "WHERE s.position = ?",
                               (position,)).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        return None if row[0] is None else SegmentStats.from_json(row[0])

    def known_stats(self, position: int, text: str) -> SegmentStats | None:
        """Statistics already stored for this segment with this text (its MT, or an earlier
        revision's, pending ones left out), so that restoring or undoing needs no scoring."""
        row = self._db.execute(
            "SELECT CASE WHEN s.mt = ? THEN s.mt_stats ELSE ("
            f"SELECT {_STATS} FROM revisions r {_LATE}"
            f"WHERE r.segment_id = s.id AND r.text = ? AND NOT {_PENDING} "
            "ORDER BY r.id DESC LIMIT 1) END FROM segments s WHERE s.position = ?",
            (text, text, position)).fetchone()
        if row is None or row[0] is None:
            return None
        stats = SegmentStats.from_json(row[0])
        return stats if stats.complete else None

    def all_head_stats(self) -> list[SegmentStats | None]:
        """Every segment's current statistics, in document order (None: pending)."""
        return [None if row[0] is None else SegmentStats.from_json(row[0]) for row in
                self._db.execute(self._HEAD_STATS + "WHERE s.position >= 0 "
                                 "ORDER BY s.position")]

    def counts(self) -> dict[str, int]:
        """Segments in all (``segments``), changed from the MT (``changed``), and by status
        (``status:NAME``).

        Read from running counts; the first call on a project counts once and stores them.
        """
        stored = dict(self._db.execute("SELECT name, value FROM counts"))
        if stored:
            return {str(name): int(value) for name, value in stored.items()}
        if self.read_only:
            return self._count_segments()
        with self._write() as db:
            result = self._count_segments()
            db.executemany("INSERT INTO counts (name, value) VALUES (?, ?)",
                           sorted(result.items()))
        return result

    def _count_segments(self) -> dict[str, int]:
        result: dict[str, int] = {"segments": self.segment_count()}
        for status, count in self._db.execute(
            "SELECT coalesce(r.status, 'new'), count(*) FROM segments s "
            "LEFT JOIN revisions r ON r.id = s.head_revision WHERE s.position >= 0 "
            "GROUP BY 1"
        ):
            result[f"status:{status}"] = int(count)
        result["changed"] = int(self._db.execute(
            "SELECT count(*) FROM segments s JOIN revisions r ON r.id = s.head_revision "
            "WHERE r.text != s.mt AND s.position >= 0").fetchone()[0])
        return result

    _REVISION_SELECT = (
        "SELECT r.id, r.segment_id, s.position, r.number, r.text, r.author, r.created_at, "
        "r.editing_ms, r.status, "
        + ", ".join(f"CASE WHEN {_PENDING} THEN NULL ELSE coalesce(l.{name}, r.{name}) END"
                    for name in ("hter", "bleu", "chrf"))
        + f", r.keys_insert, r.keys_delete, r.keys_navigate, {_PENDING}, r.note "
        "FROM revisions r JOIN segments s ON s.id = r.segment_id " + _LATE
    )

    def revisions(self, position: int | None = None) -> list[RevisionRecord]:
        """Revisions of one segment (oldest first) or of all segments (in document order)."""
        if position is None:
            rows = self._db.execute(self._REVISION_SELECT + "ORDER BY s.position, r.number")
            return sorted(self._in_live_segments(rows), key=lambda r: (r.position, r.id))
        rows = self._db.execute(self._REVISION_SELECT + "WHERE s.position = ? "
                                "ORDER BY r.number", (position,))
        return [_revision_record(row) for row in rows]

    def revision(self, position: int, number: int) -> RevisionRecord:
        """One revision of a segment by its number (1-based)."""
        row = self._db.execute(self._REVISION_SELECT + "WHERE s.position = ? AND r.number = ?",
                               (position, number)).fetchone()
        if row is None:
            raise ReviewerError(f"segment {position + 1} has no revision {number}")
        return _revision_record(row)

    # -- writing -------------------------------------------------------------------------

    def add_revision(
        self,
        position: int,
        text: str,
        stats: SegmentStats | None,
        scores: Scores | None,
        author: str,
        status: str,
        editing_ms: int = 0,
        keystrokes: tuple[int, int, int] = (0, 0, 0),
    ) -> RevisionRecord:
        """Append a revision, make it the segment's head and update the totals, atomically.

        ``stats`` None saves it with its statistics pending (``add_late_stats`` brings
        them): the totals then leave the segment out and ``pending_heads`` lists it.
        The segment's draft, if any, has become this revision and is dropped.
        """
        with self._write() as db:
            totals = DocumentTotals.from_json(
                db.execute("SELECT stats FROM totals WHERE id = 1").fetchone()[0])
            _revision_id, number, totals = self._append_revision(
                db, totals, NewRevision(position, text, stats, scores, author, status,
                                        editing_ms, keystrokes))
            db.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
        return self.revision(position, number)

    def add_revisions(self, revisions: Sequence[NewRevision]) -> list[int]:
        """Append many revisions (replace all, its undo) in one transaction: all or none;
        their ids (``revisions_by_id`` reads them)."""
        with self._write() as db:
            totals = DocumentTotals.from_json(
                db.execute("SELECT stats FROM totals WHERE id = 1").fetchone()[0])
            ids = []
            for revision in revisions:
                revision_id, _number, totals = self._append_revision(db, totals, revision)
                ids.append(revision_id)
            db.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
        return ids

    # a batch reads what it needs in slices: a window's worker thread unpickles each
    # answer holding Python's lock, and 10,000 records at once would stall the GUI thread

    def head_texts(self) -> list[str]:
        """Every segment's current text, in document order."""
        return [str(row[0]) for row in self._db.execute(
            "SELECT coalesce(r.text, s.mt) FROM segments s LEFT JOIN revisions r "
            "ON r.id = s.head_revision WHERE s.position >= 0 ORDER BY s.position")]

    def segments_at(self, positions: Sequence[int]) -> list[SegmentRecord]:
        """The segments at ``positions``, in that order."""
        rows = self._db.execute(self._SEGMENT_SELECT + "WHERE s.position IN ("
                                + ", ".join("?" * len(positions)) + ")", tuple(positions))
        found = {record.position: record for record in map(_segment_record, rows)}
        return [found[position] for position in positions]

    def head_stats_at(self, positions: Sequence[int]) -> list[SegmentStats | None]:
        """The current statistics of the segments at ``positions`` (None: pending)."""
        rows = self._db.execute(
            f"SELECT s.position, CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {_STATS} END "
            "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision " + _LATE
            + "WHERE s.position IN (" + ", ".join("?" * len(positions)) + ")",
            tuple(positions))
        found = {int(row[0]): None if row[1] is None else SegmentStats.from_json(row[1])
                 for row in rows}
        return [found[position] for position in positions]

    def revisions_by_id(self, ids: Sequence[int]) -> list[RevisionRecord]:
        """The revisions with these ids, in that order."""
        rows = self._db.execute(self._REVISION_SELECT + "WHERE r.id IN ("
                                + ", ".join("?" * len(ids)) + ")", tuple(ids))
        found = {record.id: record for record in map(_revision_record, rows)}
        return [found[revision_id] for revision_id in ids]

    def _append_revision(self, db: sqlite3.Connection, totals: DocumentTotals,
                         new: NewRevision) -> tuple[int, int, DocumentTotals]:
        """Inside a write: append ``new`` as its segment's head; (id, number, new totals)."""
        position, text, stats, scores = new.position, new.text, new.stats, new.scores
        row = db.execute(
            f"SELECT s.id, CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {_STATS} END, "
            "s.mt, coalesce(r.text, s.mt), s.reference, coalesce(r.status, 'new') "
            "FROM segments s LEFT JOIN revisions r ON r.id = s.head_revision "
            + _LATE + "WHERE s.position = ?",
            (position,),
        ).fetchone()
        if row is None:
            raise ReviewerError(
                f"no segment {position + 1}: the project has {self.segment_count()} segments")
        segment_id = int(row[0])
        old_stats = None if row[1] is None else SegmentStats.from_json(row[1])
        if old_stats is not None and not old_stats.complete:
            # stored by reviewer 0.1: as refresh_statistics counted it
            old_stats = segment_stats(row[2], row[3], row[4])
        number = int(db.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE segment_id = ?",
            (segment_id,)).fetchone()[0])
        if stats is not None and scores is None:  # a batch's: its scores are made here
            scores = sentence_scores(stats)
        values = (0.0, 0.0, 0.0, PENDING) if stats is None or scores is None else (
            scores.hter, scores.bleu, scores.chrf, stats.to_json())
        cursor = db.execute(
            "INSERT INTO revisions (segment_id, number, text, author, created_at, "
            "editing_ms, status, hter, bleu, chrf, stats, keys_insert, keys_delete, "
            "keys_navigate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (segment_id, number, text, new.author, utc_now(), int(new.editing_ms),
             new.status, *values, *new.keystrokes),
        )
        db.execute("DELETE FROM drafts WHERE segment_id = ?", (segment_id,))
        revision_id = int(cursor.lastrowid or 0)
        db.execute("UPDATE segments SET head_revision = ? WHERE id = ?",
                   (revision_id, segment_id))
        db.execute("DELETE FROM pending_heads WHERE segment_id = ?", (segment_id,))
        if stats is None:
            db.execute("INSERT INTO pending_heads (segment_id, revision_id) VALUES (?, ?)",
                       (segment_id, revision_id))
        if old_stats is not None:
            totals = totals.minus(old_stats)
        if stats is not None:
            totals = totals.plus(stats)
        old_status, mt, old_text = str(row[5]), str(row[2]), str(row[3])
        for name, change in ((f"status:{old_status}", -1), (f"status:{new.status}", 1),
                             ("changed", (text != mt) - (old_text != mt))):
            if change:  # running counts, once they exist (``counts`` makes them)
                db.execute("INSERT INTO counts (name, value) SELECT ?, 0 "
                           "WHERE EXISTS (SELECT 1 FROM counts) "
                           "ON CONFLICT (name) DO NOTHING", (name,))
                db.execute("UPDATE counts SET value = value + ? WHERE name = ?",
                           (change, name))
        return revision_id, number, totals

    def add_late_stats(self, revision_id: int, text: str, stats: SegmentStats,
                       scores: Scores) -> bool:
        """Store the statistics of a revision saved with them pending, atomically adding
        them to the totals if it is still its segment's current text.

        ``text`` is the text they were computed for; False (nothing stored) unless that
        is the revision's text and its statistics are still pending.
        """
        with self._write() as db:
            row = db.execute(
                f"SELECT r.segment_id, r.text FROM revisions r {_LATE}"
                f"WHERE r.id = ? AND {_PENDING}", (revision_id,)).fetchone()
            if row is None or row[1] != text:
                return False
            db.execute("INSERT INTO late_stats (revision_id, hter, bleu, chrf, stats, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                       (revision_id, scores.hter, scores.bleu, scores.chrf, stats.to_json(),
                        utc_now()))
            if db.execute("DELETE FROM pending_heads WHERE revision_id = ?",
                          (revision_id,)).rowcount:
                totals = DocumentTotals.from_json(
                    db.execute("SELECT stats FROM totals WHERE id = 1").fetchone()[0])
                db.execute("UPDATE totals SET stats = ? WHERE id = 1",
                           (totals.plus(stats).to_json(),))
        return True

    def refresh_statistics(self) -> DocumentTotals:
        """Bring statistics stored by reviewer 0.1 up to date and sum the totals afresh.

        The MT's statistics are rewritten; revisions cannot be, so an old head revision's
        statistics are recomputed here for the sums (``add_revision`` does the same when
        it replaces them).
        """
        with self._write() as db:
            totals = DocumentTotals()
            rows = db.execute(
                f"SELECT s.id, s.mt, s.reference, s.mt_stats, r.text, {_STATS} FROM segments s "
                "LEFT JOIN revisions r ON r.id = s.head_revision " + _LATE
                + "WHERE s.position >= 0 ORDER BY s.position").fetchall()
            for segment_id, mt, reference, mt_json, text, revision_json in rows:
                mt_stats = SegmentStats.from_json(mt_json)
                if not mt_stats.complete:
                    mt_stats = identity_stats(mt, reference)
                    db.execute("UPDATE segments SET mt_stats = ? WHERE id = ?",
                               (mt_stats.to_json(), segment_id))
                if text is not None and revision_json is None:
                    continue  # pending: the totals leave it out until its statistics come
                head = mt_stats if text is None else SegmentStats.from_json(revision_json)
                if not head.complete:
                    head = segment_stats(mt, text, reference, mt_stats.mt_reference)
                totals = totals.plus(head)
            db.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
        return totals

    # -- drafts --------------------------------------------------------------------------

    def save_draft(self, position: int, text: str, author: str, editing_ms: int) -> None:
        """Keep typed, unconfirmed text of a segment (replacing its earlier draft)."""
        with self._write() as db:
            db.execute(
                "INSERT INTO drafts (segment_id, text, author, updated_at, editing_ms) "
                "SELECT id, ?, ?, ?, ? FROM segments WHERE position = ? "
                "ON CONFLICT (segment_id) DO UPDATE SET text = excluded.text, "
                "author = excluded.author, updated_at = excluded.updated_at, "
                "editing_ms = excluded.editing_ms",
                (text, author, utc_now(), int(editing_ms), position))

    def discard_draft(self, position: int) -> None:
        """Forget a segment's draft (the typing went back to the saved text)."""
        with self._write() as db:
            db.execute("DELETE FROM drafts WHERE segment_id = "
                       "(SELECT id FROM segments WHERE position = ?)", (position,))

    def drafts(self) -> dict[int, DraftRecord]:
        """Every segment's draft, by position."""
        rows = self._db.execute(
            "SELECT s.position, d.text, d.author, d.updated_at, d.editing_ms FROM drafts d "
            "JOIN segments s ON s.id = d.segment_id ORDER BY s.position")
        return {int(row[0]): DraftRecord(*row) for row in rows}

    # -- versions ------------------------------------------------------------------------

    def add_version(self, label: str, author: str) -> VersionRecord:
        """Label the document as it is now."""
        with self._write() as db:
            if db.execute("SELECT 1 FROM versions WHERE label = ?", (label,)).fetchone():
                raise ReviewerError(f"there is already a version labelled {label!r}")
            last = int(db.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])
            db.execute("INSERT INTO versions (label, created_at, author, last_revision) "
                       "VALUES (?, ?, ?, ?)", (label, utc_now(), author, last))
        return self.version(label)

    def versions(self) -> list[VersionRecord]:
        """All labelled versions, oldest first."""
        rows = self._db.execute("SELECT id, label, created_at, author, last_revision "
                                "FROM versions ORDER BY id")
        return [VersionRecord(*row) for row in rows]

    def version(self, label: str) -> VersionRecord:
        """One version by its label."""
        row = self._db.execute("SELECT id, label, created_at, author, last_revision "
                               "FROM versions WHERE label = ?", (label,)).fetchone()
        if row is None:
            known = ", ".join(v.label for v in self.versions()) or "none yet"
            raise ReviewerError(f"no version labelled {label!r} (versions: {known})")
        return VersionRecord(*row)

    def states_at(self, last_revision: int) -> list[SegmentState]:
        """Every segment as it was when revision ``last_revision`` was the newest."""
        rows = self._db.execute(
            "SELECT s.position, s.mt, coalesce(r.text, s.mt), coalesce(r.status, 'new'), "
            f"CASE WHEN r.id IS NULL THEN s.mt_stats ELSE {_STATS} END "
            "FROM segments s LEFT JOIN revisions r ON r.id = "
            "(SELECT max(id) FROM revisions WHERE segment_id = s.id AND id <= ?) "
            + _LATE + "WHERE s.position >= 0 ORDER BY s.position", (last_revision,))
        return [SegmentState(*row) for row in rows]

    def revisions_after(self, last_revision: int = 0, since_time: str | None = None,
                        ) -> list[RevisionRecord]:
        """Revisions newer than a revision id and (if given) made at or after a time."""
        query = self._REVISION_SELECT + "WHERE r.id > ?"
        parameters: list[object] = [last_revision]
        if since_time is not None:
            query += " AND r.created_at >= ?"
            parameters.append(since_time)
        rows = self._db.execute(query + " ORDER BY r.id", parameters)
        return self._in_live_segments(rows)

    # -- split and merge (the rules are the session's; see reviewer.store.restructure) ----

    def replace_segments(self, first: int, count: int, parts: list[restructure.SegmentPart],
                         kind: str, author: str) -> None:
        """Put ``parts`` in place of the ``count`` segments from position ``first`` (a split
        or a merge) in one transaction; the segments replaced keep their history."""
        with self._write() as db:
            restructure.replace_segments(db, first, count, parts, kind, author, utc_now())

    def earlier_revisions(self, position: int) -> list[RevisionRecord]:
        """Revisions of the segments this one came from by splits and merges, oldest first,
        shown at ``position``."""
        ids = restructure.ancestors(self._db, self.segment(position).id)
        rows = self._db.execute(self._REVISION_SELECT + "WHERE r.segment_id IN ("
                                + ", ".join("?" * len(ids)) + ") ORDER BY r.id", ids)
        return [replace(_revision_record(row), position=position) for row in rows]

    def segments_as_of(self, label: str) -> tuple[list[restructure.PastSegment], str] | None:
        """A version's segments in its own segmentation, and the layout's tail; None when
        no segment was split or merged since it was labelled."""
        version = self.version(label)
        return restructure.segments_as_of(self._db, version.id, version.last_revision)

    def _in_live_segments(self, rows: Iterable[Any]) -> list[RevisionRecord]:
        """Revisions, those of segments split or merged away shown at the segment their
        history went on in."""
        records = [_revision_record(row) for row in rows]
        if all(record.position >= 0 for record in records):
            return records
        moved = restructure.successors(self._db)
        return [replace(record, position=moved.get(record.position, record.position))
                if record.position < 0 else record for record in records]


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
