"""The project file: one SQLite database with append-only revisions."""
