"""The schema of the database, one step per version (``PRAGMA user_version``).

A database at version n has had STEPS[0] … STEPS[n-1] applied; Store runs the missing ones in
order when it opens a file, each step and its version bump in one transaction, after backing up
the old file (models/backup.py, before_migration). A file of a newer program (a version beyond
SCHEMA_VERSION) is refused and never altered.

To change the schema, append one function to STEPS; SCHEMA_VERSION follows by itself. A step that
has shipped is never edited: the databases out there were built by it as it was. Steps get a
sqlite-utils Database over the store's connection, so a new step can use its table helpers
(``db[name].add_column``, ``create_index``, ``transform`` for the copy-and-rename SQLite needs to
change a column) as well as plain SQL. tests/models/test_migrations.py checks every step on an old file.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    import sqlite_utils

    Step = Callable[[sqlite_utils.Database], None]


def _v1_reports(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            genre_id TEXT NOT NULL,
            genre_version INTEGER NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT
        )"""
    )
    db.execute(
        """CREATE TABLE report_values (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (report_id, address)
        ) WITHOUT ROWID"""
    )
    db.execute(
        """CREATE TABLE report_items (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            item_id TEXT NOT NULL,
            part TEXT NOT NULL,
            parent TEXT,
            position INTEGER NOT NULL,
            area TEXT,
            figures TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (report_id, item_id)
        ) WITHOUT ROWID"""
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE INDEX reports_updated ON reports(updated)")


def _v2_search(db: sqlite_utils.Database) -> None:
    # Full-text search over titles, units and all text; trigram handles Chinese (3+ characters),
    # shorter queries fall back to LIKE. Kept up to date lazily (see models/store.py, Store.search).
    for column in ("indexed TEXT", "title TEXT", "progress INTEGER", "problems INTEGER"):
        db.execute(f"ALTER TABLE reports ADD COLUMN {column}")
    try:
        db.execute("CREATE VIRTUAL TABLE report_search USING fts5(body, tokenize='trigram')")
    except sqlite3.OperationalError:  # SQLite older than 3.34: LIKE only
        db.execute("CREATE TABLE report_search (rowid INTEGER PRIMARY KEY, body TEXT)")


def _v3_history(db: sqlite_utils.Database) -> None:
    # Version history per report (models/history.py): the report package as JSON, one row per snapshot.
    db.execute(
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            time TEXT NOT NULL,
            reason TEXT NOT NULL,
            digest TEXT NOT NULL,
            package TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX snapshots_report ON snapshots(report_id, time)")
    # A counter every change of report content moves on (triggers, so no write path can forget it);
    # automatic backups compare it with the value at the last backup (models/backup.py).
    db.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)")
    db.execute("INSERT INTO revision (id, n) VALUES (1, 1)")
    bump = "BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END"
    events = {
        "report_values": ("INSERT", "UPDATE", "DELETE"),
        "report_items": ("INSERT", "UPDATE", "DELETE"),
        # not the lazily recomputed list columns (indexed, title, progress, problems)
        "reports": ("INSERT", "DELETE", "UPDATE OF genre_id, genre_version, created, updated, deleted"),
    }
    for table, kinds in events.items():
        for kind in kinds:
            name = f"{table}_{kind.split()[0].lower()}_revision"
            db.execute(f"CREATE TRIGGER {name} AFTER {kind} ON {table} {bump}")


def _v4_structure(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE reports ADD COLUMN structure TEXT")
    db.execute("ALTER TABLE report_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'item'")
    db.execute("ALTER TABLE report_items ADD COLUMN options TEXT NOT NULL DEFAULT '{}'")
    db.execute(
        """CREATE TABLE unit_templates (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            name TEXT NOT NULL,
            definition TEXT NOT NULL,
            created TEXT NOT NULL,
            deleted TEXT,
            PRIMARY KEY (id, version)
        ) WITHOUT ROWID"""
    )
    # Backups watch the revision counter (schema 3): a structure change or a template is content too.
    bump = "BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END"
    db.execute("DROP TRIGGER IF EXISTS reports_update_revision")
    db.execute("CREATE TRIGGER reports_update_revision AFTER UPDATE OF genre_id, genre_version, created, updated,"
               f" deleted, structure ON reports {bump}")
    for kind in ("INSERT", "UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER unit_templates_{kind.lower()}_revision AFTER {kind} ON unit_templates {bump}")
def _v5_ledger(db: sqlite_utils.Database) -> None:
    # The 工作台账 (models/ledger.py, models/ledger_store.py): one row per activity, its figures as a JSON
    # object {figure key: number}; a period's totals are one SUM over json_each, and a 5,000-row list is
    # one indexed read without a join. Entries belong to the unit, not to a report; ``deleted`` is the
    # 台账's own recycle bin. Self-contained: it only adds a table, an index and triggers.
    db.execute(
        """CREATE TABLE ledger_entries (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            area TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            figures TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT
        )"""
    )
    db.execute("CREATE INDEX ledger_entries_date ON ledger_entries(deleted, date)")
    # every change moves the revision on, so the automatic backups notice 台账 edits too (models/backup.py)
    bump = "BEGIN UPDATE revision SET n = n + 1 WHERE id = 1; END"
    for kind in ("INSERT", "UPDATE", "DELETE"):
        db.execute(f"CREATE TRIGGER ledger_entries_{kind.lower()}_revision AFTER {kind} ON ledger_entries {bump}")


# Step n brings a database from version n-1 to version n. Append only.
STEPS: tuple[Step, ...] = (_v1_reports, _v2_search, _v3_history, _v4_structure, _v5_ledger)
SCHEMA_VERSION = len(STEPS)


def pending(version: int) -> list[tuple[int, Step]]:
    """The steps a database at ``version`` still needs, each with the version it reaches."""
    return [(n, step) for n, step in enumerate(STEPS, start=1) if n > version]
