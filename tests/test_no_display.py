"""Without a display the window says so in one line; screenshots still render offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

if not sys.platform.startswith("linux"):
    pytest.skip("DISPLAY and WAYLAND_DISPLAY are how Linux finds a display",
                allow_module_level=True)

_DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def _without_display(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DISPLAY_VARIABLES}
    return {**env, **extra}


@pytest.mark.parametrize("platform", [None, "xcb", "wayland", "wayland;xcb"])
def test_window_without_a_display_is_one_line(platform: str | None, seed_project: Path) -> None:
    env = _without_display(**({} if platform is None else {"QT_QPA_PLATFORM": platform}))
    result = subprocess.run([sys.executable, "-m", "reviewer", str(seed_project)],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("reviewer: error: the window needs a display")
    assert "--screenshot" in result.stderr and "QT_QPA_PLATFORM=offscreen" in result.stderr


def test_screenshot_without_a_display(tmp_path: Path, seed_project: Path) -> None:
    png = os.fsencode(tmp_path) + b"/window\xff.png"  # and a name that is not UTF-8
    env = _without_display(PYTHONIOENCODING="utf-8:strict")
    result = subprocess.run([os.fsencode(sys.executable), b"-m", b"reviewer", b"--screenshot",
                             png, os.fsencode(seed_project)],
                            capture_output=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"saved ") and b"window\\xff.png" in result.stdout
    with open(png, "rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"


def test_which_platforms_need_which_variable() -> None:
    from reviewer.ui.app import missing_display

    assert missing_display({}) is not None
    assert missing_display({"DISPLAY": ":0"}) is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert missing_display({"QT_QPA_PLATFORM": "vnc:size=800x600"}) is None
    message = missing_display({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"})
    assert message is not None and "DISPLAY is not set" in message
    assert missing_display({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":1"}) is None


def test_missing_x_libraries_are_named_instead_of_qt_aborting() -> None:
    from reviewer.ui.app import missing_x_libraries

    def none(name: str) -> None:
        return None

    def found(name: str) -> str:
        return f"lib{name}.so.0"

    problem = missing_x_libraries({"DISPLAY": ":0"}, find=none)
    assert problem is not None and "libxcb-cursor0" in problem and "--screenshot" in problem
    assert missing_x_libraries({"DISPLAY": ":0"}, find=found) is None
    assert missing_x_libraries({"QT_QPA_PLATFORM": "offscreen"}, find=none) is None
    assert missing_x_libraries({"WAYLAND_DISPLAY": "wayland-0"}, find=none) is None
