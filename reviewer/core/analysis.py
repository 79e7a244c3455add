"""Post-editing analysis as memoQ and Trados report it for MTPE pricing.

Each segment's edit distance is the character Levenshtein distance between the MT and the
final text over the longer text's length, × 100, on the texts without inline tags: the
``chars`` figure of ``reviewer.core.scoring`` (``score`` shows it as ``char_distance``).
Segments are counted into bands by that percentage taken down to a whole number, except
that a changed segment never counts below 1 %, so a band starting at 0 and ending before
1 holds the unchanged segments only. Words are whitespace-separated words of the source
(of the MT for a project without sources), as MQM's evaluation word count.

The same bands are counted per editor (MT against the editor's last text, for the
segments whose last editor revision is theirs) and for the reviewer against the editor
(the editor's last text before the reviewer's last revision against that revision, for
every segment a reviewer saved a revision of: an accepted segment counts at 0 %).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring_types import char_ratio
from reviewer.core.tags import plain_text

DEFAULT_BANDS: tuple[int, ...] = (0, 1, 10, 20, 30, 50)
EDITOR = "editor"
REVIEWER = "reviewer"


@dataclass(frozen=True)
class RoleText:
    """One saved revision as the analysis sees it: who, in which role, what text."""

    author: str
    role: str
    text: str


@dataclass(frozen=True)
class AnalysedSegment:
    """A segment's texts and its revisions, oldest first."""

    source: str | None
    mt: str
    text: str  # the final text: the last revision's, else the MT
    revisions: tuple[RoleText, ...] = ()


@dataclass(frozen=True)
class Band:
    """The segments whose whole-percent distance is from ``low`` to ``high`` inclusive;
    shares are percentages of the group's segments and words."""

    label: str
    low: int
    high: int
    segments: int
    words: int
    segment_share: float
    word_share: float

    def to_json(self) -> dict[str, Any]:
        """The band as JSON."""
        return {"label": self.label, "low": self.low, "high": self.high,
                "segments": self.segments, "words": self.words,
                "segment_share": self.segment_share, "word_share": self.word_share}


@dataclass(frozen=True)
class SegmentDistance:
    """One segment's figures in the analysis."""

    index: int  # 0-based position
    distance: float  # MT against the final text, 0-100
    words: int
    editor: str | None  # the author of its last editor revision
    reviewer_distance: float | None  # the reviewer against the editor; None: not reviewed


@dataclass(frozen=True)
class Analysis:
    """The document's bands, each editor's, and the reviewer's against the editor's."""

    bands: list[Band]
    per_editor: dict[str, list[Band]]
    reviewer_vs_editor: list[Band]
    total_segments: int
    total_words: int
    word_basis: str  # "source" or "mt": what the words are counted in
    bounds: tuple[int, ...] = DEFAULT_BANDS
    segments: list[SegmentDistance] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The analysis as JSON (``reviewer analysis --json``)."""
        return {
            "word_basis": self.word_basis,
            "bounds": list(self.bounds),
            "total_segments": self.total_segments,
            "total_words": self.total_words,
            "bands": [band.to_json() for band in self.bands],
            "per_editor": {name: [band.to_json() for band in bands]
                           for name, bands in self.per_editor.items()},
            "reviewer_vs_editor": [band.to_json() for band in self.reviewer_vs_editor],
            "segments": [{"index": s.index + 1, "distance": s.distance, "words": s.words,
                          "editor": s.editor, "reviewer_distance": s.reviewer_distance}
                         for s in self.segments],
        }


def char_distance(mt: str, text: str) -> tuple[int, int]:
    """The character edit distance of two texts without tags, and the longer one's length
    (as ``segment_stats`` counts ``chars``)."""
    mt, text = plain_text(mt), plain_text(text)
    return Levenshtein.distance(mt, text), max(len(mt), len(text))


def whole_percent(distance: int, length: int) -> int:
    """The percentage a band counts: taken down to a whole number, at least 1 if changed."""
    if distance == 0 or length == 0:
        return 0
    return max(1, 100 * distance // length)


def check_bounds(bounds: Sequence[int]) -> tuple[int, ...]:
    """Band lower bounds as given, or a one-line error: whole percentages from 0, rising."""
    values = tuple(bounds)
    if not values:
        raise ReviewerError("bands: give at least one lower bound, the first 0")
    if values[0] != 0:
        raise ReviewerError(f"bands: the first lower bound must be 0, not {values[0]}")
    for before, after in zip(values, values[1:], strict=False):
        if after <= before:
            raise ReviewerError(f"bands: lower bounds must rise ({before} then {after})")
    if values[-1] > 100:
        raise ReviewerError(f"bands: a lower bound above 100 ({values[-1]}) holds nothing")
    return values


def parse_bounds(text: str) -> tuple[int, ...]:
    """Band lower bounds from ``0,1,10,20,30,50``, or a one-line error."""
    try:
        values = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise ReviewerError(f"bands: {text!r} is not a list of whole percentages such as "
                            "0,1,10,20,30,50") from None
    return check_bounds(values)


def band_label(low: int, high: int, last: bool) -> str:
    """``0 %``, ``1–9 %``, ``50 %+``."""
    if last and low < 100:
        return f"{low} %+"
    return f"{low} %" if low == high else f"{low}–{high} %"


def count_bands(items: Sequence[tuple[int, int]], bounds: Sequence[int]) -> list[Band]:
    """Bands over (whole percent, words) pairs."""
    bounds = check_bounds(bounds)
    highs = [after - 1 for after in bounds[1:]] + [100]
    segments = [0] * len(bounds)
    words = [0] * len(bounds)
    for percent, count in items:
        index = max(i for i, low in enumerate(bounds) if low <= percent)
        segments[index] += 1
        words[index] += count
    total_segments, total_words = sum(segments), sum(words)
    return [Band(band_label(low, high, i == len(bounds) - 1), low, high, segments[i],
                 words[i], _share(segments[i], total_segments), _share(words[i], total_words))
            for i, (low, high) in enumerate(zip(bounds, highs, strict=True))]


def _share(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def word_count(text: str | None) -> int:
    """Whitespace-separated words, tags left out."""
    return len(plain_text(text).split()) if text else 0


def analyse(segments: Sequence[AnalysedSegment],
            bounds: Sequence[int] = DEFAULT_BANDS) -> Analysis:
    """The post-editing analysis of a document's segments."""
    bounds = check_bounds(bounds)
    has_source = any(segment.source is not None for segment in segments)
    whole: list[tuple[int, int]] = []
    by_editor: dict[str, list[tuple[int, int]]] = {}
    reviewed: list[tuple[int, int]] = []
    rows: list[SegmentDistance] = []
    for index, segment in enumerate(segments):
        words = word_count(segment.source if segment.source is not None else segment.mt)
        distance, length = char_distance(segment.mt, segment.text)
        whole.append((whole_percent(distance, length), words))
        editor, editor_text, review = _roles(segment)
        if editor is not None:
            by_editor.setdefault(editor, []).append(
                (whole_percent(*char_distance(segment.mt, editor_text)), words))
        reviewer_distance = None
        if review is not None:
            between = char_distance(review[0], review[1])
            reviewed.append((whole_percent(*between), words))
            reviewer_distance = char_ratio(*between)
        rows.append(SegmentDistance(index, char_ratio(distance, length), words, editor,
                                    reviewer_distance))
    return Analysis(
        bands=count_bands(whole, bounds),
        per_editor={name: count_bands(items, bounds)
                    for name, items in sorted(by_editor.items())},
        reviewer_vs_editor=count_bands(reviewed, bounds),
        total_segments=len(whole),
        total_words=sum(words for _percent, words in whole),
        word_basis="source" if has_source else "mt",
        bounds=bounds,
        segments=rows,
    )


def _roles(segment: AnalysedSegment) -> tuple[str | None, str, tuple[str, str] | None]:
    """The last editor and their last text (else the MT), and the reviewer's change:
    (the editor's text before the reviewer's last revision, that revision's text)."""
    editor, editor_text = None, segment.mt
    for revision in segment.revisions:
        if revision.role != REVIEWER:
            editor, editor_text = revision.author, revision.text
    last_review = max((i for i, r in enumerate(segment.revisions) if r.role == REVIEWER),
                      default=None)
    if last_review is None:
        return editor, editor_text, None
    before = segment.mt
    for revision in segment.revisions[:last_review]:
        if revision.role != REVIEWER:
            before = revision.text
    return editor, editor_text, (before, segment.revisions[last_review].text)
