"""What a file says about a segment, as labelled lines for the editor (notes, ids, comments)."""

from __future__ import annotations

# meta keys readers fill, in the order and with the labels the editor sees them
_LABELS: tuple[tuple[str, str], ...] = (
    ("file", "File"),
    ("id", "Unit"),
    ("unit", "Unit"),
    ("resname", "Resource name"),
    ("tuid", "Unit"),
    ("context", "Context"),
    ("notes", "Note"),
    ("comments", "Translator comment"),
    ("extracted", "Comment for translators"),
    ("references", "Reference"),
    ("previous", "Previous source"),
    ("flags", "Flags"),
    ("state", "State in the file"),
)
LOCKED_KEY = "translate"  # "no": the file marks the unit as not to be translated


def context_lines(meta: dict[str, object] | None) -> list[tuple[str, str]]:
    """(label, text) pairs of what the segment's file says about it."""
    if not meta:
        return []
    lines: list[tuple[str, str]] = []
    for key, label in _LABELS:
        value = meta.get(key)
        if value is None or value == "" or value == []:
            continue
        if key == "flags" and isinstance(value, list):
            lines.append((label, ", ".join(str(item) for item in value)))
        elif isinstance(value, list):
            lines.extend((label, str(item)) for item in value)
        else:
            lines.append((label, str(value)))
    props = meta.get("props")
    if isinstance(props, dict):
        lines.extend((f"Property {name}", str(value)) for name, value in props.items())
    if is_locked(meta):
        lines.append(("Locked", "the file marks this unit as not to be translated"))
    return lines


def is_locked(meta: dict[str, object] | None) -> bool:
    """Whether the file forbids translating the segment (XLIFF ``translate="no"``)."""
    return bool(meta) and str((meta or {}).get(LOCKED_KEY, "")).lower() == "no"
