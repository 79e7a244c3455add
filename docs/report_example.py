"""Make the example quality report: the demo article corrected, annotated and reviewed.

    .venv/bin/python docs/report_example.py

Builds a project from seeds/valdai-putin-mt.txt in a temporary folder with a dozen
corrections (each with the editing time it took), a dozen MQM annotations and a few
reviewed segments, then writes docs/report-example.html and docs/report-example.pdf, a
picture of the charts window and, where pdftoppm and chromium are installed, pictures of
the report in docs/images/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.core.effort import Effort  # noqa: E402
from reviewer.formats.plaintext import import_plain_text  # noqa: E402
from reviewer.locations import seed_file  # noqa: E402
from reviewer.report.content import build_report  # noqa: E402
from reviewer.report.output import write_report  # noqa: E402
from reviewer.session import ReviewSession  # noqa: E402
from reviewer.ui.charts_dialog import ChartsDialog, chart_images  # noqa: E402
from reviewer.ui.report_pdf import report_pdf  # noqa: E402

DOCS = Path(__file__).resolve().parent
IMAGES = DOCS / "images"

# (segment, MT words, their correction, editing seconds)
CORRECTIONS = [
    (0, "Russian military to act in Syria successful", "the Russian military is acting "
        "successfully in Syria", 41),
    (2, "The President of Russia Vladimir Putin is convinced that Russian soldiers are in "
        "Syria successful, but recognizes", "Russian President Vladimir Putin is convinced "
        "that Russian soldiers are successful in Syria, but admits", 38),
    (3, "other means of attack, coordinated with offensive operations of the Syrian army "
        "will give positive results”, – said the head of state, speaking at the meeting of "
        "the discussion club “Valdai”", "other weapons, together with the offensive of the "
        "Syrian army, will bring results,” the head of state said at a meeting of the Valdai "
        "discussion club", 95),
    (4, "terrorism in Syria defeated? No. Need more serious effort to make such an assertion "
        "would require", "terrorism in Syria has been defeated? No. To say so would take", 70),
    (5, "Confidence gives only an insurance policy", "Only an insurance policy gives "
        "certainty", 22),
    (6, "their beliefs", "our convictions", 9),
    (8, "throw stones nor in whose garden", "throw stones into anyone's garden", 330),
    (10, "Until our colleagues to do anything failed, in my opinion, effective.",
         "So far our colleagues have not managed to do anything effective, in my opinion.",
         48),
    (12, "to send to the Washington delegation", "to send a delegation to Washington", 18),
    (14, "foreign Ministers", "foreign ministers", 5),
    (20, "various countries, where the majority are followers of certain sects of Islam",
         "various countries where most people follow one or another branch of Islam", 33),
    (21, "We don’t make no difference", "We make no distinction", 11),
]

# (segment, side, the text marked, category, severity, note)
ANNOTATIONS = [
    (0, "mt", "to act in Syria successful", "fluency/grammar", "major", "no finite verb"),
    (2, "mt", "recognizes", "accuracy/mistranslation", "minor", "признаёт: admits"),
    (3, "mt", "means of attack", "terminology", "minor", "средства поражения: weapons"),
    (3, "mt", "“Valdai”", "locale-conventions", "minor", "the Valdai club, not quoted"),
    (4, "mt", "defeated?", "accuracy/omission", "major", "the verb is lost"),
    (5, "mt", "Confidence gives only an insurance policy", "accuracy/mistranslation",
     "major", "the proverb is turned around"),
    (6, "mt", "their beliefs", "accuracy/mistranslation", "major", "свои: our own"),
    (8, "mt", "throw stones nor in whose garden", "accuracy/mistranslation", "critical",
     "an idiom rendered word for word: meaningless"),
    (8, "mt", "blows", "terminology", "minor", "strikes"),
    (10, "mt", "Until our colleagues to do anything failed", "fluency/grammar", "major", ""),
    (14, "mt", "Ministers", "fluency/spelling", "minor", "lower case in English"),
    (21, "mt", "don’t make no", "fluency/grammar", "minor", "a double negative"),
    (18, "mt", ", said the President", "fluency/punctuation", "minor", ""),
]

REVIEWED = [0, 2, 6, 14]  # the reviewer accepts the editor's text
REVIEWER_EDIT = (21, "“We make no distinction,” he said.")
REJECTED = (5, "The proverb still reads oddly: 'confidence comes only with an insurance "
               "policy'")


def build(path: Path) -> None:
    """The example project at ``path``."""
    session = ReviewSession.create(path, import_plain_text(seed_file()))
    try:
        for position, old, new, seconds in CORRECTIONS:
            mt = session.segment(position).mt
            if old not in mt:
                raise SystemExit(f"segment {position + 1} has no {old!r}")
            session.edit(position, mt.replace(old, new, 1), "anna",
                         effort=Effort(editing_ms=seconds * 1000))
        session.score_pending()
        for position, side, marked, category, severity, note in ANNOTATIONS:
            text = session.segment(position).mt
            start = text.index(marked)
            session.add_annotation(position, side, start, start + len(marked), category,
                                   severity, note, "boris")
        for position in REVIEWED:
            session.review_accept(position, "boris")
        position, text = REVIEWER_EDIT
        session.review_edit(position, text, "boris", Effort(editing_ms=14_000))
        position, comment = REJECTED
        session.review_reject(position, "boris", comment)
        session.score_pending()
    finally:
        session.close()


def pictures(pdf: Path, html: Path) -> None:
    """PDF pages (pdftoppm) and the HTML page in a browser (headless chromium)."""
    if shutil.which("pdftoppm"):
        for old in IMAGES.glob("report-pdf-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf),
                        str(IMAGES / "report-pdf")], check=True)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", "--window-size=1000,3000",
                        f"--screenshot={IMAGES / 'report-html.png'}", html.as_uri()],
                       check=True, capture_output=True, timeout=120)


def charts_window(images: list[tuple[str, bytes]], name: str) -> None:
    """View → Quality charts… as the window shows it."""
    dialog = ChartsDialog(images, f"Quality charts: {name}")
    dialog.resize(1000, 720)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(IMAGES / "charts-window.png"))
    dialog.close()


def main() -> None:
    app = QApplication.instance() or QApplication(["reviewer"])
    html, pdf = DOCS / "report-example.html", DOCS / "report-example.pdf"
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "valdai.review"
        build(project)
        session = ReviewSession.open(project, read_only=True)
        try:
            write_report(session, html, report_pdf)
            write_report(session, pdf, report_pdf)
            charts_window(chart_images(build_report(session)), project.name)
        finally:
            session.close()
    pictures(pdf, html)
    del app
    print(f"wrote {html} and {pdf}")


if __name__ == "__main__":
    main()
