"""Text output shows control characters from revisions, names and labels as escapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from reviewer.core.visible import storable, visible

HOSTILE = "\x1b]0;pwned\x07\x1b[2Jclear\x9bC1 \u202eevil\u2066x\u2069\ttab\nnext\r"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\u2069", "\t", "\r")


def _clean(line: str) -> bool:
    return not any(char in line for char in RAW)


def test_visible_escapes_controls_bidi_and_undecodable_bytes() -> None:
    assert visible("plain Привет, мир") == "plain Привет, мир"
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("a\tb\nc\rd") == "a\\tb\\nc\\rd"
    assert visible("\x00\x7f\x9b\x85") == "\\x00\\x7f\\x9b\\x85"
    assert visible("\u202eab\u2066\u2069\u2028") == "\\u202eab\\u2066\\u2069\\u2028"
    assert visible("name\udcff.txt") == "name\\xff.txt"  # a byte argv could not decode
    assert visible("\ud800") == "\\ud800"


def test_storable_keeps_valid_text_and_escapes_undecodable_bytes() -> None:
    assert storable("Привет.txt") == "Привет.txt"
    assert storable("\udcff\udcfe.txt") == "\\xff\\xfe.txt"
    storable("\ud800x").encode("utf-8")


def test_history_text_output_escapes_revision_text_json_stays_exact(
        seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "edit", seed_project, 1, HOSTILE, "--author", "eve\x1b[31m")[0] == 0
    assert run(capsys, "edit", seed_project, 2, "second")[0] == 0
    code, out, _ = run(capsys, "history", seed_project)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2  # one revision, one line
    assert _clean(out.replace("\n", ""))
    assert "\\x1b]0;pwned\\x07\\x1b[2Jclear\\x9bC1 \\u202eevil" in lines[0]
    assert "\\ttab\\nnext\\r" in lines[0] and "eve\\x1b[31m" in lines[0]

    code, out, _ = run(capsys, "history", seed_project, "--json")
    rows = json.loads(out)
    assert rows[0]["text"] == HOSTILE and rows[0]["author"] == "eve\x1b[31m"


def test_version_list_escapes_labels_and_authors(
        seed_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    label = "sent\x1b]0;x\x07\u202e"
    code, out, _ = run(capsys, "version", seed_project, label, "--author", "a\x9bb")
    assert code == 0 and _clean(out)
    code, out, _ = run(capsys, "version", seed_project)
    assert code == 0 and _clean(out.replace("\t", ""))
    fields = out.rstrip("\n").split("\t")
    assert fields[0] == "sent\\x1b]0;x\\x07\\u202e" and fields[2] == "a\\x9bb"
    code, out, _ = run(capsys, "export", seed_project, seed_project.parent / "v\x1bx.txt",
                       "--version", label)
    assert code == 0 and _clean(out) and "v\\x1bx.txt" in out


def test_messages_naming_files_escape_them(tmp_path: Path, seed_project: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", seed_project, tmp_path / "out\x1b[2J.txt")
    assert code == 0 and _clean(out) and "out\\x1b[2J.txt" in out
    code, out, _ = run(capsys, "backup", seed_project, tmp_path / "b\u202e.review")
    assert code == 0 and _clean(out) and "b\\u202e.review" in out
    code, out, err = run(capsys, "new", tmp_path / "n.review", "--mt",
                         tmp_path / "missing\x1b]0;t\x07\nsecond.txt")
    assert code == 1 and _clean(err.rstrip("\n")) and err.count("\n") == 1
    assert "missing\\x1b]0;t\\x07\\nsecond.txt" in err
    source = tmp_path / "in\x1b[2J.txt"
    source.write_text("One sentence here.\n", encoding="utf-8")
    code, out, _ = run(capsys, "new", tmp_path / "p\x07.review", "--mt", source)
    assert code == 0 and _clean(out) and "p\\x07.review" in out
