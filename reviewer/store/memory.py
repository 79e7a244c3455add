"""The store's side of translation memory: units added from files, and fuzzy-match
candidates found through the word indexes of schema 10 (no scan of every unit).

A lookup counts, for each word of the key, the keys holding it (up to ``COMMON``: a word
more keys hold tells little), takes the rarest words within a budget of postings and the
rarest common words together, and returns the keys that share most of them and whose
length a match of the wanted score allows; ``reviewer.core.memory`` scores those. A short
key, whose words are often all common, also gets the keys closest to its length.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from reviewer.core.memory import PROJECT_ORIGIN, TmUnit, length_bounds, search_pattern
from reviewer.core.status import DONE_STATUSES
from reviewer.store.clock import utc_now
from reviewer.store.transactions import StoreBase

COMMON = 1000  # a word more keys hold is not looked up alone
MAX_POSTINGS = 3000  # keys the chosen words may list in all (the rarest one always counts)
CANDIDATES = 200  # keys rescored per query and source (the project, the added units)
SHARED = 500  # keys sharing the most words whose length is then checked
TOGETHER = 3  # the rarest common words looked up together
SHORT_KEY = 24  # a key this short (a few common words, often) is looked up by length too:
SHORT_CANDIDATES = 500  # the keys closest to its length that could score SHORT_SCORE
SHORT_SCORE = 70
ADD_SLICE = 20_000  # units added per statement
MAX_CACHED = 200_000  # word counts kept per index between lookups
_INDEXED = {"tm_key_index": "tm_units", "segment_key_index": "segments"}
_DONE = ", ".join(f"'{status.value}'" for status in sorted(DONE_STATUSES))
_WORD = re.compile(r"[^\W_]+")  # FTS5's unicode61 tokenizer splits at "_" too

CandidateRow = tuple[int, str | None, str | None, str, str, int | None, str]
# (id, source, mt, target, origin, segment position, key: the text a lookup compares)
"""(id, source, mt, target, origin, position): position only for the project's segments."""


def words(text: str) -> list[str]:
    """The key's distinct words, each quoted for an FTS5 query."""
    return ['"' + word + '"' for word in sorted(set(_WORD.findall(text.lower())))]


class MemoryStore(StoreBase):
    """Units added to the project's translation memory, and lookups in them."""

    def add_tm_units(self, units: Sequence[TmUnit], origin: str,
                     progress: Callable[[int, int], None] | None = None,
                     on_target: bool = False) -> int:
        """Add units in one transaction; returns how many. They enter through a temporary
        table in slices, one statement each: FTS5 writes its index once per statement,
        so a row at a time would cost several times as long. ``on_target``: a project without
        sources looks its MT up, so the units' keys are their text in the MT's language."""
        now = utc_now()
        total = len(units)
        with self._write() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS new_tm_units "
                       "(source TEXT, mt TEXT, target TEXT NOT NULL, key TEXT NOT NULL)")
            for start in range(0, total, ADD_SLICE):
                db.execute("DELETE FROM temp.new_tm_units")
                db.executemany("INSERT INTO temp.new_tm_units VALUES (?, ?, ?, ?)",
                               ((unit.source, unit.mt, unit.target, unit.key_for(on_target))
                                for unit in units[start:start + ADD_SLICE]))
                db.execute("INSERT INTO tm_units (source, mt, target, origin, created_at, key) "
                           "SELECT source, mt, target, ?, ?, key FROM temp.new_tm_units "
                           "ORDER BY rowid",
                           (origin, now))
                if progress is not None:
                    progress(min(start + ADD_SLICE, total), total)
            db.execute("DROP TABLE temp.new_tm_units")
        return total

    def tm_size(self) -> int:
        """How many units were added (the project's own segments not counted)."""
        return int(self._db.execute("SELECT count(*) FROM tm_units").fetchone()[0])

    def tm_origins(self) -> list[tuple[str, int]]:
        """Each origin (file or project name) with its unit count, in the order added."""
        return [(str(row[0]), int(row[1])) for row in self._db.execute(
            "SELECT origin, count(*) FROM tm_units GROUP BY origin ORDER BY min(id)")]

    def tm_candidates(self, key: str, min_score: int) -> list[CandidateRow]:
        """Added units whose key may score ``min_score`` against ``key``."""
        low, high = length_bounds(len(key), min_score)
        found = self._candidates(
            key, "tm_key_index", "", (),
            "SELECT u.id, u.source, u.mt, u.target, u.origin, NULL, u.key FROM shared "
            "JOIN tm_units u ON u.id = shared.id "
            "WHERE length(u.key) BETWEEN ? AND ? "
            "ORDER BY shared.n DESC, u.id LIMIT ?", (low, high, CANDIDATES))
        if len(key) > SHORT_KEY:
            return found
        low, high = length_bounds(len(key), max(min_score, SHORT_SCORE))
        return _joined(found, self._rows(
            "SELECT id, source, mt, target, origin, NULL, key FROM tm_units "
            "WHERE length(key) BETWEEN ? AND ? "
            "ORDER BY abs(length(key) - ?) LIMIT ?",
            (low, high, len(key), SHORT_CANDIDATES)))

    def segment_candidates(self, key: str, min_score: int, exclude: int) -> list[CandidateRow]:
        """Confirmed segments (not the one at ``exclude``) whose key may score
        ``min_score`` against ``key``, with their current text as target."""
        low, high = length_bounds(len(key), min_score)
        # only the segments that can be a match compete for the keys kept
        done = ("WHERE EXISTS (SELECT 1 FROM segments s JOIN revisions r "
                "ON r.id = s.head_revision WHERE s.id = hits.id AND s.position >= 0 "
                f"AND s.position != ? AND r.status IN ({_DONE}) AND r.text != '') ")
        columns = ("SELECT s.id, s.source, s.mt, r.text, 'project', s.position, "
                   "coalesce(s.source, s.mt) FROM ")
        found = self._candidates(
            key, "segment_key_index", done, (exclude,),
            columns + "shared JOIN segments s ON s.id = shared.id "
            "JOIN revisions r ON r.id = s.head_revision "
            "WHERE length(coalesce(s.source, s.mt)) BETWEEN ? AND ? "
            "ORDER BY shared.n DESC, s.position LIMIT ?", (low, high, CANDIDATES))
        if len(key) > SHORT_KEY:
            return found
        low, high = length_bounds(len(key), max(min_score, SHORT_SCORE))
        return _joined(found, self._rows(
            columns + "segments s JOIN revisions r ON r.id = s.head_revision "
            "WHERE length(coalesce(s.source, s.mt)) BETWEEN ? AND ? AND s.position >= 0 "
            f"AND s.position != ? AND r.status IN ({_DONE}) AND r.text != '' "
            "ORDER BY abs(length(coalesce(s.source, s.mt)) - ?) LIMIT ?",
            (low, high, exclude, len(key), SHORT_CANDIDATES)))

    def _candidates(self, key: str, index: str, keep: str, kept: tuple[object, ...],
                    select: str, parameters: tuple[object, ...]) -> list[CandidateRow]:
        """``select`` over ``shared`` (id, n): the keys in ``index`` (those ``keep``, a
        WHERE clause with the values ``kept``, allows) holding ``n`` of the key's words."""
        terms = words(key)
        if not terms:
            return []
        known = self._word_counts(index)
        counted = []
        for term in terms:  # each count stops at COMMON + 1: a common word costs little
            count = known.get(term)
            if count is None:
                try:
                    count = int(self._db.execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM {index} WHERE {index} MATCH ? "
                        "LIMIT ?) AS found", (term, COMMON + 1)).fetchone()[0])
                except sqlite3.OperationalError:  # a word FTS5 reads as several: left out
                    count = 0
                known[term] = count
            if count:
                counted.append((count, term))
        rare: list[str] = []
        postings = 0
        # longer words first among the common ones (their counts stop at the same number)
        common = [term for count, term in sorted(counted, key=lambda item: (item[0], -len(item[1])))
                  if count > COMMON]
        for count, term in sorted(counted):
            if count > COMMON or (rare and postings + count > MAX_POSTINGS):
                break
            rare.append(term)
            postings += count
        if not counted:
            return []
        # a key counts each rare word it holds; one holding the rarest common words together
        # (a match whose rare words changed) comes next, and half a word before the others
        hits = [f"SELECT rowid AS id, 1 AS n FROM {index} WHERE {index} MATCH ?"] * len(rare)
        together = common[:TOGETHER]
        if together:
            hits.append(f"SELECT * FROM (SELECT rowid AS id, 0.5 AS n FROM {index} "
                        f"WHERE {index} MATCH ? LIMIT {COMMON}) AS together")
        shared = (f"WITH hits AS ({' UNION ALL '.join(hits)}), shared AS (SELECT id, sum(n) AS n "
                  f"FROM hits {keep}GROUP BY id ORDER BY n DESC LIMIT {SHARED}) ")
        terms = [*rare, *([" AND ".join(together)] if together else [])]
        return self._rows(shared + select, (*terms, *kept, *parameters))

    def _word_counts(self, index: str) -> dict[str, int]:
        """The counts of words looked up in ``index`` so far, while no key was added to it
        (keys are only ever added: new ids; split and merged segments too)."""
        table = _INDEXED[index]
        version = int(self._db.execute(
            f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])
        caches: dict[str, tuple[int, dict[str, int]]] = self.__dict__.setdefault(
            "_memory_word_counts", {})
        cached = caches.get(index)
        if cached is None or cached[0] != version or len(cached[1]) > MAX_CACHED:
            cached = caches[index] = (version, {})
        return cached[1]

    def _rows(self, sql: str, parameters: tuple[object, ...]) -> list[CandidateRow]:
        return [(int(row[0]), row[1], row[2], str(row[3]), str(row[4]),
                 None if row[5] is None else int(row[5]), str(row[6]))
                for row in self._db.execute(sql, parameters)]

    def concordance(self, query: str, match_case: bool, limit: int,
                    batch: int = 2000) -> list[tuple[str, str, int, int, str, int | None]]:
        """Occurrences of ``query`` in the segments' sources, MT and corrections (current
        texts that differ from the MT), in document order, then in the added units' sources
        and targets: (field, text, start, end, origin, position), at most ``limit``."""
        found: list[tuple[str, str, int, int, str, int | None]] = []
        pattern = search_pattern(query, match_case)
        where, values = _holding(("s.source", "s.mt", "r.text"), query, match_case)
        segments = ("SELECT s.position, s.source, s.mt, coalesce(r.text, s.mt) FROM segments s "
                    f"LEFT JOIN revisions r ON r.id = s.head_revision WHERE s.position >= ? "
                    f"{where} ORDER BY s.position LIMIT ?")
        for row in self._slices(segments, values, batch):
            position, source, mt, text = int(row[0]), row[1], str(row[2]), str(row[3])
            fields: tuple[tuple[str, str | None], ...] = (
                ("source", source), ("mt", mt), ("correction", text if text != mt else None))
            if _collect(found, pattern, limit, fields, PROJECT_ORIGIN, position):
                return found
        where, values = _holding(("source", "target"), query, match_case)
        units = ("SELECT id, source, target, origin FROM tm_units WHERE id >= ? "
                 f"{where} ORDER BY id LIMIT ?")
        for row in self._slices(units, values, batch):
            fields = (("tm source", row[1]), ("tm target", str(row[2])))
            if _collect(found, pattern, limit, fields, str(row[3]), None):
                return found
        return found

    def _slices(self, sql: str, values: tuple[str, ...],
                batch: int) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` (ordered by its first column, which its first ``?`` bounds
        from below; then ``values``; then the LIMIT), read ``batch`` at a time."""
        start = 0
        while True:
            rows = self._db.execute(sql, (start, *values, batch)).fetchall()
            yield from rows
            if len(rows) < batch:
                return
            start = int(rows[-1][0]) + 1


def _joined(first: list[CandidateRow], more: list[CandidateRow]) -> list[CandidateRow]:
    """``first``, then the rows of ``more`` not in it."""
    seen = {row[0] for row in first}
    return first + [row for row in more if row[0] not in seen]


def _holding(columns: Sequence[str], query: str, match_case: bool) -> tuple[str, tuple[str, ...]]:
    """SQL keeping the rows where one of ``columns`` may hold ``query``, so that only those
    reach Python. LIKE ignores the case of ASCII letters only: a query with other letters
    is not filtered without ``match_case``."""
    if match_case:
        test, value = "instr({}, ?) > 0", query
    elif query.isascii():
        test = "{} LIKE ? ESCAPE '\\'"
        value = "%" + re.sub(r"([\\%_])", r"\\\1", query) + "%"
    else:
        return "", ()
    return ("AND (" + " OR ".join(test.format(column) for column in columns) + ")",
            (value,) * len(columns))


def _collect(found: list[tuple[str, str, int, int, str, int | None]], pattern: re.Pattern[str],
             limit: int, fields: Iterable[tuple[str, str | None]],
             origin: str, position: int | None) -> bool:
    """Add the hits in ``fields``; whether ``limit`` is reached."""
    for field, text in fields:
        if text is None:
            continue
        for hit in pattern.finditer(text):
            found.append((field, text, hit.start(), hit.end(), origin, position))
            if len(found) >= limit:
                return True
    return False
