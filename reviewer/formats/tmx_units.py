"""The structure of a TMX file: its units, their variants, and the languages it holds.

Language tags compare case-insensitively (BCP 47): ``en-us`` and ``En-uS`` are one language.
"""

from __future__ import annotations

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.safexml import local_name
from reviewer.formats.structured import shown

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def language(tuv: etree._Element) -> str:
    """A variant's language tag as the file spells it."""
    return str(tuv.get(XML_LANG) or tuv.get("lang") or "")  # TMX 1.1 used a plain lang


def tmx_root(tree: etree._ElementTree, name: str) -> etree._Element:
    """The ``<tmx>`` element, or an error naming what the file holds instead."""
    root = tree.getroot()
    if local_name(root) != "tmx":
        raise ReviewerError(f"{name}: not TMX (the root element is <{local_name(root)}>)")
    return root


def units(root: etree._Element) -> list[etree._Element]:
    """Every ``<tu>``, in file order: a segment's meta "tu" indexes this list."""
    return list(root.iter("{*}tu"))


def variants(tu: etree._Element, wanted: str) -> list[etree._Element]:
    """The unit's ``<tuv>``s in language ``wanted``, compared case-insensitively."""
    key = wanted.lower()
    return [tuv for tuv in tu.iterchildren("{*}tuv") if language(tuv).lower() == key]


def segment_of(tuv: etree._Element) -> etree._Element | None:
    """The variant's ``<seg>``."""
    return tuv.find("{*}seg")


def _languages(root: etree._Element) -> dict[str, str]:
    """Each language of the file once (lower case → its first spelling), in file order."""
    found: dict[str, str] = {}
    for tuv in root.iter("{*}tuv"):
        spelled = language(tuv)
        if spelled:
            found.setdefault(spelled.lower(), spelled)
    return found


def _match(wanted: str, languages: dict[str, str], name: str) -> str:
    """The file's spelling of ``wanted``: the same tag, else the one with that primary subtag."""
    if wanted.lower() in languages:
        return languages[wanted.lower()]
    primary = wanted.lower().split("-")[0]
    close = [spelled for key, spelled in languages.items() if key.split("-")[0] == primary]
    if len(close) == 1:
        return close[0]
    held = shown(", ".join(languages.values()))
    if close:
        raise ReviewerError(f"{name}: {wanted!r} could be {shown(', '.join(close))}; "
                            "name one with --langs SOURCE,TARGET")
    raise ReviewerError(f"{name}: no language {wanted!r} (it holds {held})")


def choose_pair(root: etree._Element, langs: tuple[str, str] | None,
                name: str) -> tuple[str, str]:
    """The source and target languages to read, as the file spells them."""
    languages = _languages(root)
    if len(languages) < 2 and langs is None:
        raise ReviewerError(f"{name}: needs two languages, it holds "
                            f"{shown(', '.join(languages.values())) or 'none'}")
    if langs is not None:
        pair = _match(langs[0], languages, name), _match(langs[1], languages, name)
        if pair[0].lower() == pair[1].lower():
            raise ReviewerError(f"{name}: --langs names one language twice ({pair[0]})")
        return pair
    header = root.find("{*}header")
    declared = str(header.get("srclang", "")) if header is not None else ""
    source = next(iter(languages.values()))  # no srclang, or "*all*": the first language
    if declared and declared != "*all*":
        try:
            source = _match(declared, languages, name)
        except ReviewerError as error:
            held = shown(", ".join(languages.values()))
            raise ReviewerError(f"{name}: its header's srclang {shown(repr(declared), 40)} is "
                                f"none of its languages ({held}); choose two with --langs "
                                "SOURCE,TARGET") from error
    others = [spelled for spelled in languages.values() if spelled != source]
    if len(others) != 1:
        raise ReviewerError(f"{name}: holds {shown(', '.join(languages.values()))}; choose two "
                            "with --langs SOURCE,TARGET")
    return source, others[0]
