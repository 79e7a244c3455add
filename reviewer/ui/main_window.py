"""The main window: a frame that lays out the segments, the editor pane and the history
docks, and composes the parts that act on them, each with one job."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from reviewer.session import DocumentSummary, EditResult, ReviewSession
from reviewer.store.project import RevisionRecord
from reviewer.ui.actions import ActionSpec, ActionTable
from reviewer.ui.annotation_actions import AnnotationActions
from reviewer.ui.batch_edits import BatchEdits
from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.commands import SavingUndoStack
from reviewer.ui.compare_dialogs import RevisionCompareDialog
from reviewer.ui.editing import EditingController
from reviewer.ui.editor_pane import EditorPane
from reviewer.ui.editor_zoom import EditorZoom
from reviewer.ui.filter_actions import add_filter_actions
from reviewer.ui.first_start_tip import FirstStartTip
from reviewer.ui.glossary_actions import GlossaryActions
from reviewer.ui.history_panel import HistoryPanel
from reviewer.ui.interaction import Interaction
from reviewer.ui.late_scores import LateScores
from reviewer.ui.live_scorer import LiveScorer
from reviewer.ui.match_actions import MatchActions
from reviewer.ui.mine_filter import MineFilter
from reviewer.ui.navigation import Navigation
from reviewer.ui.new_project_dialog import NewProjectRequest
from reviewer.ui.preference_actions import PreferenceActions
from reviewer.ui.project_actions import PROJECT_FILTER, ProjectActions, open_or_ask_read_only
from reviewer.ui.qa_actions import QaActions
from reviewer.ui.read_only_mode import ReadOnlyMode
from reviewer.ui.recent_projects import RecentProjects
from reviewer.ui.repetition_actions import RepetitionActions
from reviewer.ui.report_actions import ReportActions
from reviewer.ui.review_mode import ReviewMode
from reviewer.ui.segment_model import COL_SOURCE, SegmentTableModel
from reviewer.ui.segment_table import SegmentTableView
from reviewer.ui.settings import Settings
from reviewer.ui.split_merge import SplitMergeActions
from reviewer.ui.status_summary import StatusSummary
from reviewer.ui.suggestion_actions import SuggestionActions
from reviewer.ui.table_filters import TableFilters
from reviewer.ui.task_progress import TaskRunner
from reviewer.ui.team_window import TeamWindow
from reviewer.ui.theme_actions import ThemeActions
from reviewer.ui.timeline_panel import TimelinePanel
from reviewer.ui.version_actions import VersionActions
from reviewer.ui.view_actions import add_view_actions
from reviewer.ui.window_state import WindowState

__all__ = ["PROJECT_FILTER", "MainWindow", "open_or_ask_read_only"]


class MainWindow(QMainWindow):
    """One project at a time; every change goes through the session as an undoable step.

    What other parts use: ``session``, ``model`` (the segments), ``table`` (their view),
    ``editor`` (the pane), ``undo_stack``, ``action_table`` (add actions with keys),
    ``interaction`` (every question and message), ``settings``, ``select_row``.
    """

    def __init__(self, session: ReviewSession, interaction: Interaction | None = None,
                 scorer: LiveScorer | None = None,
                 settings: Settings | QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.interaction = interaction or Interaction(self)
        self.settings = settings if isinstance(settings, Settings) else Settings(settings)
        self.scorer = scorer or LiveScorer(self)
        self.undo_stack = SavingUndoStack(self)
        self.undo_stack.failed.connect(self._on_undo_stack_failed)
        self.session = session
        self.model = SegmentTableModel([], self)
        self.table = SegmentTableView(self.model)
        self.editor = EditorPane()
        self.editor.comments_panel.bind(lambda: self.session, self.author, self.model)
        # filters, sorting and find between the table and the model (rows map both ways)
        self.filters = TableFilters(self.table, self.model, self.editor,
                                    lambda: self.editing.save_pending(), self)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.filters.panel)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.tip = FirstStartTip(self.settings)  # the few keys that matter, on a first start
        self.setCentralWidget(self.tip.wrap(splitter))
        self.history = HistoryPanel()
        self.history_dock = self._dock("History", "historyDock", self.history)
        self.timeline = TimelinePanel()
        self.timeline_dock = self._dock("Timeline", "timelineDock", self.timeline)
        self.tabifyDockWidget(self.history_dock, self.timeline_dock)
        self.history_dock.raise_()
        self.status = StatusSummary(self.statusBar())
        self.scores_label, self.progress_label = self.status.scores_label, \
            self.status.progress_label

        self.tasks = TaskRunner(self)
        self.late_scores = LateScores(self)
        self.editing = EditingController(self)
        self.batches = BatchEdits(self)
        self.navigation = Navigation(self)
        self.project_actions = ProjectActions(self)
        self.version_actions = VersionActions(self)
        self.split_merge = SplitMergeActions(self)
        self.preferences = PreferenceActions(self)
        self._dialogs: list[QWidget] = []  # non-modal windows kept alive
        self.action_table = ActionTable(self, self.settings)
        self._add_actions()
        add_filter_actions(self.action_table, self.filters)
        add_view_actions(self)  # the history list and sorting from the keyboard
        self.qa = QaActions(self)  # row icons, the live QA line, Check document, QA checks…
        self.report_actions = ReportActions(self)  # File → Export report…
        self.annotations = AnnotationActions(self)  # MQM: F7, the marks, the list, the score
        self.suggestions = SuggestionActions(self)  # learned fixes: marks, Ctrl+. and more
        self.repetitions = RepetitionActions(self)  # after a confirm: propagate (Ctrl+Shift+P)
        self.glossary = GlossaryActions(self)  # terms marked, Ctrl+Shift+G, Tools → Glossary…
        self.memory = MatchActions(self)  # the Translation memory pane, Ctrl+1…3, Ctrl+K
        self.mine = MineFilter(self)  # the filter bar's Mine: segments assigned to me
        self.team = TeamWindow(self)  # a server project: others' confirms, locks, offline
        self.tip.use_actions(self.action_table)  # worded with every action's keys
        self.table.enterPressed.connect(self.editor.focus_correction)
        self.editor.correction_edit.lineBreakRefused.connect(self._on_line_break_refused)
        # Tab from the correction goes to the table, never to a button (Space would press it)
        QWidget.setTabOrder(self.editor.correction_edit, self.table)
        self.history.compareRequested.connect(self._on_history_compare_requested)
        self.timeline.segmentActivated.connect(self._on_timeline_segment_activated)
        self.read_only_mode = ReadOnlyMode(self)
        self.review_mode = ReviewMode(self)  # View → Reviewer mode (review_mode.py)
        self.window_state = WindowState(self, splitter, self.table, self.settings)
        self.window_state.restore()  # size, docks, split and column widths as left
        self.show_session()

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _add_actions(self) -> None:
        """Every action of ``actions.SPECS`` with the part that does it."""
        files, versions, editing = self.project_actions, self.version_actions, self.editing
        go = self.navigation
        self.undo_action = self.undo_stack.action(self, undo=True)
        self.redo_action = self.undo_stack.action(self, undo=False)
        slots = {
            "file.new": files.new_project, "file.open": files.open_project_dialog,
            "file.export": files.export_dialog, "file.backup": files.backup_dialog,
            "file.quit": self.close,
            "edit.replace": self.replace_dialog, "edit.insert_tag": editing.insert_next_tag,
            "edit.copy_source": lambda: editing.copy_into_correction("source"),
            "edit.copy_mt": lambda: editing.copy_into_correction("MT"),
            "edit.author": self.preferences.ask_author,
            "edit.pause_limit": self.preferences.ask_pause_limit,
            "segment.confirm": editing.confirm_current,
            "segment.next": lambda: go.move(1), "segment.previous": lambda: go.move(-1),
            "segment.next_unconfirmed": go.next_unconfirmed,
            "segment.go_to": go.go_to_segment_dialog,
            "segment.edit": self.editor.focus_correction, "segment.table": go.focus_table,
            "versions.label": versions.label_version_dialog,
            "versions.compare": versions.compare_versions_dialog,
            "versions.export": versions.export_version_dialog,
            "help.shortcuts": self.shortcuts_dialog, "help.about": self._about,
        }
        self.action_table.add_all(slots, {"edit.undo": self.undo_action,
                                          "edit.redo": self.redo_action})
        self.split_merge.add_actions(self.action_table)
        self.action_table.add(ActionSpec("segment.comment", "&Segment", "Add c&omment",
                                         ("Ctrl+M",)), self.editor.comments_panel.add_comment)
        self.confirm_action: QAction = self.action_table.action("segment.confirm")
        self.insert_tag_action: QAction = self.action_table.action("edit.insert_tag")
        view = self.action_table.menus["&View"]
        view.addAction(self.history_dock.toggleViewAction())
        view.addAction(self.timeline_dock.toggleViewAction())
        self.theme_actions = ThemeActions(self, view)
        self.zoom = EditorZoom((self.editor.source_view, self.editor.mt_view,
                                self.editor.correction_edit), self.settings)
        self.zoom.add_actions(self.action_table)
        self.recent = RecentProjects(self.settings, self.open_project, self)
        self.action_table.menus["&File"].insertMenu(self.action_table.action("file.export"),
                                                    self.recent.menu)

    # -- showing the project -------------------------------------------------------------

    def show_session(self) -> None:
        """Show ``session``: its segments, drafts, history and scores; no undo steps."""
        session = self.session
        read_only = session.read_only
        gc.unfreeze()  # the last project's objects may be collected again
        self.recent.add(self.team.shown_name(session))
        self.undo_stack.clear()
        self.late_scores.reset()
        # an edit never waits for scores on this thread: long ones are computed by the
        # scorer's late worker and stored by ``late_scores``
        session.scoring_budget = 0.0
        self.history.model.tags_for = session.segment_tags
        self.timeline.model.tags_for = session.segment_tags
        self.editor.correction_edit.spelling.use_session(session)
        self.editor._position = -1
        self.filters.reset()  # filters are not carried to another project
        self.model.reset(self.team.pages(session), session.segment_tags, session.segment_locked,
                         self.tag_problem_messages)
        self.editing.reset()
        self.read_only_mode.apply(read_only)  # says so; nothing takes typing
        self.review_mode.update_actions()  # Accept and Reject need a writable project
        self.editor.pause_limit_ms = self.settings.pause_limit_ms()
        self.timeline.reset_filters()  # another project's authors, versions and days
        self.timeline.show_history(session.history(), session.versions(),
                                   self.model.rowCount())
        self.table.setColumnHidden(COL_SOURCE, not session.has_source())
        self.show_summary(session.summary())
        if self.model.rowCount():
            self.select_row(self.model.first_unconfirmed())
        self.late_scores.score_pending()
        # the project's records stay for as long as it is open: Python's full collections
        # leave them out, so none of them (on any thread) holds the GUI thread up for long
        gc.freeze()

    def show_summary(self, summary: DocumentSummary) -> None:
        """Show document scores and progress in the status bar."""
        self.status.show(summary, self.session.signatures())

    def select_row(self, row: int) -> None:
        """Open segment ``row`` in the editor, cursor in the correction."""
        self.filters.select(row)
        self.editor.focus_correction()

    def tag_problem_messages(self, position: int, text: str) -> list[str]:
        """What is wrong with the tags of ``text`` in segment ``position``."""
        return [problem.message for problem in self.session.tag_problems(position, text)]

    def author(self) -> str:
        """Who signs revisions: the settings' author, else the login name."""
        return self.settings.author()

    @property
    def busy(self) -> bool:
        """Whether a long job (replace all, its undo, an import) is running."""
        return self.tasks.busy

    # -- what tests and scripts call (the parts do the work) -----------------------------

    def confirm_current(self) -> None:
        """Save the open segment as confirmed and move to the next one."""
        self.editing.confirm_current()

    def save_pending(self) -> None:
        """Keep the open segment's typing as an unconfirmed revision."""
        self.editing.save_pending()

    def save_draft(self) -> None:
        """Keep the open segment's typing as a draft."""
        self.editing.save_draft()

    def apply_result(self, result: EditResult) -> None:
        """Show what one edit changed."""
        self.editing.apply_result(result)

    def replace_all(self, find: str, replacement: str, regex: bool = False,
                    match_case: bool = True, whole_word: bool = False) -> bool:
        """Start replacing in every segment (one undoable step, in the background)."""
        return self.batches.replace_all(find, replacement, regex, match_case, whole_word)

    def replace_dialog(self) -> None:
        """Open the find-and-replace window."""
        from reviewer.ui.replace_dialog import ReplaceDialog

        self._show_single(ReplaceDialog, lambda: ReplaceDialog(self.batches, self,
                                                               self.session.segment_tags))

    def shortcuts_dialog(self) -> None:
        """Help → Keyboard shortcuts: every action's keys, changeable."""
        from reviewer.ui.shortcuts_dialog import ShortcutsDialog

        self._show_single(ShortcutsDialog, lambda: ShortcutsDialog(self.action_table, self))

    def export_dialog(self) -> None:
        """File → Export."""
        self.project_actions.export_dialog()

    def export_to(self, path: Path, version: str | None = None) -> bool:
        """Export to ``path`` (a version, if named)."""
        return self.project_actions.export_to(path, version)

    def open_project(self, path: Path | str) -> bool:
        """Show the project at ``path`` instead."""
        return self.project_actions.open_project(path)

    def create_project(self, request: NewProjectRequest) -> None:
        """Import files into a new project in the background, then open it."""
        self.project_actions.create_project(request)

    def label_version(self, label: str) -> bool:
        """Label the document as it is now."""
        return self.version_actions.label_version(label)

    def new_project(self) -> None:
        """File → New from file(s)."""
        self.project_actions.new_project()

    def open_project_dialog(self) -> None:
        """File → Open."""
        self.project_actions.open_project_dialog()

    def backup_dialog(self) -> None:
        """File → Backup copy."""
        self.project_actions.backup_dialog()

    def label_version_dialog(self) -> None:
        """Versions → Label this version."""
        self.version_actions.label_version_dialog()

    def compare_versions_dialog(self) -> QWidget | None:
        """Versions → Compare versions."""
        return self.version_actions.compare_versions_dialog()

    def export_version_dialog(self) -> None:
        """Versions → Export a version."""
        self.version_actions.export_version_dialog()

    def go_to_segment_dialog(self) -> None:
        """Segment → Go to segment."""
        self.navigation.go_to_segment_dialog()

    def insert_next_tag(self) -> None:
        """Edit → Insert next missing tag."""
        self.editing.insert_next_tag()

    def _select_row(self, row: int) -> None:
        self.select_row(row)

    def _move(self, step: int) -> None:
        self.navigation.move(step)

    # -- windows -------------------------------------------------------------------------

    def show_dialog(self, dialog: QWidget) -> None:
        """Show a non-modal window and keep it alive until it closes."""
        self._dialogs = [d for d in self._dialogs if d.isVisible()]
        self._dialogs.append(dialog)
        dialog.show()
        bring_forward(dialog)  # in front with the keyboard in it, whatever the window manager

    def _show_single(self, kind: type, make: object) -> None:
        existing = [d for d in self._dialogs if isinstance(d, kind) and d.isVisible()]
        if existing:
            bring_forward(existing[0])
            return
        assert callable(make)
        self.show_dialog(make())

    def _on_history_compare_requested(self, old: RevisionRecord, new: RevisionRecord) -> None:
        self.show_dialog(RevisionCompareDialog(old, new, self,
                                               self.session.segment_tags(old.position)))

    def _on_timeline_segment_activated(self, position: int) -> None:
        if 0 <= position < self.model.rowCount():
            self.select_row(position)

    def _on_line_break_refused(self) -> None:
        texts = "Its source and MT are" if self.session.has_source() else "Its MT is"
        self.statusBar().showMessage(f"{texts} one line: Shift+Enter breaks the line anyway, "
                                     "Ctrl+Enter confirms.", 6000)

    def _on_undo_stack_failed(self, title: str, message: str) -> None:
        self.interaction.error(title, message)

    def _about(self) -> None:
        from reviewer import __version__

        self.interaction.information(
            "About reviewer",
            f"reviewer {__version__}\nPost-edit machine translation segment by segment; every "
            "confirmed edit is scored (HTER, BLEU, chrF with sacrebleu) and kept as a revision.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.window_state.save()
        self.editing.stop_drafts()
        self.qa.stop()
        self.tasks.cancel_and_wait()
        self.editing.save_pending()
        self.scorer.shutdown()
        self.session.close()
        gc.unfreeze()  # a closed window's objects may go
        super().closeEvent(event)
