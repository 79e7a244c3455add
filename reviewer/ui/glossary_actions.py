"""The glossary in the window: the open segment's terms marked and listed, Ctrl+Shift+G
to insert a term's target, and Tools → Glossary… to add, change, delete and import terms.

Only the open segment's terms are looked up (the session keeps the glossary compiled),
so showing a segment never waits on the whole document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from reviewer.core.errors import ReviewerError
from reviewer.core.glossary import GlossaryTerm, TermHit
from reviewer.ui.actions import ActionSpec, key_text
from reviewer.ui.annotation_marks import mt_map, shown_map, text_map
from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.glossary_dialog import GlossaryDialog
from reviewer.ui.glossary_marks import TermTips, clear_terms, paint_terms
from reviewer.ui.glossary_panel import TermsLabel, add_under, distinct_terms, pick_term
from reviewer.ui.latest_job import LatestJob
from reviewer.ui.match_actions import MENU, tools_menu
from reviewer.ui.tag_chips import has_chip_properties, plain_format

if TYPE_CHECKING:
    from reviewer.session import ReviewSession
    from reviewer.ui.main_window import MainWindow

EDIT = ActionSpec("glossary.edit", MENU, "&Glossary…", separator_before=True)
INSERT = ActionSpec("glossary.insert", MENU, "Insert glossary &term", ("Ctrl+Shift+G",))
IMPORT = ActionSpec("glossary.import", MENU, "Import a glossary &file…")
GLOSSARY_FILTER = ("Glossaries (*.tbx *.csv *.tsv *.tab *.txt);;TBX (*.tbx);;"
                   "CSV or TSV (*.csv *.tsv *.tab *.txt);;All files (*)")
READ_ONLY = "This project is open read-only: its glossary cannot be changed."


class GlossaryActions:
    """Shows the open segment's terms and changes the glossary through the session."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        editor = window.editor
        self.terms_label = TermsLabel()
        add_under(editor, editor.qa_warning, self.terms_label)
        self.dialog: GlossaryDialog | None = None
        self._position = -1  # the segment whose terms are held
        self._hits: list[TermHit] = []
        self._in_source = False  # found in the source (else in the MT)
        self.picker: QMenu | None = None  # the terms to choose from, while shown
        self._compiler = LatestJob(window)  # compiles a big glossary off the GUI thread
        self._compiler.succeeded.connect(self._on_compiler_succeeded)
        self._tips = (TermTips(editor.source_view), TermTips(editor.mt_view))
        tools_menu(window)
        table = window.action_table
        for spec, slot in ((EDIT, self.open_dialog), (INSERT, self.insert_term),
                           (IMPORT, self.import_file)):
            table.add(spec, slot)
        editor.segmentLoaded.connect(self._on_editor_segment_loaded)
        editor.mt_view.document().contentsChanged.connect(self._paint)  # diff redrawn
        window.model.modelReset.connect(self._on_model_model_reset)

    # -- the open segment ----------------------------------------------------------------

    def refresh(self) -> None:
        """Look up the open segment's terms again and show them."""
        window = self._window
        position = window.editor.position
        self._position = position
        session = window.session
        try:
            if position >= 0 and not session.glossary_at_hand():
                self._compile(session)  # a big glossary: compiled in a thread, then shown
                position = -1
            segment = None if position < 0 else window.model.segment(position)
            # the table's copy of the segment: no reading of the project per segment shown
            self._hits = [] if segment is None \
                else session.glossary_hits_in(segment.source, segment.mt)
        except ReviewerError as error:
            self._hits = []
            self._say(str(error))
        source = None if position < 0 else window.model.segment(position).source
        self._in_source = source is not None and bool(source.strip())
        keys = key_text(window.action_table.keys(INSERT.name))
        self.terms_label.show_terms([hit.term for hit in self._hits], keys)
        self._paint()

    def _compile(self, session: ReviewSession) -> None:
        compile_glossary = session.glossary_compiler()  # read here: the thread only works

        def job(_progress: object) -> ReviewSession:
            compile_glossary()
            return session

        self._compiler.request(job)
        self._say("Compiling the glossary…")

    def _on_compiler_succeeded(self, session: object) -> None:
        window = self._window
        if session is window.session and window.session.glossary_at_hand():
            self.refresh()
            window.qa.refresh()  # the glossary's checks, now that it can be asked

    def terms(self) -> list[GlossaryTerm]:
        """The open segment's terms, each once, in the order found."""
        return distinct_terms([hit.term for hit in self._hits])

    def insert_term(self) -> None:
        """Ctrl+Shift+G: a term's target at the correction's cursor (a list to pick from
        when the segment has several)."""
        window = self._window
        edit = window.editor.correction_edit
        if window.session.read_only:
            self._say("Read-only: a term cannot be inserted (you can still look them up).")
            return
        if window.editor.position < 0 or edit.isReadOnly():
            self._say("This segment cannot be edited.")
            return
        terms = [term for term in self.terms() if not term.forbidden]
        if not terms:
            self._say(f"Segment {window.editor.position + 1} has no glossary term to insert.")
            return
        if not edit.hasFocus():
            edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if len(terms) == 1:
            self.insert_target(terms[0])
            return
        at = edit.viewport().mapToGlobal(edit.cursorRect().bottomLeft())
        self.picker = pick_term(edit, terms, at, self.insert_target)

    def insert_target(self, term: GlossaryTerm) -> None:
        """Type ``term``'s target over the correction's selection: one undo step."""
        window = self._window
        edit = window.editor.correction_edit
        position = window.editor.position
        if position < 0 or edit.isReadOnly():
            return

        def typing() -> None:
            cursor = edit.textCursor()
            fmt = cursor.charFormat()
            cursor.insertText(term.target, plain_format(fmt) if has_chip_properties(fmt)
                              else fmt)
            edit.setTextCursor(cursor)

        window.editing.as_step(f"Insert a term into segment {position + 1}", typing)
        edit.keystroke.emit("insert")
        edit.ensureCursorVisible()
        self._say(f"Inserted “{term.target}” (Ctrl+Z takes it back).")

    # -- the glossary --------------------------------------------------------------------

    def open_dialog(self) -> None:
        """Tools → Glossary…: the terms, to read, filter and (if writable) change."""
        window = self._window
        if self.dialog is not None and self.dialog.isVisible():
            bring_forward(self.dialog)
            return
        self.dialog = GlossaryDialog(window, self)
        self._show_in_dialog()
        window.show_dialog(self.dialog)
        bring_forward(self.dialog, self.dialog.filter_edit)

    def add_term(self, source: str, target: str, note: str, forbidden: bool) -> int | None:
        """Add a term; its id, or None when it was refused (and said why)."""
        made = self._change("Term not added",
                            lambda: self._window.session.add_glossary_term(source, target,
                                                                           note, forbidden))
        return None if made is None else made.id

    def update_term(self, term_id: int, source: str, target: str, note: str,
                    forbidden: bool) -> bool:
        """Change a term; False when refused (and said why)."""
        return self._change("Term not changed", lambda: self._window.session
                            .update_glossary_term(term_id, source, target, note,
                                                  forbidden)) is not None

    def delete_term(self, term: GlossaryTerm) -> bool:
        """Delete a term once the user says so."""
        if not self._window.interaction.confirm(
                "Delete term", f"Delete “{term.source} → {term.target}” from the glossary?"):
            return False

        def delete() -> GlossaryTerm:
            self._window.session.delete_glossary_term(term.id)
            return term

        return self._change("Term not deleted", delete) is not None

    def import_file(self) -> None:
        """Tools → Import a glossary file…: a TBX or CSV/TSV file's terms, added in a task."""
        window = self._window
        if window.session.read_only:
            window.interaction.error("Glossary not imported", READ_ONLY)
            return
        path = window.interaction.open_file("Import a glossary", GLOSSARY_FILTER)
        if path is not None:
            self.import_path(path)

    def import_path(self, path: Path) -> bool:
        """Add the terms of ``path`` off the GUI thread; False when nothing started."""
        window = self._window
        session = window.session

        def done(added: object) -> None:
            self._say(f"{added} term(s) added to the glossary from {path.name}.")
            self._changed()

        def failed(message: str) -> None:
            if message:
                window.interaction.error("Glossary not imported", message)

        return window.tasks.run(f"Importing {path.name}…", lambda _progress:
                                session.import_glossary(path), done, failed,
                                cancellable=False, title="Import a glossary")

    # -- inside --------------------------------------------------------------------------

    def _change(self, title: str, write: Callable[[], GlossaryTerm]) -> GlossaryTerm | None:
        window = self._window
        if window.session.read_only:
            window.interaction.error(title, READ_ONLY)
            return None
        try:
            made = write()
        except ReviewerError as error:
            window.interaction.error(title, str(error))
            return None
        self._changed()
        return made

    def _changed(self) -> None:
        """The glossary changed: the segment's terms and the dialog's table again."""
        self.refresh()
        self._show_in_dialog()

    def _show_in_dialog(self) -> None:
        dialog, session = self.dialog, self._window.session
        if dialog is None:
            return
        try:
            terms = session.glossary()
        except ReviewerError as error:
            terms = []
            self._say(str(error))
        dialog.show_terms(terms, session.read_only)

    def _paint(self) -> None:
        window = self._window
        editor = window.editor
        position = editor.position
        hits = self._hits if position >= 0 and position == self._position else []
        if not hits:
            clear_terms(editor.source_view)
            clear_terms(editor.mt_view)
            return
        segment, tags = window.model.segment(position), window.model.tags(position)
        if self._in_source:
            source = segment.source or ""
            paint_terms(editor.source_view, source, tags, hits, text_map(source, tags))
            clear_terms(editor.mt_view)
            return
        positions = shown_map(editor.mt_view, segment.mt, tags) \
            if editor.review_base is not None else mt_map(segment.mt, editor.text(), tags)
        paint_terms(editor.mt_view, segment.mt, tags, hits, positions)
        clear_terms(editor.source_view)

    def _say(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 6000)

    def _on_editor_segment_loaded(self, position: int) -> None:
        self.refresh()

    def _on_model_model_reset(self) -> None:
        self._position = -1
        self._hits = []
        self._paint()
        self._show_in_dialog()
