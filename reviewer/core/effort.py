"""Post-editing effort as PET records it: editing time and keystrokes by class."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Effort:
    """Time the correction had the keyboard (pauses over the limit left out) and keystrokes."""

    editing_ms: int = 0
    insertions: int = 0
    deletions: int = 0
    navigation: int = 0


class EffortClock:
    """Counts editing time between keystrokes, leaving out pauses longer than a limit.

    Times are in milliseconds from any monotonic clock the caller supplies.
    """

    def __init__(self, pause_limit_ms: int) -> None:
        self.pause_limit_ms = pause_limit_ms
        self._total = 0
        self._last: int | None = None
        self.insertions = 0
        self.deletions = 0
        self.navigation = 0

    def start(self, now_ms: int) -> None:
        """The editor got the keyboard."""
        self._last = now_ms

    def tick(self, now_ms: int) -> None:
        """Activity: count the time since the last activity unless it was a long pause."""
        if self._last is not None:
            gap = now_ms - self._last
            if 0 <= gap <= self.pause_limit_ms:
                self._total += gap
        self._last = now_ms

    def stop(self, now_ms: int) -> None:
        """The editor lost the keyboard."""
        self.tick(now_ms)
        self._last = None

    def effort(self, now_ms: int) -> Effort:
        """Effort so far (counting up to ``now_ms`` if the editor still has the keyboard)."""
        total = self._total
        if self._last is not None:
            gap = now_ms - self._last
            if 0 <= gap <= self.pause_limit_ms:
                total += gap
        return Effort(total, self.insertions, self.deletions, self.navigation)
