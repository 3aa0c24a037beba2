"""Read-only mode without mounting (models/readonly.py): the reasons and their words, the write probe,
the switch of an open store, reopening for writing, settings kept in memory, the log kept in memory.
The real full disk and read-only medium are in tests/reliability/test_read_only.py."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

import pytest

from models import readonly
from models import store as store_module
from models.log import log_file, setup_logging
from models.readonly import FULL, NO_PERMISSION, READ_ONLY_MEDIUM, ReadOnlyReason, kind_of, probe_folder
from models.service import ReportService
from models.store import ReadOnlyModeError
from tests.models.helpers import filled_report


@pytest.mark.parametrize(("exc", "kind"), [
    (OSError(errno.ENOSPC, "No space left on device"), FULL),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), FULL),
    (OSError(errno.EROFS, "Read-only file system"), READ_ONLY_MEDIUM),
    (PermissionError(errno.EACCES, "Permission denied"), NO_PERMISSION),
    (PermissionError(errno.EPERM, "Operation not permitted"), NO_PERMISSION),
    (OSError(errno.EIO, "Input/output error"), None),  # a failing stick is not "read-only"
    (FileNotFoundError(errno.ENOENT, "No such file"), None),
])
def test_os_errors_are_told_apart(exc, kind):
    assert kind_of(exc) == kind


def test_a_write_protected_medium_on_windows():
    exc = PermissionError(errno.EACCES, "The media is write protected")
    exc.winerror = 19  # ERROR_WRITE_PROTECT
    assert kind_of(exc) == READ_ONLY_MEDIUM


@pytest.mark.parametrize(("kind", "label", "retry"), [
    (FULL, "磁盘已满", "腾出空间后点“重试”"),
    (READ_ONLY_MEDIUM, "只读的U盘、光盘或共享文件夹", "关掉写保护后点“重试”"),
    (NO_PERMISSION, "没有写入权限", "取得写入权限后点“重试”"),
])
def test_each_reason_says_why_and_what_to_do(tmp_path, kind, label, retry):
    reason = ReadOnlyReason(kind, tmp_path)
    assert reason.label == label
    assert reason.banner().startswith("只读模式：") and "可以查看、搜索、导出" in reason.banner()
    assert "修改不会保存" in reason.banner() and reason.banner().endswith(retry + "。")
    assert reason.refused().startswith(f"现在是只读模式（{reason.why}）") and "没有丢失" in reason.refused()
    assert reason.note().startswith("提示：") and "只读" in reason.note()


def test_the_probe_writes_for_real_and_leaves_nothing(tmp_path):
    (tmp_path / f"{readonly.PROBE_PREFIX}99999.tmp").write_bytes(b"left by a killed run")
    assert probe_folder(tmp_path / "新文件夹") is None
    assert probe_folder(tmp_path) is None
    assert list(tmp_path.iterdir()) == [tmp_path / "新文件夹"]
    assert list((tmp_path / "新文件夹").iterdir()) == []


def test_the_probe_reports_a_full_disk(tmp_path, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(readonly.os, "write", full)
    reason = probe_folder(tmp_path)
    assert reason is not None and reason.kind == FULL and reason.folder == tmp_path
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def _data(folder: Path, library) -> tuple[list[int], bytes]:
    service = ReportService(folder, library=library)
    ids = [service.store.insert_report(filled_report(service)) for _ in range(2)]
    service.set_value(ids[0], "intro", "只读时也要看得到的导语")
    service.close()
    return ids, (folder / "zongjie.db").read_bytes()


def test_service_opens_read_only_and_reopens_for_writing(tmp_path, monkeypatch, library):
    """No permission (through the store's seam, as root ignores modes): the service still opens; every
    write says why; when the permission comes back try_writable reopens the database for writing."""
    ids, before = _data(tmp_path, library)
    monkeypatch.setattr(store_module, "_writable", lambda path: path != tmp_path)
    service = ReportService(tmp_path, library=library)
    changes: list = []
    service.add_read_only_listener(changes.append)
    try:
        assert service.read_only.kind == NO_PERMISSION and service.store.opened_read_only
        assert service.load(ids[0]).get("intro") == "只读时也要看得到的导语"
        assert [s.id for s in service.search("看得到")] == [ids[0]]
        with pytest.raises(ReadOnlyModeError, match="没有在数据文件夹中写入的权限"):
            service.set_value(ids[0], "intro", "改不了")
        service.set_setting("last_genre", "speech")
        assert service.setting("last_genre") == "speech"
        assert service.try_writable() is False and changes == []

        monkeypatch.setattr(store_module, "_writable", lambda path: True)
        assert service.try_writable() is True
        assert service.read_only is None and not service.store.opened_read_only and changes == [None]
        service.set_value(ids[0], "intro", "恢复写入后的导语")
        assert service.store.get_setting("last_genre") == "speech"
    finally:
        service.close()
    assert before != (tmp_path / "zongjie.db").read_bytes()


def test_a_write_that_finds_the_folder_unwritable_switches_the_store(tmp_path, monkeypatch, library):
    """SQLite says "disk full" and a probe confirms it: read-only mode, with the reason, for every later
    write too; the list index is kept in memory. SQLite's own limit alone (max_page_count, the folder
    fine) stays an ordinary error (tests/reliability/test_corpus.py)."""
    ids, _before = _data(tmp_path, library)
    service = ReportService(tmp_path, library=library)
    changes: list = []
    service.add_read_only_listener(changes.append)
    full = ReadOnlyReason(FULL, tmp_path, "No space left on device")
    try:
        service.summaries()  # the list index is up to date…
        service.set_value(ids[1], "intro", "磁盘满之前刚写的导语")  # the list index of ids[1] is stale now
        conn = service.store.conn
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        monkeypatch.setattr(store_module, "probe_folder", lambda folder: full)
        with pytest.raises(ReadOnlyModeError, match="磁盘已满"):
            service.set_values(ids[0], {"closing": "字" * 200_000})
        assert service.read_only == full and changes == [full]
        with pytest.raises(ReadOnlyModeError, match="磁盘已满"):
            service.set_value(ids[0], "intro", "短的也不行")
        assert [s.id for s in service.search("刚写的")] == [ids[1]]  # indexed in memory, not written
        assert service.store.stale_reports() == []

        conn.execute("PRAGMA max_page_count = 1073741823")
        monkeypatch.setattr(store_module, "probe_folder", readonly.probe_folder)
        assert service.try_writable() is True and changes == [full, None]
        assert service.store.stale_reports() == [ids[1]]  # computed again and saved now
        assert [s.id for s in service.search("刚写的")] == [ids[1]] and service.store.stale_reports() == []
        service.set_values(ids[0], {"closing": "字" * 200_000})
    finally:
        service.close()


def test_a_write_failing_for_another_reason_does_not_switch(tmp_path, library):
    ids, _before = _data(tmp_path, library)
    service = ReportService(tmp_path, library=library)
    try:
        other = sqlite3.connect(service.store.path, isolation_level=None)
        service.store.conn.execute("PRAGMA busy_timeout = 50")
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(store_module.StoreError, match="占用"):
                service.set_value(ids[0], "intro", "被挡住")
        finally:
            other.close()
        assert service.read_only is None
    finally:
        service.close()


def test_log_records_wait_in_memory_while_the_file_cannot_be_written(tmp_path, capsys):
    data = tmp_path / "数据"
    path = setup_logging(data)
    data.mkdir()
    (data / "logs").write_text("a file where the log folder should be")  # the folder cannot be made
    logger = logging.getLogger("models.test")
    logger.warning("磁盘满的时候记下的事")
    assert "Logging error" not in capsys.readouterr().err  # no traceback on the console
    (data / "logs").unlink()
    logger.warning("空间回来以后的事")
    text = log_file(data).read_text(encoding="utf-8")
    assert path == log_file(data).absolute()
    assert text.index("磁盘满的时候记下的事") < text.index("空间回来以后的事")
