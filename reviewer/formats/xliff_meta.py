"""What an XLIFF file says about a segment, for the editor: ids, file, notes, comments, state."""

from __future__ import annotations

from lxml import etree

from reviewer.core.context import LOCKED_KEY
from reviewer.formats.xliff_units import MADCAP, MEMOQ, SDL, Slot, Xliff


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


class SegmentContext:
    """Reads the context of segments; Trados' comment definitions are looked up once."""

    def __init__(self, xliff: Xliff) -> None:
        self.xliff = xliff
        self._sdl_comments: dict[str, list[str]] | None = None

    def meta(self, slot: Slot) -> dict[str, object]:
        """The segment's meta: id, resname, file, state, notes, lock."""
        xliff = self.xliff
        unit = slot.unit
        meta: dict[str, object] = {"id": unit.get("id")}
        resname = unit.get("resname") if xliff.version == 1 else unit.get("name")
        if resname:
            meta["resname"] = resname
        file = xliff.file_of(unit)
        if file is not None and file.get("original"):
            meta["file"] = file.get("original")
        if slot.mid is not None:
            meta["mid"] = slot.mid
        elif xliff.version == 2 and slot.holder is not None and slot.holder.get("id"):
            meta["segment"] = slot.holder.get("id")
        state = self.state(slot)
        if state:
            meta["state"] = state
        notes = self._notes(slot)
        if notes:
            meta["notes"] = notes
        contexts = self._contexts(unit)
        if contexts:
            meta["context"] = contexts
        if slot.locked:
            meta[LOCKED_KEY] = "no"
        return meta

    def state(self, slot: Slot) -> str | None:
        """The status the file gives the segment, as the tool that wrote it names it."""
        value = self._state(slot)
        return None if value is None else str(value)

    def _state(self, slot: Slot) -> object:
        xliff = self.xliff
        if xliff.version == 2:
            return None if slot.holder is None else slot.holder.get("state")
        if xliff.tool == "sdl":
            seg = xliff.sdl_seg(slot.unit, slot.mid)
            if seg is not None:
                return seg.get("conf")
        if xliff.tool == "memoq":
            return slot.unit.get(f"{{{MEMOQ}}}status")
        if xliff.tool == "madcap" and slot.mid is not None and slot.target is not None:
            return slot.target.get(f"{{{MADCAP}}}segmentStatus")
        target = slot.holder if slot.mid is not None else slot.target
        return None if target is None else target.get("state")

    def _notes(self, slot: Slot) -> list[str]:
        xliff = self.xliff
        if xliff.version == 2:
            holder = slot.unit.find(xliff.q("notes"))
            notes = [] if holder is None else holder.findall(xliff.q("note"))
        else:
            notes = slot.unit.findall(xliff.q("note"))
        texts = [_text(note) for note in notes]
        if xliff.tool == "sdl":
            texts.extend(self._comments_on(slot))
        return [text for text in texts if text]

    def _comments_on(self, slot: Slot) -> list[str]:
        """Trados comments marked in the segment (``<mrk mtype="x-sdl-comment" sdl:cid>``)."""
        definitions = self._sdl_definitions()
        found: list[str] = []
        for element in (slot.source, slot.target):
            if element is None:
                continue
            for mark in element.iter(self.xliff.q("mrk")):
                if mark.get("mtype") == "x-sdl-comment":
                    found.extend(definitions.get(str(mark.get(f"{{{SDL}}}cid")), []))
        return list(dict.fromkeys(found))

    def _sdl_definitions(self) -> dict[str, list[str]]:
        if self._sdl_comments is None:
            self._sdl_comments = {}
            for definition in self.xliff.root.iter(f"{{{SDL}}}cmt-def"):
                texts = [_text(comment) for comment in definition.iter("Comment")]
                self._sdl_comments[str(definition.get("id"))] = [t for t in texts if t]
        return self._sdl_comments

    def _contexts(self, unit: etree._Element) -> list[str]:
        """Where the string is used (Angular, Xcode: ``<context-group purpose=...>``)."""
        lines = []
        for group in unit.findall(self.xliff.q("context-group")):
            if group.get("purpose") is None:
                continue  # memoQ's structural contexts say nothing to an editor
            parts = [_text(context) for context in group.findall(self.xliff.q("context"))]
            line = ":".join(part for part in parts if part)
            if line:
                lines.append(line)
        return lines
