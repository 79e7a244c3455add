"""Issue 12's window features on a big project: how long each scenario stalls the GUI
thread (glossary marks, the match pane's lookups, repetitions, learned fixes, concordance).

Two projects: N segments (default 100,000) of 5 to 40 words, MT only, about 10 % of them
repeated sentences (one sentence 3 % of the document, the rest drawn from a small pool),
5 % with the MT phrase "prime minster said"; and N / 10 segments with a source. Each has
a glossary of 20 terms. Per project, in one window: open it; Alt+Down ×50; Ctrl+Enter ×20
(the first fixes "minster", so fixes are learned; the repeated sentence is among them, so
repetitions are offered); Ctrl+Shift+. (the fix everywhere) and Ctrl+Z; Ctrl+Shift+P (the
repeated sentence to its repetitions) and Ctrl+Z; Ctrl+K on a common word.

A QTimer ticks every 5 ms on the GUI thread; the longest gap between two ticks while a
scenario runs, until its background work has ended, is its longest stall. Keys are pressed
40 ms apart (the actions triggered, as their shortcuts do).

    python benchmarks/issue12_window.py                       # 100,000 and 10,000 segments
    python benchmarks/issue12_window.py --segments 20000
    python benchmarks/issue12_window.py --baseline /path/to/old/checkout   # side by side

``--baseline SRC`` runs the same scenarios with the reviewer of SRC first (a child
process with SRC first on the import path) and prints both; ``--baseline OLD.json`` takes
them from an earlier run's ``--json`` output instead. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from replace_all import WORDS, StallMeter, window_on  # noqa: E402

PHRASE = "prime minster said"
FIXED = "prime minister said"
REPEATED = "The talks would continue next week while officials reported new figures."
TERMS = [(word, word.upper()) for word in WORDS[:20]]
KEY_GAP_S = 0.04
Figures = tuple[float, float, float]  # seconds in all, longest stall, its GUI CPU time


def sentences(count: int, seed: int) -> list[str]:
    """``count`` sentences of 5 to 40 words, about 10 % repeated."""
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(5, 40))]
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words) + 1), PHRASE)
        return " ".join(words).capitalize() + "."

    pool = [sentence() for _ in range(max(1, count // 50))]
    made = []
    for _ in range(count):
        draw = rng.random()
        made.append(REPEATED if draw < 0.03 else rng.choice(pool) if draw < 0.10
                    else sentence())
    made[1] = REPEATED  # confirmed among the 20
    made[0] = f"Today the {PHRASE} that {made[0][0].lower()}{made[0][1:]}"
    return made


def make_project(path: Path, count: int, with_source: bool) -> None:
    """The project: MT only, or with a source (the MT in capitals stands for it)."""
    from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
    from reviewer.session import ReviewSession

    texts = sentences(count, 12)
    made = [ImportedSegment(text, source=f"SRC {text}" if with_source else None)
            for text in texts]
    ReviewSession.create(path, ImportedDocument(made, Layout(("",) + ("\n",) * count),
                                                "lines")).close()
    session = ReviewSession.open(path)
    for source, target in TERMS:
        session.add_glossary_term(source if not with_source else f"{source}", target)
    session.close()


def idle(window: object) -> bool:
    """Nothing of the window runs in the background (lookups, learning, tasks)."""
    from reviewer.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    suggestions = window.suggestions
    learner_idle = getattr(suggestions, "_learner", None) is None \
        and not suggestions._timer.isActive()
    lookups = getattr(window.memory, "_lookups", None)
    compiler = getattr(window.glossary, "_compiler", None)
    others = [getattr(window.repetitions, "busy", False)]
    dialog = window.memory.concordance.dialog
    return (not window.busy and learner_idle and not (lookups and lookups.busy)
            and not (compiler and compiler.busy) and not any(others)
            and not (dialog is not None and dialog.searching))


def keys(window: object, steps: list[Callable[[], object]]) -> Callable[[], bool]:
    """Run ``steps`` KEY_GAP_S apart from the event loop; the returned test is True once
    all have run and the window is idle."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    left = list(steps)
    state = {"next": time.perf_counter()}

    def done() -> bool:
        if left and time.perf_counter() >= state["next"]:
            left.pop(0)()
            state["next"] = time.perf_counter() + KEY_GAP_S
        return not left and not window.busy and idle(window)  # type: ignore[attr-defined]

    return done


def press(window: object, name: str) -> Callable[[], object]:
    """Trigger action ``name`` as its shortcut does."""
    return lambda: window.action_table.action(name).trigger()  # type: ignore[attr-defined]


def scenarios(project: Path) -> dict[str, Figures | str]:
    """Every scenario's figures on ``project``."""
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    meter = StallMeter()
    results: dict[str, Figures | str] = {}
    windows: list[MainWindow] = []

    def opened() -> None:
        window = window_on(project)
        assert isinstance(window, MainWindow)
        windows.append(window)

    results["open the window"] = meter.measure(opened, lambda: bool(windows)
                                               and idle(windows[0]))
    window = windows[0]
    until = time.perf_counter() + 2
    results["nothing for 2 s"] = meter.measure(lambda: None,
                                               lambda: time.perf_counter() > until)
    window.select_row(2)
    results["Alt+Down ×50"] = meter.measure(
        lambda: None, keys(window, [press(window, "segment.next")] * 50))
    edit = window.editor

    def confirm(row: int, fix: bool) -> list[Callable[[], object]]:
        def go() -> None:
            window.select_row(row)
            if fix:
                edit.replace_text(edit.text().replace("minster", "minister")
                                  .replace("figures", "numbers"))
        return [go, press(window, "segment.confirm")]

    offered: list[str] = []
    steps = confirm(0, True) + confirm(1, True) + [
        lambda: offered.append(window.repetitions.label.text()[:48])]
    for row in range(60, 60 + 18 * 7, 7):
        steps += confirm(row, False)
    results["Ctrl+Enter ×20"] = meter.measure(lambda: None, keys(window, steps))
    results["offered after segment 2's confirm"] = offered[0] if offered else "none"
    found = [row for row in range(2, window.model.rowCount())
             if PHRASE in window.model.segment(row).text and
             window.model.segment(row).status != "confirmed"]
    window.select_row(found[0])
    for _ in range(200):
        app.processEvents()
    cursor = edit.correction_edit.textCursor()
    cursor.setPosition(edit.text().index("minster") + 2)
    edit.correction_edit.setTextCursor(cursor)
    at = window.suggestions.at_cursor()
    results["fix at the cursor"] = f"{at.mt!r} → {at.suggestion!r}" if at else "none"
    results["Ctrl+Shift+. (apply everywhere)"] = meter.measure(
        press(window, "fixes.everywhere"), lambda: idle(window))
    results["what it did"] = window.undo_stack.undoText()
    results["Ctrl+Z of it"] = meter.measure(press(window, "edit.undo"), lambda: idle(window))
    window.select_row(1)
    results["Ctrl+Shift+P (propagate)"] = meter.measure(
        press(window, "segment.propagate"), lambda: idle(window))
    results["what it did "] = window.undo_stack.undoText()
    results["Ctrl+Z of it "] = meter.measure(press(window, "edit.undo"), lambda: idle(window))

    def concordance() -> None:
        dialog = window.memory.concordance.open()
        dialog.set_query("minister")
        dialog.search_now()

    results["Ctrl+K 'minister'"] = meter.measure(concordance, lambda: idle(window))
    dialog = window.memory.concordance.dialog
    results["concordance says"] = dialog.count_label.text() if dialog is not None else ""
    window.close()
    app.processEvents()
    return results


def run_all(counts: list[int]) -> dict[str, dict[str, Figures | str]]:
    """The scenarios on each project (a folder of its own, removed after)."""
    out: dict[str, dict[str, Figures | str]] = {}
    folder = Path(tempfile.mkdtemp(prefix="reviewer-issue12-"))
    try:
        for count, with_source in ((counts[0], False), (counts[1], True)):
            project = folder / f"p{count}.review"
            started = time.perf_counter()
            make_project(project, count, with_source)
            print(f"{count:,} segments ({'with' if with_source else 'no'} source) made in "
                  f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
            out[f"{count:,} segments, {'source' if with_source else 'MT only'}"] = \
                scenarios(project)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def cell(value: Figures | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    seconds, stall, cpu = value
    return f"{seconds:.2f} s, **{stall * 1000:,.0f} ms** ({cpu * 1000:,.0f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--baseline", type=Path,
                        help="an older checkout to compare with, or an earlier --json output")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    counts = [args.segments, args.segments // 10]
    old: dict[str, dict[str, Figures | str]] = {}
    if args.baseline is not None and args.baseline.suffix == ".json":
        old = json.loads(args.baseline.read_text(encoding="utf-8"))
    elif args.baseline is not None:
        env = dict(os.environ, PYTHONPATH=str(args.baseline.resolve()))
        child = subprocess.run([sys.executable, __file__, "--segments", str(args.segments),
                                "--json"], env=env, capture_output=True, text=True,
                               check=True, cwd=args.baseline)
        sys.stderr.write(child.stderr)
        old = json.loads(child.stdout)
    new = run_all(counts)
    if args.json:
        print(json.dumps(new))
        return
    for project, figures in new.items():
        print(f"\n{project}: total, **longest GUI-thread stall** (its GUI CPU time)\n")
        print("| scenario | " + ("baseline | " if old else "") + "now |")
        print("|---|" + ("---|" if old else "") + "---|")
        for name, value in figures.items():
            before = old.get(project, {}).get(name)
            print(f"| {name.strip()} | " + (f"{cell(before)} | " if old else "")
                  + f"{cell(value)} |")
    print(f"\nLoad average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
