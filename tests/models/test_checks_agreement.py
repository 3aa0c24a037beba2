"""A figure and the same quantity in its item's text must agree (figure 24场次, text 宣讲20场次 is a finding)."""

from __future__ import annotations

import pytest

from models.checks import WARNING, WRONG, run_checks
from models.report import Item


@pytest.fixture
def theory(service):
    """A report whose only item is 理论武装 (figures 中心组集体学习·次, 开展宣讲·场次, 受众·人次)."""
    report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["theory"])
    report.values["intro"] = "今年以来，示例镇宣传工作有序推进。现将有关情况总结如下："
    for items in report.items.values():
        for item in items:
            report.values[f"item.{item.id}.heading"] = "抓实理论武装，筑牢思想根基"
            report.values[f"item.{item.id}.body"] = "围绕重点任务开展工作。"
    return report, service.library.get("half_year"), report.items["results"][0]


def _findings(report, genre):
    return [f for f in run_checks(report, genre) if f.rule == "agreement"]


def _set(report, item, body, **figures):
    report.values[f"item.{item.id}.body"] = body
    for key, value in figures.items():
        report.values[f"item.{item.id}.fig.{key}"] = value


def test_figure_and_text_that_disagree_are_one_warning_naming_both(theory):
    report, genre, item = theory
    _set(report, item, "组建宣讲队，全年宣讲20场次，群众反响良好。", lectures="24")
    [f] = _findings(report, genre)
    body = report.get(f"item.{item.id}.body")
    assert (f.address, f.severity, f.kind) == (f"item.{item.id}.body", WARNING, WRONG)
    assert body[f.start:f.end] == "20场次"
    assert "24场次" in f.message and "20场次" in f.message and "开展宣讲" in f.message


@pytest.mark.parametrize(
    ("body", "figures"),
    [
        ("宣讲20场次。", {"lectures": "20"}),
        ("开展“微宣讲”38场次，受众4200余人次。", {"lectures": "38", "audience": "4200余"}),
        ("受众36000人次。", {"audience": "3.6万"}),
        ("受众3.6万人次。", {"audience": "36000"}),
        ("受众7万余人次。", {"audience": "7万余"}),
        ("受众7万余人次。", {"audience": "75000"}),
        ("受众4200余人次。", {"audience": "4250"}),
        ("受众近百人次。", {"audience": "95"}),  # 近百 in words is not a number the text check reads
        ("宣讲24场，覆盖全镇。", {"lectures": "24"}),  # 场 and 场次 count the same
        ("受众3000人。", {"audience": "2000"}),  # 人 is not 人次: not the same quantity
        ("宣讲20场次，其中进村宣讲24场次。", {"lectures": "24"}),  # one of them is the figure
        ("中心组集体学习4次，组织干部集中学习20次。", {"study_sessions": "4"}),
        ("宣讲20场次。", {"lectures": ""}),  # nothing to compare yet
        ("宣讲20场次。", {"lectures": "十二"}),  # not a number: its own (blocking) finding, no comparison
    ],
)
def test_agreeing_or_unrelated_numbers_are_not_flagged(theory, body, figures):
    report, genre, item = theory
    _set(report, item, body, **figures)
    assert _findings(report, genre) == []


@pytest.mark.parametrize(
    ("body", "figures", "text"),
    [
        ("受众4200余人次。", {"audience": "4400"}, "4200余人次"),
        ("受众36000人次。", {"audience": "3.7万"}, "36000人次"),
        ("宣讲20场，覆盖全镇。", {"lectures": "24"}, "20场"),
        ("集体学习6次。", {"study_sessions": "4"}, "6次"),
    ],
)
def test_disagreements_across_scales_and_unit_words(theory, body, figures, text):
    report, genre, item = theory
    _set(report, item, body, **figures)
    [f] = _findings(report, genre)
    assert report.get(f.address)[f.start:f.end] == text


def test_scaled_unit_figure_agrees_with_text(service):
    report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["new_media"])
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    views = next(f for f in item.figures if f.unit.startswith("万"))
    report.values[f"item.{item.id}.body"] = f"{views.label}41.6万次。"
    for value, flagged in (("41.6", False), ("41.6万", False), ("38", True)):
        report.values[f"item.{item.id}.fig.{views.key}"] = value
        assert bool([f for f in run_checks(report, genre) if f.rule == "agreement"]) is flagged, value


def test_number_in_a_point_under_the_item_is_found_there(theory):
    report, genre, item = theory
    point = Item(id=report.new_item_id(), part=item.part, parent=item.id)
    item.children.append(point)
    report.values[f"item.{point.id}.heading"] = "深化基层宣讲"
    report.values[f"item.{point.id}.body"] = "组建宣讲队，开展宣讲20场次。"
    report.values[f"item.{item.id}.fig.lectures"] = "24"
    [f] = _findings(report, genre)
    assert f.address == f"item.{point.id}.body"


def test_a_number_that_fits_several_figures_equally_belongs_to_none(service):
    report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["news"])
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    report.values[f"item.{item.id}.body"] = "在市级以上媒体刊发稿件27篇，其中省级媒体5篇、中央级媒体1篇。"
    for key, value in {"central_media": "1", "provincial_media": "5", "city_media": "21"}.items():
        report.values[f"item.{item.id}.fig.{key}"] = value
    assert [f for f in run_checks(report, genre) if f.rule == "agreement"] == []
    report.values[f"item.{item.id}.fig.provincial_media"] = "6"
    [f] = [f for f in run_checks(report, genre) if f.rule == "agreement"]
    assert "5篇" in f.message and "6篇" in f.message
