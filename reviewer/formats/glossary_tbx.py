"""Glossaries as TBX: TBX-Basic of ISO 30042:2008 (``martif``: termEntry, langSet, tig or
ntig, term) and TBX v3 (``tbx``: conceptEntry, langSec, termSec, term), DCA or DCT style;
and MultiTerm's XML export (``mtf``: conceptGrp, languageGrp with its ``language lang``,
termGrp, term), which Trados users hand over as their termbase.

A concept's terms in the source language each pair with each of its terms in the target
language; a target term whose status is deprecated or superseded becomes a forbidden term.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import NewTerm
from reviewer.formats.safexml import local_name, parse_xml

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRIES = frozenset({"termEntry", "conceptEntry", "conceptGrp"})
_LANGUAGES = frozenset({"langSet", "langSec", "languageGrp"})
_TERM_HOLDERS = frozenset({"tig", "ntig", "termSec", "termGrp"})  # termGrp: MultiTerm's
_STATUS_TYPES = frozenset({"administrativeStatus", "normativeAuthorization"})
_NOTE_TYPES = frozenset({"definition", "note", "explanation"})  # not examples ("context")
_FORBIDDEN = ("deprecated", "superseded", "forbidden", "rejected", "obsolete")


@dataclass
class _Term:
    text: str
    forbidden: bool
    note: str


@dataclass
class _Entry:
    note: str = ""  # the concept's
    languages: dict[str, list[_Term]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # each language section's


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _note_of(element: etree._Element) -> str:
    """The first note or definition directly inside ``element``."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = local_name(child)
        if name == "note" or name in _NOTE_TYPES \
                or name == "descrip" and str(child.get("type", "")).lower() in _NOTE_TYPES:
            text = _text(child)
            if text:
                return text
        if name == "descripGrp":
            text = _note_of(child)
            if text:
                return text
    return ""


def _is_forbidden(holder: etree._Element) -> bool:
    for element in holder.iter():
        if not isinstance(element.tag, str):
            continue
        name = local_name(element)
        kind = element.get("type") if name == "termNote" else name
        if kind in _STATUS_TYPES and any(word in _text(element).lower() for word in _FORBIDDEN):
            return True
    return False


def _term_of(holder: etree._Element) -> _Term | None:
    term = next((element for element in holder.iter()
                 if isinstance(element.tag, str) and local_name(element) == "term"), None)
    if term is None or not _text(term):
        return None
    group = next((child for child in holder
                  if isinstance(child.tag, str) and local_name(child) == "termGrp"), None)
    note = _note_of(holder) or ("" if group is None else _note_of(group))
    return _Term(_text(term), _is_forbidden(holder), note)


def _multiterm_lang(group: etree._Element) -> str:
    """A MultiTerm languageGrp's tag: its ``<language type="English" lang="EN-US"/>``."""
    return next((str(child.get("lang") or "") for child in group
                 if isinstance(child.tag, str) and local_name(child) == "language"), "")


def _entries(root: etree._Element) -> list[_Entry]:
    entries = []
    for element in root.iter():
        if not isinstance(element.tag, str) or local_name(element) not in _ENTRIES:
            continue
        entry = _Entry(_note_of(element))
        for language in element:
            if not isinstance(language.tag, str) or local_name(language) not in _LANGUAGES:
                continue
            tag = (language.get(_LANG) or language.get("lang") or _multiterm_lang(language)
                   or "").strip()
            terms = entry.languages.setdefault(tag, [])
            terms += [term for holder in language
                      if isinstance(holder.tag, str) and local_name(holder) in _TERM_HOLDERS
                      for term in [_term_of(holder)] if term is not None]
            entry.notes[tag] = entry.notes.get(tag) or _note_of(language)
        entries.append(entry)
    return entries


def _pick(wanted: str | None, languages: list[str]) -> str | None:
    """The file's language for a wanted tag: the same tag, else the same language."""
    if not wanted:
        return None
    folded = wanted.lower().replace("_", "-")
    for language in languages:
        if language.lower() == folded:
            return language
    return next((language for language in languages
                 if language.lower().split("-")[0] == folded.split("-")[0]), None)


def tbx_languages(root: etree._Element, entries: list[_Entry], source: str | None,
                  target: str | None, name: str) -> tuple[str, str]:
    """The file's source and target languages: the project's, else the file's own
    (``xml:lang`` of its root, then the order its languages first appear in)."""
    languages = list(dict.fromkeys(tag for entry in entries for tag in entry.languages if tag))
    if len(languages) < 2:
        raise ReviewerError(f"{name}: the terms are in {len(languages)} language(s) "
                            f"({', '.join(languages) or 'none named'}); a glossary needs two")
    for wanted in (source, target):
        if wanted and _pick(wanted, languages) is None:
            raise ReviewerError(f"{name}: has no terms in {wanted}, the project's language "
                                f"(the file's languages: {', '.join(languages)})")
    chosen_source = _pick(source, languages) or _pick(root.get(_LANG), languages) \
        or languages[0]
    rest = [language for language in languages if language != chosen_source]
    chosen_target = _pick(target, rest) or rest[0]
    return chosen_source, chosen_target


def read_glossary_tbx(data: bytes, name: str, source: str | None = None,
                      target: str | None = None) -> list[NewTerm]:
    """The term pairs of a TBX file from the source to the target language."""
    root = parse_xml(data, name).getroot()
    if local_name(root) not in ("martif", "tbx", "mtf"):
        raise ReviewerError(f"{name}: not a TBX file (its root is <{local_name(root)}>, "
                            "not <martif>, <tbx> or MultiTerm's <mtf>)")
    entries = _entries(root)
    if not entries:
        raise ReviewerError(f"{name}: the TBX file holds no terms (no termEntry or "
                            "conceptEntry)")
    source_language, target_language = tbx_languages(root, entries, source, target, name)
    terms = []
    for entry in entries:
        for source_term in entry.languages.get(source_language, []):
            for target_term in entry.languages.get(target_language, []):
                note = target_term.note or source_term.note \
                    or entry.notes.get(target_language) or entry.notes.get(source_language) \
                    or entry.note
                terms.append(NewTerm(source_term.text, target_term.text, note,
                                     target_term.forbidden))
    if not terms:
        raise ReviewerError(f"{name}: no concept has terms in both {source_language} and "
                            f"{target_language}")
    return terms
