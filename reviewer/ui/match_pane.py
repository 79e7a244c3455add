"""The Translation memory pane: the open segment's best fuzzy matches, each with its
percentage, where it comes from, its text marked against the segment's, and its target."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from reviewer.core.diff import DiffPart, for_display, word_diff
from reviewer.ui.theme import colours

if TYPE_CHECKING:
    from reviewer.core.memory import TmMatch

INSERT_KEYS = 3  # Ctrl+1 … Ctrl+3


def match_key(match: TmMatch, use_source: bool) -> str:
    """The text a match was found by: its source in a project with sources (else its MT),
    in one without, its MT (else its target: the MT's language)."""
    if use_source:
        return match.source if match.source is not None else match.mt or ""
    return match.mt if match.mt is not None else match.target


def origin_text(match: TmMatch) -> str:
    """Where a match comes from: a segment of this project, or a memory's name."""
    if match.position is not None:
        return f"this project, segment {match.position + 1}"
    return match.origin


def _style(kind: str) -> str:
    look = colours()
    if kind == "delete":
        return (f"color:{look.deleted};background-color:{look.deleted_background};"
                "text-decoration:line-through")
    if kind == "insert":
        return (f"color:{look.inserted};background-color:{look.inserted_background};"
                "text-decoration:underline")
    return ""


def diff_html(parts: Sequence[DiffPart]) -> str:
    """The match's text (struck: words only the match has) with the words only the open
    segment has (underlined) where they would go."""
    out = []
    for part in for_display(parts):
        style = _style(part.kind)
        words = part.text.strip()
        if not style or not words:
            out.append(html.escape(part.text))
            continue
        # the spaces around the words unmarked: the marks then end where the words do
        start = part.text.index(words[0])
        out.append(f"{html.escape(part.text[:start])}<span style='{style}'>"
                   f"{html.escape(words)}</span>"
                   f"{html.escape(part.text[start + len(words):])}")
    return "".join(out)


def matches_html(matches: Sequence[TmMatch], key: str, use_source: bool) -> str:
    """Every match as rich text, best first; the first three with the key inserting them."""
    muted = colours().muted
    blocks = []
    for number, match in enumerate(matches, start=1):
        keys = f" &nbsp; <span style='color:{muted}'>Ctrl+{number}</span>" \
            if number <= INSERT_KEYS else ""
        heading = (f"<b>{number}. &nbsp;{match.score}%</b> &nbsp; "
                   f"<span style='color:{muted}'>{html.escape(origin_text(match))}</span>"
                   f"{keys}")
        marked = diff_html(word_diff(match_key(match, use_source), key))
        blocks.append(f"<p style='margin:0 0 2px 0'>{heading}</p>"
                      f"<p style='margin:0 0 2px 12px'>{marked}</p>"
                      f"<p style='margin:0 0 10px 12px'>→ {html.escape(match.target)}</p>")
    return "".join(blocks)


class MatchPane(QWidget):
    """Shows what the window's lookup found for the open segment (never looks up itself)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matchPane")
        self.caption = QLabel("No segment")
        self.caption.setObjectName("matchCaption")
        self.caption.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setObjectName("matchView")
        self.view.setOpenLinks(False)
        self.view.setTabChangesFocus(True)  # Tab leaves it, as in the history's list
        self.view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        self.matches: list[TmMatch] = []
        self._shown: tuple[Sequence[TmMatch], str, bool] | None = None

    def show_matches(self, position: int, matches: Sequence[TmMatch], key: str,
                     use_source: bool, insertable: bool) -> None:
        """Show segment ``position``'s ``matches`` against its ``key`` text."""
        self.matches = list(matches)
        self._shown = (self.matches, key, use_source)
        if not matches:
            self.caption.setText(f"Segment {position + 1}: no match of 50% or more in the "
                                 "translation memory")
            self.view.clear()
            return
        count = len(matches)
        hint = f" · Ctrl+1…{min(count, INSERT_KEYS)} inserts one" if insertable else ""
        self.caption.setText(f"Segment {position + 1}: {count} match"
                             f"{'es' if count != 1 else ''}, best first{hint}")
        self.view.setHtml(matches_html(matches, key, use_source))
        self.view.setToolTip(
            "Struck through: words only the match has; underlined: words only this "
            f"segment's {'source' if use_source else 'MT'} has. The arrow: the match's target.")

    def show_message(self, text: str) -> None:
        """Say why nothing is shown (no segment, looking up, a failed lookup)."""
        self.matches = []
        self._shown = None
        self.caption.setText(text)
        self.view.clear()

    def changeEvent(self, event: QEvent) -> None:
        # another look chosen: its colours are in use once the palette has been handed out
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            QTimer.singleShot(0, self, self.refresh_colours)
        super().changeEvent(event)

    def refresh_colours(self) -> None:
        """Draw the marks again in the colours of the theme now in use."""
        if self._shown is not None and self._shown[0]:
            matches, key, use_source = self._shown
            self.view.setHtml(matches_html(matches, key, use_source))
