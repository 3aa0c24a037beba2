"""The Word import's pieces on their own: Word's number formats and counters, and the recognisers
for numbering, enumerations, dates, titles, speaker lines, headings, figures and tables."""

from __future__ import annotations

import pytest
from lxml import etree

from models.wordimport import classify as C
from models.wordimport import shipped_genres
from models.wordimport.numbering import Numbering, chinese_number, format_number
from tests.models import wordimport_fixtures as F


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"),
                                         (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十")])
def test_chinese_counting(n, text):
    assert chinese_number(n) == text
    assert C.chinese_value(text) == n


@pytest.mark.parametrize(("fmt", "n", "text"), [
    ("chineseCounting", 3, "三"), ("chineseCountingThousand", 12, "十二"), ("japaneseCounting", 4, "四"),
    ("decimal", 7, "7"), ("decimalEnclosedCircle", 3, "③"), ("decimalEnclosedParen", 2, "⑵"),
    ("decimalFullWidth", 12, "１２"), ("ideographTraditional", 2, "乙"), ("chineseLegalSimplified", 3, "叁"),
    ("upperLetter", 2, "B"), ("lowerRoman", 4, "iv"), ("decimalZero", 5, "05"), ("bullet", 1, ""),
    ("somethingNew", 6, "6"),
])
def test_word_number_formats(fmt, n, text):
    assert format_number(n, fmt) == text


def _numbering(xml: str) -> Numbering:
    return Numbering.parse(etree.fromstring(f"<w:numbering {F.W_NS}>{xml}</w:numbering>"))


def test_counters_restart_below_the_level_that_advanced():
    numbering = _numbering(F.abstract_num(0, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                                              ("decimal", "%1.%3")]) + F.num(1, 0))
    labels = [numbering.label("1", lvl) for lvl in (0, 1, 1, 2, 2, 0, 1, 2)]
    assert labels == ["一、", "（一）", "（二）", "一.1", "一.2", "二、", "（一）", "二.1"]


def test_start_override_restarts_a_shared_list_and_unknown_lists_print_nothing():
    numbering = _numbering(F.abstract_num(0, [("decimal", "%1.")]) + F.num(1, 0) + F.num(2, 0, {0: 1}))
    assert [numbering.label("1", 0), numbering.label("1", 0), numbering.label("2", 0), numbering.label("2", 0)] == \
        ["1.", "2.", "1.", "2."]
    assert numbering.label("9", 0) == "" and numbering.label("0", 0) == "" and numbering.label("1", 5) == ""


@pytest.mark.parametrize(("text", "rank", "number", "rest"), [
    ("一、基本情况", 1, "一、", "基本情况"), ("十二．其他", 1, "十二．", "其他"),
    ("（三）抓实学习。", 2, "（三）", "抓实学习。"), ("(四)宣讲", 2, "(四)", "宣讲"), ("〔五〕阵地", 2, "〔五〕", "阵地"),
    ("【六】创建", 2, "【六】", "创建"), ("（一）、队伍", 2, "（一）、", "队伍"),
    ("1.学习", 3, "1.", "学习"), ("2、宣讲", 3, "2、", "宣讲"), ("3．阵地", 3, "3．", "阵地"), ("１．全角", 3, "１．", "全角"),
    ("（1）点", 4, "（1）", "点"), ("(2)点", 4, "(2)", "点"), ("⑶点", 4, "⑶", "点"), ("4)点", 4, "4)", "点"),
    ("①点", 5, "①", "点"),
])
def test_typed_numbering(text, rank, number, rest):
    found = C.numbered(text)
    assert found is not None and (found.rank, found.number, found.rest) == (rank, number, rest)


@pytest.mark.parametrize("text", ["一是加强学习", "一要抓好宣讲", "1.5万人次参加", "2024年以来", "十分重要", "第一，要", "12场次"])
def test_not_numbering(text):
    assert C.numbered(text) is None


def test_enumerations():
    lead, entries = C.run_together("存在的不足：一是学习不够深入；二是宣讲形式单一；三是队伍力量薄弱。")
    assert lead == "存在的不足：" and [o for o, _ in entries] == ["一是", "二是", "三是"]
    assert entries[2][1] == "队伍力量薄弱。"
    assert C.run_together("首先，抓学习；其次，抓宣讲；最后，抓落实。")[1][2] == ("最后", "抓落实。")
    assert C.run_together("统一是前提，二是关键") is None  # 统一是 is not an ordinal
    assert C.run_together("一是加强学习。") is None  # one entry is not a list
    assert C.leading_ordinal("第二，要加强舆情研判").text == "第二"
    assert C.leading_ordinal("第二次会议") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("2024年7月5日", "2024-07-05"), ("2024年07月05日", "2024-07-05"), ("　　2024 年 7 月 5 日", "2024-07-05"),
    ("２０２４年７月５日", "2024-07-05"), ("二〇二四年七月五日", "2024-07-05"), ("二〇二四年十二月三十一日", "2024-12-31"),
    ("2024年2月30日", None), ("2024年7月", None), ("会议于2024年7月5日召开", None),
])
def test_dates(text, iso):
    assert C.date_only(text) == iso


def test_speaker_line_and_salutation():
    assert C.speaker_line("张三同志（2024年7月5日）") == C.Speaker("张三同志", "2024-07-05", "张三同志（2024年7月5日）")
    assert C.speaker_line("（2024年07月05日）").name == ""
    assert C.speaker_line("张三同志（县委书记）") is None
    assert C.is_salutation("同志们：") and C.is_salutation("各位领导、同志们：")
    assert not C.is_salutation("现将上半年工作总结如下：今年以来，我镇坚持以人民为中心。")


@pytest.mark.parametrize(("title", "unit", "period", "genre", "exact"), [
    ("示例镇2024年上半年宣传工作总结", "示例镇", "2024H1", "half_year", True),
    ("示例镇2024年下半年宣传工作总结", "示例镇", "2024H2", "half_year", True),
    ("示例县委宣传部2024年度宣传工作总结及2025年工作计划", "示例县委宣传部", "2024", "annual_plan", True),
    ("示例镇2024年上半年宣传思想工作总结暨下半年工作思路", "示例镇", "2024H1", "half_year_plan", True),
    ("样例县融媒体中心2024年上半年工作总结和下一步工作安排", "样例县融媒体中心", "2024H1", "media_centre", True),
    ("示例镇2024年1-6月宣传工作总结", "示例镇", "2024H1", "half_year", False),
    ("2024年示例镇宣传工作总结", "示例镇", "2024", "annual_plan", False),
    ("示例镇2024年第三季度宣传工作总结", "示例镇", "2024Q3", "", False),
    ("关于示例镇2024年上半年宣传思想文化工作情况的总结", "示例镇", "2024H1", "half_year", False),
])
def test_title_recognition(title, unit, period, genre, exact):
    info = C.recognise_title(title, shipped_genres())
    assert (info.unit, info.period, info.genre, info.exact) == (unit, period, genre, exact)


def test_title_without_a_year_takes_it_from_the_date():
    assert C.recognise_title("示例镇上半年宣传工作总结", shipped_genres(), fallback_year=2024).period == "2024H1"


def test_speech_title():
    info = C.recognise_title("在全县宣传思想文化工作会议上的讲话", shipped_genres())
    assert (info.genre, info.meeting, info.unit, info.exact) == ("speech", "全县宣传思想文化工作会议", "", True)


@pytest.mark.parametrize(("rest", "emphasis", "expected"), [
    ("抓实理论学习，筑牢思想根基。镇党委中心组学习6次。", 0, ("抓实理论学习，筑牢思想根基。", "镇党委中心组学习6次。", "run_in")),
    ("突出学思践悟，理论武装持续深化", 0, ("突出学思践悟，理论武装持续深化", "", "own_line")),
    ("理论武装更加扎实。", 0, ("理论武装更加扎实。", "", "own_line")),
    ("宣传栏焕然一新，社区统一更新版面。", 8, ("宣传栏焕然一新，", "社区统一更新版面。", "run_in")),
    ("研究制定理论学习中心组年度学习安排意见并组织协调中心组开展集体学习十二次形成良好氛围。此后持续推进。", 0,
     ("", "研究制定理论学习中心组年度学习安排意见并组织协调中心组开展集体学习十二次形成良好氛围。此后持续推进。", "run_in")),
])
def test_heading_split(rest, emphasis, expected):
    assert C.split_heading(rest, emphasis) == expected


def test_figures():
    found = C.figures("上半年开展宣讲12场次，覆盖群众3600余人次，同比增长15%，发布信息5.7万条，召开第3次会议，2024年完成")
    assert [(f.label, f.value, f.unit) for f in found] == [("开展宣讲", "12", "场次"), ("覆盖群众", "3600余", "人次"),
                                                         ("同比增长", "15", "%"), ("发布信息", "5.7万", "条")]
    assert [(f.label, f.value) for f in C.figures("评选“最美庭院”60户")] == [("最美庭院", "60")]
    assert [f.value for f in C.figures("全镇宣讲１２场次")] == ["12"]


def test_figure_tables():
    assert C.is_figure_table([["板块", "指标", "数据"], ["理论", "宣讲", "12场次"], ["新闻", "发稿", "5.7万篇"]])
    assert C.is_figure_table([["单位", "上半年", "下半年"], ["示例镇", "12", "15"], ["样例乡", "9", "11"]])
    assert not C.is_figure_table([["时间", "内容", "责任单位"], ["七月", "文化节", "文化站"]])
    assert not C.is_figure_table([["序号", "名称"], ["1", "文化节"], ["2", "丰收节"]])
    assert not C.is_figure_table([["只有表头"]])
