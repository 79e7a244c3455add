"""``reviewer glossary`` and the glossary's checks in ``reviewer check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.qa import FORBIDDEN_TERM, GLOSSARY
from reviewer.qa_service import SessionQa
from reviewer.session import ReviewSession

GLOSSARIES = Path(__file__).parent / "data" / "glossary"
DOCS = Path(__file__).parent.parent / "docs" / "cli.md"


def project(tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[tuple[str, str]],
            langs: str) -> Path:
    mt = tmp_path / "mt.tsv"
    mt.write_text("source\tmt\n" + "".join(f"{source}\t{text}\n" for source, text in rows),
                  encoding="utf-8")
    path = tmp_path / "p.review"
    assert run(capsys, "new", path, "--mt", mt, "--langs", langs)[0] == 0
    return path


def test_import_list_add_and_delete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, capsys, [("Open clusters.", "Cúmulos.")], "en,es")
    tbx = GLOSSARIES / "astronomy-tbx3-dca.tbx"
    assert run(capsys, "glossary", path, tbx) == (
        0, "astronomy-tbx3-dca.tbx: 9 glossary terms added (9 in the glossary)\n", "")
    assert run(capsys, "glossary", path, tbx)[1].startswith("astronomy-tbx3-dca.tbx: 0 ")
    code, out, _err = run(capsys, "glossary", path, "--add", "star=estrella", "--note", "n")
    assert (code, out) == (0, "glossary term 10 added: star → estrella\n")
    assert run(capsys, "glossary", path, "--add", "nova=supernova", "--forbidden")[0] == 0
    code, out, _err = run(capsys, "glossary", path, "--json")
    listed = json.loads(out)
    assert listed[0] == {"id": 1, "source": "open cluster", "target": "cúmulo abierto",
                         "note": listed[0]["note"], "forbidden": False}
    assert listed[-2:] == [
        {"id": 10, "source": "star", "target": "estrella", "note": "n", "forbidden": False},
        {"id": 11, "source": "nova", "target": "supernova", "note": "", "forbidden": True}]
    assert run(capsys, "glossary", path, "--delete", "10") == (0, "glossary term 10 deleted\n",
                                                              "")
    lines = run(capsys, "glossary", path)[1].splitlines()
    assert len(lines) == 10 and lines[-1] == "11: nova → supernova  [forbidden]"
    assert lines[0].startswith("1: open cluster → cúmulo abierto  (Una acumulación")


def test_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, capsys, [("Open clusters.", "Cúmulos.")], "en,es")
    bad = tmp_path / "terms.csv"
    bad.write_text("a,b\n", encoding="utf-8")
    code, out, err = run(capsys, "glossary", path, bad)
    assert code == 1 and out == "" and err.startswith("reviewer: error: terms.csv: the first")
    assert err.count("\n") == 1
    code, _out, err = run(capsys, "glossary", path, "--add", "=x")
    assert (code, err) == (1, "reviewer: error: a glossary term needs a source term "
                              "(a word at least)\n")
    assert run(capsys, "glossary", path, "--delete", "7")[2] == (
        "reviewer: error: no glossary term 7 in this project\n")
    assert run(capsys, "glossary", path, bad, "--add", "a=b")[0] == 2
    assert run(capsys, "glossary", path, "--add", "ab")[0] == 2
    assert run(capsys, "glossary", path)[1] == f"{path}: the glossary is empty\n"
    assert run(capsys, "glossary", path, "--json")[1] == "[]\n"


def test_check_flags_a_missing_term_and_a_forbidden_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, capsys, [
        ("Open clusters are young.", "Los cúmulos abiertos son jóvenes."),
        ("A black hole swallows light.", "Un agujero negro traga la luz."),
        ("The galactic cluster M29.", "El cúmulo galáctico M29."),
    ], "en,es")
    assert run(capsys, "glossary", path, GLOSSARIES / "astronomy-tbx3-dca.tbx")[0] == 0
    assert run(capsys, "glossary", path, "--add", "black hole=agujero negro")[0] == 0
    assert run(capsys, "glossary", path, "--add", "galactic cluster=cúmulo galáctico",
               "--forbidden")[0] == 0
    # an inflected target is the term; a synonym is not; the forbidden one is reported
    for number, text in ((1, "Los cúmulos abiertos son jóvenes."),
                         (2, "Un hoyo negro traga la luz."),
                         (3, "El cúmulo galáctico M29.")):
        assert run(capsys, "edit", path, number, text)[0] == 0
    code, out, _err = run(capsys, "check", path, "--disable", "spelling")
    assert code == 1
    assert out.splitlines() == [
        "segment 2: glossary: “black hole” should be translated as “agujero negro”",
        "segment 3: glossary: “galactic cluster” should be translated as “cúmulo abierto”",
        "segment 3: forbidden-term: “cúmulo galáctico” is a forbidden term "
        "(for “galactic cluster”)",
    ]
    found = json.loads(run(capsys, "check", path, "--json", "--disable", "spelling")[1])
    assert found[-1] == {"segment": 3, "check": FORBIDDEN_TERM, "message": found[-1]["message"],
                         "start": 3, "end": 19}
    assert run(capsys, "check", path, "--disable", f"spelling,{GLOSSARY},{FORBIDDEN_TERM}") == (
        0, f"{path}: no QA warnings\n", "")


def test_russian_source_terms_are_found_in_their_inflected_forms(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = project(tmp_path, capsys, [
        ("Мы действуем в соответствии с нормами международного права.",
         "We act in accordance with the norms of international law."),
    ], "ru,en")
    assert run(capsys, "glossary", path, "--add", "международное право=international law")[0] == 0
    session = ReviewSession.open(path)
    try:
        assert session.glossary_language() == "ru"
        [hit] = session.glossary_hits(0)
        assert session.segment(0).source[hit.start:hit.end] == "международного права"
        qa = SessionQa(session)
        assert qa.warnings(0, "We act in line with the norms of international laws.") == []
        assert [w.check for w in qa.warnings(0, "We act in line with the law.")] == [GLOSSARY]
        session.add_glossary_term("норма", "rule")  # the cache is renewed on a change
        assert [hit.term.target for hit in session.glossary_hits(0)] == ["rule",
                                                                         "international law"]
    finally:
        session.close()


def test_glossary_is_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for phrase in ("reviewer glossary PROJECT [FILE | --add SOURCE=TARGET", GLOSSARY,
                   FORBIDDEN_TERM, '{"id": 1, "source": "open cluster"'):
        assert phrase in docs, phrase
