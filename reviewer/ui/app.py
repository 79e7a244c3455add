"""Start the application: the main window on a project, or a screenshot of it."""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from reviewer.core.errors import ReviewerError
from reviewer.core.visible import visible
from reviewer.demo import demo_project
from reviewer.formats.atomic import atomic_write_bytes
from reviewer.locations import resources_dir
from reviewer.session import ReviewSession
from reviewer.store.lock import ProjectLockedError
from reviewer.store.server_url import is_server_url


def _application(theme: str | None = None) -> object:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("reviewer")
    app.setOrganizationName("reviewer")
    app.setDesktopFileName("reviewer")
    icon = resources_dir() / "reviewer.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    from PySide6.QtCore import QSettings

    from reviewer.ui.settings import THEME, Settings
    from reviewer.ui.theme import apply_theme

    apply_theme(app, theme or Settings(QSettings("reviewer", "reviewer")).get(THEME))
    return app


def missing_display(environ: Mapping[str, str] | None = None) -> str | None:
    """Why Qt would find no display for a window (it aborts then), or None when it can."""
    env = os.environ if environ is None else environ
    if sys.platform in ("win32", "darwin"):
        return None
    names = [entry.split(":")[0].strip()
             for entry in env.get("QT_QPA_PLATFORM", "").split(";") if entry.strip()]
    unset: list[str] = []
    for name in names or ["xcb", "wayland"]:  # unset: Qt picks one of the two
        if name == "xcb":
            needed = "DISPLAY"
        elif name.startswith("wayland"):
            needed = "WAYLAND_DISPLAY"
        else:
            return None  # offscreen, vnc, eglfs...: no display server needed
        if env.get(needed):
            return None
        unset.append(needed)
    first, *others = dict.fromkeys(unset)
    why = f"neither {first} nor {others[0]} is set" if others else f"{first} is not set"
    return (f"the window needs a display, but {why} (an SSH session?); "
            "render it offscreen with `reviewer --screenshot PNG [PROJECT]`, or set "
            "QT_QPA_PLATFORM=offscreen")


# Qt 6.5+ aborts (with a message that blames its plugin) when these are missing
X_LIBRARIES = {"xcb-cursor": "libxcb-cursor0", "xkbcommon-x11": "libxkbcommon-x11-0"}


def missing_x_libraries(environ: Mapping[str, str] | None = None,
                        find: Callable[[str], str | None] = ctypes.util.find_library,
                        ) -> str | None:
    """Which X libraries Qt's xcb platform needs and cannot find, when it would use it."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen not in ("", "xcb") or (not chosen and env.get("WAYLAND_DISPLAY")):
        return None
    missing = [package for library, package in X_LIBRARIES.items() if find(library) is None]
    if not missing:
        return None
    return (f"the window needs the X libraries {' and '.join(missing)} (e.g. `apt-get install "
            f"{' '.join(missing)}`); without them, `reviewer --screenshot PNG [PROJECT]` "
            "renders the window offscreen")


def run_app(project: Path | str | None, screenshot: Path | None = None,
            theme: str | None = None) -> int:
    """Open ``project`` (else the demo) in the main window; with ``screenshot``, save a PNG;
    ``theme`` (system, light, dark) overrides the chosen look for this run."""
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if not screenshot.parent.is_dir():
            raise ReviewerError(f"cannot write {screenshot}: folder {screenshot.parent} "
                                "does not exist")
    else:
        problem = missing_display() or missing_x_libraries()
        if problem is not None:
            raise ReviewerError(problem)
    path = project if project is not None else demo_project()
    if screenshot is None and not is_server_url(path):  # opens while the window is built
        from reviewer.store.remote import prestart

        prestart(path)
    app = _application(theme)
    from PySide6.QtCore import QSettings

    from reviewer.ui.interaction import Interaction
    from reviewer.ui.main_window import MainWindow, open_or_ask_read_only

    if screenshot is not None:
        try:
            session = ReviewSession.open(path, isolated=True)
        except ProjectLockedError:  # open in a window now: picture it as it is
            session = ReviewSession.open(path, read_only=True, isolated=True)
        from tempfile import TemporaryDirectory

        from reviewer.ui.settings import scratch_copy

        with TemporaryDirectory() as scratch:  # the user's settings, never written back
            window = MainWindow(session, settings=scratch_copy(QSettings("reviewer", "reviewer"),
                                                               Path(scratch)))
            window.show()
            return save_screenshot(window, screenshot)
    settings = QSettings("reviewer", "reviewer")
    if not settings.value("author", ""):
        _ask_author_once(settings, Interaction())
    opened = open_or_ask_read_only(path, Interaction())
    if opened is None:
        return 1
    window = MainWindow(opened, settings=settings)
    from reviewer.ui.excepthook import UnexpectedErrorHook

    UnexpectedErrorHook(window).install()  # a bug says so in one line; typing is kept
    window.show()
    window.scorer.warm_up()
    _close_on_termination(window)
    from reviewer.ui.tagged_text import hand_the_clipboard_to_qt

    app.aboutToQuit.connect(hand_the_clipboard_to_qt)  # type: ignore[attr-defined]
    return int(app.exec())  # type: ignore[attr-defined]


def _close_on_termination(window: object) -> None:
    """SIGTERM (logout, shutdown) and Ctrl+C close the window as Quit does, saving typing."""
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: window.close())
    # Python runs signal handlers only between bytecodes: wake it up now and then
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def _ask_author_once(settings: object, interaction: object) -> None:
    """First start: ask the name that signs revisions (default: the login name)."""
    from PySide6.QtCore import QSettings

    from reviewer.session import default_author
    from reviewer.ui.interaction import Interaction

    assert isinstance(settings, QSettings) and isinstance(interaction, Interaction)
    name = interaction.ask_text("Welcome to reviewer",
                                "Your name (it signs every revision you make):",
                                default_author())
    settings.setValue("author", (name or "").strip() or default_author())


def save_screenshot(window: object, path: Path) -> int:
    """Render ``window`` into ``path`` after the pending paint events."""
    from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEventLoop, QIODevice, QTimer

    from reviewer.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()
    image = window.grab()
    window.close()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ReviewerError(f"cannot render {path}")
    # Python writes the file: a QString cannot carry a name's bytes that are not UTF-8
    atomic_write_bytes(path, bytes(data.data()))
    print(visible(f"saved {path} ({image.width()}×{image.height()})"))
    return 0


def main() -> int:
    """Entry point of the ``reviewer-gui`` launcher."""
    from reviewer.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":  # python -m reviewer.ui.app [PROJECT or server address]
    raise SystemExit(main())
