"""XML segment content as text with protected tags, and back as markup."""

from __future__ import annotations

from lxml import etree

from reviewer.core.tags import to_notation
from reviewer.formats.tagged import TagTable, markup_of, render
from reviewer.formats.xmlspans import locate

TU = ('<tu><tuv xml:lang="en"><seg>Press <ph x="1">&lt;b&gt;</ph>OK<ph x="2">&lt;/b&gt;</ph>'
      '</seg></tuv><tuv xml:lang="de"><seg><ph x="2">&lt;/B&gt;</ph>OK <ph x="1">&lt;B&gt;</ph>'
      '</seg></tuv></tu>')


def _read(xml_text: str) -> tuple[str, str, TagTable]:
    data = xml_text.encode("utf-8")
    root = etree.fromstring(data)
    xml, spans = locate(data, root, "tu.tmx")
    source, target = root.iter("seg")
    table = TagTable()
    source_text = render(source, xml, spans, table, "source")
    table.side = "target"
    return source_text, render(target, xml, spans, table, "target"), table


def test_tmx_codes_match_across_sides_by_their_x_attribute() -> None:
    source, target, table = _read(TU)
    assert to_notation(source, table.tags) == "Press <1/>OK<2/>"
    # the target's codes differ in content but are the same codes, swapped
    assert to_notation(target, table.tags) == "<2/>OK <1/>"
    assert all(tag.in_source for tag in table.tags)


def test_a_carriage_return_is_written_as_a_reference() -> None:
    assert markup_of("a\rb\nc & <d>", [], "\r\n", "segment 1") == "a&#13;b\r\nc &amp; &lt;d&gt;"
