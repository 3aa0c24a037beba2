"""Proofreading rules (resources/checks/proofread.json) against the corpora in tests/models/corpus/."""

from __future__ import annotations

import pytest

from models.checks import INFO, STYLE, WARNING, WRONG, run_checks
from models.proofread import KINDS, Scope, apply_fix, proofread, rules
from tests.models.corpus_reader import lines, marked
from tests.models.helpers import filled_report

H1_RESULTS = Scope("2024H1", True)
CLEAN = lines("proofread_clean.txt")
PLANTED = [line.split("\t") for line in lines("proofread_planted.txt")]


def test_corpora_cover_every_rule():
    assert len(CLEAN) >= 80 and len(PLANTED) >= 40
    assert {rule for rule, _text, _fix in PLANTED} == {r.id for r in rules()}


@pytest.mark.parametrize("sentence", CLEAN)
def test_correct_sentence_has_no_issue(sentence):
    assert proofread(sentence, H1_RESULTS) == []


@pytest.mark.parametrize(("rule", "line", "fix"), PLANTED)
def test_planted_issue_is_found_once_with_its_span_and_fix(rule, line, fix):
    text, [(start, end)] = marked(line)
    [issue] = proofread(text, H1_RESULTS)
    assert (issue.rule, issue.start, issue.end) == (rule, start, end)
    assert issue.fix == (None if fix == "-" else fix)
    assert issue.message and not any("a" <= ch <= "z" for ch in issue.message.replace(text[start:end], ""))
    if issue.fix is not None:  # the one-click fix leaves a sentence the rules accept
        assert proofread(apply_fix(text, issue.start, issue.end, issue.fix), H1_RESULTS) == []


def test_rules_are_data_with_known_kinds_and_severities():
    for r in rules():
        assert r.kind in KINDS and r.severity in ("error", "warning", "info") and r.message
    assert next(r for r in rules() if r.id == "long_sentence").severity == "info"


@pytest.mark.parametrize(
    ("period", "text", "flagged"),
    [
        ("2024H1", "下半年以来，宣传工作有序推进。", True),
        ("2024H2", "下半年以来，宣传工作有序推进。", False),
        ("2024H2", "上半年以来，宣传工作有序推进。", True),
        ("2024H2", "粉丝总数比上半年增加3100人。", False),  # a comparison with the period before
        ("2024", "明年春节组织送戏下乡。", True),
        ("2024", "全年开展宣讲120场次。", False),
        ("2024H1", "下半年的重点任务是深化宣讲。", False),  # 下半年 followed by a plan word
        ("2024H1", "力争下半年完成改造。", False),  # a future marker in the sentence
        ("2024Q1", "第二季度组织学习3次。", True),
        ("2024Q3", "第二季度组织学习3次。", False),
    ],
)
def test_period_words_against_the_report_period(period, text, flagged):
    found = [i for i in proofread(text, Scope(period, True)) if i.rule == "period_word"]
    assert bool(found) is flagged
    assert proofread(text, Scope(period, False)) == []  # a plan part may name later periods


def test_long_sentence_counts_printed_characters():
    assert proofread("示" * 119 + "。") == []  # 120 characters with its full stop
    [issue] = proofread("示" * 120 + "。")
    assert issue.rule == "long_sentence" and issue.severity == INFO and "121" in issue.message


def test_issues_in_later_paragraphs_have_field_offsets():
    text = "第一段没有问题。\n第二段有问题,需要改。"
    [issue] = proofread(text)
    assert text[issue.start:issue.end] == ","
    assert apply_fix(text, issue.start, issue.end, issue.fix) == "第一段没有问题。\n第二段有问题，需要改。"


# ---------------------------------------------------------------- through the checks


def test_proofreading_findings_carry_address_span_severity_kind_and_fix(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    body = "全年开展宣讲24场次,受众3600余人次。"
    report.values[f"item.{item.id}.body"] = body
    report.values[f"item.{item.id}.fig.lectures"], report.values[f"item.{item.id}.fig.audience"] = "24", "3600余"
    [f] = run_checks(report, genre)
    assert (f.address, f.start, f.end, f.severity, f.kind) == (f"item.{item.id}.body", 10, 11, WARNING, WRONG)
    assert (f.rule, f.fix) == ("proofread.ascii_comma", "，")
    assert apply_fix(body, f.start, f.end, f.fix) == "全年开展宣讲24场次，受众3600余人次。"


def test_long_sentence_is_information_of_style_kind(service):
    report = filled_report(service)
    report.values["intro"] = "今年以来" + "，宣传工作扎实推进" * 14 + "。现将有关情况总结如下："
    [f] = run_checks(report, service.library.get("half_year"))
    assert (f.address, f.severity, f.kind, f.rule) == ("intro", INFO, STYLE, "proofread.long_sentence")


def test_period_words_are_checked_in_results_but_not_in_plans(service):
    report = filled_report(service, period="2024H1")
    genre = service.library.get("half_year")
    results, plans = report.items["results"][0], report.items["next"][0]
    report.values[f"item.{results.id}.body"] = "下半年以来，宣讲工作有序推进。"
    report.values[f"item.{plans.id}.body"] = "下半年继续深化宣讲，开展宣讲不少于30场次。"
    found = [f for f in run_checks(report, genre) if f.rule == "proofread.period_word"]
    assert [f.address for f in found] == [f"item.{results.id}.body"]
    assert "2024年上半年" in found[0].message and "下半年" in found[0].message


def test_an_item_about_plans_inside_a_results_part_may_name_later_periods(service):
    report = filled_report(service, period="2024H1")
    genre = service.library.get("half_year")
    item = report.items["results"][0]
    report.values[f"item.{item.id}.heading"] = "谋划下步工作计划"
    report.values[f"item.{item.id}.body"] = "下半年重点抓好理论宣讲。"
    assert [f for f in run_checks(report, genre) if f.rule == "proofread.period_word"] == []


def test_blank_and_proofreading_do_not_report_the_same_characters(service):
    report = filled_report(service)
    report.values["intro"] = "全年开展?次宣讲。现将有关情况总结如下："
    [f] = run_checks(report, service.library.get("half_year"))
    assert f.rule == "blank"


def test_a_heading_typed_into_body_text_is_a_style_warning_with_a_fix(service):
    """（一）上半年工作情况 typed as a paragraph of the 导语 printed as an ordinary paragraph with a typed
    number; in a part's lead and an item's body too. Headings themselves have their own check."""
    report = filled_report(service, "speech")
    genre = service.library.get("speech")
    lead = next(p.key for p in genre.parts if p.lead)
    item = next(i for p in genre.parts for i in report.items.get(p.key, []))
    intro = "今年以来，示例镇抓实宣传工作。\n（一）上半年工作情况\n全镇开展宣讲24场次。"
    report.values["intro"] = intro
    report.values[f"part.{lead}.lead"] = "1、宣传队伍力量仍然偏弱。"
    report.values[f"item.{item.id}.body"] = "① 组建青年宣讲队，群众反响良好。"
    found = [f for f in run_checks(report, genre) if f.rule == "proofread.typed_heading"]
    assert sorted(f.address for f in found) == sorted(["intro", f"part.{lead}.lead", f"item.{item.id}.body"])
    assert all(f.severity == WARNING and f.kind == STYLE and f.fix == "" for f in found)
    f = next(f for f in found if f.address == "intro")
    assert intro[f.start:f.end] == "（一）"
    assert f.message == "这一段以“（一）”开头，像是手工输入的标题：标题请用“添加条目”（编号自动生成），或去掉这个编号"
    assert apply_fix(intro, f.start, f.end, f.fix) == "今年以来，示例镇抓实宣传工作。\n上半年工作情况\n全镇开展宣讲24场次。"
    body = next(f for f in found if f.address == f"item.{item.id}.body")
    assert report.get(body.address)[body.start:body.end] == "① "  # the fix leaves no space before the words


def test_numbers_and_ordinals_opening_body_text_are_not_typed_headings(service):
    report = filled_report(service)
    report.values["intro"] = "1.2万人次参加志愿服务。\n2024年，全镇宣传工作稳步推进。\n一是强化学习，二是深化宣讲。\n首先，召开专题会议。"
    item = report.items["results"][0]
    report.values[f"item.{item.id}.heading"] = "（一）理论武装"  # a heading: the numbering check, not this one
    rules = [f.rule for f in run_checks(report, service.library.get("half_year"))]
    assert "proofread.typed_heading" not in rules and "numbering" in rules
