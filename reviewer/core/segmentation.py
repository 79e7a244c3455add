"""Split text into sentences or lines while keeping everything between them."""

from __future__ import annotations

import re

import sentencex

from reviewer.core.document import Layout


def _edges(piece: str) -> tuple[str, str, str]:
    """Leading whitespace, the text, trailing whitespace (linear: a regex was quadratic)."""
    body = piece.strip()
    lead = piece[: len(piece) - len(piece.lstrip())]
    return lead, body, piece[len(lead) + len(body):]


def split_sentences(text: str, language: str = "en") -> tuple[list[str], Layout]:
    """Sentences of ``text`` and the layout that gives ``text`` back exactly."""
    sentences: list[str] = []
    gaps: list[str] = []
    pending_gap = ""
    cursor = 0
    for piece in sentencex.segment(language, text):
        start = text.find(piece, cursor)
        if start < 0:  # the splitter changed the text: keep what is left as one segment
            break
        pending_gap += text[cursor:start]
        cursor = start + len(piece)
        lead, body, trail = _edges(piece)
        if not body:
            pending_gap += piece
            continue
        gaps.append(pending_gap + lead)
        sentences.append(body)
        pending_gap = trail
    rest = text[cursor:]
    if rest.strip():
        lead, body, trail = _edges(rest)
        gaps.append(pending_gap + lead)
        sentences.append(body)
        pending_gap = trail
    else:
        pending_gap += rest
    gaps.append(pending_gap)
    return sentences, Layout(tuple(gaps))


def split_lines(text: str) -> tuple[list[str], Layout]:
    """One segment per line; line endings (``\\n``, ``\\r\\n``) and the last newline kept."""
    pieces = re.split(r"(\r\n|\n|\r)", text)
    lines = pieces[0::2]
    breaks = pieces[1::2]
    if lines and lines[-1] == "" and breaks:  # a final newline ends the file, not a line
        lines.pop()
        tail = breaks.pop()
    else:
        tail = ""
    gaps = [""] + list(breaks) + [tail]
    return lines, Layout(tuple(gaps))
