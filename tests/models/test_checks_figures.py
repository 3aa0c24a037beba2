"""Figures as officers write them: parsed with scale and qualifier, printed as typed, bad ones block export."""

from __future__ import annotations

import pytest

from models import outline
from models.checks import ERROR, WRONG, blocking, run_checks
from models.figures import asis_address, display, figure_problem, parse_figure, printed_as_is
from tests.models.helpers import filled_report


@pytest.mark.parametrize(
    ("typed", "number", "scale", "qualifier", "value"),
    [
        ("7万余", 7, "万", "余", 70000),
        ("1.2万", 1.2, "万", "", 12000),
        ("3,600", 3600, "", "", 3600),
        ("20余", 20, "", "余", 20),
        ("近百", 1, "百", "近", 100),
        ("超过50", 50, "", "超过", 50),
        ("100%", 100, "%", "", 100),
        ("3.5亿", 3.5, "亿", "", 3.5e8),
        ("690余", 690, "", "余", 690),
        ("10余", 10, "", "余", 10),
        ("约3000", 3000, "", "约", 3000),
        ("50以上", 50, "", "以上", 50),
        ("２０", 20, "", "", 20),
        (" 5.7 ", 5.7, "", "", 5.7),
    ],
)
def test_figures_officers_write_are_numbers(typed, number, scale, qualifier, value):
    fig = parse_figure(typed)
    assert fig is not None, typed
    assert (fig.number, fig.scale, fig.qualifier) == (pytest.approx(number), scale, qualifier)
    assert fig.value == pytest.approx(value)
    assert fig.text == typed.strip()  # printed as typed
    assert figure_problem(typed) == ""


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("abc1a2", "字母"),
        ("-5.5", "负数"),
        ("－3", "负数"),
        ("十二", "阿拉伯数字"),
        ("12次", "单位"),
        ("5.7万人", "单位"),
        ("1e15", "不是数字"),
        ("1,2", "不是数字"),
        ("5..2", "不是数字"),
        ("百", "不是数字"),
        ("3万%", "不是数字"),
        ("XX", "不是数字"),
        ("99999999999", "过大"),
    ],
)
def test_values_that_are_not_numbers_are_explained_in_chinese(typed, words):
    assert parse_figure(typed) is None or "过大" in words
    problem = figure_problem(typed)
    assert words in problem
    assert all(not ("a" <= ch <= "z") for ch in problem.replace(typed, ""))  # no English in the message


@pytest.mark.parametrize(
    ("typed", "lo", "hi"),
    [("20", 20, 20), ("20余", 20, 30), ("4200余", 4200, 4300), ("3.6万余", 36000, 37000), ("7万余", 70000, 80000),
     ("近百", 90, 100), ("约3000", 2500, 3500), ("超过9万", 90000, 100000)],
)
def test_intervals_follow_the_last_written_digit(typed, lo, hi):
    assert parse_figure(typed).interval() == (pytest.approx(lo), pytest.approx(hi))


@pytest.mark.parametrize(
    ("value", "unit", "printed"),
    [("7万余", "人次", "7万余人次"), ("3.6万", "万人次", "3.6万人次"), ("6次", "次", "6次"), ("41.6", "万次", "41.6万次"),
     ("100%", "%", "100%"), ("20余", "场次", "20余场次"), ("12", "", "12"), ("abc1a2", "次", "abc1a2次")],
)
def test_display_never_doubles_the_unit(value, unit, printed):
    assert display(value, unit) == printed


def test_bad_figure_blocks_export_until_fixed(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    address = f"item.{item.id}.fig.{item.figures[0].key}"
    for bad in ("abc1a2", "-5.5", "十二"):
        report.values[address] = bad
        [finding] = run_checks(report, genre)
        assert (finding.address, finding.severity, finding.kind, finding.blocking) == (address, ERROR, WRONG, True)
        assert blocking([finding]) == [finding]
    report.values[address] = "7万余"
    assert run_checks(report, genre) == []


def test_blank_in_a_figure_is_one_blocking_finding_on_the_blank(service):
    report = filled_report(service)
    item = report.items["results"][0]
    address = f"item.{item.id}.fig.{item.figures[1].key}"
    report.values[address] = "3XX"
    [finding] = run_checks(report, service.library.get("half_year"))
    assert (finding.address, finding.start, finding.end, finding.blocking) == (address, 1, 3, True)
    assert "X" in finding.message


def test_marked_as_is_the_figure_prints_and_no_longer_blocks(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    fig = item.figures[0]
    address = f"item.{item.id}.fig.{fig.key}"
    report.values[address] = "十二"
    report.values[asis_address(address)] = "十二"
    assert printed_as_is(report, address)
    assert run_checks(report, genre) == []
    assert ("理论武装", fig.label, f"十二{fig.unit}") in outline.figure_rows(report, genre)
    report.values[address] = "十三"  # edited after the mark: checked again
    assert not printed_as_is(report, address)
    assert [f.address for f in blocking(run_checks(report, genre))] == [address]


def test_as_is_mark_is_stored_with_the_report_and_leaves_with_the_item(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", areas=["theory"])
    report = service.load(rid)
    item = report.items["results"][0]
    address = f"item.{item.id}.fig.{item.figures[0].key}"
    service.set_values(rid, {address: "abc", asis_address(address): "abc"})
    report = service.load(rid)
    assert printed_as_is(report, address)
    assert not [f for f in service.check(report) if f.address == address]
    service.remove_item(report, item.id)
    assert asis_address(address) not in service.load(rid).values


def test_figures_table_prints_scaled_values_once(service):
    report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["new_media"])
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    units = {f.key: f.unit for f in item.figures}
    views = next(k for k, u in units.items() if u.startswith("万"))
    report.values[f"item.{item.id}.fig.{views}"] = "41.6万"
    rows = outline.figure_rows(report, genre)
    assert [r[2] for r in rows] == [f"41.6{units[views]}"]
    assert figure_problem("41.6万") == ""
