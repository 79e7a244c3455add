"""What can go wrong with a server project, said to the user (importing no database driver)."""

from __future__ import annotations

from reviewer.core.errors import ReviewerError


class ServerUnavailableError(ReviewerError):
    """The server cannot be reached (now): what was being written was not saved there."""


class NotAllowedError(ReviewerError):
    """The server refused: the user's role does not grant this."""
