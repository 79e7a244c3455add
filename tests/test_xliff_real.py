"""Every real XLIFF of the corpus (tests/data/real): byte-exact when unedited, and two edits
change only their targets and the statuses the file's tool reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fidelity import outside
from lxml import etree
from xliff_jobs import allowed_regions, changed_spans, export_with, text_of

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.tags import check_tags, tags_of
from reviewer.formats.xliff import read_xliff
from reviewer.formats.xliff_export import TOOL_STATUS

REAL = Path(__file__).parent / "data" / "real"
MANIFEST = REAL / "manifest.json"
XLIFF_FILES = [entry["path"] for entry in json.loads(MANIFEST.read_text(encoding="utf-8"))
               if entry["format"] == "xliff"] if MANIFEST.exists() else []
ADDED = " — проверено & <ok>"


def _unit(segment: ImportedSegment) -> tuple[object, object]:
    meta = segment.meta or {}
    return meta.get("file"), meta.get("id")


def _editable(document: ImportedDocument) -> list[int]:
    return [i for i, s in enumerate(document.segments)
            if (s.meta or {}).get("translate") != "no"]


def _two_positions(document: ImportedDocument) -> list[int]:
    """Two segments of different units, tagged ones first where the file has them."""
    editable = _editable(document)
    ranked = sorted(editable, key=lambda i: "tags" not in (document.segments[i].meta or {}))
    first = ranked[0]
    others = [i for i in ranked if i != first]
    apart = [i for i in others if _unit(document.segments[i]) != _unit(document.segments[first])]
    return [first, *(apart or others)[:1]]


def _correction(segment: ImportedSegment) -> str:
    """The MT (or, if it lacks the source's tags, the source) with words added, tags kept."""
    tags = tags_of(segment.meta)
    missing = any(problem.kind == "missing" for problem in check_tags(segment.mt, tags))
    base = segment.source or "" if missing or not segment.mt else segment.mt
    return base + ADDED


def _expected_state(document: ImportedDocument, position: int, status: str) -> object:
    tool = document.metadata.get("xliff_tool", "xliff")
    if document.metadata["xliff_version"] == "2":
        tool = "xliff2"
    confirmed, edited = TOOL_STATUS[tool]
    segment = document.segments[position]
    meta = segment.meta or {}
    if tool == "xliff" and "mid" in meta:  # the unit's state waits for all its segments
        siblings = [s for s in document.segments if _unit(s) == _unit(segment)]
        if status == "confirmed" and len(siblings) > 1:
            return meta.get("state")
    return confirmed if status == "confirmed" else edited


def test_the_corpus_has_xliff_of_many_tools() -> None:
    entries = [e for e in json.loads(MANIFEST.read_text(encoding="utf-8"))
               if e["format"] == "xliff"]
    assert len(entries) >= 25
    assert len({entry["tool"].split()[0] for entry in entries}) >= 6


@pytest.mark.parametrize("path", XLIFF_FILES)
def test_an_unedited_export_is_the_input_byte_for_byte(path: str) -> None:
    data = (REAL / path).read_bytes()
    assert export_with(data, Path(path).name, {})[1] == data


@pytest.mark.parametrize("path", XLIFF_FILES)
def test_two_edits_change_only_their_targets_and_statuses(path: str) -> None:
    name = Path(path).name
    data = (REAL / path).read_bytes()
    document = read_xliff(data, name)
    positions = _two_positions(document)
    statuses = ["confirmed", "edited"]
    edits = {position: (_correction(document.segments[position]), status)
             for position, status in zip(positions, statuses, strict=False)}
    _, out = export_with(data, name, edits)

    regions = changed_spans(text_of(data, name), text_of(out, name))
    assert regions and outside(regions, allowed_regions(data, name, positions)) == []
    etree.fromstring(out)  # an independent parser reads it
    again = read_xliff(out, name)
    assert again.encoding == document.encoding and again.bom == document.bom
    assert [s.source for s in again.segments] == [s.source for s in document.segments]
    assert [s.mt for s in again.segments] == [
        edits[i][0] if i in edits else s.mt for i, s in enumerate(document.segments)]
    for position, (correction, status) in edits.items():
        meta = again.segments[position].meta or {}
        source = again.segments[position].source or ""
        # a pair split between segments (<bx/> here, <ex/> in the next) is the source's own
        known = {p.message for p in check_tags(source, tags_of(meta))}
        assert not [p for p in check_tags(correction, tags_of(meta))
                    if p.kind != "extra" and p.message not in known]
        assert meta.get("state") == _expected_state(document, position, status)
