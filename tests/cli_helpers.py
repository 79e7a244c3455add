"""Run the ``reviewer`` command in-process and capture what it printed."""

from __future__ import annotations

import pytest

from reviewer.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one command."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
