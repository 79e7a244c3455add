"""QA in the window: the table's warning icons, the live line under the editor, the
document check that jumps to each warning, and the project's QA settings.

The checks are fast (a sentence of the seed article: 0.15 ms, 0.6 ms with spelling;
3,000 characters: 2 ms), so a segment is checked on the GUI thread; a document of many
saved segments (10,000: 1.5 s, 6 s with spelling) is checked in a task with progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal

from reviewer.core.consistency import Saved, document_warnings, with_document_warnings
from reviewer.core.lexicon import lexicon_future
from reviewer.core.qa import SPELLING, TAGS, QaWarning, Speller, check_segment
from reviewer.core.spelling import dictionary_language
from reviewer.core.tags import InlineTag
from reviewer.qa_service import Progress, SessionQa, session_speller
from reviewer.session import STATUS_CONFIRMED, STATUS_NEW, ReviewSession
from reviewer.ui.actions import ActionSpec
from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.qa_dialog import QaDocumentDialog
from reviewer.ui.qa_settings_dialog import QaSettingsDialog
from reviewer.ui.tag_chips import labelled_message

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

QA_DELAY_MS = 150  # typing pauses this long before the line under the editor follows it
INLINE_SEGMENTS = 50  # a document check of more saved segments runs in a task (0.6 ms each)
CHECK_DOCUMENT = ActionSpec("segment.check_document", "&Segment", "Check &document…",
                            ("F9",), separator_before=True)
QA_SETTINGS = ActionSpec("edit.qa_settings", "&Edit", "&QA checks…")

Item = tuple[int, str, str, str | None, list[InlineTag]]  # position, text, MT, source, tags
Found = list[tuple[int, QaWarning]]


class QaActions(QObject):
    """Keeps the table's icons, the editor's QA line and the document check up to date."""

    _spellingReady = Signal()  # the word list finished loading (said from its thread)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._qa: SessionQa | None = None
        self._loaded: tuple[int, int] | None = None  # the open segment, its revisions then
        self.dialog: QaDocumentDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QA_DELAY_MS)
        self._timer.timeout.connect(self.check_editor_now)
        self._spellingReady.connect(self.refresh)
        window.model.set_qa(self._row_warnings)
        window.model.dataChanged.connect(self._on_model_data_changed)
        window.editor.segmentLoaded.connect(self._on_editor_segment_loaded)
        window.editor.textEdited.connect(self._on_editor_text_edited)
        # a word added to the project dictionary is no longer a spelling warning
        window.editor.correction_edit.spelling.wordsChanged.connect(self.refresh)
        window.action_table.add(CHECK_DOCUMENT, self.check_document)
        window.action_table.add(QA_SETTINGS, self.settings_dialog)
        if window.editor.position >= 0:
            self.check_editor_now()

    def session_qa(self) -> SessionQa:
        """The QA of the window's project (made again when another project is shown)."""
        session = self._window.session
        if self._qa is None or self._qa.session is not session:
            self._qa = SessionQa(session, self._speller(session), glossary_wait=False)
        return self._qa

    def refresh(self) -> None:
        """Check every row and the editor again: the project's checks or words changed
        (call it after adding a word to the project dictionary)."""
        self._qa = None
        if not self._window.isVisible():
            return  # a closed window's project may be closed too (a word list loaded late)
        self._window.model.set_qa(self._row_warnings)
        self.check_editor_now()

    def _speller(self, session: ReviewSession) -> Speller | None:
        """The project's speller; while its word list loads none, and a refresh after."""
        speller = session_speller(session, wait=False)
        language = dictionary_language(session.spelling_language())
        if speller is None and language is not None:
            lexicon_future(language).add_done_callback(self._on_lexicon_loaded)
        return speller

    def _on_lexicon_loaded(self, _future: object) -> None:
        # the loading thread: a queued signal brings it to the GUI thread (unless the
        # window closed meanwhile)
        with suppress(RuntimeError):
            self._spellingReady.emit()

    # -- a segment -------------------------------------------------------------------------

    def _row_warnings(self, row: int, text: str) -> list[QaWarning]:
        segment = self._window.model.segment(row)
        return self.session_qa().check(row, text, segment.mt, segment.source)

    def stop(self) -> None:
        """No more live checks (the window is closing: its project with it)."""
        self._timer.stop()

    def check_editor_now(self) -> None:
        """Show the QA warnings of the correction as typed under the editor."""
        self._timer.stop()
        editor, model = self._window.editor, self._window.model
        position = editor.position
        if not 0 <= position < model.rowCount():
            editor.show_qa([])
            return
        segment = model.segment(position)
        # spelling is underlined in the correction itself
        editor.show_qa([warning for warning in self.session_qa().check(
            position, editor.text(), segment.mt, segment.source) if warning.check != SPELLING])

    def _on_editor_segment_loaded(self, position: int) -> None:
        model = self._window.model
        if 0 <= position < model.rowCount():
            self._loaded = (position, model.segment(position).revisions)
        self.check_editor_now()

    def _on_editor_text_edited(self, _position: int, _text: str) -> None:
        self._timer.start()

    def _on_model_data_changed(self, top: QModelIndex, bottom: QModelIndex,
                               _roles: Sequence[int] = ()) -> None:
        """The open segment was saved: a confirm with warnings says so (it never stops)."""
        if self._loaded is None:
            return
        position, revisions = self._loaded
        model = self._window.model
        if not top.row() <= position <= bottom.row() or position >= model.rowCount():
            return
        segment = model.segment(position)
        if segment.revisions == revisions:
            return
        self._loaded = (position, segment.revisions)
        warnings = [w for w in model.qa_warnings(position) if w.check != TAGS]
        if segment.status == STATUS_CONFIRMED and warnings:
            what = "a QA warning" if len(warnings) == 1 else f"{len(warnings)} QA warnings"
            self._window.statusBar().showMessage(
                f"Segment {position + 1} was confirmed with {what}: "
                f"{labelled_message(warnings[0].message)}", 8000)

    # -- the document ----------------------------------------------------------------------

    def check_document(self) -> None:
        """Segment → Check document: every saved segment's warnings in a list."""
        window = self._window
        window.save_pending()
        qa = self.session_qa()
        disabled, speller = qa.disabled(), qa.speller
        items = self._saved_segments()
        has_source = window.session.has_source()

        def job(progress: Progress | None = None) -> Found:
            found: Found = []
            for done, (position, text, mt, source, tags) in enumerate(items, 1):
                found += [(position, warning) for warning in
                          check_segment(text, mt, source, tags, disabled, speller)]
                if progress is not None and (done % 200 == 0 or done == len(items)):
                    progress(done, len(items))
            across = [Saved(position, source, mt, text) for position, text, mt, source, _tags
                      in items]  # the checks across segments (core/consistency.py)
            return with_document_warnings(found, document_warnings(across, has_source,
                                                                   disabled))

        if len(items) <= INLINE_SEGMENTS:
            self._show_document(job())
            return
        if not window.tasks.run("Checking the document…", job, self._on_checked,
                                self._on_check_failed):
            window.statusBar().showMessage("Another job is running; check the document "
                                           "once it is done.", 6000)

    def _saved_segments(self) -> list[Item]:
        """What a document check needs, read here on the GUI thread (the model has it)."""
        model = self._window.model
        items: list[Item] = []
        pages = model.pages  # a long project says which were saved: not every page read
        saved = pages.saved() if pages is not None else (
            model.segment(row) for row in range(model.rowCount()))
        for segment in saved:
            row = segment.position
            if segment.status != STATUS_NEW and not model.locked(row):
                items.append((row, segment.text, segment.mt, segment.source, model.tags(row)))
        return items

    def _on_checked(self, result: object) -> None:
        assert isinstance(result, list)
        self._show_document(result)

    def _on_check_failed(self, message: str) -> None:
        if message:  # empty: cancelled
            self._window.interaction.error("Check document", message)

    def _show_document(self, found: Found) -> None:
        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = QaDocumentDialog(self._window)
            self.dialog.warningActivated.connect(self._on_dialog_warning_activated)
            self.dialog.refreshRequested.connect(self.check_document)
            self._window.show_dialog(self.dialog)
        self.dialog.show_warnings(found)
        bring_forward(self.dialog, self.dialog.tree)  # asked again, or after a task: in front

    def _on_dialog_warning_activated(self, position: int, start: int, end: int) -> None:
        window = self._window
        if 0 <= position < window.model.rowCount():
            window.select_row(position)
            window.editor.select_span(start, end)
            window.activateWindow()

    # -- settings --------------------------------------------------------------------------

    def settings_dialog(self) -> QaSettingsDialog:
        """Edit → QA checks: switch checks on and off for the project."""
        dialog = QaSettingsDialog(self.session_qa(), self._window)
        dialog.changed.connect(self._on_settings_changed)
        self._window.show_dialog(dialog)
        return dialog

    def _on_settings_changed(self) -> None:
        self.refresh()
        if self.dialog is not None and self.dialog.isVisible():
            self.check_document()
