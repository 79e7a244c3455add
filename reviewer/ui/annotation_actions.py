"""MQM annotation in the window: the MQM menu, its keys, the marks, the list and the score.

F7 annotates the words selected in the MT view (Shift+F7 puts the keyboard there) or in
the correction; Ctrl+F7 goes to the segment's annotations, where Enter changes one and
Delete deletes it. Every change is saved at once and is a step on the window's undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from reviewer.core.errors import ReviewerError
from reviewer.core.mqm import Annotation, MqmScore, mqm_score
from reviewer.core.tags import to_notation
from reviewer.ui.actions import ActionSpec
from reviewer.ui.annotation_commands import AnnotationCommand, Write
from reviewer.ui.annotation_dialog import AnnotationDialog
from reviewer.ui.annotation_marks import (
    ANNOTATIONS,
    PositionMap,
    mt_map,
    paint,
    shown_map,
    text_map,
)
from reviewer.ui.annotation_panel import score_text
from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.document_words import DocumentWords
from reviewer.ui.extra_marks import set_marks

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

MENU = "&MQM"
ANNOTATE = ActionSpec("mqm.annotate", MENU, "&Annotate the selection…", ("F7",))
SELECT_MT = ActionSpec("mqm.select_mt", MENU, "Select in the &MT", ("Shift+F7",))
GO_TO_LIST = ActionSpec("mqm.list", MENU, "Go to the annotations &list", ("Ctrl+F7",))
CHANGE = ActionSpec("mqm.change", MENU, "&Change the annotation…", separator_before=True)
DELETE = ActionSpec("mqm.delete", MENU, "&Delete the annotation")
NOTHING_SELECTED = ("Select words of the MT (Shift+F7 goes there) or of the correction "
                    "first, then press F7.")


def locate(annotated: str, start: int, end: int, current: str) -> tuple[int, int] | None:
    """Where a span of ``annotated`` is in ``current`` (typed since): the same place if
    its words are still there, else their only occurrence, else nowhere."""
    words = annotated[start:end]
    if current[start:end] == words:
        return start, end
    found = current.find(words)
    if found < 0 or current.find(words, found + 1) >= 0:
        return None
    return found, found + len(words)


class AnnotationActions:
    """Adds, changes and deletes the open segment's annotations and shows them."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        editor = window.editor
        self.panel = editor.annotation_panel
        self.dialog: AnnotationDialog | None = None
        self._position = -1  # the segment whose annotations are held
        self._annotations: list[Annotation] = []
        self._annotated: dict[int, str] = {}  # a correction-side one's text, as annotated
        self._document: MqmScore | None = None
        self._select: int | None = None  # the annotation a step shows selected
        editor.mt_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        table = window.action_table
        menu = QMenu(MENU, window)
        window.menuBar().insertMenu(table.menus["&Help"].menuAction(), menu)
        table.menus[MENU] = menu
        for spec, slot in ((ANNOTATE, self.annotate), (SELECT_MT, self.select_in_mt),
                           (GO_TO_LIST, self.panel.focus_list), (CHANGE, self.change_selected),
                           (DELETE, self.delete_selected)):
            table.add(spec, slot)
        editor.segmentLoaded.connect(self._on_editor_segment_loaded)
        editor.mt_view.document().contentsChanged.connect(self._paint_mt)  # diff redrawn
        editor.correction_edit.textChanged.connect(self._paint_correction)
        self.words = DocumentWords(window)  # the document score's divisor, counted once
        self.words.counted.connect(self.show_document_score)
        window.model.modelReset.connect(self._on_model_model_reset)
        self.panel.editRequested.connect(self.change)
        self.panel.deleteRequested.connect(self.delete)
        self.panel.finished.connect(editor.focus_correction)

    # -- actions -------------------------------------------------------------------------

    def annotate(self) -> None:
        """F7: ask for the category, severity and note of the words selected."""
        window, editor = self._window, self._window.editor
        focus = QApplication.focusWidget()
        if focus is self.panel.list and self.panel.selected_id() is not None:
            self.change_selected()
            return
        mt, correction = editor.mt_view.textCursor(), editor.correction_edit.textCursor()
        if focus is editor.correction_edit and correction.hasSelection() \
                or correction.hasSelection() and not mt.hasSelection():
            side, cursor, positions = "correction", correction, self._correction_map()
        elif mt.hasSelection():
            side, cursor, positions = "mt", mt, self._mt_map()
        else:
            self._say(NOTHING_SELECTED)
            return
        if self._refused():
            return
        position = editor.position
        start = positions.to_offset(cursor.selectionStart())
        end = positions.to_offset(cursor.selectionEnd())
        text = self._side_notation(position, side)
        while start < end and text[start].isspace():  # the words, not the spaces around
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            self._say("The selection holds none of the MT's own words (only inserted ones)."
                      if side == "mt" else "The selection holds no words.")
            return
        dialog = AnnotationDialog(window, f"Annotate the {'MT' if side == 'mt' else side} of "
                                  f"segment {position + 1}", f"“{text[start:end]}”",
                                  window.session.mqm_settings().categories)
        dialog.accepted.connect(lambda: self._add(position, side, start, end, dialog))
        self._open(dialog)

    def select_in_mt(self) -> None:
        """Shift+F7: the keyboard in the MT view, to select words with Shift and arrows."""
        view = self._window.editor.mt_view
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not view.textCursor().hasSelection():
            view.moveCursor(QTextCursor.MoveOperation.Start)

    def change_selected(self) -> None:
        """Change the annotation selected in the list."""
        selected = self.panel.selected_id()
        if selected is None:
            self._say("No annotation is selected (Ctrl+F7 goes to the list).")
        else:
            self.change(selected)

    def delete_selected(self) -> None:
        """Delete the annotation selected in the list."""
        selected = self.panel.selected_id()
        if selected is not None:
            self.delete(selected)

    def change(self, annotation_id: int) -> None:
        """Ask for another category, severity or note for an annotation."""
        if self._refused():
            return
        found = self._find(annotation_id)
        if found is None:
            return
        dialog = AnnotationDialog(self._window, f"Change annotation of segment "
                                  f"{found.position + 1}", f"“{self._quote(found)}”",
                                  self._window.session.mqm_settings().categories,
                                  found.category, found.severity, found.note)
        dialog.accepted.connect(lambda: self._change(found, dialog))
        self._open(dialog)

    def delete(self, annotation_id: int) -> None:
        """Delete an annotation (an undo step brings it back)."""
        found = self._find(annotation_id)
        if found is None or self._refused():
            return
        session, author = self._window.session, self._window.author()
        self._push(f"Delete annotation in segment {found.position + 1}", found.position,
                   lambda: session.delete_annotation(found.id, author),
                   lambda: session.restore_annotation(found.id, author))

    # -- showing -------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        """Read the open segment's annotations again and show them, marks and scores."""
        window = self._window
        position = window.editor.position
        self._position = position
        try:
            self._annotations = [] if position < 0 else window.session.annotations(position)
            self._annotated = {a.id: window.session.annotated_text(a)
                               for a in self._annotations if a.side == "correction"}
            score = None if position < 0 else window.session.mqm_score(position)
        except ReviewerError as error:
            self._annotations, self._annotated, score = [], {}, None
            self._say(str(error))
        self.panel.show_annotations(self._annotations, self._quote, score, select)
        self._paint_mt()
        self._paint_correction()
        self._show_status(score)

    def show_document_score(self, select: int | None = None) -> None:
        """The document's score again (none while its words are being counted), then the
        open segment's annotations."""
        session, words = self._window.session, self.words.words
        try:  # the session's mqm_score(), with the words counted once
            self._document = None if words is None else mqm_score(
                session.annotations(), words, session.mqm_settings())
        except ReviewerError:
            self._document = None
        self.refresh(select)

    # -- inside --------------------------------------------------------------------------

    def _add(self, position: int, side: str, start: int, end: int,
             dialog: AnnotationDialog) -> None:
        category, severity, note = dialog.chosen()
        window = self._window
        session, author = window.session, window.author()
        try:
            if side == "correction":
                window.save_pending()  # the offsets count in the text shown: save it first
            made = session.add_annotation(position, side, start, end, category, severity,
                                          note, author)
        except ReviewerError as error:
            window.interaction.error("Annotation not saved", str(error))
            return
        view = window.editor.mt_view if side == "mt" else window.editor.correction_edit
        cursor = view.textCursor()  # the selection gives way to the mark
        cursor.clearSelection()
        view.setTextCursor(cursor)
        self._push(f"Annotate segment {position + 1}", position,
                   lambda: session.restore_annotation(made.id, author),
                   lambda: session.delete_annotation(made.id, author), made.id, written=True)

    def _change(self, old: Annotation, dialog: AnnotationDialog) -> None:
        category, severity, note = dialog.chosen()
        if (category, severity, note.strip()) == (old.category, old.severity, old.note):
            return
        session, author = self._window.session, self._window.author()

        def to(category: str, severity: str, note: str) -> Write:
            return lambda: session.revise_annotation(old.id, author, category=category,
                                                     severity=severity, note=note)

        self._push(f"Change annotation in segment {old.position + 1}", old.position,
                   to(category, severity, note), to(old.category, old.severity, old.note),
                   old.id)

    def _push(self, label: str, position: int, forward: Write, backward: Write,
              select: int | None = None, written: bool = False) -> None:
        """Save ``forward`` (unless it is) and put the step on the undo stack."""
        window = self._window
        if not written:
            try:
                forward()
            except ReviewerError as error:
                window.interaction.error("Annotation not saved", str(error))
                return
        self._select = select
        window.undo_stack.push(AnnotationCommand(label, position, forward, backward,
                                                 self._show_step))

    def _show_step(self, position: int) -> None:
        """A step done, undone or redone: its segment open, its annotations shown."""
        window = self._window
        if window.editor.position != position and 0 <= position < window.model.rowCount():
            window.editing.go_to_step(position)
        select, self._select = self._select, None
        self.show_document_score(select)

    def _find(self, annotation_id: int) -> Annotation | None:
        try:
            return self._window.session.annotation(annotation_id)
        except ReviewerError as error:
            self._say(str(error))
            return None

    def _open(self, dialog: AnnotationDialog) -> None:
        self.dialog = dialog
        back = QApplication.focusWidget()  # where F7 or Enter was pressed
        dialog.finished.connect(lambda _result: bring_forward(self._window, back))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        bring_forward(dialog, dialog.categories)

    def _refused(self) -> bool:
        if self._window.session.read_only:
            self._say("Read-only: annotations cannot be added or changed.")
            return True
        return self._window.editor.position < 0

    def _say(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 6000)

    def _side_notation(self, position: int, side: str) -> str:
        window = self._window
        text = window.model.segment(position).mt if side == "mt" else window.editor.text()
        return to_notation(text, window.model.tags(position))

    def _quote(self, annotation: Annotation) -> str:
        if annotation.side == "correction":
            text = self._annotated.get(annotation.id, "")
        else:
            text = self._side_notation(annotation.position, "mt")
        words = text[annotation.start:annotation.end]
        return words if len(words) <= 60 else words[:57] + "…"

    def _mt_map(self) -> PositionMap:
        window = self._window
        position = window.editor.position
        mt, tags = window.model.segment(position).mt, window.model.tags(position)
        if window.editor.review_base is not None:  # reviewer mode: track changes shown
            return shown_map(window.editor.mt_view, mt, tags)
        return mt_map(mt, window.editor.text(), tags)

    def _correction_map(self) -> PositionMap:
        window = self._window
        return text_map(window.editor.text(), window.model.tags(window.editor.position))

    def _paint_mt(self) -> None:
        editor = self._window.editor
        spans = [a for a in self._annotations if a.side == "mt"] \
            if editor.position >= 0 and editor.position == self._position else []
        if spans:
            paint(editor.mt_view, spans, self._mt_map())
        else:
            set_marks(editor.mt_view, ANNOTATIONS, [])

    def _paint_correction(self) -> None:
        editor = self._window.editor
        if editor.position < 0 or editor.position != self._position \
                or not any(a.side == "correction" for a in self._annotations):
            set_marks(editor.correction_edit, ANNOTATIONS, [])
            return
        current = self._side_notation(editor.position, "correction")
        spans = []
        for annotation in self._annotations:
            if annotation.side != "correction":
                continue
            found = locate(self._annotated.get(annotation.id, current), annotation.start,
                           annotation.end, current)
            if found is not None:
                spans.append(_Mark(found[0], found[1], annotation.severity))
        paint(editor.correction_edit, spans, self._correction_map())

    def _show_status(self, segment: MqmScore | None) -> None:
        document = self._document
        if document is None:
            self._window.status.show_mqm("", "")
            return
        text = f"{score_text(document)} (document)"
        if segment is not None:
            text += f" · segment {segment.score:.1f}"
        errors = sum(sum(counts.values()) for counts in document.by_category.values())
        self._window.status.show_mqm(
            text, f"MQM: {errors} error(s), APT {document.apt:g} over {document.ewc} words, "
            f"NPT {document.npt:.2f}; pass needs the threshold and no critical error")

    def _on_editor_segment_loaded(self, position: int) -> None:
        self.refresh()

    def _on_model_model_reset(self) -> None:
        self._select = None
        self.words.reset(self._window.session)
        self.show_document_score(None)


class _Mark:
    """A span to paint where an annotation's words are now."""

    def __init__(self, start: int, end: int, severity: str) -> None:
        self.start, self.end, self.severity = start, end, severity
