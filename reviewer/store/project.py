"""Read and write a project file; every change is one short write transaction.

``ProjectStore`` is made of one part per concern (the modules beside this one); the names
other modules import from here stay importable from here.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterable
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.store.analysis_reads import AnalysisReads
from reviewer.store.annotations import AnnotationStore
from reviewer.store.bulk_import import insert_segments, segments_in_bulk
from reviewer.store.clock import utc_now
from reviewer.store.comments import CommentStore
from reviewer.store.connection import connect, fsync, open_error, write_error
from reviewer.store.drafts import DraftStore
from reviewer.store.export_reads import ExportReads
from reviewer.store.files import (
    check_regular_file,
    clean_stray_partials,
    partial_path,
    publish_exclusive,
    refuse_existing,
    remove_partial,
)
from reviewer.store.filter_queries import FilterQueries
from reviewer.store.glossary import GlossaryStore
from reviewer.store.late_writes import LateWrites
from reviewer.store.lock import ProjectLock
from reviewer.store.maintenance import Maintenance
from reviewer.store.memory import MemoryStore
from reviewer.store.records import (
    DraftRecord,
    NewRevision,
    NewSegment,
    PendingRevision,
    RevisionRecord,
    SegmentRecord,
    SegmentState,
    VersionRecord,
)
from reviewer.store.repetition_reads import RepetitionReads
from reviewer.store.revision_reads import RevisionReads
from reviewer.store.revision_writes import RevisionWrites
from reviewer.store.segment_reads import SegmentReads
from reviewer.store.split_merge import SplitMergeStore
from reviewer.store.statistics_reads import StatisticsReads
from reviewer.store.suggestions import SuggestionStore
from reviewer.store.versions import VersionStore

__all__ = [
    "DraftRecord",
    "NewRevision",
    "NewSegment",
    "PendingRevision",
    "ProjectStore",
    "RevisionRecord",
    "SegmentRecord",
    "SegmentState",
    "VersionRecord",
]


class ProjectStore(Maintenance, SegmentReads, StatisticsReads, RevisionReads, RevisionWrites,
                   DraftStore, VersionStore, SplitMergeStore, CommentStore, SuggestionStore,
                   AnnotationStore, AnalysisReads, RepetitionReads,
                   GlossaryStore, MemoryStore, FilterQueries, LateWrites, ExportReads):
    """One open project file."""

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
            connection = connect(file, read_only)
            try:
                check = connection.execute("PRAGMA quick_check").fetchone()[0]
                tables = {row[0] for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
            except sqlite3.DatabaseError as error:
                connection.close()
                raise open_error(file, error) from error
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
                    raise open_error(file, error) from error
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
            connection = connect(temp, read_only=False, create=True)
        except sqlite3.Error as error:
            remove_partial(temp)
            raise write_error(file, error) from error
        try:
            store = cls(temp, connection)
            store._migrate()  # a new file: nothing to back up
            with store._write():
                with segments_in_bulk(connection):
                    totals = insert_segments(connection, segments)
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
            fsync(temp)
            publish_exclusive(temp, file, "a new project")
        except BaseException as error:
            connection.close()
            remove_partial(temp)
            if isinstance(error, (OSError, sqlite3.Error)):
                raise write_error(file, error) from error
            raise
        return cls.open(file, program=program)

