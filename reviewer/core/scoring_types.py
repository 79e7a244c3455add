"""What scoring produces: each segment's statistics, and the scores and details shown."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, NamedTuple


class TerEdits(NamedTuple):
    """TER's edits by kind: what turns the MT into its correction (or reference)."""

    insertions: int = 0
    deletions: int = 0
    substitutions: int = 0
    shifts: int = 0

    @property
    def total(self) -> int:
        """All edits; equals sacrebleu's TER edit count."""
        return self.insertions + self.deletions + self.substitutions + self.shifts


NO_EDITS = TerEdits()


@dataclass(frozen=True)
class MetricStats:
    """sacrebleu's statistics of one hypothesis against one reference, for all three metrics."""

    ter: tuple[float, ...]
    bleu: tuple[int, ...]
    chrf: tuple[int, ...]

    def to_data(self) -> dict[str, list[Any]]:
        """Lists for JSON."""
        return {"ter": list(self.ter), "bleu": list(self.bleu), "chrf": list(self.chrf)}

    @classmethod
    def from_data(cls, data: dict[str, list[Any]]) -> MetricStats:
        """Read what ``to_data`` gave."""
        return cls(tuple(float(x) for x in data["ter"]), tuple(int(x) for x in data["bleu"]),
                   tuple(int(x) for x in data["chrf"]))


@dataclass(frozen=True)
class SegmentStats:
    """Sufficient statistics of one segment: MT (hypothesis) against its correction.

    ``complete`` is False for statistics an older reviewer stored without the edit
    breakdown and the character distance (those read as zeros).
    """

    ter: tuple[float, ...]
    bleu: tuple[int, ...]
    chrf: tuple[int, ...]
    edits: TerEdits = NO_EDITS
    chars: tuple[int, int] = (0, 0)  # Levenshtein distance, the longer text's length
    reference: MetricStats | None = None  # the correction against the reference
    mt_reference: MetricStats | None = None  # the MT against the reference
    complete: bool = True

    def to_json(self) -> str:
        """Compact JSON for the project file."""
        data: dict[str, Any] = {"ter": list(self.ter), "bleu": list(self.bleu),
                                "chrf": list(self.chrf), "edits": list(self.edits),
                                "chars": list(self.chars)}
        if self.reference is not None:
            data["ref"] = self.reference.to_data()
        if self.mt_reference is not None:
            data["mt_ref"] = self.mt_reference.to_data()
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SegmentStats:
        """Read what ``to_json`` wrote, or the ``[ter, bleu, chrf]`` list of reviewer 0.1."""
        data = json.loads(text)
        if isinstance(data, list):
            ter, bleu, chrf = data
            return cls(tuple(float(x) for x in ter), tuple(int(x) for x in bleu),
                       tuple(int(x) for x in chrf), complete=False)
        distance, length = data["chars"]
        return cls(
            tuple(float(x) for x in data["ter"]), tuple(int(x) for x in data["bleu"]),
            tuple(int(x) for x in data["chrf"]), TerEdits(*(int(x) for x in data["edits"])),
            (int(distance), int(length)),
            MetricStats.from_data(data["ref"]) if "ref" in data else None,
            MetricStats.from_data(data["mt_ref"]) if "mt_ref" in data else None,
        )

    @property
    def core(self) -> MetricStats:
        """The MT-vs-correction statistics of the three metrics."""
        return MetricStats(self.ter, self.bleu, self.chrf)


@dataclass(frozen=True)
class Scores:
    """HTER, BLEU and chrF on sacrebleu's 0-100 scale (TER may exceed 100)."""

    hter: float
    bleu: float
    chrf: float


@dataclass(frozen=True)
class ScoreDetails:
    """Every view of the effort on one segment or the document.

    ``char_distance`` is the normalised character edit distance on a 0-100 scale
    (Levenshtein distance over the longer text's length; over sums for a document).
    The reference scores are None without a reference; there HTER is plain TER.
    """

    scores: Scores
    char_distance: float
    edits: TerEdits
    mt_vs_reference: Scores | None = None
    correction_vs_reference: Scores | None = None
    complete: bool = True  # False: some statistics came from an older reviewer


def char_ratio(distance: int, length: int) -> float:
    """The normalised character edit distance on a 0-100 scale (0 for two empty texts)."""
    return 100.0 * distance / length if length else 0.0
