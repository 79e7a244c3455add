"""Quality checks of a correction: what an editor may have got wrong, with where it is.

Each warning names its check by a stable id (``CHECKS``), says what is wrong in one line
and points at ``text[start:end]`` of the correction as stored: offsets count Unicode code
points and each inline tag is one character (``<1>`` of the notation counts as one).
A warning about something absent (a number, a tag) spans the whole correction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass

from reviewer.core.errors import ReviewerError
from reviewer.core.numbers import missing_numbers, numbers_in
from reviewer.core.tags import InlineTag, check_tags, plain_text

EMPTY = "empty"
SAME_AS_SOURCE = "same-as-source"
TAGS = "tags"
NUMBERS = "numbers"
BRACKETS = "brackets"
QUOTES = "quotes"
WHITESPACE = "whitespace"
DOUBLE_SPACE = "double-space"
REPEATED_WORD = "repeated-word"
SPELLING = "spelling"
GLOSSARY = "glossary"  # these two: reviewer/core/glossary_qa.py, with the project's glossary
FORBIDDEN_TERM = "forbidden-term"
# across segments (reviewer/core/consistency.py): in document checks only
INCONSISTENT_TRANSLATION = "inconsistent-translation"
INCONSISTENT_SOURCE = "inconsistent-source"

CHECKS: dict[str, str] = {  # id: what it finds, in the order warnings are listed
    EMPTY: "an empty correction",
    SAME_AS_SOURCE: "a correction identical to the source (when the source is not the MT)",
    TAGS: "tags missing, extra, duplicated, unpaired or out of order",
    NUMBERS: "a number of the source (of the MT without a source) missing from the correction",
    BRACKETS: "a bracket ( ) [ ] { } not closed or not opened",
    QUOTES: "a quote “ ” « » „ “ not closed or not opened, an odd number of \"",
    WHITESPACE: "white space at the start or end unlike the source's (the MT's)",
    DOUBLE_SPACE: "two or more spaces in a row",
    REPEATED_WORD: "a word written twice in a row",
    SPELLING: "a word the target language's dictionary lacks",
    GLOSSARY: "a glossary term of the source (the MT) whose target is missing",
    FORBIDDEN_TERM: "a term the glossary forbids, used in the correction",
    INCONSISTENT_TRANSLATION: "the same source (MT without a source) as other segments, "
                              "translated differently",
    INCONSISTENT_SOURCE: "the same correction as segments whose source has other words",
}
DISABLED_PROPERTY = "qa_disabled"  # the project's switched-off checks, "id,id"

Speller = Callable[[str], Iterable[tuple[int, int, str]]]  # text: (start, end, word)


@dataclass(frozen=True)
class QaWarning:
    """One thing a check found in a correction."""

    check: str
    message: str
    start: int
    end: int

    def to_data(self) -> dict[str, object]:
        """The warning as JSON-ready data."""
        return asdict(self)


def parse_check_ids(value: str | Iterable[str]) -> frozenset[str]:
    """Check ids from "id,id" (or a list of ids); an unknown one is an error."""
    items = value.split(",") if isinstance(value, str) else value
    ids = frozenset(item.strip() for item in items if item.strip())
    unknown = sorted(ids - set(CHECKS))
    if unknown:
        raise ReviewerError(f"unknown QA check {unknown[0]!r}; the checks are: "
                            + ", ".join(CHECKS))
    return ids


def format_check_ids(ids: Collection[str]) -> str:
    """Check ids as "id,id", in ``CHECKS`` order (the form the project keeps)."""
    return ",".join(check for check in CHECKS if check in ids)


def check_segment(text: str, mt: str, source: str | None = None,
                  tags: Sequence[InlineTag] = (), disabled: Collection[str] = (),
                  speller: Speller | None = None) -> list[QaWarning]:
    """Every warning of the checks not ``disabled`` about correction ``text``.

    What the correction is compared with is the source, or the MT when there is none.
    An empty correction gets only the warning that it is empty.
    """
    has_source = source is not None and bool(source.strip())
    model = source if source is not None and has_source else mt
    model_name = "the source" if has_source else "the MT"
    if EMPTY not in disabled and not plain_text(text).strip():
        if plain_text(mt).strip() or plain_text(source or "").strip():
            return [QaWarning(EMPTY, "the correction is empty", 0, len(text))]
        return []
    found: list[QaWarning] = []
    whole = (0, len(text))
    if SAME_AS_SOURCE not in disabled and text.strip() == model.strip() and has_source \
            and model.strip() != mt.strip():
        found.append(QaWarning(SAME_AS_SOURCE, "the correction is the source text", *whole))
    if TAGS not in disabled and tags:
        found += [QaWarning(TAGS, problem.message, *whole)
                  for problem in check_tags(text, tags)]
    if NUMBERS not in disabled:
        found += [QaWarning(NUMBERS, f"number {number.written} (in {model_name}) is missing",
                            *whole)
                  for number in missing_numbers(numbers_in(model), numbers_in(text))]
    if BRACKETS not in disabled:
        found += _unbalanced(text, model, _bracket_marks, BRACKETS)
    if QUOTES not in disabled:
        found += _unbalanced(text, model, _quote_marks, QUOTES)
    if WHITESPACE not in disabled:
        found += _white_space(text, model, model_name)
    if DOUBLE_SPACE not in disabled:
        found += [QaWarning(DOUBLE_SPACE, f"{len(match.group())} spaces in a row",
                            match.start(), match.end())
                  for match in _DOUBLE_SPACE.finditer(text)]
    if REPEATED_WORD not in disabled:
        found += [QaWarning(REPEATED_WORD, f"“{match.group(1)}” twice in a row",
                            match.start(3), match.end(3))
                  for match in _REPEATED.finditer(text)]
    if SPELLING not in disabled and speller is not None:
        found += [QaWarning(SPELLING, f"“{word}” may be misspelled", start, end)
                  for start, end, word in speller(text)]
    return found


# -- brackets and quotes ---------------------------------------------------------------

_PAIRS = {")": "(", "]": "[", "}": "{"}
_BRACKET = re.compile(r"[()\[\]{}]")
_QUOTE = re.compile('[“”«»„"]')
_QUOTE_CLOSES = {"”": ("“", "„"), "»": ("«",), "“": ("„",)}  # closer: the quotes it closes
# an unmatched mark: (what to say, where, the kind the model's unmatched marks excuse)
Mark = tuple[str, int, str]


def _bracket_marks(text: str) -> list[Mark]:
    """Brackets of ``text`` that are not closed or close nothing."""
    stack: list[tuple[str, int]] = []
    marks: list[Mark] = []
    for match in _BRACKET.finditer(text):
        index, char = match.start(), match.group()
        if char in "([{":
            stack.append((char, index))
        elif char in _PAIRS:
            if stack and stack[-1][0] == _PAIRS[char]:
                stack.pop()
            else:
                marks.append((f"{char} closes no {_PAIRS[char]}", index, char))
    marks += [(f"{char} is not closed", index, char) for char, index in stack]
    return sorted(marks, key=lambda mark: mark[1])


def _quote_marks(text: str) -> list[Mark]:
    """Quotes not closed or closing nothing: “…” and „…“ (German) or „…” (Polish), «…»,
    and the last of an odd number of straight quotes."""
    stack: list[tuple[str, int]] = []
    marks: list[Mark] = []
    straight = []
    for match in _QUOTE.finditer(text):
        index, char = match.start(), match.group()
        if char == '"':
            straight.append(index)
        elif stack and stack[-1][0] in _QUOTE_CLOSES.get(char, ()):
            stack.pop()
        elif char in "“„«":
            stack.append((char, index))
        elif char in "”»":
            marks.append((f"{char} closes no opening quote", index, "quote"))
    marks += [(f"{char} is not closed", index, "quote") for char, index in stack]
    if len(straight) % 2:
        marks.append((f'an odd number of " ({len(straight)})', straight[-1], "quote"))
    return sorted(marks, key=lambda mark: mark[1])


def _unbalanced(text: str, model: str, marks_of: Callable[[str], list[Mark]],
                check: str) -> list[QaWarning]:
    """Unmatched marks of ``text`` beyond those its model has: a sentence of a longer
    quotation leaves a quote open in the source, and may in the correction too."""
    excused = Counter(kind for _message, _index, kind in marks_of(model))
    warnings = []
    for message, index, kind in marks_of(text):
        if excused[kind]:
            excused[kind] -= 1
        else:
            warnings.append(QaWarning(check, message, index, index + 1))
    return warnings


# -- white space and words -------------------------------------------------------------

_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_REPEATED = re.compile(r"\b((?=\w*[^\W\d_])\w+)(\s+)(\1)\b", re.IGNORECASE)


def _white_space(text: str, model: str, model_name: str) -> list[QaWarning]:
    warnings = []
    ours, theirs = _leading(text), _leading(model)
    if ours != theirs:
        warnings.append(QaWarning(WHITESPACE, f"the correction starts with {_describe(ours)}; "
                                  f"{model_name} with {_describe(theirs)}", 0, len(ours)))
    ours, theirs = _trailing(text), _trailing(model)
    if ours != theirs:
        warnings.append(QaWarning(WHITESPACE, f"the correction ends with {_describe(ours)}; "
                                  f"{model_name} with {_describe(theirs)}",
                                  len(text) - len(ours), len(text)))
    return warnings


def _leading(text: str) -> str:
    return text[:len(text) - len(text.lstrip())]


def _trailing(text: str) -> str:
    return text[len(text.rstrip()):]


def _describe(space: str) -> str:
    """White space in words: "no white space", "a space", "2 spaces", "a line break"."""
    if not space:
        return "no white space"
    if set(space) == {" "}:
        return "a space" if len(space) == 1 else f"{len(space)} spaces"
    if space in ("\n", "\r\n"):
        return "a line break"
    if space == "\t":
        return "a tab"
    return "white space " + repr(space)
