"""The local SQLite store: the only module that runs SQL.

One database file per data directory. Values are stored one row per field address, so one edit
is one small write. The schema version lives in ``PRAGMA user_version``; a database written by a
newer version of the program is refused and never altered.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from models.report import FigureDef, Item, Report

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

DB_NAME = "zongjie.db"
SCHEMA_VERSION = 2


class StoreError(Exception):
    """A problem with the database the user must act on; the message is Chinese."""


class NewerDatabaseError(StoreError):
    pass


def now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


def _is_network_path(path: Path) -> bool:
    text = str(path)
    return text.startswith(("\\\\", "//"))


# -------------------------------------------------------------- migrations


def _v1(db: sqlite_utils.Database) -> None:
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


def _v2(db: sqlite_utils.Database) -> None:
    # Full-text search over titles, units and all text; trigram handles Chinese (3+ characters),
    # shorter queries fall back to LIKE. Kept up to date lazily (see Store.search).
    for column in ("indexed TEXT", "title TEXT", "progress INTEGER", "problems INTEGER"):
        db.execute(f"ALTER TABLE reports ADD COLUMN {column}")
    try:
        db.execute("CREATE VIRTUAL TABLE report_search USING fts5(body, tokenize='trigram')")
    except sqlite3.OperationalError:  # SQLite older than 3.34: LIKE only
        db.execute("CREATE TABLE report_search (rowid INTEGER PRIMARY KEY, body TEXT)")


MIGRATIONS = {1: _v1, 2: _v2}


class Store:
    """Open (creating if needed) the database in a data directory."""

    def __init__(self, folder: Path | str, *, on_migrate: object = None) -> None:
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = f"无法创建数据文件夹 {self.folder}：{exc.strerror or exc}。请换一个有写入权限的位置。"
            raise StoreError(msg) from exc
        self.path = self.folder / DB_NAME
        self._on_migrate = on_migrate
        new = not self.path.exists()
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=5)
        except sqlite3.Error as exc:
            raise StoreError(f"无法打开数据库 {self.path}：{exc}") from exc
        if new and os.name == "posix":
            with contextlib.suppress(OSError):
                os.chmod(self.path, 0o600)
        self.db = sqlite_utils.Database(conn)
        self.conn = conn
        try:
            self._configure()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"数据库文件 {self.path} 已损坏或不是本程序的数据库（{exc}）。请从备份恢复。"
            ) from exc
        except Exception:
            conn.close()
            raise

    def _configure(self) -> None:
        c = self.conn
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA busy_timeout = 5000")
        # WAL needs shared memory that network file systems do not give; fall back there.
        mode = "DELETE" if _is_network_path(self.path) else "WAL"
        c.execute(f"PRAGMA journal_mode = {mode}")
        c.execute("PRAGMA synchronous = FULL")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(
                f"数据库 {self.path} 由更新版本的程序创建（格式 {version}，本程序只认识到 {SCHEMA_VERSION}）。"
                "为保护数据，本程序不会改动它，请安装最新版本后再打开。"
            )
        if version == SCHEMA_VERSION:
            return
        if version > 0 and callable(self._on_migrate):
            self._on_migrate(self, version)  # e.g. back up before changing the schema
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                MIGRATIONS[target](self.db)
                self.conn.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA optimize")
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing. Nested use joins the outer transaction."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def quick_check(self) -> str:
        return self.conn.execute("PRAGMA quick_check").fetchone()[0]

    # ---------------------------------------------------------- reports

    def insert_report(self, report: Report) -> int:
        """Write a whole report (new or imported) in one transaction; returns its id."""
        stamp = now()
        with self.transaction():
            cur = self.conn.execute(
                "INSERT INTO reports (genre_id, genre_version, created, updated) VALUES (?, ?, ?, ?)",
                (report.genre_id, report.genre_version, report.created or stamp, report.updated or stamp),
            )
            rid = int(cur.lastrowid)
            self.conn.executemany(
                "INSERT INTO report_values (report_id, address, value) VALUES (?, ?, ?)",
                [(rid, a, v) for a, v in report.values.items() if v != ""],
            )
            self._write_items(rid, report)
        return rid

    def _write_items(self, rid: int, report: Report) -> None:
        rows = []
        for part, items in report.items.items():
            rows.extend(_item_rows(rid, part, items))
        self.conn.executemany(
            "INSERT INTO report_items (report_id, item_id, part, parent, position, area, figures)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def load_report(self, rid: int) -> Report:
        row = self.conn.execute(
            "SELECT id, genre_id, genre_version, created, updated, deleted FROM reports WHERE id = ?", (rid,)
        ).fetchone()
        if row is None:
            raise KeyError(rid)
        report = Report(genre_id=row[1], genre_version=row[2], id=row[0], created=row[3], updated=row[4],
                        deleted=row[5])
        report.values = dict(
            self.conn.execute("SELECT address, value FROM report_values WHERE report_id = ?", (rid,))
        )
        by_id: dict[str, Item] = {}
        rows = self.conn.execute(
            "SELECT item_id, part, parent, area, figures FROM report_items WHERE report_id = ?"
            " ORDER BY position, item_id",
            (rid,),
        ).fetchall()
        for item_id, part, parent, area, figures in rows:
            figs = [FigureDef(**f) for f in json.loads(figures)]
            by_id[item_id] = Item(id=item_id, part=part, parent=parent, area=area, figures=figs)
        for item in by_id.values():
            if item.parent and item.parent in by_id:
                by_id[item.parent].children.append(item)
            else:
                item.parent = None
                report.items.setdefault(item.part, []).append(item)
        return report

    def report_exists(self, rid: int) -> bool:
        return self.conn.execute("SELECT 1 FROM reports WHERE id = ?", (rid,)).fetchone() is not None

    def list_reports(self, *, deleted: bool = False) -> list[dict]:
        """Summary rows, most recently edited first, with the values a list needs."""
        cond = "deleted IS NOT NULL" if deleted else "deleted IS NULL"
        rows = self.conn.execute(
            "SELECT id, genre_id, genre_version, created, updated, deleted, title, progress, problems"
            f" FROM reports WHERE {cond} ORDER BY updated DESC, id DESC"
        ).fetchall()
        if not rows:
            return []
        wanted = ("front.unit", "front.period", "front.title", "front.date", "front.meeting")
        values: dict[int, dict[str, str]] = {}
        marks = ",".join("?" * len(wanted))
        for rid, address, value in self.conn.execute(
            f"SELECT report_id, address, value FROM report_values WHERE address IN ({marks})", wanted
        ):
            values.setdefault(rid, {})[address] = value
        keys = ("id", "genre_id", "genre_version", "created", "updated", "deleted", "title", "progress", "problems")
        return [dict(zip(keys, r, strict=True), values=values.get(r[0], {})) for r in rows]

    def count_reports(self) -> int:
        return self.conn.execute("SELECT count(*) FROM reports WHERE deleted IS NULL").fetchone()[0]

    def set_value(self, rid: int, address: str, value: str) -> str:
        """One field edit: one row written (or removed when emptied). Returns the new updated time."""
        stamp = now()
        with self.transaction():
            self._touch(rid, stamp)
            if value == "":
                self.conn.execute("DELETE FROM report_values WHERE report_id = ? AND address = ?", (rid, address))
            else:
                self.conn.execute(
                    "INSERT INTO report_values (report_id, address, value) VALUES (?, ?, ?)"
                    " ON CONFLICT (report_id, address) DO UPDATE SET value = excluded.value",
                    (rid, address, value),
                )
        return stamp

    def set_values(self, rid: int, changes: dict[str, str]) -> str:
        """Several field edits in one transaction (an autosave batch)."""
        stamp = now()
        with self.transaction():
            for address, value in changes.items():
                self.set_value(rid, address, value)
            self._touch(rid, stamp)
        return stamp

    def _touch(self, rid: int, stamp: str) -> None:
        # indexed = NULL marks the list summary and search text stale (recomputed lazily, not per keystroke)
        cur = self.conn.execute("UPDATE reports SET updated = ?, indexed = NULL WHERE id = ?", (stamp, rid))
        if cur.rowcount == 0:
            raise KeyError(rid)

    def replace_items(self, rid: int, report: Report) -> str:
        """Rewrite the item tree (add / remove / move); values of removed items are dropped."""
        stamp = now()
        keep = {i.id for i in report.all_items()}
        with self.transaction():
            old = [r[0] for r in self.conn.execute("SELECT item_id FROM report_items WHERE report_id = ?", (rid,))]
            self.conn.execute("DELETE FROM report_items WHERE report_id = ?", (rid,))
            self._write_items(rid, report)
            for gone in set(old) - keep:
                self.conn.execute(
                    "DELETE FROM report_values WHERE report_id = ? AND address LIKE ? ESCAPE '\\'",
                    (rid, f"item.{gone}.%"),
                )
            self._touch(rid, stamp)
        return stamp

    def mark_deleted(self, rid: int, deleted: bool) -> None:
        with self.transaction():
            self.conn.execute("UPDATE reports SET deleted = ? WHERE id = ?", (now() if deleted else None, rid))

    def purge(self, rid: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM report_search WHERE rowid = ?", (rid,))
            self.conn.execute("DELETE FROM reports WHERE id = ?", (rid,))

    # ---------------------------------------------------------- search

    def stale_reports(self) -> list[int]:
        """Reports edited since their search text and list summary were last computed."""
        return [r[0] for r in self.conn.execute("SELECT id FROM reports WHERE indexed IS NULL")]

    def save_index(self, rid: int, *, text: str, title: str, progress: int, problems: int) -> None:
        """Store what the list and the search need, computed from the whole report (lazily, not per edit)."""
        with self.transaction():
            self.conn.execute("DELETE FROM report_search WHERE rowid = ?", (rid,))
            self.conn.execute("INSERT INTO report_search (rowid, body) VALUES (?, ?)", (rid, text))
            self.conn.execute(
                "UPDATE reports SET indexed = updated, title = ?, progress = ?, problems = ? WHERE id = ?",
                (title, progress, problems, rid),
            )

    def search(self, query: str, *, deleted: bool = False) -> list[int]:
        """Ids of reports whose text contains every word of the query."""
        words = [w for w in query.split() if w]
        if not words:
            return []
        cond = "r.deleted IS NOT NULL" if deleted else "r.deleted IS NULL"
        fts = all(len(w) >= 3 for w in words) and self._has_fts()
        if fts:
            match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
            sql = (f"SELECT s.rowid FROM report_search s JOIN reports r ON r.id = s.rowid"
                   f" WHERE report_search MATCH ? AND {cond} ORDER BY r.updated DESC")
            return [r[0] for r in self.conn.execute(sql, (match,))]
        likes = " AND ".join("s.body LIKE ? ESCAPE '\\'" for _ in words)
        args = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for w in words]
        sql = (f"SELECT s.rowid FROM report_search s JOIN reports r ON r.id = s.rowid"
               f" WHERE {likes} AND {cond} ORDER BY r.updated DESC")
        return [r[0] for r in self.conn.execute(sql, args)]

    def _has_fts(self) -> bool:
        sql = self.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'report_search'").fetchone()[0]
        return "fts5" in sql.lower()

    # ---------------------------------------------------------- settings

    def get_setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def table_names(self) -> list[str]:
        return self.db.table_names()


def _item_rows(rid: int, part: str, items: Iterable[Item]) -> list[tuple]:
    rows = []
    for position, item in enumerate(items):
        figs = json.dumps([f.__dict__ for f in item.figures], ensure_ascii=False)
        rows.append((rid, item.id, part, item.parent, position, item.area, figs))
        rows.extend(_item_rows(rid, part, item.children))
    return rows
