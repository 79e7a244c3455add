"""Learned fixes shown in the correction: the MT phrase underlined (dashes, in the theme's
suggestion colour) and a line under the editor naming the fix and its keys."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QTextEdit, QWidget

from reviewer.core.learned import Suggestion
from reviewer.core.visible import visible
from reviewer.ui.annotation_marks import text_map
from reviewer.ui.extra_marks import marks_of, set_marks, span_selection
from reviewer.ui.theme import colours

SUGGESTIONS = "suggestions"  # the key of these marks among the correction's marks


def suggestion_format() -> QTextCharFormat:
    """A dashed underline in the look's suggestion colour (spelling has the wavy one)."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    fmt.setUnderlineColor(colours().qcolor("suggestion"))
    return fmt


def paint_suggestions(view: QTextEdit, text: str, found: Sequence[Suggestion]) -> None:
    """Underline each suggestion's phrase in ``view``, which shows ``text``."""
    positions = text_map(text)  # stored characters (a tag is one) → document positions
    length = view.document().characterCount() - 1
    selections = []
    for suggestion in found:
        start, end = positions.span(suggestion.start, suggestion.end)
        if min(end, length) <= start:
            continue
        selections.append(span_selection(view, start, min(end, length), suggestion_format()))
    set_marks(view, SUGGESTIONS, selections)


def underlined(view: QTextEdit) -> list[tuple[int, int, QColor]]:
    """(start, end, underline colour) of every suggestion mark (tests, screenshots)."""
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineColor())
            for s in marks_of(view, SUGGESTIONS)]


def describe(suggestion: Suggestion) -> str:
    """"learned from segment 7: '”, – said' → ',” said'" (twice: "learned 2× …")."""
    times = f"learned {suggestion.count}×, last" if suggestion.count > 1 else "learned"
    return visible(f"{times} from segment {suggestion.learned_from + 1}: "
                   f"‘{suggestion.mt}’ → ‘{suggestion.suggestion}’")


class SuggestionLine(QLabel):
    """The line under the correction: the fix at the cursor and the keys that act on it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("suggestionLine")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_fix(self, suggestion: Suggestion | None, count: int, keys: str) -> None:
        """Show ``suggestion`` (one of ``count`` in the segment), or hide the line."""
        if suggestion is None:
            self.hide()
            self.clear()
            return
        more = f" (one of {count} here)" if count > 1 else ""
        said = describe(suggestion)
        self.setText(f"{said[:1].upper()}{said[1:]}{more} — {keys}")
        self.setStyleSheet(f"color: {colours().suggestion};")
        self.show()


def add_under(widget: QWidget, above: QWidget, added: QWidget) -> None:
    """Put ``added`` right under ``above`` in whichever of ``widget``'s layouts holds it."""
    layout = _holding(widget.layout(), above)
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(layout.indexOf(above) + 1, added)


def _holding(layout: QLayout | None, widget: QWidget) -> QLayout | None:
    if layout is None:
        return None
    if layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        item = layout.itemAt(index)
        child = item.layout() if item is not None else None
        found = _holding(child, widget)
        if found is not None:
            return found
    return None
