"""Who may do what on a server project: PostgreSQL roles, grants and row-level security.

A project ``NAME`` has three group roles, ``rv_NAME_manager``, ``rv_NAME_editor`` and
``rv_NAME_reviewer``; people are PostgreSQL login roles made members of one of them. All
read everything. Editors and reviewers append revisions, drafts and comments (reviewers
also annotations), each only under their own name (row-level security); managers also
assign segment ranges and grant the roles.
"""

from __future__ import annotations

from reviewer.core.errors import ReviewerError

ROLES = ("manager", "editor", "reviewer")

_READ = ("SELECT",)
# what editing a segment writes: its revision, the head and totals, drafts, comments, locks
_EDIT = {
    "revisions": "INSERT", "late_stats": "INSERT", "pending_heads": "INSERT, DELETE",
    "segments": "UPDATE (head_revision, head_status)", "totals": "UPDATE",
    "counts": "INSERT, UPDATE", "drafts": "INSERT, UPDATE, DELETE",
    "comments": "INSERT", "comment_revisions": "INSERT", "segment_locks": "INSERT, UPDATE, DELETE",
    "suggestion_dismissals": "INSERT",
}
_REVIEW = {**_EDIT, "annotations": "INSERT", "annotation_revisions": "INSERT"}
# rows a person writes carry their own name
_OWN_ROWS = {"revisions": "author", "drafts": "author", "comments": "author",
             "comment_revisions": "author", "annotations": "author",
             "annotation_revisions": "author", "segment_locks": "holder"}


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
    statements.append(f'GRANT ALL ON ALL TABLES IN SCHEMA "{schema}" TO "{manager}"')
    statements.append(f'GRANT "{editor}", "{reviewer}" TO "{manager}" WITH ADMIN OPTION')
    for role, grants in ((editor, _EDIT), (reviewer, _REVIEW)):
        for table, privileges in grants.items():
            statements.append(f'GRANT {privileges} ON "{schema}".{table} TO "{role}"')
    for table, column in _OWN_ROWS.items():
        statements.append(f'ALTER TABLE "{schema}".{table} ENABLE ROW LEVEL SECURITY')
        statements.append(f'CREATE POLICY everyone_reads ON "{schema}".{table} FOR SELECT '
                          "USING (true)")
        statements.append(f'CREATE POLICY managers_write ON "{schema}".{table} FOR ALL '
                          f'TO "{manager}" USING (true) WITH CHECK (true)')
        # anyone may take over a lock (an expired one): the new holder is themselves
        using = "true" if table == "segment_locks" else f"{column} = current_user"
        statements.append(f'CREATE POLICY own_rows ON "{schema}".{table} FOR ALL '
                          f'TO "{editor}", "{reviewer}" USING ({using}) '
                          f"WITH CHECK ({column} = current_user)")
    return statements
