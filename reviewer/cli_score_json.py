"""``score --json``'s segment lines: one JSON object each, written from a template (the
same keys, order and values as ``json.dumps`` of the segment's dict, several times as
fast; a row with a number JSON has no plain spelling for goes through ``json.dumps``)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

from reviewer.core.scoring import NO_EDITS, Scores, TerEdits
from reviewer.score_rows import ScoreRow

_string: Callable[[str], str] = encode_basestring  # the ensure_ascii=False spelling


def _text(text: str | None) -> str:
    return "null" if text is None else _string(text)


def _reference(scores: Scores | None) -> dict[str, float] | None:
    return None if scores is None else {"ter": scores.hter, "bleu": scores.bleu,
                                        "chrf": scores.chrf}


def row_json(row: ScoreRow) -> dict[str, Any]:
    """A segment's scores and details as ``score --json`` writes them."""
    edits = row.edits
    if edits is None:
        return {"hter": None, "bleu": None, "chrf": None, "char_distance": None,
                "edits": None, "reference": None, "pending": True}
    reference = None
    if row.mt_vs_reference is not None:
        reference = {"mt": _reference(row.mt_vs_reference),
                     "correction": _reference(row.correction_vs_reference)}
    return {"hter": row.hter, "bleu": row.bleu, "chrf": row.chrf,
            "char_distance": row.char_distance,
            "edits": {"insertions": edits.insertions, "deletions": edits.deletions,
                      "substitutions": edits.substitutions, "shifts": edits.shifts,
                      "total": edits.total},
            "reference": reference, "pending": False}


def segment_line(row: ScoreRow, source: str | None, mt: str | None, text: str | None,
                 mqm: str) -> str:
    """The JSON object of one segment (texts in the notation, ``mqm`` as JSON text)."""
    head = (f'{{"index": {row.position + 1}, "source": {_text(source)}, "mt": {_text(mt)}, '
            f'"correction": {_text(text)}, "status": {_string(row.status)}, ')
    edits = row.edits
    if edits is None:
        return (head + '"hter": null, "bleu": null, "chrf": null, "char_distance": null, '
                f'"edits": null, "reference": null, "pending": true, "mqm": {mqm}}}')
    hter, bleu, chrf, distance = row.hter, row.bleu, row.chrf, row.char_distance
    if (row.mt_vs_reference is not None or hter is None or bleu is None or chrf is None
            or not math.isfinite(hter + bleu + chrf + distance)):
        body = json.dumps(row_json(row), ensure_ascii=False)
        return f'{head}{body[1:-1]}, "mqm": {mqm}}}'
    if edits is not NO_EDITS:
        return head + _figures(hter, bleu, chrf, distance, edits, mqm)
    # an unedited segment's figures: the same for every one with the same scores and MQM
    key = (hter, bleu, chrf, distance, mqm)
    figures = _unedited.get(key)
    if figures is None:
        if len(_unedited) >= _UNEDITED_KEPT:
            _unedited.clear()
        figures = _unedited[key] = _figures(hter, bleu, chrf, distance, edits, mqm)
    return head + figures


_UNEDITED_KEPT = 4096
_unedited: dict[tuple[float, float, float, float, str], str] = {}


def _figures(hter: float, bleu: float, chrf: float, distance: float, edits: TerEdits,
             mqm: str) -> str:
    return (f'"hter": {hter!r}, "bleu": {bleu!r}, "chrf": {chrf!r}, '
            f'"char_distance": {distance!r}, "edits": {{"insertions": {edits.insertions}, '
            f'"deletions": {edits.deletions}, "substitutions": {edits.substitutions}, '
            f'"shifts": {edits.shifts}, "total": {edits.total}}}, "reference": null, '
            f'"pending": false, "mqm": {mqm}}}')
