"""The project's glossary terms (schema 10, table ``glossary_terms``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import GlossaryTerm, NewTerm
from reviewer.store.clock import utc_now
from reviewer.store.transactions import StoreBase

_SELECT = "SELECT id, source, target, note, forbidden, origin FROM glossary_terms "


def _term(row: Any) -> GlossaryTerm:
    return GlossaryTerm(int(row[0]), str(row[1]), str(row[2]), str(row[3]), bool(row[4]),
                        str(row[5]))


def _same(source: str, target: str) -> tuple[str, str]:
    """What makes two terms the same term: their texts, ignoring case."""
    return source.casefold(), target.casefold()


class GlossaryStore(StoreBase):
    """The glossary methods of ``ProjectStore``."""

    def glossary_terms(self) -> list[GlossaryTerm]:
        """Every term, oldest first."""
        return [_term(row) for row in self._db.execute(_SELECT + "ORDER BY id")]

    def glossary_term_count(self) -> int:
        """How many terms the glossary has."""
        return int(self._db.execute("SELECT count(*) FROM glossary_terms").fetchone()[0])

    def glossary_term(self, term_id: int) -> GlossaryTerm:
        """One term by id."""
        return self._term_in(self._db, term_id)

    def _term_in(self, db: sqlite3.Connection, term_id: int) -> GlossaryTerm:
        row = db.execute(_SELECT + "WHERE id = ?", (term_id,)).fetchone()
        if row is None:
            raise ReviewerError(f"no glossary term {term_id} in this project")
        return _term(row)

    def add_glossary_terms(self, terms: Iterable[NewTerm], origin: str = "") -> int:
        """Add the terms the glossary lacks (same source and target, ignoring case: the
        same term), in one transaction; how many were added."""
        now = utc_now()
        added = 0
        with self._write() as db:
            known = {_same(str(row[0]), str(row[1]))
                     for row in db.execute("SELECT source, target FROM glossary_terms")}
            for term in terms:
                key = _same(term.source, term.target)
                if key in known:
                    continue
                known.add(key)
                db.execute("INSERT INTO glossary_terms (source, target, note, forbidden, "
                           "origin, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           (term.source, term.target, term.note, int(term.forbidden), origin,
                            now))
                added += 1
        return added

    def add_glossary_term(self, term: NewTerm, origin: str = "") -> GlossaryTerm:
        """Add one term (even one the glossary has: the editor asked for it)."""
        with self._write() as db:
            term_id = db.execute(
                "INSERT INTO glossary_terms (source, target, note, forbidden, origin, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (term.source, term.target, term.note, int(term.forbidden), origin,
                 utc_now())).lastrowid
        assert term_id is not None
        return self.glossary_term(term_id)

    def update_glossary_term(self, term_id: int, term: NewTerm) -> GlossaryTerm:
        """Change a term's texts and whether it is forbidden."""
        with self._write() as db:
            self._term_in(db, term_id)
            db.execute("UPDATE glossary_terms SET source = ?, target = ?, note = ?, "
                       "forbidden = ? WHERE id = ?",
                       (term.source, term.target, term.note, int(term.forbidden), term_id))
        return self.glossary_term(term_id)

    def delete_glossary_term(self, term_id: int) -> None:
        """Remove a term."""
        with self._write() as db:
            self._term_in(db, term_id)
            db.execute("DELETE FROM glossary_terms WHERE id = ?", (term_id,))
