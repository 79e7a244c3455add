"""The filter bar's Mine: only the segments a server project's manager assigned to me.

Shown for a server project (a file has no team), usable when something is assigned to the
user; which segments are theirs is asked when the filter is applied, so a new
assignment counts the next time Mine is chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

TIP = "Only the segments assigned to you ({ranges})"
NONE_TIP = "Nothing is assigned to you on this project (its manager assigns segments)"


class MineFilter(QObject):
    """Offers Mine in the filter bar for each project the window shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.button = window.filters.filter_bar.mine
        window.filters.filter_bar.mine_positions = self.positions
        # the window shows a project by resetting its model: offer Mine for that one
        window.model.modelReset.connect(self.update)
        self.update()

    def positions(self) -> frozenset[int]:
        """The positions assigned to the user now."""
        return frozenset(self._window.session.my_positions())

    def update(self) -> None:
        """Show Mine on a server project; usable when something is assigned."""
        session = self._window.session
        shared = session.my_role() is not None  # None: a project file
        self.button.setVisible(shared)
        mine = session.my_positions() if shared else []
        self.button.setEnabled(bool(mine) or self.button.isChecked())
        self.button.setToolTip(TIP.format(ranges=ranges_text(mine)) if mine else NONE_TIP)


def ranges_text(positions: list[int]) -> str:
    """Sorted positions as users number segments: ``segments 3-5, 9``."""
    ranges: list[list[int]] = []
    for position in positions:
        if ranges and position == ranges[-1][1] + 1:
            ranges[-1][1] = position
        else:
            ranges.append([position, position])
    parts = [f"{first + 1}" if first == last else f"{first + 1}-{last + 1}"
             for first, last in ranges]
    return ("segment " if parts == [parts[0]] and "-" not in parts[0] else "segments ") \
        + ", ".join(parts)
