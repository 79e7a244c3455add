"""Model-based test: the window, the project file, the CLI and a reference model agree.

A Hypothesis state machine drives the real main window (offscreen) the way an editor does:
typing and confirming, editing in the table, undo and redo, restoring a revision, replace
all, a pause that keeps a draft, labelling and exporting versions, exports, backups and
reopening, with the command line reading the project beside the window. After every step
the project file (read with SQLite, read-only), the window's table model, editor and undo
stack and an in-memory reference agree: text and status per segment, the append-only list
of revisions, drafts, versions, and the document scores (sacrebleu's corpus scores of the
reference's texts).

The normal run has a bounded, derandomised budget; ``REVIEWER_MODEL_EXAMPLES=N`` runs N
random examples (``REVIEWER_MODEL_STEPS`` steps each, 40 unless set).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sacrebleu.metrics import BLEU, CHRF, TER

from PySide6.QtCore import QEvent, QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from reviewer.cli import main as cli_main
from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.session import ReviewSession
from reviewer.ui.main_window import MainWindow, open_or_ask_read_only
from reviewer.ui.segment_model import COL_CORRECTION, COL_STATUS

LONG_EXAMPLES = int(os.environ.get("REVIEWER_MODEL_EXAMPLES", "0"))
LONG_STEPS = int(os.environ.get("REVIEWER_MODEL_STEPS", "40"))
# shrinking a failure takes minutes: the normal run reports it as found (it is reproducible,
# being derandomised); REVIEWER_MODEL_SHRINK=1 shrinks it
SHRINK = bool(LONG_EXAMPLES or os.environ.get("REVIEWER_MODEL_SHRINK"))
PHASES = list(Phase) if SHRINK else [Phase.explicit, Phase.generate]
NORMAL = settings(max_examples=20, stateful_step_count=40, derandomize=True, database=None,
                  deadline=None, phases=PHASES, suppress_health_check=list(HealthCheck))
LONG = settings(max_examples=LONG_EXAMPLES or 1, stateful_step_count=LONG_STEPS,
                database=None, deadline=None, phases=PHASES,
                suppress_health_check=list(HealthCheck))
AUTHOR = "tester"
TOLERANCE = 1e-6

# a small alphabet, Cyrillic included, so texts collide with the MT and with each other
WORDS = ["кот", "пёс", "ёж", "мир", "Путин", "не", "cat", "dog", "a", "is", "."]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
needles = st.sampled_from(["кот", "ё", "a", "Пу", " ", "."])


@dataclass
class Typing:
    """The reference's typing step: consecutive typing in one segment merges."""

    position: int
    before: str
    after: str


@dataclass
class Edit:
    """The reference's saved step: (position, old, new) with (text, status) pairs."""

    label: str
    changes: list[tuple[int, tuple[str, str], tuple[str, str]]]
    keeps_typing: bool = False  # saved typing: its undo leaves the typed text in the editor


@dataclass
class Reference:
    """What the project, the table, the editor and the undo stack should hold."""

    mts: list[str]
    texts: list[str]
    statuses: list[str]
    revisions: list[list[tuple[str, str]]]
    log: list[tuple[int, int, str, str]] = field(default_factory=list)  # every revision
    typing: dict[int, str] = field(default_factory=dict)  # unconfirmed text in the table
    drafts: dict[int, str] = field(default_factory=dict)
    versions: dict[str, list[str]] = field(default_factory=dict)
    stack: list[Typing | Edit] = field(default_factory=list)
    index: int = 0
    editor_position: int = -1
    editor_text: str = ""

    # -- the project file ----------------------------------------------------------------

    def write(self, position: int, text: str, status: str) -> bool:
        if (self.texts[position], self.statuses[position]) == (text, status):
            return False  # nothing changed: no revision
        self.texts[position], self.statuses[position] = text, status
        self.revisions[position].append((text, status))
        self.log.append((position, len(self.revisions[position]), text, status))
        self.drafts.pop(position, None)
        return True

    # -- the window ----------------------------------------------------------------------

    def current_text(self, position: int) -> str:
        return self.typing.get(position, self.texts[position])

    def set_typing(self, position: int, text: str) -> None:
        if text == self.texts[position]:
            self.typing.pop(position, None)
        else:
            self.typing[position] = text

    def applied(self, position: int) -> None:
        """The window shows a saved edit: the row's typing goes, the editor follows."""
        self.typing.pop(position, None)
        if self.editor_position == position:
            self.editor_text = self.texts[position]

    def status_for(self, position: int, text: str, status: str) -> str:
        """An unconfirmed save that brings the MT back brings back its status with the MT."""
        if status != "edited" or text != self.mts[position]:
            return status
        earlier = [s for t, s in self.revisions[position] if t == text]
        return earlier[-1] if earlier else "new"

    def save(self, position: int, text: str, status: str, label: str,
             keeps_typing: bool = False) -> None:
        old = (self.texts[position], self.statuses[position])
        status = self.status_for(position, text, status)
        if self.write(position, text, status):
            self.push(Edit(label, [(position, old, (text, status))], keeps_typing))
        self.applied(position)

    def save_pending(self) -> None:
        position = self.editor_position
        if self.editor_text != self.texts[position]:
            self.save(position, self.editor_text, "edited", f"Edit segment {position + 1}",
                      keeps_typing=True)

    def select(self, row: int) -> None:
        if row == self.editor_position:
            return
        self.save_pending()
        self.load(row)

    def load(self, row: int) -> None:
        self.editor_position, self.editor_text = row, self.current_text(row)

    def push(self, step: Typing | Edit) -> None:
        del self.stack[self.index:]
        top = self.stack[-1] if self.stack else None
        if isinstance(step, Typing) and isinstance(top, Typing) \
                and top.position == step.position:
            top.after = step.after
            if top.after == top.before:
                self.stack.pop()
                self.index -= 1
            return
        self.stack.append(step)
        self.index += 1

    def retype(self, text: str) -> None:
        """Ctrl+A, Backspace, then one key per character."""
        position = self.editor_position
        for shown in [""] + [text[:end] for end in range(1, len(text) + 1)]:
            if shown != self.editor_text:
                self.push(Typing(position, self.editor_text, shown))
                self.editor_text = shown
                self.set_typing(position, shown)

    def replay(self, position: int, text: str) -> None:
        """Undo or redo of typing: that segment, with that text, nothing saved."""
        if self.editor_position != position:
            self.load(position)
        if text != self.editor_text:
            self.editor_text = text
            self.set_typing(position, text)

    def undo(self) -> None:
        if self.index == 0:
            return
        step = self.stack[self.index - 1]
        if isinstance(step, Typing):
            self.replay(step.position, step.before)
        else:
            self.go_to(step)
            for position, old, _new in step.changes:  # a batch, in document order too
                self.write(position, *old)
                self.applied(position)
            position, old, new = step.changes[0]
            if step.keeps_typing and new[0] != old[0]:  # the typing stays, a step of its own
                self.replay(position, new[0])
        self.index -= 1

    def go_to(self, step: Edit) -> None:
        """Undo and redo show the segment they change (a batch: its first one)."""
        positions = [position for position, _old, _new in step.changes]
        if self.editor_position not in positions:
            self.load(positions[0])

    def redo(self) -> None:
        if self.index == len(self.stack):
            return
        step = self.stack[self.index]
        if isinstance(step, Typing):
            self.replay(step.position, step.after)
        else:
            self.go_to(step)
            for position, _old, new in step.changes:
                self.write(position, *new)
                self.applied(position)
        self.index += 1

    def first_unconfirmed(self) -> int:
        return next((p for p, s in enumerate(self.statuses) if s != "confirmed"),
                    len(self.texts) - 1)

    def reopened(self, crashed: bool = False) -> None:
        if not crashed:
            self.save_pending()  # closing keeps typed text
        self.stack, self.index = [], 0
        self.typing = {p: text for p, text in self.drafts.items() if text != self.texts[p]}
        self.load(self.first_unconfirmed())

    def labels(self) -> list[str]:
        return [f"Typing in segment {s.position + 1}" if isinstance(s, Typing) else s.label
                for s in self.stack]

    def exported(self, texts_then: list[str] | None = None) -> bytes:
        return "".join(f"{t}\n" for t in (texts_then or self.texts)).encode("utf-8")


def corpus(mts: list[str], texts_now: list[str]) -> tuple[float, float, float]:
    return (TER().corpus_score(mts, [texts_now]).score,
            BLEU().corpus_score(mts, [texts_now]).score,
            CHRF().corpus_score(mts, [texts_now]).score)


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier, text: str = "") -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))


def type_text(widget: QWidget, text: str) -> None:
    for char in text:
        press(widget, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)


class Interaction:
    """Scripted answers for the window's dialogs; it records every error it is told."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.next_save: Path | None = None
        self.next_item: str | None = None

    def error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def information(self, title: str, message: str) -> None:
        pass

    def confirm(self, title: str, question: str) -> bool:
        return False

    def save_file(self, title: str, file_filter: str, suggestion: str = "",
                  refuse: object = None) -> Path | None:
        return self.next_save

    def choose_item(self, title: str, label: str, items: list[str]) -> str | None:
        return self.next_item if self.next_item in items else None


FIGURES = {"examples": 0, "steps": 0, "cli_reads": 0, "reopens": 0, "crashes": 0,
           "seconds": 0.0}


class ReviewingInTheWindow(RuleBasedStateMachine):
    """One small project, one window, the CLI beside it, a reference to agree with."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="reviewer-model-"))
        self.path = self.folder / "doc.review"
        self.interaction = Interaction()
        self.window: MainWindow | None = None
        self.files = 0
        FIGURES["examples"] += 1
        # an exception in a slot reaches sys.excepthook, not the rule: fail the step there
        self.uncaught: list[str] = []
        self._excepthook = sys.excepthook
        sys.excepthook = lambda *info: self.uncaught.append("".join(
            traceback.format_exception(*info)))

    # -- helpers -------------------------------------------------------------------------

    @property
    def main(self) -> MainWindow:
        assert self.window is not None
        return self.window

    def _open(self) -> None:
        session = open_or_ask_read_only(self.path, self.interaction)  # type: ignore[arg-type]
        assert session is not None, self.interaction.errors
        settings_file = QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat)
        settings_file.setValue("author", AUTHOR)
        self.window = MainWindow(session, interaction=self.interaction,  # type: ignore[arg-type]
                                 settings=settings_file)
        self.since_open = 0

    def _fresh(self, suffix: str) -> Path:
        self.files += 1
        return self.folder / f"out{self.files}{suffix}"

    def _key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
        press(self.main.editor.correction_edit, key, modifiers)

    def _select(self, row: int) -> None:
        index = self.main.model.index(row, COL_CORRECTION)
        self.main.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)  # what a click on the row does
        self.ref.select(row)

    def _retype(self, text: str) -> None:
        editor = self.main.editor.correction_edit
        press(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        press(editor, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier)
        type_text(editor, text)
        self.ref.retype(text)

    def _wait(self) -> None:
        """Until the window's background batch (replace all, its undo) is written."""
        deadline = time.monotonic() + 60
        while self.main.busy and time.monotonic() < deadline:
            QApplication.processEvents()
            time.sleep(0.002)
        assert not self.main.busy

    def _step(self) -> None:
        FIGURES["steps"] += 1
        self.since_open += 1

    # -- rules ---------------------------------------------------------------------------

    @initialize(data=st.data(), count=st.integers(5, 8))
    def create(self, data: st.DataObject, count: int) -> None:
        mts = [data.draw(texts, label="mt") for _ in range(count)]
        corrections = [data.draw(st.none() | texts, label="imported correction")
                       for _ in range(count)]
        segments = [ImportedSegment(mt, correction=c) for mt, c in zip(mts, corrections,
                                                                      strict=True)]
        document = ImportedDocument(segments, Layout(("",) + ("\n",) * count), "lines")
        ReviewSession.create(self.path, document).close()
        self.ref = Reference(
            mts=mts, texts=[c if c is not None else m for m, c in zip(mts, corrections,
                                                                     strict=True)],
            statuses=["new" if c is None else "imported" for c in corrections],
            revisions=[[] if c is None else [(c, "imported")] for c in corrections])
        self.ref.log = [(p, 1, c, "imported") for p, c in enumerate(corrections)
                        if c is not None]
        self._open()
        self.ref.load(self.ref.first_unconfirmed())

    def _confirm(self) -> None:
        """Ctrl+Enter: the reference saves the editor's text and moves to the next row."""
        self._key(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        position = self.ref.editor_position
        self.ref.save(position, self.ref.editor_text, "confirmed",
                      f"Confirm segment {position + 1}", keeps_typing=True)
        if position + 1 < len(self.ref.mts):
            self.ref.select(position + 1)

    @rule(data=st.data(), text=texts)
    def type_and_confirm(self, data: st.DataObject, text: str) -> None:
        self._step()
        self._select(data.draw(st.integers(0, len(self.ref.mts) - 1), label="row"))
        self._retype(text)
        self._confirm()

    @rule(data=st.data(), text=texts, draft=st.booleans())
    def type_only(self, data: st.DataObject, text: str, draft: bool) -> None:
        """Typing left unconfirmed; ``draft``: long enough for the draft timer to fire."""
        self._step()
        self._select(data.draw(st.integers(0, len(self.ref.mts) - 1), label="row"))
        self._retype(text)
        if draft:
            self._keep_draft()

    @rule()
    def confirm_as_is(self) -> None:
        self._step()
        self._confirm()

    @rule(data=st.data())
    def edit_in_table(self, data: st.DataObject) -> None:
        self._step()
        row = data.draw(st.integers(0, len(self.ref.mts) - 1), label="row")
        text = data.draw(st.sampled_from([self.ref.mts[row], *self.ref.texts]) | texts,
                         label="text")
        self.main.model.setData(self.main.model.index(row, COL_CORRECTION), text)
        if text != self.ref.current_text(row):
            self.ref.save(row, text, "edited", f"Edit segment {row + 1}")

    @rule(times=st.integers(1, 4))
    def undo(self, times: int) -> None:
        self._step()
        for _ in range(times):
            self._key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            self._wait()  # a batch is undone in the background
            self.ref.undo()

    @rule(times=st.integers(1, 3))
    def redo(self, times: int) -> None:
        self._step()
        for _ in range(times):
            self._key(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                      | Qt.KeyboardModifier.ShiftModifier)
            self._wait()
            self.ref.redo()

    @precondition(lambda self: any(self.ref.revisions))
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        self._step()
        rows = [p for p, revisions in enumerate(self.ref.revisions) if revisions]
        row = data.draw(st.sampled_from(rows), label="row")
        self._select(row)
        count = len(self.ref.revisions[row])
        number = data.draw(st.integers(1, count), label="revision")
        history = self.main.history
        history.table.selectionModel().select(
            history.model.index(count - number, 0),  # newest first
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        history.restore_button.click()
        self.ref.save(row, self.ref.revisions[row][number - 1][0], "confirmed",
                      f"Restore revision {number} of segment {row + 1}")

    @rule(find=needles, replacement=st.sampled_from(["", "ё", "кот", "X"]))
    def replace_all(self, find: str, replacement: str) -> None:
        self._step()
        assert self.main.replace_all(find, replacement)
        self._wait()
        changed = self.main.batches.last_changed
        ref = self.ref
        ref.save_pending()
        changes = []
        for position, text in enumerate(ref.texts):
            new = text.replace(find, replacement)
            if new != text:
                changes.append((position, text.count(find), new))
        assert changed == len(changes)
        if not changes:
            return
        edits = []
        for position, _count, new in changes:
            before = ref.statuses[position]
            status = ref.status_for(position, new, before if before in ("confirmed", "imported")
                                    else "edited")
            old = (ref.texts[position], before)
            ref.write(position, new, status)
            ref.applied(position)
            edits.append((position, old, (new, status)))
        matches = sum(count for _, count, _ in changes)
        ref.push(Edit(f"Replace all {find!r} ({matches} in {len(changes)} segments)", edits))

    def _keep_draft(self) -> None:
        """The draft timer fires: the open segment's typing is kept in the project."""
        self.main.save_draft()
        position, text = self.ref.editor_position, self.ref.editor_text
        if text == self.ref.texts[position]:
            self.ref.drafts.pop(position, None)
        else:
            self.ref.drafts[position] = text

    @rule()
    def label_version(self) -> None:
        self._step()
        label = f"v{len(self.ref.versions) + 1}"
        assert self.main.label_version(label)
        self.ref.save_pending()
        self.ref.versions[label] = list(self.ref.texts)

    @rule(data=st.data(), kind=st.sampled_from(["export", "version", "backup"]))
    def write_a_copy(self, data: st.DataObject, kind: str) -> None:
        """Export the document or a labelled version of it, or back the project up."""
        self._step()
        if kind == "version" and self.ref.versions:
            label = data.draw(st.sampled_from(sorted(self.ref.versions)), label="version")
            target = self._fresh(".txt")
            self.interaction.next_item, self.interaction.next_save = label, target
            self.main.export_version_dialog()
            assert target.read_bytes() == self.ref.exported(self.ref.versions[label])
        elif kind == "backup":
            target = self._fresh(".review")  # a fresh name: backups never replace a file
            self.interaction.next_save = target
            self.main.backup_dialog()
            self._check_copy(target)
        else:
            target = self._fresh(".txt")
            self.interaction.next_save = target
            self.main.export_dialog()
            self.ref.save_pending()
            assert target.read_bytes() == self.ref.exported()

    def _check_copy(self, target: Path) -> None:
        copy = ReviewSession.open(target, read_only=True)
        try:
            assert [(s.text, s.status) for s in copy.segments()] == list(
                zip(self.ref.texts, self.ref.statuses, strict=True))
            assert [(r.position, r.number, r.text, r.status)
                    for r in copy.history()] == sorted(self.ref.log)  # in document order
            assert [v.label for v in copy.versions()] == list(self.ref.versions)
        finally:
            copy.close()

    # opening costs a store process (0.3 s): not twice in a row, which tells nothing new
    @precondition(lambda self: self.since_open >= 3)
    @rule(crash=st.booleans())
    def reopen(self, crash: bool) -> None:
        """Quit and start again; ``crash``: the window goes without closing, as a kill
        leaves it (the file and its drafts; typing since the last draft is gone)."""
        self._step()
        FIGURES["crashes" if crash else "reopens"] += 1
        main = self.main
        if crash:
            main.scorer.shutdown()
            main.session.close()
            main.deleteLater()  # gone now, timers and all, as in a kill
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        else:
            main.close()
        self.window = None
        self.ref.reopened(crashed=crash)
        self._open()

    @rule()
    def cli_reads(self) -> None:
        """``reviewer score --json`` and ``history --json`` beside the open window."""
        self._step()
        FIGURES["cli_reads"] += 1
        ref = self.ref
        score = self._cli("score")
        document = score["document"]
        want = corpus(ref.mts, ref.texts)
        assert (document["hter"], document["bleu"], document["chrf"]) == pytest.approx(
            want, abs=TOLERANCE)
        assert document["confirmed"] == ref.statuses.count("confirmed")
        assert document["edited"] == sum(t != m for t, m in zip(ref.texts, ref.mts,
                                                                 strict=True))
        assert [(s["correction"], s["status"]) for s in score["segments"]] == list(
            zip(ref.texts, ref.statuses, strict=True))
        history = self._cli("history")
        assert [(h["segment"] - 1, h["revision"], h["text"], h["status"])
                for h in history if not h["draft"]] == sorted(ref.log)  # in document order
        assert {h["segment"] - 1: h["text"] for h in history if h["draft"]} == ref.drafts

    def _cli(self, command: str) -> object:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli_main([command, str(self.path), "--json"])
        assert code == 0, err.getvalue()
        return json.loads(out.getvalue())

    # -- what must agree after every step ------------------------------------------------

    @invariant()
    def a_slot_raised_nothing(self) -> None:  # checked first: Hypothesis sorts by name
        assert not self.uncaught, self.uncaught[0]

    @invariant()
    def the_file_holds_the_reference(self) -> None:
        if self.window is None:
            return
        db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
        try:
            heads = db.execute(
                "SELECT coalesce(r.text, s.mt), coalesce(r.status, 'new') FROM segments s "
                "LEFT JOIN revisions r ON r.id = s.head_revision ORDER BY s.position").fetchall()
            log = db.execute(
                "SELECT s.position, r.number, r.text, r.status FROM revisions r "
                "JOIN segments s ON s.id = r.segment_id ORDER BY r.id").fetchall()
            drafts = dict(db.execute("SELECT s.position, d.text FROM drafts d "
                                     "JOIN segments s ON s.id = d.segment_id").fetchall())
            versions = [row[0] for row in db.execute("SELECT label FROM versions ORDER BY id")]
        finally:
            db.close()
        ref = self.ref
        assert heads == list(zip(ref.texts, ref.statuses, strict=True))
        assert log == ref.log
        assert drafts == ref.drafts
        assert versions == list(ref.versions)

    @invariant()
    def the_window_shows_the_reference(self) -> None:
        if self.window is None:
            return
        main, ref = self.main, self.ref
        model = main.model
        assert [(model.segment(r).text, model.segment(r).status)
                for r in range(model.rowCount())] == list(zip(ref.texts, ref.statuses,
                                                              strict=True))
        assert [model.current_text(r) for r in range(model.rowCount())] == [
            ref.current_text(r) for r in range(len(ref.texts))]
        assert [model.data(model.index(r, COL_STATUS)) for r in range(model.rowCount())] == [
            "draft" if r in ref.typing else ref.statuses[r] for r in range(len(ref.texts))]
        assert (main.editor.position, main.editor.text()) == (ref.editor_position,
                                                              ref.editor_text)
        stack = main.undo_stack
        assert [stack.text(i) for i in range(stack.count())] == ref.labels()
        assert stack.index() == ref.index
        assert self.interaction.errors == []

    @invariant()
    def document_scores_are_sacrebleus(self) -> None:
        if self.window is None:
            return
        scores = self.main.session.summary().scores
        assert (scores.hter, scores.bleu, scores.chrf) == pytest.approx(
            corpus(self.ref.mts, self.ref.texts), abs=TOLERANCE)

    def teardown(self) -> None:
        sys.excepthook = self._excepthook
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        shutil.rmtree(self.folder, ignore_errors=True)


def test_the_window_the_file_the_cli_and_a_reference_agree(qapp: QApplication) -> None:
    started = time.monotonic()
    run_state_machine_as_test(ReviewingInTheWindow,
                              settings=LONG if LONG_EXAMPLES else NORMAL)
    FIGURES["seconds"] = round(time.monotonic() - started, 1)
    print(f"\nmodel-based: {FIGURES}")
