"""Run in a fresh interpreter under a memory cap: fuzz the importers, print a JSON report.

    python fuzz_child.py FOLDER EXAMPLES [SEED]

The last line of output is ``{"cases": N, "failures": [...], "peak_mb": M}``; a failure is
anything but a document or a one-line ``ReviewerError`` in time (a MemoryError included).
"""

from __future__ import annotations

import json
import resource
import sys
import traceback
from pathlib import Path

CAP_BYTES = 1 << 30
resource.setrlimit(resource.RLIMIT_AS, (CAP_BYTES, CAP_BYTES))

from fuzz_inputs import (  # noqa: E402 - the cap comes first
    LAUGHS,
    SEEDS,
    XLIFF12,
    ImportCase,
    check_import,
    import_cases,
)
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

# Near the limits: 12 MB attributes and text, nesting 100,000 deep, bombs.
_BIG = b"A" * (12 << 20)
HOSTILE = (
    ImportCase("xliff12.xlf", ".xlf", XLIFF12.encode().replace(b'id="1">', b'id="' + _BIG
                                                             + b'">', 1)),
    ImportCase("xliff12.xlf", ".xlf", XLIFF12.encode().replace(b"<source>", b"<source>"
                                                             + _BIG, 1)),
    ImportCase("xliff12.xlf", ".xlf", XLIFF12.encode().replace(
        b"<source>", b"<source>" + b"<g>" * 100_000 + b"</g>" * 100_000, 1)),
    ImportCase("xliff12.xlf", ".xlf", XLIFF12.encode().replace(b"?>\n", b"?>\n" + LAUGHS, 1)),
    ImportCase("memory.tmx", ".tmx", SEEDS["memory.tmx"][1].replace(
        b"<body>", b"<body>" + b"<tu><tuv xml:lang='ru'><seg>x</seg></tuv></tu>" * 200_000)),
    ImportCase("messages.po", ".po", b'msgid "a"\nmsgstr ""\n' + b'"' + b"\\n" * 40_000
               + b'"\n' * 2_000),
    ImportCase("segments.tsv", ".tsv", b"source\tmt\n" + b"a\tb\n" * 200_000),
    ImportCase("mt.en.txt", ".txt", b"word. " * 2_000_000),
)


def main() -> None:
    folder, examples = Path(sys.argv[1]), int(sys.argv[2])
    run_seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    failures: list[str] = []
    cases = 0

    def attempt(case: ImportCase) -> None:
        nonlocal cases
        cases += 1
        try:
            check_import(case, folder / "case")
        except (Exception, MemoryError) as error:  # noqa: BLE001 - every failure is reported
            failures.append(f"{case!r}: {''.join(traceback.format_exception_only(error))}")

    for case in HOSTILE:
        attempt(case)

    @seed(run_seed)
    @settings(max_examples=examples, database=None, deadline=None, phases=[Phase.generate],
              derandomize=run_seed == 0, suppress_health_check=list(HealthCheck))
    @given(case=import_cases())
    def fuzz(case: ImportCase) -> None:
        attempt(case)

    fuzz()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"cases": cases, "failures": failures, "peak_mb": round(peak_mb)}))


if __name__ == "__main__":
    main()
