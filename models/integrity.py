"""Opening the data safely at start: check the database, move a damaged one aside, restore a backup.

``open_checked(folder)`` is what the GUI calls instead of ``Store(folder)``:

1. an existing database is checked read-only first (``PRAGMA quick_check``), so nothing is changed
   before we know what it is; a file of a newer program version raises NewerDatabaseError and is
   left byte for byte as it was;
2. a damaged database is renamed, never deleted, to ``zongjie.db.damaged-<time>`` together with its
   ``-wal`` / ``-shm`` files; the newest backup that passes the check is copied into place, or, when
   there is none, a new empty database is started — a Chinese notice says which, and where the
   damaged file is;
3. the store is opened with a backup before any schema migration, and an automatic backup is made
   when the data changed since the last one.

A data folder that cannot be written (a full disk, a write-protected USB stick or CD, a read-only
share, no permission: models/readonly.py) is opened read-only instead: nothing is checked by writing,
moved or backed up, ``store.read_only`` says why, and the window shows it. A damaged database there
cannot be moved aside, so it is refused (StoreError, Chinese) and left as it is.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from models import backup
from models.atomic import os_error_text
from models.store import DB_NAME, DamagedDatabaseError, Store, StoreError, probe_database, writable_problem

if TYPE_CHECKING:
    from models.genres import GenreLibrary
    from models.readonly import ReadOnlyReason
    from models.service import ReportService

log = logging.getLogger(__name__)


def _time_text(t: _dt.datetime) -> str:
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"


def damage(db: Path, folder: Path) -> str | None:
    """Why the database at ``db`` cannot be used (None when it is fine or absent).

    Raises NewerDatabaseError and other StoreErrors (locked, unreadable) unchanged: those are not damage.
    """
    if not db.exists():
        return None
    if db.stat().st_size == 0:  # SQLite would take it for a new database; with backups around it is a loss
        return "文件是空的（0 字节）" if backup.list_backups(folder) else None
    try:
        _version, check = probe_database(db)
    except DamagedDatabaseError as exc:
        return str(exc.__cause__ or exc)
    if check != "ok":
        return f"完整性检查未通过：{check.splitlines()[0]}"
    return None


def open_checked(folder: Path | str, *, now: _dt.datetime | None = None) -> tuple[Store, list[str]]:
    """Open the store of a data folder after checking it; returns the store and notices (Chinese) to show."""
    folder = Path(folder)
    db = folder / DB_NAME
    reason = writable_problem(folder)
    if reason is not None:
        return _open_read_only(folder, reason)
    notices: list[str] = []
    why = damage(db, folder)
    if why is None and not db.exists() and Path(f"{db}-wal").exists():
        why = "只剩下日志文件（zongjie.db-wal），数据库文件本身不见了"
    if why is not None:
        notices.append(_recover(db, folder, why, now))
    store = Store(folder, on_migrate=backup.before_migration)
    try:
        backup.maybe_backup(store, "start", now=now)
    except StoreError as exc:  # the data is fine; say that the copy failed, do not stop the program
        notices.append(f"启动时的自动备份没有完成：{exc}\n数据本身没有受影响。")
    return store, notices


def _open_read_only(folder: Path, reason: ReadOnlyReason) -> tuple[Store, list[str]]:
    """The store of a folder that cannot be written, read-only, after the same check as a writable one."""
    db = folder / DB_NAME
    log.warning("数据文件夹 %s 无法写入（%s：%s），以只读方式打开", folder, reason.label, reason.detail)
    try:
        store = Store(folder, read_only=reason)
        check = store.quick_check() if db.exists() else "ok"
    except DamagedDatabaseError as exc:
        check, store = str(exc.__cause__ or exc), None
    if check != "ok":
        if store is not None:
            store.close()
        raise StoreError(f"数据库文件 {db} 已损坏（{check.splitlines()[0]}），而{reason.why}，"
                         "无法把它改名保存并从备份恢复；损坏的文件没有被改动。"
                         f"请先让数据文件夹可以写入（{reason.label}），再重新启动本程序："
                         "程序会把损坏的文件改名保存，并从自动备份恢复数据。")
    return store, list(store.notices)


def _recover(db: Path, folder: Path, why: str, now: _dt.datetime | None) -> str:
    try:
        aside = backup.move_aside(db, now) if db.exists() else _move_journal_aside(db, now)
    except OSError as exc:
        raise StoreError(
            f"数据库文件 {db} 已损坏（{why}），但无法把它改名保存（{os_error_text(exc)}）。"
            "请确认数据文件夹可以写入后重新启动本程序；损坏的文件没有被改动。"
        ) from exc
    lines = [f"数据库文件已损坏，无法使用（{why}）。",
             f"损坏的文件已改名保存为：{aside}（没有删除，可交给技术人员尝试修复）。"]
    good = backup.newest_good_backup(folder)
    if good is None:
        lines.append("没有找到可用的自动备份，已新建一个空的数据库。"
                     "如果您在U盘或其他位置有“立即备份到…”保存的备份，可在“备份与恢复”中选择“从文件恢复”。")
        return "\n".join(lines)
    try:
        backup.install_backup(good, db)
    except OSError as exc:
        raise StoreError(f"无法从备份 {good.path} 恢复数据库：{os_error_text(exc)}。"
                         f"损坏的文件已保存为 {aside}。") from exc
    lines.append(f"已从 {_time_text(good.time)} 的自动备份（{good.path.name}）恢复了数据；"
                 "该备份之后所做的修改没能恢复，请核对最近编辑的报告。")
    return "\n".join(lines)


def _move_journal_aside(db: Path, now: _dt.datetime | None) -> Path:
    now = now or _dt.datetime.now()
    base = db.with_name(f"{db.name}.damaged-{now:%Y%m%d-%H%M%S}")
    for suffix in ("-wal", "-shm"):
        side = Path(f"{db}{suffix}")
        if side.exists():
            side.replace(f"{base}{suffix}")
    return Path(f"{base}-wal")


def open_service(data_dir: Path | str, library: GenreLibrary | None = None) -> tuple[ReportService, list[str]]:
    """The service on a checked store: what the GUI opens at start."""
    from models.service import ReportService

    store, notices = open_checked(data_dir)
    return ReportService(data_dir, library=library, store=store), notices
