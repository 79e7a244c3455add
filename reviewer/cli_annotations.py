"""``reviewer annotate``, ``annotations`` and ``mqm-settings``: MQM error annotation from the
command line."""

from __future__ import annotations

import argparse
import json
import sys
from typing import cast

from reviewer.core.errors import ExitCode, ReviewerError
from reviewer.core.mqm import (
    SEVERITIES,
    AnnotatedSpan,
    Annotation,
    MqmSettings,
    category_label,
    check_threshold,
    parse_weight_options,
)
from reviewer.core.visible import visible
from reviewer.session import ReviewSession, default_author


def _usage_error(message: str) -> SystemExit:
    print(f"reviewer annotate: error: {message}", file=sys.stderr)
    return SystemExit(ExitCode.BAD_USAGE)


def run_annotate(args: argparse.Namespace) -> None:
    """Annotate a span of segment N, or delete annotation ID."""
    span_options = (args.start, args.end, args.category, args.severity)
    if args.delete is not None:
        if args.n is not None or any(option is not None for option in span_options):
            raise _usage_error("--delete ID takes no N, --start, --end, --category or "
                               "--severity")
    elif args.n is None or any(option is None for option in span_options):
        raise _usage_error("give N --start S --end E --category CAT --severity SEV, "
                           "or --delete ID")
    author = args.author or default_author()
    session = ReviewSession.open(args.project)
    try:
        if args.delete is not None:
            before = session.annotation(args.delete)
            if before.deleted:
                print(f"annotation {args.delete}: already deleted")
            else:
                session.delete_annotation(args.delete, author)
                print(f"annotation {args.delete} deleted")
            return
        added = session.add_annotation(cast(int, args.n) - 1, args.side, args.start, args.end,
                                       args.category, args.severity, args.note or "", author)
        span = session.annotated_text(added)[added.start:added.end]
        print(visible(f"segment {added.position + 1}: annotation {added.id} added "
                      f"({added.severity} {added.category} on the {added.side}: {span!r})"))
    finally:
        session.close()


def _revision_json(revision: Annotation) -> dict[str, object]:
    """One revision of an annotation, as ``annotations --history --json`` lists it."""
    return {"revision": revision.number, "time": revision.created_at,
            "author": revision.author, "deleted": revision.deleted, "side": revision.side,
            "start": revision.start, "end": revision.end, "category": revision.category,
            "severity": revision.severity, "note": revision.note}


def run_annotations(args: argparse.Namespace) -> None:
    """List the live annotations, in document order, and the document's MQM score."""
    session = ReviewSession.open(args.project, read_only=True)
    try:
        position = None if args.segment is None else args.segment - 1
        annotations = session.annotations(position, include_deleted=args.history)
        texts = [session.annotated_text(a) for a in annotations]
        histories = [session.annotation_history(a.id) if args.history else []
                     for a in annotations]
        score = session.mqm_score(position)
    finally:
        session.close()
    if args.json:
        listed = []
        for a, text, history in zip(annotations, texts, histories, strict=True):
            entry = AnnotatedSpan(a, text).to_json()
            if args.history:
                entry["deleted"] = a.deleted
                entry["history"] = [_revision_json(r) for r in history]
            listed.append(entry)
        json.dump({"annotations": listed, "mqm": score.to_json()}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if not annotations:
        print("no annotations")
    for a, text, history in zip(annotations, texts, histories, strict=True):
        note = f"  ({a.note})" if a.note else ""
        gone = "  [deleted]" if a.deleted else ""
        print(visible(f"{a.position + 1:>5}  #{a.id:<4} {a.side:<10} {a.start}-{a.end}  "
                      f"{a.severity:<8} {category_label(a.category)}: "
                      f"{text[a.start:a.end]!r}  {a.author}{note}{gone}"))
        for r in history:
            what = "deleted" if r.deleted else (f"{r.severity} {category_label(r.category)} "
                                                f"{r.start}-{r.end}")
            print(visible(f"{'':>13}rev {r.number}  {r.created_at}  {r.author}: {what}"
                          + (f"  ({r.note})" if r.note and not r.deleted else "")))
    verdict = "pass" if score.passed else "fail"
    print(f"MQM  APT {score.apt:g}  EWC {score.ewc}  NPT {score.npt:.2f}  "
          f"score {score.score:.2f}  {verdict}")


def run_mqm_settings(args: argparse.Namespace) -> None:
    """Show the project's MQM settings; change them from a file, --weight and --threshold."""
    changing = bool(args.weight) or args.threshold is not None or args.file is not None
    session = ReviewSession.open(args.project, read_only=not changing)
    try:
        settings = session.mqm_settings()
        if changing:
            if args.file is not None:
                try:
                    text = args.file.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    raise ReviewerError(f"{args.file}: not UTF-8 text") from None
                settings = MqmSettings.from_json(text)
            weights = {**settings.weights, **parse_weight_options(args.weight or [])}
            threshold = settings.threshold if args.threshold is None \
                else check_threshold(args.threshold)
            settings = session.set_mqm_settings(
                MqmSettings(weights, threshold, settings.categories),
                args.author or default_author())
    finally:
        session.close()
    if args.json:
        print(json.dumps({"weights": settings.weights, "threshold": settings.threshold,
                          "categories": list(settings.categories),
                          "severities": SEVERITIES}, ensure_ascii=False, indent=2))
        return
    print(f"threshold {settings.threshold:g} (pass: score ≥ threshold and no critical error)")
    print("severities  " + "  ".join(f"{name} {value:g}" for name, value in SEVERITIES.items()))
    print("weights (1 unless named)  " + ("  ".join(
        f"{key}={value:g}" for key, value in sorted(settings.weights.items())) or "none"))
    print("categories  " + ", ".join(settings.categories))
