"""``reviewer report PROJECT OUT.html|OUT.pdf``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from report_project import build
from test_report import pdf_pages

from reviewer.cli import main


@pytest.fixture
def project(tmp_path: Path, seed: Path) -> Path:
    return build(tmp_path / "report.review", seed)


def test_report_writes_one_html_file(project: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    html = tmp_path / "out.html"
    assert main(["report", str(project), str(html)]) == 0
    assert 'id="mqm"' in html.read_text(encoding="utf-8")
    assert f"wrote the report {html} (html)" in capsys.readouterr().err


def test_report_draws_a_pdf_without_a_display(project: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "out.pdf"
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "reviewer", "report", str(project), str(pdf)],
                          env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert pdf_pages(data) >= 3


def test_report_never_writes_over_the_project_nor_in_another_format(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = project.read_bytes()
    assert main(["report", str(project), str(project)]) == 1
    assert "never writes over it" in capsys.readouterr().err
    assert project.read_bytes() == before
    assert main(["report", str(project), str(tmp_path / "out.docx")]) == 1
    assert "a report is written as .html or .pdf" in capsys.readouterr().err
    assert not (tmp_path / "out.docx").exists()
