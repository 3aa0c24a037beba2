"""What the checks panel and the export dialog need from the findings: a rule, a kind and a fix on every
structure finding, empty items removed in one step, 完成度 without empty items, and the 落款 date of a
复制为新一期."""

from __future__ import annotations

import datetime as _dt

import pytest

from models import checks
from models.findings import MISSING, STYLE, empty_item_ids
from models.proofread import apply_fix
from models.service import ReportService
from tests.models.helpers import filled_report


def _stored(service: ReportService, report) -> int:
    return service.store.insert_report(report)


def test_typed_numbering_is_a_style_finding_with_a_one_click_fix(service):
    report = filled_report(service)
    item = report.items["problems"][0]
    address = f"item.{item.id}.heading"
    report.values[address] = "（一） 队伍力量偏弱"
    [f] = [f for f in service.check(report) if f.rule == "numbering"]
    assert (f.address, f.kind, f.fix) == (address, STYLE, "")
    assert report.get(address)[f.start:f.end] == "（一） "
    assert apply_fix(report.get(address), f.start, f.end, f.fix) == "队伍力量偏弱"


def test_empty_enumerations_and_entries_will_not_print(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["theory"])
    report = service.load(rid)
    item = report.items["problems"][0]
    service.set_values(rid, {f"item.{item.id}.heading": "队伍偏弱", f"item.{item.id}.body": "兼职多。"})
    report = service.load(rid)
    service.add_enumeration(report, f"item.{item.id}", entries=["", ""], style="shi", layout="own_line")
    found = {f.rule: f for f in service.check(report)}
    assert found["empty_enum"].kind == MISSING


def test_empty_item_ids_come_from_the_findings(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["theory"])
    report = service.load(rid)
    first, second = report.items["problems"][:2]
    service.set_values(rid, {f"item.{first.id}.heading": "队伍偏弱", f"item.{first.id}.body": "兼职多。"})
    report = service.load(rid)
    ids = empty_item_ids(service.check(report))
    assert second.id in ids and first.id not in ids
    assert all(report.find_item(i) is not None for i in ids)


def test_remove_empty_items_is_one_change_that_undoes_whole(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["theory"])
    report = service.load(rid)
    first = report.items["problems"][0]
    service.set_values(rid, {f"item.{first.id}.heading": "队伍偏弱", f"item.{first.id}.body": "兼职多。"})
    report = service.load(rid)
    before_ids = {i.id for i in report.all_items()}
    empty = set(empty_item_ids(service.check(report)))
    assert len(empty) >= 3

    change = service.remove_empty_items(report)

    assert change is not None and str(len(empty)) in change.label
    assert not empty_item_ids(service.check(report))
    stored = service.load(rid)
    assert {i.id for i in stored.all_items()} == before_ids - empty
    service.restore_structure(report, change.before)
    assert {i.id for i in service.load(rid).all_items()} == before_ids
    assert service.remove_empty_items(filled_report(service)) is None  # nothing empty: nothing to undo


def test_completion_leaves_empty_items_out(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    assert checks.completion(report, genre) == 100
    from models.report import Item

    report.items["problems"].append(Item(id=report.new_item_id(), part="problems"))
    assert checks.completion(report, genre) == 100  # an empty item does not print: nothing is missing
    report.values[f"item.{report.items['problems'][-1].id}.heading"] = "只写了标题"
    assert checks.completion(report, genre) < 100


@pytest.mark.parametrize(("today", "expected"), [
    (_dt.date(2024, 7, 10), "2024-12-31"),  # copied early in the new period: its last day, not the copy day
    (_dt.date(2024, 12, 20), "2024-12-20"),  # copied near the end: the day of the copy
    (_dt.date(2025, 1, 8), "2025-01-08"),  # written just after the period: today
])
def test_copy_as_next_period_dates_the_new_report(service, monkeypatch, today, expected):
    report = filled_report(service)  # 2024年上半年, signed 2024-07-05
    rid = _stored(service, report)
    monkeypatch.setattr(checks, "today", lambda: today)
    new = service.load(service.copy_as_next_period(rid))
    assert new.get("front.period") == "2024H2"
    assert new.get("front.date") == expected
    assert not [f for f in service.check(new) if f.address == "front.date"]
