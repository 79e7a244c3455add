"""An imported document: segments plus the layout text kept between them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ImportedSegment:
    """One unit to review: the MT, and optionally its source, reference and a post-edit."""

    mt: str
    source: str | None = None
    reference: str | None = None
    correction: str | None = None
    meta: dict[str, object] | None = None  # what a format needs to write the segment back


@dataclass(frozen=True)
class Layout:
    """Text around the segments: ``gaps[i]`` precedes segment ``i``; ``gaps[-1]`` ends it."""

    gaps: tuple[str, ...]

    def join(self, texts: list[str]) -> str:
        """Rebuild the document from segment texts, keeping every gap as it was."""
        if len(texts) + 1 != len(self.gaps):
            raise ValueError(f"layout holds {len(self.gaps) - 1} segments, got {len(texts)}")
        parts: list[str] = []
        for gap, text in zip(self.gaps, texts, strict=False):
            parts.append(gap)
            parts.append(text)
        parts.append(self.gaps[-1])
        return "".join(parts)


@dataclass(frozen=True)
class ImportedDocument:
    """What a reader hands to a new project."""

    segments: list[ImportedSegment]
    layout: Layout
    segmentation: str  # "sentences" or "lines"
    encoding: str = "utf-8"
    bom: bool = False
    source_name: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    format: str = "text"  # the reader that made it: text, lines, xliff, tmx, po, tsv, ...
    original: bytes | None = None  # the file as read, for exports that rewrite it
