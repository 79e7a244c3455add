"""Light and dark looks: the palette, the style sheet and every colour the window paints."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from reviewer.core.status import SegmentStatus
from reviewer.locations import resources_dir

SYSTEM, LIGHT, DARK = "system", "light", "dark"
THEMES = (SYSTEM, LIGHT, DARK)


@dataclass(frozen=True)
class Colours:
    """The colours of one look, as ``#rrggbb`` names."""

    deleted: str
    inserted: str
    deleted_background: str
    inserted_background: str
    muted: str  # secondary text: pending scores, effort figures
    error: str
    warning: str
    misspelled: str
    pair_fill: str  # tag chips: paired tags
    pair_text: str
    code_fill: str  # tag chips: standalone codes
    code_text: str
    extra_tag: str  # the border of a chip only the MT had
    editor_change: str  # reviewer mode's track changes: the editor's edits of the MT
    reviewer_change: str  # and the reviewer's edits of the editor's text
    term_background: str  # glossary terms found in the segment (text and diffs readable)
    status: dict[str, str] = field(default_factory=dict)
    # MQM annotations: the background of a span by severity (text and diffs readable on it)
    severity: dict[str, str] = field(default_factory=dict)
    # learned fixes: the dashed underline of an MT phrase in the correction, and its line
    suggestion: str = "#00796b"

    def qcolor(self, name: str) -> QColor:
        """One of the colours above as a ``QColor``."""
        return QColor(str(getattr(self, name)))

    def status_colour(self, status: str) -> QColor | None:
        """The colour a status is written in, if it has one."""
        name = self.status.get(str(status))
        return QColor(name) if name else None


LIGHT_COLOURS = Colours(
    deleted="#c62828", inserted="#1565c0", deleted_background="#fdecea",
    inserted_background="#e8f0fe", muted="#666666", error="#b00020", warning="#9a5800",
    misspelled="#d32f2f", pair_fill="#ede7f6", pair_text="#4527a0", code_fill="#e0f2f1",
    code_text="#00695c", extra_tag="#ef6c00",
    editor_change="#1565c0", reviewer_change="#ad1457", term_background="#d7f5dd",
    status={SegmentStatus.CONFIRMED: "#2e7d32", SegmentStatus.EDITED: "#b45309",
            SegmentStatus.REVIEWED: "#00695c", SegmentStatus.REJECTED: "#ad1457",
            SegmentStatus.IMPORTED: "#6a1b9a", SegmentStatus.DRAFT: "#c62828",
            SegmentStatus.LOCKED: "#546e7a"},
    severity={"neutral": "#e8ebef", "minor": "#fff3a8", "major": "#ffe6c7",
              "critical": "#ffe2e7"},
    suggestion="#00796b")

# lighter tints of the same hues: readable (contrast ≥ 4.5) on the dark window colours
DARK_COLOURS = Colours(
    deleted="#ff8a80", inserted="#82b1ff", deleted_background="#4a2323",
    inserted_background="#1f3352", muted="#a0a0a0", error="#ff8a80", warning="#ffcc80",
    misspelled="#ff6e6e", pair_fill="#3b3152", pair_text="#d1c4e9", code_fill="#1e3d3a",
    code_text="#a7ffeb", extra_tag="#ffab40",
    editor_change="#82b1ff", reviewer_change="#f48fb1", term_background="#1b3a2a",
    status={SegmentStatus.CONFIRMED: "#81c784", SegmentStatus.EDITED: "#ffb74d",
            SegmentStatus.REVIEWED: "#80cbc4", SegmentStatus.REJECTED: "#f48fb1",
            SegmentStatus.IMPORTED: "#ce93d8", SegmentStatus.DRAFT: "#ff8a80",
            SegmentStatus.LOCKED: "#b0bec5"},
    severity={"neutral": "#363a41", "minor": "#3d3915", "major": "#4f2f12",
              "critical": "#5c1f2b"},
    suggestion="#4db6ac")

_current: list[Colours] = []  # set by apply_theme; empty: follow the palette


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (the same on every platform)."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
            (roles.Window, "#2b2d30"), (roles.WindowText, "#e6e6e6"), (roles.Base, "#1e1f22"),
            (roles.AlternateBase, "#26282b"), (roles.ToolTipBase, "#3c3f41"),
            (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#8c8c8c"),
            (roles.Text, "#e6e6e6"), (roles.Button, "#393b40"), (roles.ButtonText, "#e6e6e6"),
            (roles.BrightText, "#ff6e6e"), (roles.Link, "#82b1ff"),
            (roles.Highlight, "#2f65ca"), (roles.HighlightedText, "#ffffff"),
            (roles.Light, "#4a4d52"), (roles.Midlight, "#3e4146"), (roles.Mid, "#2f3135"),
            (roles.Dark, "#1a1b1d"), (roles.Shadow, "#000000")):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.ButtonText, roles.WindowText):
        palette.setColor(disabled, role, QColor("#7a7a7a"))
    return palette


def system_is_dark(app: QGuiApplication) -> bool:
    """Whether the desktop asks for a dark look (its colour scheme, else its palette)."""
    scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Unknown:
        return bool(scheme == Qt.ColorScheme.Dark)
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def apply_theme(app: QApplication, choice: str = SYSTEM) -> str:
    """Give ``app`` the light or dark look (``system`` follows the desktop); returns which."""
    dark = choice == DARK or (choice not in (LIGHT, DARK) and system_is_dark(app))
    if choice in (LIGHT, DARK):  # a chosen look is the same everywhere: Fusion draws it
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        app.setPalette(dark_palette() if dark else fusion.standardPalette()
                       if fusion is not None else QPalette())
    style = resources_dir() / ("style-dark.qss" if dark else "style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    _current[:] = [DARK_COLOURS if dark else LIGHT_COLOURS]
    return DARK if dark else LIGHT


def colours() -> Colours:
    """The colours of the look in use (before ``apply_theme``: the palette's)."""
    if _current:
        return _current[0]
    app = QApplication.instance()
    dark = isinstance(app, QGuiApplication) and system_is_dark(app)
    return DARK_COLOURS if dark else LIGHT_COLOURS
