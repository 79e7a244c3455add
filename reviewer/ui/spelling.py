"""Spelling in the correction: misspelled words underlined as one types, fixed on right click.

A syntax highlighter underlines (red, the style's spell-check line) what the project's
checker flags; it only adds display formats to word ranges, so the chips' object
characters and their formats stay as they are, and the document never changes. The
language's word list loads in a worker thread (``reviewer.core.lexicon``): until it is
there nothing is underlined, then the text is underlined at once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QMessageBox, QTextEdit

from reviewer.core.errors import ReviewerError
from reviewer.core.lexicon import Lexicon, lexicon_future
from reviewer.core.spelling import Misspelling, SpellChecker, dictionary_language
from reviewer.session import ReviewSession
from reviewer.ui.tag_chips import plain_format
from reviewer.ui.theme import colours

_POLL_MS = 25  # how often the window looks whether a word list has loaded
_TYPED = 2  # characters one key or input-method step inserts: typing, not a paste
ADD_WORD = "Add to project dictionary"


def misspelled_format() -> QTextCharFormat:
    """What a misspelled word gets: a red spell-check underline."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    fmt.setUnderlineColor(colours().qcolor("misspelled"))
    return fmt


def utf16_positions(text: str) -> list[int]:
    """For each index of ``text`` (and its end), the position Qt counts (UTF-16 units)."""
    positions, position = [], 0
    for char in text:
        positions.append(position)
        position += 2 if ord(char) > 0xFFFF else 1
    positions.append(position)
    return positions


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines the words a checker flags in each paragraph of a document, except the
    word being typed: it is underlined once the cursor leaves it."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.checker: SpellChecker | None = None
        self.typing_at: int | None = None  # where the last typed character ends
        self._format = misspelled_format()

    def set_checker(self, checker: SpellChecker | None) -> None:
        """Check with ``checker`` (None: underline nothing) and underline again."""
        self.checker = checker
        self.rehighlight()

    def rehighlight(self) -> None:
        """Underline the whole document again, which is no change of its text: Qt's own
        rehighlight says ``contentsChanged``, which the window would take for typing."""
        document = self.document()
        blocked = document.blockSignals(True)
        try:
            super().rehighlight()
        finally:
            document.blockSignals(blocked)

    def stop_typing(self) -> None:
        """The cursor left the word being typed: underline it if it is misspelled."""
        if self.typing_at is None:
            return
        block = self.document().findBlock(self.typing_at)
        self.typing_at = None
        document = self.document()
        blocked = document.blockSignals(True)
        try:
            self.rehighlightBlock(block)
        finally:
            document.blockSignals(blocked)

    def block_misspellings(self, text: str) -> list[Misspelling]:
        """The misspelled words of one paragraph, in Qt's positions within it."""
        if self.checker is None:
            return []
        found = self.checker.misspelled(text)
        if text.isascii() or all(ord(char) <= 0xFFFF for char in text):
            return found
        positions = utf16_positions(text)
        return [(positions[start], positions[end], word) for start, end, word in found]

    def highlightBlock(self, text: str) -> None:
        typing = -1 if self.typing_at is None \
            else self.typing_at - self.currentBlock().position()
        for start, end, _word in self.block_misspellings(text):
            if not start < typing <= end:
                self.setFormat(start, end - start, self._format)


class SpellingSupport(QObject):
    """The correction editor's spelling: underlines, suggestions, the project dictionary."""

    wordsChanged = Signal()  # the project dictionary grew: other checks may look again

    def __init__(self, edit: QTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        # before the highlighter's own connection: it underlines knowing what was typed
        edit.document().contentsChange.connect(self._on_document_contents_change)
        self.highlighter = SpellingHighlighter(edit.document())
        edit.cursorPositionChanged.connect(self._on_edit_cursor_position_changed)
        self._add_word: Callable[[str], list[str]] | None = None
        self._pending: tuple[str | None, list[str]] | None = None
        self._code: str | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(_POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        edit.installEventFilter(self)  # the menu key's menu
        edit.viewport().installEventFilter(self)  # a right click's

    @property
    def checker(self) -> SpellChecker | None:
        """The checker in use (None while the word list loads)."""
        return self.highlighter.checker

    @property
    def ready(self) -> bool:
        """Whether spelling is checked (its word list has loaded, or none exists)."""
        return self._pending is None and self.highlighter.checker is not None

    def use_session(self, session: ReviewSession) -> None:
        """Check in ``session``'s target language with its project dictionary (adding a
        word saves it there); call it for each project the window shows."""
        add = None if session.read_only else session.add_project_word
        self.use(session.spelling_language(), session.project_words(), add)

    def use(self, language: str | None, words: list[str],
            add_word: Callable[[str], list[str]] | None) -> None:
        """Check in ``language`` knowing ``words``; ``add_word`` keeps a new project word
        (None: the dictionary cannot grow, e.g. a read-only project)."""
        self._add_word = add_word
        self._code = dictionary_language(language)
        if self._code is None:
            self._pending = None
            self.highlighter.set_checker(SpellChecker(language, None, words))
            return
        self._pending = (language, words)
        self.highlighter.set_checker(None)
        self._on_poll_timeout()
        if self._pending is not None:
            self._poll.start()

    def _on_poll_timeout(self) -> None:
        if self._pending is None or self._code is None:
            self._poll.stop()
            return
        future = lexicon_future(self._code)
        if not future.done():
            return
        self._poll.stop()
        language, words = self._pending
        self._pending = None
        lexicon: Lexicon | None = future.result() if future.exception() is None else None
        self.highlighter.set_checker(SpellChecker(language, lexicon, words))

    # -- the word being typed ---------------------------------------------------------------

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        typed = removed == 0 and 0 < added <= _TYPED and self._edit.hasFocus()
        self.highlighter.typing_at = position + added if typed else None

    def _on_edit_cursor_position_changed(self) -> None:
        if self.highlighter.typing_at != self._edit.textCursor().position():
            self.highlighter.stop_typing()

    # -- the context menu ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched is self._edit:
            self.highlighter.stop_typing()
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return super().eventFilter(watched, event)
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            point = self._edit.cursorRect().center()
        elif watched is self._edit:
            point = self._edit.viewport().mapFrom(self._edit, event.pos())
        else:
            point = event.pos()
        menu = self.context_menu(point)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos() if event.reason() != QContextMenuEvent.Reason.Keyboard
                   else self._edit.viewport().mapToGlobal(point))
        event.accept()
        return True

    def misspelling_at(self, point: QPoint) -> tuple[int, int, str] | None:
        """The misspelled word under ``point`` (viewport coordinates) as document
        positions (start, end) and the word."""
        cursor = self._edit.cursorForPosition(point)
        block = cursor.block()
        offset = cursor.position() - block.position()
        for start, end, word in self.highlighter.block_misspellings(block.text()):
            if start <= offset <= end:
                return block.position() + start, block.position() + end, word
        return None

    def context_menu(self, point: QPoint) -> QMenu:
        """The editor's menu for a right click at ``point``: for a misspelled word, its
        suggestions and "Add to project dictionary" come first."""
        scrolled = QPoint(self._edit.horizontalScrollBar().value(),
                          self._edit.verticalScrollBar().value())
        menu = self._edit.createStandardContextMenu(point + scrolled)
        found = self.misspelling_at(point)
        checker = self.checker
        if found is None or checker is None:
            return menu
        start, end, word = found
        editable = not self._edit.isReadOnly()
        ours: list[QAction] = []
        for suggestion in checker.suggestions(word):
            action = QAction(suggestion, menu)
            action.setEnabled(editable)
            action.triggered.connect(partial(self.replace, start, end, word, suggestion))
            ours.append(action)
        if not ours:
            ours.append(QAction("(no suggestions)", menu))
            ours[0].setEnabled(False)
        between = QAction(menu)
        between.setSeparator(True)
        add = QAction(ADD_WORD, menu)
        add.setEnabled(self._add_word is not None)
        add.triggered.connect(partial(self.add_word, word))
        ours += [between, add]
        first = menu.actions()[0] if menu.actions() else None
        if first is None:
            menu.addActions(ours)
        else:
            menu.insertActions(first, ours)
            menu.insertSeparator(first)
        return menu

    def replace(self, start: int, end: int, word: str, suggestion: str) -> None:
        """Put ``suggestion`` in place of ``word`` at ``start``–``end`` as typing does (the
        window's undo stack gets it as a typing step); nothing if the text moved."""
        cursor = QTextCursor(self._edit.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        if self._edit.isReadOnly() or cursor.selectedText() != word:
            return
        cursor.insertText(suggestion, plain_format(cursor.charFormat()))
        self._edit.setTextCursor(cursor)
        keystroke = getattr(self._edit, "keystroke", None)
        if keystroke is not None:
            keystroke.emit("insert")  # a deliberate edit: effort counts it

    def add_word(self, word: str) -> None:
        """Keep ``word`` in the project dictionary; its underline goes everywhere."""
        if self._add_word is None or self.checker is None:
            return
        try:
            words = self._add_word(word)
        except ReviewerError as error:
            QMessageBox.warning(self._edit, ADD_WORD, str(error))
            return
        self.highlighter.set_checker(SpellChecker(self.checker.language,
                                                  self.checker.lexicon, words))
        self.wordsChanged.emit()
