"""Automatic backups of the whole database, kept in ``<data>/备份/``.

A backup is a complete, self-contained SQLite file written with SQLite's online backup API
(``Store.backup_to``): first to a ``.partial`` name, checked, flushed to disk, then renamed, so a
crash never leaves a half backup that looks like a real one. When:

* at start, when the data changed since the last backup (``maybe_backup(store, "start")``);
* every 30 minutes while the officer edits (the UI calls ``maybe_backup`` on a timer of
  ``BACKUP_INTERVAL_MS``; nothing is written when nothing changed);
* before a schema migration (``before_migration`` is the Store's ``on_migrate`` hook);
* before an import and before a restore.

Old backups are thinned by ``retained`` (a pure function of the times and "now"): everything
from today and yesterday, then the newest of each day for a week, of each week for four weeks,
of each month for twelve months. The newest backup is never removed.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models.atomic import describe_write_error, os_error_text
from models.log import suppress_logged
from models.store import DB_NAME, SCHEMA_VERSION, StoreError, probe_database

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.store import Store

log = logging.getLogger(__name__)

BACKUP_FOLDER = "备份"
BACKUP_INTERVAL_MS = 30 * 60 * 1000  # the UI timer that calls maybe_backup
_SETTING = "backup.revision"  # revision of the data at the last automatic backup
_PREFIX = "zongjie-"
_NAME = re.compile(r"^zongjie-(\d{8}-\d{6})(?:-(\d+))?-([a-z]+)\.db$")
_EXPORT_PREFIX = "宣传工作总结备份-"
_STAMP = "%Y%m%d-%H%M%S"

REASONS = {
    "start": "启动时",
    "timer": "定时",
    "migrate": "升级前",
    "import": "导入前",
    "restore": "恢复前",
    "manual": "手动",
}


class BackupError(StoreError):
    """A backup could not be written or restored; the message is Chinese. Nothing was lost."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    time: _dt.datetime
    reason: str  # key of REASONS
    size: int  # bytes
    seq: int = 1  # 2, 3… for further backups within the same second

    @property
    def label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def time_text(self) -> str:
        return f"{self.time.year}年{self.time.month}月{self.time.day}日 {self.time:%H:%M:%S}"

    @property
    def size_text(self) -> str:
        return size_text(self.size)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def backup_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / BACKUP_FOLDER


# ------------------------------------------------------------------ retention (pure)


def retained(times: Iterable[_dt.datetime], now: _dt.datetime) -> set[_dt.datetime]:
    """Which backup times to keep.

    All of today and yesterday (and any time in the future: a clock was wrong); then the newest
    of each calendar day up to 7 days back, of each ISO week up to 5 weeks back (4 weeks after
    the daily week), of each month up to 12 months back. The newest time overall is always kept.
    """
    times = sorted(set(times))
    if not times:
        return set()
    today = now.date()
    keep = {times[-1]}
    newest_in: dict[tuple, _dt.datetime] = {}
    for t in times:  # ascending, so the last one written to a bucket is its newest
        age = (today - t.date()).days
        if age <= 1:
            keep.add(t)
            continue
        if age <= 7:
            bucket: tuple = ("day", t.date())
        elif age <= 7 + 28:
            bucket = ("week", *t.isocalendar()[:2])
        elif (today.year * 12 + today.month) - (t.year * 12 + t.month) < 12:
            bucket = ("month", t.year, t.month)
        else:
            continue
        newest_in[bucket] = t
    keep.update(newest_in.values())
    return keep


# ------------------------------------------------------------------ listing


def list_backups(data_dir: Path | str) -> list[BackupInfo]:
    """The automatic backups, newest first."""
    folder = backup_dir(data_dir)
    out = []
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:  # no backup yet
        return []
    except OSError as exc:
        log.warning("无法列出备份文件夹 %s：%s", folder, exc, exc_info=True)
        return []
    for path in entries:
        m = _NAME.match(path.name)
        if not m:
            continue
        try:
            time = _dt.datetime.strptime(m.group(1), _STAMP)
            size = path.stat().st_size
        except (ValueError, OSError) as exc:  # an impossible time in the name, or the file just went
            log.warning("跳过备份文件 %s：%s", path, exc)
            continue
        out.append(BackupInfo(path, time, m.group(3), size, int(m.group(2) or 1)))
    out.sort(key=lambda b: (b.time, b.seq), reverse=True)
    return out


def good_backup(info: BackupInfo) -> bool:
    """Whether a backup file is a readable database this program can open."""
    try:
        version, check = probe_database(info.path)
    except StoreError:
        return False
    return check == "ok" and 1 <= version <= SCHEMA_VERSION


def newest_good_backup(data_dir: Path | str) -> BackupInfo | None:
    return next((b for b in list_backups(data_dir) if good_backup(b)), None)


# ------------------------------------------------------------------ writing


def _free_name(folder: Path, time: _dt.datetime, reason: str) -> Path:
    stamp = time.strftime(_STAMP)
    taken = [m for p in folder.glob(f"{_PREFIX}{stamp}-*") if (m := _NAME.match(p.name.removesuffix(".partial")))]
    if not taken:
        return folder / f"{_PREFIX}{stamp}-{reason}.db"
    seq = max(int(m.group(2) or 1) for m in taken) + 1  # orders backups made within the same second
    return folder / f"{_PREFIX}{stamp}-{seq}-{reason}.db"


def _fsync_dir(folder: Path) -> None:
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _copy_database(store: Store, target: Path) -> None:
    """Backup API into ``target``.partial, check it, fsync, rename; 0600 on POSIX."""
    partial = target.with_name(target.name + ".partial")
    try:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        if os.name == "posix":  # create it private before any data is in it
            os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        store.backup_to(partial)
        _version, check = probe_database(partial)
        if check != "ok":
            raise BackupError(f"备份文件 {partial.name} 写入后检查未通过（{check}），已放弃这次备份。")
        with open(partial, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise BackupError(f"备份没有完成：{describe_write_error(target, exc)}") from exc
    except StoreError as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"备份没有完成：{exc}") from exc
    finally:
        with suppress_logged(log, f"删除未完成的备份 {partial}", OSError):
            partial.unlink(missing_ok=True)


def _clean_partials(folder: Path, now: _dt.datetime) -> None:
    """Half-written backups of a run that was killed (older than an hour: not one being written now)."""
    for path in folder.glob(f"{_PREFIX}*.partial"):
        with suppress_logged(log, f"清理中断的备份 {path}", OSError):
            if now.timestamp() - path.stat().st_mtime > 3600:
                path.unlink()


def make_backup(store: Store, reason: str = "manual", *, now: _dt.datetime | None = None,
                prune: bool = True) -> BackupInfo:
    """Back up the database into ``<data>/备份/`` now, whatever changed; then thin old backups.

    Read-only mode refuses it (ReadOnlyModeError, saying why); 立即备份到… another folder still works."""
    store.refuse_writes()
    now = now or _dt.datetime.now()
    folder = backup_dir(store.folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"无法创建备份文件夹 {folder}：{os_error_text(exc)}。") from exc
    _clean_partials(folder, now)
    target = _free_name(folder, now, reason)
    revision = store.revision()
    previous = store.get_setting(_SETTING) if revision is not None else ""
    if revision is not None:  # recorded first, so the backup holds the value that describes it
        store.set_setting(_SETTING, str(revision))
    try:
        _copy_database(store, target)
    except BaseException:
        if revision is not None:
            with suppress_logged(log, "备份失败后恢复备份标记", Exception):
                store.set_setting(_SETTING, previous)
        raise
    if prune:
        prune_backups(store.folder, now=now)
    info = next((b for b in list_backups(store.folder) if b.path == target), None)
    return info or BackupInfo(target, now.replace(microsecond=0), reason, target.stat().st_size)


def changed_since_backup(store: Store) -> bool:
    revision = store.revision()
    if revision is None:
        return True
    return store.get_setting(_SETTING) != str(revision) or not list_backups(store.folder)


def maybe_backup(store: Store, reason: str = "timer", *, now: _dt.datetime | None = None) -> BackupInfo | None:
    """Back up only when the reports changed since the last automatic backup (or there is none)."""
    if not changed_since_backup(store):
        return None
    return make_backup(store, reason, now=now)


def before_migration(store: Store, old_version: int) -> None:
    """The Store's ``on_migrate`` hook: a copy of the old-format database before its schema changes."""
    make_backup(store, "migrate", prune=False)


def prune_backups(data_dir: Path | str, *, now: _dt.datetime | None = None) -> list[Path]:
    """Remove the automatic backups ``retained`` does not keep; returns what was removed."""
    now = now or _dt.datetime.now()
    backups = list_backups(data_dir)
    keep = retained([b.time for b in backups], now)
    removed = []
    for b in backups:
        if b.time in keep:
            continue
        with suppress_logged(log, f"删除过期备份 {b.path}", OSError):
            b.path.unlink()
            removed.append(b.path)
    return removed


def backup_to_folder(store: Store, folder: Path | str, *, now: _dt.datetime | None = None) -> Path:
    """立即备份到…: a complete copy in a folder the officer picks (a USB stick); never pruned."""
    now = now or _dt.datetime.now()
    folder = Path(folder)
    if not folder.is_dir():
        raise BackupError(f"文件夹“{folder}”不存在或无法访问（可能是拔出的U盘）。请换一个位置。")
    target = folder / f"{_EXPORT_PREFIX}{now:%Y%m%d-%H%M%S}.db"
    n = 2
    while target.exists():
        target = folder / f"{_EXPORT_PREFIX}{now:%Y%m%d-%H%M%S}-{n}.db"
        n += 1
    _copy_database(store, target)
    return target


# ------------------------------------------------------------------ restoring


def check_restorable(path: Path | str) -> int:
    """The schema version of a backup file, or BackupError (Chinese) when it cannot be restored."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件“{path}”。")
    try:
        version, check = probe_database(path)
    except StoreError as exc:
        raise BackupError(f"“{path.name}”不能用来恢复：{exc}") from exc
    if check != "ok":
        raise BackupError(f"备份文件“{path.name}”已损坏（{check.splitlines()[0]}），不能用来恢复。请选择另一个备份。")
    if version < 1:
        raise BackupError(f"“{path.name}”不是本程序的数据库备份。")
    return version


def restore_backup(store: Store, path: Path | str, *, now: _dt.datetime | None = None) -> BackupInfo:
    """Replace the data with a backup, after backing up the current state (returned).

    The store is left open on the restored content; the caller reopens it (``Store(folder)``) so
    an older backup is migrated. ReportService.restore_backup does both.
    """
    path = Path(path)
    check_restorable(path)
    safety = make_backup(store, "restore", now=now, prune=False)
    store.restore_from(path)
    return safety


def move_aside(db_path: Path, now: _dt.datetime | None = None) -> Path:
    """Rename a damaged database (with its -wal and -shm) to ``zongjie.db.damaged-<time>``; never delete it."""
    now = now or _dt.datetime.now()
    base = db_path.with_name(f"{db_path.name}.damaged-{now:%Y%m%d-%H%M%S}")
    n = 2
    while base.exists():
        base = db_path.with_name(f"{db_path.name}.damaged-{now:%Y%m%d-%H%M%S}-{n}")
        n += 1
    for suffix in ("-wal", "-shm"):  # the journal first: a wal without its db is harmless
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, f"{base}{suffix}")
    os.replace(db_path, base)
    return base


def install_backup(info: BackupInfo, db_path: Path) -> None:
    """Copy a backup file into place as the database (no database may be open at ``db_path``)."""
    tmp = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(info.path, tmp)
    if os.name == "posix":
        os.chmod(tmp, 0o600)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, db_path)
    _fsync_dir(db_path.parent)


__all__ = [
    "BACKUP_FOLDER", "BACKUP_INTERVAL_MS", "DB_NAME", "REASONS", "BackupError", "BackupInfo", "backup_dir",
    "backup_to_folder", "before_migration", "changed_since_backup", "check_restorable", "list_backups",
    "make_backup", "maybe_backup", "move_aside", "newest_good_backup", "prune_backups", "restore_backup", "retained",
]
