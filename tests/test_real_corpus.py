"""Real files of translation tools (tests/data/real): each comes back exactly as it was sent.

Every file of the corpus is imported, exported unedited to its own format (byte for byte
the input), then edited twice and exported again: the result still parses with an
independent parser and reads back with the edits.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.core.tags import from_notation, plain_text, tag_char, to_notation
from reviewer.formats.readers import import_document
from reviewer.session import STATUS_CONFIRMED, STATUS_EDITED, ReviewSession

REAL = Path(__file__).parent / "data" / "real"
MANIFEST: list[dict[str, Any]] = json.loads((REAL / "manifest.json").read_text("utf-8"))
# files a project cannot be made of, with the reason the import gives
EMPTY = {"cafetran/ProjectTM.tmx": r"holds no(ne| segments| translation units)|no units"}


def _id(entry: dict[str, Any]) -> str:
    return str(entry["path"])


def _import(entry: dict[str, Any]) -> Any:
    path = REAL / entry["path"]
    forced = entry["format"] if path.suffix.lower() == ".txt" else None
    return import_document(path, file_format=forced, langs=entry.get("langs"))


def test_the_corpus_is_real_and_wide() -> None:
    assert len(MANIFEST) >= 25
    assert len({entry["tool"].split(" ")[0] for entry in MANIFEST}) >= 6
    assert {entry["format"] for entry in MANIFEST} >= {"xliff", "tmx", "po", "csv", "tsv"}
    sources = (REAL / "SOURCES.md").read_text("utf-8")
    for entry in MANIFEST:
        assert (REAL / entry["path"]).is_file()
        assert f"`{entry['path']}`" in sources, "every file names its origin and licence"


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["path"] in EMPTY], ids=_id)
def test_a_file_without_units_is_refused_clearly(entry: dict[str, Any]) -> None:
    with pytest.raises(ReviewerError, match=EMPTY[entry["path"]]):
        _import(entry)


CASES = [e for e in MANIFEST if e["path"] not in EMPTY]


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> ReviewSession:
    entry = request.param
    session = ReviewSession.create(tmp_path / "job.review", _import(entry))
    yield session
    session.close()


@pytest.mark.parametrize("project", CASES, ids=_id, indirect=True)
def test_an_unedited_export_is_the_input_byte_for_byte(project: ReviewSession,
                                                       tmp_path: Path) -> None:
    entry = _entry_of(project)
    out = tmp_path / ("out" + Path(entry["path"]).suffix)
    project.export(out, entry["format"])
    assert out.read_bytes() == (REAL / entry["path"]).read_bytes()


def _entry_of(session: ReviewSession) -> dict[str, Any]:
    name = session.properties().get("source_name", "")
    return next(e for e in CASES if Path(e["path"]).name == name)


def _editable(session: ReviewSession) -> list[int]:
    """Two segments to edit: one with tags first when there is one."""
    free = [p for p in range(session.segment_count()) if not session.segment_locked(p)]
    tagged = [p for p in free if session.segment_tags(p)]
    chosen = tagged[:1] + [p for p in free if p not in tagged[:1]][:2 - len(tagged[:1])]
    return chosen


@pytest.mark.parametrize("project", CASES, ids=_id, indirect=True)
def test_two_edits_come_back_and_the_file_still_parses(project: ReviewSession,
                                                        tmp_path: Path) -> None:
    entry = _entry_of(project)
    edits: dict[int, str] = {}
    for number, position in enumerate(_editable(project)):
        segment = project.segment(position)
        tags = project.segment_tags(position)
        base = segment.source if not segment.mt.strip() and segment.source else segment.mt
        # words changed, the source's tags once each in its order; "&", "<" and quotes must
        # come back as text (ASCII: a cp1251 PO cannot hold an umlaut)
        kept = "".join(tag_char(i) for i, tag in enumerate(tags) if tag.in_source)
        text = f"Checked {number} & <b> \"q\" " + plain_text(base or "") + kept
        if tags:
            text = from_notation(to_notation(text, tags), tags)
        status = STATUS_CONFIRMED if number == 0 else STATUS_EDITED
        project.edit(position, text, "tester", status)
        edits[position] = text
    out = tmp_path / ("out" + Path(entry["path"]).suffix)
    project.export(out, entry["format"])
    data = out.read_bytes()
    assert data != (REAL / entry["path"]).read_bytes()
    _parses(entry["format"], out, REAL / entry["path"])
    again = ReviewSession.create(tmp_path / "again.review",
                                 import_document(out, file_format=entry["format"]
                                                 if out.suffix == ".txt" else None,
                                                 langs=entry.get("langs")))
    try:
        for position, text in edits.items():
            tags = project.segment_tags(position)
            assert to_notation(again.segment(position).mt, again.segment_tags(position)) \
                .replace("\r\n", "\n") == to_notation(text, tags).replace("\r\n", "\n")
    finally:
        again.close()


def _parses(file_format: str, out: Path, original: Path) -> None:
    if file_format in ("xliff", "tmx"):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        etree.parse(str(out), parser)
    elif file_format == "po":
        # each independent parser that accepts the real file must accept the export
        checked = 0
        msgfmt = shutil.which("msgfmt")
        if msgfmt is not None:
            for flags in (["-c"], []):
                if _msgfmt_ok(msgfmt, original, flags):
                    result = subprocess.run([msgfmt, *flags, "-o", "/dev/null", str(out)],
                                            capture_output=True, text=True, timeout=60)
                    assert result.returncode == 0, result.stderr
                    checked += 1
                    break
        polib = pytest.importorskip("polib")
        try:
            polib.pofile(str(original))
        except OSError:
            pass  # polib cannot read this real file as it is
        else:
            polib.pofile(str(out))
            checked += 1
        assert checked, "no independent parser accepts the original"


def _msgfmt_ok(msgfmt: str, path: Path, flags: list[str]) -> bool:
    """Some real files fail ``msgfmt -c`` as they are (no Plural-Forms, a BOM)."""
    return subprocess.run([msgfmt, *flags, "-o", "/dev/null", str(path)],
                          capture_output=True, timeout=60).returncode == 0
