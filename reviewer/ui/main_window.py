"""The main window: segments, the editor pane, the history panel and document scores."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QProgressDialog,
    QSplitter,
    QTableView,
)

from reviewer.core.errors import ReviewerError
from reviewer.core.scoring import Scores, SegmentStats
from reviewer.session import (
    STATUS_CONFIRMED,
    STATUS_EDITED,
    DocumentSummary,
    EditResult,
    ReviewSession,
    default_author,
)
from reviewer.ui.commands import EditSegmentCommand
from reviewer.ui.diff_delegate import DiffDelegate
from reviewer.ui.editor_pane import EditorPane
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

PROJECT_FILTER = "Review projects (*.review);;All files (*)"
EXPORT_FILTER = "Corrected text (*.txt);;Segments and scores (*.tsv);;All files (*)"


class MainWindow(QMainWindow):
    """One project at a time; every change goes through the session as an undoable command."""

    def __init__(self, session: ReviewSession, interaction: Interaction | None = None,
                 scorer: LiveScorer | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.interaction = interaction or Interaction(self)
        self.settings = settings or QSettings("reviewer", "reviewer")
        self.scorer = scorer or LiveScorer(self)
        self.undo_stack = QUndoStack(self)
        self.session = session
        self.model = SegmentTableModel([], self)
        self._live: dict[int, tuple[str, SegmentStats, Scores]] = {}
        self._task: Task | None = None
        self._progress_dialog: QProgressDialog | None = None

        self.table = QTableView()
        self.table.setObjectName("segmentTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_MT, DiffDelegate(self.table))
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
        header.resizeSection(COL_STATUS, 84)

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
        self.resizeDocks([dock], [430], Qt.Orientation.Horizontal)

        self.scores_label = QLabel()
        self.scores_label.setObjectName("documentScores")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.statusBar().addPermanentWidget(self.scores_label)
        self.statusBar().addPermanentWidget(self.progress_label)

        self._build_actions(dock)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.model.correctionEdited.connect(self._on_model_correction_edited)
        self.editor.textEdited.connect(self._on_editor_text_edited)
        self.editor.confirmRequested.connect(self.confirm_current)
        self.history.restoreRequested.connect(self._on_history_restore_requested)
        self.scorer.scored.connect(self._on_scorer_scored)
        self.scorer.failed.connect(self._on_scorer_failed)
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

    def _build_actions(self, dock: QDockWidget) -> None:
        bar = self.menuBar()
        self._menus = {name: bar.addMenu(name) for name in
                       ("&File", "&Edit", "&Segment", "&View", "&Help")}
        self._action("&File", "&New from file(s)…", self.new_project,
                     [QKeySequence.StandardKey.New])
        self._action("&File", "&Open…", self.open_project_dialog,
                     [QKeySequence.StandardKey.Open])
        self._action("&File", "&Export…", self.export_dialog, ["Ctrl+E"])
        self._menus["&File"].addSeparator()
        self._action("&File", "&Quit", self.close, [QKeySequence.StandardKey.Quit])

        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)  # the editor keeps Ctrl+Z for typing
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(QKeySequence.StandardKey.Redo)
        self._menus["&Edit"].addAction(undo)
        self._menus["&Edit"].addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        self.confirm_action = self._action("&Segment", "&Confirm and next", self.confirm_current,
                                           ["Ctrl+Return", "Ctrl+Enter"])
        self.confirm_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._action("&Segment", "&Next segment", lambda: self._move(1), ["Alt+Down"])
        self._action("&Segment", "&Previous segment", lambda: self._move(-1), ["Alt+Up"])
        self._action("&Segment", "Next &unconfirmed", self._go_to_first_unconfirmed, ["Ctrl+U"])
        self._action("&Segment", "&Edit correction", self.editor.focus_correction, ["F6"])
        self._menus["&View"].addAction(dock.toggleViewAction())
        self._action("&Help", "&About reviewer", self._about)

    # -- showing the project -------------------------------------------------------------

    def _show_session(self) -> None:
        self.setWindowTitle(f"{self.session.path.name} — reviewer")
        self.undo_stack.clear()
        self._live.clear()
        self.model.beginResetModel()
        self.model._segments = self.session.segments()
        self.model._typing.clear()
        self.model._diff_cache.clear()
        self.model.endResetModel()
        self.table.setColumnHidden(COL_SOURCE, not self.session.has_source())
        self.scores_label.setToolTip("\n".join(
            f"{name}: {signature}" for name, signature in self.session.signatures().items()))
        self._show_summary(self.session.summary())
        if self.model.rowCount():
            self._select_row(self.model.first_unconfirmed())

    def _show_summary(self, summary: DocumentSummary) -> None:
        scores = summary.scores
        self.scores_label.setText(f"Document HTER {scores.hter:.2f} · BLEU {scores.bleu:.2f} · "
                                  f"chrF {scores.chrf:.2f}")
        self.progress_label.setText(f"Confirmed {summary.confirmed} / {summary.segments} · "
                                    f"edited {summary.edited}")

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, COL_CORRECTION)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        self.editor.focus_correction()

    def _load_editor(self, row: int) -> None:
        segment = self.model.segment(row)
        self.editor.load(segment, self.model.current_text(row), self.session.has_source())
        live = self._live.get(row)
        if live and live[0] == self.editor.text():
            self.editor.show_scores(live[2], live=True)
        self.history.show_revisions(row, self.session.history(row))

    def apply_result(self, result: EditResult) -> None:
        """Show what one edit changed: its row, the document numbers, the open segment."""
        segment = result.segment
        self.model.replace_segment(segment)
        self._show_summary(result.summary)
        if self.editor.position == segment.position:
            if self.editor.text() != segment.text:
                self._load_editor(segment.position)
            else:
                self.editor.show_scores(segment, live=False)
                self.history.show_revisions(segment.position,
                                            self.session.history(segment.position))

    # -- editing -------------------------------------------------------------------------

    def author(self) -> str:
        """Who signs revisions: the settings' author, else the login name."""
        name = self.settings.value("author", "")
        return str(name) if name else default_author()

    def _push_edit(self, position: int, text: str, status: str, label: str,
                   editing_ms: int = 0) -> None:
        live = self._live.get(position)
        scored = (live[1], live[2]) if live and live[0] == text else None
        try:
            self.undo_stack.push(EditSegmentCommand(
                self.session, self.apply_result, position, text, status, self.author(), label,
                editing_ms, scored))
        except ReviewerError as error:
            self.interaction.error("Could not save", str(error))

    def confirm_current(self) -> None:
        """Save the open segment as confirmed and move to the next one."""
        position = self.editor.position
        if position < 0:
            return
        self._push_edit(position, self.editor.text(), STATUS_CONFIRMED,
                        f"Confirm segment {position + 1}", self.editor.editing_ms())
        if position + 1 < self.model.rowCount():
            self._select_row(position + 1)
        else:
            self.editor.focus_correction()
            self.statusBar().showMessage("Last segment confirmed.", 4000)

    def save_pending(self) -> None:
        """Keep typed but unconfirmed text of the open segment as an unconfirmed revision."""
        position = self.editor.position
        if position < 0 or position >= self.model.rowCount():
            return
        if self.editor.text() != self.model.segment(position).text:
            self._push_edit(position, self.editor.text(), STATUS_EDITED,
                            f"Edit segment {position + 1}", self.editor.editing_ms())

    def _move(self, step: int) -> None:
        row = self.editor.position + step
        if 0 <= row < self.model.rowCount():
            self._select_row(row)

    def _go_to_first_unconfirmed(self) -> None:
        self._select_row(self.model.first_unconfirmed())

    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if previous.isValid() and previous.row() == self.editor.position:
            self.save_pending()
        if current.isValid():
            self._load_editor(current.row())

    def _on_model_correction_edited(self, position: int, text: str) -> None:
        self._push_edit(position, text, STATUS_EDITED, f"Edit segment {position + 1}")

    def _on_editor_text_edited(self, position: int, text: str) -> None:
        live = self._live.get(position)
        known = live[2] if live and live[0] == text else None
        self.model.set_typing(position, text, known)
        if known is None:
            self.editor.show_scoring()
            self.scorer.request(position, self.model.segment(position).mt, text)

    def _on_scorer_scored(self, position: int, text: str, stats: SegmentStats,
                          scores: Scores) -> None:
        self._live[position] = (text, stats, scores)
        if position < self.model.rowCount() and self.model.current_text(position) == text:
            self.model.set_typing(position, text, scores)
        if position == self.editor.position and self.editor.text() == text:
            self.editor.show_scores(scores, live=True)

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

    # -- files ---------------------------------------------------------------------------

    def open_project(self, path: Path) -> bool:
        """Replace the open project by the one at ``path``; False (and a message) on failure."""
        try:
            session = ReviewSession.open(path)
        except ReviewerError as error:
            self.interaction.error("Cannot open project", str(error))
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
        suggestion = self.session.path.with_name(self.session.path.stem + "-corrected.txt")
        path = self.interaction.save_file("Export", EXPORT_FILTER, str(suggestion))
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """Write the export; the format follows the extension (.tsv), else text."""
        try:
            chosen = self.session.export(path)
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
                                       request.encoding)
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
        self.save_pending()
        self.scorer.shutdown()
        if self._task is not None and self._task.isRunning():
            self._task.cancel()
            self._task.wait(5000)
        self.session.close()
        super().closeEvent(event)

