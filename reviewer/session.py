"""The review service: the one place that knows the rules of editing a project.

The GUI and the CLI both call it; neither touches the project file directly.
``ReviewSession`` opens, creates and checks the project file; what it does with an open
project comes from the ``reviewer.session_*`` modules, one job each.
"""

from __future__ import annotations

import getpass
import os
import weakref
from pathlib import Path
from typing import cast

from reviewer.core.bounded import BUDGET_S, BoundedScorer
from reviewer.core.document import ImportedDocument
from reviewer.core.scoring import DocumentTotals
from reviewer.core.status import SegmentStatus
from reviewer.session_analysis import SessionAnalysis
from reviewer.session_annotations import SessionAnnotations
from reviewer.session_batches import Progress, SessionBatches
from reviewer.session_checks import PROJECT_WORDS_PROPERTY, SessionChecks
from reviewer.session_export import SessionExport
from reviewer.session_filters import SessionFilters
from reviewer.session_glossary import SessionGlossary
from reviewer.session_history import CURRENT, utc_stamp
from reviewer.session_import import new_segments
from reviewer.session_late import SessionLateScores
from reviewer.session_memory import SessionMemory
from reviewer.session_offline import SessionOffline
from reviewer.session_repetitions import SessionRepetitions
from reviewer.session_restructure import SessionRestructure
from reviewer.session_results import (
    UNKNOWN_SCORES,
    BatchResult,
    DocumentSummary,
    EditResult,
    RestructureResult,
    state_scores,
)
from reviewer.session_review import SessionReview
from reviewer.session_suggestions import SessionSuggestions
from reviewer.session_team import SessionTeam
from reviewer.session_team_roles import SessionTeamRoles
from reviewer.store.files import stray_partials
from reviewer.store.project import ProjectStore
from reviewer.store.server_url import is_server_url

__all__ = [
    "CURRENT",
    "PROJECT_WORDS_PROPERTY",
    "STATUS_CONFIRMED",
    "STATUS_EDITED",
    "STATUS_IMPORTED",
    "STATUS_NEW",
    "UNKNOWN_SCORES",
    "BatchResult",
    "DocumentSummary",
    "EditResult",
    "Progress",
    "RestructureResult",
    "ReviewSession",
    "default_author",
    "state_scores",
    "utc_stamp",
]

STATUS_NEW = SegmentStatus.NEW
STATUS_IMPORTED = SegmentStatus.IMPORTED
STATUS_CONFIRMED = SegmentStatus.CONFIRMED
STATUS_EDITED = SegmentStatus.EDITED


def default_author() -> str:
    """The login name: the author of revisions unless one is named."""
    try:
        return getpass.getuser() or "editor"
    except (KeyError, OSError):
        return "editor"


class ReviewSession(SessionOffline,  # the queue of edits made while a server was away
                    SessionTeam,  # soft locks and others' confirms on a server project
                    SessionTeamRoles,  # roles and assignments on a server project
                    SessionRepetitions,  # before SessionBatches, its base
                    SessionBatches, SessionRestructure, SessionExport, SessionChecks,
                    SessionReview, SessionAnalysis, SessionAnnotations, SessionSuggestions,
                    SessionGlossary, SessionMemory, SessionFilters, SessionLateScores):
    """An open project and the operations an editor performs on it."""

    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        self.scoring_budget = BUDGET_S
        self._scorer = BoundedScorer()
        self._metas = None
        weakref.finalize(self, self._scorer.close)

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        document: ImportedDocument,
        progress: Progress | None = None,
    ) -> ReviewSession:
        """Build a new project from an imported document; no file appears if this fails."""
        properties = {
            "source_name": document.source_name,
            "segmentation": document.segmentation,
            "encoding": document.encoding,
            "bom": "1" if document.bom else "0",
            "has_source": "1" if any(s.source is not None for s in document.segments) else "0",
            "format": document.format,
            **document.metadata,
        }
        original = None
        if document.original is not None:
            original = (document.source_name, document.format, document.original)
        store = ProjectStore.create(path, new_segments(document, progress),
                                    document.layout.gaps[-1], properties, original)
        return cls(store)

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False,
             isolated: bool = False) -> ReviewSession:
        """Open a project; for writing (refused while another writer has it) or read-only.

        ``isolated`` keeps the project file in a store process of its own (the window's
        choice: see ``reviewer.store.remote``).
        """
        if is_server_url(path):  # a team's project on a PostgreSQL server
            from reviewer.store.server import ServerStore

            store = cast(ProjectStore, ServerStore.open(path, read_only=read_only))
        elif isolated:
            from reviewer.store.remote import RemoteStore

            store = cast(ProjectStore, RemoteStore(path, read_only=read_only))
        else:
            store = ProjectStore.open(path, read_only=read_only)
        if not read_only and not store.totals().complete:
            try:  # statistics of reviewer 0.1: add the edit breakdown and the rest once
                store.refresh_statistics()
            except BaseException:
                store.close()
                raise
        return cls(store)

    def close(self) -> None:
        """Close the project; everything confirmed is already saved."""
        self.close_offline()
        self._store.close()

    def verify(self, full: bool = True) -> list[str]:
        """Every problem found with the project (none: all is well).

        The quick part (``full=False``) runs when the window opens a project: schema,
        triggers and revisions missing since they were saved.
        """
        problems = self._store.check(full)
        if full:
            try:
                problems += self._check_sums()
            except (ValueError, KeyError, TypeError, IndexError) as error:
                problems.append(f"stored statistics cannot be read ({error!r})")
            problems += [f"{path.name}: a partial file left by a process that was killed"
                         for path in stray_partials(self.path.parent)]
        return problems

    def _check_sums(self) -> list[str]:
        """The stored totals and counts against sums over every segment's current text."""
        problems = []
        summed = DocumentTotals()
        for stats in self._store.all_head_stats():
            if stats is not None:  # pending: left out of the totals until it comes
                summed = summed.plus(stats)
        if summed.to_json() != self._store.totals().to_json():
            problems.append("the document totals differ from the sum of the segments' "
                            "statistics")
        stored = self._store.counts()
        recount: dict[str, int] = {"segments": 0, "changed": 0}
        for segment in self._store.segments():
            recount["segments"] += 1
            recount["changed"] += segment.text != segment.mt
            recount[f"status:{segment.status}"] = recount.get(f"status:{segment.status}", 0) + 1
        if {k: v for k, v in stored.items() if v} != {k: v for k, v in recount.items() if v}:
            problems.append(f"the stored progress counts {stored} differ from a recount "
                            f"{recount}")
        return problems

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """A consistent copy of the project file."""
        return self._store.backup_to(target)
