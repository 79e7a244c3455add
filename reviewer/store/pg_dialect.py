"""The store's SQL (written for SQLite) as PostgreSQL reads it.

The store's parts write one SQL for both engines; the few SQLite spellings they use are
rewritten here once per statement: ``?`` placeholders, ``instr``, ``group_concat``,
SQLite's case-blind ``LIKE``, the column named ``end``, FTS5's ``MATCH`` over the key
indexes (views over a text-search index on the server), a temporary table's ``rowid``,
and the id an ``INSERT`` made (``RETURNING id``).
"""

from __future__ import annotations

import re
from functools import lru_cache

# tables whose rows get their id from the database (``cursor.lastrowid``)
ID_TABLES = frozenset({
    "segments", "revisions", "versions", "segment_changes", "comments", "comment_revisions",
    "annotations", "annotation_revisions", "glossary_terms", "tm_units",
    "suggestion_dismissals",
})

_STRING = re.compile(r"'(?:[^']|'')*'")
_INSERT = re.compile(r"\s*INSERT INTO (\w+)", re.IGNORECASE)
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in (
        (r"\binstr\(", "strpos("),
        (r"\bgroup_concat\(([^()]*)\)", r"string_agg(CAST(\1 AS TEXT), ',')"),
        (r"length\(CAST\((.+?) AS BLOB\)\)", r"octet_length(\1)"),
        (r"\bLIKE\b", "ILIKE"),
        (r"(?<![\"\w])end\b", '"end"'),
        (r"(\w+) WHERE (\w+) MATCH \?",
         r"\1 WHERE \2.key @@ plainto_tsquery('simple', replace(?, ' AND ', ' '))"),
        (r"\btemp\.", "pg_temp."),
        (r"ORDER BY rowid\b", "ORDER BY ctid"),
        (r"\bBEGIN IMMEDIATE\b", "BEGIN"),
    ))


@lru_cache(maxsize=4096)
def translate(sql: str, returning: bool = True) -> str:
    """``sql`` for PostgreSQL (psycopg's ``%s`` placeholders; string literals untouched)."""
    pieces = []
    last = 0
    for literal in _STRING.finditer(sql):
        pieces.append(_code(sql[last:literal.start()]))
        pieces.append(literal.group(0).replace("%", "%%"))
        last = literal.end()
    pieces.append(_code(sql[last:]))
    translated = "".join(pieces)
    insert = _INSERT.match(sql)
    if (returning and insert is not None and insert.group(1) in ID_TABLES
            and "RETURNING" not in sql.upper()):
        translated += " RETURNING id"
    return translated


def _code(part: str) -> str:
    part = part.replace("%", "%%")
    for pattern, replacement in _REWRITES:
        part = pattern.sub(replacement, part)
    return part.replace("?", "%s")
