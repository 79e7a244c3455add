"""TMX: one language pair of a translation memory in; source/correction pairs out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from reviewer import __version__
from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.formats.inline import fill, render, text_of
from reviewer.formats.safexml import (
    XML_ENCODING,
    local_name,
    parse_xml,
    serialize,
    xml_document,
)
from reviewer.formats.structured import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    check_segments,
    is_edited,
    needs_source,
    shown,
)

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _language(tuv: etree._Element) -> str:
    return tuv.get(_XML_LANG) or tuv.get("lang") or ""  # TMX 1.1 used a plain lang


def _root(tree: etree._ElementTree, name: str) -> etree._Element:
    root = tree.getroot()
    if local_name(root) != "tmx":
        raise ReviewerError(f"{name}: not TMX (the root element is <{local_name(root)}>)")
    return root


def _units(root: etree._Element) -> list[etree._Element]:
    return list(root.iter("tu"))


def _match(wanted: str, languages: list[str], name: str) -> str:
    """The file's language tag for ``wanted``: exact, else the one with that primary subtag."""
    lowered = {language.lower(): language for language in languages}
    if wanted.lower() in lowered:
        return lowered[wanted.lower()]
    primary = wanted.lower().split("-")[0]
    close = [language for language in languages if language.lower().split("-")[0] == primary]
    if len(close) == 1:
        return close[0]
    raise ReviewerError(f"{name}: no language {wanted!r} "
                        f"(it holds {shown(', '.join(languages))})")


def choose_pair(root: etree._Element, langs: tuple[str, str] | None,
                name: str) -> tuple[str, str]:
    """The source and target language tags to read, from ``langs`` or the file itself."""
    found: dict[str, None] = {}  # in file order; a list's "in" made this quadratic
    for tuv in root.iter("tuv"):
        language = _language(tuv)
        if language:
            found[language] = None
    languages = list(found)
    if len(languages) < 2 and langs is None:
        raise ReviewerError(f"{name}: needs two languages, it holds "
                            f"{shown(', '.join(languages)) or 'none'}")
    if langs is not None:
        return _match(langs[0], languages, name), _match(langs[1], languages, name)
    header = root.find("header")
    declared = header.get("srclang", "") if header is not None else ""
    source = _match(declared, languages, name) if declared and declared != "*all*" \
        else languages[0]
    others = [language for language in languages if language != source]
    if len(others) != 1:
        raise ReviewerError(f"{name}: holds {shown(', '.join(languages))}; choose two with "
                            "--langs SOURCE,TARGET")
    return source, others[0]


def _variant(tu: etree._Element, language: str) -> etree._Element | None:
    for tuv in tu.findall("tuv"):
        if _language(tuv) == language:
            return tuv.find("seg")
    return None


def read_tmx(data: bytes, name: str, encoding: str | None = None,
             langs: tuple[str, str] | None = None) -> ImportedDocument:
    """Each translation unit with a source variant: source → source, target → MT."""
    tree = parse_xml(data, name, encoding)
    root = _root(tree, name)
    source_language, target_language = choose_pair(root, langs, name)
    segments: list[ImportedSegment] = []
    for index, tu in enumerate(_units(root)):
        source = _variant(tu, source_language)
        if source is None:
            continue
        target = _variant(tu, target_language)
        meta: dict[str, object] = {"tu": index}
        if tu.get("tuid"):
            meta["tuid"] = tu.get("tuid")
        notes = [text_of(note) for note in tu.findall("note")]
        if notes:
            meta["notes"] = notes
        segments.append(ImportedSegment(mt="" if target is None else text_of(target),
                                        source=text_of(source), meta=meta))
    check_segments(segments, name)
    return xml_document(tree, data, name, segments,
                        {SOURCE_LANGUAGE: source_language, TARGET_LANGUAGE: target_language}, "tmx",
                        encoding)


def write_tmx(job: ExportJob) -> bytes:
    """The original TMX with corrected targets, or a new TMX 1.4 of source/correction pairs."""
    original = job.original_in("tmx")
    return _new_document(job) if original is None else _rewrite(job, *original)


def _rewrite(job: ExportJob, name: str, data: bytes) -> bytes:
    forced = job.properties.get(XML_ENCODING)
    tree = parse_xml(data, name, forced)
    root = _root(tree, name)
    units = _units(root)
    source_language = job.properties.get(SOURCE_LANGUAGE, "")
    target_language = job.properties.get(TARGET_LANGUAGE, "")
    for segment in job.segments:
        index = (segment.meta or {}).get("tu")
        if not isinstance(index, int) or not 0 <= index < len(units):
            raise ReviewerError("the project no longer matches its original TMX; "
                                "export TSV instead")
        if not is_edited(segment.status):
            continue
        tu = units[index]
        source = _variant(tu, source_language)
        target = _variant(tu, target_language)
        tags = ([] if source is None else render(source)[1]) \
            + ([] if target is None else render(target)[1])
        if target is None:
            tuv = etree.SubElement(tu, "tuv")
            tuv.set(_XML_LANG, target_language)
            target = etree.SubElement(tuv, "seg")
        fill(target, segment.correction, tags, f"segment {segment.position + 1}")
    return serialize(tree, data, forced)


def _new_document(job: ExportJob) -> bytes:
    source_language = job.properties.get(SOURCE_LANGUAGE) or "x-source"
    target_language = job.properties.get(TARGET_LANGUAGE) or "x-target"
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "reviewer", "creationtoolversion": __version__,
        "segtype": "sentence", "o-tmf": "reviewer", "adminlang": "en",
        "srclang": source_language, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    try:
        for segment in job.segments:
            tuid = (segment.meta or {}).get("tuid")
            tu = etree.SubElement(body, "tu", tuid=str(tuid or segment.position + 1))
            for language, text in ((source_language, needs_source(segment.source, "TMX")),
                                   (target_language, segment.correction)):
                tuv = etree.SubElement(tu, "tuv")
                tuv.set(_XML_LANG, language)
                etree.SubElement(tuv, "seg").text = text
    except ValueError as error:
        raise ReviewerError(f"cannot write TMX: {error}") from error
    etree.indent(root, space="  ")
    return serialize(root.getroottree())
