"""QA warnings as the window words them: check names, the row's tooltip, the editor's line."""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.core.qa import QaWarning
from reviewer.ui.tag_chips import labelled_message


def check_label(check: str) -> str:
    """A check's id as a name: "double-space" → "Double space"."""
    return check.replace("-", " ").capitalize()


def warning_text(warning: QaWarning) -> str:
    """One warning with its check's name; tags in the notation read as the chips show them."""
    return f"{check_label(warning.check)}: {labelled_message(warning.message)}"


def qa_tooltip(warnings: Sequence[QaWarning]) -> str:
    """The row's tooltip: every warning on a line of its own."""
    return "QA warnings:\n" + "\n".join(f"• {warning_text(warning)}" for warning in warnings)


def qa_line(warnings: Sequence[QaWarning]) -> str:
    """The line under the editor."""
    return "⚠ " + "; ".join(warning_text(warning) for warning in warnings)
