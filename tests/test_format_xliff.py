"""XLIFF 1.2 and 2.0: import, edit, export, import again; everything but targets kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_helpers import DATA, export, project_from, reimport
from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.xliff import NS12, NS20
from reviewer.session import ReviewSession

CORRECTED = "<g id=\"b1\" ctype=\"bold\">SOCHI</g>, 22 October."


def _without_targets(data: bytes) -> bytes:
    """Canonical XML with every target and state removed: what an export must not touch."""
    root = etree.fromstring(data)
    for target in list(root.iter(f"{{{NS12}}}target", f"{{{NS20}}}target")):
        parent = target.getparent()
        if etree.QName(parent).localname in ("trans-unit", "segment"):
            parent.remove(target)
    for element in root.iter():
        if etree.QName(element).localname in ("target", "segment"):
            element.attrib.pop("state", None)
    for element in root.iter():  # whitespace around a removed target is formatting only
        element.tail = element.tail.strip() if element.tail else None
        if len(element):
            element.text = element.text.strip() if element.text else None
    return etree.tostring(root, method="c14n")


def test_xliff_12_imports_source_target_ids_states_and_notes(tmp_path: Path) -> None:
    session = project_from(tmp_path, "omegat.xlf")
    segments = session.segments()
    assert [s.mt for s in segments][1:3] == [
        '<g id="b1" ctype="bold">SOCHI</g>, October 22.',
        'We act in accordance with their beliefs<x id="fn1" ctype="x-footnote"/> and the norms '
        "of international law."]
    assert len(segments) == 4  # the translate="no" unit is left alone
    assert segments[3].source == "Терроризм & экстремизм <не пройдут>." and segments[3].mt == ""
    job = session.export_job()
    assert job.segments[0].meta == {"id": "1", "state": "needs-review-translation",
                                    "notes": ["Headline: keep it short."]}
    assert session.properties()["target_language"] == "en-US"


@pytest.mark.parametrize("name", ["omegat.xlf", "job.xlf"])
def test_unedited_export_equals_the_original(tmp_path: Path, name: str) -> None:
    session = project_from(tmp_path, name)
    out = export(session, tmp_path / "out.xlf", "xliff")
    original = (DATA / name).read_bytes()
    assert etree.tostring(etree.fromstring(out.read_bytes()), method="c14n") == \
        etree.tostring(etree.fromstring(original), method="c14n")


@pytest.mark.parametrize("name", ["omegat.xlf", "job.xlf"])
def test_edit_export_reimport_gives_the_edits_and_keeps_the_rest(tmp_path: Path,
                                                                   name: str) -> None:
    session = project_from(tmp_path, name)
    pc = '<pc id="1" dataRefStart="d1" dataRefEnd="d2">SOCHI</pc>, 22 October.'
    session.edit(1, CORRECTED if name == "omegat.xlf" else pc, "anna")
    session.edit(2, session.segment(2).text.replace("their", "our"), "anna", status="edited")
    session.edit(3, "Terrorism & extremism <shall not pass>.", "anna")
    out = export(session, tmp_path / "out.xlf", "xliff")

    again = reimport(out)
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    assert [s.source for s in again.segments] == [s.source for s in session.segments()]
    first = reimport(DATA / name)
    for before, after in zip(first.segments, again.segments, strict=True):
        assert {k: v for k, v in (before.meta or {}).items() if k != "state"} == \
            {k: v for k, v in (after.meta or {}).items() if k != "state"}
    states = [(s.meta or {}).get("state") for s in again.segments]
    if name == "omegat.xlf":
        assert states == ["needs-review-translation", "translated",
                          "needs-review-translation", "translated"]
    else:
        assert states == ["initial", "translated", "initial", "translated"]
    assert _without_targets(out.read_bytes()) == _without_targets((DATA / name).read_bytes())
    text = out.read_text(encoding="utf-8")
    assert "Terrorism &amp; extremism &lt;shall not pass&gt;." in text


def test_an_xliff_export_reimports_identically(tmp_path: Path) -> None:
    session = project_from(tmp_path, "job.xlf")
    session.edit(0, "Putin: Russian troops are succeeding in Syria", "anna")
    first = export(session, tmp_path / "first.xlf", "xliff")
    again = reimport(first)
    copy = ReviewSession.create(tmp_path / "copy.review", again)
    second = export(copy, tmp_path / "second.xlf", "xliff")
    assert second.read_bytes() == first.read_bytes()


def test_broken_inline_tags_in_a_correction_are_a_clear_export_error(tmp_path: Path) -> None:
    session = project_from(tmp_path, "omegat.xlf")
    session.edit(1, '<g id="b1" ctype="bold">SOCHI, 22 October.', "anna")
    target = tmp_path / "out.xlf"
    with pytest.raises(ReviewerError, match="segment 2: an inline tag is not closed"):
        session.export(target, "xliff")
    assert not target.exists()


def test_xliff_from_a_plain_text_project_needs_source(tmp_path: Path) -> None:
    session = project_from(tmp_path, "segments.tsv")
    out = export(session, tmp_path / "new.xlf", "xliff")
    again = reimport(out)
    assert [s.source for s in again.segments] == [s.source for s in session.segments()]
    assert [s.mt for s in again.segments] == [s.text for s in session.segments()]
    lone = project_from(tmp_path, "mt.en.txt")
    with pytest.raises(ReviewerError, match="needs source text"):
        lone.export(tmp_path / "lone.xlf", "xliff")
