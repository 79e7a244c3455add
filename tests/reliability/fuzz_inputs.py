"""Hostile import files for the fuzz tests: seeds of every format, mutated by Hypothesis.

A case is a file (its name's suffix and bytes) and the options ``reviewer new`` would pass
with it. ``check_import`` states the property every case must keep: a document or one
``ReviewerError`` line, in bounded time, and never anything else.
"""

from __future__ import annotations

import codecs
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from reviewer.core.document import ImportedDocument
from reviewer.core.errors import ReviewerError
from reviewer.formats.limits import MAX_SEGMENT_CHARS
from reviewer.formats.readers import IMPORT_FORMATS, import_document

DATA = Path(__file__).resolve().parent.parent / "data"
# CPU seconds a case may take: 2 s, and 2 s more per MB of input (the work is linear).
SECONDS_PER_CASE = 2.0
SECONDS_PER_MB = 2.0

RUSSIAN = (DATA / "source.ru.txt").read_text(encoding="utf-8")
ENGLISH = (DATA / "mt.en.txt").read_text(encoding="utf-8")
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                  "utf-32-le", "cp1251", "koi8-r", "cp866", "iso8859-5", "mac-cyrillic",
                  "latin-1", "utf-7")
# What a user might type after --encoding: real text codecs, and the ones that are not.
ENCODING_OPTIONS = (*TEXT_ENCODINGS, "ascii", "cp1252", "utf_16", "UTF8", "rot13", "base64",
                    "hex", "zlib", "bz2", "uu", "quopri", "idna", "punycode", "unicode_escape",
                    "raw_unicode_escape", "palmos", "no-such-codec", "", "utf-8\n")

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="ru" target-language="en" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Привет, <g id="1">мир</g><x id="2"/>!</source>
    <seg-source><mrk mtype="seg" mid="1">Привет</mrk></seg-source>
    <target state="new">Hello, <g id="1">world</g><x id="2"/>!</target>
    <note>a note</note></trans-unit>
   <trans-unit id="2" translate="no"><source>Код</source></trans-unit>
   <trans-unit id="3"><source>Без <bpt id="1">&lt;b&gt;</bpt>цели<ept id="1">&lt;/b&gt;</ept>
   </source><!-- no target --><?pi data?></trans-unit>
  </body>
 </file>
</xliff>
"""
XLIFF20 = """<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en">
 <file id="f"><unit id="u1"><notes><note>n</note></notes>
  <segment id="s1" state="translated"><source>Да <pc id="1">нет</pc></source>
   <target>Yes <pc id="1">no</pc></target></segment>
  <segment><source>Может быть</source></segment></unit></file></xliff>
"""
TMX11 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<tmx version="1.1"><header srclang="EN" segtype="sentence"/><body>
<tu tuid="a"><tuv lang="EN"><seg>caf\xe9 <ph x="1">&lt;br/&gt;</ph></seg></tuv>
<tuv lang="FR"><seg>caf\xe9</seg></tuv><note>n</note></tu>
<tu><tuv lang="EN"><seg>only source</seg></tuv></tu>
</body></tmx>
"""
PO_PLURAL = r"""# header comment
msgid ""
msgstr ""
"Language: ru\n"
"Content-Type: text/plain; charset=cp1251\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : 1);\n"

#. extracted
#, c-format, fuzzy
msgctxt "menu"
msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] ""
"%d файлов\t\"q\"\\"

#~ msgid "obsolete"
#~ msgstr "старое"
"""
CSV_SEMICOLON = 'src;target;ref;pe\n"a;b";"c ""d""";e;\n\nf;g\r\n;h;i\n'
TSV_ESCAPES = "mt\tsource\tpost-edit\nline\\none\\ttab\\\\\tисточник\t\n"


def _seeds() -> dict[str, tuple[str, bytes]]:
    """Every sample under tests/data, and files of the shapes the samples lack."""
    seeds = {path.name: (path.suffix, path.read_bytes()) for path in sorted(DATA.iterdir())
             if path.is_file()}
    for encoding in TEXT_ENCODINGS:
        text = RUSSIAN if encoding not in ("latin-1",) else ENGLISH
        seeds[f"ru.{encoding}.txt"] = (".txt", text.encode(encoding))
    seeds["xliff12.xlf"] = (".xlf", XLIFF12.encode())
    seeds["xliff20.xliff"] = (".xliff", XLIFF20.encode())
    seeds["xliff20.utf16.xlf"] = (".xlf", XLIFF20.replace('"?>', '" encoding="UTF-16"?>')
                                  .encode("utf-16"))
    seeds["tmx11.tmx"] = (".tmx", TMX11.encode("latin-1"))
    seeds["plural.po"] = (".po", PO_PLURAL.encode("cp1251"))
    seeds["semicolon.csv"] = (".csv", CSV_SEMICOLON.encode())
    seeds["escapes.tsv"] = (".tsv", TSV_ESCAPES.encode())
    return seeds


SEEDS = _seeds()

XML_FRAGMENTS = (
    b"<", b">", b"</", b"/>", b"&", b"&amp;", b"&lt;", b"&#0;", b"&#x1;", b"&#xD800;",
    b"&#x110000;", b"&#65;", b"&undefined;", b"&lol9;", b"<![CDATA[", b"]]>", b"<!--", b"-->",
    b"<?pi x?>", b"<?xml version='1.0'?>", b'<g id="1">', b"</g>", b'<x id="9"/>',
    b'<bpt i="1">', b"</bpt>", b"<ph/>", b"<mrk mtype='seg'>", b"</mrk>", b"<source>",
    b"</source>", b"<target>", b"</target>", b"<seg>", b"</seg>", b"<tuv xml:lang='ru'>",
    b"<tuv lang='en'>", b"</tuv>", b"<tu>", b"</tu>", b'<trans-unit id="">', b"</trans-unit>",
    b"<unit><segment><source>s</source></segment></unit>", b'xmlns="urn:x"',
    b'xmlns:a="urn:oasis:names:tc:xliff:document:2.0"', b'version="2.0"', b"<a:b:c>",
    b'<!DOCTYPE xliff SYSTEM "file:///etc/passwd">', b"<!DOCTYPE x []>", b"<!ELEMENT x ANY>",
    b'<!ATTLIST source id CDATA "default">', b'encoding="UTF-16"', b'encoding="x-nope"',
    b'encoding="ebcdic-cp-us"', b'xml:lang=""', b'translate="no"', b'state="final"',
    b'xml:lang="ru&#10;x"', b'lang="en&#x2028;"', b'id="&#133;"', b"&#x2029;", b"&#13;",
)
LAUGHS = (b'<!DOCTYPE xliff [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10)
                     for i in range(1, 10)).replace(b"&lol0;", b"&lol;")
          + b"]>\n")
ENTITY_ATTACKS = (
    LAUGHS,
    b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    b'<!DOCTYPE x [<!ENTITY xxe PUBLIC "-//x//EN" "http://127.0.0.1:1/x.dtd">]>',
    b'<!DOCTYPE x SYSTEM "http://127.0.0.1:1/x.dtd">',
    b'<!DOCTYPE x [\n<!-- [ -->\n<!ENTITY\ta\t"b">]>',
    b"<!DOCTYPE x [<!ENTITY a '&#38;#38;'>]>",
)
INVALID_UTF8 = (b"\xff", b"\xc3", b"\xc3\x28", b"\xe2\x82", b"\xed\xa0\x80", b"\xc0\xaf",
                b"\xf4\x90\x80\x80", b"\x80", b"\xfe\xff", b"\xef\xbb\xbf")
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
        codecs.BOM_UTF32_BE)
TEXT_FRAGMENTS = (b"\t", b",", b";", b'"', b"\\", b"\\q", b"\r", b"\n", b"\r\n", b"\x0b",
                  b"\x0c", b"\x1c", b"\xc2\x85", b"\xe2\x80\xa8", b"msgid \"", b"msgstr[9] \"",
                  b"msgid_plural \"", b"msgctxt \"", b"#~ ", b"#, fuzzy", b'"\n"', b"mt\t",
                  b"source,mt\n", b"\x00", b"\x1b]0;title\x07", b"\xd0", b". ", b"...",
                  b"\xe2\x80\x8b", b"\xf0\x9f\x98\x80")

Mutation = Callable[[st.DrawFn, bytes], bytes]


def _at(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def flip_byte(draw: st.DrawFn, data: bytes) -> bytes:
    """XOR one byte with a random mask."""
    if not data:
        return data
    index = draw(st.integers(0, len(data) - 1))
    return data[:index] + bytes([data[index] ^ draw(st.integers(1, 255))]) + data[index + 1:]


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    """Cut the file short, as an interrupted copy would."""
    return data[:_at(draw, data)]


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """Random bytes at a random place."""
    at = _at(draw, data)
    return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]


def insert_fragment(draw: st.DrawFn, data: bytes) -> bytes:
    """A piece of XML, PO or delimited syntax where it does not belong."""
    at = _at(draw, data)
    pieces: st.SearchStrategy[bytes] = st.sampled_from(XML_FRAGMENTS + TEXT_FRAGMENTS
                                                       + INVALID_UTF8)
    return data[:at] + draw(pieces) + data[at:]


def huge_attribute(draw: st.DrawFn, data: bytes) -> bytes:
    """An attribute megabytes long on the first element after a random place."""
    at = data.find(b"<", _at(draw, data))
    if at < 0 or at + 1 >= len(data) or not data[at + 1:at + 2].isalpha():
        at = data.find(b"<x") if b"<x" in data else -1
    size = draw(st.sampled_from((1 << 10, 1 << 16, 1 << 20, 3 << 20)))
    end = data.find(b">", max(at, 0))
    if at < 0 or end < 0:
        return data + b'<x a="' + b"A" * size + b'"/>'
    if data[end - 1:end] == b"/" or data[end - 1:end] == b"?":
        end -= 1
    return data[:end] + b' huge="' + b"&#65;" * (size // 5) + b'"' + data[end:]


def deep_nesting(draw: st.DrawFn, data: bytes) -> bytes:
    """Elements nested hundreds or thousands deep inside a segment (or anywhere)."""
    depth = draw(st.sampled_from((50, 250, 255, 300, 1000, 5000)))
    tag = draw(st.sampled_from((b"g", b"mrk", b"x", b"bpt", b"seg", b"a")))
    anchor = max((data.find(marker) for marker in (b"<source>", b"<seg>", b"<target>")),
                 default=-1)
    at = data.find(b">", anchor) + 1 if anchor >= 0 else _at(draw, data)
    return data[:at] + b"<%s>" % tag * depth + b"t" + b"</%s>" % tag * depth + data[at:]


def entity_attack(draw: st.DrawFn, data: bytes) -> bytes:
    """A DOCTYPE with entity bombs or external entities, and a reference to them."""
    doctype = draw(st.sampled_from(ENTITY_ATTACKS))
    declaration = data.find(b"?>")
    at = declaration + 2 if data.lstrip().startswith(b"<?xml") and declaration >= 0 else 0
    data = data[:at] + doctype + data[at:]
    use = data.find(b"<source>")
    if use < 0:
        use = data.find(b"<seg>")
    if use >= 0:
        reference = draw(st.sampled_from((b"&lol9;", b"&xxe;", b"&a;", b"")))
        end = data.find(b">", use) + 1
        data = data[:end] + reference + data[end:]
    return data


def add_bom(draw: st.DrawFn, data: bytes) -> bytes:
    """A byte-order mark, right or wrong for the bytes after it."""
    return draw(st.sampled_from(BOMS)) + data


def insert_nuls(draw: st.DrawFn, data: bytes) -> bytes:
    """NUL bytes, alone or in runs."""
    at = _at(draw, data)
    return data[:at] + b"\x00" * draw(st.sampled_from((1, 2, 3, 4, 1000))) + data[at:]


def invalid_utf8(draw: st.DrawFn, data: bytes) -> bytes:
    """Bytes no UTF-8 decoder accepts (or a stray byte-order mark)."""
    at = _at(draw, data)
    return data[:at] + draw(st.sampled_from(INVALID_UTF8)) + data[at:]


def mix_line_endings(draw: st.DrawFn, data: bytes) -> bytes:
    """Some line feeds become CR LF, CR, or other Unicode line breaks."""
    ending = draw(st.sampled_from((b"\r\n", b"\r", b"\n\n", b"\xe2\x80\xa8", b"\x0b", b"")))
    lines = data.split(b"\n")
    chosen = draw(st.sets(st.integers(0, max(len(lines) - 2, 0)), max_size=8))
    out = bytearray()
    for index, line in enumerate(lines):
        out += line
        if index < len(lines) - 1:
            out += ending if index in chosen else b"\n"
    return bytes(out)


def repeat_slice(draw: st.DrawFn, data: bytes) -> bytes:
    """A slice of the file repeated: many units, long lines, or long runs of one byte."""
    if not data:
        return data
    start = draw(st.integers(0, len(data) - 1))
    end = draw(st.integers(start + 1, min(len(data), start + 200)))
    times = draw(st.sampled_from((2, 10, 100, 1000, 20000)))
    return data[:end] + data[start:end] * times + data[end:]


def whitespace_run(draw: st.DrawFn, data: bytes) -> bytes:
    """A long run of spaces, tabs or line breaks (sentence splitting and trimming)."""
    unit = draw(st.sampled_from((b" ", b" \n", b"\t", b"\r\n", b"\xc2\xa0", b". ")))
    at = _at(draw, data)
    return data[:at] + unit * draw(st.sampled_from((10, 1000, 20000))) + data[at:]


def reencode(draw: st.DrawFn, data: bytes) -> bytes:
    """The text stored in another encoding, declaration and all left as they were."""
    text = data.decode("utf-8", errors="replace")
    encoding = draw(st.sampled_from(TEXT_ENCODINGS))
    return text.encode(encoding, errors="replace")


MUTATIONS: tuple[Mutation, ...] = (
    flip_byte, truncate, insert_bytes, insert_fragment, huge_attribute, deep_nesting,
    entity_attack, add_bom, insert_nuls, invalid_utf8, mix_line_endings, repeat_slice,
    whitespace_run, reencode,
)
# File names are the user's: any bytes but "/" and NUL.
STEMS = ("two\nlines", "tab\there", "cr\r", "sep\u2028x", "nel\x85", "\x1b[31mred", "ünï",
         "\u202eevil", "-", " ", "back\\slash", "quote'\"", "bad\udcff")
SUFFIXES = (".txt", ".xlf", ".xliff", ".sdlxliff", ".tmx", ".po", ".pot", ".tsv", ".tab",
            ".csv", "", ".xml", ".bin")


@dataclass(frozen=True)
class ImportCase:
    """One file to import and the options given with it."""

    seed: str
    suffix: str
    data: bytes
    options: dict[str, str] = field(default_factory=dict)
    aligned: dict[str, bytes] = field(default_factory=dict)  # --source etc. for plain text
    stem: str = "mt"  # the file's name before its suffix

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))  # Hypothesis would print every byte of a megabyte file

    def __repr__(self) -> str:
        data = self.data if len(self.data) <= 300 else self.data[:300] + b"..."
        return (f"ImportCase(seed={self.seed!r}, suffix={self.suffix!r}, "
                f"size={len(self.data)}, data={data!r}, options={self.options!r}, "
                f"aligned={sorted(self.aligned)}, stem={self.stem!r})")


@st.composite
def mutated_bytes(draw: st.DrawFn, seeds: tuple[str, ...] | None = None) -> tuple[str, bytes]:
    """A seed's name and its bytes after up to four mutations."""
    name = draw(st.sampled_from(seeds or tuple(SEEDS)))
    data = SEEDS[name][1]
    for _ in range(draw(st.integers(0, 4))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return name, data


@st.composite
def import_cases(draw: st.DrawFn, seeds: tuple[str, ...] | None = None,
                 with_options: bool = True) -> ImportCase:
    """A mutated seed under its own suffix (mostly) with the options a user might give."""
    name, data = draw(mutated_bytes(seeds))
    suffix = SEEDS[name][0] if draw(st.integers(0, 4)) else draw(st.sampled_from(SUFFIXES))
    options: dict[str, str] = {}
    aligned: dict[str, bytes] = {}
    if with_options:
        if draw(st.integers(0, 5)) == 0:
            options["file_format"] = draw(st.sampled_from(IMPORT_FORMATS))
        if draw(st.integers(0, 4)) == 0:
            options["encoding"] = draw(st.sampled_from(ENCODING_OPTIONS))
        if draw(st.integers(0, 5)) == 0:
            options["langs"] = draw(st.sampled_from(
                ("ru,en", "en,ru", "ru,de", "EN,fr", "ru-RU,en-GB", "xx,yy", "ru", ",", " , ",
                 "ru,en,de", "*all*,en", "\u0000,\u2028")) | st.text(max_size=12))
        if draw(st.integers(0, 5)) == 0:
            options["segmentation"] = draw(st.sampled_from(("sentences", "lines", "words")))
        if suffix == ".txt" and draw(st.integers(0, 4)) == 0:
            for role in draw(st.sets(st.sampled_from(("source", "reference", "corrections")),
                                     min_size=1)):
                aligned[role] = draw(mutated_bytes(tuple(n for n in SEEDS
                                                         if n.endswith(".txt"))))[1]
    stem = "mt" if draw(st.integers(0, 9)) else draw(st.sampled_from(STEMS))
    return ImportCase(name, suffix, data, options, aligned, stem)


def write_case(case: ImportCase, folder: Path) -> dict[str, Path]:
    """The case's files in ``folder``: ``mt`` and any aligned ones."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"mt": folder / f"{case.stem}{case.suffix}"}
    paths["mt"].write_bytes(case.data)
    for role, data in case.aligned.items():
        paths[role] = folder / f"{role}.txt"
        paths[role].write_bytes(data)
    return paths


def check_one_line(message: str) -> None:
    """A message a user sees: not empty and exactly one line."""
    assert message.strip(), "empty error message"
    assert message.splitlines() == [message], f"not one line: {message!r}"


def check_document(document: ImportedDocument) -> None:
    """What every imported document promises the project that stores it."""
    assert document.segments, "a document without segments"
    assert len(document.layout.gaps) == len(document.segments) + 1
    for segment in document.segments:
        for text in (segment.mt, segment.source, segment.reference, segment.correction):
            assert text is None or len(text) <= MAX_SEGMENT_CHARS
            assert text is None or isinstance(text, str)


def check_import(case: ImportCase, folder: Path) -> tuple[str, ImportedDocument | None]:
    """Import the case: a valid document or one ReviewerError line, in bounded time.

    Returns ``("ok", document)`` or ``("error: MESSAGE", None)``; any other exception
    propagates, which is the failure the fuzzing looks for.
    """
    paths = write_case(case, folder)
    size_mb = (len(case.data) + sum(len(data) for data in case.aligned.values())) / 2**20
    limit = SECONDS_PER_CASE + SECONDS_PER_MB * size_mb
    start, cpu_start = time.monotonic(), time.process_time()
    document: ImportedDocument | None = None
    try:
        imported = import_document(paths["mt"], paths.get("source"), paths.get("reference"),
                                   paths.get("corrections"), **case.options)
    except ReviewerError as error:
        check_one_line(str(error))
        outcome = f"error: {error}"
    else:
        check_document(imported)
        outcome, document = "ok", imported
    cpu, elapsed = time.process_time() - cpu_start, time.monotonic() - start
    assert cpu < limit, f"took {cpu:.1f} s of CPU (the bound is {limit:.1f} s)"
    # waiting (on a pipe, the network, a lock) uses no CPU; a looser bound catches it
    assert elapsed < 4 * limit + 5, f"took {elapsed:.1f} s (the bound is {4 * limit + 5:.1f} s)"
    return outcome, document
