"""Consistency across segments: QA checks of the whole document, not of one correction.

``inconsistent-translation``: saved segments with the same source (the same MT without
a source; compared exactly, as repetitions are) whose corrections differ by more than
white space. Each is flagged, naming the segments translated otherwise.

``inconsistent-source``: saved segments with the same correction (white space aside) whose
sources differ in their words: compared with case, punctuation, digits and white space left
out, so "Step 1: Save." and "step 2 - save" are the same and pass. Only a correction of at
least ``MIN_WORDS`` words is compared: "Yes.", "OK" or a number may well translate
different sources. Without a source it is not checked: two MTs post-edited into one
correction is what post-editing does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import NamedTuple

from reviewer.core.qa import INCONSISTENT_SOURCE, INCONSISTENT_TRANSLATION, QaWarning
from reviewer.core.repetitions import repetition_key

MIN_WORDS = 3  # a shorter correction is not compared by inconsistent-source
_LISTED = 5  # segment numbers named in one warning; the rest are counted
_WORD = re.compile(r"[^\W\d_]+")  # letters only: digits and punctuation are no words here


class Saved(NamedTuple):
    """A segment the editor saved: what the document checks compare."""

    position: int
    source: str | None
    mt: str
    text: str


_Key = Callable[[Saved], "str | None"]
_Value = Callable[[Saved], object]


def document_warnings(segments: Iterable[Saved], has_source: bool,
                      disabled: Collection[str] = ()) -> dict[int, list[QaWarning]]:
    """The consistency warnings of saved segments, by position."""
    saved = list(segments)
    found: dict[int, list[QaWarning]] = defaultdict(list)
    if INCONSISTENT_TRANSLATION not in disabled:
        same = "source" if has_source else "MT"
        for group in _groups(saved, lambda s: repetition_key(s.source, s.mt, has_source)):
            for segment, others in _differing(group, lambda s: _spaced(s.text)):
                found[segment.position].append(QaWarning(
                    INCONSISTENT_TRANSLATION,
                    f"translated differently in {_numbers(others)} (the same {same})",
                    0, len(segment.text)))
    if INCONSISTENT_SOURCE not in disabled and has_source:
        for group in _groups(saved, _compared_correction):
            for segment, others in _differing(group, lambda s: _words(s.source or "")):
                found[segment.position].append(QaWarning(
                    INCONSISTENT_SOURCE,
                    f"the same correction as {_numbers(others)}, whose source differs",
                    0, len(segment.text)))
    return dict(found)


def with_document_warnings(found: Sequence[tuple[int, QaWarning]],
                           extra: dict[int, list[QaWarning]]) -> list[tuple[int, QaWarning]]:
    """Per-segment warnings and document ones together, in document order (a segment's own
    warnings first)."""
    merged = [*found, *((position, warning) for position, warnings in extra.items()
                        for warning in warnings)]
    return sorted(merged, key=lambda item: item[0])  # stable: each part keeps its order


def _groups(saved: list[Saved], key_of: _Key) -> list[list[Saved]]:
    """Segments sharing a key (None: none), groups of two or more."""
    groups: dict[str, list[Saved]] = defaultdict(list)
    for segment in saved:
        key = key_of(segment)
        if key is not None:
            groups[key].append(segment)
    return [group for group in groups.values() if len(group) > 1]


def _differing(group: list[Saved], value_of: _Value) -> list[tuple[Saved, list[int]]]:
    """Each segment of ``group`` with the positions whose value differs from its own."""
    values = [value_of(segment) for segment in group]
    if len(set(values)) < 2:
        return []
    return [(segment, [other.position for other, theirs in zip(group, values, strict=True)
                       if theirs != mine])
            for segment, mine in zip(group, values, strict=True)]


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _compared_correction(segment: Saved) -> str | None:
    """The correction as inconsistent-source compares it; None when too short to."""
    if not segment.source or len(_words(segment.text)) < MIN_WORDS:
        return None
    return _spaced(segment.text)


def _numbers(positions: list[int]) -> str:
    """ "segment 3", "segments 3 and 7", "segments 1, 2, 3, 4, 5 and 2 more"."""
    numbers = [str(position + 1) for position in positions]
    if len(numbers) == 1:
        return f"segment {numbers[0]}"
    if len(numbers) > _LISTED:
        return f"segments {', '.join(numbers[:_LISTED])} and {len(numbers) - _LISTED} more"
    return f"segments {', '.join(numbers[:-1])} and {numbers[-1]}"
