"""Every TMX of the real-file corpus: each unit read or counted, exported back byte for byte,
and two edits that change nothing but their targets and change stamps.

The corpus is tests/data/real/manifest.json's TMX entries; a folder named by the
REVIEWER_TMX_CORPUS environment variable adds every ``*.tmx`` below it (for trying
more files locally).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from fidelity import changed_regions, outside
from lxml import etree

from reviewer.core.document import ImportedDocument
from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document
from reviewer.formats.safexml import parse_xml
from reviewer.formats.tmx_units import segment_of, units, variants
from reviewer.formats.xmlspans import file_encoding, locate
from reviewer.session import ReviewSession

REAL = Path(__file__).parent / "data" / "real"
_CHOOSE = "choose two with --langs"


def _entries() -> list[dict[str, object]]:
    manifest = REAL / "manifest.json"
    if not manifest.exists():
        return []
    loaded = json.loads(manifest.read_text(encoding="utf-8"))
    entries = loaded.get("files", []) if isinstance(loaded, dict) else loaded
    return [entry for entry in entries if str(entry.get("format", "")).lower() == "tmx"]


def _langs(value: object) -> str | None:
    if isinstance(value, (list, tuple)):
        return ",".join(str(item) for item in value) if value else None
    return str(value) if value else None


def _corpus() -> list[tuple[Path, str | None]]:
    files = [(REAL / str(entry["path"]), _langs(entry.get("langs"))) for entry in _entries()]
    extra = os.environ.get("REVIEWER_TMX_CORPUS")
    if extra:
        files.extend((path, None) for path in sorted(Path(extra).rglob("*.tmx")))
    return files


CORPUS = _corpus()
IDS = [str(path.relative_to(REAL)) if path.is_relative_to(REAL) else path.name
       for path, _ in CORPUS]
pytestmark = pytest.mark.skipif(not CORPUS, reason="no TMX files in the corpus yet")


def _pair(data: bytes) -> str:
    """A language pair for a file of more than two: its srclang and the next language."""
    root = parse_xml(data, "x").getroot()
    languages: dict[str, str] = {}
    for tuv in root.iter("{*}tuv"):
        spelled = tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang")
        if spelled:
            languages.setdefault(spelled.lower(), spelled)
    header = root.find("{*}header")
    declared = (header.get("srclang") or "").lower() if header is not None else ""
    source = declared if declared in languages else next(iter(languages))
    target = next(key for key in languages if key != source)
    return f"{source},{target}"


def _import(path: Path, langs: str | None) -> tuple[ImportedDocument, str | None]:
    """The document and the langs it was read with (chosen here for a many-language file)."""
    try:
        return import_document(path, langs=langs), langs
    except ReviewerError as error:
        if langs is not None or _CHOOSE not in str(error):
            raise
    langs = _pair(path.read_bytes())
    return import_document(path, langs=langs), langs


def _unit_count(data: bytes) -> int:
    return len(units(parse_xml(data, "x").getroot()))


def _skipped(metadata: dict[str, str]) -> int:
    found = re.match(r"skipped (\d+) of", metadata.get("skipped", ""))
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize(("path", "langs"), CORPUS, ids=IDS)
def test_every_unit_is_read_or_counted(path: Path, langs: str | None) -> None:
    data = path.read_bytes()
    if _unit_count(data) == 0:
        with pytest.raises(ReviewerError):
            import_document(path, langs=langs)
        return
    document, _ = _import(path, langs)
    assert len(document.segments) + _skipped(document.metadata) == _unit_count(data)


def _session(tmp_path: Path, path: Path, langs: str | None) -> tuple[ReviewSession, str | None]:
    if _unit_count(path.read_bytes()) == 0:
        pytest.skip("no units")
    document, langs = _import(path, langs)
    return ReviewSession.create(tmp_path / "p.review", document), langs


@pytest.mark.parametrize(("path", "langs"), CORPUS, ids=IDS)
def test_an_unedited_export_is_byte_identical(tmp_path: Path, path: Path,
                                              langs: str | None) -> None:
    session, _ = _session(tmp_path, path, langs)
    session.export(tmp_path / "out.tmx", "tmx")
    session.close()
    assert (tmp_path / "out.tmx").read_bytes() == path.read_bytes()


def _allowed(data: bytes, indexes: list[int], languages: tuple[str, str]) -> list[tuple[int, int]]:
    """Spans of the input an edit of those units may change: target seg content, start tags."""
    root = parse_xml(data, "x").getroot()
    xml, spans = locate(data, root, "x")
    found = units(root)
    allowed = []
    for index in indexes:
        tu = found[index]
        allowed.append((spans[tu].start, spans[tu].open_end))
        targets = variants(tu, languages[1])
        if not targets:
            # an insertion after the source variant, which a diff may place after the line break
            end = spans[variants(tu, languages[0])[0]].end
            blank = len(xml.text[end:]) - len(xml.text[end:].lstrip())
            allowed.append((end, end + blank))
            continue
        tuv = spans[targets[0]]
        seg = segment_of(targets[0])
        assert seg is not None
        allowed.append((tuv.start, tuv.open_end))
        allowed.append((spans[seg].start, spans[seg].end) if spans[seg].empty
                       else (spans[seg].open_end, spans[seg].close_start))
    return allowed


@pytest.mark.parametrize(("path", "langs"), CORPUS, ids=IDS)
def test_two_edits_change_only_their_targets_and_stamps(tmp_path: Path, path: Path,
                                                        langs: str | None) -> None:
    data = path.read_bytes()
    session, langs = _session(tmp_path, path, langs)
    segments = session.segments()
    chosen = sorted({0, len(segments) - 1})
    corrections = {}
    for position in chosen:
        segment = segments[position]
        base = segment.mt if segment.mt else segment.source or ""
        corrections[position] = f"{base} ✓ checked & <ok>"
        session.edit(position, corrections[position], "anna")
    metas = [segment.meta for segment in session.export_job().segments]
    properties = session.properties()
    out_path = tmp_path / "out.tmx"
    session.export(out_path, "tmx")
    session.close()
    out = out_path.read_bytes()

    etree.fromstring(out, etree.XMLParser(resolve_entities=False, no_network=True))
    encoding, bom = file_encoding(data)
    before, after = data[bom:].decode(encoding), out[bom:].decode(encoding)
    indexes = [int(str((metas[position] or {})["tu"])) for position in chosen]
    pair = (properties["source_language"], properties["target_language"])
    assert outside(changed_regions(before, after), _allowed(data, indexes, pair)) == []

    again = import_document(out_path, langs=langs)
    original = import_document(path, langs=langs)
    assert [s.mt for s in again.segments] == [
        corrections.get(position, s.mt) for position, s in enumerate(original.segments)]
    assert again.metadata.get("skipped") == original.metadata.get("skipped")
