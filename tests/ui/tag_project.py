"""A small project whose segments hold inline tags, for the window's tag tests."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.document import ImportedDocument, ImportedSegment, Layout
from reviewer.core.tags import CLOSE, CODE, OPEN, InlineTag, tag_char, tags_data
from reviewer.session import ReviewSession

# segment 1: <1>…</1> around a word and a standalone <2/>
TAGS_0 = [
    InlineTag(1, OPEN, "g", '<g id="1" ctype="x-bold">', nests=True),
    InlineTag(1, CLOSE, "g", "</g>", nests=True),
    InlineTag(2, CODE, "x", '<x id="2" ctype="lb"/>'),
]
O1, C1, X2 = (tag_char(index) for index in range(3))
SOURCE_0 = f"Click {O1}Save{C1} to keep{X2} your changes."
MT_0 = f"Cliquez sur {O1}Enregistrer{C1} pour garder{X2} vos modifications."

# segment 2: the MT lost <1>…</1> and <3/>; the source has them in that order
TAGS_1 = [
    InlineTag(1, OPEN, "g", '<g id="1">', nests=True),
    InlineTag(1, CLOSE, "g", "</g>", nests=True),
    InlineTag(2, OPEN, "g", '<g id="2">', nests=True),
    InlineTag(2, CLOSE, "g", "</g>", nests=True),
    InlineTag(3, CODE, "x", '<x id="3"/>'),
]
P1, Q1, P2, Q2, X3 = (tag_char(index) for index in range(5))
SOURCE_1 = f"{P1}Open{Q1} the {P2}File{Q2} menu.{X3}"
MT_1 = f"Ouvrez le menu {P2}Fichier{Q2}."

MT_2 = "Acme Corporation"  # locked: translate="no"
MT_3 = "Une phrase sans balises."

NOTE_0 = "Button label: keep it short"


def tagged_document() -> ImportedDocument:
    """Four segments: tagged, tagged with tags missing, locked, plain."""
    segments = [
        ImportedSegment(mt=MT_0, source=SOURCE_0,
                        meta={"tags": tags_data(TAGS_0), "id": "btn.save", "file": "ui.xlf",
                              "notes": [NOTE_0]}),
        ImportedSegment(mt=MT_1, source=SOURCE_1,
                        meta={"tags": tags_data(TAGS_1), "id": "menu.file"}),
        ImportedSegment(mt=MT_2, source="Acme Corporation",
                        meta={"id": "brand", "translate": "no"}),
        ImportedSegment(mt=MT_3, source="A sentence without tags."),
    ]
    return ImportedDocument(segments=segments, layout=Layout(("",) + ("\n",) * 4),
                            segmentation="lines", format="xliff", source_name="ui.xlf")


def tagged_project(folder: Path) -> Path:
    """The tagged document as a closed project in ``folder``."""
    path = folder / "tagged.review"
    ReviewSession.create(path, tagged_document()).close()
    return path
