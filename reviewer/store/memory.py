"""The store's side of translation memory: units added from files, and fuzzy-match
candidates found through the trigram indexes of schema 10 (no scan of every unit).

A lookup takes the key's trigrams that the fewest keys hold (``*_key_terms``), up to a
bounded number of postings, and returns the keys that share most of them and whose length
a match of the wanted score allows; ``reviewer.core.memory`` scores those.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from reviewer.core.memory import PROJECT_ORIGIN, TmUnit, length_bounds, search_pattern
from reviewer.core.status import DONE_STATUSES
from reviewer.store.clock import utc_now
from reviewer.store.transactions import StoreBase

MAX_TERMS = 24  # trigrams looked up per query
MAX_POSTINGS = 30_000  # keys those trigrams may list in all (the rarest one always counts)
CANDIDATES = 200  # keys rescored per query and source (the project, the added units)
_DONE = ", ".join(f"'{status.value}'" for status in sorted(DONE_STATUSES))

CandidateRow = tuple[int, str | None, str | None, str, str, int | None]
"""(id, source, mt, target, origin, position): position only for the project's segments."""


def trigrams(text: str) -> set[str]:
    """The trigrams FTS5's trigram tokenizer indexes a text by (case folded)."""
    folded = text.lower()
    return {folded[index:index + 3] for index in range(len(folded) - 2)}


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class MemoryStore(StoreBase):
    """Units added to the project's translation memory, and lookups in them."""

    def add_tm_units(self, units: Sequence[TmUnit], origin: str) -> int:
        """Add units (one transaction, indexed by the triggers); returns how many."""
        now = utc_now()
        with self._write() as db:
            db.executemany(
                "INSERT INTO tm_units (source, mt, target, origin, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                ((unit.source, unit.mt, unit.target, origin, now) for unit in units))
        return len(units)

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
        select = ("SELECT u.id, u.source, u.mt, u.target, u.origin, NULL FROM tm_units u "
                  "WHERE length(coalesce(u.source, u.mt)) BETWEEN ? AND ? ")
        terms = self._rarest(key, "tm_key_terms")
        if not terms:
            if len(key) >= 3:  # not one trigram in common: nothing can come near
                return []
            return self._rows(select + "LIMIT ?", (low, high, CANDIDATES))
        hits = " UNION ALL ".join(
            "SELECT rowid AS id FROM tm_key_index WHERE tm_key_index MATCH ?" for _ in terms)
        return self._rows(
            f"WITH hits AS ({hits}), shared AS (SELECT id, count(*) AS n FROM hits GROUP BY id) "
            "SELECT u.id, u.source, u.mt, u.target, u.origin, NULL FROM shared "
            "JOIN tm_units u ON u.id = shared.id "
            "WHERE length(coalesce(u.source, u.mt)) BETWEEN ? AND ? "
            "ORDER BY shared.n DESC, u.id LIMIT ?",
            (*map(_quoted, terms), low, high, CANDIDATES))

    def segment_candidates(self, key: str, min_score: int, exclude: int) -> list[CandidateRow]:
        """Confirmed segments (not the one at ``exclude``) whose key may score
        ``min_score`` against ``key``, with their current text as target."""
        low, high = length_bounds(len(key), min_score)
        columns = ("SELECT s.id, s.source, s.mt, r.text, 'project', s.position "
                   "FROM segments s JOIN revisions r ON r.id = s.head_revision ")
        where = (f"s.position >= 0 AND s.position != ? AND r.status IN ({_DONE}) "
                 "AND length(coalesce(s.source, s.mt)) BETWEEN ? AND ? ")
        terms = self._rarest(key, "segment_key_terms")
        if not terms:
            if len(key) >= 3:
                return []
            return self._rows(columns + "WHERE " + where + "LIMIT ?",
                              (exclude, low, high, CANDIDATES))
        hits = " UNION ALL ".join(
            "SELECT rowid AS id FROM segment_key_index WHERE segment_key_index MATCH ?"
            for _ in terms)
        return self._rows(
            f"WITH hits AS ({hits}), shared AS (SELECT id, count(*) AS n FROM hits GROUP BY id) "
            + columns + "JOIN shared ON shared.id = s.id WHERE " + where
            + "ORDER BY shared.n DESC, s.position LIMIT ?",
            (*map(_quoted, terms), exclude, low, high, CANDIDATES))

    def _rarest(self, key: str, vocabulary: str) -> list[str]:
        """The key's trigrams that the fewest keys hold, within the postings budget."""
        grams = sorted(trigrams(key))
        if not grams:
            return []
        counts = sorted(
            (int(row[1]), str(row[0])) for row in self._db.execute(
                f"SELECT term, doc FROM {vocabulary} WHERE term IN ("  # noqa: S608
                + ", ".join("?" * len(grams)) + ")", grams))
        chosen: list[str] = []
        postings = 0
        for count, term in counts:
            if chosen and (postings + count > MAX_POSTINGS or len(chosen) >= MAX_TERMS):
                break
            chosen.append(term)
            postings += count
        return chosen

    def _rows(self, sql: str, parameters: tuple[object, ...]) -> list[CandidateRow]:
        return [(int(row[0]), row[1], row[2], str(row[3]), str(row[4]),
                 None if row[5] is None else int(row[5]))
                for row in self._db.execute(sql, parameters)]

    def concordance(self, query: str, match_case: bool, limit: int,
                    batch: int = 2000) -> list[tuple[str, str, int, int, str, int | None]]:
        """Occurrences of ``query`` in the segments' sources, MT and corrections (current
        texts that differ from the MT), in document order, then in the added units' sources
        and targets: (field, text, start, end, origin, position), at most ``limit``."""
        found: list[tuple[str, str, int, int, str, int | None]] = []
        pattern = search_pattern(query, match_case)
        segments = ("SELECT s.position, s.source, s.mt, coalesce(r.text, s.mt) FROM segments s "
                    "LEFT JOIN revisions r ON r.id = s.head_revision "
                    "WHERE s.position >= ? ORDER BY s.position LIMIT ?")
        for row in self._slices(segments, batch):
            position, source, mt, text = int(row[0]), row[1], str(row[2]), str(row[3])
            fields: tuple[tuple[str, str | None], ...] = (
                ("source", source), ("mt", mt), ("correction", text if text != mt else None))
            if _collect(found, pattern, limit, fields, PROJECT_ORIGIN, position):
                return found
        units = "SELECT id, source, target, origin FROM tm_units WHERE id >= ? ORDER BY id LIMIT ?"
        for row in self._slices(units, batch):
            fields = (("tm source", row[1]), ("tm target", str(row[2])))
            if _collect(found, pattern, limit, fields, str(row[3]), None):
                return found
        return found

    def _slices(self, sql: str, batch: int) -> Iterator[tuple[Any, ...]]:
        """The rows of ``sql`` (ordered by its first column, which ``?`` bounds from below),
        read ``batch`` at a time."""
        start = 0
        while True:
            rows = self._db.execute(sql, (start, batch)).fetchall()
            yield from rows
            if len(rows) < batch:
                return
            start = int(rows[-1][0]) + 1


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
