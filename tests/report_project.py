"""A project from the seed article with corrections, editing times and MQM annotations."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.effort import Effort
from reviewer.formats.plaintext import import_plain_text
from reviewer.session import ReviewSession

# (segment, old, new, editing seconds)
CORRECTIONS = [
    (0, "Russian military to act in Syria successful", "Russia's military action in Syria is "
     "successful", 40),
    (3, "We hope that", "We expect that", 12),
    (4, "terrorism in Syria defeated?", "terrorism in Syria has been defeated?", 30),
    (6, "their beliefs", "our beliefs", 8),
    (10, "to do anything failed", "had failed to do anything", 25),
    (14, "foreign Ministers", "foreign ministers", 10),
    (20, "various countries", "many countries", 300),  # an outlying time per word
]


def build(path: Path, seed: Path, annotate: bool = True) -> Path:
    """Make the project at ``path``; returns it closed."""
    session = ReviewSession.create(path, import_plain_text(seed))
    try:
        for position, old, new, seconds in CORRECTIONS:
            mt = session.segment(position).mt
            assert old in mt, (position, old)
            session.edit(position, mt.replace(old, new, 1), "ann",
                         effort=Effort(editing_ms=seconds * 1000))
        session.score_pending()
        if annotate:
            mt = session.segment(4).mt
            start = mt.index("defeated?")
            session.add_annotation(4, "mt", start, start + len("defeated?"),
                                   "accuracy/mistranslation", "major", "a question", "rev")
            mt = session.segment(14).mt
            start = mt.index("Ministers")
            session.add_annotation(14, "mt", start, start + len("Ministers"),
                                   "fluency/spelling", "minor", "", "rev")
            session.review_accept(0, "rev")
            session.review_reject(3, "rev", "too literal")
    finally:
        session.close()
    return path
