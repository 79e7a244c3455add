"""Errors a user can act on: shown as one line, never as a traceback."""


class ReviewerError(Exception):
    """Bad input or a state the user can fix; the message is meant for them."""
