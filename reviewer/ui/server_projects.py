"""File → Open server project…: a team's project on a PostgreSQL server, by its address or
picked from the projects that server has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reviewer.core.errors import ReviewerError
from reviewer.store.server_url import ServerLocation, is_server_url, redacted, without_password
from reviewer.ui.actions import ActionSpec
from reviewer.ui.settings import Setting

if TYPE_CHECKING:
    from reviewer.ui.main_window import MainWindow

OPEN = ActionSpec("file.open_server", "&File", "Open &server project…")
LAST_SERVER = Setting("team/last_server", "")  # the address last typed, without a password
ADDRESS_LABEL = ("Server address: postgresql://USER@HOST/DATABASE, with ?project=NAME to open "
                 "that project (a password comes from ~/.pgpass or PGPASSWORD)")


def server_address(session: Any) -> str | None:
    """The address of the server project ``session`` has open, without a password (None
    for a project file)."""
    location = getattr(getattr(session, "_store", None), "location", None)
    return location.url() if isinstance(location, ServerLocation) else None


def shown_name(session: Any) -> str:
    """How a project is named in the window's title and the recent list."""
    address = server_address(session)
    return str(session.path) if address is None else address


class ServerProjects:
    """The File menu's action and what it asks."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        table = window.action_table
        self.action = table.add(OPEN, self.open_dialog)
        files = table.menus["&File"]  # beside Open, not after Quit
        files.removeAction(self.action)
        files.insertAction(table.action("file.export"), self.action)

    def open_dialog(self) -> bool:
        """Ask for a server's address; without ``?project=``, pick one of its projects."""
        window = self._window
        url = window.interaction.ask_text("Open server project", ADDRESS_LABEL,
                                          window.settings.get(LAST_SERVER))
        if not url or not url.strip():
            return False
        url = url.strip()
        if not is_server_url(url):
            window.interaction.error("Open server project",
                                     f"{redacted(url)}: not a postgresql:// address")
            return False
        window.settings.set(LAST_SERVER, without_password(url))
        try:
            location = ServerLocation.parse(url, need_project=False)
            if location.project is None:
                url = self._pick_project(url)
        except ReviewerError as error:
            window.interaction.error("Open server project", str(error))
            return False
        return bool(url) and window.open_project(url)

    def _pick_project(self, url: str) -> str:
        """The address of the project chosen among the server's ('' when none)."""
        from reviewer.store.publish import server_projects

        window = self._window
        projects = server_projects(url)
        if not projects:
            window.interaction.error("Open server project", f"{redacted(url)}: no project on "
                                     "this server that you may read")
            return ""
        items = {f"{name} ({segments} segments{', ' + role if role else ''})": name
                 for name, segments, role in projects}
        chosen = window.interaction.choose_item("Open server project", "Project:", list(items))
        if chosen is None:
            return ""
        separator = "&" if "?" in url else "?"
        return f"{url}{separator}project={items[chosen]}"
