"""Sending back what was done in a fetched copy (``reviewer fetch``) while away from the server.

Revisions, comments and annotations are append-only, so a sync is a union: what the copy
added after its fetch (ids above the marks ``fetch_copy`` stored) is appended on the server
through the store's own revision path (the totals stay exact), each under its recorded
author. A segment changed on the server since the fetch and in the copy too is a conflict:
both revisions stay in its history, the copy's (sent last) is the current text, and the
conflict is reported and kept in the copy (``sync_conflicts``) until the editor confirms the
text they want. A sync is one server transaction; its id is noted in the copy first, so a
sync cut off between the server's commit and the copy's update is finished, not repeated.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import SegmentStats, segment_stats
from reviewer.store.project import ProjectStore
from reviewer.store.publish import SYNC_MARKS
from reviewer.store.queries import LATE, STATS
from reviewer.store.records import NewRevision
from reviewer.store.server import ServerStore
from reviewer.store.server_errors import ServerUnavailableError
from reviewer.store.server_url import without_password

_PENDING = "sync_pending"
_CONFLICTS = "sync_conflicts"
_ID_MAPS = "sync_ids"  # the server's ids of rows the copy made: {"comments": {copy: server}}


@dataclass(frozen=True)
class Conflict:
    """A segment edited on the server and in the copy since the fetch."""

    position: int
    server_text: str
    server_author: str
    copy_text: str
    copy_author: str
    sent_revision: int  # the server id of the copy's text, now the segment's head


@dataclass
class SyncReport:
    """What a sync sent."""

    url: str
    revisions: int = 0
    comments: int = 0  # comment revisions (a new comment is one)
    annotations: int = 0  # annotation revisions
    conflicts: list[Conflict] = field(default_factory=list)


def sync(copy: str | os.PathLike[str]) -> SyncReport:
    """Send what the fetched copy ``copy`` added since its fetch (or last sync) to its
    server project."""
    recorded_conflicts(copy)  # refused before anything is written to a file not fetched
    local = ProjectStore.open(copy)  # a writer: nobody edits the copy meanwhile
    try:
        url = without_password(_origin(local))
        server = ServerStore.open(url)
        try:
            _finish_interrupted(local, server)
            _forget_resolved(local, server)
            return _send(local, server)
        finally:
            server.close()
    finally:
        local.close()


def recorded_conflicts(copy: str | os.PathLike[str]) -> tuple[str, list[Conflict]]:
    """The conflicts the copy's syncs found (its server project's address first)."""
    local = ProjectStore.open(copy, read_only=True)
    try:
        url = _origin(local)
        stored = json.loads(local.properties().get(_CONFLICTS, "[]"))
        return url, [Conflict(**item) for item in stored]
    finally:
        local.close()


def _origin(local: ProjectStore) -> str:
    url = local.properties().get("origin_url")
    if url is None:
        raise ReviewerError(f"{local.path}: not a fetched copy of a server project "
                            "(`reviewer fetch URL OUT.review` makes one)")
    return url


def _marks(local: ProjectStore) -> dict[str, int]:
    properties = local.properties()
    try:
        marks = {name: int(properties[name]) for name in (*SYNC_MARKS, "server_revision")}
    except KeyError:
        raise ReviewerError(f"{local.path}: fetched by an older reviewer that did not note "
                            "what it held; fetch a new copy") from None
    return marks


def _finish_interrupted(local: ProjectStore, server: ServerStore) -> None:
    """A sync cut off after its server transaction began: keep its result if the server
    committed it, forget it if not."""
    pending = local.properties().get(_PENDING)
    if pending is None:
        return
    state = json.loads(pending)
    status = server.connection.execute("SELECT txid_status(?)", (state["xid"],)).fetchone()[0]
    if status == "committed":
        _record(local, state)
    elif status in ("aborted", "in progress"):  # in progress: its connection is gone
        _forget_pending(local)
    else:
        raise ReviewerError(f"{local.path}: an earlier sync was cut off too long ago to tell "
                            "whether the server kept it; fetch a new copy")


def _forget_resolved(local: ProjectStore, server: ServerStore) -> None:
    """Drop the recorded conflicts whose segment someone confirmed since (resolved)."""
    stored = json.loads(local.properties().get(_CONFLICTS, "[]"))
    still = [item for item in stored if server.connection.execute(
        "SELECT head_revision FROM segments WHERE position = ?",
        (item["position"],)).fetchone() == (item["sent_revision"],)]
    if len(still) != len(stored):
        local.set_property(_CONFLICTS, json.dumps(still))


def _send(local: ProjectStore, server: ServerStore) -> SyncReport:
    marks = _marks(local)
    db = local._db
    report = SyncReport(server.display_name())
    changes = db.execute("SELECT count(*) FROM segment_changes WHERE id > ?",
                         (marks["fetched_segment_change"],)).fetchone()[0]
    if changes:
        raise ReviewerError(f"{local.path}: segments were split or merged in this copy; a "
                            "sync cannot send that (do it on the server project)")
    revisions = db.execute(
        f"SELECT r.id, r.segment_id, r.text, r.author, r.editing_ms, r.status, {STATS}, "
        "r.keys_insert, r.keys_delete, r.keys_navigate, r.role, s.mt, s.reference "
        "FROM revisions r JOIN segments s ON s.id = r.segment_id " + LATE
        + "WHERE r.id > ? ORDER BY r.id", (marks["fetched_revision"],)).fetchall()
    comments = _rows(db, "comments", marks["fetched_comment"])
    comment_revisions = _rows(db, "comment_revisions", marks["fetched_comment_revision"])
    annotations = _rows(db, "annotations", marks["fetched_annotation"])
    annotation_revisions = _rows(db, "annotation_revisions",
                                 marks["fetched_annotation_revision"])
    if not (revisions or comment_revisions or annotation_revisions):
        return report
    _check_authors(server, [row[3] for row in revisions]
                   + [row["author"] for row in (*comments, *comment_revisions, *annotations,
                                                *annotation_revisions)])
    maps = json.loads(local.properties().get(_ID_MAPS, "{}"))
    for name in ("revisions", "comments", "annotations"):
        maps.setdefault(name, {})
    try:
        state = _append(local, server, report, marks, maps, revisions,
                        (comments, comment_revisions, annotations, annotation_revisions))
    except ServerUnavailableError:
        raise  # the commit may have reached the server: the next sync asks it
    except BaseException:
        _forget_pending(local)
        raise
    _record(local, state)
    return report


def _append(local: ProjectStore, server: ServerStore, report: SyncReport,
            marks: dict[str, int], maps: dict[str, dict[str, int]], revisions: list[Any],
            children: tuple[list[dict[str, Any]], ...]) -> dict[str, Any]:
    """The server transaction; the copy notes its id before it commits."""
    comments, comment_revisions, annotations, annotation_revisions = children
    with server._write() as sdb:
        positions = _positions(sdb, {int(row[1]) for row in revisions})
        changed = {int(row[0]): (str(row[1]), str(row[2])) for row in sdb.execute(
            "SELECT s.id, r.text, r.author FROM segments s JOIN revisions r "
            "ON r.id = s.head_revision WHERE r.id > ?", (marks["server_revision"],))}
        totals = server._totals_to_change(sdb)
        last: dict[int, tuple[str, str, int]] = {}
        for (copy_id, segment_id, text, author, editing_ms, status, stats_json, inserts,
             deletes, navigates, role, mt, reference) in revisions:
            stats = (segment_stats(mt, text, reference) if stats_json is None
                     else SegmentStats.from_json(stats_json))
            server_id, _number, totals = server._append_revision(sdb, totals, NewRevision(
                positions[segment_id], text, stats, None, author, status, editing_ms,
                (inserts, deletes, navigates), role))
            maps["revisions"][str(copy_id)] = server_id
            last[segment_id] = (text, author, server_id)
        sdb.execute("UPDATE totals SET stats = ? WHERE id = 1", (totals.to_json(),))
        report.revisions = len(revisions)
        for segment_id, (text, author, server_id) in sorted(
                last.items(), key=lambda item: positions[item[0]]):
            theirs = changed.get(segment_id)
            if theirs is not None and theirs[0] != text:
                report.conflicts.append(Conflict(positions[segment_id], theirs[0], theirs[1],
                                                 text, author, server_id))
        report.comments = _send_children(sdb, comments, comment_revisions, maps, "comment")
        report.annotations = _send_children(sdb, annotations, annotation_revisions, maps,
                                            "annotation")
        high = int(sdb.execute("SELECT coalesce(max(id), 0) FROM revisions").fetchone()[0])
        state = {"xid": int(sdb.execute("SELECT txid_current()").fetchone()[0]),
                 "marks": {name: _high(local._db, table)
                           for name, table in SYNC_MARKS.items()}
                 | {"server_revision": high},
                 "maps": maps, "conflicts": [asdict(item) for item in report.conflicts]}
        local.set_property(_PENDING, json.dumps(state))  # before the server commits
    return state


def _rows(db: Any, table: str, mark: int) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT * FROM {table} WHERE id > ? ORDER BY id", (mark,))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _high(db: Any, table: str) -> int:
    return int(db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])


def _check_authors(server: ServerStore, authors: list[str]) -> None:
    """An editor or reviewer sends only their own work (the server would refuse the rest)."""
    if server.manages:
        return
    others = sorted({author for author in authors if author != server.user})
    if others:
        raise ReviewerError(f"this copy holds work by {', '.join(map(repr, others))} but you "
                            f"are connected as {server.user!r}: an editor sends only their "
                            "own; connect as that person, or ask a manager to sync it")


def _positions(sdb: Any, segment_ids: set[int]) -> dict[int, int]:
    """The server positions of the segments the copy edited (refused if one is gone)."""
    positions: dict[int, int] = {}
    for segment_id in sorted(segment_ids):
        row = sdb.execute("SELECT position FROM segments WHERE id = ?", (segment_id,)).fetchone()
        if row is None or int(row[0]) < 0:
            raise ReviewerError("a segment edited in this copy was split or merged on the "
                                "server since the fetch; nothing was sent: fetch a new copy "
                                "and make those edits there")
        positions[segment_id] = int(row[0])
    return positions


def _send_children(sdb: Any, parents: list[dict[str, Any]], children: list[dict[str, Any]],
                   maps: dict[str, dict[str, int]], kind: str) -> int:
    """New comments (or annotations) and their revisions, numbered after the server's."""
    table = f"{kind}s"
    for parent in parents:
        new_id = sdb.execute(f"INSERT INTO {table} (segment_id, author, created_at) "
                             "VALUES (?, ?, ?)", (parent["segment_id"], parent["author"],
                                                  parent["created_at"])).lastrowid
        maps[table][str(parent["id"])] = int(new_id)
    for child in children:
        # made in the copy (by an earlier sync too): the server's id; else the same id
        parent_id = maps[table].get(str(child[f"{kind}_id"]), int(child[f"{kind}_id"]))
        row = dict(child, **{f"{kind}_id": parent_id})
        row.pop("id")
        row["number"] = int(sdb.execute(
            f"SELECT coalesce(max(number), 0) + 1 FROM {kind}_revisions WHERE {kind}_id = ?",
            (parent_id,)).fetchone()[0])
        if row.get("revision_id") is not None:
            row["revision_id"] = maps["revisions"].get(str(row["revision_id"]),
                                                       row["revision_id"])
        columns = ", ".join(f'"{name}"' for name in row)
        sdb.execute(f"INSERT INTO {kind}_revisions ({columns}) VALUES "
                    f"({', '.join('?' * len(row))})", list(row.values()))
    return len(children)


def _record(local: ProjectStore, state: dict[str, Any]) -> None:
    """The copy after a sync the server kept: what it sent is marked as sent."""
    stored = json.loads(local.properties().get(_CONFLICTS, "[]"))
    fresh = {item["position"] for item in state["conflicts"]}
    conflicts = [item for item in stored if item["position"] not in fresh] + state["conflicts"]
    with local._write() as db:
        for name, value in (*((name, str(mark)) for name, mark in state["marks"].items()),
                            (_ID_MAPS, json.dumps(state["maps"])),
                            (_CONFLICTS, json.dumps(conflicts))):
            db.execute("INSERT INTO properties (name, value) VALUES (?, ?) ON CONFLICT (name) "
                       "DO UPDATE SET value = excluded.value", (name, value))
        db.execute("DELETE FROM properties WHERE name = ?", (_PENDING,))


def _forget_pending(local: ProjectStore) -> None:
    with local._write() as db:
        db.execute("DELETE FROM properties WHERE name = ?", (_PENDING,))


def copy_path(value: str | os.PathLike[str]) -> Path:
    """``value`` as a project file name (a server address is refused: sync reads a copy)."""
    from reviewer.store.server_url import is_server_url

    if is_server_url(value):
        raise ReviewerError("sync takes the fetched copy (OUT.review), not the server's "
                            "address: it knows where it came from")
    return Path(value)
