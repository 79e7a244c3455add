"""The PO syntax: a file's messages with their strings, flags, comments and line spans."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewer.core.errors import ReviewerError
from reviewer.formats.structured import shown

# a plural index of thousands of digits would be too long for int()
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]{1,9}\])?)\s*(".*)$')
_STRING = re.compile(r'^"((?:[^"\\]|\\.)*)"\s*$')
# file names with spaces are isolated with U+2068 … U+2069 by gettext 0.22 and later
_REFERENCE = re.compile(r"\u2068[^\u2069]*\u2069\S*|\S+")
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
             "f": "\f", "v": "\v"}
# the #| previous strings and the meta keys they are shown under
PREVIOUS = {"msgctxt": "previous_context", "msgid": "previous", "msgid_plural": "previous_plural"}


@dataclass
class Field:
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
class Entry:
    """One message: its fields, flags, comments and where its lines are."""

    fields: dict[str, Field] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)  # from the #, lines
    sticky: list[str] = field(default_factory=list)  # from #= lines (gettext 0.23 and later)
    flag_lines: list[int] = field(default_factory=list)
    sticky_lines: list[int] = field(default_factory=list)
    previous: dict[str, Field] = field(default_factory=dict)
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


def split_flags(text: str) -> list[str]:
    """The flags of a ``#,`` (or ``#=``) line's text."""
    return [flag.strip() for flag in text.split(",") if flag.strip()]


class _Parser:
    """Entries in file order, the header included, obsolete (``#~``) ones left out."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.entries: list[Entry] = []
        self.current = Entry()
        self.last: Field | None = None

    def finish(self) -> None:
        """Close the message being read (comments with no message after them are dropped)."""
        if self.current.fields:
            for item in self.current.fields.values():
                item.close()
            for item in self.current.previous.values():
                item.close()
            _validate(self.current, self.name)
            self.entries.append(self.current)
        self.current, self.last = Entry(), None

    def comment(self, line: str, index: int) -> None:
        """A ``#`` line: flags, previous strings or one of the three kinds of comment."""
        if self.current.fields:
            self.finish()
        entry, kind, text = self.current, line[1:2], line[2:]
        if entry.first_line is None:
            entry.first_line = index
        if kind == ",":
            entry.flags.extend(split_flags(text))
            entry.flag_lines.append(index)
        elif kind == "=":
            entry.sticky.extend(split_flags(text))
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
            if match is not None and match.group(1) in PREVIOUS:
                item = Field(_unquote(match.group(2), index + 1, self.name), index, index + 1)
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
        self.last = Field(_unquote(match.group(2), index + 1, self.name), index, index + 1)
        entry.fields[keyword] = self.last

    def parse(self, lines: list[str]) -> list[Entry]:
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


def parse_entries(lines: list[str], name: str) -> list[Entry]:
    """The messages of a PO file's lines, the header included, obsolete ones left out."""
    return _Parser(name).parse(lines)


def _validate(entry: Entry, name: str) -> None:
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


def is_header(entry: Entry) -> bool:
    """Whether ``entry`` is the header (an empty msgid without a context)."""
    return entry.fields["msgid"].value == "" and "msgctxt" not in entry.fields

