"""A segment's text with its tags as chip labels, for table cells (plain and rich text)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from reviewer.core.diff import DiffPart, for_display
from reviewer.core.tags import CLOSE, OPEN, TAG_BASE, InlineTag
from reviewer.ui.tag_chips import chip_label

_PAIR_STYLE = "background-color:#ede7f6;color:#4527a0;font-weight:bold"
_CODE_STYLE = "background-color:#e0f2f1;color:#00695c;font-weight:bold"
_PART_STYLE = {"delete": "color:#c62828;text-decoration:line-through",
               "insert": "color:#1565c0;text-decoration:underline"}


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
    style = _PAIR_STYLE if tag.kind in (OPEN, CLOSE) else _CODE_STYLE
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
    return "".join(tagged_html(part.text, tags, _PART_STYLE.get(part.kind, ""))
                   for part in for_display(parts))
