"""Tools → Concordance (Ctrl+K) in the window: the dialog, searched with the words selected
in the correction or the MT, and a hit's segment opened in the window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reviewer.ui.actions import ActionSpec
from reviewer.ui.bring_forward import bring_forward
from reviewer.ui.concordance_dialog import LIMIT, ConcordanceDialog

if TYPE_CHECKING:
    from reviewer.core.memory import ConcordanceHit
    from reviewer.ui.main_window import MainWindow

CONCORDANCE = ActionSpec("tools.concordance", "&Tools", "&Concordance…", ("Ctrl+K",),
                         separator_before=True)
PARAGRAPH = "\u2029"  # how a QTextCursor's selection writes a line break
OBJECT = "\ufffc"  # a tag chip in the editor


class ConcordanceActions:
    """Opens the concordance: one window, asked for again in front (a new search for the
    words selected)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.dialog: ConcordanceDialog | None = None
        window.action_table.add(CONCORDANCE, self.open)
        window.model.modelReset.connect(self._on_model_model_reset)

    def open(self) -> ConcordanceDialog:
        """Ctrl+K: the concordance in front, searching the words selected, if any."""
        window = self._window
        words = self.selected_words()
        dialog = self.dialog
        if dialog is None:
            dialog = self.dialog = ConcordanceDialog(self._search, window)
            dialog.segmentActivated.connect(self._on_dialog_segment_activated)
        if not dialog.isVisible():  # closed: back with its last search
            window.show_dialog(dialog)
        if words:
            dialog.set_query(words)
        bring_forward(dialog, dialog.search_edit)
        dialog.search_edit.selectAll()
        return dialog

    def wait(self) -> None:
        """Let a search that runs end (the project is about to close)."""
        if self.dialog is not None:
            self.dialog.wait()

    def close(self) -> None:
        """Close the window (the main window closes)."""
        if self.dialog is not None:
            self.dialog.close()

    def selected_words(self) -> str:
        """The words selected in the correction, else in the MT (tags left out)."""
        editor = self._window.editor
        for view in (editor.correction_edit, editor.mt_view):
            selected = view.textCursor().selectedText().replace(OBJECT, " ")
            if selected.strip():
                return " ".join(selected.replace(PARAGRAPH, " ").split())
        return ""

    def _search(self, query: str, match_case: bool) -> Sequence[ConcordanceHit]:
        """Runs off the GUI thread, on the project shown when it was asked for."""
        return self._window.session.concordance(query, limit=LIMIT, match_case=match_case)

    def _on_model_model_reset(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.search_now()  # another project (or its segments split, merged)

    def _on_dialog_segment_activated(self, position: int) -> None:
        window = self._window
        if 0 <= position < window.model.rowCount():
            window.select_row(position)
            bring_forward(window, window.editor.correction_edit)

