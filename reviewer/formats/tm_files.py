"""Translation memory units from a file: TMX, TSV/CSV (source, target) or another project.

TMX is read by ``reviewer.formats.tm_tmx`` (the language pair, inline codes); a TSV or
CSV in neither UTF-8 nor a byte-order mark's encoding is read as Excel's Western code
page. Units without a target are skipped.
"""

from __future__ import annotations

from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.memory import TmUnit
from reviewer.core.tags import plain_text
from reviewer.formats.delimited import header_roles, read_delimited
from reviewer.formats.encoding import bom_encoding, decode, read_file_bytes
from reviewer.formats.excel_text import excel_encoding, excel_tsv_rows
from reviewer.formats.tm_tmx import tmx_units

_SQLITE = b"SQLite format 3\x00"


def is_project(path: Path) -> bool:
    """Whether the file is a reviewer project (by its name, else its first bytes)."""
    if path.suffix.lower() == ".review":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE)) == _SQLITE
    except OSError:
        return False


def read_tm_units(path: Path, langs: tuple[str, str] | None = None) -> list[TmUnit]:
    """The units a TMX or TSV/CSV file holds, each once (Trados exports a unit once per
    context it was used in); one-line errors for a missing or bad file."""
    data = read_file_bytes(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".tmx" or (suffix not in (".tsv", ".csv", ".txt", ".tab") and _looks_xml(data)):
        units = tmx_units(data, name, langs)
    else:
        units = _delimited_units(data, name, "csv" if suffix == ".csv" else "tsv")
    return list(dict.fromkeys(units))


def _looks_xml(data: bytes) -> bool:
    """Whether the file starts with markup, in UTF-8 or, after its mark, UTF-16 or UTF-32
    (Trados and memoQ export UTF-16)."""
    encoding, size = bom_encoding(data) or ("utf-8", 0)
    return data[size:size + 400].decode(encoding, errors="ignore").lstrip().startswith("<")


def _delimited_units(data: bytes, name: str, file_format: str) -> list[TmUnit]:
    encoding = excel_encoding(data)
    if file_format == "tsv":
        rows = excel_tsv_rows(decode(data, name, encoding).text.splitlines(keepends=True))
        if rows is not None:
            return _excel_units([cells for _line, cells in rows], name)
    document = read_delimited(data, name, file_format, encoding)
    units = []
    for segment in document.segments:
        # a header naming a correction column: source, MT and the corrected text
        target = segment.correction if segment.correction else segment.mt
        mt = segment.mt if segment.correction else None
        if target.strip() and (segment.source or mt):
            units.append(TmUnit(plain_text(segment.source) if segment.source else None,
                                None if mt is None else plain_text(mt), plain_text(target)))
    if not units:
        raise ReviewerError(f"{name}: holds no rows with a source and a target")
    return units


def _excel_units(rows: list[list[str]], name: str) -> list[TmUnit]:
    """Units of a TSV quoted as Excel quotes: under a header naming source and target (or
    mt and correction), else source and target in the first two columns."""
    roles = header_roles(rows[0])
    source: int | None = 0
    target, mt = 1, None
    if roles:
        rows = rows[1:]
        source, mt = roles.get("source"), roles.get("mt") if "correction" in roles else None
        target = roles.get("correction", roles.get("mt", -1))

    def cell(cells: list[str], index: int | None) -> str | None:
        return None if index is None or not 0 <= index < len(cells) \
            else cells[index].strip() or None

    units = [TmUnit(cell(cells, source), cell(cells, mt), cell(cells, target) or "")
             for cells in rows if cell(cells, target) and (cell(cells, source) or cell(cells, mt))]
    if not units:
        raise ReviewerError(f"{name}: holds no rows with a source and a target")
    return units
