"""The main window: segments, the editor pane, the history panel and document scores."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QSplitter,
    QTableView,
    QWidget,
)

from reviewer.core.effort import Effort
from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats, sentence_details
from reviewer.session import (
    CURRENT,
    STATUS_CONFIRMED,
    STATUS_EDITED,
    DocumentSummary,
    EditResult,
    ReviewSession,
    default_author,
)
from reviewer.store.lock import ProjectLockedError, ReadOnlyError
from reviewer.store.project import RevisionRecord
from reviewer.ui.commands import (
    SAVE_ERRORS,
    CompoundCommand,
    EditSegmentCommand,
    SavingUndoStack,
    TypingCommand,
)
from reviewer.ui.compare_dialogs import RevisionCompareDialog, VersionCompareDialog
from reviewer.ui.diff_delegate import DiffDelegate
from reviewer.ui.editor_pane import EditorPane
from reviewer.ui.history_model import local_time
from reviewer.ui.history_panel import HistoryPanel
from reviewer.ui.interaction import Interaction
from reviewer.ui.live_scorer import LiveScorer
from reviewer.ui.new_project_dialog import NewProjectRequest
from reviewer.ui.segment_model import (
    COL_CORRECTION,
    COL_HTER,
    COL_INDEX,
    COL_MT,
    COL_SOURCE,
    COL_STATUS,
    SegmentTableModel,
)
from reviewer.ui.tasks import Task
from reviewer.ui.timeline_panel import TimelinePanel

PROJECT_FILTER = "Review projects (*.review);;All files (*)"
DRAFT_DELAY_MS = 1500  # typing reaches the project file this soon, even mid-sentence


def open_or_ask_read_only(path: Path, interaction: Interaction) -> ReviewSession | None:
    """Open a project for editing; if someone else is editing it, or it cannot be written
    here, offer read-only. Problems the quick check finds are shown at once."""
    try:
        session = ReviewSession.open(path, isolated=True)
    except (ProjectLockedError, ReadOnlyError) as blocked:
        title = "Project in use" if isinstance(blocked, ProjectLockedError) else \
            "Project cannot be written"
        if not interaction.confirm(title, f"{blocked}.\n\nOpen it read-only?"):
            return None
        try:
            session = ReviewSession.open(path, read_only=True, isolated=True)
        except ReviewerError as error:
            interaction.error("Cannot open project", str(error))
            return None
    except ReviewerError as error:
        interaction.error("Cannot open project", str(error))
        return None
    problems = session.verify(full=False)
    if problems:
        interaction.error("Project check", "\n".join(problems) +
                          "\n\nRun “reviewer verify” for a full check.")
    return session


class MainWindow(QMainWindow):
    """One project at a time; every change goes through the session as an undoable command."""

    def __init__(self, session: ReviewSession, interaction: Interaction | None = None,
                 scorer: LiveScorer | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.interaction = interaction or Interaction(self)
        self.settings = settings or QSettings("reviewer", "reviewer")
        self.scorer = scorer or LiveScorer(self)
        self.undo_stack = SavingUndoStack(self)
        self.undo_stack.failed.connect(self._on_undo_stack_failed)
        self.session = session
        self.model = SegmentTableModel([], self)
        self._live: dict[int, tuple[str, SegmentStats, Scores]] = {}
        self._late: dict[int, tuple[int, str]] = {}  # scores pending: revision id: position, text
        self._task: Task | None = None
        self._progress_dialog: QProgressDialog | None = None
        self._replaying = False  # undo/redo is setting text: not new typing
        self._editor_text = ""  # the open segment's text before the latest keystroke
        self._tag_warned: tuple[int, str] | None = None  # confirmed once despite tag problems
        self._dialogs: list[QWidget] = []  # non-modal windows kept alive
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)

        self.table = QTableView()
        self.table.setObjectName("segmentTable")
        self.table.setModel(self.model)
        # rich cells: the MT's diff, and tags as chips in every text column
        for column in (COL_SOURCE, COL_MT, COL_CORRECTION):
            self.table.setItemDelegateForColumn(column, DiffDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # fixed heights of three whole lines: sizing rows to their contents does not scale
        vertical.setDefaultSectionSize(self.fontMetrics().lineSpacing() * 3 + 2)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (COL_SOURCE, COL_MT, COL_CORRECTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_INDEX, 44)
        header.resizeSection(COL_HTER, 60)
        header.resizeSection(COL_STATUS, 108)  # room for a tag warning's icon

        self.editor = EditorPane()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)

        self.history = HistoryPanel()
        dock = QDockWidget("History", self)
        dock.setObjectName("historyDock")
        dock.setWidget(self.history)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.history_dock = dock
        self.timeline = TimelinePanel()
        timeline_dock = QDockWidget("Timeline", self)
        timeline_dock.setObjectName("timelineDock")
        timeline_dock.setWidget(self.timeline)
        timeline_dock.setFeatures(dock.features())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, timeline_dock)
        self.tabifyDockWidget(dock, timeline_dock)
        dock.raise_()
        self.timeline_dock = timeline_dock
        self.resizeDocks([dock], [520], Qt.Orientation.Horizontal)

        self.scores_label = QLabel()
        self.scores_label.setObjectName("documentScores")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.statusBar().addPermanentWidget(self.scores_label)
        self.statusBar().addPermanentWidget(self.progress_label)

        self._build_actions(dock, timeline_dock)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.model.correctionEdited.connect(self._on_model_correction_edited)
        self.editor.textEdited.connect(self._on_editor_text_edited)
        self.editor.confirmRequested.connect(self.confirm_current)
        self.editor.correction_edit.undoRequested.connect(self.undo_stack.undo)
        self.editor.correction_edit.redoRequested.connect(self.undo_stack.redo)
        self.history.restoreRequested.connect(self._on_history_restore_requested)
        self.history.compareRequested.connect(self._on_history_compare_requested)
        self.timeline.segmentActivated.connect(self._on_timeline_segment_activated)
        self.scorer.scored.connect(self._on_scorer_scored)
        self.scorer.failed.connect(self._on_scorer_failed)
        self.scorer.late_scored.connect(self._on_scorer_late_scored)
        self.resize(1360, 820)
        self._show_session()

    # -- building ------------------------------------------------------------------------

    def _action(self, menu_name: str, text: str, slot: object,
                shortcuts: list[QKeySequence | QKeySequence.StandardKey | str] | None = None,
                ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self._menus[menu_name].addAction(action)
        return action

    def _build_actions(self, dock: QDockWidget, timeline_dock: QDockWidget) -> None:
        bar = self.menuBar()
        self._menus = {name: bar.addMenu(name) for name in
                       ("&File", "&Edit", "&Segment", "V&ersions", "&View", "&Help")}
        self._action("&File", "&New from file(s)…", self.new_project,
                     [QKeySequence.StandardKey.New])
        self._action("&File", "&Open…", self.open_project_dialog,
                     [QKeySequence.StandardKey.Open])
        self._action("&File", "&Export…", self.export_dialog, ["Ctrl+E"])
        self._action("&File", "&Backup copy…", self.backup_dialog)
        self._menus["&File"].addSeparator()
        self._action("&File", "&Quit", self.close, [QKeySequence.StandardKey.Quit])

        undo = self.undo_stack.action(self, undo=True)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)  # the editor keeps Ctrl+Z for typing
        redo = self.undo_stack.action(self, undo=False)
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self._menus["&Edit"].addAction(undo)
        self._menus["&Edit"].addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self._menus["&Edit"].addSeparator()
        self._action("&Edit", "Find and &replace…", self.replace_dialog,
                     [QKeySequence.StandardKey.Replace, "Ctrl+H"])
        self.insert_tag_action = self._action("&Edit", "Insert next missing &tag",
                                              self.insert_next_tag, ["F8", "Ctrl+,"])
        self._menus["&Edit"].addSeparator()
        self._action("&Edit", "Your &name…", self.ask_author)
        self._action("&Edit", "&Pause limit for editing time…", self.ask_pause_limit)
        self._action("V&ersions", "&Label this version…", self.label_version_dialog,
                     ["Ctrl+L"])
        self._action("V&ersions", "&Compare versions…", self.compare_versions_dialog)
        self._action("V&ersions", "&Export a version…", self.export_version_dialog)

        self.confirm_action = self._action("&Segment", "&Confirm and next", self.confirm_current,
                                           ["Ctrl+Return", "Ctrl+Enter"])
        self.confirm_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._action("&Segment", "&Next segment", lambda: self._move(1), ["Alt+Down"])
        self._action("&Segment", "&Previous segment", lambda: self._move(-1), ["Alt+Up"])
        self._action("&Segment", "Next &unconfirmed", self._go_to_first_unconfirmed, ["Ctrl+U"])
        self._action("&Segment", "&Go to segment…", self.go_to_segment_dialog, ["Ctrl+G"])
        self._action("&Segment", "&Edit correction", self.editor.focus_correction, ["F6"])
        self._menus["&View"].addAction(dock.toggleViewAction())
        self._menus["&View"].addAction(timeline_dock.toggleViewAction())
        self._action("&Help", "&About reviewer", self._about)

    # -- showing the project -------------------------------------------------------------

    def _show_session(self) -> None:
        read_only = self.session.read_only
        self.setWindowTitle(f"{self.session.path.name}{' [read-only]' if read_only else ''}"
                            " — reviewer")
        self.undo_stack.clear()
        self._tag_warned = None
        self._live.clear()
        self._late = {}
        self.scorer.forget_all_late()
        # an edit never waits for scores on this thread: long ones are computed by the
        # scorer's late worker and arrive in ``_on_scorer_late_scored``
        self.session.scoring_budget = 0.0
        self.history.model.tags_for = self.session.segment_tags
        self.timeline.model.tags_for = self.session.segment_tags
        self.model.reset(self.session.segments(), self.session.segment_tags,
                         self.session.segment_locked, self._tag_problem_messages)
        self._drafts = self.session.drafts()
        for position, draft in self._drafts.items():
            self.model.set_typing(position, draft.text, None)
        self.editor.set_read_only(read_only)
        self.editor.confirm_button.setEnabled(not read_only)
        self.confirm_action.setEnabled(not read_only)
        self.editor.pause_limit_ms = self.pause_limit_ms()
        self.timeline.show_history(self.session.history(), self.session.versions(),
                                   self.model.rowCount())
        self.table.setColumnHidden(COL_SOURCE, not self.session.has_source())
        self.scores_label.setToolTip("\n".join(
            f"{name}: {signature}" for name, signature in self.session.signatures().items()))
        self._show_summary(self.session.summary())
        if self.model.rowCount():
            self._select_row(self.model.first_unconfirmed())
        self._score_late()

    def _show_summary(self, summary: DocumentSummary) -> None:
        self.progress_label.setText(f"Confirmed {summary.confirmed} / {summary.segments} · "
                                    f"edited {summary.edited}")
        if summary.pending:  # never a number while some segment's scores are unknown
            count = summary.pending
            self.scores_label.setText(f"Document scores pending ({count} segment"
                                      f"{'s' if count != 1 else ''} still being scored)")
            self.scores_label.setToolTip("Some segments' TER takes long to compute; the "
                                         "document scores appear once they are ready.")
            return
        scores, details = summary.scores, summary.details
        text = (f"Document HTER {scores.hter:.2f} · BLEU {scores.bleu:.2f} · "
                f"chrF {scores.chrf:.2f}")
        tip = []
        if details is not None and details.complete:
            edits = details.edits
            text += f" · chars {details.char_distance:.1f}%"
            tip.append(f"TER edits: {edits.total} ({edits.insertions} insertions, "
                       f"{edits.deletions} deletions, {edits.substitutions} substitutions, "
                       f"{edits.shifts} shifts)")
            tip.append(f"Character edit distance: {details.char_distance:.2f}% of the longer "
                       "texts' characters")
        mt = None if details is None else details.mt_vs_reference
        corrected = None if details is None else details.correction_vs_reference
        if mt is not None and corrected is not None:
            text += f" · vs reference TER {mt.hter:.1f} → {corrected.hter:.1f}"
            tip.append(f"Against the reference, MT → correction: TER {mt.hter:.2f} → "
                       f"{corrected.hter:.2f}, BLEU {mt.bleu:.2f} → {corrected.bleu:.2f}, "
                       f"chrF {mt.chrf:.2f} → {corrected.chrf:.2f}")
        tip += [f"{name}: {signature}" for name, signature in self.session.signatures().items()]
        self.scores_label.setText(text)
        self.scores_label.setToolTip("\n".join(tip))

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, COL_CORRECTION)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.editor.focus_correction()

    def _tag_problem_messages(self, position: int, text: str) -> list[str]:
        return [problem.message for problem in self.session.tag_problems(position, text)]

    def _load_editor(self, row: int) -> None:
        segment = self.model.segment(row)
        self.editor.load(segment, self.model.current_text(row), self.session.has_source(),
                         self.model.tags(row), self.model.locked(row),
                         self.session.segment_context(row))
        self._editor_text = self.editor.text()
        draft = self._drafts.get(row)
        if draft is not None and draft.text == self.editor.text():
            self.editor.set_heading_note(f"unconfirmed draft of {local_time(draft.updated_at)} "
                                         "restored")
        live = self._live.get(row)
        if live and live[0] == self.editor.text():
            self.editor.show_scores(live[2], live=True, details=sentence_details(live[1]))
        else:
            self.editor.show_scores(segment, live=False,
                                    details=self.session.segment_details(row))
            if self.editor.text() != segment.text:
                self.scorer.request(row, segment.mt, self.editor.text(), segment.reference)
        self.history.show_revisions(row, self.session.history(row), segment.mt)

    def apply_result(self, result: EditResult) -> None:
        """Show what one edit changed: its row, the document numbers, the open segment."""
        segment = result.segment
        self.model.replace_segment(segment)
        self._drafts.pop(segment.position, None)
        self._show_summary(result.summary)
        if result.revision is not None:
            self.timeline.add_revision(result.revision)
            if result.revision.pending:
                self._score_late()
        if self.editor.position == segment.position:
            if self.editor.text() != segment.text:
                self._load_editor(segment.position)
            else:
                self._editor_text = segment.text
                self.editor.show_heading(segment)
                self.editor.show_scores(segment, live=False,
                                        details=self.session.segment_details(segment.position))
                self.history.show_revisions(segment.position,
                                            self.session.history(segment.position), segment.mt)

    # -- editing -------------------------------------------------------------------------

    def author(self) -> str:
        """Who signs revisions: the settings' author, else the login name."""
        name = self.settings.value("author", "")
        return str(name) if name else default_author()

    def _push_edit(self, position: int, text: str, status: str, label: str,
                   effort: Effort | None = None) -> bool:
        if self.session.read_only:
            return False
        live = self._live.get(position)
        scored = (live[1], live[2]) if live and live[0] == text else None
        try:  # save first, then push a step that is already done: a failed save pushes none
            step = EditSegmentCommand.save(self.session, self.apply_result, position, text,
                                           status, self.author(), label, effort, scored)
        except SAVE_ERRORS as error:
            self.interaction.error("Could not save", f"Segment {position + 1} was not saved: "
                                   f"{error}. Your text is still in the editor; try again once "
                                   "the problem is fixed.")
            return False
        if step.changed:
            self.undo_stack.push(step)  # its first redo only shows the saved edit
        elif step.result is not None:
            self.apply_result(step.result)
        return True

    def _on_undo_stack_failed(self, title: str, message: str) -> None:
        self.interaction.error(title, message)

    def confirm_current(self) -> None:
        """Save the open segment as confirmed and move to the next one.

        Tags the source has and the correction lacks (or breaks) are shown at once; the
        segment is saved anyway, and the editor stays on it until confirmed again.
        """
        position = self.editor.position
        if position < 0:
            return
        text = self.editor.text()
        problems = [] if self.editor.locked else self._tag_problem_messages(position, text)
        if not self.editor.locked and not self._push_edit(
                position, text, STATUS_CONFIRMED, f"Confirm segment {position + 1}",
                self.editor.effort()):
            return
        self.editor.show_tag_problems(problems)
        if problems and self._tag_warned != (position, text):
            self._tag_warned = (position, text)
            self.statusBar().showMessage(f"Segment {position + 1} was saved with tag problems; "
                                         "Ctrl+Enter again moves on.", 8000)
            return
        self._tag_warned = None
        if position + 1 < self.model.rowCount():
            self._select_row(position + 1)
        else:
            self.editor.focus_correction()
            self.statusBar().showMessage("Last segment confirmed.", 4000)

    def save_pending(self) -> None:
        """Keep typed but unconfirmed text of the open segment as an unconfirmed revision."""
        position = self.editor.position
        if position < 0 or position >= self.model.rowCount() or self._replaying:
            return
        if self.editor.text() != self.model.segment(position).text:
            self._push_edit(position, self.editor.text(), STATUS_EDITED,
                            f"Edit segment {position + 1}", self.editor.effort())

    def insert_next_tag(self) -> None:
        """Insert the next source tag the correction lacks at the cursor (F8, Ctrl+,)."""
        if not self.editor.correction_edit.hasFocus():
            self.editor.correction_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.editor.position < 0 or self.editor.insert_next_tag():
            return
        if self.editor.correction_edit.isReadOnly():
            self.statusBar().showMessage("This segment cannot be edited.", 4000)
        else:
            self.statusBar().showMessage("No source tag is missing from the correction.", 4000)

    def _move(self, step: int) -> None:
        row = self.editor.position + step
        if 0 <= row < self.model.rowCount():
            self._select_row(row)

    def _go_to_first_unconfirmed(self) -> None:
        self._select_row(self.model.first_unconfirmed())

    def go_to_segment_dialog(self) -> None:
        """Ask for a segment number and show that segment (the table loads rows lazily)."""
        count = self.model.rowCount()
        if count == 0:
            return
        number = self.interaction.ask_integer("Go to segment", f"Segment (1 to {count}):",
                                              max(1, self.editor.position + 1), 1, count)
        if number is not None:
            self._select_row(number - 1)

    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and previous.row() == self.editor.position:
            self.save_pending()
        if current.isValid():
            self._load_editor(current.row())

    def _on_model_correction_edited(self, position: int, text: str) -> None:
        self._push_edit(position, text, STATUS_EDITED, f"Edit segment {position + 1}")

    def _on_editor_text_edited(self, position: int, text: str) -> None:
        before, self._editor_text = self._editor_text, text
        if not self._replaying and not self.session.read_only:
            self.undo_stack.push(TypingCommand(self._set_text_from_undo, position, before, text))
        if not self._draft_timer.isActive():
            self._draft_timer.start()
        live = self._live.get(position)
        known = live[2] if live and live[0] == text else None
        self.model.set_typing(position, text, known)
        if known is None:
            self.editor.show_scoring()
            segment = self.model.segment(position)
            self.scorer.request(position, segment.mt, text, segment.reference)

    def _on_scorer_scored(self, position: int, text: str, stats: SegmentStats,
                          scores: Scores) -> None:
        self._live[position] = (text, stats, scores)
        for revision_id, late in list(self._late.items()):
            if late == (position, text):  # typed, confirmed, then scored: no need to wait
                self._on_scorer_late_scored(revision_id, text, stats, scores)
        if position < self.model.rowCount() and self.model.current_text(position) == text:
            self.model.set_typing(position, text, scores)
        if position == self.editor.position and self.editor.text() == text:
            self.editor.show_scores(scores, live=True, details=sentence_details(stats))

    def _score_late(self) -> None:
        """Have the scorer compute every revision saved with its scores pending."""
        if self.session.read_only:
            return
        try:
            waiting = self.session.pending_revisions()
        except ReviewerError as error:
            self.statusBar().showMessage(f"Pending scores not computed: {error}", 8000)
            return
        for item in waiting:
            if item.id not in self._late:
                self._late[item.id] = (item.position, item.text)
                self.scorer.score_late(item.id, item.mt, item.text, item.reference,
                                       item.mt_reference)

    def _on_scorer_late_scored(self, revision_id: int, text: str, stats: SegmentStats,
                               scores: Scores) -> None:
        """Scores of a revision saved with them pending: store them and show them."""
        late = self._late.pop(revision_id, None)
        self.scorer.forget_late(revision_id)
        if late is None:
            return
        position = late[0]
        try:
            self.session.add_late_stats(revision_id, text, stats, scores)
            segment = self.session.segment(position)
            summary = self.session.summary()
        except SAVE_ERRORS as error:  # still pending: computed again on the next opening
            self.statusBar().showMessage(f"Scores of segment {position + 1} not saved: {error}",
                                         8000)
            return
        self.model.update_scores(segment)
        self._show_summary(summary)
        revisions = self.session.history(position)
        for revision in revisions:
            if revision.id == revision_id:
                self.timeline.replace_revision(revision)
        if self.editor.position == position:
            if self.editor.text() == segment.text:
                self.editor.show_scores(segment, live=False,
                                        details=self.session.segment_details(position))
            self.history.show_revisions(position, revisions, segment.mt)

    def _set_text_from_undo(self, position: int, text: str) -> None:
        """Undo or redo of typing: show that segment with that text."""
        self._replaying = True
        try:
            if self.editor.position != position:
                self._select_row(position)
            self.editor.replace_text(text)
            self._editor_text = text
        finally:
            self._replaying = False

    def _on_draft_timer_timeout(self) -> None:
        self.save_draft()

    def save_draft(self) -> None:
        """Keep the open segment's unconfirmed typing in the project (crash insurance)."""
        position = self.editor.position
        if position < 0 or self.session.read_only:
            return
        try:
            self.session.save_draft(position, self.editor.text(), self.author(),
                                    self.editor.editing_ms())
        except ReviewerError as error:
            self.statusBar().showMessage(f"Draft not saved: {error}", 8000)

    def _on_scorer_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_history_restore_requested(self, number: int) -> None:
        position = self.editor.position
        if position < 0:
            return
        old = self.session.history(position)[number - 1]
        self._push_edit(position, old.text, STATUS_CONFIRMED,
                        f"Restore revision {number} of segment {position + 1}")
        self.editor.focus_correction()

    def replace_all(self, find: str, replacement: str, regex: bool = False,
                    match_case: bool = True) -> int:
        """Replace in every segment's text as one undoable step; returns segments changed."""
        if self.session.read_only:
            return 0
        self.save_pending()
        try:
            changes = self.session.replacements(find, replacement, regex, match_case)
        except ReviewerError as error:
            self.interaction.error("Replace all", str(error))
            return 0
        if not changes:
            self.statusBar().showMessage(f"No segment contains {find!r}.", 6000)
            return 0
        matches = sum(count for *_, count in changes)
        steps: list[EditSegmentCommand] = []
        for position, _old, new, _count in changes:  # each saved before the step is pushed
            status = self.model.segment(position).status
            try:
                step = EditSegmentCommand.save(
                    self.session, self.apply_result, position, new,
                    status if status in (STATUS_CONFIRMED, "imported") else STATUS_EDITED,
                    self.author(), f"Replace in segment {position + 1}")
            except SAVE_ERRORS as error:
                self.interaction.error("Replace all", f"Segment {position + 1} could not be "
                                       f"saved: {error}; {len(steps)} of {len(changes)} "
                                       "segments were replaced (Ctrl+Z undoes them).")
                break
            if step.changed:
                steps.append(step)
        if steps:
            self.undo_stack.push(CompoundCommand(
                f"Replace all {find!r} ({matches} in {len(changes)} segments)", steps))
            self.statusBar().showMessage(
                f"Replaced {matches} occurrence(s) in {len(steps)} segment(s).", 6000)
        return len(steps)

    def replace_dialog(self) -> None:
        """Open the find-and-replace window."""
        from reviewer.ui.replace_dialog import ReplaceDialog

        existing = [d for d in self._dialogs if isinstance(d, ReplaceDialog) and d.isVisible()]
        if existing:
            existing[0].raise_()
            existing[0].activateWindow()
            return
        self._show_dialog(ReplaceDialog(self.replace_all, self))

    def _on_history_compare_requested(self, old: RevisionRecord, new: RevisionRecord) -> None:
        self._show_dialog(RevisionCompareDialog(old, new, self,
                                                self.session.segment_tags(old.position)))

    def _on_timeline_segment_activated(self, position: int) -> None:
        if 0 <= position < self.model.rowCount():
            self._select_row(position)

    def _show_dialog(self, dialog: QWidget) -> None:
        """Show a non-modal window and keep it alive until it closes."""
        self._dialogs = [d for d in self._dialogs if d.isVisible()]
        self._dialogs.append(dialog)
        dialog.show()

    # -- versions and settings -----------------------------------------------------------

    def label_version(self, label: str) -> bool:
        """Label the document as it is now; False (and a message) if the label is taken."""
        self.save_pending()
        try:
            version = self.session.add_version(label, self.author())
        except ReviewerError as error:
            self.interaction.error("Cannot label this version", str(error))
            return False
        self.timeline.set_versions(self.session.versions())
        self.statusBar().showMessage(f"Labelled this version {version.label!r}", 6000)
        return True

    def label_version_dialog(self) -> None:
        """Ask for a label, then label the document."""
        label = self.interaction.ask_text("Label this version",
                                          "Label (e.g. sent to client, v2):")
        if label:
            self.label_version(label)

    def _version_labels(self) -> list[str]:
        return [v.label for v in self.session.versions()] + [CURRENT]

    def compare_versions_dialog(self) -> VersionCompareDialog | None:
        """Open a window comparing two versions (or a version and the current text)."""
        self.save_pending()
        labels = self._version_labels()
        if len(labels) < 2:
            self.interaction.information("Compare versions", "Label a version first "
                                         "(Versions → Label this version…).")
            return None
        dialog = VersionCompareDialog(labels, self.session.compare_versions, self,
                                      self.session.segment_tags)
        self._show_dialog(dialog)
        return dialog

    def export_version_dialog(self) -> None:
        """Choose a labelled version and export it exactly as it was."""
        labels = [v.label for v in self.session.versions()]
        if not labels:
            self.interaction.information("Export a version", "No version is labelled yet.")
            return
        label = self.interaction.choose_item("Export a version", "Version:", labels)
        if label is None:
            return
        self._ask_and_export("Export version", f"{self.session.path.stem}-{label}", label)

    def backup_dialog(self) -> None:
        """Write a consistent copy of the project where the user says."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        suggestion = self.session.path.with_name(f"{self.session.path.stem}-{stamp}.review")
        path = self.interaction.save_file("Backup copy", PROJECT_FILTER, str(suggestion))
        if path is None:
            return
        try:
            self.session.backup(path)
        except ReviewerError as error:
            self.interaction.error("Backup failed", str(error))
            return
        self.statusBar().showMessage(f"Backed up to {path}", 6000)

    def ask_author(self) -> None:
        """Ask the name that signs revisions."""
        name = self.interaction.ask_text("Your name", "Name that signs your revisions:",
                                         self.author())
        if name and name.strip():
            self.settings.setValue("author", name.strip())

    def pause_limit_ms(self) -> int:
        """Pauses longer than this do not count as editing time."""
        try:
            return max(1000, int(str(self.settings.value("pause_limit_s", 30))) * 1000)
        except (TypeError, ValueError):
            return 30_000

    def ask_pause_limit(self) -> None:
        """Ask how long a pause may be before it stops counting as editing time."""
        seconds = self.interaction.ask_integer(
            "Pause limit", "Pauses longer than this many seconds are not editing time:",
            self.pause_limit_ms() // 1000, 1, 3600)
        if seconds is not None:
            self.settings.setValue("pause_limit_s", seconds)
            self.editor.pause_limit_ms = seconds * 1000

    # -- files ---------------------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        """Replace the open project by the one at ``path``; False (and a message) on failure."""
        if Path(path).resolve() == self.session.path.resolve():
            return True
        session = open_or_ask_read_only(path, self.interaction)
        if session is None:
            return False
        self.save_pending()
        self.session.close()
        self.session = session
        self.editor._position = -1
        self._show_session()
        return True

    def open_project_dialog(self) -> None:
        """Ask for a project file and open it."""
        path = self.interaction.open_file("Open project", PROJECT_FILTER,
                                          str(self.session.path.parent))
        if path is not None:
            self.open_project(path)

    def export_dialog(self) -> None:
        """Ask where to export the corrected document, then write it."""
        self.save_pending()
        self._ask_and_export("Export", f"{self.session.path.stem}-corrected")

    def _export_formats(self) -> list[tuple[str, str, str]]:
        """(name, label, extension) the project can produce, its own format first."""
        own = self.session.properties().get("format", "")
        formats = self.session.export_formats()
        return sorted(formats, key=lambda item: item[0] != own)

    def _ask_and_export(self, title: str, stem: str, version: str | None = None) -> None:
        """Offer only the formats the project can produce; the name's extension is the
        first one's (Qt's dialog changes it with the type chosen)."""
        formats = self._export_formats()
        file_filter = ";;".join(f"{label} (*{extension})" for _name, label, extension
                                in formats)
        suggestion = self.session.path.with_name(stem + (formats[0][2] if formats else ""))
        path = self.interaction.save_file(title, file_filter, str(suggestion))
        if path is not None:
            self.export_to(path, version)

    def export_to(self, path: Path, version: str | None = None) -> bool:
        """Write the export (of a version, if named); the format follows the extension."""
        by_extension = {extension: name for name, _label, extension in self._export_formats()}
        try:
            chosen = self.session.export(path, by_extension.get(Path(path).suffix.lower()),
                                         version=version)
        except ReviewerError as error:
            self.interaction.error("Export failed", str(error))
            return False
        self.statusBar().showMessage(f"Exported {path} ({chosen})", 6000)
        return True

    def new_project(self) -> None:
        """Ask for files, import them in the background with progress, then open the result."""
        request = self.interaction.new_project_request(self)
        if isinstance(request, NewProjectRequest):
            self.create_project(request)

    def create_project(self, request: NewProjectRequest) -> None:
        """Import ``request``'s files into a new project off the GUI thread."""
        from reviewer.formats.readers import import_document

        def job(progress: object) -> Path:
            document = import_document(request.mt, request.source, request.reference,
                                       request.corrections, request.segmentation,
                                       request.encoding, request.file_format, request.langs)
            ReviewSession.create(request.project, document, progress).close()  # type: ignore[arg-type]
            return request.project

        dialog = QProgressDialog("Importing and scoring segments…", "Cancel", 0, 0, self)
        dialog.setWindowTitle("New project")
        dialog.setMinimumDuration(400)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        task = Task(job, self)
        # bound methods of this window: Qt queues the worker's signals to the GUI thread
        task.progressed.connect(self._on_task_progressed)
        task.succeeded.connect(self._on_task_succeeded)
        task.failed.connect(self._on_task_failed)
        dialog.canceled.connect(task.cancel)
        self._progress_dialog = dialog
        self._task = task
        task.start()

    def _on_task_progressed(self, done: int, total: int) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.setMaximum(total)
            self._progress_dialog.setValue(done)

    def _finish_task(self) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.reset()
            self._progress_dialog.deleteLater()
            self._progress_dialog = None
        if self._task is not None:
            self._task.wait()
            self._task.deleteLater()
            self._task = None

    def _on_task_succeeded(self, path: object) -> None:
        self._finish_task()
        self.open_project(Path(str(path)))

    def _on_task_failed(self, message: str) -> None:
        self._finish_task()
        if message:
            self.interaction.error("Cannot create project", message)

    def _about(self) -> None:
        from reviewer import __version__

        self.interaction.information(
            "About reviewer",
            f"reviewer {__version__}\nPost-edit machine translation segment by segment; every "
            "confirmed edit is scored (HTER, BLEU, chrF with sacrebleu) and kept as a revision.")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._draft_timer.stop()
        self.save_pending()
        self.scorer.shutdown()
        if self._task is not None and self._task.isRunning():
            self._task.cancel()
            self._task.wait(5000)
        self.session.close()
        super().closeEvent(event)

