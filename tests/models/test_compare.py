"""同比 / 环比: the earlier value per figure, the change, the sentence, and typed percentages checked."""

from __future__ import annotations

import random

import pytest

from models import compare
from models.checks import WARNING
from models.ledger import Entry


def _report(service, period: str, values: dict[str, str], bodies: dict[str, str] | None = None, *,
            unit: str = "示例镇", genre: str = "half_year") -> int:
    report = service.build_report(genre, unit=unit, period=period, areas=["theory", "news"])
    for item in report.all_items():
        for fig in item.figures:
            if fig.key in values:
                report.values[f"item.{item.id}.fig.{fig.key}"] = values[fig.key]
        if item.area and bodies and item.area in bodies:
            report.values[f"item.{item.id}.body"] = bodies[item.area]
    return service.store.insert_report(report)


@pytest.mark.parametrize(("now", "before", "text", "sentence"), [
    (118, 100, "+18%", "比去年同期增长18%"),
    (95, 100, "-5%", "比去年同期下降5%"),
    (100, 100, "持平", "与去年同期持平"),
    (250, 100, "+150%", "比去年同期增长1.5倍"),
    (200, 100, "+100%", "比去年同期增长1倍"),
    (199, 100, "+99%", "比去年同期增长99%"),
    (100.4, 100, "+0.4%", "比去年同期增长0.4%"),
    (100.04, 100, "持平", "与去年同期基本持平"),
    (12, 0, "新增", "比去年同期新增12场次"),
    (0, 10, "-100%", "比去年同期下降100%"),
    (3272, 1000, "+227%", "比去年同期增长2.3倍"),
    (5, None, "", ""),
])
def test_the_change_and_the_sentence(now, before, text, sentence):
    assert compare.change_text(now, before) == text
    assert compare.change_sentence(now, before, "去年同期", "场次") == sentence


def test_rounding_is_half_up_and_stated():
    assert compare.change_sentence(112.5, 100) == "比去年同期增长13%"  # not banker's 12
    assert compare.change_sentence(225, 100) == "比去年同期增长1.3倍"
    assert "四舍五入" in compare.ROUNDING_NOTE and "1.5倍" in compare.ROUNDING_NOTE


def test_two_years_of_reports_give_the_same_change_as_computed_here(service):
    rng = random.Random(11)
    keys = ["study_sessions", "lectures", "audience", "central_media", "provincial_media", "city_media"]
    last = {k: rng.randint(1, 500) for k in keys}
    this = {k: rng.randint(1, 500) for k in keys}
    _report(service, "2023H1", {k: str(v) for k, v in last.items()})
    _report(service, "2023H1", {k: "1" for k in keys}, unit="别的镇")  # another unit: never compared
    rid = _report(service, "2024H1", {k: str(v) for k, v in this.items()})
    comparison = service.comparison(service.load(rid))
    assert comparison.basis == "去年同期" and comparison.period == "2023H1"
    for area, key in comparison.figures:
        f = comparison.get(area, key)
        assert (f.current, f.previous, f.source) == (this[key], last[key], compare.FROM_REPORT)
        pct = (this[key] - last[key]) / last[key] * 100
        expected = "持平" if pct == 0 else f"{'+' if pct > 0 else '-'}{int(abs(pct) + 0.5)}%" if abs(pct) >= 1 else None
        if expected:
            assert f.change == expected


def test_without_an_earlier_report_the_ledger_totals_of_that_period_are_used(service):
    service.add_ledger_entry(Entry("2023-03-01", "theory", "宣讲", {"lectures": 8}))
    service.add_ledger_entry(Entry("2023-05-01", "theory", "宣讲", {"lectures": 12}))
    service.add_ledger_entry(Entry("2023-08-01", "theory", "下半年的不算", {"lectures": 50}))
    rid = _report(service, "2024H1", {"lectures": "24"})
    f = service.comparison(service.load(rid)).get("theory", "lectures")
    assert (f.previous, f.source, f.change) == (20, compare.FROM_LEDGER, "+20%")


def test_huan_bi_compares_with_the_half_year_before(service):
    _report(service, "2024H1", {"lectures": "10"})
    rid = _report(service, "2024H2", {"lectures": "15"})
    c = service.comparison(service.load(rid), compare.PREVIOUS)
    assert c.basis == "上半年" and c.get("theory", "lectures").sentence(c.basis) == "比上半年增长50%"


def test_a_deleted_earlier_report_is_not_used(service):
    old = _report(service, "2023H1", {"lectures": "10"})
    service.delete(old)
    rid = _report(service, "2024H1", {"lectures": "15"})
    assert not service.comparison(service.load(rid)).has_previous


def test_a_typed_percentage_that_the_figures_do_not_bear_out_is_a_finding(service):
    _report(service, "2023H1", {"lectures": "20", "audience": "3000", "provincial_media": "4", "city_media": "10"})
    bodies = {
        "theory": "开展宣讲24场次，比去年同期增长18%，受众3000余人次，与去年同期持平。",
        "news": "在省级媒体刊发稿件10篇，比去年同期增长1.5倍；在市级媒体刊发15篇，同比增长1.5倍。",
    }
    rid = _report(service, "2024H1", {"lectures": "24", "audience": "3000", "provincial_media": "10",
                                      "city_media": "15"}, bodies)
    report = service.load(rid)
    findings = service.comparison_findings(report)
    messages = [f.message for f in findings]
    assert len(findings) == 2, messages
    theory, news = findings
    text = report.get(theory.address)
    assert text[theory.start:theory.end] == "比去年同期增长18%" and theory.severity == WARNING
    assert "应为“增长20%”" in theory.message and "本期24场次" in theory.message
    # 4 → 10 is 增长1.5倍 (right); 10 → 15 is 增长50%, which "增长1.5倍" misstates
    assert report.get(news.address)[news.start:news.end] == "同比增长1.5倍"
    assert "应为“增长50%”" in news.message and "常被误用" in news.message


def test_each_of_several_percentages_is_checked(service):
    _report(service, "2023H1", {"central_media": "10", "provincial_media": "20"})
    body = "在中央级媒体刊发11篇、省级媒体刊发22篇，分别比去年同期增长10%和15%。"
    rid = _report(service, "2024H1", {"central_media": "11", "provincial_media": "22"}, {"news": body})
    findings = service.comparison_findings(service.load(rid))
    assert [f.message.split("，")[0] for f in findings] == ["文中写“增长15%”"]


def test_a_claim_without_an_earlier_value_is_not_judged(service):
    rid = _report(service, "2024H1", {"lectures": "24"}, {"theory": "开展宣讲24场次，比去年同期增长30%。"})
    assert service.comparison_findings(service.load(rid)) == []


def test_the_data_table_carries_last_year_and_the_change(service):
    _report(service, "2023H1", {"lectures": "20", "central_media": "0"})
    rid = _report(service, "2024H1", {"lectures": "24", "central_media": "2", "city_media": "3"})
    report = service.load(rid)
    blocks = service.compare_outline(report)
    table = next(b for b in blocks if b.kind == "table")
    assert table.rows == (
        ("工作板块", "指标", "数据", "去年同期", "同比"),
        ("理论武装", "开展宣讲", "24场次", "20场次", "+20%"),
        ("新闻宣传", "中央级媒体刊发", "2篇", "0篇", "新增"),
        ("新闻宣传", "市级媒体刊发", "3篇", "—", "—"),
    )
    plain = next(b for b in service.outline(report) if b.kind == "table")
    assert [r[:3] for r in table.rows[1:]] == [tuple(r) for r in plain.rows[1:]]  # the same rows, two columns more
