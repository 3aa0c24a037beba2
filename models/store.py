"""The local SQLite store: the only module that runs SQL on the reports.

One database file per data directory. Values are stored one row per field address, so one edit
is one small write. Its neighbours hold the rest: models/migrations.py the schema, one step per
``PRAGMA user_version``; models/store_errors.py the Chinese message for every SQLite failure (every
public method of Store raises StoreError, never sqlite3.Error). A database written by a newer
version of the program is refused and never altered.

A data folder that cannot be written (a full disk, a write-protected USB stick, no permission:
models/readonly.py) is opened read-only (``open_store``, ``Store(read_only=reason)``): every write
is then refused with a ReadOnlyModeError saying why, before SQLite is asked. A write that fails
because the folder stopped being writable while the program ran switches an open store to the same
mode (``_failure``); ReportService.try_writable brings it back.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import json
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from models import migrations, store_structure
from models.atomic import os_error_text
from models.log import suppress_logged
from models.migrations import SCHEMA_VERSION
from models.readonly import NO_PERMISSION, ReadOnlyReason, probe_folder
from models.report import FigureDef, Item, Report
from models.store_errors import (
    SQLITE_CANTOPEN,
    SQLITE_FULL,
    SQLITE_IOERR,
    SQLITE_READONLY,
    DamagedDatabaseError,
    NewerDatabaseError,
    ReadOnlyDatabaseError,
    ReadOnlyModeError,
    StoreError,
    describe_sqlite_error,
    error_code,
    newer_message,
    read_only_message,
    sqlite_errors_as_store_errors,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    import sqlite_utils

# what the other modules of models take from here, wherever it is defined
__all__ = ["DB_NAME", "SCHEMA_VERSION", "DamagedDatabaseError", "NewerDatabaseError", "ReadOnlyDatabaseError",
           "ReadOnlyModeError", "Store", "StoreError", "describe_sqlite_error", "open_store", "probe_database",
           "writable_problem"]

log = logging.getLogger(__name__)

LIST_VALUES = ("front.unit", "front.period", "front.title", "front.date", "front.meeting")  # what a list row shows
LIST_SORTS = ("updated", "title", "unit", "period", "genre", "progress", "problems")  # orders of report_ids
_CHUNK = 500  # ids per IN (...) list
_WINDOW = 5  # a short-word search's first page is looked for in the newest 5 × page reports first
_VALUE_OF = "coalesce((SELECT value FROM report_values v WHERE v.report_id = r.id AND v.address = '{}'), '')"

DB_NAME = "zongjie.db"
BUSY_TIMEOUT_S = 5.0  # how long to wait for another program's lock before saying so


def now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


def _is_network_path(path: Path) -> bool:
    """UNC paths (\\\\server\\share) and, on Windows, mapped network drives (Z:)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if os.name == "nt" and len(text) >= 2 and text[1] == ":":  # pragma: no cover - Windows only
        try:
            import ctypes

            return ctypes.windll.kernel32.GetDriveTypeW(text[:2] + "\\") == 4  # DRIVE_REMOTE
        except (AttributeError, OSError) as exc:
            log.warning("无法判断 %s 是否在网络驱动器上：%s", text[:2], exc)
            return False
    return False


def _writable(path: Path) -> bool:
    """Whether we may write ``path`` (a file or a folder); a seam the tests replace (root ignores modes)."""
    return os.access(path, os.W_OK)


def writable_problem(folder: Path | str) -> ReadOnlyReason | None:
    """Why the data folder (or its database file) cannot be written now, None when it can."""
    folder = Path(folder)
    reason = probe_folder(folder)
    if reason is not None:
        return reason
    db = folder / DB_NAME
    if not _writable(folder) or (db.exists() and not _writable(db)):  # a read-only file; the tests' seam
        return ReadOnlyReason(NO_PERMISSION, folder, "只读属性")
    return None


def open_store(folder: Path | str, *, on_migrate: object = None) -> Store:
    """The store of a data folder: read-write, or read-only when the folder cannot be written."""
    reason = writable_problem(folder)
    if reason is None:
        return Store(folder, on_migrate=on_migrate)
    log.warning("数据文件夹 %s 无法写入（%s：%s），以只读方式打开", folder, reason.label, reason.detail)
    return Store(folder, read_only=reason)


def probe_database(path: Path) -> tuple[int, str]:
    """(user_version, quick_check result) of a database file, opened read-only so nothing is changed.

    Raises NewerDatabaseError for a file of a newer program, DamagedDatabaseError when SQLite
    cannot read it, StoreError for other failures. Files SQLite creates for the read
    (-wal / -shm that did not exist before) are removed again.
    """
    path = Path(path)
    extra = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    existed = {p for p in extra if p.exists()}
    conn = None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_S)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(newer_message(path, version, SCHEMA_VERSION))
        result = "\n".join(r[0] for r in conn.execute("PRAGMA quick_check"))
        return version, result
    except sqlite3.Error as exc:
        if not (_writable(path.parent) and _writable(path)):
            # SQLite cannot even read a WAL database where it may not create its -shm file (a
            # write-protected USB stick, a read-only share): say "read-only", not "cannot open"
            raise ReadOnlyDatabaseError(read_only_message(path)) from exc
        raise describe_sqlite_error(path, exc) from exc
    finally:
        if conn is not None:
            conn.close()
        wal = Path(f"{path}-wal")
        if wal not in existed and wal.exists() and wal.stat().st_size == 0:
            with suppress_logged(log, f"删除检查时产生的 {wal}", OSError):
                wal.unlink(missing_ok=True)
        shm = Path(f"{path}-shm")
        if shm not in existed and shm.exists() and not wal.exists():
            with suppress_logged(log, f"删除检查时产生的 {shm}", OSError):
                shm.unlink(missing_ok=True)


@sqlite_errors_as_store_errors
class Store(store_structure.TemplateRows):
    """Open (creating if needed) the database in a data directory.

    Every public method raises StoreError (Chinese), never sqlite3.Error.
    """

    def __init__(self, folder: Path | str, *, on_migrate: object = None,
                 read_only: ReadOnlyReason | None = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DB_NAME
        self.read_only: ReadOnlyReason | None = None  # why writes are refused now (models/readonly.py)
        self.opened_read_only = read_only is not None  # the connection itself cannot write: reopen to write
        self.on_read_only: Callable[[ReadOnlyReason | None], None] | None = None  # the service listens
        self.notices: list[str] = []  # what the officer should know about how the data was opened
        # list summaries and search text computed while read-only: kept here, the rows stay stale
        self._memory_index: dict[int, tuple[str, str, int, int]] = {}
        if read_only is not None:
            self._open_read_only()
            self.read_only = read_only
            return
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # private when we create it
        except OSError as exc:
            msg = f"无法创建数据文件夹 {self.folder}：{os_error_text(exc)}。请换一个有写入权限的位置。"
            raise StoreError(msg) from exc
        self._on_migrate = on_migrate
        new = not self.path.exists()
        # SQLite needs to write the file and, for its journal, the folder: refuse before touching anything.
        if not _writable(self.folder) or (not new and not _writable(self.path)):
            raise ReadOnlyDatabaseError(read_only_message(self.path))
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
        except sqlite3.Error as exc:
            raise describe_sqlite_error(self.path, exc) from exc
        if new and os.name == "posix":
            with suppress_logged(log, f"把 {self.path} 设为仅本人可读写", OSError):
                os.chmod(self.path, 0o600)
        self.conn = conn
        try:
            version = self._user_version()  # read before anything is written (a newer file stays as it is)
            if version > SCHEMA_VERSION:
                raise NewerDatabaseError(newer_message(self.path, version, SCHEMA_VERSION))
            self._configure()
            self._migrate()
        except sqlite3.Error as exc:
            conn.close()
            raise describe_sqlite_error(self.path, exc) from exc
        except BaseException:
            conn.close()
            raise

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for migrations and introspection. Imported on first use:
        it loads its plugin machinery (~50 ms) and an ordinary start, with an up-to-date schema, needs none."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _configure(self) -> None:
        c = self.conn
        c.execute("PRAGMA foreign_keys = ON")
        c.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # WAL needs shared memory that network file systems do not give; fall back there.
        mode = "DELETE" if _is_network_path(self.path) else "WAL"
        c.execute(f"PRAGMA journal_mode = {mode}")
        c.execute("PRAGMA synchronous = FULL")

    def _open_read_only(self) -> None:
        """A connection that cannot write. SQLite reads a WAL database read-only only where its
        -shm file exists or can be made; a full disk or a read-only medium allows neither, so the file
        is then opened ``immutable`` (safe: nobody can write there either). A database of an older
        schema, or none at all, is copied into memory and migrated there, so the program can read it."""
        self._on_migrate = None
        if not self.path.exists():  # nothing stored yet (a new folder on a read-only medium): empty
            self.conn = self._in_memory(None)
            return
        conn = self._connect_read_only()
        try:
            version = self._user_version_of(conn)
            if version > SCHEMA_VERSION:
                raise NewerDatabaseError(newer_message(self.path, version, SCHEMA_VERSION))
        except sqlite3.Error as exc:
            conn.close()
            raise describe_sqlite_error(self.path, exc) from exc
        except BaseException:
            conn.close()
            raise
        self.conn = conn if version == SCHEMA_VERSION else self._in_memory(conn)

    def _connect_read_only(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        extra = [Path(f"{self.path}-wal"), Path(f"{self.path}-shm")]
        existed = {p for p in extra if p.exists()}
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False,
                                   timeout=BUSY_TIMEOUT_S)
            try:
                self._user_version_of(conn)  # makes SQLite open the file and its -shm now
                return conn
            except sqlite3.Error:
                conn.close()
                raise
        except sqlite3.Error as exc:
            log.info("只读打开 %s 需要 immutable：%s", self.path, exc)
        wal = extra[0]
        if wal in existed and wal.stat().st_size > 0:
            # immutable ignores the -wal: the last edits before the disk filled stay unseen until it can be read
            self.notices.append("数据库日志（zongjie.db-wal）中最近的几次修改现在无法读取，暂时看不到；"
                                "它们没有丢失，恢复写入后重新打开本程序即可看到。")
        for side in extra:  # empty -wal / -shm our attempt left behind (a full disk allows creating them)
            if side not in existed:
                with suppress_logged(log, f"删除只读打开时产生的 {side}", OSError):
                    if side.exists() and side.stat().st_size == 0:
                        side.unlink()
        try:
            conn = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False, timeout=BUSY_TIMEOUT_S)
            self._user_version_of(conn)
            return conn
        except sqlite3.Error as exc:
            raise describe_sqlite_error(self.path, exc) from exc

    @staticmethod
    def _user_version_of(conn: sqlite3.Connection) -> int:
        return conn.execute("PRAGMA user_version").fetchone()[0]

    def _in_memory(self, source: sqlite3.Connection | None) -> sqlite3.Connection:
        """A copy of ``source`` (or an empty database) in memory, migrated, refusing writes (query_only)."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        try:
            if source is not None:
                source.backup(memory)
        finally:
            if source is not None:
                source.close()
        self.conn = memory
        memory.execute("PRAGMA foreign_keys = ON")
        self._migrate()
        memory.execute("PRAGMA query_only = ON")
        return memory

    # ---------------------------------------------------------- read-only mode (models/readonly.py)

    def set_read_only(self, reason: ReadOnlyReason | None) -> None:
        """Enter read-only mode (or leave it: None) and tell the listener."""
        if reason == self.read_only:
            return
        if reason is None:
            self._memory_index.clear()  # the stale rows are computed again and saved from now on
        self.read_only = reason
        if self.on_read_only is not None:
            self.on_read_only(reason)

    def refuse_writes(self) -> None:
        """Raise ReadOnlyModeError (Chinese, with the reason) when the data is read-only."""
        if self.read_only is not None:
            raise ReadOnlyModeError(self.read_only.refused())

    def _failure(self, exc: sqlite3.Error) -> StoreError:
        """The StoreError for a failed SQLite call. A write that failed because the folder cannot be
        written (found out by trying: SQLite's own limits and passing troubles are not that) switches
        the store to read-only mode."""
        if self.read_only is not None:
            return ReadOnlyModeError(self.read_only.refused())
        if error_code(exc) in (SQLITE_FULL, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN):
            reason = writable_problem(self.folder)
            if reason is not None:
                log.warning("写入数据库失败（%s），数据文件夹无法写入（%s：%s），转为只读模式",
                            exc, reason.label, reason.detail)
                self.set_read_only(reason)
                return ReadOnlyModeError(reason.refused())
        return describe_sqlite_error(self.path, exc, opening=False)

    @property
    def schema_version(self) -> int:
        return self._user_version()

    def _user_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self._user_version()
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(newer_message(self.path, version, SCHEMA_VERSION))
        if version == SCHEMA_VERSION:
            return
        if version > 0 and callable(self._on_migrate):
            self._on_migrate(self, version)  # e.g. back up before changing the schema
        for target, step in migrations.pending(version):
            with self.transaction():
                step(self.db)
                self.conn.execute(f"PRAGMA user_version = {target}")

    def close(self) -> None:
        if self.read_only is None:  # optimize may write; a read-only store has nothing to tidy
            with suppress_logged(log, "关闭前整理数据库（PRAGMA optimize）", sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing. Nested use joins the outer transaction. SQLite failures become StoreError (Chinese)."""
        if self.conn.in_transaction:
            yield
            return
        self.refuse_writes()  # read-only mode: say why before SQLite is asked
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:  # locked, disk full, read-only, I/O: a Chinese StoreError, nothing half written
            self._rollback()
            raise self._failure(exc) from exc

    def _rollback(self) -> None:
        if self.conn.in_transaction:  # SQLite may already have rolled back by itself (disk full, I/O error)
            with suppress_logged(log, "撤回未完成的写入（ROLLBACK）", sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def quick_check(self) -> str:
        return self.conn.execute("PRAGMA quick_check").fetchone()[0]

    def integrity_check(self) -> str:
        return "\n".join(r[0] for r in self.conn.execute("PRAGMA integrity_check"))

    # ---------------------------------------------------------- backups (models/backup.py)

    def revision(self) -> int | None:
        """A number every change of report content moves on; None before migration 3."""
        try:
            row = self.conn.execute("SELECT n FROM revision WHERE id = 1").fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the whole database in a new file (SQLite's online backup API).

        The copy uses an ordinary rollback journal, so it is one self-contained file.
        """
        try:
            dst = sqlite3.connect(target, isolation_level=None)
            try:
                self.conn.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        except sqlite3.Error as exc:
            if error_code(exc) == SQLITE_FULL:
                raise StoreError(f"磁盘空间不足，无法写入 {target}。") from exc
            raise StoreError(f"无法写入 {target}：{exc}") from exc

    def restore_from(self, source: Path) -> None:
        """Replace the whole database with the content of ``source`` in one write transaction.

        The pages are written through this connection's journal (WAL), so a crash midway leaves
        the old database. The caller reopens the store afterwards (the copy may need migrating).
        """
        src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
        try:
            page_size = src.execute("PRAGMA page_size").fetchone()[0]
            wal = self.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            if wal and page_size != self.conn.execute("PRAGMA page_size").fetchone()[0]:
                # a WAL database cannot change its page size: restore through a rollback journal
                self.conn.execute("PRAGMA journal_mode = DELETE")
                try:
                    src.backup(self.conn)
                finally:
                    self._configure()
            else:
                src.backup(self.conn)
        except sqlite3.Error as exc:
            raise describe_sqlite_error(Path(source), exc) from exc
        finally:
            src.close()

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
            self._write_content(rid, report)
        return rid

    def _write_content(self, rid: int, report: Report) -> None:
        """Values, items and structure of a report whose rows were cleared (or never existed)."""
        self.conn.executemany(
            "INSERT INTO report_values (report_id, address, value) VALUES (?, ?, ?)",
            [(rid, a, v) for a, v in report.values.items() if v != ""],
        )
        self._write_items(rid, report)
        store_structure.write_structure(self.conn, rid, report)

    def _write_items(self, rid: int, report: Report) -> None:
        rows = []
        for part, items in report.items.items():
            rows.extend(_item_rows(rid, part, items))
        self.conn.executemany(
            "INSERT INTO report_items (report_id, item_id, part, parent, position, area, figures, kind, options)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            "SELECT item_id, part, parent, area, figures, kind, options FROM report_items WHERE report_id = ?"
            " ORDER BY position, item_id",
            (rid,),
        ).fetchall()
        for item_id, part, parent, area, figures, kind, options in rows:
            figs = [FigureDef(**f) for f in json.loads(figures)]
            kind, style, layout = store_structure.read_options(kind, options)
            by_id[item_id] = Item(id=item_id, part=part, parent=parent, area=area, figures=figs, kind=kind,
                                  style=style, layout=layout)
        for item in by_id.values():
            if item.parent and item.parent in by_id:
                by_id[item.parent].children.append(item)
            else:
                item.parent = None
                report.items.setdefault(item.part, []).append(item)
        store_structure.read_structure(self.conn, rid, report)
        return report

    def report_exists(self, rid: int) -> bool:
        return self.conn.execute("SELECT 1 FROM reports WHERE id = ?", (rid,)).fetchone() is not None

    def list_reports(self, *, deleted: bool = False) -> list[dict]:
        """Summary rows, most recently edited first, with the values a list needs."""
        cond = "deleted IS NOT NULL" if deleted else "deleted IS NULL"
        return self._summary_rows(f"WHERE {cond} ORDER BY updated DESC, id DESC", ())

    def list_rows(self, ids: Sequence[int]) -> list[dict]:
        """The summary rows of these reports (in the recycle bin too), in the order of ``ids``; ids
        that are not stored are left out. What the start page asks for the rows it shows."""
        rows: dict[int, dict] = {}
        for n in range(0, len(ids), _CHUNK):
            chunk = list(ids[n:n + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows.update((r["id"], r) for r in self._summary_rows(f"WHERE id IN ({marks})", chunk, chunk))
        return [rows[i] for i in ids if i in rows]

    def _summary_rows(self, where: str, args: Sequence, ids: Sequence[int] | None = None) -> list[dict]:
        rows = self.conn.execute(
            "SELECT id, genre_id, genre_version, created, updated, deleted, title, progress, problems"
            f" FROM reports {where}", tuple(args)
        ).fetchall()
        if not rows:
            return []
        marks = ",".join("?" * len(LIST_VALUES))
        sql = f"SELECT report_id, address, value FROM report_values WHERE address IN ({marks})"
        args = list(LIST_VALUES)
        if ids is not None:  # a page of rows: only their values (the primary key leads with report_id)
            sql += f" AND report_id IN ({','.join('?' * len(ids))})"
            args += list(ids)
        values: dict[int, dict[str, str]] = {}
        for rid, address, value in self.conn.execute(sql, args):
            values.setdefault(rid, {})[address] = value
        keys = ("id", "genre_id", "genre_version", "created", "updated", "deleted", "title", "progress", "problems")
        out = [dict(zip(keys, r, strict=True), values=values.get(r[0], {})) for r in rows]
        for row in out:  # summaries computed while read-only
            if row["id"] in self._memory_index:
                _text, row["title"], row["progress"], row["problems"] = self._memory_index[row["id"]]
        return out

    def reports_of_period(self, period: str, *, exclude: int | None = None) -> list[dict]:
        """id, genre_id, updated and unit of the reports in the list (not the bin) of one period: what
        同比 looks for, read from two values of each report rather than every summary."""
        rows = self.conn.execute(
            "SELECT r.id, r.genre_id, r.updated, coalesce(u.value, '') FROM reports r"
            " JOIN report_values p ON p.report_id = r.id AND p.address = 'front.period'"
            " LEFT JOIN report_values u ON u.report_id = r.id AND u.address = 'front.unit'"
            " WHERE r.deleted IS NULL AND p.value = ? AND r.id IS NOT ?", (period, exclude))
        return [dict(zip(("id", "genre_id", "updated", "unit"), r, strict=True)) for r in rows]

    def figures_stamp(self, rid: int) -> tuple[str, str]:
        """A report's items (areas, figure definitions) and figure values and title as two strings: equal
        stamps, equal figures. Two reads along the primary key, far cheaper than loading the report."""
        items = self.conn.execute(
            "SELECT group_concat(item_id || char(31) || coalesce(area, '') || char(31) || figures, char(30))"
            " FROM report_items WHERE report_id = ?", (rid,)).fetchone()[0]
        values = self.conn.execute(
            "SELECT group_concat(address || char(31) || value, char(30)) FROM report_values"
            " WHERE report_id = ? AND (address GLOB 'item.*.fig.*' OR address = 'front.title')", (rid,)).fetchone()[0]
        return items or "", values or ""

    def count_reports(self, *, deleted: bool = False) -> int:
        cond = "deleted IS NOT NULL" if deleted else "deleted IS NULL"
        return self.conn.execute(f"SELECT count(*) FROM reports WHERE {cond}").fetchone()[0]

    def genre_ids(self) -> list[str]:
        """The genres (and unit templates) the stored reports are written in."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT genre_id FROM reports")]

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
            store_structure.write_structure(self.conn, rid, report)
            self._touch(rid, stamp)
        return stamp

    def replace_report(self, rid: int, report: Report) -> str:
        """Replace all values and items of a report (restoring a version) in one transaction."""
        stamp = now()
        with self.transaction():
            self._touch(rid, stamp)
            self.conn.execute("UPDATE reports SET genre_id = ?, genre_version = ? WHERE id = ?",
                              (report.genre_id, report.genre_version, rid))
            self.conn.execute("DELETE FROM report_values WHERE report_id = ?", (rid,))
            self.conn.execute("DELETE FROM report_items WHERE report_id = ?", (rid,))
            self._write_content(rid, report)
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
        return [r[0] for r in self.conn.execute("SELECT id FROM reports WHERE indexed IS NULL")
                if r[0] not in self._memory_index]

    def save_index(self, rid: int, *, text: str, title: str, progress: int, problems: int) -> None:
        """Store what the list and the search need, computed from the whole report (lazily, not per edit).

        Read-only, it is kept in memory instead: listing and searching must not need a write."""
        if self.read_only is None:
            try:
                self._save_index(rid, text=text, title=title, progress=progress, problems=problems)
                return
            except ReadOnlyModeError:  # this very write found the folder unwritable
                pass
        self._memory_index[rid] = (text, title, progress, problems)

    def _save_index(self, rid: int, *, text: str, title: str, progress: int, problems: int) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM report_search WHERE rowid = ?", (rid,))
            self.conn.execute("INSERT INTO report_search (rowid, body) VALUES (?, ?)", (rid, text))
            self.conn.execute(
                "UPDATE reports SET indexed = updated, title = ?, progress = ?, problems = ? WHERE id = ?",
                (title, progress, problems, rid),
            )

    def search(self, query: str, *, deleted: bool = False) -> list[int]:
        """Ids of reports whose text contains every word of the query, most recently edited first."""
        if not query.split():
            return []
        return self.report_ids(query, deleted=deleted)

    def report_ids(self, query: str = "", *, deleted: bool = False, sort: str = "updated", descending: bool = True,
                   genres: Sequence[str] = (), limit: int | None = None, offset: int = 0) -> list[int]:
        """Ids of the reports in list order, a page at a time: all of them, or (with a query) those
        whose text contains every word of it.

        ``sort`` is one of LIST_SORTS; ties keep the most recently edited first. ``genres`` are the
        genre ids in the order their names sort (for sort="genre"; others go last). In the default
        order a page is read along the index of ``updated`` and stops when it is full, so the first
        page of a search that LIKE must scan costs what it reads, not the whole table.
        """
        if sort not in LIST_SORTS:
            raise ValueError(f"unknown list order {sort!r}")
        words = [w for w in query.split() if w]
        where = ["r.deleted IS NOT NULL" if deleted else "r.deleted IS NULL"]
        args: list = []
        if words and all(len(w) >= 3 for w in words) and self._has_fts():
            # the full-text index answers at once; its rowids then filter the list
            where.append("r.id IN (SELECT rowid FROM report_search WHERE report_search MATCH ?)")
            args.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in words))
        elif words:
            # short words: a scan of the texts (ESCAPE also keeps FTS5's own LIKE handling out, which
            # finds nothing for patterns under three characters); one pass over them all
            likes = " AND ".join("s.body LIKE ? ESCAPE '\\'" for _ in words)
            patterns = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                        for w in words]
            if limit and not offset and sort == "updated" and descending and not self._memory_index:
                # the first page of a common word is in the most recent reports: look up the texts of
                # the newest few hundred one by one (a page costs what it reads); only a rarer word
                # needs the pass over every text
                window = self.conn.execute(
                    f"SELECT r.id FROM (SELECT id, updated FROM reports r WHERE {where[0]}"
                    f" ORDER BY updated DESC, id DESC LIMIT ?) r"
                    f" WHERE EXISTS (SELECT 1 FROM report_search s WHERE s.rowid = r.id AND {likes})"
                    f" ORDER BY r.updated DESC, r.id DESC LIMIT ?", [_WINDOW * limit, *patterns, limit]).fetchall()
                if len(window) == limit:
                    return [r[0] for r in window]
            where.append(f"r.id IN (SELECT s.rowid FROM report_search s WHERE {likes})")
            args += patterns
        key = {
            "updated": "r.updated",
            "title": "coalesce(r.title, '')",
            "progress": "coalesce(r.progress, 0)",
            "problems": "coalesce(r.problems, 0)",
            "unit": _VALUE_OF.format("front.unit"),
            "period": _VALUE_OF.format("front.period"),  # the code: 2024, 2024H1, 2024H2 … sort by year
            "genre": "CASE r.genre_id " + " ".join("WHEN ? THEN ?" for _ in genres) + f" ELSE {len(genres)} END"
                     if genres else "r.genre_id",
        }[sort]
        order_args = [x for n, g in enumerate(genres) for x in (g, n)] if sort == "genre" else []
        direction = "DESC" if descending else "ASC"
        order = "r.updated DESC, r.id DESC" if sort == "updated" and descending else \
            f"{key} {direction}, r.genre_id {direction}, r.updated DESC, r.id DESC" if sort == "genre" else \
            f"{key} {direction}, r.updated DESC, r.id DESC"
        sql = f"SELECT r.id FROM reports r WHERE {' AND '.join(where)} ORDER BY {order}"
        if (limit is not None or offset) and not (words and self._memory_index):
            sql += " LIMIT ? OFFSET ?"
            order_args += [-1 if limit is None else limit, offset]
        found = [r[0] for r in self.conn.execute(sql, [*args, *order_args])]
        if words and self._memory_index:  # read-only mode: see _with_memory_index
            return self._with_memory_index(found, words, limit, offset)
        return found

    def _with_memory_index(self, ids: list[int], words: list[str], limit: int | None, offset: int) -> list[int]:
        """Search results where the reports whose text was indexed in memory (read-only mode: the
        search table could not be written) are judged by that text: kept or dropped in place, and
        the ones only the memory finds put after the rest. Pages are cut after that judgement."""
        folded = [w.casefold() for w in words]
        hits = {rid for rid, (text, *_rest) in self._memory_index.items() if all(w in text.casefold() for w in folded)}
        kept = [rid for rid in ids if rid in hits or rid not in self._memory_index]
        kept += sorted(hits - set(kept))
        return kept if limit is None and not offset else kept[offset: None if limit is None else offset + limit]

    def _has_fts(self) -> bool:
        sql = self.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'report_search'").fetchone()[0]
        return "fts5" in sql.lower()

    # ---------------------------------------------------------- version history (models/history.py)

    def add_snapshot(self, rid: int, time: str, reason: str, digest: str, package: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO snapshots (report_id, time, reason, digest, package) VALUES (?, ?, ?, ?, ?)",
            (rid, time, reason, digest, package),
        )
        return int(cur.lastrowid)

    def last_snapshot_digest(self, rid: int) -> str | None:
        row = self.conn.execute(
            "SELECT digest FROM snapshots WHERE report_id = ? ORDER BY time DESC, id DESC LIMIT 1", (rid,)
        ).fetchone()
        return row[0] if row else None

    def list_snapshots(self, rid: int) -> list[dict]:
        """Newest first: id, time, reason, size (characters of the package)."""
        rows = self.conn.execute(
            "SELECT id, time, reason, length(package) FROM snapshots WHERE report_id = ? ORDER BY time DESC, id DESC",
            (rid,),
        )
        return [dict(zip(("id", "time", "reason", "size"), r, strict=True)) for r in rows]

    def get_snapshot(self, sid: int) -> dict:
        row = self.conn.execute(
            "SELECT id, report_id, time, reason, digest, package FROM snapshots WHERE id = ?", (sid,)
        ).fetchone()
        if row is None:
            raise KeyError(sid)
        return dict(zip(("id", "report_id", "time", "reason", "digest", "package"), row, strict=True))

    def delete_snapshots(self, ids: Iterable[int]) -> None:
        with self.transaction():
            self.conn.executemany("DELETE FROM snapshots WHERE id = ?", [(i,) for i in ids])

    # ---------------------------------------------------------- settings

    def get_setting(self, key: str, default: str = "") -> str:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def table_names(self) -> list[str]:
        return self.db.table_names()


def _item_rows(rid: int, part: str, items: Iterable[Item]) -> list[tuple]:
    rows = []
    for position, item in enumerate(items):
        figs = json.dumps([f.__dict__ for f in item.figures], ensure_ascii=False)
        rows.append((rid, item.id, part, item.parent, position, item.area, figs, item.kind,
                     store_structure.item_options(item.kind, item.style, item.layout)))
        rows.extend(_item_rows(rid, part, item.children))
    return rows
