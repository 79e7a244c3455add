"""``reviewer analysis``: the post-editing analysis (edit-distance bands) of a project."""

from __future__ import annotations

import argparse

from reviewer.cli_common import print_json, say
from reviewer.core.analysis import Analysis, Band, parse_bounds
from reviewer.core.errors import ReviewerError
from reviewer.session import ReviewSession

_BASIS = {"source": "source words", "mt": "MT words (the project has no source)"}


def run_analysis(args: argparse.Namespace) -> None:
    """Print the analysis bands; ``--save`` keeps ``--bands`` as the project's."""
    if args.save and args.bands is None:
        raise ReviewerError("--save keeps the bands given with --bands: give them")
    bounds = None if args.bands is None else parse_bounds(args.bands)
    session = ReviewSession.open(args.project, read_only=not args.save)
    try:
        if args.save and bounds is not None:
            session.set_analysis_bands(bounds)
        analysis = session.analysis(bounds)
    finally:
        session.close()
    if args.json:
        print_json(analysis.to_json())
    else:
        for line in analysis_lines(analysis):
            say(line)


def analysis_lines(analysis: Analysis) -> list[str]:
    """The analysis as a readable table, one block per group."""
    lines = [f"post-editing analysis: {analysis.total_segments} segments, "
             f"{analysis.total_words} {_BASIS[analysis.word_basis]}; "
             "character edit distance, MT against the final text", ""]
    lines += _table(analysis.bands)
    for editor, bands in analysis.per_editor.items():
        lines += ["", f"editor {editor}: MT against their last text"]
        lines += _table(bands)
    lines.append("")
    if sum(band.segments for band in analysis.reviewer_vs_editor):
        lines.append("reviewer against the editor: the editor's text against the reviewer's")
        lines += _table(analysis.reviewer_vs_editor)
    else:
        lines.append("reviewer against the editor: no segment reviewed")
    return lines


def _table(bands: list[Band]) -> list[str]:
    rows = [f"  {'band':<9} {'segments':>8} {'%':>6} {'words':>8} {'%':>6}"]
    rows += [f"  {band.label:<9} {band.segments:>8} {band.segment_share:>6.1f} "
             f"{band.words:>8} {band.word_share:>6.1f}" for band in bands]
    segments, words = sum(b.segments for b in bands), sum(b.words for b in bands)
    rows.append(f"  {'total':<9} {segments:>8} {'':>6} {words:>8}")
    return rows
