"""The time the store writes beside every change."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
