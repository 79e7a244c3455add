"""Locating XML nodes in a file's text, and changing spans of it."""

from __future__ import annotations

import pytest
from fidelity import changed_regions, outside
from lxml import etree

from reviewer.core.errors import ReviewerError
from reviewer.formats.xmlspans import Edit, apply_edits, locate, set_attribute

DOC = ("<?xml version='1.0' encoding='UTF-16'?>\r\n<!DOCTYPE x>\r\n<!-- before -->\r\n"
       "<x a='1' b=\"2\"><y><![CDATA[<no>]]></y><z/><?pi data?><!-- c --></x>\r\n")


def test_every_node_of_the_root_is_located_in_a_utf16_file() -> None:
    data = "\ufeff".encode("utf-16-le").join([b"", DOC.encode("utf-16-le")])
    root = etree.fromstring(data)
    xml, spans = locate(data, root, "doc.xml")
    assert xml.encode(xml.text) == data
    y = root[0]
    assert xml.markup(spans[y]) == "<y><![CDATA[<no>]]></y>"
    assert xml.text[spans[y].open_end:spans[y].close_start] == "<![CDATA[<no>]]>"
    assert spans[root[1]].empty
    assert xml.markup(spans[root[2]]) == "<?pi data?>"
    assert xml.markup(spans[root[3]]) == "<!-- c -->"
    assert xml.start_tag(spans[root]) == "<x a='1' b=\"2\">"


def test_a_file_that_does_not_read_back_is_refused() -> None:
    with pytest.raises(ReviewerError, match="cannot decode"):
        locate(b"<x>\xff</x>", etree.fromstring(b"<x>a</x>"), "bad.xml")


def test_attributes_are_set_in_place_with_their_quotes() -> None:
    assert set_attribute("<t state='new' a=\"1\">", "state", "translated") == \
        "<t state='translated' a=\"1\">"
    assert set_attribute("<t xml:lang=\"de\" >", "state", "a\"b") == \
        '<t xml:lang="de" state="a&quot;b" >'
    assert set_attribute("<sdl:seg id=\"1\"/>", "conf", "Translated") == \
        '<sdl:seg id="1" conf="Translated"/>'
    assert set_attribute("<t xstate=\"1\">", "state", "x") == '<t xstate="1" state="x">'


def test_edits_change_only_their_spans() -> None:
    text = "abc<t>old</t>xyz"
    after = apply_edits(text, [Edit(6, 9, "new & more")])
    assert after == "abc<t>new & more</t>xyz"
    assert outside(changed_regions(text, after), [(6, 9)]) == []
    assert outside(changed_regions(text, "ABC" + text[3:]), [(6, 9)]) == [(0, 3)]
