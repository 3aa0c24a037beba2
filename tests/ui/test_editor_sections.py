"""The section tree behind the navigator: titles, printed numbers, state marks, counts (no widgets)."""

from __future__ import annotations

from ui.editor.fields import one_line
from ui.editor.sections import (
    COMPLETE,
    EMPTY,
    PROBLEM,
    PROGRESS,
    CharCounter,
    build_sections,
    count_line,
    find_section,
    item_key,
    part_key,
    section_of,
    section_states,
)


def test_titles_numbers_and_states(service):
    report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=["theory"])
    genre = service.genre_of(report)
    first, second = report.items["problems"]
    report.values[f"item.{first.id}.heading"] = "队伍力量偏弱，专业能力不足。"
    report.values[f"item.{first.id}.body"] = "兼职多。"
    report.values[f"item.{second.id}.heading"] = "阵地作用不足"  # body still missing
    theory = report.items["results"][0]
    report.values[f"item.{theory.id}.fig.audience"] = "约三千"

    sections = build_sections(report, genre)
    states = section_states(report, genre, sections, service.check(report))

    assert [s.title for s in sections] == ["基本信息", "导语", "一、上半年宣传工作成效", "二、存在的短板", "三、下步举措", ]
    problems = find_section(sections, part_key("problems"))
    assert [c.title for c in problems.children] == ["（一）队伍力量偏弱，专业能力不足", "（二）阵地作用不足"]
    assert find_section(sections, item_key(theory.id)).title == "理论武装"  # empty: area name, no number
    assert find_section(sections, item_key(theory.id)).number == ""
    assert states[item_key(first.id)] == COMPLETE
    assert states[item_key(second.id)] == PROGRESS
    assert states[part_key("problems")] == PROGRESS
    assert states[item_key(theory.id)] == PROBLEM  # a figure that is not a number
    assert states["intro"] == EMPTY
    assert states["front"] == COMPLETE
    assert section_of(f"item.{theory.id}.fig.audience") == item_key(theory.id)
    assert section_of("part.next.lead") == part_key("next")

    counter = CharCounter(report)
    assert counter.section(report, genre, problems) == len("队伍力量偏弱，专业能力不足。兼职多。阵地作用不足")
    assert count_line(320, (600, 1500), 2850, (2500, 5000)) == "本节 320 字（建议 600–1,500） · 全文 2,850 字（建议 2,500–5,000）"


def test_one_line_keeps_typed_spaces_and_joins_pasted_lines():
    assert one_line("示例县 融媒体中心 ") == "示例县 融媒体中心 "
    assert one_line("抓实理论学习，\n  筑牢思想根基\x0b") == "抓实理论学习，筑牢思想根基"
