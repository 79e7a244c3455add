"""Writing PO: the original file with only what gettext's tools would change, or a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewer.core.errors import ReviewerError
from reviewer.core.status import SegmentStatus
from reviewer.formats.comment_notes import po_comment_lines
from reviewer.formats.encoding import decode, encode_text
from reviewer.formats.po_parse import Entry, is_header, parse_entries, split_flags
from reviewer.formats.po_wrap import DEFAULT_WIDTH, WrappedString, detect_width, string_lines
from reviewer.formats.structured import (
    SOURCE_LANGUAGE,
    TARGET_LANGUAGE,
    file_lines,
    is_edited,
    needs_source,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from reviewer.formats.writers import ExportJob, ExportSegment


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
        self.entries = parse_entries(self.lines, name)
        self.messages = [entry for entry in self.entries if not is_header(entry)]
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

    def _comments(self, entry: Entry, segments: list[ExportSegment]) -> None:
        """The segments' open comments as translator comments, after the entry's own."""
        lines = po_comment_lines(c for segment in segments for c in segment.comments)
        if not lines:
            return
        before = max(entry.comment_lines) + 1 if entry.comment_lines else entry.first_line
        assert before is not None
        eol = _ending(self.lines[before]) or self.eol
        self.inserted.setdefault(before, []).extend(line + eol for line in lines)

    def _entry(self, entry: Entry, segments: list[ExportSegment]) -> None:
        for segment in segments:
            key = str((segment.meta or {})["field"])
            if is_edited(segment.status) and segment.correction != entry.fields[key].value:
                self._string(entry, key, segment.correction)
        statuses = [segment.status for segment in segments]
        if all(status == SegmentStatus.CONFIRMED for status in statuses):
            self._set_fuzzy(entry, False)
            for index in entry.previous_lines:
                self.replaced[index] = (index + 1, [])
        elif SegmentStatus.EDITED in statuses:
            self._set_fuzzy(entry, True)

    def _string(self, entry: Entry, key: str, text: str) -> None:
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

    def _set_fuzzy(self, entry: Entry, fuzzy: bool) -> None:
        if ("fuzzy" in entry.flags) == fuzzy:
            return
        if not fuzzy:
            for index in entry.flag_lines:
                line = self.lines[index]
                if "fuzzy" in split_flags(line.rstrip("\r\n")[2:]):
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
        if segment.status == SegmentStatus.EDITED:
            lines.append("#, fuzzy")
        if source in seen or not source:  # one msgid twice, or an empty one, needs a context
            lines.extend(string_lines("msgctxt", str(segment.position + 1), DEFAULT_WIDTH))
        seen.add(source)
        lines.extend(string_lines("msgid", source, DEFAULT_WIDTH))
        lines.extend(string_lines("msgstr", segment.correction, DEFAULT_WIDTH))
    return "".join(line + "\n" for line in lines)
