"""Kill the real app and the real CLI at random moments and check that nothing was lost.

Each round starts either the window (``app_driver.py``, offscreen, with a file dialog now
and then and CLI readers running beside it) or one CLI command, and SIGKILLs it at a
random moment. Then, as the next start of the app would, the project is opened for
editing once, and the checks run: ``reviewer verify`` passes, every revision the app or
the CLI acknowledged is present with its text, every draft it said was kept is there (or
became a revision), an export is a complete file, every backup passes verify, and no
partial file is left.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.session import ReviewSession

DRIVER = Path(__file__).resolve().parent / "app_driver.py"
WORDS = ["mir", "Sochi", "said", "Путин", "ёлка", "army", "«news»"]


@dataclass
class Ledger:
    """What the killed processes said was saved."""

    revisions: dict[tuple[int, int], str] = field(default_factory=dict)
    drafts: dict[int, str] = field(default_factory=dict)
    backups: list[Path] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)


@dataclass
class Figures:
    """What a run did and found."""

    kills: int = 0
    app_kills: int = 0
    cli_kills: int = 0
    acknowledged: int = 0
    drafts_checked: int = 0
    reader_runs: int = 0
    backups_checked: int = 0
    lost: int = 0
    verify_failures: int = 0
    failures: list[str] = field(default_factory=list)


def reviewer(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "reviewer", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


class Readers:
    """CLI readers (score, history) running beside the window until stopped."""

    def __init__(self, project: Path, figures: Figures) -> None:
        self.project, self.figures = project, figures
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while not self.stop.is_set():
            for command in ("score", "history"):
                result = reviewer(command, self.project, "--json")
                self.figures.reader_runs += 1
                if result.returncode != 0:
                    self.figures.failures.append(f"reader {command}: {result.stderr.strip()}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join()


def app_round(project: Path, rng: random.Random, ledger: Ledger, figures: Figures) -> None:
    """Start the window, let it work, read beside it, SIGKILL it."""
    app = subprocess.Popen([sys.executable, str(DRIVER), str(project), str(rng.randrange(1 << 30))],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert app.stdout is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(app.stdout.readline, "")),  # type: ignore[union-attr]
                              daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while not any('"ready"' in line for line in list(lines)):
        if app.poll() is not None or time.monotonic() > deadline:
            app.kill()
            raise AssertionError(f"the app did not start: {app.stderr.read()}")  # type: ignore[union-attr]
        time.sleep(0.01)
    readers = Readers(project, figures) if rng.random() < 0.7 else None
    time.sleep(rng.uniform(0.0, 2.5))
    app.kill()
    app.wait()
    reader.join(timeout=10)
    if readers is not None:
        readers.close()
    figures.app_kills += 1
    for line in lines:
        event = json.loads(line)
        for position, number, text in event.get("ack", []):
            ledger.revisions[(position, number)] = text
            ledger.drafts.pop(position, None)
        doing = event.get("doing")
        if doing in ("undo", "redo"):  # may take back typing, and with it any draft
            ledger.drafts.clear()
        elif doing is not None:
            ledger.drafts.pop(doing, None)
        if "draft" in event:
            ledger.drafts[event["draft"][0]] = event["draft"][1]
        if "backup" in event:
            ledger.backups.append(Path(event["backup"]))
        if "export" in event:
            ledger.exports.append(Path(event["export"]))


_SAVED = re.compile(r"^segment (\d+): revision (\d+) saved")


def cli_round(project: Path, rng: random.Random, ledger: Ledger, figures: Figures,
              segments: int) -> None:
    """Start one CLI command and SIGKILL it at a random moment (unless it ended first)."""
    roll = rng.random()
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
    folder = project.parent
    backup = folder / f"cli-backup-{rng.randrange(1 << 30)}.review"
    if roll < 0.5:
        args: list[object] = ["edit", project, rng.randint(1, segments), text, "--author", "cli"]
    elif roll < 0.65:
        args = ["version", project, f"cli-{rng.randrange(1 << 30)}"]
    elif roll < 0.8:
        args = ["export", project, folder / "export-cli.jsonl"]
    else:
        args = ["backup", project, backup]
    command = subprocess.Popen([sys.executable, "-m", "reviewer", *map(str, args)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(rng.uniform(0.0, 1.2))
    command.kill()
    out, _ = command.communicate()
    figures.cli_kills += 1
    if command.returncode != 0:
        return
    saved = _SAVED.match(out)
    if saved:
        ledger.revisions[(int(saved[1]) - 1, int(saved[2]))] = text
        ledger.drafts.pop(int(saved[1]) - 1, None)
    if args[0] == "backup":
        ledger.backups.append(backup)
    if args[0] == "export":
        ledger.exports.append(folder / "export-cli.jsonl")


def check(project: Path, ledger: Ledger, figures: Figures) -> None:
    """After a kill: what the next start sees must hold everything acknowledged."""
    ReviewSession.open(project).close()  # the next start (it also clears killed partials)
    report = reviewer("verify", project, "--json")
    if report.returncode != 0:
        figures.verify_failures += 1
        figures.failures.append(f"verify: {report.stdout.strip()} {report.stderr.strip()}")
    session = ReviewSession.open(project, read_only=True)
    try:
        stored = {(r.position, r.number): r.text for r in session.history()}
        drafts = session.drafts()
        segments = session.segment_count()
    finally:
        session.close()
    for key, text in ledger.revisions.items():
        if stored.get(key) != text:
            figures.lost += 1
            figures.failures.append(f"revision {key[1]} of segment {key[0] + 1} lost: "
                                    f"{text!r} -> {stored.get(key)!r}")
    figures.acknowledged = len(ledger.revisions)
    for position, text in ledger.drafts.items():
        figures.drafts_checked += 1
        kept = {t for (p, _), t in stored.items() if p == position}
        if position in drafts:
            kept.add(drafts[position].text)
        if text not in kept and position not in drafts:
            figures.lost += 1
            figures.failures.append(f"draft of segment {position + 1} lost: {text!r}")
    for export in set(ledger.exports):
        if export.exists():
            data = export.read_text(encoding="utf-8")
            rows = data.splitlines()
            if not data.endswith("\n") or len(rows) != segments or \
                    not all(json.loads(row) for row in rows):
                figures.failures.append(f"{export.name} is not a complete export")
    for backup in ledger.backups:
        figures.backups_checked += 1
        copy = ReviewSession.open(backup, read_only=True)
        try:
            problems = copy.verify()
        finally:
            copy.close()
        if problems:
            figures.failures.append(f"backup {backup.name}: {problems}")
    ledger.backups.clear()
    leftovers = [p.name for p in project.parent.iterdir()
                 if p.name.startswith(".") and (".partial" in p.name or p.name.endswith(".tmp"))]
    if leftovers:
        figures.failures.append(f"partial files left: {leftovers}")


def run(project: Path, kills: int, seed: int, app_share: float = 0.5,
        progress: bool = False) -> Figures:
    """``kills`` rounds on ``project``; about ``app_share`` of them kill the window."""
    rng = random.Random(seed)
    ledger, figures = Ledger(), Figures()
    session = ReviewSession.open(project, read_only=True)
    segments = session.segment_count()
    session.close()
    for number in range(kills):
        if rng.random() < app_share:
            app_round(project, rng, ledger, figures)
        else:
            cli_round(project, rng, ledger, figures, segments)
        figures.kills += 1
        check(project, ledger, figures)
        if progress:
            print(f"\rkill {number + 1}/{kills}: {figures.acknowledged} acknowledged, "
                  f"{figures.lost} lost, {figures.verify_failures} verify failures",
                  end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return figures
