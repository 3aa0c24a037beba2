from __future__ import annotations

import pytest

from models.checks import figure_problem, find_blanks, run_checks
from tests.models.helpers import filled_report


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("组织开展XX次宣讲", "XX"),
        ("共开展X次", "X"),
        ("参与群众×××人", "×××"),
        ("发稿***篇", "***"),
        ("开展*次", "*"),
        ("某某同志", "某某"),
        ("覆盖□□个村", "□□"),
        ("全年【待补充数据】场", "【待补充数据】"),
        ("阅读量ｘｘ万", "ｘｘ"),
    ],
)
def test_blanks_are_found_with_their_position(text, blank):
    found = find_blanks(text)
    assert found, text
    start, end, got = found[0]
    assert got == blank and text[start:end] == blank


@pytest.mark.parametrize(
    "text", ["Xbox直播", "开展宣讲24场次", "HTTPS加密", "2024年7月5日", "第一季度", "同比增长8%"]
)
def test_ordinary_text_is_not_a_blank(text):
    assert find_blanks(text) == []


@pytest.mark.parametrize(
    ("value", "ok"),
    [("12", True), ("5.7", True), ("20余", True), ("1,234", True), ("", True),
     ("-3", False), ("十二", False), ("1e15", False), ("12次", False), ("100000000000", False)],
)
def test_figures(value, ok):
    assert (figure_problem(value) == "") is ok


def test_negative_and_huge_figures_have_chinese_reasons():
    assert "负数" in figure_problem("-3")
    assert "阿拉伯数字" in figure_problem("十二")
    assert "过大" in figure_problem("99999999999")


def test_filled_report_is_clean(service):
    report = filled_report(service)
    assert run_checks(report, service.library.get("half_year")) == []


def test_planted_blank_is_found_with_field_address(service):
    report = filled_report(service)
    item = report.items["results"][0]
    report.values[f"item.{item.id}.body"] = "全年组织开展XX次理论宣讲。"
    findings = run_checks(report, service.library.get("half_year"))
    assert len(findings) == 1
    f = findings[0]
    assert f.address == f"item.{item.id}.body"
    assert (f.start, f.end) == (6, 8)
    assert "一、" in f.label and "（一）" in f.label and "理论武装" in f.label


def test_empty_required_fields_and_bad_figures(service):
    report = filled_report(service)
    item = report.items["results"][1]
    del report.values["intro"]
    del report.values["front.date"]
    report.values[f"item.{item.id}.fig.central_media"] = "十二"
    findings = {f.address: f for f in run_checks(report, service.library.get("half_year"))}
    assert "必填" in findings["intro"].message
    assert "front.date" in findings
    assert "阿拉伯数字" in findings[f"item.{item.id}.fig.central_media"].message


def test_invalid_period_and_date_are_reported(service):
    report = filled_report(service)
    report.values["front.period"] = "明年"
    report.values["front.date"] = "2024-02-30"
    messages = {f.address: f.message for f in run_checks(report, service.library.get("half_year"))}
    assert "无法识别" in messages["front.period"]
    assert "不存在" in messages["front.date"]


def test_completion_does_not_count_a_blank_as_written(service):
    from models.checks import completion

    report = filled_report(service)
    genre = service.library.get("half_year")
    assert completion(report, genre) == 100
    report.values["intro"] = "全年开展XX次活动。"
    assert completion(report, genre) < 100


# ---------------------------------------------------------------- order, severity and kind


def test_findings_follow_the_document_with_errors_and_warnings_interleaved(service):
    from models.checks import ERROR, MISSING, WARNING, WRONG, field_order

    report = filled_report(service)
    genre = service.library.get("half_year")
    first, second = report.items["results"][:2]
    later = report.items["next"][0]
    report.values["intro"] = "全年开展XX次活动,群众满意。现将有关情况总结如下："
    report.values[f"item.{first.id}.body"] = "组建宣讲队，宣讲20场次。还有**处没填。"
    report.values[f"item.{first.id}.fig.lectures"] = "24"
    report.values[f"item.{second.id}.fig.central_media"] = "十二"
    report.values[f"item.{later.id}.heading"] = ""
    report.values[f"item.{later.id}.body"] = ""
    findings = run_checks(report, genre)
    got = [(f.address, f.rule, f.severity, f.kind) for f in findings]
    assert got == [
        ("intro", "blank", ERROR, WRONG),
        ("intro", "proofread.ascii_comma", WARNING, WRONG),
        (f"item.{first.id}.body", "agreement", WARNING, WRONG),
        (f"item.{first.id}.body", "blank", ERROR, WRONG),
        (f"item.{second.id}.fig.central_media", "figure", ERROR, WRONG),
        (f"item.{later.id}.heading", "empty_item", WARNING, MISSING),
    ]
    order = field_order(report, genre)
    ranks = [order.index(f.address) for f in findings]
    assert ranks == sorted(ranks)
    assert order.index("intro") < order.index("part.results.title") < order.index(f"item.{first.id}.heading")
    assert order.index(f"item.{first.id}.fig.lectures") < order.index(f"item.{second.id}.heading")


def test_what_is_not_written_yet_is_a_warning_and_still_counted(service):
    """A new report listed every empty item and field as 错误 (red), though an empty item does not print:
    错误 is kept for what prints wrong, and 有N处待补 still counts what is missing."""
    from models.checks import ERROR, MISSING, WARNING, needs_attention

    for genre in service.library.latest():
        period = next(p for p in ("2024H1", "2024", "2024Q3") if genre.allows_period(p))
        report = service.build_report(genre.id, unit="示例镇", period=period, date="2024-07-05", areas=["theory"])
        findings = run_checks(report, genre)
        missing = [f for f in findings if f.kind == MISSING]
        assert {f.rule for f in missing} >= {"required", "empty_item"}, genre.id
        assert all(f.severity == WARNING for f in missing), genre.id
        assert [f for f in findings if f.severity == ERROR] == [], genre.id  # nothing written prints wrong
        assert set(missing) <= set(needs_attention(findings))


def test_finding_stays_backwards_compatible():
    from models.checks import ERROR, WRONG, Finding

    f = Finding("intro", "导语", "有未填写的占位符“XX”")
    assert (f.severity, f.start, f.end, f.kind, f.fix, f.blocking) == (ERROR, -1, -1, WRONG, None, False)
    assert f.line() == "intro\t导语\t有未填写的占位符“XX”"
    assert Finding("intro", "导语", "m", ERROR, 2, 4).line() == "intro[2:4]\t导语\tm"
