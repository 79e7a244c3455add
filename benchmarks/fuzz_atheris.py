"""Coverage-guided fuzzing of the importers with atheris (libFuzzer), where it installs.

    pip install atheris                       # wheels for CPython 3.8-3.11 on Linux
    python benchmarks/fuzz_atheris.py -max_total_time=300 -rss_limit_mb=2048 -timeout=10

The first bytes of an input choose the file's suffix and the options (``--format``,
``--encoding``), the rest is the file. The corpus starts from every seed of
``tests/reliability/fuzz_inputs.py``. A finding is any exception but a one-line
``ReviewerError``, a run over ``-timeout`` seconds, or over ``-rss_limit_mb``; libFuzzer
saves it as ``crash-*``/``timeout-*``/``oom-*``, to replay with
``python benchmarks/fuzz_atheris.py FILE``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reliability"))

with atheris.instrument_imports(include=["reviewer"]):
    from reviewer.core.errors import ReviewerError
    from reviewer.formats.readers import IMPORT_FORMATS, import_document

from fuzz_inputs import ENCODING_OPTIONS, SEEDS, SUFFIXES  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="reviewer-atheris-"))


def one_input(data: bytes) -> None:
    """Import ``data`` as a file; anything but a document or a one-line error is a finding."""
    provider = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[provider.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    choice = provider.ConsumeIntInRange(0, 15)
    file_format = IMPORT_FORMATS[choice] if choice < len(IMPORT_FORMATS) else None
    choice = provider.ConsumeIntInRange(0, 63)
    encoding = ENCODING_OPTIONS[choice] if choice < len(ENCODING_OPTIONS) else None
    path = WORK / f"input{suffix}"
    path.write_bytes(provider.ConsumeBytes(provider.remaining_bytes()))
    try:
        import_document(path, encoding=encoding, file_format=file_format)
    except ReviewerError as error:
        message = str(error)
        if not message.strip() or message.splitlines() != [message]:
            raise AssertionError(f"not one line: {message!r}") from error


def _corpus() -> Path:
    """A corpus folder seeded with every sample, each with neutral option bytes."""
    folder = WORK / "corpus"
    folder.mkdir()
    suffixes = {suffix: index for index, suffix in enumerate(SUFFIXES)}
    for number, (suffix, data) in enumerate(SEEDS.values()):
        # one byte each for suffix, format and encoding; 255s choose "none" for the last two
        head = bytes([suffixes.get(suffix, 0), 255, 255])
        (folder / f"seed-{number:03d}").write_bytes(head + data)
    return folder


def main() -> None:
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        argv.append(str(_corpus()))
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
