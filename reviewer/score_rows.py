"""Each segment's row of ``score``: its stored sentence scores and the details of its
effort, made from the columns one query streams (no statistics parsed or rescored)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from reviewer.core.mqm import Annotation, MqmSettings, mqm_score
from reviewer.core.scoring import (
    NO_EDITS,
    MetricStats,
    Scores,
    TerEdits,
    score_segment,
    sentence_details,
)
from reviewer.core.scoring_stats import sentence_from_stats
from reviewer.core.scoring_types import char_ratio


class ScoreRow(NamedTuple):
    """A segment's scores and details as ``score`` shows them (None while pending)."""

    position: int
    source: str | None
    mt: str
    text: str
    status: str
    hter: float | None
    bleu: float | None
    chrf: float | None
    char_distance: float  # 0.0 while pending
    edits: TerEdits | None  # None: the statistics are pending
    mt_vs_reference: Scores | None = None
    correction_vs_reference: Scores | None = None


# ``SegmentStats.to_json`` of no edits at a character distance of 0 (every unedited
# segment's), and of any edits: read without parsing the rest (only the top level has
# "edits"; a number written otherwise than as digits is left to ``json.loads``)
_NO_EDITS_JSON = '"edits":[0,0,0,0],"chars":[0,'
_EDITS_JSON = re.compile(r'"edits":\[(\d+),(\d+),(\d+),(\d+)\],"chars":\[(\d+),(\d+)\]', re.ASCII)
_REFERENCE_JSON = ('"ref":', '"mt_ref":')


def _reference_scores(stats: dict[str, list[Any]] | None) -> Scores | None:
    return None if stats is None else sentence_from_stats(MetricStats.from_data(stats))


def score_rows(raw: Iterable[tuple[Any, ...]]) -> Iterator[ScoreRow]:
    """``ScoreRow``s from the rows of ``StatisticsReads.score_rows``: the stored sentence
    scores, and the details from the statistics (parsed only when there were edits or
    there is a reference; equal to ``sentence_details``)."""
    loads, new, edits_json = json.loads, tuple.__new__, _EDITS_JSON.search
    for position, source, mt, text, status, hter, bleu, chrf, reference, stats in raw:
        if stats is None:
            yield ScoreRow(position, source, mt, text, status, None, None, None, 0.0, None)
            continue
        plain = _REFERENCE_JSON[0] not in stats and _REFERENCE_JSON[1] not in stats
        if plain and _NO_EDITS_JSON in stats:
            yield new(ScoreRow, (position, source, mt, text, status, hter, bleu, chrf, 0.0,
                                 NO_EDITS, None, None))
        elif plain and (found := edits_json(stats)) is not None:
            insertions, deletions, substitutions, shifts, distance, length = map(
                int, found.groups())
            yield new(ScoreRow, (position, source, mt, text, status, hter, bleu, chrf,
                                 char_ratio(distance, length),
                                 new(TerEdits, (insertions, deletions, substitutions, shifts)),
                                 None, None))
        elif stats.startswith("["):  # reviewer 0.1's, without the details: computed now
            details = sentence_details(score_segment(mt, text, reference)[0])
            yield ScoreRow(position, source, mt, text, status, hter, bleu, chrf,
                           details.char_distance, details.edits, details.mt_vs_reference,
                           details.correction_vs_reference)
        else:
            data = loads(stats)
            distance, length = data["chars"]
            yield ScoreRow(position, source, mt, text, status, hter, bleu, chrf,
                           char_ratio(int(distance), int(length)),
                           TerEdits(*(int(x) for x in data["edits"])),
                           _reference_scores(data.get("mt_ref")),
                           _reference_scores(data.get("ref")))


class SegmentMqm:
    """Each segment's MQM figures as ``score --json`` writes them (JSON text); a segment
    without annotations is scored once per word count, not once per segment."""

    def __init__(self, annotations: Iterable[Annotation], settings: MqmSettings) -> None:
        self._settings = settings
        self._by_position: dict[int, list[Annotation]] = {}
        for annotation in annotations:
            self._by_position.setdefault(annotation.position, []).append(annotation)
        self._unannotated: dict[int, str] = {}

    def json_text(self, position: int, ewc: int) -> str:
        """The MQM figures of the segment at ``position`` with ``ewc`` evaluation words."""
        annotations = self._by_position.get(position)
        if annotations is not None:
            return _json_text(mqm_score(annotations, ewc, self._settings).to_json())
        found = self._unannotated.get(ewc)
        if found is None:
            found = self._unannotated[ewc] = _json_text(
                mqm_score((), ewc, self._settings).to_json())
        return found


def _json_text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False)
