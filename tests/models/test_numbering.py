"""Typed numbering is recognised at the start of headings and entries; enumeration ordinals are generated."""

from __future__ import annotations

import pytest

from models.numbering import ordinal, strip_numbering


@pytest.mark.parametrize(("typed", "text", "removed"), [
    ("一、理论武装", "理论武装", "一、"),
    ("十二、文明实践", "文明实践", "十二、"),
    ("（一）抓实理论学习", "抓实理论学习", "（一）"),
    ("(一)抓实理论学习", "抓实理论学习", "(一)"),
    ("(1)队伍力量偏弱", "队伍力量偏弱", "(1)"),
    ("（1）队伍力量偏弱", "队伍力量偏弱", "（1）"),
    ("1、人员不足", "人员不足", "1、"),
    ("1.人员不足", "人员不足", "1."),
    ("1．人员不足", "人员不足", "1．"),
    ("2) 人员不足", "人员不足", "2)"),
    ("①人员不足", "人员不足", "①"),
    ("一是坚持每月学习", "坚持每月学习", "一是"),
    ("三要加强宣传", "加强宣传", "三要"),
    ("第一，坚持学习", "坚持学习", "第一，"),
    ("首先，坚持学习", "坚持学习", "首先，"),
    ("其次，建强队伍", "建强队伍", "其次，"),
    ("另一方面，要看到差距", "要看到差距", "另一方面，"),
    ("　　（二）1.人员不足", "人员不足", "（二）1."),
])
def test_typed_numbering_is_recognised(typed, text, removed):
    assert strip_numbering(typed) == (text, removed)


@pytest.mark.parametrize("text", [
    "1.2万人次参与宣讲",  # a decimal, not a number
    "1,000余人参加",
    "2024年工作亮点",
    "第一书记驻村宣讲",  # 第一 without a mark after it is a word
    "一方面军的故事",
    "首先要明确目标",  # 首先 without a comma belongs to the sentence
    "十分重视理论学习",
    "一是",  # nothing would be left
    "",
])
def test_ordinary_text_is_left_alone(text):
    assert strip_numbering(text) == (text, "")


@pytest.mark.parametrize(("style", "count", "expected"), [
    ("shi", 4, ["一是", "二是", "三是", "四是"]),
    ("yao", 2, ["一要", "二要"]),
    ("di", 3, ["第一，", "第二，", "第三，"]),
    ("seq", 2, ["首先，", "其次，"]),
    ("seq", 3, ["首先，", "其次，", "最后，"]),
    ("seq", 4, ["首先，", "其次，", "再次，", "最后，"]),
    ("seq", 5, ["首先，", "其次，", "再次，", "此外，", "最后，"]),
    ("fangmian", 2, ["一方面，", "另一方面，"]),
    ("shi", 11, ["一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "十一是"]),
])
def test_ordinals(style, count, expected):
    assert [ordinal(style, n, count) for n in range(1, count + 1)] == expected
