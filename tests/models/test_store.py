from __future__ import annotations

import os
import sqlite3

import pytest

from models.store import SCHEMA_VERSION, DamagedDatabaseError, NewerDatabaseError, Store, StoreError
from tests.models.helpers import filled_report


def test_new_database_has_schema_version_wal_and_foreign_keys(tmp_path):
    store = Store(tmp_path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"reports", "report_values", "report_items", "settings"} <= set(store.table_names())
    store.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_is_private_to_the_user(tmp_path):
    Store(tmp_path).close()
    assert (tmp_path / "zongjie.db").stat().st_mode & 0o077 == 0


def test_report_round_trip_keeps_genre_version_values_and_order(service):
    report = filled_report(service)
    rid = service.store.insert_report(report)
    loaded = service.load(rid)
    assert (loaded.genre_id, loaded.genre_version) == ("half_year", 1)
    assert loaded.values == {k: v for k, v in report.values.items() if v}
    assert [i.id for i in loaded.items["results"]] == [i.id for i in report.items["results"]]
    assert loaded.items["results"][0].figures == report.items["results"][0].figures
    assert loaded.created and loaded.updated


def test_one_edit_is_one_row(service):
    rid = service.store.insert_report(filled_report(service))
    before = service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0]
    service.set_value(rid, "closing_note", "x")
    service.set_value(rid, "intro", "新的导语\x0b第二行\x00")
    after = service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0]
    assert after == before + 1
    assert service.load(rid).get("intro") == "新的导语\n第二行"
    service.set_value(rid, "closing_note", "")
    assert service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0] == before


def test_edit_of_missing_report_changes_nothing(service):
    with pytest.raises(KeyError):
        service.set_value(999, "intro", "x")
    assert service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0] == 0


def test_add_move_remove_items_persist(service):
    rid = service.store.insert_report(filled_report(service))
    report = service.load(rid)
    new = service.add_item(report, "problems")
    service.set_value(rid, f"item.{new.id}.body", "新问题")
    assert service.move_item(report, new.id, -1)
    reloaded = service.load(rid)
    ids = [i.id for i in reloaded.items["problems"]]
    assert ids.index(new.id) == len(ids) - 2
    item, index, values = service.remove_item(reloaded, new.id)
    assert values == {f"item.{new.id}.body": "新问题"}
    assert new.id not in [i.id for i in service.load(rid).items["problems"]]
    assert service.load(rid).get(f"item.{new.id}.body") == ""
    service.restore_item(reloaded, item, index, values)
    assert service.load(rid).get(f"item.{new.id}.body") == "新问题"


def test_points_under_items_and_depth_limit(service):
    rid = service.store.insert_report(filled_report(service))
    report = service.load(rid)
    top = report.items["results"][0]
    point = service.add_item(report, "results", parent=top.id)
    sub = service.add_item(report, "results", parent=point.id)
    with pytest.raises(ValueError):
        service.add_item(report, "results", parent=sub.id)
    loaded = service.load(rid)
    assert loaded.items["results"][0].children[0].children[0].id == sub.id


def test_newer_database_is_refused_and_not_altered(tmp_path):
    Store(tmp_path).close()
    path = tmp_path / "zongjie.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="更新版本"):
        Store(tmp_path)
    assert path.read_bytes() == before


def test_migration_from_version_1_keeps_data(tmp_path):
    import sqlite_utils

    from models import migrations

    conn = sqlite3.connect(tmp_path / "zongjie.db", isolation_level=None)
    migrations.STEPS[0](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO reports (genre_id, genre_version, created, updated) VALUES ('half_year', 1, 'a', 'b')")
    conn.execute("INSERT INTO report_values VALUES (1, 'front.unit', '示例镇')")
    conn.close()
    seen = []
    store = Store(tmp_path, on_migrate=lambda s, v: seen.append(v))
    assert seen == [1]  # the hook runs before the schema changes (backups)
    assert store.schema_version == SCHEMA_VERSION
    assert store.load_report(1).get("front.unit") == "示例镇"
    store.close()


def test_recycle_bin_and_purge(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    service.delete(rid)
    assert [s.id for s in service.summaries()] == []
    assert [s.id for s in service.summaries(deleted=True)] == [rid]
    service.restore(rid)
    assert [s.id for s in service.summaries()] == [rid]
    service.purge(rid)
    assert service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0] == 0


def test_search_long_and_short_queries(service):
    a = service.store.insert_report(filled_report(service))
    b = service.create_report("half_year", unit="另一个镇", period="2024H2")
    service.set_value(b, "intro", "开展志愿服务活动")
    assert [s.id for s in service.search("志愿服务")] == [b]  # trigram
    assert [s.id for s in service.search("示例镇")] == [a]
    assert {s.id for s in service.search("镇")} == {a, b}  # 1 character: LIKE
    assert [s.id for s in service.search("志愿 活动")] == [b]
    service.set_value(a, "intro", "新增志愿服务内容")
    assert {s.id for s in service.search("志愿服务")} == {a, b}  # re-indexed after an edit
    assert service.search("100%") == []


def test_summaries_show_status_and_completion(service):
    rid = service.store.insert_report(filled_report(service))
    s = service.summaries()[0]
    assert (s.id, s.title, s.unit, s.period, s.genre) == (rid, "示例镇2024年上半年宣传工作总结", "示例镇", "2024年上半年",
                                                          "半年工作总结")
    assert s.status == "可导出" and s.progress == 100
    service.set_value(rid, "intro", "")
    s = service.summaries()[0]
    assert s.status == "有1处待补" and s.progress < 100


def test_copy_as_next_period(service):
    rid = service.store.insert_report(filled_report(service))
    new = service.copy_as_next_period(rid)
    copy, old = service.load(new), service.load(rid)
    assert copy.get("front.period") == "2024H2" and copy.get("front.unit") == "示例镇"
    assert copy.get("intro") == old.get("intro")
    assert all(not k.startswith("item.") or ".fig." not in k for k in copy.values)
    assert {i.id for i in copy.all_items()} == {i.id for i in old.all_items()}
    assert old.values == service.load(rid).values  # the old one is untouched


def test_settings(service):
    assert service.setting("last_unit") == ""
    service.set_setting("last_unit", "示例镇")
    assert service.setting("last_unit") == "示例镇"


def test_copied_paragraphs_are_flagged_until_rewritten(service):
    rid = service.store.insert_report(filled_report(service))
    new = service.copy_as_next_period(rid)
    copy = service.load(new)
    findings = service.check(copy)
    carried = {f.address for f in findings if "上一期的原文" in f.message}
    assert "intro" in carried and all(f.severity == "warning" for f in findings)
    assert all(a == "intro" or a.endswith(".body") for a in carried)
    assert service.summaries(ids=[new])[0].status == f"有{len(findings)}处待补"
    service.set_value(new, "intro", copy.get("intro") + "本期新增内容。")
    assert "intro" not in {f.address for f in service.check(service.load(new)) if "上一期" in f.message}
    # the marks are bookkeeping: never printed, never in a package
    assert not any("meta" in b.address or "{" in b.text for b in service.outline(service.load(new)))
    from models.package import to_package

    assert "meta" not in str(to_package(service.load(new), service.library.get("half_year")))


def _damage_table(folder, table: str) -> None:
    """Overwrite the first page of one table, as a failing disk would: the file still opens."""
    store = Store(folder)
    root = store.conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page_size = store.conn.execute("PRAGMA page_size").fetchone()[0]
    store.close()
    with (folder / "zongjie.db").open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x5a" * page_size)


def test_a_failed_read_is_a_chinese_store_error_not_an_sqlite_error(tmp_path):
    store = Store(tmp_path)
    store.set_setting("editor.section.1", "intro")
    store.close()
    _damage_table(tmp_path, "settings")
    store = Store(tmp_path)
    try:
        with pytest.raises(DamagedDatabaseError, match="已损坏") as info:
            store.get_setting("editor.section.1")
        assert isinstance(info.value.__cause__, sqlite3.DatabaseError)
        assert store.count_reports() == 0  # the rest of the database is still readable
    finally:
        store.close()


def test_every_public_store_method_raises_store_errors_only(tmp_path, service):
    rid = service.store.insert_report(filled_report(service))
    store = service.store
    store.conn.close()  # every call now fails inside SQLite (as after a pulled USB stick)
    calls = {
        "get_setting": lambda: store.get_setting("k"),
        "set_setting": lambda: store.set_setting("k", "v"),
        "load_report": lambda: store.load_report(rid),
        "report_exists": lambda: store.report_exists(rid),
        "list_reports": store.list_reports,
        "count_reports": store.count_reports,
        "set_value": lambda: store.set_value(rid, "intro", "导语"),
        "stale_reports": store.stale_reports,
        "search": lambda: store.search("示例镇"),
        "list_snapshots": lambda: store.list_snapshots(rid),
        "last_snapshot_digest": lambda: store.last_snapshot_digest(rid),
        "revision": store.revision,
        "quick_check": store.quick_check,
        "schema_version": lambda: store.schema_version,
    }
    for name, call in calls.items():
        with pytest.raises(StoreError) as info:
            call()
        assert isinstance(info.value.__cause__, sqlite3.Error), name
        assert "数据库" in str(info.value), name
