"""Where a server project lives: ``postgresql://…/DB?project=NAME`` read by libpq's rules."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from reviewer.core.errors import ReviewerError

_SCHEMES = ("postgresql://", "postgres://")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
SCHEMA_PREFIX = "rv_"


def is_server_url(location: str | os.PathLike[str]) -> bool:
    """Whether ``location`` names a project on a PostgreSQL server, not a file."""
    return isinstance(location, str) and location.lower().startswith(_SCHEMES)


def check_project_name(name: str) -> str:
    """``name`` if it can name a server project, else a ReviewerError saying what can."""
    if not _NAME.fullmatch(name):
        raise ReviewerError(f"{name!r} cannot name a server project: use lower-case letters, "
                            "digits and _ (up to 40, starting with a letter)")
    return name


@dataclass(frozen=True)
class ServerLocation:
    """A server (libpq connection string) and, for a project, its name."""

    conninfo: str
    project: str | None

    @classmethod
    def parse(cls, url: str, need_project: bool = True) -> ServerLocation:
        """Split ``url`` into what libpq reads (host, port, service, sslmode, … and a
        password only if the user wrote one) and the project's name."""
        if not is_server_url(url):
            raise ReviewerError(f"{url}: not a postgresql:// address")
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        project = next((value for key, value in query if key == "project"), None)
        rest = [(key, value) for key, value in query if key != "project"]
        if project is not None:
            check_project_name(project)
        elif need_project:
            raise ReviewerError(f"{redacted(url)}: say which project, as ?project=NAME")
        return cls(_joined(parts.scheme, parts.netloc, parts.path, urlencode(rest)), project)

    @property
    def schema(self) -> str:
        """The PostgreSQL schema that holds the project's tables."""
        if self.project is None:
            raise ReviewerError("no project named")
        return SCHEMA_PREFIX + self.project

    @property
    def channel(self) -> str:
        """The LISTEN/NOTIFY channel a project's changes are announced on."""
        return self.schema

    def with_project(self, project: str) -> ServerLocation:
        """The same server, another project."""
        return ServerLocation(self.conninfo, check_project_name(project))

    def url(self) -> str:
        """The address as a user writes it, with no password (to show or keep: libpq finds
        the password in ``~/.pgpass``, ``PGPASSWORD`` or a service file)."""
        parts = urlsplit(self.conninfo)
        query = parse_qsl(parts.query, keep_blank_values=True)
        if self.project is not None:
            query.append(("project", self.project))
        return without_password(_joined(parts.scheme, parts.netloc, parts.path,
                                        urlencode(query, safe="/")))


def redacted(url: str) -> str:
    """``url`` with a password written in it shown as ``***``."""
    return _without_password(url, ":***")


def without_password(url: str) -> str:
    """``url`` with no password at all (what is kept: recent projects, a copy's origin)."""
    return _without_password(url, "")


def _without_password(url: str, shown: str) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}{shown}@{host}"
    query = "&".join(item for item in parts.query.split("&")
                     if item and not item.lower().startswith("password="))
    return _joined(parts.scheme, netloc, parts.path, query)


def _joined(scheme: str, netloc: str, path: str, query: str) -> str:
    """An address from its parts, keeping the ``//`` of an empty host
    (``postgresql:///?service=team``), which ``urlunsplit`` drops."""
    return f"{scheme}://{netloc}{path}" + (f"?{query}" if query else "")
