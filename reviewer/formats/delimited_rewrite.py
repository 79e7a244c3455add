"""A headerless CSV or TSV written back as it was, with only the edited target cells changed.

The csv module gives no positions, so a small scanner finds each cell's span in the
decoded text; the export splices new target cells into the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from reviewer.core.errors import ReviewerError
from reviewer.formats.delimited import cell_text, delimiter_for, header_roles, rows_of
from reviewer.formats.encoding import decode, encode_text
from reviewer.formats.structured import file_lines, is_edited

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob

_QUOTE = '"'
# both delimiters the reader may choose: an unquoted one could change its choice
_NEEDS_QUOTES = re.compile('[",;\r\n]')
_LINE_BREAK = re.compile("\r\n|\r|\n")


class Cell(NamedTuple):
    """One cell: its span in the text (quotes included), its value and whether it is quoted."""

    start: int
    end: int
    value: str  # as the csv module reads it: quotes removed, doubled quotes undone
    quoted: bool


class Row(NamedTuple):
    """The cells of one record and where its text ends (before the line break)."""

    cells: tuple[Cell, ...]
    end: int


@lru_cache(maxsize=8)
def _cell_pattern(delimiter: str, quoting: bool) -> re.Pattern[str]:
    """One cell and what ends it: the delimiter, a line break or the end of the text."""
    d = re.escape(delimiter)
    if quoting:  # a cell that starts with a quote is a quoted one or an error, not a bare one
        cell = f'"(?P<q>[^"]*(?:""[^"]*)*)"|(?P<u>(?!")[^{d}\\r\\n]*)'
    else:
        cell = f"(?P<u>[^{d}\\r\\n]*)"
    return re.compile(f"(?:{cell})(?P<end>{d}|\\r\\n|\\r|\\n|\\Z)")


def scan(text: str, delimiter: str, quoting: bool) -> list[Row]:
    """Every record of ``text``, an empty line as a row without cells (as the csv module does)."""
    rows: list[Row] = []
    position = 0
    while position < len(text):
        row, position = scan_row(text, position, delimiter, quoting)
        rows.append(row)
    return rows


def scan_row(text: str, position: int, delimiter: str, quoting: bool) -> tuple[Row, int]:
    """The record that starts at ``position``, and where the next one starts.

    A record ends at \\n, \\r\\n or \\r outside quotes; with ``quoting``, a cell that
    starts with a double quote runs to the closing one and "" inside it is one quote.
    """
    empty = _LINE_BREAK.match(text, position)
    if empty is not None:
        return Row((), position), empty.end()
    pattern = _cell_pattern(delimiter, quoting)
    cells: list[Cell] = []
    while True:  # after a delimiter at the end of the text the pattern finds one empty cell
        match = pattern.match(text, position)
        if match is None:
            raise _error(text, position, "a quoted cell is not closed, or text follows "
                                         "its closing quote")
        inside = match.group("q") if quoting else None
        end = match.start("end")
        cells.append(Cell(position, end, match.group("u") if inside is None
                          else inside.replace(2 * _QUOTE, _QUOTE), inside is not None))
        position = match.end()
        if match.group("end") != delimiter:
            return Row(tuple(cells), end), position


def _error(text: str, offset: int, problem: str) -> ReviewerError:
    line = len(file_lines(text[:offset])) or 1
    return ReviewerError(f"line {line}: {problem}")


def rewrite_delimited(job: ExportJob, file_format: str) -> bytes | None:
    """The original headerless CSV or TSV with the edited segments' target cells replaced;
    None when the project's original is not such a file of ``file_format``."""
    original = job.original_in(file_format)
    if original is None:
        return None
    name, data = original
    decoded = decode(data, name, job.properties.get("encoding"))
    text = decoded.text
    lines = file_lines(text)
    rows = rows_of(lines, file_format, name)  # what the reader made the segments of
    if header_roles(rows[0][1]):
        return None  # a file with a header is exported as reviewer's own table
    if len(rows) != len(job.segments):
        raise ReviewerError(f"the project has {len(job.segments)} segments but its original "
                            f"{file_format.upper()} has {len(rows)} rows; export TSV instead")
    line_starts = list(accumulate((len(line) for line in lines), initial=0))
    delimiter = delimiter_for(lines[0], file_format)
    pieces: list[str] = []
    done = 0
    for segment, (line, _cells) in zip(job.segments, rows, strict=True):
        if not is_edited(segment.status):
            continue
        try:  # only edited rows are scanned: the csv module found the others faster
            row, _next = scan_row(text, line_starts[line - 1], delimiter, file_format == "csv")
        except ReviewerError as error:
            raise ReviewerError(f"{name}: {error}") from error
        edit = _target_edit(row, segment.correction, delimiter, file_format)
        if edit is not None:
            start, end, replacement = edit
            pieces += [text[done:start], replacement]
            done = end
    if not pieces:
        return data
    pieces.append(text[done:])
    return encode_text("".join(pieces), decoded.encoding, decoded.bom)


def _target_edit(row: Row, value: str, delimiter: str,
                 file_format: str) -> tuple[int, int, str] | None:
    """The span to replace and its new text; None when the target already holds ``value``."""
    target = row.cells[1] if len(row.cells) > 1 else None
    if value == ("" if target is None else cell_text(target.value, file_format)):
        return None
    if file_format == "tsv":
        written = _tsv_escaped(value)
    elif (target is not None and target.quoted) or _NEEDS_QUOTES.search(value):
        written = _QUOTE + value.replace(_QUOTE, 2 * _QUOTE) + _QUOTE
    else:
        written = value
    if target is None:
        return row.end, row.end, delimiter + written
    return target.start, target.end, written


def _tsv_escaped(value: str) -> str:
    """Reviewer's TSV convention, as the reader undoes it (and reviewer.formats.tsv writes)."""
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r")
            .replace("\n", "\\n"))
