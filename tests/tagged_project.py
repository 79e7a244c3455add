"""A project whose segments hold protected inline tags, made without a file reader."""

from __future__ import annotations

from pathlib import Path

from reviewer.core.document import ImportedDocument, ImportedSegment
from reviewer.core.tags import CLOSE, CODE, OPEN, InlineTag, tag_char, tags_data
from reviewer.formats.structured import line_layout
from reviewer.session import ReviewSession

# <1>…</1> and <2>…</2> are elements holding text (their pairs must nest), <3/> a code
TAGS = [
    InlineTag(1, OPEN, "g", '<g id="1">', nests=True),
    InlineTag(1, CLOSE, "g", "</g>", nests=True),
    InlineTag(2, OPEN, "g", '<g id="2">', nests=True),
    InlineTag(2, CLOSE, "g", "</g>", nests=True),
    InlineTag(3, CODE, "x", '<x id="3"/>'),
]
O1, C1, O2, C2, X3 = (tag_char(index) for index in range(len(TAGS)))
META = {"tags": tags_data(TAGS)}

SOURCE_1 = f"{O1}СОЧИ{C1}, {O2}22{C2} октября.{X3}"
MT_1 = f"{O1}SOCHI{C1}, October {O2}22{C2}.{X3}"
MT_1_NOTATION = "<1>SOCHI</1>, October <2>22</2>.<3/>"
REFERENCE_1 = f"{O1}SOCHI{C1}, {O2}22{C2} October.{X3}"
# literal text that looks like a placeholder, beside real tags
MT_2 = f"Type <1> in {O1}the box{C1} {O2}now{C2}{X3}"
MT_2_NOTATION = "Type \\<1> in <1>the box</1> <2>now</2><3/>"
SOURCE_2 = f"Введите <1> в {O1}поле{C1} {O2}сейчас{C2}{X3}"


def tagged_document(with_source: bool = True) -> ImportedDocument:
    """Four segments: two tagged, one locked (translate="no"), one without tags."""
    def source(text: str) -> str | None:
        return text if with_source else None

    segments = [
        ImportedSegment(mt=MT_1, source=source(SOURCE_1), reference=REFERENCE_1, meta=META),
        ImportedSegment(mt=MT_2, source=source(SOURCE_2), meta=META),
        ImportedSegment(mt="Valdai", source=source("Валдай"),
                        meta={**META, "translate": "no"}),
        ImportedSegment(mt="A plain sentence, <b>.", source=source("Простое предложение.")),
    ]
    return ImportedDocument(segments=segments, layout=line_layout(len(segments)),
                            segmentation="units", format="xliff" if with_source else "text",
                            source_name="job.xlf")


def tagged_project(folder: Path, with_source: bool = True) -> Path:
    """A closed project made from ``tagged_document``."""
    path = folder / "tagged.review"
    ReviewSession.create(path, tagged_document(with_source)).close()
    return path
