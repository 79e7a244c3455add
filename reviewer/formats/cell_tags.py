"""Cells written in the tag notation (reviewer's TSV and CSV exports) read back as texts.

A placeholder (``<1>``, ``</1>``, ``<2/>``) becomes a protected tag of the row's segment,
so an exported tagged project reads back with its tags; an escaped one (``\\<1>``) is the
literal text it stood for.
"""

from __future__ import annotations

import re

from reviewer.core.tags import (
    CLOSE,
    CODE,
    OPEN,
    InlineTag,
    from_notation,
    has_tag_chars,
    tag_char,
    tags_data,
    tags_in,
)

# every placeholder-shaped piece, escaped or not: from_notation tells which are tags
_CANDIDATE = re.compile(r"<(?:(\d{1,6})|/(\d{1,6})|(\d{1,6})/)>")
_ORDER = ("source", "mt", "reference", "correction")


def _candidate_tags(cells: dict[str, str]) -> list[InlineTag]:
    found: dict[str, InlineTag] = {}
    for role in _ORDER:
        for match in _CANDIDATE.finditer(cells.get(role) or ""):
            opened, closed, code = match.groups()
            kind, number = ((OPEN, opened) if opened else (CLOSE, closed) if closed
                            else (CODE, code))
            found.setdefault(match.group(), InlineTag(int(number), kind, "tag", match.group()))
    return list(found.values())


def read_notation(cells: dict[str, str], where: str) -> tuple[dict[str, str], dict[str, object]]:
    """The cells as segment texts, and the meta holding the tags their placeholders name.

    A cell holding a character of the tag range is not in the notation: it is kept as it is.
    """
    if all("<" not in text for text in cells.values()):
        return cells, {}  # no placeholder and nothing escaped: most rows, read at once
    if any(has_tag_chars(text) for text in cells.values()):
        return cells, {}
    candidates = _candidate_tags(cells)
    texts = {role: from_notation(text, candidates, f"{where}'s {role}")
             for role, text in cells.items()}
    used = sorted({index for text in texts.values() for index, _tag in tags_in(text, candidates)})
    if not used:
        return texts, {}
    renumber = {ord(tag_char(old)): tag_char(new) for new, old in enumerate(used)}
    texts = {role: text.translate(renumber) for role, text in texts.items()}
    home = "source" if "source" in texts else "mt"
    present = {index for index, _tag in tags_in(texts[home], candidates)}
    tags = [InlineTag(candidates[old].number, candidates[old].kind, "tag", candidates[old].markup,
                      in_source=new in present)
            for new, old in enumerate(used)]
    return texts, {"tags": tags_data(tags)}
