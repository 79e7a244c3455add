"""Translation memory units from TMX as Trados, memoQ, OmegaT, Okapi and others write it.

The pair read is the project's languages (a shorter tag such as ``en`` takes the file's
``srclang`` variant first); a file without them is refused, never read in another
language. Without project languages, the source is the header's ``srclang`` (else the
first language) and the target the language most units pair with it. Inline codes are
left out, except a placeholder's code (``%d``, ``{0}``), which is kept as its text, a
non-breaking space's (``&nbsp;``), which becomes one, and a line break's, a space;
OmegaT's tag shortcuts (``<b0>``) go too.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.core.memory import TmUnit
from reviewer.formats.safexml import local_name, parse_xml
from reviewer.formats.structured import shown
from reviewer.formats.tmx_units import language, tmx_root

_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:hh?|ll?|[Lqjzt])?[diouxXeEfFgGaAcspn@]|%\d+"
    r"|\{\{?\s*[\w.]+\s*\}\}?|\{\d+(?:,[^{}]*)?\}|\$\{\w+\}|\$\w+\$?")
_BREAK = re.compile(r"(?i)<br\s*/?>|\\line|\\par|\n|\r\n?")
_OMEGAT_TAG = re.compile(r"</?[a-zA-Z]\d+/?>")
_NBSP = re.compile(r"(?i)&nbsp;|&#160;|&#xa0;|\\~")  # HTML's and RTF's


def tmx_units(data: bytes, name: str, langs: tuple[str, str] | None) -> list[TmUnit]:
    """The units of a TMX file in the project's pair (``langs``), else the file's own."""
    root = tmx_root(parse_xml(data, name), name)
    units = [tu for tu in root.iter("{*}tu")
             if any(language(tuv) for tuv in tu.iterchildren("{*}tuv"))]
    if not units:
        raise ReviewerError(f"{name}: holds no translation units")
    header = root.find("{*}header")
    srclang = "" if header is None else str(header.get("srclang") or "").lower()
    omegat = header is not None and str(header.get("creationtool") or "") == "OmegaT"
    source, target = _pair(units, srclang, langs, name)
    found: list[TmUnit] = []
    for tu in units:
        texts: dict[str, str] = {}
        for tuv in tu.iterchildren("{*}tuv"):
            seg = next(tuv.iterchildren("{*}seg"), None)
            key = language(tuv).lower()
            if seg is not None and key in (source, target):
                text = _seg_text(seg)
                if omegat:
                    text = _OMEGAT_TAG.sub("", text)
                texts.setdefault(key, text.strip())
        if texts.get(source) and texts.get(target):
            found.append(TmUnit(texts[source], None, texts[target]))
    if not found:
        raise ReviewerError(f"{name}: holds no units with both a {source} and a {target} text")
    return found


def _pair(units: list[etree._Element], srclang: str, langs: tuple[str, str] | None,
          name: str) -> tuple[str, str]:
    """The source and target languages to read, lower case."""
    spelled: dict[str, str] = {}  # lower case → the file's first spelling, in file order
    for tu in units:
        for tuv in tu.iterchildren("{*}tuv"):
            if language(tuv):
                spelled.setdefault(language(tuv).lower(), language(tuv))
    held = list(spelled)
    shown_held = shown(", ".join(spelled.values()))
    if len(held) < 2:
        raise ReviewerError(f"{name}: needs two languages, it holds {shown_held or 'none'}")
    if langs is not None:
        source = _match(langs[0], held, srclang)
        target = _match(langs[1], [key for key in held if key != source], srclang)
        if source is None or target is None:
            raise ReviewerError(f"{name}: holds {shown_held}, not the project's "
                                f"{langs[0]} and {langs[1]}; its units would be in the wrong "
                                "language")
        return source, target
    source = (_match(srclang, held, srclang) if srclang else None) or held[0]
    together: Counter[str] = Counter()
    for tu in units:
        keys = dict.fromkeys(language(tuv).lower() for tuv in tu.iterchildren("{*}tuv"))
        if source in keys:
            together.update(key for key in keys if key and key != source)
    if not together:
        raise ReviewerError(f"{name}: no unit pairs {source} with another language")
    target = max(together, key=lambda key: (together[key], -held.index(key)))
    return source, target


def _match(wanted: str, held: list[str], srclang: str) -> str | None:
    """The file's tag for ``wanted``: the same tag, else one of its language (srclang's
    first, then the first in the file)."""
    key = wanted.lower().replace("_", "-")
    if key in held:
        return key
    primary = key.split("-")[0]
    close = [tag for tag in held if tag.split("-")[0] == primary]
    if srclang in close:
        return srclang
    return close[0] if close else None


def _seg_text(element: etree._Element) -> str:
    """The text of a ``seg`` (or ``hi``, ``sub``): codes left out, placeholders kept."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        name = local_name(child)
        if name not in _CODES:
            parts.append(_seg_text(child))
        else:
            code = "".join(child.itertext()).strip()
            if name == "ph" and _PLACEHOLDER.fullmatch(code):
                parts.append(code)
            elif _NBSP.fullmatch(code):
                parts.append("\u00a0")
            elif _BREAK.fullmatch(code) and not "".join(parts)[-1:].isspace() \
                    and not (child.tail or " ")[:1].isspace():
                parts.append(" ")
        parts.append(child.tail or "")
    return "".join(parts)
