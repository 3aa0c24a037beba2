from __future__ import annotations

import datetime as _dt

import pytest

from models import periods
from models.text import clean_text, count_chars, one_line, paragraphs


def test_clean_text_maps_breaks_and_drops_what_xml_cannot_hold():
    raw = "甲\r\n乙\r丙\x0b丁\x0c戊\x00己\x07庚\ud800辛\ufffe壬\t癸"
    assert clean_text(raw) == "甲\n乙\n丙\n丁\n戊己庚辛壬\t癸"


def test_emoji_and_rare_characters_are_kept():
    assert clean_text("点赞👍𠀀") == "点赞👍𠀀"


def test_paragraphs_and_counts():
    # paragraphs() and one_line() take stored (clean) text: the service cleaned it on the way in
    assert paragraphs(clean_text("  第一段 \n\n\n第二段\x0b第三段")) == ["第一段", "第二段", "第三段"]
    assert one_line("  示例镇\n\n 宣传工作 \n") == "示例镇 宣传工作"
    assert count_chars("示例 镇\n宣传") == 5


@pytest.mark.parametrize(
    ("code", "label", "following"),
    [("2024H1", "2024年上半年", "2024H2"), ("2024H2", "2024年下半年", "2025H1"), ("2024", "2024年", "2025"),
     ("2024Q3", "2024年第三季度", "2024Q4"), ("2024Q4", "2024年第四季度", "2025Q1"), ("2024h1", "2024年上半年", "2024H2")],
)
def test_periods(code, label, following):
    assert periods.period_label(code) == label
    assert periods.next_period(code) == following


@pytest.mark.parametrize("bad", ["", "明年", "2024H3", "24H1", "3000"])
def test_bad_periods(bad):
    with pytest.raises(periods.PeriodError, match="无法识别"):
        periods.parse_period(bad)


@pytest.mark.parametrize(("text", "label"), [("2024-07-05", "2024年7月5日"), ("2024年12月1日", "2024年12月1日"),
                                             ("2024.7.5", "2024年7月5日")])
def test_dates(text, label):
    assert periods.date_label(text) == label


@pytest.mark.parametrize("bad", ["2024-02-30", "明天", "7月5日"])
def test_bad_dates(bad):
    with pytest.raises(periods.PeriodError):
        periods.parse_date(bad)


# ---------------------------------------------------------------- what 新建总结 offers (models/periods.py)


def test_default_period_is_the_one_just_ending():
    assert periods.default_period(_dt.date(2024, 7, 5), ["H1", "H2"]) == (2024, "H1")
    assert periods.default_period(_dt.date(2024, 12, 20), ["H1", "H2"]) == (2024, "H2")
    assert periods.default_period(_dt.date(2025, 1, 8), ["H1", "H2"]) == (2024, "H2")
    assert periods.default_period(_dt.date(2025, 1, 8), [""]) == (2024, "")
    assert periods.default_period(_dt.date(2024, 12, 1), ["H1"]) == (2024, "H1")
    assert periods.default_period(_dt.date(2024, 7, 1), ["Q1", "Q2", "Q3", "Q4"]) == (2024, "Q2")
    assert periods.default_period(_dt.date(2024, 2, 1), ["Q1", "Q2", "Q3", "Q4"]) == (2023, "Q4")
    assert periods.default_period(_dt.date(2024, 7, 1), []) == (2024, "")


def test_quarter_code_expands_to_four_quarters():
    assert periods.period_kinds(("Q",)) == ["Q1", "Q2", "Q3", "Q4"]
    assert periods.period_kinds(("H1", "H2")) == ["H1", "H2"]
    assert periods.period_kinds(("", "Q")) == ["", "Q1", "Q2", "Q3", "Q4"]


def test_every_kind_has_a_label_and_makes_a_code_that_parses(library):
    for genre in library.latest():
        for kind in periods.period_kinds(genre.periods):
            code = periods.period_code(2024, kind)
            assert periods.parse_period(code) == (2024, kind)
            expected = f"2024年{periods.KINDS[kind]}" if kind else "2024年"
            assert periods.period_label(code) == expected
    assert periods.period_code(2024, "") == "2024"


def test_year_range_is_the_one_parse_accepts():
    assert periods.parse_period(str(periods.FIRST_YEAR)) == (periods.FIRST_YEAR, "")
    assert periods.parse_period(f"{periods.LAST_YEAR}H2") == (periods.LAST_YEAR, "H2")
    for year in (periods.FIRST_YEAR - 1, periods.LAST_YEAR + 1):
        with pytest.raises(periods.PeriodError):
            periods.parse_period(str(year))


def test_period_label_or_falls_back_to_what_was_typed():
    assert periods.period_label_or("2024H1") == "2024年上半年"
    assert periods.period_label_or("明年春天") == "明年春天"
    assert periods.period_label_or("明年春天", "") == ""
    assert periods.period_label_or("2024", "") == "2024年"


@pytest.mark.parametrize(("code", "steps", "shifted"),
                         [("2024H1", -1, "2023H2"), ("2024H2", 3, "2026H1"), ("2024Q1", -1, "2023Q4"),
                          ("2024Q2", 6, "2025Q4"), ("2024", -2, "2022"), ("2024Q3", 0, "2024Q3")])
def test_shift_period_keeps_the_kind_and_crosses_years(code, steps, shifted):
    assert periods.shift_period(code, steps) == shifted
    assert periods.shift_period(shifted, -steps) == periods.shift_period(code, 0)
