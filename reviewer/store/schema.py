"""The project file's tables, and the steps that bring an older file up to date."""

from __future__ import annotations

SCHEMA_VERSION = 11

# Each entry takes the file from version (index) to version (index + 1).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE schema_version (version INTEGER NOT NULL);
    CREATE TABLE properties (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL UNIQUE,
        source TEXT,
        mt TEXT NOT NULL,
        reference TEXT,
        gap_before TEXT NOT NULL DEFAULT '',
        mt_stats TEXT NOT NULL,
        mt_hter REAL NOT NULL,
        mt_bleu REAL NOT NULL,
        mt_chrf REAL NOT NULL,
        head_revision INTEGER REFERENCES revisions (id)
    );
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments (id),
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        editing_ms INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        hter REAL NOT NULL,
        bleu REAL NOT NULL,
        chrf REAL NOT NULL,
        stats TEXT NOT NULL,
        UNIQUE (segment_id, number)
    );
    CREATE INDEX revisions_by_time ON revisions (created_at);
    CREATE TABLE totals (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stats TEXT NOT NULL
    );
    CREATE TRIGGER revisions_are_never_updated BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    CREATE TRIGGER revisions_are_never_deleted BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are append-only'); END;
    INSERT INTO schema_version (version) VALUES (0);
    """,
    # 2: what a structured file (XLIFF, TMX, PO, ...) needs for a faithful export:
    # per-segment JSON (ids, notes, states, contexts, plurals) and the original file itself.
    """
    ALTER TABLE segments ADD COLUMN meta TEXT;
    CREATE TABLE originals (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # 3: effort as PET records it, drafts of unconfirmed typing, labelled versions.
    """
    ALTER TABLE revisions ADD COLUMN keys_insert INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE revisions ADD COLUMN keys_delete INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE revisions ADD COLUMN keys_navigate INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX revisions_by_author ON revisions (author);
    CREATE INDEX revisions_by_segment ON revisions (segment_id, id);
    CREATE TABLE drafts (
        segment_id INTEGER PRIMARY KEY REFERENCES segments (id),
        text TEXT NOT NULL,
        author TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        editing_ms INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        label TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        author TEXT NOT NULL,
        last_revision INTEGER NOT NULL
    );
    """,
    # 4: running counts (segments by status, edited) so an edit need not scan the table;
    # filled on first use, then kept up to date by every revision.
    """
    CREATE TABLE counts (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    );
    """,
    # 5: scores that took too long to wait for. Such a revision is stored with the
    # statistics 'pending'; they arrive later in late_stats (append-only, like revisions).
    # pending_heads lists the segments whose current text is such a revision: the totals
    # leave them out until their statistics arrive.
    """
    CREATE TABLE late_stats (
        revision_id INTEGER PRIMARY KEY REFERENCES revisions (id),
        hter REAL NOT NULL,
        bleu REAL NOT NULL,
        chrf REAL NOT NULL,
        stats TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TRIGGER late_stats_are_never_updated BEFORE UPDATE ON late_stats
    BEGIN SELECT RAISE(ABORT, 'late statistics are append-only'); END;
    CREATE TRIGGER late_stats_are_never_deleted BEFORE DELETE ON late_stats
    BEGIN SELECT RAISE(ABORT, 'late statistics are append-only'); END;
    CREATE TABLE pending_heads (
        segment_id INTEGER PRIMARY KEY REFERENCES segments (id),
        revision_id INTEGER NOT NULL UNIQUE REFERENCES revisions (id)
    );
    """,
    # 6: split and merge. A segment split or merged away keeps its row and revisions at
    # position -id; the segments that take its place start with a revision whose note says
    # where they came from; segment_changes (append-only) lets a version's segmentation be
    # rebuilt.
    """
    ALTER TABLE revisions ADD COLUMN note TEXT;
    CREATE TABLE segment_changes (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        author TEXT NOT NULL,
        last_version INTEGER NOT NULL,
        old_segments TEXT NOT NULL,
        new_segments TEXT NOT NULL
    );
    CREATE TRIGGER segment_changes_are_never_updated BEFORE UPDATE ON segment_changes
    BEGIN SELECT RAISE(ABORT, 'segment changes are append-only'); END;
    CREATE TRIGGER segment_changes_are_never_deleted BEFORE DELETE ON segment_changes
    BEGIN SELECT RAISE(ABORT, 'segment changes are append-only'); END;
    """,
    # 7: comments on segments. A comment's text and whether it is resolved live in its
    # revisions (append-only, like the segments'); the newest is the comment as it is now.
    # A version notes the newest comment revision when it is labelled (none before 7).
    """
    CREATE TABLE comments (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments (id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX comments_by_segment ON comments (segment_id, id);
    CREATE TABLE comment_revisions (
        id INTEGER PRIMARY KEY,
        comment_id INTEGER NOT NULL REFERENCES comments (id),
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        resolved INTEGER NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (comment_id, number)
    );
    CREATE TRIGGER comment_revisions_are_never_updated BEFORE UPDATE ON comment_revisions
    BEGIN SELECT RAISE(ABORT, 'comment revisions are append-only'); END;
    CREATE TRIGGER comment_revisions_are_never_deleted BEFORE DELETE ON comment_revisions
    BEGIN SELECT RAISE(ABORT, 'comment revisions are append-only'); END;
    ALTER TABLE versions ADD COLUMN last_comment_revision INTEGER;
    CREATE TRIGGER versions_know_their_comments AFTER INSERT ON versions
    BEGIN UPDATE versions SET last_comment_revision =
        (SELECT coalesce(max(id), 0) FROM comment_revisions) WHERE id = NEW.id; END;
    """,
    # 8: a draft keeps the keys its typing took, as a revision does (NULL: saved before 8)
    """
    ALTER TABLE drafts ADD COLUMN keys_insert INTEGER;
    ALTER TABLE drafts ADD COLUMN keys_delete INTEGER;
    ALTER TABLE drafts ADD COLUMN keys_navigate INTEGER;
    """,
    # 9: quality review. MQM error annotations on a span of a segment's MT or correction:
    # what an annotation says lives in its revisions (append-only, like comments); deleting
    # one is a revision too. ``revision_id`` is the segment revision whose text the offsets
    # of a correction-side span count in (NULL: the MT). A revision's ``role`` says whether
    # the editor or the reviewer made it (review: accepted, rejected or edited by a reviewer).
    """
    CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments (id),
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX annotations_by_segment ON annotations (segment_id, id);
    CREATE TABLE annotation_revisions (
        id INTEGER PRIMARY KEY,
        annotation_id INTEGER NOT NULL REFERENCES annotations (id),
        number INTEGER NOT NULL,
        side TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        revision_id INTEGER REFERENCES revisions (id),
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        deleted INTEGER NOT NULL DEFAULT 0,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (annotation_id, number)
    );
    CREATE TRIGGER annotation_revisions_are_never_updated BEFORE UPDATE ON annotation_revisions
    BEGIN SELECT RAISE(ABORT, 'annotation revisions are append-only'); END;
    CREATE TRIGGER annotation_revisions_are_never_deleted BEFORE DELETE ON annotation_revisions
    BEGIN SELECT RAISE(ABORT, 'annotation revisions are append-only'); END;
    ALTER TABLE revisions ADD COLUMN role TEXT NOT NULL DEFAULT 'editor';
    """,
    # 10: remembering fixes. The glossary's terms (a forbidden one is a target term that
    # must not appear); translation memory units added from TMX, TSV or another project
    # (the project's own confirmed segments are looked up where they are); learned
    # suggestions the editor dismissed (segment_id NULL: everywhere).
    # A segment's key (its source, else its MT) and a TM unit's (the text on the side the
    # project's segments are looked up by: its source, or, in a project without sources,
    # its MT, else its target — the MT's language) are indexed by their words
    # (SQLite FTS5, kept up to date by triggers, so imports, splits and merges stay
    # indexed): a lookup's candidates are the keys sharing most of its rarest words; a
    # short key's are also the keys of about its length (the *_by_key_length indexes).
    # A segment's repetitions (the same key) are found by the key's first 32 characters.
    """
    CREATE TABLE glossary_terms (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        forbidden INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE tm_units (
        id INTEGER PRIMARY KEY,
        source TEXT,
        mt TEXT,
        target TEXT NOT NULL,
        origin TEXT NOT NULL,
        created_at TEXT NOT NULL,
        key TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE tm_key_index USING fts5(key, content='', detail='none');
    CREATE TRIGGER tm_units_indexed AFTER INSERT ON tm_units BEGIN
        INSERT INTO tm_key_index (rowid, key) VALUES (NEW.id, NEW.key);
    END;
    CREATE TRIGGER tm_units_unindexed AFTER DELETE ON tm_units BEGIN
        INSERT INTO tm_key_index (tm_key_index, rowid, key)
        VALUES ('delete', OLD.id, OLD.key);
    END;
    CREATE TRIGGER tm_units_reindexed AFTER UPDATE OF key ON tm_units BEGIN
        INSERT INTO tm_key_index (tm_key_index, rowid, key)
        VALUES ('delete', OLD.id, OLD.key);
        INSERT INTO tm_key_index (rowid, key) VALUES (NEW.id, NEW.key);
    END;
    CREATE VIRTUAL TABLE segment_key_index USING fts5(key, content='', detail='none');
    CREATE TRIGGER segments_indexed AFTER INSERT ON segments BEGIN
        INSERT INTO segment_key_index (rowid, key) VALUES (NEW.id, coalesce(NEW.source, NEW.mt));
    END;
    CREATE TRIGGER segments_unindexed AFTER DELETE ON segments BEGIN
        INSERT INTO segment_key_index (segment_key_index, rowid, key)
        VALUES ('delete', OLD.id, coalesce(OLD.source, OLD.mt));
    END;
    CREATE TRIGGER segments_reindexed AFTER UPDATE OF source, mt ON segments BEGIN
        INSERT INTO segment_key_index (segment_key_index, rowid, key)
        VALUES ('delete', OLD.id, coalesce(OLD.source, OLD.mt));
        INSERT INTO segment_key_index (rowid, key) VALUES (NEW.id, coalesce(NEW.source, NEW.mt));
    END;
    INSERT INTO segment_key_index (rowid, key) SELECT id, coalesce(source, mt) FROM segments;
    CREATE INDEX tm_units_by_key_length ON tm_units (length(key));
    CREATE INDEX segments_by_key_length ON segments (length(coalesce(source, mt)));
    CREATE INDEX segments_by_key_start ON segments (substr(coalesce(source, mt), 1, 32));
    CREATE TABLE suggestion_dismissals (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER REFERENCES segments (id),
        mt_phrase TEXT NOT NULL,
        suggestion TEXT NOT NULL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
    # 11: a million segments. Filters by status: each segment's current status (its head
    # revision's, 'new' without one) kept beside it by triggers whatever writes the head
    # (an edit, an import's post-edits, a split or merge), indexed with the position so
    # a status's segments come in document order without a scan.
    """
    ALTER TABLE segments ADD COLUMN head_status TEXT NOT NULL DEFAULT 'new';
    UPDATE segments SET head_status = coalesce(
        (SELECT status FROM revisions WHERE id = segments.head_revision), 'new')
        WHERE head_revision IS NOT NULL;
    CREATE TRIGGER segments_head_status AFTER UPDATE OF head_revision ON segments BEGIN
        UPDATE segments SET head_status = coalesce(
            (SELECT status FROM revisions WHERE id = NEW.head_revision), 'new')
            WHERE id = NEW.id;
    END;
    CREATE TRIGGER segments_head_status_inserted AFTER INSERT ON segments
    WHEN NEW.head_revision IS NOT NULL BEGIN
        UPDATE segments SET head_status = coalesce(
            (SELECT status FROM revisions WHERE id = NEW.head_revision), 'new')
            WHERE id = NEW.id;
    END;
    CREATE INDEX segments_by_head_status ON segments (head_status, position);
    """,
]
