"""The Qt binding keeps None's reference count (PySide6 6.12.0 did not: the app died)."""

from __future__ import annotations

import sys

import pytest

from PySide6.QtWidgets import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_methods_that_return_nothing_keep_nones_reference_count(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(500):
        label.setText("x")
        label.update()
    assert sys.getrefcount(None) - before > -50  # 6.12.0: -1000, then "none_dealloc"
