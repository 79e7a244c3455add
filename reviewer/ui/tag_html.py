"""A segment's text with its tags as chip labels, for table cells (plain and rich text)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from reviewer.core.diff import DiffPart, for_display
from reviewer.core.tags import CLOSE, OPEN, TAG_BASE, InlineTag
from reviewer.ui.tag_chips import chip_label
from reviewer.ui.theme import colours


def _part_style(kind: str) -> str:
    look = colours()
    if kind == "delete":
        return f"color:{look.deleted};text-decoration:line-through"
    if kind == "insert":
        return f"color:{look.inserted};text-decoration:underline"
    return ""


def _pieces(text: str, tags: Sequence[InlineTag]) -> list[str | InlineTag]:
    pieces: list[str | InlineTag] = []
    run: list[str] = []
    for char in text:
        index = ord(char) - TAG_BASE
        if 0 <= index < len(tags):
            if run:
                pieces.append("".join(run))
                run = []
            pieces.append(tags[index])
        else:
            run.append(char)
    if run:
        pieces.append("".join(run))
    return pieces


def labelled_text(text: str, tags: Sequence[InlineTag]) -> str:
    """``text`` with each tag as its chip label (``‹1``, ``1›``, ``‹2›``)."""
    if not tags:
        return text
    return "".join(piece if isinstance(piece, str) else chip_label(piece)
                   for piece in _pieces(text, tags))


def _chip_html(tag: InlineTag) -> str:
    look = colours()
    fill, ink = ((look.pair_fill, look.pair_text) if tag.kind in (OPEN, CLOSE)
                 else (look.code_fill, look.code_text))
    style = f"background-color:{fill};color:{ink};font-weight:bold"
    return f"<span style='{style}'>&#8202;{html.escape(chip_label(tag))}&#8202;</span>"


def tagged_html(text: str, tags: Sequence[InlineTag], style: str = "") -> str:
    """``text`` as rich text, tags as small coloured labels."""
    out = []
    for piece in _pieces(text, tags):
        out.append(html.escape(piece) if isinstance(piece, str) else _chip_html(piece))
    body = "".join(out)
    return f"<span style='{style}'>{body}</span>" if style else body


def tagged_diff_html(parts: Sequence[DiffPart], tags: Sequence[InlineTag]) -> str:
    """A diff as rich text (deletions struck through in red, insertions underlined in
    blue), tags as labels."""
    return "".join(tagged_html(part.text, tags, _part_style(part.kind))
                   for part in for_display(parts))
