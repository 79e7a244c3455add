"""Hostile and broken files: a clear one-line error, in bounded time and memory, no damage."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.core.errors import ReviewerError
from reviewer.formats.readers import import_document

DATA = Path(__file__).parent / "data"
XLIFF_HEAD = ('<?xml version="1.0"?>\n{doctype}<xliff version="1.2" '
              'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="ru" '
              'target-language="en" datatype="plaintext" original="x"><body>'
              '<trans-unit id="1"><source>{source}</source><target>MT</target></trans-unit>'
              "</body></file></xliff>\n")
LAUGHS = ('<!DOCTYPE xliff [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">'
                    for i in range(1, 10)).replace("&lol0;", "&lol;")
          + "]>\n")


def _xliff(tmp_path: Path, name: str, doctype: str, source: str) -> Path:
    path = tmp_path / name
    path.write_text(XLIFF_HEAD.format(doctype=doctype, source=source), encoding="utf-8")
    return path


def _cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(a) for a in args])
    _, err = capsys.readouterr()
    return code, err


def _assert_one_line_error(code: int, err: str) -> None:
    assert code == 1
    assert err.startswith("reviewer: error:") and err.count("\n") == 1
    assert "Traceback" not in err


def test_entity_expansion_is_refused_at_once(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _xliff(tmp_path, "laughs.xlf", LAUGHS, "&lol9;")
    start = time.monotonic()
    code, err = _cli(capsys, "new", tmp_path / "p.review", "--mt", path)
    assert time.monotonic() - start < 2
    _assert_one_line_error(code, err)
    assert "declares an entity (<!ENTITY lol>)" in err
    assert not (tmp_path / "p.review").exists()


@pytest.mark.parametrize("suffix", [".xlf", ".tmx"])
def test_external_entities_never_read_local_files(tmp_path: Path, suffix: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
    path = _xliff(tmp_path, f"xxe{suffix}", doctype, "&xxe;")
    code, err = _cli(capsys, "new", tmp_path / "p.review", "--mt", path)
    _assert_one_line_error(code, err)
    assert "external entity" in err and "TOP-SECRET" not in err


def test_an_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED">', encoding="utf-8")
    path = _xliff(tmp_path, "dtd.xlf", f'<!DOCTYPE xliff SYSTEM "{dtd.as_uri()}">\n',
                  "&leak;")
    with pytest.raises(ReviewerError, match="uses the entity &leak;, which is not defined"):
        import_document(path)
    safe = _xliff(tmp_path, "ok.xlf", f'<!DOCTYPE xliff SYSTEM "{dtd.as_uri()}">\n', "Да")
    assert import_document(safe).segments[0].source == "Да"


@pytest.mark.parametrize("suffix", [".txt", ".xlf", ".tmx", ".po", ".tsv", ".csv", ""])
def test_binary_files(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(bytes(range(256)) * 64 + os.urandom(4096))
    code, err = _cli(capsys, "new", tmp_path / "p.review", "--mt", path)
    _assert_one_line_error(code, err)
    assert "binary" in err


@pytest.mark.parametrize(("name", "text", "message"), [
    ("cut.xlf", (DATA / "omegat.xlf").read_text(encoding="utf-8")[:900], "not well-formed XML"),
    ("cut.tmx", (DATA / "memory.tmx").read_text(encoding="utf-8")[:700], "not well-formed XML"),
    ("cut.po", (DATA / "messages.po").read_text(encoding="utf-8")[:1000],
     "not a complete PO string"),
    ("empty.xlf", "", "empty"),
    ("empty.po", "", "empty"),
    ("empty.tsv", "", "empty"),
    ("header.tsv", "source\tmt\n", "empty"),
    ("nothing.xlf", XLIFF_HEAD.replace('<trans-unit id="1"><source>{source}</source>'
                                       "<target>MT</target></trans-unit>", "")
     .format(doctype=""), "holds no segments"),
    ("other.xml", "<?xml version='1.0'?><html><body/></html>", "neither XLIFF nor TMX"),
    ("mismatch.tsv", "source\tmt\nа\tb\nв\tg\th\n", "line 3 has 3 cells"),
])
def test_truncated_empty_and_mismatched_files(tmp_path: Path, name: str, text: str,
                                              message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, err = _cli(capsys, "new", tmp_path / "p.review", "--mt", path)
    _assert_one_line_error(code, err)
    assert message in err
    assert not (tmp_path / "p.review").exists()


def test_mismatched_line_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _cli(capsys, "new", tmp_path / "p.review", "--mt", DATA / "mt.en.txt",
                     "--source", DATA / "source-short.ru.txt")
    _assert_one_line_error(code, err)
    assert "line counts differ" in err


def test_fifty_megabyte_lines_in_bounded_time_and_memory(tmp_path: Path) -> None:
    size = 50 * 1024 * 1024
    line = b"word " * (size // 5)
    files = {
        "long.txt": line,
        "long.tsv": b"source\tmt\n" + line + b"\tx\n",
        "long.csv": b"source,mt\n\"" + line + b"\",x\n",
        "long.po": b'msgid "' + line + b'"\nmsgstr "x"\n',
        "long.xlf": XLIFF_HEAD.format(doctype="", source="{}").encode().replace(b"{}", line),
        "long.tmx": (b'<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="ru">'
                     b"<seg>" + line + b'</seg></tuv><tuv xml:lang="en"><seg>x</seg></tuv>'
                     b"</tu></body></tmx>"),
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    del line, files
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("hostile_child.py")),
                             *paths], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    reports = [json.loads(row) for row in result.stdout.splitlines()]
    assert len(reports) == len(paths)
    for report in reports:
        assert report["outcome"].startswith("error:"), report
        assert "the limit is 100,000" in report["outcome"] \
            or "holds a text over 10 MB" in report["outcome"], report
        assert report["seconds"] < 10, report
    assert max(report["peak_mb"] for report in reports) < 1024, reports


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failures_never_change_an_existing_project(tmp_path: Path, seed_project: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(seed_project)
    code, err = _cli(capsys, "new", seed_project, "--mt", DATA / "omegat.xlf")
    _assert_one_line_error(code, err)
    assert "already exists" in err
    code, err = _cli(capsys, "export", seed_project, tmp_path / "missing" / "out.txt")
    _assert_one_line_error(code, err)
    assert "does not exist" in err
    code, err = _cli(capsys, "export", seed_project, tmp_path / "out.xlf")
    _assert_one_line_error(code, err)
    assert "needs source text" in err and not (tmp_path / "out.xlf").exists()
    assert _digest(seed_project) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".partial"))]


def test_export_into_a_read_only_place(tmp_path: Path, seed_project: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:  # root writes anywhere a mode allows; /sys refuses even root
        target = Path("/sys/reviewer-export.txt")
        if not Path("/sys").is_dir():
            pytest.skip("no read-only place to try as root")
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        target = folder / "out.txt"
    code, err = _cli(capsys, "export", seed_project, target)
    _assert_one_line_error(code, err)
    assert "cannot write" in err and not target.exists()
