"""Translation memory units from a file: TMX, TSV/CSV (source, target) or another project.

A TMX unit's variant in the source language is the unit's source, its variant in the
target language its target (the project's languages when it has them, else the file's
own pair); inline codes (``bpt``, ``ept``, ``ph``, ``it``, ``ut``) are left out, as a
match's text has no tags to carry them. Units without a target are skipped.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.core.memory import TmUnit
from reviewer.core.tags import plain_text
from reviewer.formats.delimited import read_delimited
from reviewer.formats.encoding import read_file_bytes
from reviewer.formats.safexml import local_name, parse_xml
from reviewer.formats.tmx_units import XML_LANG, choose_pair, tmx_root

_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
_SQLITE = b"SQLite format 3\x00"


def is_project(path: Path) -> bool:
    """Whether the file is a reviewer project (by its name, else its first bytes)."""
    if path.suffix.lower() == ".review":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE)) == _SQLITE
    except OSError:
        return False


def read_tm_units(path: Path, langs: tuple[str, str] | None = None) -> list[TmUnit]:
    """The units a TMX or TSV/CSV file holds; one-line errors for a missing or bad file."""
    data = read_file_bytes(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".tmx" or (suffix not in (".tsv", ".csv", ".txt", ".tab")
                            and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")):
        return _tmx_units(data, name, langs)
    return _delimited_units(data, name, "csv" if suffix == ".csv" else "tsv")


def _tmx_units(data: bytes, name: str, langs: tuple[str, str] | None) -> list[TmUnit]:
    root = tmx_root(parse_xml(data, name), name)
    try:
        source, target = choose_pair(root, langs, name)
    except ReviewerError:
        if langs is None:
            raise
        source, target = choose_pair(root, None, name)  # the project's pair is not in it
    source, target = source.lower(), target.lower()
    units: list[TmUnit] = []
    for tu in root.iter("{*}tu"):
        texts: dict[str, str] = {}
        for tuv in tu.iterchildren("{*}tuv"):
            language = str(tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
            seg = next(tuv.iterchildren("{*}seg"), None)
            if seg is not None and language in (source, target):
                texts.setdefault(language, _seg_text(seg).strip())
        if texts.get(source) and texts.get(target):
            units.append(TmUnit(texts[source], None, texts[target]))
    if not units:
        raise ReviewerError(f"{name}: holds no units with both a {source} and a {target} text")
    return units


def _seg_text(element: etree._Element) -> str:
    """The text of a ``seg`` (or ``hi``), inline codes left out."""
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and local_name(child) not in _CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _delimited_units(data: bytes, name: str, file_format: str) -> list[TmUnit]:
    document = read_delimited(data, name, file_format)
    units = []
    for segment in document.segments:
        # a header naming a correction column: source, MT and the corrected text
        target = segment.correction if segment.correction else segment.mt
        mt = segment.mt if segment.correction else None
        if target.strip() and (segment.source or mt):
            units.append(TmUnit(plain_text(segment.source) if segment.source else None,
                                None if mt is None else plain_text(mt), plain_text(target)))
    if not units:
        raise ReviewerError(f"{name}: holds no rows with a source and a target")
    return units
