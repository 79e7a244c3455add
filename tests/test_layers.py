"""Everything below reviewer/ui runs without Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_importing_below_ui_never_loads_pyside6() -> None:
    modules = ["reviewer.core.scoring", "reviewer.core.segmentation", "reviewer.core.diff",
               "reviewer.store.project", "reviewer.formats.plaintext", "reviewer.session",
               "reviewer.demo", "reviewer.cli"]
    code = ("import sys\n"
            + "".join(f"import {m}\n" for m in modules)
            + "import pkgutil, reviewer\n"
            + "for info in pkgutil.walk_packages(reviewer.__path__, 'reviewer.'):\n"
            + "    if not info.name.startswith(('reviewer.ui', 'reviewer.__main__')):\n"
            + "        __import__(info.name)\n"
            + "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            + "print(','.join(loaded))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_installed_package_finds_its_resources_and_the_seed() -> None:
    from reviewer.locations import resources_dir, seed_file

    assert seed_file().is_file()
    assert seed_file().read_text(encoding="utf-8").startswith("Putin: Russian military")
    for name in ("style.qss", "reviewer.svg", "reviewer.desktop"):
        assert (resources_dir() / name).is_file()


def test_matplotlib_is_loaded_only_to_draw_a_chart() -> None:
    """Every command and the window start half a second sooner without it."""
    code = ("import sys, reviewer.cli, reviewer.ui.main_window, reviewer.report.output, "
            "reviewer.report.html; print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "False", result.stderr


def test_no_module_below_the_window_names_pyside6() -> None:
    """Not even in a function: Qt is reached only through reviewer.ui."""
    package = Path(__file__).resolve().parent.parent / "reviewer"
    naming = [str(path.relative_to(package)) for path in package.rglob("*.py")
              if "ui" not in path.relative_to(package).parts
              and "PySide6" in path.read_text(encoding="utf-8")]
    assert naming == []
