"""What the editor shows of the glossary: the segment's terms under the correction, and the
list that picks one to insert when it has several."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QLayout, QMenu, QWidget

from reviewer.core.glossary import GlossaryTerm
from reviewer.ui.glossary_marks import term_line

SHOWN = 6  # terms listed; more are counted


def distinct_terms(terms: Sequence[GlossaryTerm]) -> list[GlossaryTerm]:
    """Each term once, in the order found."""
    return list({term.id: term for term in terms}.values())


class TermsLabel(QLabel):
    """The segment's terms, ``source → target`` each (forbidden ones said so)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryTerms")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a term may hold "<"
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_terms(self, terms: Sequence[GlossaryTerm], keys: str) -> None:
        """List ``terms`` (hidden when none); ``keys`` insert a target."""
        terms = distinct_terms(terms)
        if not terms:
            self.clear()
            self.hide()
            return
        lines = [term_line(term) for term in terms]
        more = len(lines) - SHOWN
        text = "Terms: " + " · ".join(lines[:SHOWN]) + (f" · and {more} more" if more > 0
                                                       else "")
        self.setText(text)
        self.setToolTip("\n".join(lines) + (f"\n{keys} inserts a target at the cursor."
                                           if keys else ""))
        self.show()

    def lines(self) -> list[str]:
        """The terms listed (tests)."""
        text = self.text().removeprefix("Terms: ")
        return text.split(" · ") if text else []


def add_under(widget: QWidget, anchor: QWidget, added: QWidget) -> bool:
    """Put ``added`` right under ``anchor`` in whichever of ``widget``'s layouts holds it."""
    def find(layout: QLayout | None) -> bool:
        if layout is None:
            return False
        index = layout.indexOf(anchor)
        if index >= 0 and isinstance(layout, QBoxLayout):
            layout.insertWidget(index + 1, added)
            return True
        items = (layout.itemAt(index) for index in range(layout.count()))
        return any(find(item.layout()) for item in items if item is not None)

    return find(widget.layout())


def pick_term(parent: QWidget, terms: Sequence[GlossaryTerm], at: QPoint,
              chosen: Callable[[GlossaryTerm], None]) -> QMenu:
    """A list of ``terms`` at ``at`` (global): arrows and Enter (or a term's number) insert
    one, Esc closes it."""
    menu = QMenu(parent)
    menu.setObjectName("glossaryPicker")
    for number, term in enumerate(terms, start=1):
        prefix = f"&{number}  " if number < 10 else ""
        action = menu.addAction(prefix + f"{term.source} → {term.target}".replace("&", "&&"))
        if term.note:
            action.setToolTip(term.note)
        action.triggered.connect(lambda _checked=False, term=term: chosen(term))
    menu.setToolTipsVisible(True)
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(at)
    if menu.actions():
        menu.setActiveAction(menu.actions()[0])
    return menu
