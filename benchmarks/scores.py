"""Scores at scale, measured side by side in one run on the same generated data.

For each size (10,000 and 100,000 segments by default) it generates MT, post-edits (30%
of them differ from the MT) and a reference, then measures:

- importing the MT alone with ``reviewer new`` (wall time, peak memory), and with the
  post-edits (their TER runs in worker processes);
- sacrebleu recomputing the document scores (``corpus_score`` of BLEU, chrF and TER);
- our document-score read: opening the project and reading its summed statistics, in
  process and as ``reviewer score`` end to end (every segment printed to /dev/null);
- our one-edit update: ``ReviewSession.edit`` in process and ``reviewer edit`` end to end;
- that our document scores equal sacrebleu's (to 1e-9).

At the largest size it also opens the project in the main window (Qt offscreen), jumps
to segment 99,999, and types into a 200-word segment while a 1 ms timer records how long
the GUI thread went without returning to its event loop (the longest stall).

    python benchmarks/scores.py                  # 10k and 100k, about 10 minutes
    python benchmarks/scores.py --sizes 2000     # a quick look

Not part of the test suite. Other programs running at the same time slow everything
down alike; the ratios hold because both sides are measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")  # offscreen's size-hint notes

from corpus import Corpus, long_segment, make_corpus  # noqa: E402

LONG_WORDS = 200
TOLERANCE = 1e-9


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ``reviewer ARGS`` exactly as the console script runs it, then the process's own peak
# resident memory (VmHWM: ru_maxrss would count the benchmark's memory too, from the fork)
_CLI = """
import sys
from reviewer.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
sys.stderr.write(f"\\nVmHWM {peak}\\n")
raise SystemExit(code)
"""


def run_cli(*args: object) -> tuple[float, float, int]:
    """Run ``reviewer ARGS`` in a fresh interpreter: wall seconds, peak RSS (MB), exit code."""
    command = [sys.executable, "-c", _CLI, *(str(a) for a in args)]
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    wall = time.perf_counter() - start
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("VmHWM")]
    return wall, int(peaks[-1]) / 1024 if peaks else float("nan"), done.returncode


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def with_long_segment(corpus: Corpus) -> tuple[Corpus, int]:
    """The corpus with its middle segment replaced by an unedited 200-word one."""
    middle = len(corpus.mt) // 2
    long = long_segment(LONG_WORDS)
    mt, corrections = list(corpus.mt), list(corpus.corrections)
    edited = corpus.edited - (mt[middle] != corrections[middle])
    mt[middle] = corrections[middle] = long
    return Corpus(mt, corrections, corpus.references, edited), middle


def sacrebleu_scores(corpus: Corpus) -> dict[str, Any]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    result: dict[str, Any] = {}
    for name, metric in (("bleu", BLEU()), ("chrf", CHRF()), ("ter", TER())):
        _say(f"  sacrebleu {name} corpus_score …")
        seconds, score = timed(lambda m=metric: m.corpus_score(corpus.mt, [corpus.corrections]))
        result[name] = {"seconds": seconds, "score": score.score}
    result["seconds"] = sum(result[name]["seconds"] for name in ("bleu", "chrf", "ter"))
    return result


def measure_size(size: int, folder: Path, rng: random.Random) -> dict[str, Any]:
    _say(f"{size} segments: generating")
    corpus, long_row = with_long_segment(make_corpus(size))
    mt_file, pe_file = folder / f"mt-{size}.txt", folder / f"pe-{size}.txt"
    write_lines(mt_file, corpus.mt)
    write_lines(pe_file, corpus.corrections)
    words = sum(len(line.split()) for line in corpus.mt)
    result: dict[str, Any] = {"segments": size, "words": words, "edited": corpus.edited,
                              "long_row": long_row}

    _say("  reviewer new (MT only) …")
    plain = folder / f"plain-{size}.review"
    wall, rss, code = run_cli("new", plain, "--mt", mt_file, "--segment", "lines")
    assert code == 0, "import failed"
    result["import_mt"] = {"seconds": wall, "peak_mb": rss}

    _say("  reviewer new --corrections …")
    project = folder / f"edited-{size}.review"
    wall, rss, code = run_cli("new", project, "--mt", mt_file, "--corrections", pe_file,
                              "--segment", "lines")
    assert code == 0, "import with corrections failed"
    result["import_corrections"] = {"seconds": wall, "peak_mb": rss}

    result["sacrebleu"] = sacrebleu_scores(corpus)

    from reviewer.session import ReviewSession

    def read() -> Any:
        session = ReviewSession.open(project, read_only=True)
        try:
            return session.summary()
        finally:
            session.close()

    read_seconds = [timed(read)[0] for _ in range(3)]
    summary = read()
    ours = summary.scores
    sacre = result["sacrebleu"]
    differences = {"bleu": abs(ours.bleu - sacre["bleu"]["score"]),
                   "chrf": abs(ours.chrf - sacre["chrf"]["score"]),
                   "ter": abs(ours.hter - sacre["ter"]["score"])}
    session = ReviewSession.open(project, read_only=True)
    totals_seconds = min(timed(lambda: session.totals().scores())[0] for _ in range(5))
    counts_seconds = min(timed(lambda: session._store.counts())[0] for _ in range(3))
    session.close()
    result["read"] = {"seconds": statistics.median(read_seconds),
                      "totals_only_seconds": totals_seconds,
                      "counts_seconds": counts_seconds,
                      "max_difference": max(differences.values()),
                      "equal": all(d <= TOLERANCE for d in differences.values())}

    _say("  reviewer score …")
    score_runs = [run_cli("score", project) for _ in range(2)]
    assert all(code == 0 for _, _, code in score_runs)
    result["cli_score"] = {"seconds": min(wall for wall, _, _ in score_runs),
                           "peak_mb": max(rss for _, rss, _ in score_runs)}

    _say("  one-edit updates …")
    positions = rng.sample(range(size), 6)
    session = ReviewSession.open(project)
    edit_seconds = []
    for position in positions[:4]:
        text = corpus.mt[position].replace(" ", " new ", 1)
        edit_seconds.append(timed(lambda p=position, t=text: session.edit(p, t, "bench"))[0])
    session.close()
    cli_edits = []
    for position in positions[4:]:
        text = corpus.mt[position].replace(" ", " other ", 1)
        wall, _, code = run_cli("edit", project, position + 1, text, "--author", "bench")
        assert code == 0
        cli_edits.append(wall)
    result["edit"] = {"seconds": statistics.median(edit_seconds), "max_seconds":
                      max(edit_seconds)}
    result["cli_edit"] = {"seconds": max(cli_edits)}
    result["project"] = str(project)
    result["project_mb"] = project.stat().st_size / 2**20
    return result


# -- the window ------------------------------------------------------------------------


def measure_gui(project: Path, long_row: int, size: int) -> dict[str, Any]:
    """Open, jump to the last segment, type into the long one; the GUI thread's stalls."""
    from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from reviewer.session import ReviewSession
    from reviewer.ui.interaction import Interaction
    from reviewer.ui.main_window import MainWindow

    class Scripted(Interaction):
        next_integer: int | None = None

        def ask_integer(self, title: str, label: str, value: int, minimum: int,
                        maximum: int) -> int | None:
            return self.next_integer

        def error(self, title: str, message: str) -> None:
            raise RuntimeError(f"{title}: {message}")

    app = QApplication.instance() or QApplication([])
    settings_file = project.with_suffix(".ini")
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("author", "bench")
    interaction = Scripted()
    result: dict[str, Any] = {}

    start = time.perf_counter()
    window = MainWindow(ReviewSession.open(project), interaction=interaction, settings=settings)
    window.show()
    app.processEvents()
    result["open_seconds"] = time.perf_counter() - start

    interaction.next_integer = size - 1  # segment 99,999 of 100,000
    seconds, _ = timed(lambda: (window.go_to_segment_dialog(), app.processEvents()))
    assert window.editor.position == size - 2
    result["jump_seconds"] = seconds

    window.scorer.warm_up()
    deadline = time.monotonic() + 60
    while window.scorer._running is not None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    interaction.next_integer = long_row + 1
    window.go_to_segment_dialog()
    app.processEvents()
    editor = window.editor.correction_edit
    assert len(editor.toPlainText().split()) == LONG_WORDS + 0

    # a fast typist: 40 ms a key, a 250 ms pause after each word, a few corrections
    sentence = ("and the committee said that it would not accept the proposal before the "
                "next meeting of the council in the spring")
    words = sentence.split(" ")
    keys: list[tuple[str, int]] = []
    for word in words:
        keys += [(char, 40) for char in " " + word]
        keys[-1] = (keys[-1][0], 250)
        if len(keys) % 5 == 0:
            keys += [("\b", 40), (word[-1], 250)]
    ticks: list[float] = []
    handling: list[float] = []
    scored: list[str] = []
    window.scorer.scored.connect(lambda position, text, *_: scored.append(text))
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    state = {"next": 0, "done": False}

    def send_next() -> None:
        index = state["next"]
        if index >= len(keys):
            state["done"] = True
            return
        char, pause = keys[index]
        state["next"] = index + 1
        key = Qt.Key.Key_Backspace if char == "\b" else 0
        text = "" if char == "\b" else char
        begin = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     text))
        handling.append(time.perf_counter() - begin)
        QTimer.singleShot(pause, send_next)

    editor.setFocus()
    ticker.start()
    typing_start = time.perf_counter()
    QTimer.singleShot(50, send_next)
    while not state["done"]:
        app.processEvents()
        time.sleep(0.0005)
    typing_seconds = time.perf_counter() - typing_start
    final = editor.toPlainText()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # until the final text's live scores are shown
        app.processEvents()
        live = window.editing.live.get(long_row)
        if live is not None and live[0] == final:
            break
        time.sleep(0.0005)
    scored_after = time.perf_counter() - typing_start - typing_seconds
    ticker.stop()
    gaps = sorted(b - a for a, b in zip(ticks, ticks[1:], strict=False))
    result["typing"] = {
        "keys": len(keys), "seconds": typing_seconds,
        "longest_stall_ms": 1000 * gaps[-1],
        "p99_gap_ms": 1000 * gaps[int(0.99 * (len(gaps) - 1))],
        "longest_key_ms": 1000 * max(handling),
        "scores_after_last_key_s": scored_after,
        "live_scores_shown": "live" in window.editor.scores_label.text(),
        "scored_while_typing": len(scored),
    }
    seconds, _ = timed(window.confirm_current)
    result["confirm_seconds"] = seconds
    window.scorer.shutdown(wait=True)
    window.close()
    window.deleteLater()
    app.processEvents()
    settings_file.unlink(missing_ok=True)
    return result


# -- report ----------------------------------------------------------------------------


def report(results: dict[str, Any]) -> str:
    sizes = results["sizes"]

    def row(label: str, cell: Callable[[dict[str, Any]], str]) -> str:
        return f"| {label} | " + " | ".join(cell(size) for size in sizes) + " |"

    def ratio(size: dict[str, Any], seconds: float) -> str:
        return f"{size['sacrebleu']['seconds'] / seconds:,.0f}×"

    def ms(seconds: float) -> str:
        return f"{1000 * seconds:.1f} ms" if seconds >= 0.001 else f"{1e6 * seconds:.0f} µs"

    lines = [
        f"machine: {results['cpus']} cores, Python {results['python']}, sacrebleu "
        f"{results['sacrebleu']}, load average at start {results['load']}",
        "",
        "| | " + " | ".join(f"{size['segments']:,} segments" for size in sizes) + " |",
        "|---|" + "---|" * len(sizes),
        row("words (MT); post-edits that differ from the MT",
            lambda z: f"{z['words']:,}; {z['edited']:,}"),
        row("sacrebleu `corpus_score` BLEU + chrF + TER", lambda z: (
            f"**{z['sacrebleu']['seconds']:.1f} s** ({z['sacrebleu']['bleu']['seconds']:.1f} + "
            f"{z['sacrebleu']['chrf']['seconds']:.1f} + {z['sacrebleu']['ter']['seconds']:.1f})")),
        row("our document scores from the summed statistics", lambda z: (
            f"{ms(z['read']['totals_only_seconds'])} "
            f"({ratio(z, z['read']['totals_only_seconds'])})")),
        row("our document summary: open the file, scores, progress counts", lambda z: (
            f"**{ms(z['read']['seconds'])}** ({ratio(z, z['read']['seconds'])}); the counts "
            f"{ms(z['read']['counts_seconds'])}")),
        row("`reviewer score` end to end, every segment printed", lambda z: (
            f"**{z['cli_score']['seconds']:.2f} s** ({ratio(z, z['cli_score']['seconds'])})")),
        row("our one-edit update (`ReviewSession.edit`, median of 4)", lambda z: (
            f"**{ms(z['edit']['seconds'])}** ({ratio(z, z['edit']['seconds'])})")),
        row("`reviewer edit` end to end (slowest of 2)", lambda z: (
            f"**{z['cli_edit']['seconds']:.2f} s** ({ratio(z, z['cli_edit']['seconds'])})")),
        row("our document scores equal sacrebleu's (largest difference)", lambda z: (
            f"{'yes' if z['read']['equal'] else 'NO'} ({z['read']['max_difference']:.1e})")),
        row("import the MT (`reviewer new`): time, peak memory", lambda z: (
            f"**{z['import_mt']['seconds']:.1f} s**, {z['import_mt']['peak_mb']:.0f} MB")),
        row("import MT + post-edits (`--corrections`): time, peak memory", lambda z: (
            f"{z['import_corrections']['seconds']:.1f} s, "
            f"{z['import_corrections']['peak_mb']:.0f} MB + workers")),
        row("project file", lambda z: f"{z['project_mb']:.0f} MB"),
    ]
    gui = results.get("gui")
    if gui:
        typing = gui["typing"]
        lines += [
            "",
            f"window on {gui['segments']:,} segments (offscreen): opens in "
            f"{gui['open_seconds']:.2f} s, jumps to segment {gui['segments'] - 1:,} in "
            f"{1000 * gui['jump_seconds']:.0f} ms; typing {typing['keys']} keys into a "
            f"{LONG_WORDS}-word segment over {typing['seconds']:.1f} s: longest GUI-thread "
            f"stall {typing['longest_stall_ms']:.1f} ms (99th percentile of 1 ms timer gaps "
            f"{typing['p99_gap_ms']:.1f} ms, longest key {typing['longest_key_ms']:.1f} ms); "
            f"{typing['scored_while_typing']} live scorings shown while typing, the final "
            f"text's {typing['scores_after_last_key_s']:.1f} s after "
            f"the last key; confirming (scores ready) {1000 * gui['confirm_seconds']:.0f} ms",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-gui", action="store_true", help="skip the window measurements")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()

    import sacrebleu

    results: dict[str, Any] = {
        "cpus": os.cpu_count(), "python": platform.python_version(),
        "sacrebleu": sacrebleu.__version__,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()), "sizes": [],
    }
    rng = random.Random(11)
    with tempfile.TemporaryDirectory(prefix="reviewer-bench-") as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            results["sizes"].append(measure_size(size, folder, rng))
        if not args.no_gui:
            largest = results["sizes"][-1]
            _say(f"window on {largest['segments']} segments …")
            results["gui"] = {"segments": largest["segments"],
                              **measure_gui(Path(largest["project"]), largest["long_row"],
                                            largest["segments"])}
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
