"""Glossary files: real TBX 2 (TBX-Basic ``martif``) and TBX v3 files, CSV and TSV, and a
clear one-line error for a file that is not a glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import NewTerm
from reviewer.formats.glossary_import import read_glossary
from reviewer.session import ReviewSession

GLOSSARIES = Path(__file__).parent / "data" / "glossary"
MARYLAND = GLOSSARIES / "maryland-tbx2-ntig.tbx"
WEBLATE = GLOSSARIES / "weblate-fr-extended-metadata.tbx"
ASTRONOMY = GLOSSARIES / "astronomy-tbx3-dca.tbx"
ASTRONOMY_DCT = GLOSSARIES / "astronomy-tbx3-dct.tbx"


def pairs(terms: list[NewTerm]) -> list[tuple[str, str, bool]]:
    return [(term.source, term.target, term.forbidden) for term in terms]


# -- TBX -----------------------------------------------------------------------------------

def test_tbx2_ntig_each_source_term_pairs_with_each_target_term() -> None:
    terms = read_glossary(MARYLAND)  # the root's xml:lang="EN": English is the source
    assert pairs(terms) == [(source, target, False) for source in ("scribe", "copyist")
                            for target in ("copiste", "scribe", "écrivain")]
    assert terms[0].note == "personne qui accomplit un travail copie ou d'écriture"


def test_tbx_languages_come_from_the_project_and_en_finds_en_us() -> None:
    assert pairs(read_glossary(MARYLAND, "it", "es"))[:2] == [("scriba", "copista", False),
                                                             ("scriba", "escriba", False)]
    assert pairs(read_glossary(MARYLAND, "en-US", "it-IT"))[0] == ("scribe", "scriba", False)
    with pytest.raises(ReviewerError, match=r"has no terms in ru, the project's language "
                                            r"\(the file's languages: fr, it, es, en\)"):
        read_glossary(MARYLAND, "en", "ru")


def test_an_obsolete_target_term_becomes_forbidden_and_notes_are_kept() -> None:
    terms = read_glossary(WEBLATE)
    assert pairs(terms) == [("data bus", "bus de données", True),
                            ("SYS_ERR_406", "SYS_ERR_406", False)]
    assert terms[0].note == "Superseded but still found in older manuals."
    assert terms[1].note == "Do not translate error codes."


def test_tbx3_dca_concepts_synonyms_and_definitions() -> None:
    terms = read_glossary(ASTRONOMY, "en", "es")
    assert pairs(terms)[:3] == [("open cluster", "cúmulo abierto", False),
                                ("galactic cluster", "cúmulo abierto", False),
                                ("circumstellar accretion disk", "disco de acreción", False)]
    assert len(terms) == 9 and pairs(terms)[-1] == ("black hole", "agujero negro", False)
    assert terms[0].note.startswith("Una acumulación de una docena")  # not an example


@pytest.mark.parametrize("path", [ASTRONOMY, ASTRONOMY_DCT])
def test_tbx3_superseded_target_term_is_forbidden_in_dca_and_dct(path: Path) -> None:
    terms = read_glossary(path, "es", "en")
    assert pairs(terms)[:2] == [("cúmulo abierto", "open cluster", False),
                                ("cúmulo abierto", "galactic cluster", True)]


@pytest.mark.parametrize(("content", "message"), [
    (b"<tmx version='1.4'><body/></tmx>", "not a TBX file (its root is <tmx>"),
    (b"<martif><text><body/></text></martif>", "holds no terms"),
    (b"<martif><text><body><termEntry><langSet xml:lang='en'><tig><term>a</term></tig>"
     b"</langSet></termEntry></body></text></martif>", "in 1 language(s) (en)"),
    (b"<martif><text><body><termEntry>", "not well-formed XML"),
])
def test_bad_tbx_files_are_refused_in_one_line(tmp_path: Path, content: bytes,
                                               message: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_bytes(content)
    with pytest.raises(ReviewerError, match="^bad.tbx: ") as error:
        read_glossary(path)
    assert message in str(error.value) and "\n" not in str(error.value)


# -- CSV and TSV ---------------------------------------------------------------------------

def write(tmp_path: Path, name: str, text: str, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_csv_with_bom_quotes_and_notes(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.csv", 'Source,Target,Note\n"Loading, please wait",'
                 '"Načítá se, prosím čekejte",a note\naddress bar,adresní řádek,\n', bom=True)
    assert read_glossary(path) == [
        NewTerm("Loading, please wait", "Načítá se, prosím čekejte", "a note"),
        NewTerm("address bar", "adresní řádek")]


def test_tsv_and_semicolons_and_a_forbidden_column(tmp_path: Path) -> None:
    tsv = write(tmp_path, "terms.tsv", 'source\ttarget\tforbidden\n12" pipe\tтруба 12"\tno\n'
                '\nlogin\tлогин\tyes\n')
    assert pairs(read_glossary(tsv)) == [('12" pipe', 'труба 12"', False),
                                         ("login", "логин", True)]
    semicolons = write(tmp_path, "terms.txt", "target;source\nпамять;memory\n")
    assert pairs(read_glossary(semicolons)) == [("memory", "память", False)]


def test_csv_columns_headed_with_the_project_languages(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.csv", "id,ru,en-US\n1,память переводов,translation memory\n")
    assert pairs(read_glossary(path, "en", "ru")) == [
        ("translation memory", "память переводов", False)]
    with pytest.raises(ReviewerError, match="does not name a source and a target column"):
        read_glossary(path, "en", "de")


@pytest.mark.parametrize(("text", "message"), [
    ("address bar,adresní řádek\n", "does not name a source and a target column"),
    ("source,target\n", "no terms below the header"),
    ("", "the file is empty"),
    ("source,target\nlogin,\n", "line 2 lacks a source or a target term"),
    ("source,target,forbidden\nlogin,логин,perhaps\n", "forbidden is perhaps"),
])
def test_bad_csv_files_are_refused_in_one_line(tmp_path: Path, text: str,
                                               message: str) -> None:
    with pytest.raises(ReviewerError, match="^terms.csv: ") as error:
        read_glossary(write(tmp_path, "terms.csv", text))
    assert message in str(error.value)


# -- into a project ------------------------------------------------------------------------

def test_importing_the_same_file_twice_adds_nothing_the_second_time(seed_project: Path) -> None:
    session = ReviewSession.open(seed_project)
    try:
        assert session.import_glossary(ASTRONOMY) == 9
        assert session.import_glossary(ASTRONOMY) == 0
        assert session.import_glossary(ASTRONOMY_DCT) == 0  # the same terms
        terms = session.glossary()
        assert len(terms) == 9 and {term.origin for term in terms} == {ASTRONOMY.name}
    finally:
        session.close()
