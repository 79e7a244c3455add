"""gettext PO: msgid → source, msgstr → MT (each plural form a segment, contexts kept).

Exporting a project made from a PO file rewrites only the ``msgstr`` lines and the fuzzy
flag in the original text; every other line stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.formats.encoding import DecodedText, bom_encoding, decode, encode_text
from reviewer.formats.limits import check_line_lengths
from reviewer.formats.structured import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    check_segments,
    file_lines,
    is_edited,
    line_layout,
    needs_source,
    shown,
)

if TYPE_CHECKING:
    from reviewer.formats.writers import ExportJob

# a plural index of thousands of digits would be too long for int()
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]{1,9}\])?)\s*(".*)$')
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
_CHARSET = re.compile(rb"charset\s*=\s*([-\w.:]+)", re.IGNORECASE)
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
             "f": "\f", "v": "\v"}
_ESCAPE = {value: "\\" + key for key, value in _UNESCAPE.items()}


@dataclass
class _Field:
    """One keyword and its string, and the lines it spans."""

    value: str
    start: int
    end: int
    more: list[str] = field(default_factory=list)  # continuation lines, joined at the end

    def close(self) -> None:
        """Join the continuation lines onto the value (adding each one was quadratic)."""
        if self.more:
            self.value = "".join([self.value, *self.more])
            self.more = []


@dataclass
class _Entry:
    """One message: its fields, flags and where its lines are."""

    fields: dict[str, _Field] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    flags_line: int | None = None
    keyword_line: int | None = None
    comments: list[str] = field(default_factory=list)

    def msgstr_keys(self) -> list[str]:
        """The entry's msgstr keywords in plural order."""
        keys = [key for key in self.fields if key.startswith("msgstr")]
        return sorted(keys, key=lambda key: int(key[7:-1]) if "[" in key else -1)


def _unquote(text: str, line: int, name: str) -> str:
    match = _STRING.match(text.strip())
    if match is None:
        raise ReviewerError(f"{name}: line {line} is not a complete PO string: {text[:60]!r}")
    body = match.group(1)

    def replace(escape: re.Match[str]) -> str:
        char = escape.group(1)
        if char not in _UNESCAPE:
            raise ReviewerError(f"{name}: line {line} has an unknown escape \\{shown(char)}")
        return _UNESCAPE[char]

    return re.sub(r"\\(.)", replace, body)


def _quote(text: str) -> str:
    return '"' + "".join(_ESCAPE.get(char, char) for char in text) + '"'


def format_field(keyword: str, text: str, eol: str = "\n") -> list[str]:
    """The PO lines for ``keyword "text"``; multi-line text gets one string a line."""
    pieces = [piece for piece in re.split(r"(?<=\n)", text) if piece]
    if len(pieces) <= 1:
        return [f"{keyword} {_quote(text)}{eol}"]
    return [f'{keyword} ""{eol}'] + [f"{_quote(piece)}{eol}" for piece in pieces]


def _parse(lines: list[str], name: str) -> list[_Entry]:
    """Entries in file order, the header included, obsolete (``#~``) ones left out."""
    entries: list[_Entry] = []
    current = _Entry()
    last: _Field | None = None

    def finish() -> None:
        nonlocal current, last
        if current.fields:
            for item in current.fields.values():
                item.close()
            _validate(current, name)
            entries.append(current)
        elif current.flags_line is not None or current.comments:
            pass  # comments with no message after them (e.g. at the end of the file)
        current, last = _Entry(), None

    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n").strip()
        number = index + 1
        if not line:
            finish()
        elif line.startswith("#~"):
            if current.fields:
                finish()
            current, last = _Entry(), None  # an obsolete entry's comments go with it
        elif line.startswith("#"):
            if current.fields:
                finish()
            if line.startswith("#,"):
                current.flags = [flag.strip() for flag in line[2:].split(",") if flag.strip()]
                current.flags_line = index
            elif line.startswith(("#.", "# ")) or line == "#":
                current.comments.append(line[2:].strip())
        elif (match := _KEYWORD.match(line)) is not None:
            keyword = match.group(1)
            if keyword in ("msgctxt", "msgid") and "msgid" in current.fields:
                finish()
            if keyword in current.fields:
                raise ReviewerError(f"{name}: line {number} repeats {keyword}")
            if current.keyword_line is None:
                current.keyword_line = index
            last = _Field(_unquote(match.group(2), number, name), index, index + 1)
            current.fields[keyword] = last
        elif line.startswith('"'):
            if last is None:
                raise ReviewerError(f"{name}: line {number} is a string outside any message")
            last.more.append(_unquote(line, number, name))
            last.end = index + 1
        else:
            raise ReviewerError(f"{name}: line {number} is not PO: {line[:60]!r}")
    finish()
    return entries


def _validate(entry: _Entry, name: str) -> None:
    line = (entry.keyword_line or 0) + 1
    if "msgid" not in entry.fields:
        raise ReviewerError(f"{name}: the message at line {line} has no msgid")
    keys = entry.msgstr_keys()
    if "msgid_plural" in entry.fields:
        if not keys or "msgstr" in keys:
            raise ReviewerError(f"{name}: the plural message at line {line} needs msgstr[0], "
                                "msgstr[1], …")
    elif keys != ["msgstr"]:
        raise ReviewerError(f"{name}: the message at line {line} needs one msgstr")


def _is_header(entry: _Entry) -> bool:
    return entry.fields["msgid"].value == "" and "msgctxt" not in entry.fields


def _decode(data: bytes, name: str, encoding: str | None) -> DecodedText:
    if encoding is None and bom_encoding(data) is None:
        declared = _CHARSET.search(data[:4096])
        if declared is not None and declared.group(1).upper() != b"CHARSET":
            encoding = declared.group(1).decode("ascii")
    return decode(data, name, encoding)


def _header_fields(entries: list[_Entry]) -> dict[str, str]:
    for entry in entries:
        if _is_header(entry):
            pairs = (line.split(":", 1) for line in entry.fields["msgstr"].value.splitlines()
                     if ":" in line)
            return {key.strip(): value.strip() for key, value in pairs}
    return {}


def read_po(data: bytes, name: str, encoding: str | None = None) -> ImportedDocument:
    """Each msgstr (each plural form) a segment; context, flags and comments in meta."""
    decoded = _decode(data, name, encoding)
    check_line_lengths(decoded.text, name)
    entries = _parse(file_lines(decoded.text), name)
    segments: list[ImportedSegment] = []
    messages = [entry for entry in entries if not _is_header(entry)]
    for number, entry in enumerate(messages):
        msgid = entry.fields["msgid"].value
        plural = entry.fields.get("msgid_plural")
        for key in entry.msgstr_keys():
            meta: dict[str, object] = {"entry": number, "field": key}
            if "msgctxt" in entry.fields:
                meta["context"] = entry.fields["msgctxt"].value
            if plural is not None:
                meta["plural"] = int(key[7:-1])
            if entry.flags:
                meta["flags"] = entry.flags
            if entry.comments:
                meta["comments"] = entry.comments
            source = msgid if plural is None or key == "msgstr[0]" else plural.value
            segments.append(ImportedSegment(mt=entry.fields[key].value, source=source,
                                            meta=meta))
    check_segments(segments, name)
    header = _header_fields(entries)
    metadata = {TARGET_LANGUAGE: header["Language"]} if header.get("Language") else {}
    if header.get("Plural-Forms"):
        metadata["po_plural_forms"] = header["Plural-Forms"]
    return ImportedDocument(
        segments=segments, layout=line_layout(len(segments)), segmentation="units",
        encoding=decoded.encoding, bom=decoded.bom,
        source_name=name.replace("\\", "/").rsplit("/", 1)[-1],
        metadata=metadata, format="po", original=data,
    )


def write_po(job: ExportJob) -> bytes:
    """The original PO with corrected msgstr lines and fuzzy flags, or a new PO file."""
    original = job.original_in("po")
    text = _new_document(job) if original is None else _rewrite(job, *original)
    if job.original is None or job.original[1] != "po":
        return encode_text(text, "utf-8", False)
    return encode_text(text, job.properties.get("encoding", "utf-8"),
                       job.properties.get("bom") == "1")


def _rewrite(job: ExportJob, name: str, data: bytes) -> str:
    decoded = decode(data, name, job.properties.get("encoding"))
    lines = file_lines(decoded.text)
    messages = [entry for entry in _parse(lines, name) if not _is_header(entry)]
    replacements: dict[int, tuple[int, list[str]]] = {}  # first line → (end, new lines)
    statuses: dict[int, list[str]] = {}
    for segment in job.segments:
        meta = segment.meta or {}
        number, key = meta.get("entry"), meta.get("field")
        if not isinstance(number, int) or not 0 <= number < len(messages) \
                or not isinstance(key, str) or key not in messages[number].fields:
            raise ReviewerError("the project no longer matches its original PO file; "
                                "export TSV instead")
        if not is_edited(segment.status):
            continue
        statuses.setdefault(number, []).append(segment.status)
        old = messages[number].fields[key]
        eol = "\r\n" if lines[old.start].endswith("\r\n") else "\n"
        replacements[old.start] = (old.end, format_field(key, segment.correction, eol))
    for number, found in statuses.items():
        _set_fuzzy(messages[number], "edited" in found, lines, replacements)
    result: list[str] = []
    index = 0
    while index < len(lines):
        if index in replacements:
            end, new_lines = replacements[index]
            result.extend(new_lines)
            index = end
        else:
            result.append(lines[index])
            index += 1
    return "".join(result)


def _set_fuzzy(entry: _Entry, fuzzy: bool, lines: list[str],
               replacements: dict[int, tuple[int, list[str]]]) -> None:
    flags = [flag for flag in entry.flags if flag != "fuzzy"]
    if fuzzy:
        flags.insert(0, "fuzzy")
    if flags == entry.flags:
        return
    eol = "\r\n" if lines[0].endswith("\r\n") else "\n"
    new_line = [f"#, {', '.join(flags)}{eol}"] if flags else []
    if entry.flags_line is not None:
        replacements[entry.flags_line] = (entry.flags_line + 1, new_line)
    elif entry.keyword_line is not None:
        first = entry.keyword_line
        end, existing = replacements.get(first, (first + 1, [lines[first]]))
        replacements[first] = (end, new_line + existing)


def _new_document(job: ExportJob) -> str:
    language = job.properties.get(TARGET_LANGUAGE, "")
    header = (f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
              f"Language: {language}\nX-Generator: reviewer\n")
    if job.properties.get(SOURCE_LANGUAGE):
        header += f"X-Source-Language: {job.properties[SOURCE_LANGUAGE]}\n"
    lines = ['msgid ""\n', 'msgstr ""\n'] + [f"{_quote(piece)}\n"
                                             for piece in header.splitlines(keepends=True)]
    seen: set[str] = set()
    for segment in job.segments:
        source = needs_source(segment.source, "PO")
        lines.append("\n")
        if segment.status == "edited":
            lines.append("#, fuzzy\n")
        if source in seen or not source:  # one msgid twice, or an empty one, needs a context
            lines.extend(format_field("msgctxt", str(segment.position + 1)))
        seen.add(source)
        lines.extend(format_field("msgid", source))
        lines.extend(format_field("msgstr", segment.correction))
    return "".join(lines)
