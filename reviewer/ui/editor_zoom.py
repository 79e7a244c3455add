"""View → Zoom in / Zoom out / Actual size: the source, MT and correction text larger or
smaller (Ctrl+plus, Ctrl+minus, Ctrl+0), remembered across runs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QWidget

from reviewer.ui.actions import ActionSpec, ActionTable
from reviewer.ui.settings import EDITOR_ZOOM, Settings

ZOOM_IN = ActionSpec("view.zoom_in", "&View", "Zoom &in", ("Ctrl++", "Ctrl+="),
                     separator_before=True)
ZOOM_OUT = ActionSpec("view.zoom_out", "&View", "Zoom &out", ("Ctrl+-",))
ZOOM_RESET = ActionSpec("view.zoom_reset", "&View", "Actual si&ze", ("Ctrl+0",))
SMALLEST, LARGEST = -6, 24  # points added to each box's own size


class EditorZoom:
    """Adds the same number of points to each text box's own font size."""

    def __init__(self, boxes: Sequence[QWidget], settings: Settings) -> None:
        self._settings = settings
        self._boxes = list(boxes)
        # each box's own size (the style sheet may make the correction larger); a style
        # sheet on the box itself is what wins over the application's
        self._base: list[float] = []
        for box in self._boxes:
            box.ensurePolished()
            size = box.font().pointSizeF()
            self._base.append(size if size > 0 else QFontInfo(box.font()).pointSizeF())
        self.steps = 0
        self.set_steps(settings.get(EDITOR_ZOOM), keep=False)

    def add_actions(self, table: ActionTable) -> None:
        """Put the three zoom actions in the View menu."""
        table.add(ZOOM_IN, lambda: self.set_steps(self.steps + 1))
        table.add(ZOOM_OUT, lambda: self.set_steps(self.steps - 1))
        table.add(ZOOM_RESET, lambda: self.set_steps(0))

    def set_steps(self, steps: int, keep: bool = True) -> None:
        """Make the text ``steps`` points larger (negative: smaller) than its own size."""
        smallest = max(SMALLEST, 1 - int(min(self._base, default=1.0)))
        self.steps = max(smallest, min(LARGEST, steps))
        for box, base in zip(self._boxes, self._base, strict=True):
            box.setStyleSheet(f"font-size: {base + self.steps:g}pt;" if self.steps else "")
        if keep:
            self._settings.set(EDITOR_ZOOM, self.steps)
