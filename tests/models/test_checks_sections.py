"""Section lengths, the 落款 date against the period and after 复制为新一期, and what 有N处待补 counts."""

from __future__ import annotations

import datetime as _dt

import pytest

from models.checks import INFO, STYLE, WARNING, needs_attention, period_end, run_checks
from tests.models.helpers import filled_report
from tests.test_cli import cli


def test_a_part_far_over_its_suggested_length_is_a_warning_on_the_part(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    second = report.items["results"][1]
    sentence = "组织干部深入村组开展宣讲，群众反响良好。"  # 20 characters
    report.values[f"item.{second.id}.body"] = sentence * 1000  # 20,000 characters
    [f] = [f for f in run_checks(report, genre) if f.rule == "length"]
    high = genre.part("results").guide.suggested[1]
    assert (f.address, f.severity, f.kind) == ("part.results.title", WARNING, STYLE)
    assert f.label.startswith("一、") and f"{high:,}" in f.message and "20,0" in f.message
    report.values[f"item.{second.id}.body"] = sentence * (high // 20)  # long, but within twice the maximum
    assert [f for f in run_checks(report, genre) if f.rule == "length"] == []


@pytest.mark.parametrize(("chars", "flagged"), [(500, False), (601, True)])
def test_intro_over_twice_its_maximum(service, chars, flagged):
    report = filled_report(service)
    genre = service.library.get("half_year")
    assert genre.intro.suggested[1] == 300
    report.values["intro"] = "，".join(["宣传工作扎实推进"] * 200)[:chars - 1] + "。"
    found = [f for f in run_checks(report, genre) if f.rule == "length"]
    assert [f.address for f in found] == (["intro"] if flagged else [])


@pytest.mark.parametrize(
    ("period", "date", "flagged"),
    [("2024H2", "2024-07-05", True), ("2024H2", "2024-11-15", False), ("2024H2", "2024-12-27", False),
     ("2024H1", "2024-06-20", False), ("2024H1", "2024-03-01", True), ("2024H1", "2025-01-10", False)],
)
def test_signature_date_long_before_the_period_ends_is_flagged(service, period, date, flagged):
    report = filled_report(service, period=period)
    report.values["front.date"] = date
    found = [f for f in run_checks(report, service.library.get("half_year")) if f.rule == "date_early"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].address == "front.date" and found[0].severity == WARNING and "成文日期" in found[0].message


def test_speech_date_is_the_meeting_date_and_is_not_judged_against_the_period(service):
    report = filled_report(service, "speech", period="2024H2")
    report.values["front.date"] = "2024-07-05"
    assert [f for f in run_checks(report, service.library.get("speech")) if f.rule == "date_early"] == []


def test_period_end():
    assert period_end("2024H1") == _dt.date(2024, 6, 30)
    assert period_end("2024") == period_end("2024H2") == period_end("2024Q4") == _dt.date(2024, 12, 31)
    assert period_end("2024Q1") == _dt.date(2024, 3, 31)
    assert period_end("明年") is None


def test_copy_keeps_the_date_flagged_while_it_equals_last_periods(service):
    report = filled_report(service)
    report.values["front.date"] = _dt.date.today().isoformat()  # written and copied on the same day
    rid = service.store.insert_report(report)
    new = service.copy_as_next_period(rid)
    copy = service.load(new)
    assert copy.get("front.date") == report.get("front.date")
    [f] = [f for f in service.check(copy) if f.address == "front.date"]
    assert f.severity == WARNING and "上一期" in f.message and "成文日期" in f.message
    service.set_value(new, "front.date", "2024-12-27")
    assert not [f for f in service.check(service.load(new)) if f.address == "front.date"]


def test_information_alone_leaves_a_report_ready_to_export(service, tmp_path):
    report = filled_report(service)
    report.values["intro"] = "今年以来" + "，宣传工作扎实推进" * 14 + "。现将有关情况总结如下："
    rid = service.store.insert_report(report)
    findings = service.check(service.load(rid))
    assert [f.severity for f in findings] == [INFO] and needs_attention(findings) == []
    assert service.summaries(ids=[rid])[0].status == "可导出"
    d = str(tmp_path / "d")
    out = tmp_path / "r.json"
    service.dump_package(rid, out)
    r = cli("--data-dir", d, "check", str(out))
    assert r.returncode == 0 and r.stdout.startswith("intro[")


def test_copy_keeps_the_officers_own_title_with_the_new_period(service):
    """A Word import kept the file's title (示例镇…) with the 落款 unit 示例镇党委宣传办; the copy for the
    next half year rebuilt the title from the unit: 示例镇党委宣传办2025年下半年宣传工作总结."""
    report = filled_report(service)
    report.values.update({"front.unit": "示例镇党委宣传办", "front.period": "2025H1",
                          "front.title": "示例镇2025年上半年宣传工作总结"})
    new = service.load(service.copy_as_next_period(service.store.insert_report(report)))
    assert service.title(new) == "示例镇2025年下半年宣传工作总结"


def test_copy_of_a_year_report_with_its_own_title_rebuilds_it(service):
    """Two years in a year report's title (2024年度…及2025年工作计划): only the genre's pattern can move them on."""
    report = filled_report(service, "annual_plan")
    report.values.update({"front.period": "2024", "front.title": "示例镇2024年度宣传工作总结及2025年工作计划"})
    new = service.load(service.copy_as_next_period(service.store.insert_report(report)))
    assert "front.title" not in new.values and "2025年度" in service.title(new)
