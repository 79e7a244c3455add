"""Errors a user can act on, shown as one line, never as a traceback; and the exit codes."""

from enum import IntEnum


class ReviewerError(Exception):
    """Bad input or a state the user can fix; the message is meant for them."""


class ExitCode(IntEnum):
    """What the process tells its caller."""

    OK = 0
    BAD_INPUT = 1  # a ReviewerError, or problems found by ``verify`` or ``check``
    BAD_USAGE = 2
    INTERRUPTED = 130
