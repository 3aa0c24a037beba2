from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3

import pytest
import sqlite_utils

from models import backup, migrations
from models import store as store_module
from models.backup import BackupError, retained
from models.service import ReportService
from models.store import SCHEMA_VERSION, Store
from tests.models.helpers import filled_report

NOW = dt.datetime(2024, 7, 5, 15, 30, 0)


def _version(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _reports_in(path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        conn.close()


# ------------------------------------------------------------------ retention (pure, fake clock)


def test_retention_keeps_today_and_yesterday_whole():
    times = [NOW - dt.timedelta(minutes=30 * k) for k in range(60)]  # 30 hours back, every half hour
    assert retained(times, NOW) == set(times)


def test_retention_thins_to_days_weeks_months():
    times = [dt.datetime(2023, 5, 1) + dt.timedelta(hours=6 * k) for k in range(4 * 431)]  # 2023-05-01 … 2024-07-05
    times = [t for t in times if t <= NOW]
    keep = retained(times, NOW)
    today_and_yesterday = [t for t in times if (NOW.date() - t.date()).days <= 1]
    assert set(today_and_yesterday) <= keep
    days = {t.date() for t in keep if 2 <= (NOW.date() - t.date()).days <= 7}
    assert len(days) == 6 and all(t.hour == 18 for t in keep if 2 <= (NOW.date() - t.date()).days <= 7)
    weeks = [t for t in keep if 8 <= (NOW.date() - t.date()).days <= 35]
    assert len({t.isocalendar()[:2] for t in weeks}) == len(weeks) <= 5
    months = [t for t in keep if (NOW.date() - t.date()).days > 35]
    assert len({(t.year, t.month) for t in months}) == len(months) <= 12
    assert min(keep) >= dt.datetime(2023, 8, 1)  # nothing older than twelve months
    assert len(keep) < 40


def test_retention_keeps_the_newest_even_when_old_and_future_times():
    old = [dt.datetime(2020, 1, 1), dt.datetime(2020, 3, 1)]
    assert retained(old, NOW) == {dt.datetime(2020, 3, 1)}
    future = NOW + dt.timedelta(days=30)  # a clock set wrong: keep, never judge it
    assert future in retained([*old, future], NOW)
    assert retained([], NOW) == set()


def test_retention_is_stable_when_run_again():
    times = [dt.datetime(2024, 1, 1) + dt.timedelta(hours=5 * k) for k in range(900)]
    times = [t for t in times if t <= NOW]
    once = retained(times, NOW)
    assert retained(once, NOW) == once


# ------------------------------------------------------------------ making backups


def test_backup_is_a_complete_private_self_contained_copy(service):
    rid = service.store.insert_report(filled_report(service))
    info = service.backup_now()
    assert info.path.parent == service.data_dir / "备份"
    assert info.reason == "manual" and info.label == "手动" and info.size > 0 and "KB" in info.size_text
    assert [b.path for b in service.backups()] == [info.path]
    assert not list(info.path.parent.glob("*.partial"))
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal needed
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    copy = Store(info.path.parent / "check")
    copy.close()
    other = ReportService(info.path.parent / "check")
    other.store.restore_from(info.path)
    assert other.load(rid).values == service.load(rid).values
    other.close()
    if os.name == "posix":
        assert info.path.stat().st_mode & 0o077 == 0
        assert info.path.parent.stat().st_mode & 0o077 == 0


def test_maybe_backup_only_when_reports_changed(service):
    assert service.maybe_backup() is not None  # no backup yet
    assert service.maybe_backup() is None
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    assert service.maybe_backup() is not None
    service.summaries()  # recomputes the list/search index: not a change of content
    service.set_setting("last_unit", "示例镇")
    assert service.maybe_backup() is None
    service.set_value(rid, "intro", "改了一处")
    assert service.maybe_backup() is not None
    service.delete(rid)
    assert service.maybe_backup() is not None
    assert service.maybe_backup() is None


def test_failed_backup_is_retried_next_time(service, monkeypatch):
    service.create_report("half_year", unit="示例镇", period="2024H1")

    def full(self, target):
        raise store_module.StoreError("磁盘空间不足，无法写入。")

    monkeypatch.setattr(Store, "backup_to", full)
    with pytest.raises(BackupError, match="磁盘空间不足"):
        service.maybe_backup()
    assert service.backups() == [] and not list((service.data_dir / "备份").glob("*.partial"))
    monkeypatch.undo()
    assert service.maybe_backup() is not None


def test_disk_full_while_renaming_is_reported_in_chinese(service, monkeypatch):
    def replace(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", replace)
    with pytest.raises(BackupError, match="磁盘空间不足"):
        service.backup_now()
    monkeypatch.undo()
    assert list((service.data_dir / "备份").iterdir()) == []


def test_backups_in_the_same_second_get_their_own_files(service):
    a = backup.make_backup(service.store, "timer", now=NOW)
    b = backup.make_backup(service.store, "import", now=NOW)
    assert a.path != b.path and b.seq == 2
    assert [x.path for x in service.backups()] == [b.path, a.path]


def test_backup_before_migration_keeps_the_old_format(tmp_path):
    conn = sqlite3.connect(tmp_path / "zongjie.db", isolation_level=None)
    db = sqlite_utils.Database(conn)
    migrations.STEPS[0](db)
    migrations.STEPS[1](db)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO reports (genre_id, genre_version, created, updated) VALUES ('half_year', 1, 'a', 'b')")
    conn.close()
    service = ReportService(tmp_path)  # migrates to the current schema, backing up first
    assert service.store.schema_version == SCHEMA_VERSION
    [info] = service.backups()
    assert info.reason == "migrate" and info.label == "升级前"
    assert _version(info.path) == 2 and _reports_in(info.path) == 1
    service.close()


def test_import_backs_up_first_and_a_refused_package_writes_nothing(service, tmp_path):
    rid = service.store.insert_report(filled_report(service))
    out = tmp_path / "r.json"
    service.dump_package(rid, out)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    from models.package import PackageError

    with pytest.raises(PackageError):
        service.import_package(bad)
    assert service.backups() == []
    service.import_package(out)
    [info] = service.backups()
    assert info.reason == "import" and _reports_in(info.path) == 1  # the data as it was before the import


def test_prune_removes_only_what_retention_drops(service):
    times = [NOW - dt.timedelta(days=d, hours=h) for d in range(0, 40) for h in (1, 9)]
    for t in times:
        backup.make_backup(service.store, "timer", now=t, prune=False)
    (service.data_dir / "备份" / "notes.txt").write_text("officer's own file", encoding="utf-8")
    removed = backup.prune_backups(service.data_dir, now=NOW)
    left = {b.time for b in service.backups()}
    assert left == retained(times, NOW)
    assert len(removed) == len(times) - len(left)
    assert (service.data_dir / "备份" / "notes.txt").exists()  # not ours: never touched


def test_killed_backup_leaves_no_usable_looking_file_and_is_cleaned_later(service):
    folder = service.data_dir / "备份"
    folder.mkdir()
    partial = folder / "zongjie-20240705-120000-timer.db.partial"
    partial.write_bytes(b"half a backup")
    assert service.backups() == []  # a .partial is never listed or restored
    backup.make_backup(service.store, "timer", now=dt.datetime.now())
    assert partial.exists()  # younger than an hour: may belong to a backup being written now
    old = dt.datetime.now().timestamp() - 7200
    os.utime(partial, (old, old))
    backup.make_backup(service.store, "timer")
    assert not partial.exists()


# ------------------------------------------------------------------ backing up elsewhere


def test_back_up_now_to_a_chosen_folder(service, tmp_path):
    service.store.insert_report(filled_report(service))
    usb = tmp_path / "U盘"
    usb.mkdir()
    path = service.backup_to_folder(usb)
    assert path.parent == usb and path.name.startswith("宣传工作总结备份-") and path.suffix == ".db"
    assert _reports_in(path) == 1
    again = service.backup_to_folder(usb)
    assert again != path
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(BackupError, match="不存在或无法访问"):
        service.backup_to_folder(tmp_path / "拔出的U盘")


def test_back_up_to_a_read_only_folder_says_so(service, tmp_path, monkeypatch):
    usb = tmp_path / "只读"
    usb.mkdir()

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(backup.os, "open", denied)
    monkeypatch.setattr(Store, "backup_to", lambda self, target: denied())
    with pytest.raises(BackupError, match="没有权限"):
        service.backup_to_folder(usb)
    monkeypatch.undo()
    assert list(usb.iterdir()) == []


# ------------------------------------------------------------------ restoring


def test_restore_puts_the_data_back_and_backs_up_the_current_state_first(service):
    rid = service.store.insert_report(filled_report(service))
    service.set_value(rid, "intro", "备份时的导语")
    info = service.backup_now()
    service.set_value(rid, "intro", "备份之后的导语")
    later = service.create_report("half_year", unit="另一个镇", period="2024H2")
    safety = service.restore_backup(info.path)
    assert service.load(rid).get("intro") == "备份时的导语"
    assert not service.store.report_exists(later)
    assert safety.reason == "restore" and _reports_in(safety.path) == 2  # nothing is lost: it is in here
    assert service.store.integrity_check() == "ok"
    service.restore_backup(safety.path)  # and back again
    assert service.load(rid).get("intro") == "备份之后的导语"


def test_restore_of_an_older_format_backup_is_migrated(tmp_path, service):
    old = tmp_path / "old"
    old.mkdir()
    conn = sqlite3.connect(old / "zongjie.db", isolation_level=None)
    db = sqlite_utils.Database(conn)
    migrations.STEPS[0](db)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO reports (genre_id, genre_version, created, updated) VALUES ('half_year', 1, 'a', 'b')")
    conn.execute("INSERT INTO report_values VALUES (1, 'front.unit', '旧版本镇')")
    conn.close()
    service.restore_backup(old / "zongjie.db")
    assert service.store.schema_version == SCHEMA_VERSION
    assert service.load(1).get("front.unit") == "旧版本镇"


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 5000])
def test_a_damaged_backup_is_refused_and_nothing_changes(service, tmp_path, content):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    bad = tmp_path / "bad.db"
    bad.write_bytes(content)
    with pytest.raises(BackupError, match=r"不能用来恢复|已损坏|不是本程序"):
        service.restore_backup(bad)
    assert service.store.report_exists(rid) and service.backups() == []
    with pytest.raises(BackupError, match="找不到"):
        service.restore_backup(tmp_path / "missing.db")


def test_a_newer_backup_is_refused(service, tmp_path):
    other = tmp_path / "newer"
    Store(other).close()
    conn = sqlite3.connect(other / "zongjie.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(BackupError, match="更新版本"):
        service.restore_backup(other / "zongjie.db")


def test_restore_of_a_file_with_another_page_size(service, tmp_path):
    other = ReportService(tmp_path / "other", library=service.library)
    other.create_report("half_year", unit="另一台电脑", period="2024H1")
    other.close()
    conn = sqlite3.connect(tmp_path / "other" / "zongjie.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("VACUUM")
    conn.close()
    service.restore_backup(tmp_path / "other" / "zongjie.db")
    assert service.summaries()[0].unit == "另一台电脑"
    assert service.store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert service.store.integrity_check() == "ok"
