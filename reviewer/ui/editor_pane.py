"""The current segment in full: its source, its MT with the edits marked, the correction."""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewer.core.diff import diff_counts, word_diff
from reviewer.core.effort import Effort, EffortClock
from reviewer.core.qa import TAGS, QaWarning
from reviewer.core.scoring import ScoreDetails, Scores
from reviewer.core.status import SegmentStatus
from reviewer.core.tags import InlineTag, check_tags, tag_index
from reviewer.store.project import SegmentRecord
from reviewer.ui.annotation_panel import AnnotationPanel
from reviewer.ui.comments_panel import CommentsPanel
from reviewer.ui.context_panel import ContextPanel
from reviewer.ui.correction_edit import CorrectionEdit, has_line_break
from reviewer.ui.qa_text import qa_line
from reviewer.ui.summary_label import SummaryLabel
from reviewer.ui.tag_chips import labelled_message
from reviewer.ui.tagged_text import TagView
from reviewer.ui.theme import colours
from reviewer.ui.track_changes import show_track_changes

DIFF_DELAY_MS = 60
LOCK_NOTE = ("Locked: the file marks this unit as not to be translated; it is kept as it is "
             "and cannot be edited.")


def _monotonic_ms() -> int:
    return int(time.monotonic() * 1000)


def _document_position(text: str, offset: int) -> int:
    """Where ``text[offset]`` is in the editor's document: a tag is one character there,
    a character beyond the Basic Multilingual Plane two (UTF-16)."""
    clipped = max(0, min(offset, len(text)))
    return clipped + sum(1 for char in text[:clipped]
                         if ord(char) > 0xFFFF and tag_index(char) is None)


class EditorPane(QWidget):
    """Shows one segment and reports the correction's text as the editor types."""

    textEdited = Signal(int, str)  # position, text
    segmentLoaded = Signal(int)  # position: a segment was shown (its QA is checked at once)
    confirmRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editorPane")
        self._position = -1
        self._mt = ""
        self._tags: list[InlineTag] = []
        self._loading = False
        self.read_only = False  # the whole project; a locked segment is read-only too
        self.locked = False
        # reviewer mode: the editor's text, and the MT view shows track changes over it
        self.review_base: str | None = None
        self.pause_limit_ms = 30_000
        self._effort = EffortClock(self.pause_limit_ms)

        self.heading = QLabel("No segment")
        self.heading.setObjectName("segmentHeading")
        self.source_view = TagView()
        self.source_view.setObjectName("sourceView")
        self.mt_view = TagView()
        self.mt_view.setObjectName("mtView")
        self.correction_edit = CorrectionEdit()
        self.correction_edit.setObjectName("correctionEdit")
        self.correction_edit.setTabChangesFocus(True)
        self.correction_edit.setPlaceholderText("Type the corrected translation")
        self.lock_note = QLabel(LOCK_NOTE)
        self.lock_note.setObjectName("lockNote")
        self.lock_note.setWordWrap(True)
        self.lock_note.hide()
        self.tag_warning = QLabel()
        self.tag_warning.setObjectName("tagWarning")
        self.tag_warning.setTextFormat(Qt.TextFormat.PlainText)  # "<2/>" is not markup here
        self.tag_warning.setWordWrap(True)
        self.tag_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tag_warning.hide()
        self.qa_warning = QLabel()  # QA warnings but tags, live while typing
        self.qa_warning.setObjectName("qaWarning")
        self.qa_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.qa_warning.setWordWrap(True)
        self.qa_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.qa_warning.hide()
        self.context_panel = ContextPanel()
        self.comments_panel = CommentsPanel()  # bind() tells it the session
        self.annotation_panel = AnnotationPanel()  # the window's AnnotationActions fill it
        self.context_view = self.context_panel.view
        self.scores_label = SummaryLabel()  # elided, never cut off, when narrow
        self.scores_label.setObjectName("liveScores")
        self.scores_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm_button = QPushButton("Confirm && next  (Ctrl+Enter)")
        self.confirm_button.setObjectName("confirmButton")
        self.confirm_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must never confirm
        for view in (self.source_view, self.mt_view):
            view.setMaximumHeight(90)
        self.correction_edit.setMinimumHeight(60)
        self.correction_edit.setMaximumHeight(120)

        form = QFormLayout()
        form.addRow("Source", self.source_view)
        form.addRow("MT", self.mt_view)
        form.addRow("Correction", self.correction_edit)
        self._source_label = form.labelForField(self.source_view)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.confirm_button)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(self.lock_note)
        column.addWidget(self.tag_warning)
        column.addWidget(self.qa_warning)
        column.addLayout(bottom)
        row = QHBoxLayout()
        row.addLayout(column, 1)
        side = QVBoxLayout()  # what the file says, then the editors' comments
        side.addWidget(self.context_panel)
        side.addWidget(self.comments_panel, 1)
        side.addWidget(self.annotation_panel, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.heading)
        layout.addLayout(row)
        # under the comments too: the whole width, so the summary is seldom shortened
        layout.addWidget(self.scores_label)

        self._diff_timer = QTimer(self)
        self._diff_timer.setSingleShot(True)
        self._diff_timer.setInterval(DIFF_DELAY_MS)
        self._diff_timer.timeout.connect(self._on_diff_timer_timeout)
        self.correction_edit.textChanged.connect(self._on_correction_edit_text_changed)
        self.correction_edit.confirmRequested.connect(self.confirmRequested)
        self.correction_edit.focusChanged.connect(self._on_correction_edit_focus_changed)
        self.correction_edit.keystroke.connect(self._on_correction_edit_keystroke)
        self.confirm_button.clicked.connect(self.confirmRequested)
        self.comments_panel.finished.connect(self.focus_correction)

    @property
    def position(self) -> int:
        """The 0-based position of the segment shown (-1 for none)."""
        return self._position

    def text(self) -> str:
        """The correction as typed, tags as the characters they are stored as."""
        return self.correction_edit.text()

    def load(self, segment: SegmentRecord, text: str, show_source: bool,
             tags: Sequence[InlineTag] = (), locked: bool = False,
             context: Sequence[tuple[str, str]] = ()) -> None:
        """Show ``segment`` with ``text`` in the editor, cursor at its end; ``tags`` is its
        tag table, ``locked`` makes it read-only, ``context`` goes beside it."""
        self._loading = True
        self._position = segment.position
        self._mt = segment.mt
        self._tags = list(tags)
        self.locked = locked
        self.show_heading(segment)
        self.source_view.set_text(segment.source or "", self._tags)
        self.source_view.setVisible(show_source)
        if self._source_label is not None:
            self._source_label.setVisible(show_source)
        self.correction_edit.set_text(text, self._tags, segment.source)
        self.correction_edit.line_breaks = has_line_break(segment.mt) or has_line_break(
            segment.source or "")
        self.correction_edit.moveCursor(QTextCursor.MoveOperation.End)
        self.correction_edit.setReadOnly(self.read_only or locked)
        self.lock_note.setVisible(locked)
        self.context_panel.show_lines(context)
        self.comments_panel.show_segment(segment.position)
        self._loading = False
        self._effort = EffortClock(self.pause_limit_ms)
        if self.correction_edit.hasFocus():
            self._effort.start(_monotonic_ms())
        self._show_diff()
        self.show_scores(segment, live=False)
        self.show_tag_problems(self.tag_problems())
        self.segmentLoaded.emit(segment.position)

    def show_heading(self, segment: SegmentRecord, status: str | None = None) -> None:
        """Name the segment, its status and how many revisions it has; ``status`` is the
        one its row shows (draft while typed), and a note after the heading then stays."""
        note = self.heading.text().partition(" — ")[2] if status is not None else ""
        shown = SegmentStatus.LOCKED if self.locked else status or segment.status
        self.heading.setText(f"Segment {segment.position + 1} · {shown} · "
                             f"{segment.revisions} revision(s)" + (f" — {note}" if note else ""))

    def set_read_only(self, read_only: bool) -> None:
        """Make the correction read-only (a project open read-only) or editable again."""
        self.read_only = read_only
        self.correction_edit.setReadOnly(read_only or self.locked)

    def tag_problems(self) -> list[str]:
        """What is wrong with the correction's tags, compared with the source's."""
        if self.locked or not self._tags:
            return []
        return [problem.message for problem in check_tags(self.text(), self._tags)]

    def show_tag_problems(self, problems: Sequence[str]) -> None:
        """Show tag problems as a warning under the correction (hidden when none)."""
        if not problems:
            self.tag_warning.hide()
            self.tag_warning.clear()
            return
        hint = " — F8 inserts the next missing tag" \
            if self.correction_edit.missing_tags() and not self.correction_edit.isReadOnly() \
            else ""
        self.tag_warning.setText("⚠ Tags: " + "; ".join(labelled_message(problem)
                                                         for problem in problems) + hint)
        self.tag_warning.show()

    def show_qa(self, warnings: Sequence[QaWarning]) -> None:
        """Show the correction's QA warnings under it (hidden when none); tag problems have
        the line above."""
        shown = [warning for warning in warnings if warning.check != TAGS]
        self.qa_warning.setText(qa_line(shown) if shown else "")
        self.qa_warning.setVisible(bool(shown))

    def select_span(self, start: int, end: int) -> None:
        """Select ``text()[start:end]`` in the correction (a QA warning's place)."""
        text = self.text()
        cursor = self.correction_edit.textCursor()
        cursor.setPosition(_document_position(text, start))
        cursor.setPosition(_document_position(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.correction_edit.setTextCursor(cursor)

    def insert_next_tag(self) -> bool:
        """Insert the next source tag the correction lacks at the cursor (F8)."""
        return self.correction_edit.insert_next_tag()

    def focus_correction(self) -> None:
        """Put the keyboard in the correction, cursor at the end."""
        self.correction_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.correction_edit.moveCursor(QTextCursor.MoveOperation.End)

    def set_heading_note(self, note: str) -> None:
        """Add a remark to the segment heading (e.g. that a draft was restored)."""
        self.heading.setText(self.heading.text().split(" — ")[0] + (f" — {note}" if note else ""))

    def replace_text(self, text: str) -> None:
        """Set the correction (undo, redo) and report it like typing."""
        if text == self.text():
            return
        self.correction_edit.replace_text(text)

    def effort(self) -> Effort:
        """Editing time (pauses over the limit left out) and keystrokes since loading."""
        return self._effort.effort(_monotonic_ms())

    def editing_ms(self) -> int:
        """Time the correction had the keyboard since the segment was loaded."""
        return self.effort().editing_ms

    def show_scores(self, scores: Scores | SegmentRecord, live: bool,
                    details: ScoreDetails | None = None) -> None:
        """Show a segment's HTER, BLEU and chrF (live ones marked as such).

        With ``details``: TER's edits by kind, the normalised character edit distance and,
        with a reference, how the MT and the correction score against it.
        """
        if isinstance(scores, SegmentRecord) and scores.pending:
            self.show_pending()
            return
        state = "live" if live else "saved"
        if details is not None and details.complete:
            edits = details.edits
            effort = (f"{edits.insertions} ins, {edits.deletions} del, "
                      f"{edits.substitutions} sub, {edits.shifts} shift; "
                      f"chars {details.char_distance:.1f}%")
        else:
            deleted, inserted = diff_counts(word_diff(self._mt, self.text()))
            effort = f"{deleted} word(s) deleted, {inserted} inserted"
        muted = colours().muted
        text = (f"<b>HTER {scores.hter:.1f}</b> &nbsp; BLEU {scores.bleu:.1f} &nbsp; "
                f"chrF {scores.chrf:.1f} &nbsp; <span style='color:{muted}'>({state}; "
                f"{effort})</span>")
        tip = ("HTER: TER of the MT against the correction (sacrebleu). Edits: TER's "
               "insertions, deletions, substitutions and shifts. Chars: character edit "
               "distance over the longer text's length.")
        mt, corrected = (None, None) if details is None else (details.mt_vs_reference,
                                                              details.correction_vs_reference)
        if mt is not None and corrected is not None:
            text += (f"<br>vs reference: TER {mt.hter:.1f} → <b>{corrected.hter:.1f}</b> "
                     f"&nbsp; BLEU {mt.bleu:.1f} → <b>{corrected.bleu:.1f}</b> &nbsp; "
                     f"chrF {mt.chrf:.1f} → <b>{corrected.chrf:.1f}</b>")
            tip += " Against the reference: the MT's score → the correction's."
        self.scores_label.setText(text)
        self.scores_label.setToolTip(tip)

    def show_pending(self) -> None:
        """Say that the saved text's scores are still being computed."""
        self.scores_label.setText(f"<span style='color:{colours().muted}'>Scores pending: "
                                  "saved, and being computed in the background</span>")
        self.scores_label.setToolTip("This segment's TER takes long to compute; the scores "
                                     "appear here, in the table and in the document scores "
                                     "as soon as they are ready.")

    def show_scoring(self) -> None:
        """Say that scores for the newest text are on their way."""
        text = self.scores_label.text()
        if "(scoring" not in text:
            muted = colours().muted
            self.scores_label.setText(text.split(" &nbsp; <span")[0] + f" &nbsp; <span "
                                      f"style='color:{muted}'>(scoring…)</span>")

    def _on_correction_edit_text_changed(self) -> None:
        if self._loading or self._position < 0:
            return
        self._diff_timer.start()
        if not self.tag_warning.isHidden():  # shown: follow the typing until it is fixed
            self.show_tag_problems(self.tag_problems())
        self.textEdited.emit(self._position, self.text())

    def _on_correction_edit_focus_changed(self, focused: bool) -> None:
        if focused:
            self._effort.start(_monotonic_ms())
        else:
            self._effort.stop(_monotonic_ms())

    def _on_correction_edit_keystroke(self, kind: str) -> None:
        self._effort.tick(_monotonic_ms())
        if kind == "insert":
            self._effort.insertions += 1
        elif kind == "delete":
            self._effort.deletions += 1
        else:
            self._effort.navigation += 1

    def refresh_colours(self) -> None:
        """Draw the MT's diff again in the colours of the theme now in use."""
        self._show_diff()

    def _on_diff_timer_timeout(self) -> None:
        self._show_diff()

    def _show_diff(self) -> None:
        if self.review_base is not None:
            show_track_changes(self.mt_view, self._mt, self.review_base, self.text(),
                               self._tags)
            return
        self.mt_view.show_diff(word_diff(self._mt, self.text()), self._tags)
