"""A published project with a team: logins made for the test, each given a role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from pg_server import PgServer

from reviewer.store.publish import publish

PASSWORD = "secret-pw"


@dataclass
class TeamProject:
    """The project's admin URL, and a URL per login made for the test."""

    server: PgServer
    admin_url: str
    project: str
    logins: dict[str, str] = field(default_factory=dict)  # name → URL

    @property
    def schema(self) -> str:
        return f"rv_{self.project}"

    def person(self, role: str | None) -> str:
        """A new login (unique on the server), given ``role`` on the project (None: none)."""
        login = f"{role or 'nobody'}_{uuid.uuid4().hex[:10]}"
        self.server.create_login(login, PASSWORD)
        if role is not None:
            self.admin(f'GRANT "{self.schema}_{role}" TO "{login}"')
        database = self.admin_url.split("?")[0].rsplit("/", 1)[1]
        self.logins[login] = (self.server.url(database, login, PASSWORD)
                              + f"&project={self.project}")
        return login

    def url(self, login: str) -> str:
        return self.logins[login]

    def admin(self, sql: str) -> list[tuple[object, ...]]:
        """Run ``sql`` as the server's superuser in the project's database."""
        database = self.admin_url.split("?")[0].rsplit("/", 1)[1]
        return self.server.psql(sql, database)

    def count(self, table: str) -> int:
        return int(self.admin(f'SELECT count(*) FROM "{self.schema}".{table}')[0][0])


def team_project(server: PgServer, database_url: str, project_file: Path) -> TeamProject:
    """Publish ``project_file`` to the database under a new name (as the superuser)."""
    name = f"t{uuid.uuid4().hex[:12]}"
    publish(project_file, f"{database_url}&project={name}")
    return TeamProject(server, database_url, name)
