"""The rules of splitting a segment in two and merging two into one; the session applies them.

- Offsets count characters of the stored text, each inline tag one (see
  ``reviewer.core.splitting``); white space around a split point becomes the gap between
  the parts (a plain-text export puts it back), so the MT's parts must both hold text.
- The source splits only where asked; else it stays whole with the first part. The
  correction splits where asked, or with the MT when it is the MT unchanged.
- A split may not separate a tag's open from its close. A segment with a reference, a
  locked one, or one with unsaved typing (a draft) is not split.
- Each part starts with a revision (the segment's status, a note saying where it came
  from); the segments replaced keep their revisions.
- In a project exported back into its original file (XLIFF, TMX, PO, headerless
  TSV/CSV) only the parts of one split segment can be merged: the export joins them back
  into that one unit. Plain-text projects merge any two neighbours; the gap between them
  becomes part of the text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats, identity_stats, sentence_scores
from reviewer.core.splitting import (
    PART_KEY,
    Cut,
    cut,
    joined_tags,
    merged_status,
    part_tags,
    refuse_separated_pairs,
    same_table,
)
from reviewer.core.tags import META_KEY, InlineTag, tags_data, tags_of
from reviewer.formats.limits import check_segment_length
from reviewer.formats.writers import ExportJob, ExportSegment
from reviewer.store.project import SegmentRecord
from reviewer.store.restructure import PastSegment, SegmentPart, past_layout

# scores a correction against its MT (and reference); None: too slow, saved pending
_NAN = float("nan")  # scores still being computed
Scorer = Callable[[str, str, str | None], "tuple[SegmentStats, Scores] | None"]


@dataclass(frozen=True)
class Neighbour:
    """A segment with what splitting or merging it needs besides its record."""

    record: SegmentRecord
    meta: dict[str, object] | None
    gap_before: str  # the text before it in the document (for a part: the MT's join)


def _revision_name(record: SegmentRecord) -> str:
    return f"revision {record.revisions}" if record.revisions else "the MT"


def _origin(item: Neighbour) -> object:
    part = (item.meta or {}).get(PART_KEY)
    return part.get("origin") if isinstance(part, dict) else None


def _part_meta(meta: dict[str, object] | None, tags: list[InlineTag], origin: object,
               source_join: str | None) -> str:
    data: dict[str, object] = dict(meta or {})
    if tags:
        data[META_KEY] = tags_data(tags)
    part: dict[str, object] = {"origin": origin}
    if source_join is not None:
        part["source_join"] = source_join
    data[PART_KEY] = part
    return json.dumps(data, ensure_ascii=False)


def _inherited_join(meta: dict[str, object] | None) -> str | None:
    part = (meta or {}).get(PART_KEY)
    join = part.get("source_join") if isinstance(part, dict) else None
    return join if isinstance(join, str) else None


def _scored(mt: str, text: str, reference: str | None, scorer: Scorer
            ) -> tuple[SegmentStats, SegmentStats | None, Scores | None]:
    """The MT's own statistics, and the text's (None while pending)."""
    mt_stats = identity_stats(mt, reference)
    if text == mt:
        return mt_stats, mt_stats, sentence_scores(mt_stats)
    scored = scorer(mt, text, reference)
    return (mt_stats, None, None) if scored is None else (mt_stats, *scored)


def _part(source: str | None, mt: str, reference: str | None, gap: str, meta: str | None,
          text: str, status: str, note: str, scorer: Scorer) -> SegmentPart:
    mt_stats, stats, scores = _scored(mt, text, reference, scorer)
    return SegmentPart(source, mt, reference, gap, meta, mt_stats, sentence_scores(mt_stats),
                       text, status, stats, scores, note)


def split_parts(item: Neighbour, mt_at: int, source_at: int | None,
                correction_at: int | None, scorer: Scorer) -> list[SegmentPart]:
    """The two segments that take a segment's place when it is split."""
    record, number = item.record, item.record.position + 1
    where = f"segment {number}"
    if record.reference is not None:
        raise ReviewerError(f"{where} has a reference translation, which would have to be "
                            "split too; splitting such segments is not supported")
    tags = tags_of(item.meta)
    mt = cut(record.mt, mt_at, where, "MT")
    refuse_separated_pairs(mt, tags, f"{where}'s MT")
    source = _source_cut(record.source, source_at, where, tags)
    if correction_at is None and record.text != record.mt:
        raise ReviewerError(f"{where}'s correction differs from its MT: say where it splits "
                            "too (--correction-at, or the cursor in the correction)")
    text = mt if correction_at is None else cut(record.text, correction_at, where,
                                                "correction", allow_empty=True)
    refuse_separated_pairs(text, tags, f"{where}'s correction")
    origin = _origin(item) or record.id
    note = f"split from segment {number} ({_revision_name(record)})"
    left, right = (mt.left, mt.right) if source is None else (source.left, source.right)
    metas = [_part_meta(item.meta, part_tags(tags, left, right, True), origin,
                        _inherited_join(item.meta)),
             _part_meta(item.meta, part_tags(tags, right, left, False), origin,
                        "" if source is None else source.join)]
    sources = (record.source, None if record.source is None else "") if source is None \
        else (source.left, source.right)
    return [_part(sources[0], mt.left, None, item.gap_before, metas[0], text.left,
                  record.status, note, scorer),
            _part(sources[1], mt.right, None, mt.join, metas[1], text.right, record.status,
                  note, scorer)]


def _source_cut(source: str | None, source_at: int | None, where: str,
                tags: list[InlineTag]) -> Cut | None:
    if source_at is None:
        return None
    if source is None:
        raise ReviewerError(f"{where} has no source text to split (leave out --source-at)")
    piece = cut(source, source_at, where, "source", allow_empty=True)
    refuse_separated_pairs(piece, tags, f"{where}'s source")
    return piece


def merged_part(first: Neighbour, second: Neighbour, into_original: str | None,
                scorer: Scorer) -> SegmentPart:
    """The segment that takes the place of two neighbours when they are merged.

    ``into_original`` names the format of an original file the project is exported back
    into (then only the parts of one split segment merge), None for a plain-text project.
    """
    a, b = first.record, second.record
    numbers = f"segments {a.position + 1} and {b.position + 1}"
    origin = _origin(first)
    if into_original is not None and (origin is None or origin != _origin(second)):
        raise ReviewerError(f"{numbers} are different units of the original "
                            f"{into_original.upper()} file, and an export writes each back "
                            "into its own unit; only the parts of a split segment can be "
                            "merged")
    if (a.reference is None) != (b.reference is None):
        raise ReviewerError(f"only one of {numbers} has a reference translation; they "
                            "cannot be merged")
    tags_a, tags_b = tags_of(first.meta), tags_of(second.meta)
    if (tags_a or tags_b) and not same_table(tags_a, tags_b):
        raise ReviewerError(f"{numbers} have different inline tags; they cannot be merged")
    gap = second.gap_before
    mt, text = a.mt + gap + b.mt, a.text + gap + b.text
    check_segment_length(text, f"{numbers} merged")
    source = None
    if a.source is not None or b.source is not None:
        join = _inherited_join(second.meta)
        if join is None:
            join = " " if a.source and b.source else ""
        source = (a.source or "") + join + (b.source or "")
    reference = None if a.reference is None or b.reference is None \
        else a.reference + " " + b.reference
    meta = None
    if first.meta is not None or second.meta is not None or origin is not None:
        data: dict[str, object] = dict(first.meta or second.meta or {})
        if tags_a:
            data[META_KEY] = tags_data(joined_tags(tags_a, tags_b))
        if origin is not None:
            part: dict[str, object] = {"origin": origin}
            if (join := _inherited_join(first.meta)) is not None:
                part["source_join"] = join
            data[PART_KEY] = part
        meta = json.dumps(data, ensure_ascii=False)
    note = (f"merged from segments {a.position + 1} ({_revision_name(a)}) and "
            f"{b.position + 1} ({_revision_name(b)})")
    return _part(source, mt, reference, first.gap_before, meta, text,
                 merged_status(a.status, b.status), note, scorer)


def past_job(segments: list[PastSegment], tail: str, properties: dict[str, str],
             original: tuple[str, str, bytes] | None) -> ExportJob:
    """What a writer needs to export a version in the segments it had."""
    exported = []
    for s in segments:
        stats = None if s.stats is None else SegmentStats.from_json(s.stats)
        scores = Scores(_NAN, _NAN, _NAN) if stats is None else sentence_scores(stats)
        exported.append(ExportSegment(s.position, s.source, s.mt, s.reference, s.text,
                                      s.status, scores.hter, scores.bleu, scores.chrf,
                                      ExportJob.parse_meta(s.meta), s.author))
    return ExportJob(exported, past_layout(segments, tail), properties, original)
