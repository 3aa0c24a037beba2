"""Read-only mode for real (models/readonly.py, docs/reliability.md §9): a data folder on a full disk
(a 2 MB tmpfs filled to ENOSPC) and on a read-only medium (a read-only bind mount) opens read-only
with the right reason; reading, searching, checking and exporting elsewhere work; a write is refused
saying why and that nothing was lost; when the folder can be written again, writing resumes.

These need root to mount (tests/mounts.py): CI runs as root and fails them if mounting is impossible.
"""

from __future__ import annotations

import json
import zipfile

import pytest

from models.integrity import open_service
from models.log import log_file, setup_logging
from models.readonly import FULL, PROBE_PREFIX, READ_ONLY_MEDIUM
from models.service import ReportService
from models.store import ReadOnlyModeError
from tests import mounts
from tests.models.helpers import filled_report

pytestmark = pytest.mark.mount

SPECIAL = "乡村振兴大讲堂进村入户"


def _reports(folder, library) -> list[int]:
    """Three reports in a fresh data folder; the service is closed again (as after a normal exit)."""
    service = ReportService(folder, library=library)
    try:
        ids = [service.store.insert_report(filled_report(service)) for _ in range(3)]
        service.set_value(ids[1], "intro", f"上半年开展{SPECIAL}活动，群众反响良好。")
        service.summaries()  # the list index is up to date, as after the list was shown
    finally:
        service.close()
    return ids


@pytest.fixture
def full_disk(tmp_path, library):
    """(data folder on a full 2 MB tmpfs holding three reports, their ids)."""
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        ids = _reports(data, library)
        mounts.fill(disk)
        yield disk, data, ids


@pytest.fixture
def read_only_folder(tmp_path, library):
    data = tmp_path / "U盘" / "数据"
    ids = _reports(data, library)
    with mounts.read_only_bind(data):
        yield data, ids


def _reads_and_exports_work(service: ReportService, ids: list[int], elsewhere) -> None:
    """Everything an officer does without changing the data, exporting to a folder that can be written."""
    from export.docx import write_docx

    assert sorted(s.id for s in service.summaries()) == sorted(ids)
    assert [s.id for s in service.search("大讲堂")] == [ids[1]]
    report = service.load(ids[1])
    assert SPECIAL in report.get("intro")
    assert service.check(report) is not None
    blocks = service.outline(report)
    assert any(SPECIAL in b.plain for b in blocks)
    elsewhere.mkdir(exist_ok=True)
    write_docx(blocks, elsewhere / "总结.docx")
    with zipfile.ZipFile(elsewhere / "总结.docx") as z:
        assert SPECIAL in z.read("word/document.xml").decode("utf-8")
    service.dump_package(ids[1], elsewhere / "报告包.json")
    assert SPECIAL in json.loads((elsewhere / "报告包.json").read_text(encoding="utf-8"))["intro"]
    copy = service.backup_to_folder(elsewhere)  # 立即备份到… a USB stick still works
    assert copy.parent == elsewhere and copy.stat().st_size > 0


def _writes_are_refused(service: ReportService, ids: list[int], words: str, tmp_path) -> None:
    for write in (lambda: service.set_value(ids[0], "intro", "改不了的导语"),
                  lambda: service.create_report("half_year", unit="示例镇", period="2024H2"),
                  lambda: service.delete(ids[2]),
                  lambda: service.import_package(tmp_path / "导出" / "报告包.json"),
                  lambda: service.backup_now()):
        with pytest.raises(ReadOnlyModeError) as info:
            write()
        message = str(info.value)
        assert message.startswith("现在是只读模式") and words in message and "没有丢失" in message
    # what the program writes by itself is skipped or kept in memory, never an error
    assert service.snapshot(ids[0], "close") is None
    assert service.maybe_backup("timer") is None
    service.set_setting("window.geometry", "记在内存里")
    assert service.setting("window.geometry") == "记在内存里"


def test_full_disk_opens_read_only_and_writing_resumes_when_space_returns(full_disk, library, tmp_path):
    disk, data, ids = full_disk
    setup_logging(data)  # the log file cannot be written either: its records wait in memory
    service, notices = open_service(data, library)
    try:
        assert notices == []
        reason = service.read_only
        assert reason is not None and reason.kind == FULL and reason.label == "磁盘已满"
        assert "磁盘已满" in reason.banner() and "重试" in reason.banner()
        _reads_and_exports_work(service, ids, tmp_path / "导出")
        _writes_are_refused(service, ids, "磁盘已满", tmp_path)
        assert service.try_writable() is False and service.read_only.kind == FULL

        mounts.free(disk)
        assert service.try_writable() is True and service.read_only is None
        service.set_value(ids[0], "intro", "空间恢复后写下的导语")
        assert service.setting("window.geometry") == "记在内存里"  # the setting kept meanwhile was written
        assert service.store.integrity_check() == "ok"
    finally:
        service.close()
    service = ReportService(data, library=library)
    try:
        assert service.load(ids[0]).get("intro") == "空间恢复后写下的导语"
        assert SPECIAL in service.load(ids[1]).get("intro")  # nothing lost
        assert service.store.get_setting("window.geometry") == "记在内存里"
        assert service.store.integrity_check() == "ok"
    finally:
        service.close()
    logging_text = log_file(data).read_text(encoding="utf-8")
    assert "以只读方式打开" in logging_text  # written when the disk had room again
    assert not list(data.glob(f"{PROBE_PREFIX}*"))


def test_disk_fills_while_editing_switches_to_read_only_and_loses_nothing(tmp_path, library):
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        ids = _reports(data, library)
        service = ReportService(data, library=library)
        changes: list = []
        service.add_read_only_listener(changes.append)
        try:
            assert service.read_only is None
            service.set_value(ids[2], "intro", f"刚写的{SPECIAL}导语")  # stale in the list index
            mounts.fill(disk)
            with pytest.raises(ReadOnlyModeError, match="磁盘已满"):  # bigger than any room left in the WAL
                service.set_values(ids[0], {"closing": "结束语" * 100_000})
            assert service.read_only.kind == FULL and [c.kind for c in changes] == [FULL]
            # the list and the search still see the text written before the disk filled
            assert {s.id for s in service.search("大讲堂")} == {ids[1], ids[2]}
            assert len(service.summaries()) == 3
            assert service.load(ids[0]).get("closing") != "结束语" * 100_000  # nothing half written

            mounts.free(disk)
            assert service.try_writable() is True and changes[-1] is None
            service.set_values(ids[0], {"closing": "结束语" * 100_000})
            assert service.load(ids[0]).get("closing") == "结束语" * 100_000
            assert {s.id for s in service.search("大讲堂")} == {ids[1], ids[2]}
            assert service.store.integrity_check() == "ok"
        finally:
            service.close()


def test_read_only_medium_opens_read_only_and_writing_resumes(read_only_folder, library, tmp_path):
    data, ids = read_only_folder
    before = (data / "zongjie.db").read_bytes()
    service, notices = open_service(data, library)
    try:
        assert notices == []
        assert service.read_only.kind == READ_ONLY_MEDIUM
        assert service.read_only.label == "只读的U盘、光盘或共享文件夹"
        _reads_and_exports_work(service, ids, tmp_path / "导出")
        _writes_are_refused(service, ids, "只读的U盘、光盘或共享文件夹", tmp_path)
        assert service.try_writable() is False
        assert (data / "zongjie.db").read_bytes() == before
        assert sorted(p.name for p in data.iterdir()) == ["zongjie.db"]  # not even a -shm was made

        mounts.make_writable(data)
        assert service.try_writable() is True and service.read_only is None
        service.set_value(ids[0], "intro", "去掉写保护后写下的导语")
        assert service.load(ids[0]).get("intro") == "去掉写保护后写下的导语"
        assert service.store.integrity_check() == "ok"
    finally:
        service.close()


def test_new_data_folder_on_a_read_only_medium_is_empty_and_read_only(tmp_path, library):
    medium = tmp_path / "光盘"
    medium.mkdir()
    with mounts.read_only_bind(medium):
        service, _notices = open_service(medium / "数据", library)
        try:
            assert service.read_only.kind == READ_ONLY_MEDIUM and service.summaries() == []
            assert [g.id for g in service.genres()]
            with pytest.raises(ReadOnlyModeError, match="只读"):
                service.create_report("half_year", unit="示例镇", period="2024H1")
        finally:
            service.close()


def test_older_database_on_a_full_disk_is_read_through_a_migrated_copy(tmp_path, library):
    """A database of the first release cannot be migrated where nothing can be written: it is read from a
    migrated copy in memory, the file left byte for byte as it was, no backup attempted."""
    import shutil
    from pathlib import Path

    release1 = Path(__file__).resolve().parents[1] / "models" / "fixtures" / "release1.sqlite"
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        data.mkdir()
        shutil.copyfile(release1, data / "zongjie.db")
        before = (data / "zongjie.db").read_bytes()
        mounts.fill(disk)
        service, _notices = open_service(data, library)
        try:
            assert service.read_only.kind == FULL
            assert len(service.summaries()) == 7
            assert service.load(1).get("front.unit") == "示例县委宣传部"
            assert service.ledger_entries() == []  # a table the first release did not have
            with pytest.raises(ReadOnlyModeError, match="磁盘已满"):
                service.set_value(1, "intro", "改不了")
        finally:
            service.close()
        assert (data / "zongjie.db").read_bytes() == before
        assert sorted(p.name for p in data.iterdir()) == ["zongjie.db"]
