"""The 工作台账: entries stored beside the reports, totals per period and area, the draft sentence."""

from __future__ import annotations

import datetime as _dt
import random
import sqlite3

import pytest

from models import ledger, migrations
from models.backup import list_backups
from models.catalog import get_area
from models.ledger import Entry, LedgerError
from models.ledger_numbers import officer_number, parse_amount
from models.service import ReportService
from models.store import Store


def test_the_migration_adds_the_ledger_to_an_old_database_and_keeps_its_reports(tmp_path):
    import sqlite_utils

    conn = sqlite3.connect(tmp_path / "zongjie.db", isolation_level=None)
    db = sqlite_utils.Database(conn)
    for step in migrations.STEPS[:3]:
        step(db)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO reports (genre_id, genre_version, created, updated) VALUES ('half_year', 1, 'a', 'b')")
    conn.close()
    store = Store(tmp_path)
    try:
        assert "ledger_entries" in store.table_names()
        assert store.report_exists(1)
    finally:
        store.close()


def test_add_list_update_delete_restore(service):
    first = service.add_ledger_entry(Entry("2024.3.5", "theory", "  到东山村宣讲\n惠民政策 ", {"lectures": 2, "audience": 120}))
    assert first.id is not None and first.date == "2024-03-05" and first.text == "到东山村宣讲 惠民政策"
    service.add_ledger_entry(Entry("2024年7月1日", "theory", "下半年第一场", {"lectures": 1}))
    news = service.add_ledger_entry(Entry("2024-06-30", "news", "春耕报道", {"provincial_media": 1}))
    assert [e.id for e in service.ledger_entries("2024H1")] == [first.id, news.id]  # 6-30 in, 7-1 out
    assert [e.id for e in service.ledger_entries("2024H1", "theory")] == [first.id]
    assert len(service.ledger_entries("2024")) == 3
    first.figures["audience"] = 150
    first.text = "到东山村宣讲"
    service.update_ledger_entry(first)
    assert service.ledger_entry(first.id).figures == {"lectures": 2.0, "audience": 150.0}
    service.delete_ledger_entries([first.id])
    assert first.id not in [e.id for e in service.ledger_entries()]
    assert [e.id for e in service.ledger_entries(deleted=True)] == [first.id]
    assert service.ledger_deleted_count() == 1
    service.restore_ledger_entries([first.id])
    assert service.ledger_entry(first.id).deleted is None
    service.delete_ledger_entries([first.id])
    service.purge_ledger_entries([first.id])
    with pytest.raises(KeyError):
        service.ledger_entry(first.id)


@pytest.mark.parametrize(("entry", "words"), [
    (Entry("2024-13-05", "theory", "宣讲"), "不存在"),
    (Entry("昨天", "theory", "宣讲"), "无法识别"),
    (Entry("2024-03-05", "nowhere", "宣讲"), "没有工作板块"),
    (Entry("2024-03-05", "theory", "宣讲", {"posts": 3}), "没有数据项"),
    (Entry("2024-03-05", "theory", "宣讲", {"lectures": -1}), "负数"),
    (Entry("2024-03-05", "theory", "", {}), "做了什么"),
    (Entry("2024-03-05", "theory", "长" * 600), "最多"),
])
def test_an_entry_that_cannot_be_stored_is_refused_in_chinese(service, entry, words):
    with pytest.raises(LedgerError, match=words):
        service.add_ledger_entry(entry)
    assert service.ledger_entries() == []


def test_totals_sum_flows_and_take_the_latest_value_of_a_team(service):
    service.add_ledger_entry(Entry("2024-02-01", "theory", "a", {"lectures": 3, "audience": 200}))
    service.add_ledger_entry(Entry("2024-05-01", "theory", "b", {"lectures": 4, "audience": 1500.5}))
    service.add_ledger_entry(Entry("2024-03-01", "ideology", "网评员队伍扩充", {"commentators": 40}))
    service.add_ledger_entry(Entry("2024-01-10", "ideology", "网评员队伍组建", {"commentators": 25}))
    service.add_ledger_entry(Entry("2023-12-31", "theory", "去年的", {"lectures": 100}))
    deleted = service.add_ledger_entry(Entry("2024-03-01", "theory", "删掉的", {"lectures": 50}))
    service.delete_ledger_entries([deleted.id])
    totals = service.ledger_totals("2024H1")
    assert totals["theory"].values == {"lectures": 7, "audience": 1700.5}
    assert totals["theory"].entries == 2
    assert totals["ideology"].values == {"commentators": 40}  # the latest, not 65
    assert set(service.ledger_totals("2024H1", "theory")) == {"theory"}
    # the Python totals (used on lists in memory) agree with the SQL ones
    py = ledger.totals(service.ledger_entries("2024H1"), service.areas())
    assert {a: t.values for a, t in py.items()} == {a: t.values for a, t in totals.items()}


def test_a_year_of_entries_gives_the_half_year_figures_and_sentences(service):
    rng = random.Random(7)
    expected = {"lectures": 0, "audience": 0, "study_sessions": 0}
    day = _dt.date(2024, 1, 1)
    while day.year == 2024:
        if rng.random() < 0.3:
            figs = {"lectures": rng.randint(1, 3), "audience": rng.randint(20, 300)}
            if rng.random() < 0.2:
                figs["study_sessions"] = 1
            service.add_ledger_entry(Entry(day.isoformat(), "theory", "进村宣讲", figs))
            if day.month <= 6:
                for k, v in figs.items():
                    expected[k] += v
        day += _dt.timedelta(days=1)
    draft = service.ledger_draft("theory", "2024H1")
    assert draft.values == {k: str(v) for k, v in expected.items() if v}
    area = get_area("theory")
    parts = [f"{f.label}{officer_number(expected[f.key], f.unit)}{f.unit}" for f in area.figures if expected[f.key]]
    assert draft.sentence == "上半年共" + "，".join(parts) + "。"


def test_the_draft_sentence_reads_as_an_officer_writes_it():
    area = get_area("theory")
    total = ledger.AreaTotal("theory", 9, {"lectures": 12, "audience": 3642})
    assert ledger.draft_sentence(area, total, "2024H1") == "上半年共开展宣讲12场次，受众3600余人次。"
    assert ledger.draft_sentence(area, total, "2024") == "全年共开展宣讲12场次，受众3600余人次。"
    assert ledger.draft_sentence(area, None, "2024H1") == ""
    assert ledger.figure_values(area, total) == {"lectures": "12", "audience": "3642"}


@pytest.mark.parametrize(("value", "unit", "text"), [
    (12, "场次", "12"), (999, "人次", "999"), (3600, "人次", "3600"), (3642, "人次", "3600余"),
    (10000, "人次", "1万"), (36420, "人次", "3.6万余"), (5.7, "万次", "5.7"), (5.734, "万人次", "5.73"),
])
def test_numbers_are_written_the_officers_way(value, unit, text):
    assert officer_number(value, unit) == text


@pytest.mark.parametrize(("text", "unit", "value", "approx"), [
    ("3600余", "人次", 3600, True), ("3.6万", "人次", 36000, False), ("3.6万", "万次", 3.6, False),
    ("约200", "人", 200, True), ("1,200", "篇", 1200, False), ("12场次", "场次", 12, False), ("２０", "", 20, False),
])
def test_figures_written_with_qualifiers_are_read(text, unit, value, approx):
    amount = parse_amount(text, unit)
    assert amount is not None and amount.value == value and amount.approx is approx


@pytest.mark.parametrize("text", ["八十", "-3", "12个村", "", "abc"])
def test_what_is_not_a_count_is_not_read(text):
    assert parse_amount(text, "人次") is None


@pytest.mark.parametrize(("code", "start", "end"), [
    ("2024H1", "2024-01-01", "2024-06-30"), ("2024H2", "2024-07-01", "2024-12-31"),
    ("2024", "2024-01-01", "2024-12-31"), ("2024Q1", "2024-01-01", "2024-03-31"), ("2023Q4", "2023-10-01", "2023-12-31"),
])
def test_periods_as_date_ranges(code, start, end):
    assert ledger.period_range(code) == (start, end)


def test_comparable_periods():
    assert ledger.year_before("2024H1") == "2023H1"
    assert ledger.period_before("2024H1") == "2023H2"
    assert ledger.period_before("2024H2") == "2024H1"
    assert ledger.period_before("2024Q1") == "2023Q4"
    assert ledger.period_before("2024") == "2023"


def test_the_ledger_is_in_every_backup_and_a_restore_brings_it_back(service, tmp_path):
    entry = service.add_ledger_entry(Entry("2024-03-05", "theory", "宣讲", {"lectures": 2}))
    revision = service.store.revision()
    service.add_ledger_entry(Entry("2024-03-06", "theory", "再宣讲", {"lectures": 1}))
    assert service.store.revision() > revision  # the automatic backup notices 台账 changes
    info = service.backup_now()
    service.delete_ledger_entries([entry.id])
    service.purge_ledger_entries([entry.id])
    service.restore_backup(info.path)
    assert [e.text for e in service.ledger_entries()] == ["宣讲", "再宣讲"]
    assert list_backups(service.store.folder)


def test_entries_do_not_belong_to_a_report(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", areas=["theory"])
    service.add_ledger_entry(Entry("2024-03-05", "theory", "宣讲", {"lectures": 2}))
    service.delete(rid)
    service.purge(rid)
    assert len(service.ledger_entries()) == 1


def test_a_new_data_folder_has_an_empty_ledger(tmp_path, library):
    svc = ReportService(tmp_path / "d", library=library)
    try:
        assert svc.ledger_entries() == [] and svc.ledger_totals("2024H1") == {}
        assert svc.ledger_draft("theory", "2024H1").sentence == ""
    finally:
        svc.close()
