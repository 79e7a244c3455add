"""gettext PO: msgid → source, msgstr → MT (each plural form a segment, contexts kept).

Exporting a project made from a PO file rewrites only what gettext's own tools would: the
edited ``msgstr`` strings, laid out at the file's own width, the entry's ``fuzzy`` flag,
and the ``#|`` previous strings once every form of the entry is confirmed. Every other
byte stays as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.errors import ReviewerError
from reviewer.formats.comment_notes import po_comment_lines
from reviewer.formats.encoding import DecodedText, bom_encoding, decode, encode_text
from reviewer.formats.limits import check_line_lengths
from reviewer.formats.po_wrap import DEFAULT_WIDTH, WrappedString, detect_width, string_lines
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
    from collections.abc import Iterator

    from reviewer.formats.writers import ExportJob, ExportSegment

# a plural index of thousands of digits would be too long for int()
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]{1,9}\])?)\s*(".*)$')
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
_CHARSET = re.compile(rb"charset\s*=\s*([-\w.:]+)", re.IGNORECASE)
# file names with spaces are isolated with U+2068 … U+2069 by gettext 0.22 and later
_REFERENCE = re.compile(r"\u2068[^\u2069]*\u2069\S*|\S+")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
             "f": "\f", "v": "\v"}
_PREVIOUS = {"msgctxt": "previous_context", "msgid": "previous", "msgid_plural": "previous_plural"}


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
    """One message: its fields, flags, comments and where its lines are."""

    fields: dict[str, _Field] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # from the #, lines
    sticky: list[str] = field(default_factory=list)  # from #= lines (gettext 0.23 and later)
    flag_lines: list[int] = field(default_factory=list)
    sticky_lines: list[int] = field(default_factory=list)
    previous: dict[str, _Field] = field(default_factory=dict)
    previous_lines: list[int] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    keyword_line: int | None = None
    first_line: int | None = None  # where the entry's lines begin
    comment_lines: list[int] = field(default_factory=list)  # its translator comments

    def msgstr_keys(self) -> list[str]:
        """The entry's msgstr keywords in plural order."""
        keys = [key for key in self.fields if key.startswith("msgstr")]
        return sorted(keys, key=lambda key: int(key[7:-1]) if "[" in key else -1)

    def all_flags(self) -> list[str]:
        """The #, flags, then the #= ones."""
        return self.flags + self.sticky


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


def _split_flags(text: str) -> list[str]:
    return [flag.strip() for flag in text.split(",") if flag.strip()]


class _Parser:
    """Entries in file order, the header included, obsolete (``#~``) ones left out."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.entries: list[_Entry] = []
        self.current = _Entry()
        self.last: _Field | None = None

    def finish(self) -> None:
        """Close the message being read (comments with no message after them are dropped)."""
        if self.current.fields:
            for item in self.current.fields.values():
                item.close()
            for item in self.current.previous.values():
                item.close()
            _validate(self.current, self.name)
            self.entries.append(self.current)
        self.current, self.last = _Entry(), None

    def comment(self, line: str, index: int) -> None:
        """A ``#`` line: flags, previous strings or one of the three kinds of comment."""
        if self.current.fields:
            self.finish()
        entry, kind, text = self.current, line[1:2], line[2:]
        if entry.first_line is None:
            entry.first_line = index
        if kind == ",":
            entry.flags.extend(_split_flags(text))
            entry.flag_lines.append(index)
        elif kind == "=":
            entry.sticky.extend(_split_flags(text))
            entry.sticky_lines.append(index)
        elif kind == "|":
            entry.previous_lines.append(index)
            self._previous(text.strip(), index)
        elif kind == ".":
            entry.extracted.append(text.removeprefix(" "))
        elif kind == ":":
            entry.references.extend(_REFERENCE.findall(text))
        else:
            entry.comments.append(line[1:].removeprefix(" "))
            entry.comment_lines.append(index)

    def _previous(self, text: str, index: int) -> None:
        previous = self.current.previous
        match = _KEYWORD.match(text)
        try:
            if match is not None and match.group(1) in _PREVIOUS:
                item = _Field(_unquote(match.group(2), index + 1, self.name), index, index + 1)
                previous[match.group(1)] = item
            elif text.startswith('"') and previous:
                item = list(previous.values())[-1]
                item.more.append(_unquote(text, index + 1, self.name))
        except ReviewerError:
            pass  # a damaged previous string is only shown, and gettext drops it anyway

    def keyword(self, match: re.Match[str], index: int) -> None:
        """``msgid "…"`` and its kin."""
        keyword, entry = match.group(1), self.current
        if keyword in ("msgctxt", "msgid") and "msgid" in entry.fields:
            self.finish()
            entry = self.current
        if keyword in entry.fields:
            raise ReviewerError(f"{self.name}: line {index + 1} repeats {keyword}")
        if entry.keyword_line is None:
            entry.keyword_line = index
        if entry.first_line is None:
            entry.first_line = index
        self.last = _Field(_unquote(match.group(2), index + 1, self.name), index, index + 1)
        entry.fields[keyword] = self.last

    def parse(self, lines: list[str]) -> list[_Entry]:
        """Read every line."""
        for index, raw in enumerate(lines):
            line = raw.rstrip("\r\n").strip()
            if not line:
                self.finish()
            elif line.startswith("#~"):
                self.finish()  # an obsolete entry's comments go with it
            elif line.startswith("#"):
                self.comment(line, index)
            elif (match := _KEYWORD.match(line)) is not None:
                self.keyword(match, index)
            elif line.startswith('"'):
                if self.last is None:
                    raise ReviewerError(f"{self.name}: line {index + 1} is a string outside "
                                        "any message")
                self.last.more.append(_unquote(line, index + 1, self.name))
                self.last.end = index + 1
            else:
                raise ReviewerError(f"{self.name}: line {index + 1} is not PO: {line[:60]!r}")
        self.finish()
        return self.entries


def _parse(lines: list[str], name: str) -> list[_Entry]:
    return _Parser(name).parse(lines)


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


def _meta(entry: _Entry, number: int, key: str) -> dict[str, object]:
    """What the editor shows beside a form, and where the export finds it again."""
    meta: dict[str, object] = {"entry": number, "field": key}
    if "msgctxt" in entry.fields:
        meta["context"] = entry.fields["msgctxt"].value
    if "msgid_plural" in entry.fields:
        meta["plural"] = int(key[7:-1])
    for name, value in (("flags", entry.all_flags()), ("comments", entry.comments),
                        ("extracted", entry.extracted), ("references", entry.references)):
        if value:
            meta[name] = value
    for keyword, name in _PREVIOUS.items():
        if keyword in entry.previous:
            meta[name] = entry.previous[keyword].value
    return meta


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
            source = msgid if plural is None or key == "msgstr[0]" else plural.value
            segments.append(ImportedSegment(mt=entry.fields[key].value, source=source,
                                            meta=_meta(entry, number, key)))
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
    """The original PO with corrected msgstr strings and fuzzy flags, or a new PO file."""
    original = job.original_in("po")
    text = _new_document(job) if original is None else _Rewrite(job, *original).text()
    if job.original is None or job.original[1] != "po":
        return encode_text(text, "utf-8", False)
    return encode_text(text, job.properties.get("encoding", "utf-8"),
                       job.properties.get("bom") == "1")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


class _Rewrite:
    """The original file's lines with some replaced, some removed and some inserted."""

    def __init__(self, job: ExportJob, name: str, data: bytes) -> None:
        self.job = job
        decoded = decode(data, name, job.properties.get("encoding"))
        self.lines = file_lines(decoded.text)
        self.eol = (_ending(self.lines[0]) if self.lines else "") or "\n"
        self.entries = _parse(self.lines, name)
        self.messages = [entry for entry in self.entries if not _is_header(entry)]
        self.replaced: dict[int, tuple[int, list[str]]] = {}  # first line → (end, new lines)
        self.inserted: dict[int, list[str]] = {}  # before this line
        self._width: tuple[int | None] | None = None

    def text(self) -> str:
        """The exported file."""
        forms: dict[int, list[ExportSegment]] = {}
        for segment in self.job.segments:
            meta = segment.meta or {}
            number, key = meta.get("entry"), meta.get("field")
            if not isinstance(number, int) or not 0 <= number < len(self.messages) \
                    or not isinstance(key, str) or key not in self.messages[number].fields:
                raise ReviewerError("the project no longer matches its original PO file; "
                                    "export TSV instead")
            forms.setdefault(number, []).append(segment)
        for number, segments in forms.items():  # before "#, fuzzy", which goes after them
            self._comments(self.messages[number], segments)
        for number, segments in forms.items():
            if any(is_edited(segment.status) for segment in segments):
                self._entry(self.messages[number], segments)
        result: list[str] = []
        index = 0
        while index < len(self.lines):
            result.extend(self.inserted.get(index, ()))
            if index in self.replaced:
                end, new_lines = self.replaced[index]
                result.extend(new_lines)
                index = end
            else:
                result.append(self.lines[index])
                index += 1
        return "".join(result)

    def _comments(self, entry: _Entry, segments: list[ExportSegment]) -> None:
        """The segments' open comments as translator comments, after the entry's own."""
        lines = po_comment_lines(c for segment in segments for c in segment.comments)
        if not lines:
            return
        before = max(entry.comment_lines) + 1 if entry.comment_lines else entry.first_line
        assert before is not None
        eol = _ending(self.lines[before]) or self.eol
        self.inserted.setdefault(before, []).extend(line + eol for line in lines)

    def _entry(self, entry: _Entry, segments: list[ExportSegment]) -> None:
        for segment in segments:
            key = str((segment.meta or {})["field"])
            if is_edited(segment.status) and segment.correction != entry.fields[key].value:
                self._string(entry, key, segment.correction)
        statuses = [segment.status for segment in segments]
        if all(status == "confirmed" for status in statuses):
            self._set_fuzzy(entry, False)
            for index in entry.previous_lines:
                self.replaced[index] = (index + 1, [])
        elif "edited" in statuses:
            self._set_fuzzy(entry, True)

    def _string(self, entry: _Entry, key: str, text: str) -> None:
        old = entry.fields[key]
        eol = _ending(self.lines[old.start]) or self.eol
        new_lines = [line + eol for line in string_lines(key, text, self._file_width(),
                                                          entry.all_flags())]
        if not _ending(self.lines[old.end - 1]):  # the file ends without a line end
            new_lines[-1] = new_lines[-1].rstrip("\r\n")
        self.replaced[old.start] = (old.end, new_lines)

    def _file_width(self) -> int | None:
        if self._width is None:
            self._width = (detect_width(self._strings()),)
        return self._width[0]

    def _strings(self) -> Iterator[WrappedString]:
        for entry in self.entries:
            flags = tuple(entry.all_flags())
            for key, item in entry.fields.items():
                lines = tuple(line.rstrip("\r\n") for line in self.lines[item.start:item.end])
                yield WrappedString(key, item.value, flags, lines)

    def _set_fuzzy(self, entry: _Entry, fuzzy: bool) -> None:
        if ("fuzzy" in entry.flags) == fuzzy:
            return
        if not fuzzy:
            for index in entry.flag_lines:
                line = self.lines[index]
                if "fuzzy" in _split_flags(line.rstrip("\r\n")[2:]):
                    kept = _without_fuzzy(line.rstrip("\r\n"))
                    self.replaced[index] = (index + 1, [kept + _ending(line)] if kept else [])
        elif entry.flag_lines:
            index = entry.flag_lines[0]
            line = self.lines[index]
            body = line.rstrip("\r\n")[2:]
            new = "#, fuzzy" + ("," + (body if body.startswith(" ") else " " + body)
                                if body.strip() else "")
            self.replaced[index] = (index + 1, [new + _ending(line)])
        else:
            before = min(entry.sticky_lines + entry.previous_lines + [entry.keyword_line or 0])
            eol = _ending(self.lines[before]) or self.eol
            self.inserted.setdefault(before, []).append("#, fuzzy" + eol)


def _without_fuzzy(line: str) -> str:
    """A ``#,`` line without its fuzzy flag, the others as they were written; '' if none."""
    tokens = line[2:].split(",")
    kept = [token for token in tokens if token.strip() != "fuzzy"]
    if not any(token.strip() for token in kept):
        return ""
    if tokens[0].strip() == "fuzzy":  # the next flag moves up, after the first one's space
        lead = tokens[0][: len(tokens[0]) - len(tokens[0].lstrip())]
        kept[0] = lead + kept[0].lstrip()
    return "#," + ",".join(kept)


def _new_document(job: ExportJob) -> str:
    language = job.properties.get(TARGET_LANGUAGE, "")
    header = (f"Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
              f"Language: {language}\nX-Generator: reviewer\n")
    if job.properties.get(SOURCE_LANGUAGE):
        header += f"X-Source-Language: {job.properties[SOURCE_LANGUAGE]}\n"
    lines = [*string_lines("msgid", "", DEFAULT_WIDTH), *string_lines("msgstr", header,
                                                                       DEFAULT_WIDTH)]
    seen: set[str] = set()
    for segment in job.segments:
        source = needs_source(segment.source, "PO")
        lines.append("")
        lines.extend(po_comment_lines(segment.comments))
        if segment.status == "edited":
            lines.append("#, fuzzy")
        if source in seen or not source:  # one msgid twice, or an empty one, needs a context
            lines.extend(string_lines("msgctxt", str(segment.position + 1), DEFAULT_WIDTH))
        seen.add(source)
        lines.extend(string_lines("msgid", source, DEFAULT_WIDTH))
        lines.extend(string_lines("msgstr", segment.correction, DEFAULT_WIDTH))
    return "".join(line + "\n" for line in lines)
