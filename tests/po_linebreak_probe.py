"""GNU libunistring's line breaking, called through ctypes: the reference our PO wrapping copies.

The tests compare reviewer.formats.linebreak with it. Run as a script to regenerate
reviewer/formats/linebreak_table.py from the installed libunistring (what msgcat calls):

    python tests/po_linebreak_probe.py > reviewer/formats/linebreak_table.py
"""

from __future__ import annotations

import array
import ctypes
import ctypes.util
from functools import cache

# one character of each line-break class (UAX #14), and the wide opening bracket that
# libunistring keeps apart from OP (no AL×OP glue before it, as in LB30)
REPRESENTATIVES = {
    "BK": 0x2028, "CR": 0x0D, "CM": 0x0301, "ZWJ": 0x200D, "WJ": 0x2060, "ZW": 0x200B,
    "GL": 0xA0, "SP": 0x20, "B2": 0x2014, "BA": 0x2013, "BB": 0xB4, "HY": 0x2D, "CL": 0x7D,
    "CP": 0x29, "EX": 0x21, "IN": 0x2026, "NS": 0x3005, "OP": 0x28, "OW": 0x3008, "QU": 0x22,
    "IS": 0x2C, "NU": 0x30, "PO": 0x25, "PR": 0x24, "SY": 0x2F, "AL": 0x61, "H2": 0xAC00,
    "H3": 0xAC01, "HL": 0x5D0, "ID": 0x4E00, "JL": 0x1100, "JV": 0x1160, "JT": 0x11A8,
    "RI": 0x1F1E6, "EB": 0x1F466, "EM": 0x1F3FB,
}
PROHIBITED, POSSIBLE, MANDATORY, CR_BEFORE_LF = 1, 2, 3, 5


@cache
def library() -> ctypes.CDLL | None:
    """libunistring, or None where it is not installed."""
    name = ctypes.util.find_library("unistring")
    if name is None:
        return None
    try:
        lib = ctypes.CDLL(name)
        lib.u32_possible_linebreaks_v2.argtypes = [ctypes.c_void_p, ctypes.c_size_t,
                                                   ctypes.c_char_p, ctypes.c_char_p]
    except (OSError, AttributeError):
        return None
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    lib.uc_width.restype = ctypes.c_int
    return lib


def breaks(points: list[int]) -> list[int]:
    """libunistring's break code before each code point (UC_BREAK_*), CR LF as mandatory."""
    lib = library()
    assert lib is not None
    units = array.array("I", points)
    result = ctypes.create_string_buffer(len(units))
    address, count = units.buffer_info()
    lib.u32_possible_linebreaks_v2(address, count, b"UTF-8", result)
    return [MANDATORY if code == CR_BEFORE_LF else code for code in result.raw]


def width(point: int) -> int:
    """libunistring's column width of a code point in a UTF-8 text (-1 for controls)."""
    lib = library()
    assert lib is not None
    return int(lib.uc_width(point, b"UTF-8"))


def _classes(points: list[int]) -> dict[int, str]:
    """Each code point's class: the representative that breaks the same way around it."""
    prints: dict[int, list[bytes]] = {point: [] for point in points}
    for spaced in (False, True):
        for sample in REPRESENTATIVES.values():
            unit = [sample, 0x20, 0, 0x20, sample, 0x2028] if spaced else \
                [sample, 0, sample, 0x2028]
            where = 2 if spaced else 1
            sequence: list[int] = []
            for point in points:
                unit[where] = point
                sequence.extend(unit)
            codes = bytes(breaks(sequence))
            step = len(unit)
            for index, point in enumerate(points):
                prints[point].append(codes[index * step + 1: index * step + step - 1])
    known = {b"".join(prints[sample]): name for name, sample in REPRESENTATIVES.items()}
    classes = {}
    for point in points:
        found = known.get(b"".join(prints[point]))
        if found is None:
            raise SystemExit(f"U+{point:04X} breaks like no known class")
        classes[point] = found
    return classes


def _runs(values: list[str]) -> str:
    """``<distance from the previous run><value>`` for each change, as lines of text."""
    tokens: list[str] = []
    previous, start = None, 0
    for point, value in enumerate(values):
        if value != previous:
            tokens.append(f"{point - start}{value}")
            previous, start = value, point
    lines, line = [], ""
    for token in tokens:
        if len(line) + len(token) > 88:
            lines.append(line)
            line = ""
        line += token
    return "\n".join([*lines, line])


def main() -> None:
    """Print reviewer/formats/linebreak_table.py."""
    from reviewer.formats.linebreak import CLASSES, WIDTH_CODES

    points = [point for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF]
    classes = _classes(points)
    letters = {name: chr(ord("A") + index) if index < 26 else chr(ord("a") + index - 26)
               for index, name in enumerate(CLASSES)}
    class_values, width_values = [], []
    for point in range(0x110000):
        name = classes.get(point, "AL")
        if 0xAC00 <= point <= 0xD7A3:
            name = "H3"  # H2 every 28th syllable, computed by the lookup
        class_values.append(letters[name])
        width_values.append(WIDTH_CODES[width(point) if point in classes else 1])
    print('"""Line-break class and column width of every code point, as GNU libunistring 1.0')
    print("(Unicode 14.0) has them; generated by tests/po_linebreak_probe.py, do not edit.\"\"\"")
    print()
    print(f'CLASS_RUNS = """\n{_runs(class_values)}\n"""')
    print()
    print(f'WIDTH_RUNS = """\n{_runs(width_values)}\n"""')


if __name__ == "__main__":
    main()
