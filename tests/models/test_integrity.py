from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from models import backup, integrity
from models import store as store_module
from models.integrity import open_checked, open_service
from models.store import SCHEMA_VERSION, NewerDatabaseError, ReadOnlyModeError, Store, StoreError
from tests.models.helpers import filled_report

WHEN = dt.datetime(2024, 7, 5, 9, 0, 0)


def _data_with_report(folder, library, intro="备份里的导语"):
    from models.service import ReportService

    service = ReportService(folder, library=library)
    rid = service.store.insert_report(filled_report(service))
    service.set_value(rid, "intro", intro)
    return service, rid


def _corrupt(path):
    """Overwrite the middle of the file with garbage, keeping the header (a typical torn disk write)."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(page, len(data), page * 2):
        data[start:start + page] = b"\xa5" * min(page, len(data) - start)
    path.write_bytes(bytes(data))


def test_healthy_database_opens_without_notices_and_is_backed_up(tmp_path, library):
    service, rid = _data_with_report(tmp_path, library)
    service.close()
    store, notices = open_checked(tmp_path)
    assert notices == []
    assert store.load_report(rid).get("intro") == "备份里的导语"
    assert [b.reason for b in backup.list_backups(tmp_path)] == ["start"]
    store.close()
    store, notices = open_checked(tmp_path)  # nothing changed: no second backup
    assert notices == [] and len(backup.list_backups(tmp_path)) == 1
    store.close()


def test_new_data_folder(tmp_path):
    store, notices = open_checked(tmp_path / "新文件夹")
    assert notices == [] and store.count_reports() == 0
    store.close()


def test_damaged_database_is_moved_aside_and_newest_good_backup_restored(tmp_path, library):
    service, rid = _data_with_report(tmp_path, library)
    older = backup.make_backup(service.store, "timer", now=WHEN - dt.timedelta(hours=2))
    service.set_value(rid, "intro", "最新备份的导语")
    newest = backup.make_backup(service.store, "timer", now=WHEN - dt.timedelta(hours=1))
    service.set_value(rid, "intro", "备份之后的导语")
    service.close()
    newest.path.write_bytes(b"broken backup" * 100)  # the newest backup is bad too: the next one is used
    db = tmp_path / "zongjie.db"
    _corrupt(db)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"zongjie.db{suffix}").write_bytes(b"journal" * 10)
    damaged_bytes = db.read_bytes()

    store, notices = open_checked(tmp_path, now=WHEN)
    aside = tmp_path / "zongjie.db.damaged-20240705-090000"
    assert aside.read_bytes() == damaged_bytes  # kept, never altered or deleted
    assert (tmp_path / "zongjie.db.damaged-20240705-090000-wal").exists()
    assert (tmp_path / "zongjie.db.damaged-20240705-090000-shm").exists()
    assert store.load_report(rid).get("intro") == "备份里的导语"  # from the older, good backup
    [notice] = notices
    assert "已损坏" in notice and str(aside) in notice and "没有删除" in notice
    assert "2024年7月5日 07:00:00" in notice and older.path.name in notice
    assert store.integrity_check() == "ok"
    store.close()


@pytest.mark.parametrize("content", [b"this is not a database" * 500, b"\x00" * 8192])
def test_damaged_database_without_backup_starts_empty_and_says_so(tmp_path, content):
    (tmp_path / "zongjie.db").write_bytes(content)
    store, notices = open_checked(tmp_path, now=WHEN)
    assert store.count_reports() == 0 and store.schema_version == SCHEMA_VERSION
    [notice] = notices
    assert "没有找到可用的自动备份" in notice and "新建一个空的数据库" in notice
    assert (tmp_path / "zongjie.db.damaged-20240705-090000").read_bytes() == content
    store.close()


def test_truncated_database_is_detected(tmp_path, library):
    service, rid = _data_with_report(tmp_path, library)
    for n in range(200):
        service.set_value(rid, f"front.extra{n}", "很长的文字" * 400)
    backup.make_backup(service.store, "timer", now=WHEN - dt.timedelta(hours=1))
    service.close()
    db = tmp_path / "zongjie.db"
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    store, notices = open_checked(tmp_path, now=WHEN)
    assert len(notices) == 1 and "已损坏" in notices[0]
    assert store.load_report(rid).get("front.extra199").startswith("很长的文字")
    store.close()


def test_empty_database_file_with_backups_is_treated_as_damaged(tmp_path, library):
    service, rid = _data_with_report(tmp_path, library)
    backup.make_backup(service.store, "timer", now=WHEN - dt.timedelta(hours=1))
    service.close()
    (tmp_path / "zongjie.db").write_bytes(b"")
    store, notices = open_checked(tmp_path, now=WHEN)
    assert "0 字节" in notices[0] and store.report_exists(rid)
    store.close()


def test_journal_without_database_is_kept_aside(tmp_path):
    (tmp_path / "zongjie.db-wal").write_bytes(b"wal" * 100)
    store, notices = open_checked(tmp_path, now=WHEN)
    assert "日志文件" in notices[0]
    assert (tmp_path / "zongjie.db.damaged-20240705-090000-wal").read_bytes() == b"wal" * 100
    store.close()


def test_newer_database_is_refused_and_never_altered(tmp_path):
    Store(tmp_path).close()
    db = tmp_path / "zongjie.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")  # so that even switching to WAL would show in the bytes
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabaseError, match="更新版本"):
        open_checked(tmp_path)
    with pytest.raises(NewerDatabaseError, match="不会改动它"):
        Store(tmp_path)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zongjie.db"]  # no backup, no journal left


def test_read_only_database_opens_read_only_and_is_not_altered(tmp_path, monkeypatch, library):
    """A database file or folder that may not be written opens read-only: readable, every write refused
    saying why, the file byte for byte as it was, no backup attempted."""
    service, rid = _data_with_report(tmp_path, library)
    service.close()
    db = tmp_path / "zongjie.db"
    before = db.read_bytes()
    for unwritable in (db, tmp_path):
        monkeypatch.setattr(store_module, "_writable", lambda path, u=unwritable: path != u)
        store, notices = open_checked(tmp_path)
        try:
            assert notices == [] and store.read_only is not None and store.read_only.label == "没有写入权限"
            assert store.load_report(rid).get("intro") == "备份里的导语"
            with pytest.raises(ReadOnlyModeError, match="只读模式") as info:
                store.set_value(rid, "intro", "改不了")
            assert "没有在数据文件夹中写入的权限" in str(info.value) and "没有丢失" in str(info.value)
        finally:
            store.close()
    assert db.read_bytes() == before
    assert not (tmp_path / "备份").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_for_real(tmp_path, library):
    """A data folder that really cannot be written (a write-protected USB stick) opens read-only. Root
    ignores file permissions, so as root the folder is made read-only by a read-only bind mount in a
    private mount namespace (unshare -m); otherwise by chmod. (tests/reliability/test_read_only.py
    covers the whole program on such a folder, and on a full disk.)"""
    import subprocess
    import sys

    data = tmp_path / "data"
    service, rid = _data_with_report(data, library)
    service.close()
    before = (data / "zongjie.db").read_bytes()
    code = ("import sys\nfrom models.integrity import open_checked\nfrom models.store import StoreError\n"
            "store, notices = open_checked(sys.argv[1])\n"
            f"print('READ-ONLY', store.read_only.label, store.load_report({rid}).get('intro'))\n"
            "try:\n    store.set_setting('x', 'y')\nexcept StoreError as exc:\n    print('REFUSED', exc)\n")
    root = Path(__file__).resolve().parents[2]
    if os.geteuid() == 0:
        d = str(data)
        cmd = ["unshare", "-m", "sh", "-c", 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && '
               'exec "$2" -c "$3" "$1"', "sh", d, sys.executable, code]
        label = "只读的U盘、光盘或共享文件夹"
    else:
        os.chmod(data / "zongjie.db", 0o444)
        os.chmod(data, 0o555)
        cmd = [sys.executable, "-c", code, str(data)]
        label = "没有写入权限"
    try:
        r = subprocess.run(cmd, cwd=root, capture_output=True, text=True, encoding="utf-8", timeout=60,
                           env={**os.environ, "PYTHONPATH": str(root)})
    finally:
        os.chmod(data, 0o700)
    assert r.stdout.startswith(f"READ-ONLY {label} 备份里的导语"), r.stdout + r.stderr
    assert "REFUSED 现在是只读模式" in r.stdout and "没有丢失" in r.stdout, r.stdout + r.stderr
    assert (data / "zongjie.db").read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == ["zongjie.db"]


def test_damaged_database_in_a_folder_that_cannot_be_written(tmp_path, monkeypatch):
    db = tmp_path / "zongjie.db"
    db.write_bytes(b"garbage" * 1000)

    def denied(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(backup.os, "replace", denied)
    with pytest.raises(StoreError, match="无法把它改名保存"):
        open_checked(tmp_path)
    monkeypatch.undo()
    assert db.read_bytes() == b"garbage" * 1000


def test_failed_start_backup_is_a_notice_not_a_stop(tmp_path, monkeypatch):
    def fail(store, reason="timer", *, now=None):
        raise backup.BackupError("备份文件夹无法写入。")

    monkeypatch.setattr(integrity.backup, "maybe_backup", fail)
    store, notices = open_checked(tmp_path)
    assert "自动备份没有完成" in notices[0] and "没有受影响" in notices[0]
    store.close()


def test_open_service(tmp_path, library):
    service, notices = open_service(tmp_path, library)
    assert notices == [] and service.store.path == tmp_path / "zongjie.db"
    service.close()


def test_database_locked_by_another_program_is_not_damage(tmp_path, monkeypatch):
    store, _ = open_checked(tmp_path)
    store.close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    other = sqlite3.connect(tmp_path / "zongjie.db", isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO settings VALUES ('held', 'by another program')")
    other.execute("COMMIT")  # the exclusive lock stays until the connection closes
    try:
        with pytest.raises(StoreError, match="占用") as info:
            open_checked(tmp_path)
        assert not isinstance(info.value, store_module.DamagedDatabaseError)
        assert not list(tmp_path.glob("*.damaged-*"))
    finally:
        other.close()
    store, notices = open_checked(tmp_path)
    assert notices == [] and store.get_setting("held") == "by another program"
    store.close()
