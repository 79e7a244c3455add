"""Who may do what on a server project: PostgreSQL roles, grants and row-level security.

A project ``NAME`` has three group roles, ``rv_NAME_manager``, ``rv_NAME_editor`` and
``rv_NAME_reviewer``; people are PostgreSQL login roles made members of them (logins
themselves are the DBA's to make). All read everything. Editors append their revisions
(role ``editor``), drafts, comments and dismissed suggestions; reviewers also the
reviewer's revisions (role ``reviewer``) and annotations; each row only under their own
login (row-level security), and an editor with segments assigned only revisions of those.
Managers do the rest: split and merge, label versions, glossary, memory, project settings,
assignments; they may name any author. Nobody may empty a table (no ``TRUNCATE``), so
revisions stay append-only for managers too. See docs/team.md, "Roles".
"""

from __future__ import annotations

from reviewer.core.errors import ReviewerError

ROLES = ("manager", "editor", "reviewer")

# what editing a segment writes: its revision, the head and totals, drafts, comments, locks
_EDIT = {
    "revisions": "INSERT", "late_stats": "INSERT", "pending_heads": "INSERT, DELETE",
    "segments": "UPDATE (head_revision, head_status)", "totals": "UPDATE",
    "counts": "INSERT, UPDATE", "drafts": "INSERT, UPDATE, DELETE",
    "comments": "INSERT", "comment_revisions": "INSERT", "segment_locks": "INSERT, UPDATE, DELETE",
    "suggestion_dismissals": "INSERT",
}
_REVIEW = {**_EDIT, "annotations": "INSERT", "annotation_revisions": "INSERT"}
# managers write every table, but never TRUNCATE it: no trigger would keep revisions then
_MANAGE = "SELECT, INSERT, UPDATE, DELETE"
# rows a person writes carry their own name
_OWN_ROWS = {"revisions": "author", "drafts": "author", "comments": "author",
             "comment_revisions": "author", "annotations": "author",
             "annotation_revisions": "author", "segment_locks": "holder",
             "suggestion_dismissals": "author"}
# one row per segment that the next person replaces (a draft, a lock): anyone may
# replace or remove it, the new one carries their name
_SHARED_ROWS = frozenset({"drafts", "segment_locks"})
# an editor with any segments assigned writes revisions of those segments only
_ASSIGNED = ('(NOT EXISTS (SELECT 1 FROM "{schema}".assignments a WHERE a.person = current_user) '
             'OR EXISTS (SELECT 1 FROM "{schema}".assignments a WHERE a.person = current_user '
             'AND (SELECT s.position FROM "{schema}".segments s WHERE s.id = segment_id) '
             "BETWEEN a.first_position AND a.last_position))")


def role_name(schema: str, role: str) -> str:
    """The group role of ``role`` on the project in ``schema``."""
    if role not in ROLES:
        raise ReviewerError(f"no role {role!r}: the roles are {', '.join(ROLES)}")
    return f"{schema}_{role}"


def role_statements(schema: str) -> list[str]:
    """Make the project's roles and give them their grants (run by the publisher, who
    becomes its first manager)."""
    manager, editor, reviewer = (role_name(schema, role) for role in ROLES)
    statements = []
    for role in (manager, editor, reviewer):
        statements.append(f"DO $$ BEGIN CREATE ROLE \"{role}\" NOLOGIN; "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
        statements.append(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        statements.append(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"')
        statements.append(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"')
    statements.append(f'GRANT {_MANAGE} ON ALL TABLES IN SCHEMA "{schema}" TO "{manager}"')
    statements.append(f'GRANT "{editor}", "{reviewer}" TO "{manager}" WITH ADMIN OPTION')
    for role, grants in ((editor, _EDIT), (reviewer, _REVIEW)):
        for table, privileges in grants.items():
            statements.append(f'GRANT {privileges} ON "{schema}".{table} TO "{role}"')
    for table, column in _OWN_ROWS.items():
        statements += _policies(schema, table, column, manager, editor, reviewer)
    return statements


def _policies(schema: str, table: str, column: str, manager: str, editor: str,
              reviewer: str) -> list[str]:
    """Row-level security of a table whose rows carry who wrote them (permissive
    policies: a row passes when one of the person's roles lets it)."""
    qualified = f'"{schema}".{table}'
    own = f"{column} = current_user"
    statements = [
        f"ALTER TABLE {qualified} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY everyone_reads ON {qualified} FOR SELECT USING (true)",
        f'CREATE POLICY managers_write ON {qualified} FOR ALL TO "{manager}" '
        "USING (true) WITH CHECK (true)"]
    if table == "revisions":  # who writes as which role, and an editor where assigned
        statements += [
            f'CREATE POLICY editors_write ON {qualified} FOR INSERT TO "{editor}" '
            f"WITH CHECK ({own} AND role = 'editor' AND {_ASSIGNED.format(schema=schema)})",
            f'CREATE POLICY reviewers_write ON {qualified} FOR INSERT TO "{reviewer}" '
            f"WITH CHECK ({own} AND role IN ('editor', 'reviewer'))"]
    else:
        using = "true" if table in _SHARED_ROWS else own
        statements.append(f'CREATE POLICY own_rows ON {qualified} FOR ALL '
                          f'TO "{editor}", "{reviewer}" USING ({using}) WITH CHECK ({own})')
    return statements
