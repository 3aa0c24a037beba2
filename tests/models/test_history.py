from __future__ import annotations

import datetime as dt
import json

import pytest

from models import history
from models.history import HistoryError
from models.store import Store
from tests.models.helpers import filled_report

NOW = dt.datetime(2024, 7, 5, 15, 30, 0)


@pytest.fixture
def rid(service):
    return service.store.insert_report(filled_report(service))


def test_snapshot_only_when_changed(service, rid):
    first = service.snapshot(rid, "auto")
    assert first is not None
    assert service.snapshot(rid, "auto") is None
    assert service.snapshot(rid, "close") is None
    service.set_value(rid, "intro", service.load(rid).get("intro"))  # same text again: no change
    assert service.snapshot(rid, "auto") is None
    service.set_value(rid, "intro", "新的导语")
    second = service.snapshot(rid, "export")
    assert second is not None
    assert service.snapshot(rid, "manual", force=True) is not None
    rows = service.snapshots(rid)
    assert [s.reason for s in rows] == ["manual", "export", "auto"]  # newest first
    assert rows[1].label == "导出时" and rows[2].label == "编辑中自动保存"
    assert rows[0].time_text.startswith(f"{dt.date.today().year}年") and rows[0].size > 100


def test_snapshot_holds_the_report_package(service, rid):
    sid = service.snapshot(rid, "auto")
    data = json.loads(service.store.get_snapshot(sid)["package"])
    assert data["format"] == "zongjie-report" and data["front"]["unit"] == "示例镇"


def test_view_an_old_version_read_only(service, rid):
    sid = service.snapshot(rid, "auto")
    service.set_value(rid, "intro", "改过的导语")
    text = service.snapshot_text(sid)
    assert "今年以来，示例镇围绕中心工作抓宣传" in text and "改过的导语" not in text
    assert "示例镇2024年上半年宣传工作总结" in text.splitlines()[0]
    old = service.load_snapshot(sid)
    assert old.id == rid and old.get("intro").startswith("今年以来")
    assert service.load(rid).get("intro") == "改过的导语"  # viewing changed nothing


def test_restore_snapshots_current_state_first_and_replaces_values_and_items(service, rid):
    sid = service.snapshot(rid, "auto")
    before = service.load(rid)
    report = service.load(rid)
    new = service.add_item(report, "problems")
    service.set_value(rid, f"item.{new.id}.body", "后来加的问题")
    service.set_value(rid, "intro", "后来改的导语")
    service.remove_item(report, report.items["results"][0].id)
    restored = service.restore_snapshot(rid, sid)
    assert restored.values == before.values
    assert [i.id for i in restored.all_items()] == [i.id for i in before.all_items()]
    assert restored.created == before.created
    latest = service.snapshots(rid)[0]
    assert latest.reason == "restore" and latest.label == "恢复前"
    undone = service.load_snapshot(latest.id)  # what the restore replaced is kept
    assert undone.get("intro") == "后来改的导语" and undone.get(f"item.{new.id}.body") == "后来加的问题"
    service.restore_snapshot(rid, latest.id)
    assert service.load(rid).get(f"item.{new.id}.body") == "后来加的问题"


def test_failed_restore_changes_nothing(service, rid, monkeypatch):
    sid = service.snapshot(rid, "auto")
    service.set_value(rid, "intro", "当前导语")
    count = len(service.snapshots(rid))

    def broken(self, rid, report):
        self.conn.execute("DELETE FROM report_values WHERE report_id = ?", (rid,))
        raise OSError("disk I/O error")

    monkeypatch.setattr(Store, "replace_report", broken)
    with pytest.raises(OSError):
        service.restore_snapshot(rid, sid)
    assert service.load(rid).get("intro") == "当前导语"
    assert len(service.snapshots(rid)) == count  # the safety snapshot rolled back with it


def test_restore_refuses_a_version_of_another_report(service, rid):
    other = service.create_report("half_year", unit="另一个镇", period="2024H2")
    sid = service.snapshot(other, "auto")
    with pytest.raises(HistoryError, match="不属于"):
        service.restore_snapshot(rid, sid)
    with pytest.raises(HistoryError, match="不存在"):
        service.snapshot_text(99999)


def test_purging_a_report_removes_its_history(service, rid):
    service.snapshot(rid, "auto")
    service.purge(rid)
    assert service.snapshots(rid) == []
    assert service.store.conn.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0


def test_snapshot_of_a_missing_report_is_skipped(service):
    assert service.snapshot(12345, "close") is None


def test_old_snapshots_thinned_but_exports_kept(service, rid):
    for day in range(60, 0, -1):  # one edit and snapshot per day for two months
        service.set_value(rid, "intro", f"第{day}天的导语")
        reason = "export" if day % 10 == 0 else "auto"
        history.snapshot(service.store, service.library, rid, reason, now=NOW - dt.timedelta(days=day))
    history.prune(service.store, rid, now=NOW)
    rows = service.snapshots(rid)
    exports = [s for s in rows if s.reason == "export"]
    assert len(exports) == 6  # every export version survives
    assert len(rows) < 30
    times = [dt.datetime.fromisoformat(s.time) for s in rows if s.reason == "auto"]
    assert max(times) == NOW - dt.timedelta(days=1)
