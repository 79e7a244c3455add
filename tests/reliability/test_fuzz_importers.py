"""Fuzzing every importer: a document or one ``ReviewerError`` line, bounded time and memory.

The normal run uses a fixed, derandomized budget (the same cases on every run).
``REVIEWER_FUZZ_EXAMPLES=N`` runs N fresh random cases per test instead; for a long run
with counts of cases and failures, see ``benchmarks/fuzz.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fuzz_inputs import (
    LAUGHS,
    SEEDS,
    XLIFF12,
    ImportCase,
    check_import,
    check_one_line,
    import_cases,
)
from hypothesis import HealthCheck, given, settings

from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession

LONG_RUN = os.environ.get("REVIEWER_FUZZ_EXAMPLES")


def budget(quick: int) -> settings:
    """``quick`` derandomized cases, or the long run's random ones."""
    return settings(max_examples=int(LONG_RUN) if LONG_RUN else quick,
                    derandomize=not LONG_RUN, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example,
                                           HealthCheck.function_scoped_fixture])


def _seeds(*suffixes: str) -> tuple[str, ...]:
    return tuple(name for name, (suffix, _) in SEEDS.items() if suffix in suffixes)


FAMILIES = {
    "text": _seeds(".txt"),
    "xliff": _seeds(".xlf", ".xliff"),
    "tmx": _seeds(".tmx"),
    "po": _seeds(".po"),
    "delimited": _seeds(".tsv", ".csv"),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_mutated_files_import_or_fail_in_one_line(family: str, tmp_path: Path) -> None:
    @budget(150)
    @given(case=import_cases(FAMILIES[family]))
    def run(case: ImportCase) -> None:
        check_import(case, tmp_path / "case")

    run()


# Cases the fuzzing found, kept so they stay fixed.
@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "zlib", "palmos", "utf-8-sig",
                                      "cp037", "hz", "ptcp154"])
@pytest.mark.parametrize("seed", ["xliff12.xlf", "memory.tmx"])
def test_xml_with_any_encoding_option_is_read_or_refused_in_one_line(
        seed: str, encoding: str, tmp_path: Path) -> None:
    case = ImportCase(seed, SEEDS[seed][0], SEEDS[seed][1], {"encoding": encoding})
    check_import(case, tmp_path)


def test_fuzzed_files_become_projects_or_fail_in_one_line(tmp_path: Path) -> None:
    """What imports must also be storable: creating the project never raises anything else."""
    @budget(40)
    @given(case=import_cases())
    def run(case: ImportCase) -> None:
        _, document = check_import(case, tmp_path / "case")
        if document is None:
            return
        project = tmp_path / "case" / "p.review"
        try:
            ReviewSession.create(project, document).close()
        except ReviewerError as error:
            check_one_line(str(error))
        finally:
            for leftover in project.parent.glob("p.review*"):
                leftover.unlink()

    run()


CHILD = Path(__file__).with_name("fuzz_child.py")


def test_importers_stay_within_a_memory_cap(tmp_path: Path) -> None:
    """In a process limited to 1 GiB of address space: no MemoryError, no crash."""
    result = subprocess.run([sys.executable, str(CHILD), str(tmp_path), "60"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["cases"] >= 60 and report["failures"] == [], report


@pytest.mark.parametrize("name", ["laughs", "xxe"])
def test_entity_attacks_are_refused(name: str, tmp_path: Path) -> None:
    doctype = LAUGHS if name == "laughs" else \
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    data = XLIFF12.encode().replace(b"?>\n", b"?>\n" + doctype, 1)
    outcome, _ = check_import(ImportCase("xliff12.xlf", ".xlf", data), tmp_path)
    assert outcome.startswith("error:") and "entity" in outcome


HIDDEN_BREAKS = {"LF": "\n", "VT": "\x0b", "FF": "\x0c", "FS": "\x1c", "RS": "\x1e",
                 "NEL": "\x85", "LSEP": "\u2028", "PSEP": "\u2029"}


@pytest.mark.parametrize("brk", HIDDEN_BREAKS.values(), ids=HIDDEN_BREAKS.keys())
@pytest.mark.parametrize(("suffix", "template"), ids=["tsv", "csv", "po", "tmx", "tmx-pair"],
                         argvalues=[
    (".tsv", "source\tpe{brk}x\tnotes\na\tb\tc\n"),
    (".csv", "source,\"pe{brk}x\",notes\na,b,c\n"),
    (".po", 'msgid "a\\{brk}b"\nmsgstr ""\n'),
    (".tmx", '<tmx version="1.4"><header srclang="ru"/><body><tu><tuv xml:lang="ru{ref}x">'
             "<seg>a</seg></tuv></tu></body></tmx>"),
    (".tmx", '<tmx version="1.4"><header srclang="fr"/><body><tu><tuv xml:lang="ru{ref}x">'
             '<seg>a</seg></tuv><tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>'),
])
def test_file_content_in_an_error_stays_on_one_line(suffix: str, template: str, brk: str,
                                                     tmp_path: Path) -> None:
    """A line break from the file (raw, or a character reference in XML) is shown escaped."""
    text = template.format(brk=brk, ref=f"&#{ord(brk)};")
    if suffix == ".tmx" and brk in "\x0b\x0c\x1c\x1e":
        text = text.replace(f"&#{ord(brk)};", "&#10;")  # XML 1.0 forbids these controls
    case = ImportCase("hidden", suffix, text.encode("utf-8"))
    outcome, _ = check_import(case, tmp_path)
    assert outcome.startswith("error:")


# Codecs that decode bytes to lone surrogates, or fail with a plain UnicodeError.
ODD_DECODINGS = {
    "utf-7": b"Hello +2AA- world.",
    "unicode_escape": b"Hello \\ud800 world.",
    "raw_unicode_escape": b"Hello \\ud800 world.",
    "punycode": b"Hello: world;",
}


@pytest.mark.parametrize("encoding", sorted(ODD_DECODINGS))
@pytest.mark.parametrize("suffix", [".txt", ".tsv", ".xlf", ".po"])
def test_codecs_that_decode_to_surrogates_or_fail_oddly(encoding: str, suffix: str,
                                                         tmp_path: Path) -> None:
    text = ODD_DECODINGS[encoding]
    data = {".txt": text, ".tsv": b"mt\n" + text + b"\n",
            ".xlf": XLIFF12.encode().replace(b"<source>", b"<source>" + text, 1),
            ".po": b'msgid "a"\nmsgstr "' + text + b'"\n'}[suffix]
    check_import(ImportCase("odd", suffix, data, {"encoding": encoding}), tmp_path)


@pytest.mark.parametrize("run", [" " * 20_000], ids=["spaces"])
def test_long_whitespace_runs_split_in_bounded_time(run: str, tmp_path: Path) -> None:
    data = f"Hello.{run}world. And {run}more".encode()
    check_import(ImportCase("mt.en.txt", ".txt", data), tmp_path)


def _cpu_seconds(case: ImportCase, folder: Path) -> float:
    start = time.process_time()
    check_import(case, folder)
    return time.process_time() - start


# Work that grew with the square of the input: each case takes a fraction of a second now.
QUADRATIC = {
    "doctype-openings": (".xlf", b"<?xml version='1.0'?>" + b"<!DOCTYPE" * 16_000 + b"<xliff/>"),
    "tmx-languages": (".tmx", b'<tmx version="1.4"><header srclang="l0"/><body>' + b"".join(
        b'<tu><tuv xml:lang="l%d"><seg>x</seg></tuv></tu>' % i for i in range(40_000))
        + b"</body></tmx>"),
    "po-continuation-lines": (".po", b'msgid "a"\nmsgstr ""\n' + b'"xxxxxxxxxx"\n' * 300_000),
}


@pytest.mark.parametrize("name", sorted(QUADRATIC))
def test_inputs_that_took_quadratic_time(name: str, tmp_path: Path) -> None:
    suffix, data = QUADRATIC[name]
    assert _cpu_seconds(ImportCase(name, suffix, data), tmp_path) < 2.0


@pytest.mark.parametrize("index", ["1" * 5000, "9" * 4301])
def test_a_po_plural_index_too_long_for_int(index: str, tmp_path: Path) -> None:
    data = f'msgid "a"\nmsgid_plural "b"\nmsgstr[{index}] "x"\n'.encode()
    outcome, _ = check_import(ImportCase("index", ".po", data), tmp_path)
    assert outcome.startswith("error:")


@pytest.mark.parametrize("stem", ["two\nlines", "cr\r", "sep\u2028x", "\x1b[31mred", "bad\udcff"],
                         ids=["LF", "CR", "LSEP", "ESC", "undecodable"])
@pytest.mark.parametrize("seed", ["empty.txt", "messages.po", "memory.tmx", "segments.tsv"])
def test_an_error_naming_an_odd_file_name_stays_on_one_line(seed: str, stem: str,
                                                             tmp_path: Path) -> None:
    data = SEEDS[seed][1][:100]  # cut short: every format has something to complain about
    outcome, _ = check_import(ImportCase(seed, SEEDS[seed][0], data, stem=stem), tmp_path)
    assert outcome.startswith("error:")
