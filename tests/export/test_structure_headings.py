"""The heading tree read back from the exported .docx is exactly the one the officer wrote, for the
outline shapes real summaries need: their own level-1 sections, leads, run-in or own-line headings
in any genre and period, enumerations, 1.（1） under a run-in （一）."""

from __future__ import annotations

import docx

from export import layout as L
from export.docx import _head_style_id, write_docx
from models.outline import OutlineOptions

SIX = ["理论武装", "意识形态", "精神文明", "文明实践", "文明城市", "下半年思路"]


def tree(path) -> list[tuple]:
    """(level, "own_line"/"run_in", heading text) per heading paragraph, ("p", text) per body paragraph."""
    own = {r.style_id: level for level, r in L.HEADINGS.items()}
    run_in = {r.style_id: level for level, r in L.ITEMS.items()}
    out = []
    for p in docx.Document(str(path)).paragraphs:
        style = p.style.style_id if p.style is not None else ""
        if style in own:
            out.append((own[style], "own_line", p.text))
        elif style in run_in:
            level = run_in[style]
            head = "".join(r.text for r in p.runs if r.style is not None and r.style.style_id == _head_style_id(level))
            out.append((level, "run_in", head))
        elif style == L.BODY.style_id and p.text:
            out.append(("p", p.text))
    return out


def _new(service, genre_id, period, areas=("theory",)):
    rid = service.create_report(genre_id, unit="示例镇", period=period, date="2024-12-30", areas=list(areas))
    return service.load(rid)


def _set(service, report, values: dict[str, str]) -> None:
    for address, value in values.items():
        service.set_text(report, address, value)


def _export(service, report, tmp_path):
    path = tmp_path / "out.docx"
    write_docx(service.outline(service.load(report.id), OutlineOptions(figures_table=False)), path, fonts="standard")
    return path


def test_six_level_one_sections_in_an_order_no_genre_has(service, tmp_path):
    report = _new(service, "half_year", "2024H1")
    for sec in service.sections(report):
        service.remove_section(report, sec.key)
    for title in SIX:
        key = service.add_section(report, title=title).key
        item = service.add_item(report, key)
        _set(service, report, {f"item.{item.id}.heading": f"{title}扎实推进", f"item.{item.id}.body": "内容。"})
    got = [t for t in tree(_export(service, report, tmp_path)) if t[0] in (1, 2)]
    expected = []
    for n, title in enumerate(SIX):
        expected += [(1, "own_line", f"{'一二三四五六'[n]}、{title}"), (2, "run_in", f"（一）{title}扎实推进。")]
    assert got == expected


def test_lead_under_a_level_one_section_before_its_first_item(service, tmp_path):
    report = _new(service, "half_year", "2024H1")
    item = report.items["results"][0]
    _set(service, report, {"part.results.lead": "上半年，全镇宣传工作稳中有进。",
                           f"item.{item.id}.heading": "抓实理论学习", f"item.{item.id}.body": "学习6次。"})
    got = tree(_export(service, report, tmp_path))
    n = got.index((1, "own_line", "一、上半年宣传工作成效"))
    assert got[n + 1:n + 3] == [("p", "上半年，全镇宣传工作稳中有进。"), (2, "run_in", "（一）抓实理论学习。")]


def test_annual_summary_with_run_in_items_and_an_added_problems_section(service, tmp_path):
    report = _new(service, "annual_plan", "2024")
    service.set_heading_form(report, 2, "run_in")
    service.add_section(report, "problems")
    hl, problem, plan = report.items["highlights"][0], report.items["problems"][0], report.items["plan"][0]
    _set(service, report, {f"item.{hl.id}.heading": "理论武装持续深化", f"item.{hl.id}.body": "学习12次。",
                           f"item.{problem.id}.heading": "基层力量偏弱", f"item.{problem.id}.body": "兼职多。",
                           f"item.{plan.id}.heading": "深化理论武装", f"item.{plan.id}.body": "持续学习。"})
    got = [t for t in tree(_export(service, report, tmp_path)) if t[0] != "p"]
    assert got == [(1, "own_line", "一、2024年度工作亮点"), (2, "run_in", "（一）理论武装持续深化。"),
                   (1, "own_line", "二、存在的不足"), (2, "run_in", "（一）基层力量偏弱。"),
                   (1, "own_line", "三、2025年工作思路"), (2, "run_in", "（一）深化理论武装。")]


def test_one_is_to_four_is_each_its_own_paragraph_under_an_own_line_item(service, tmp_path):
    report = _new(service, "annual_plan", "2024")
    item = report.items["highlights"][0]
    _set(service, report, {f"item.{item.id}.heading": "突出学思践悟，理论武装持续深化"})
    service.add_enumeration(report, f"item.{item.id}", entries=["健全学习机制。", "完善宣讲体系。", "创新学习载体。",
                                                                "强化督促检查。"])
    got = tree(_export(service, report, tmp_path))
    n = got.index((2, "own_line", "（一）突出学思践悟，理论武装持续深化"))
    assert got[n + 1:n + 5] == [("p", "一是健全学习机制。"), ("p", "二是完善宣讲体系。"), ("p", "三是创新学习载体。"),
                                ("p", "四是强化督促检查。")]


def test_one_and_sub_one_under_a_run_in_item(service, tmp_path):
    report = _new(service, "half_year", "2024")
    item = report.items["problems"][0]
    point = service.add_item(report, "problems", parent=item.id)
    sub = service.add_item(report, "problems", parent=point.id)
    _set(service, report, {f"item.{item.id}.heading": "(1)队伍力量偏弱", f"item.{item.id}.body": "表现在：",
                           f"item.{point.id}.heading": "人员不足", f"item.{point.id}.body": "兼职多。",
                           f"item.{sub.id}.heading": "村级缺少专职", f"item.{sub.id}.body": "仅2名专职。"})
    got = [t for t in tree(_export(service, report, tmp_path)) if t[0] != "p"]
    assert got == [(1, "own_line", "一、存在的短板"), (2, "run_in", "（一）队伍力量偏弱。"),
                   (3, "run_in", "1.人员不足。"), (4, "run_in", "（1）村级缺少专职。")]
