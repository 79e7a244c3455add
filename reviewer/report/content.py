"""What the report says, gathered from an open project (the HTML and the PDF both draw it)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from reviewer.core.analysis import Analysis
from reviewer.core.diff import DiffPart, word_diff
from reviewer.core.mqm import SEVERITIES, MqmScore
from reviewer.core.review import ReviewOutcome
from reviewer.core.scoring import ScoreDetails, Scores
from reviewer.report.effort import EffortSummary, SegmentEffort, summarise, word_count
from reviewer.session import ReviewSession

TOP_SEGMENTS = 8  # segments listed by highest HTER, and as many by highest MQM penalty


@dataclass(frozen=True)
class AnnotationView:
    """An MQM annotation as the report lists it: with the text it marks."""

    severity: str
    category: str
    side: str
    span: str
    note: str
    author: str


@dataclass(frozen=True)
class TopSegment:
    """A segment worth a look: its numbers, diff and annotations."""

    position: int
    hter: float
    penalty: float  # its MQM absolute penalty
    source: str | None
    mt: str
    text: str
    diff: tuple[DiffPart, ...]
    annotations: tuple[AnnotationView, ...]
    status: str


@dataclass(frozen=True)
class Report:
    """Everything the report shows; sections a project cannot give yet are None."""

    project: str
    generated: str
    segments: int
    edited: int
    confirmed: int
    scores: Scores
    details: ScoreDetails | None
    pending: int
    signatures: dict[str, str]
    effort: EffortSummary
    top: tuple[TopSegment, ...]
    mqm: MqmScore
    mqm_threshold: float
    review: ReviewOutcome
    analysis: Analysis
    mqm_severities: tuple[str, ...] = tuple(SEVERITIES)


def _editing_ms(session: ReviewSession) -> dict[int, int]:
    """Editing time per segment position, over all its revisions."""
    times: dict[int, int] = {}
    for revision in session.history():
        times[revision.position] = times.get(revision.position, 0) + revision.editing_ms
    return times


def build_report(session: ReviewSession, now: datetime | None = None) -> Report:
    """Gather the report of an open project."""
    summary = session.summary()
    segments = session.segments()
    times = _editing_ms(session)
    has_source = session.has_source()
    efforts = [SegmentEffort(s.position, word_count(s.source if has_source and s.source
                                                   else s.mt),
                             times.get(s.position, 0), s.hter) for s in segments]
    penalties = [score.apt for score in session.segment_mqm_scores()]
    return Report(
        project=session.path.name,
        generated=(now or datetime.now()).astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        segments=summary.segments, edited=summary.edited, confirmed=summary.confirmed,
        scores=summary.scores, details=summary.details, pending=summary.pending,
        signatures=session.signatures(), effort=summarise(efforts),
        top=_top_segments(session, penalties),
        mqm=session.mqm_score(), mqm_threshold=session.mqm_settings().threshold,
        review=session.review_outcome(),
        analysis=session.analysis(),
    )


def _annotations(session: ReviewSession, position: int) -> tuple[AnnotationView, ...]:
    return tuple(AnnotationView(a.severity, a.category, a.side,
                                session.annotated_text(a)[a.start:a.end], a.note, a.author)
                 for a in session.annotations(position))


def _top_segments(session: ReviewSession, penalties: list[float]) -> tuple[TopSegment, ...]:
    """The edited segments with the highest HTER and those with the highest MQM penalty,
    in document order."""
    segments = session.segments()
    scored = [s for s in segments if not math.isnan(s.hter) and s.hter > 0]
    chosen = {s.position for s in sorted(scored, key=lambda s: -s.hter)[:TOP_SEGMENTS]}
    by_penalty = sorted((i for i, p in enumerate(penalties) if p > 0),
                        key=lambda i: -penalties[i])
    chosen |= set(by_penalty[:TOP_SEGMENTS])
    return tuple(
        TopSegment(position=s.position, hter=s.hter,
                   penalty=penalties[s.position],
                   source=s.source, mt=s.mt, text=s.text, diff=tuple(word_diff(s.mt, s.text)),
                   annotations=_annotations(session, s.position), status=s.status)
        for s in segments if s.position in chosen)
