from __future__ import annotations

import pytest

from models import outline
from models.outline import HEADING, ITEM, PARA, SIGN_DATE, SIGN_UNIT, TITLE, build_outline, chinese_number, number_label
from tests.models.helpers import filled_report


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")]
)
def test_chinese_numbers(n, text):
    assert chinese_number(n) == text


def test_number_labels_per_level():
    assert [number_label(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


def test_outline_order_and_numbering(service):
    report = filled_report(service)
    blocks = build_outline(report, service.library.get("half_year"))
    kinds = [b.kind for b in blocks]
    assert kinds[0] == TITLE and blocks[0].text == "示例镇2024年上半年宣传工作总结"
    assert kinds[1] == PARA and blocks[1].address == "intro"
    heads = [(b.number, b.heading) for b in blocks if b.kind == HEADING and b.level == 1]
    assert heads == [("一、", "上半年宣传工作成效"), ("二、", "存在的短板"), ("三、", "下步举措")]
    items = [b for b in blocks if b.kind == ITEM]
    assert [b.number for b in items[:2]] == ["（一）", "（二）"]
    # run-in headings end with a full stop and the body follows in the same paragraph
    assert items[0].heading.endswith("。") and items[0].text.startswith("围绕")
    assert kinds[-2:] == [SIGN_UNIT, SIGN_DATE]
    assert blocks[-1].text == "2024年7月5日"


def test_moving_an_item_renumbers(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    first, second = report.items["results"]
    report.items["results"] = [second, first]
    items = [b for b in build_outline(report, genre) if b.kind == ITEM and b.address.startswith("item.")]
    assert items[0].address == f"item.{second.id}.heading" and items[0].number == "（一）"
    assert items[1].address == f"item.{first.id}.heading" and items[1].number == "（二）"


def test_empty_items_are_skipped_and_do_not_take_a_number(service):
    report = filled_report(service)
    first = report.items["results"][0]
    report.values.pop(f"item.{first.id}.heading")
    report.values.pop(f"item.{first.id}.body")
    blocks = build_outline(report, service.library.get("half_year"))
    results = next(b for b in blocks if b.kind == ITEM)
    assert results.number == "（一）" and results.address != f"item.{first.id}.heading"
    assert outline.numbering(report, service.library.get("half_year"))[report.items["results"][1].id] == "（一）"


def test_points_and_multi_paragraph_bodies(service):
    from models.report import Item

    report = filled_report(service)
    item = report.items["results"][0]
    report.values[f"item.{item.id}.body"] = "第一段。\n\n第二段。"
    point = Item(id="p1", part="results", parent=item.id)
    item.children.append(point)
    report.values["item.p1.heading"] = "宣讲进村组"
    report.values["item.p1.body"] = "组建宣讲小分队。"
    blocks = build_outline(report, service.library.get("half_year"))
    i = next(n for n, b in enumerate(blocks) if b.address == f"item.{item.id}.heading")
    assert blocks[i].text == "第一段。"
    assert blocks[i + 1].kind == PARA and blocks[i + 1].text == "第二段。"
    assert blocks[i + 2].kind == ITEM and blocks[i + 2].number == "1." and blocks[i + 2].level == 3
    assert blocks[i + 2].plain == "1.宣讲进村组。组建宣讲小分队。"


def test_own_line_headings_have_no_full_stop(service):
    report = filled_report(service)
    genre = service.library.get("half_year")
    report.values["part.problems.title"] = "存在的问题。"
    blocks = build_outline(report, genre)
    assert any(b.kind == HEADING and b.heading == "存在的问题" for b in blocks)


def test_heading_whitespace_and_typed_newlines_become_one_line(service):
    report = filled_report(service)
    item = report.items["results"][0]
    report.values[f"item.{item.id}.heading"] = "  抓学习\n促提升  "
    blocks = build_outline(report, service.library.get("half_year"))
    assert any(b.heading == "抓学习 促提升。" for b in blocks)


@pytest.mark.parametrize(
    "title",
    ["示例县融媒体中心2024年上半年工作总结和下一步工作安排", "中共示例县委宣传部2024年度宣传思想工作总结及2025年工作计划"],
)
def test_long_titles_split_into_short_lines(title):
    lines = outline.split_title(title, unit=title[:7])
    assert "".join(lines) == title
    assert len(lines) >= 2
    assert all(len(line) <= outline.TITLE_LINE_CHARS for line in lines)
    assert len(lines[0]) <= len(lines[1])  # 正梯形: the first line is not the longest


def test_short_title_is_one_line():
    assert outline.split_title("示例镇宣传工作总结") == ["示例镇宣传工作总结"]


def test_custom_title_and_part_title_override(service):
    report = filled_report(service)
    report.values["front.title"] = "示例镇宣传工作情况汇报"
    report.values["part.results.title"] = "主要做法和成效"
    blocks = build_outline(report, service.library.get("half_year"))
    assert blocks[0].text == "示例镇宣传工作情况汇报"
    assert any(b.heading == "主要做法和成效" and b.number == "一、" for b in blocks)


def test_figures_table_lists_filled_figures(service):
    report = filled_report(service)
    blocks = build_outline(report, service.library.get("half_year"))
    table = next(b for b in blocks if b.kind == outline.TABLE)
    assert table.rows[0] == ("工作板块", "指标", "数据")
    assert ("理论武装", "开展宣讲", "11场次") in table.rows
    none = build_outline(report, service.library.get("half_year"), outline.OutlineOptions(figures_table=False))
    assert not any(b.kind == outline.TABLE for b in none)


def test_period_words_in_titles(service):
    report = filled_report(service, period="2024H2")
    assert outline.part_title(report, service.library.get("half_year"), "results") == "下半年宣传工作成效"
    ctx = outline.context(report, service.library.get("half_year"))
    assert ctx["next"] == "2025年" and ctx["next_year"] == "2025"


def test_figure_typed_with_its_unit_is_not_doubled(service):
    report = filled_report(service)
    item = report.items["results"][0]
    report.values[f"item.{item.id}.fig.lectures"] = "6场次"
    table = next(b for b in build_outline(report, service.library.get("half_year")) if b.kind == outline.TABLE)
    assert ("理论武装", "开展宣讲", "6场次") in table.rows
