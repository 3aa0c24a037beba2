"""The report's own structure: sections, heading forms, enumerations, their undo, and the outline shapes
real summaries need (issue: write to any outline)."""

from __future__ import annotations

import pytest

from models import outline
from models.findings import STYLE, WARNING
from models.outline import HEADING, ITEM
from models.structure import StructureError, restore

SIX = ["理论武装", "意识形态", "精神文明", "文明实践", "文明城市", "下半年思路"]


def _new(service, genre_id="half_year", period="2024H1", areas=("theory", "news")):
    rid = service.create_report(genre_id, unit="示例镇", period=period, date="2024-07-05", areas=list(areas))
    return service.load(rid)


def _text(service, report) -> list[str]:
    return outline.outline_text(service.outline(report))


def _stored_text(service, report) -> list[str]:
    return _text(service, service.load(report.id))


def _headings(service, report) -> list[tuple[int, str, str]]:
    """(level, kind, printed number + heading) of every heading in the body, in order."""
    return [(b.level, b.kind, f"{b.number}{b.heading}") for b in service.outline(report) if b.kind in (HEADING, ITEM)]


def _write(service, report, values: dict[str, str]) -> None:
    service.set_values(report.id, values)
    report.values.update(values)


def _undo_redo(service, report, change) -> None:
    """What the editor's undo stack does: undo (capturing the state to redo), then redo, then undo again."""
    done = _stored_text(service, report)
    after = service.capture_structure(report, change.before.touched)
    service.restore_structure(report, change.before)
    undone = _stored_text(service, report)
    service.restore_structure(report, after)
    assert _stored_text(service, report) == done
    service.restore_structure(report, change.before)
    assert _stored_text(service, report) == undone


# ------------------------------------------------------------------ sections


def test_a_new_report_keeps_the_genre_parts_without_storing_a_structure(service):
    report = _new(service)
    assert report.sections is None
    assert [s.key for s in service.sections(report)] == ["results", "problems", "next"]
    assert [p.key for p in service.genre_of(report).parts] == ["results", "problems", "next"]


def test_six_sections_in_an_order_no_genre_has(service):
    report = _new(service)
    for sec in service.sections(report):
        service.remove_section(report, sec.key)
    keys = []
    for title in SIX:
        keys.append(service.add_section(report, title=title).key)
    for key, title in zip(keys, SIX, strict=True):
        item = service.add_item(report, key)
        _write(service, report, {f"item.{item.id}.heading": f"{title}工作有序推进",
                                 f"item.{item.id}.body": f"围绕{title}开展工作。"})
    assert [h for h in _headings(service, report) if h[0] == 1] == [
        (1, HEADING, f"{n}{t}") for n, t in zip(["一、", "二、", "三、", "四、", "五、", "六、"], SIX, strict=True)]
    assert _stored_text(service, report) == _text(service, report)
    again = service.load(report.id)
    assert [s.part for s in again.sections] == [None] * 6


def test_reorder_rename_and_remove_with_undo(service):
    report = _new(service)
    _write(service, report, {"part.problems.lead": "存在一些不足。", "part.next.lead": "下步打算如下。"})
    change = service.move_section(report, "next", 0)
    assert [s.key for s in service.sections(report)] == ["next", "results", "problems"]
    text = _text(service, report)
    assert text[text.index("一、下步举措") + 1] == "下步打算如下。"
    _undo_redo(service, report, change)

    change = service.rename_section(report, "problems", "（二）不足及整改")
    assert change.note and "（二）" in change.note  # typed numbering removed on entry
    assert report.get("part.problems.title") == "不足及整改"
    assert "一、不足及整改" in _stored_text(service, report)  # 工作成效 has nothing written yet
    _undo_redo(service, report, change)

    assert service.section_has_text(report, "problems")
    change = service.remove_section(report, "problems")
    assert change.held_text
    assert not any("存在一些不足" in t for t in _stored_text(service, report))
    service.restore_structure(report, change.before)
    assert "存在一些不足。" in _stored_text(service, report)


def test_a_removed_required_part_is_no_refusal_and_no_finding(service):
    report = _new(service)
    service.remove_section(report, "problems")
    findings = service.check(service.load(report.id))
    assert not any(f.address.startswith("part.problems.") for f in findings)


def test_lead_paragraph_under_a_section_before_its_first_item(service):
    report = _new(service)  # 工作成效 declares no lead in the genre: any section may have one now
    first = report.items["results"][0]
    _write(service, report, {"part.results.lead": "上半年，全镇宣传工作稳中有进。",
                             f"item.{first.id}.heading": "抓实理论学习", f"item.{first.id}.body": "开展学习6次。"})
    text = _text(service, report)
    n = text.index("一、上半年宣传工作成效")
    assert text[n + 1:n + 3] == ["上半年，全镇宣传工作稳中有进。", "（一）抓实理论学习。开展学习6次。"]


def test_annual_genre_takes_a_problems_section_from_its_suggestions(service):
    report = _new(service, "annual_plan", "2024")
    suggested = {p.key: used for p, used in service.suggested_parts(report)}
    assert suggested == {"highlights": True, "problems": False, "plan": True}
    change = service.add_section(report, "problems")
    assert [s.key for s in service.sections(report)] == ["highlights", "problems", "plan"]
    items = report.items["problems"]
    assert len(items) == 2  # the part's default items
    _write(service, report, {f"item.{items[0].id}.heading": "基层宣传力量偏弱",
                             f"item.{items[0].id}.body": "部分乡镇宣传干部身兼数职。"})
    assert [h for h in _headings(service, report) if h[0] == 1] == [(1, HEADING, "一、存在的不足")]
    assert service.genre_of(report).part("problems").guide.guidance  # the part's guidance comes with it
    _undo_redo(service, report, change)


def test_blank_problems_section_added_to_an_annual_report(service):
    report = _new(service, "annual_plan", "2024")
    key = service.add_section(report, title="存在问题", index=1).key
    item = service.add_item(report, key)
    _write(service, report, {f"item.{item.id}.heading": "宣传阵地作用发挥不够",
                             f"item.{item.id}.body": "部分村宣传栏更新不及时。"})
    hl = report.items["highlights"][0]
    _write(service, report, {f"item.{hl.id}.heading": "理论武装持续深化", f"item.{hl.id}.body": "中心组学习12次。"})
    assert [h[2] for h in _headings(service, report) if h[0] == 1] == ["一、2024年度工作亮点", "二、存在问题"]


def test_bad_structure_requests_are_refused_in_chinese(service):
    report = _new(service)
    with pytest.raises(StructureError, match="没有可添加的部分"):
        service.add_section(report, "nonexistent")
    with pytest.raises(StructureError, match="没有找到"):
        service.remove_section(report, "nonexistent")
    with pytest.raises(StructureError, match="一级标题总是单独成行"):
        service.set_heading_form(report, 1, "run_in")
    with pytest.raises(StructureError, match="标题形式"):
        service.set_heading_form(report, 2, "sideways")
    assert service.load(report.id).sections is None  # nothing was changed


def test_an_empty_section_title_prints_no_heading_and_is_a_finding(service):
    report = _new(service)
    key = service.add_section(report, title="").key
    assert _text(service, report) == _text(service, service.load(report.id))
    findings = [f for f in service.check(report) if f.address == f"part.{key}.title"]
    assert findings and findings[0].severity == "warning"  # nothing in it: nothing printed
    item = service.add_item(report, key)
    _write(service, report, {f"item.{item.id}.heading": "有内容没有标题", f"item.{item.id}.body": "正文。"})
    assert not any(b.kind == HEADING and b.level == 1 and not b.heading for b in service.outline(report))
    assert "（一）有内容没有标题。正文。" in _text(service, report)
    findings = [f for f in service.check(report) if f.address == f"part.{key}.title"]
    assert findings and findings[0].severity == "error"


# ------------------------------------------------------------------ heading forms


def test_annual_summary_with_run_in_level_two(service):
    report = _new(service, "annual_plan", "2024")
    item = report.items["highlights"][0]
    point = service.add_item(report, "highlights", parent=item.id)
    _write(service, report, {f"item.{item.id}.heading": "突出学思践悟，理论武装持续深化",
                             f"item.{item.id}.body": "全年组织中心组学习12次。",
                             f"item.{point.id}.heading": "健全学习机制", f"item.{point.id}.body": "制定学习计划。"})
    assert _headings(service, report)[1] == (2, HEADING, "（一）突出学思践悟，理论武装持续深化")
    assert service.heading_forms(report)[2] == (None, "own_line")
    change = service.set_heading_form(report, 2, "run_in")
    assert _headings(service, report)[1:3] == [(2, ITEM, "（一）突出学思践悟，理论武装持续深化。"),
                                                (3, ITEM, "1.健全学习机制。")]
    assert "（一）突出学思践悟，理论武装持续深化。全年组织中心组学习12次。" in _stored_text(service, report)
    _undo_redo(service, report, change)
    service.set_heading_form(report, 2, "run_in")
    service.set_heading_form(report, 3, "own_line")
    assert service.load(report.id).heading_forms == {2: "run_in", 3: "own_line"}
    assert (3, HEADING, "1.健全学习机制") in _headings(service, report)
    service.set_heading_form(report, 2, None)  # back to the genre's forms
    assert _headings(service, report)[1][1] == HEADING


def test_run_in_genre_takes_an_annual_period_with_right_titles(service):
    for genre_id, title in (("half_year", "示例镇2024年宣传工作总结"),
                            ("half_year_plan", "示例镇2024年宣传思想工作总结暨2025年工作思路"),
                            ("media_centre", "示例镇2024年工作总结和下一步工作安排")):
        report = _new(service, genre_id, "2024")
        assert service.title(report) == title
        assert not any(f.address == "front.period" for f in service.check(report))
    annual_h1 = _new(service, "annual_plan", "2024H1")
    assert service.title(annual_h1) == "示例镇2024年上半年宣传工作总结及下半年工作计划"


def test_one_two_one_under_run_in_item(service):
    """1.（1） under a run-in （一）."""
    report = _new(service)
    item = report.items["problems"][0]
    point = service.add_item(report, "problems", parent=item.id)
    sub = service.add_item(report, "problems", parent=point.id)
    _write(service, report, {f"item.{item.id}.heading": "队伍力量偏弱", f"item.{item.id}.body": "主要表现在：",
                             f"item.{point.id}.heading": "人员不足", f"item.{point.id}.body": "兼职多。",
                             f"item.{sub.id}.heading": "村级缺少专职", f"item.{sub.id}.body": "18个村仅2名专职。"})
    assert [h for h in _headings(service, report) if h[0] > 1] == [
        (2, ITEM, "（一）队伍力量偏弱。"), (3, ITEM, "1.人员不足。"), (4, ITEM, "（1）村级缺少专职。")]


def test_typed_numbering_never_doubles_in_print(service):
    report = _new(service)
    item = report.items["problems"][0]
    point = service.add_item(report, "problems", parent=item.id)
    _write(service, report, {f"item.{item.id}.heading": "(1)队伍力量偏弱", f"item.{item.id}.body": "兼职多。",
                             f"item.{point.id}.heading": "1、人员不足", f"item.{point.id}.body": "缺专职。"})
    text = _text(service, report)
    assert "（一）队伍力量偏弱。兼职多。" in text and "1.人员不足。缺专职。" in text
    assert not any("(1)" in t or "1、" in t for t in text)
    fixes = [f for f in service.check(report) if "手工输入" in f.message]
    assert {f.address for f in fixes} == {f"item.{item.id}.heading", f"item.{point.id}.heading"}
    from models.structure_checks import numbering_fix

    assert numbering_fix(report, f"item.{item.id}.heading") == "队伍力量偏弱"
    entered = service.set_text(report, f"item.{point.id}.heading", "（二）人员不足")
    assert (entered.value, bool(entered.note)) == ("人员不足", True)
    assert service.load(report.id).get(f"item.{point.id}.heading") == "人员不足"
    assert service.set_text(report, f"item.{point.id}.body", "1.2万人次参与").value == "1.2万人次参与"


def test_a_heading_that_is_only_a_typed_number_is_an_error_not_a_silent_double(service):
    """"（三）" alone is kept (nothing would be left to print), so it prints "一、（三）": the checks say so."""
    report = _new(service)
    change = service.add_section(report, None, title="（三）", index=1)
    item = report.items["problems"][0]
    _write(service, report, {f"part.{change.key}.lead": "本部分的导语段。", f"item.{item.id}.heading": "2.",
                             f"item.{item.id}.body": "兼职多。"})
    headings = [h for _level, _kind, h in _headings(service, report)]
    assert "一、（三）" in headings and "（一）2.。" in headings  # what prints, and why the officer must be told
    only = [f for f in service.check(report) if f.rule == "numbering_only"]
    assert {f.address for f in only} == {f"part.{change.key}.title", f"item.{item.id}.heading"}
    assert all(f.severity == "error" and "只有编号" in f.message for f in only)
    assert any("一、（三）" in f.message and "这一部分的标题" in f.message for f in only)
    assert any("（一）2." in f.message and "这一条的标题" in f.message for f in only)
    assert not [f for f in service.check(report) if "手工输入" in f.message]


# ------------------------------------------------------------------ enumerations


def test_one_is_to_four_is_each_its_own_paragraph_under_an_own_line_item(service):
    report = _new(service, "annual_plan", "2024")
    item = report.items["highlights"][0]
    _write(service, report, {f"item.{item.id}.heading": "突出学思践悟，理论武装持续深化"})
    change = service.add_enumeration(report, f"item.{item.id}", entries=[
        "一是健全学习机制，全年组织中心组学习12次。", "完善宣讲体系，宣讲36场次。", "(3)创新学习载体。", "强化督促检查。"])
    assert "一是" in change.note  # the typed ordinals were removed
    text = _text(service, report)
    n = text.index("（一）突出学思践悟，理论武装持续深化")
    assert text[n + 1:n + 5] == ["一是健全学习机制，全年组织中心组学习12次。", "二是完善宣讲体系，宣讲36场次。",
                                 "三是创新学习载体。", "四是强化督促检查。"]
    assert _stored_text(service, report) == text
    _undo_redo(service, report, change)


def test_enumeration_renumbers_on_reorder_and_changes_style_and_layout(service):
    report = _new(service)
    item = report.items["results"][0]
    _write(service, report, {f"item.{item.id}.heading": "高位谋划部署，健全工作机制"})
    enum = service.add_enumeration(report, f"item.{item.id}", entries=["召开专题会议", "制定工作方案", "纳入考核"],
                                   layout="run_in").key
    assert "（一）高位谋划部署，健全工作机制。一是召开专题会议；二是制定工作方案；三是纳入考核。" in _text(service, report)
    entries = report.find_item(enum).children
    change = service.move_entry(report, entries[2].id, 0)
    assert "（一）高位谋划部署，健全工作机制。一是纳入考核；二是召开专题会议；三是制定工作方案。" in _stored_text(service, report)
    _undo_redo(service, report, change)
    service.set_enumeration(report, enum, style="seq")
    assert "（一）高位谋划部署，健全工作机制。首先，召开专题会议；其次，制定工作方案；最后，纳入考核。" in _stored_text(
        service, report)
    service.set_enumeration(report, enum, style="di", layout="own_line")
    text = _stored_text(service, report)
    assert text[text.index("（一）高位谋划部署，健全工作机制。") + 1] == "第一，召开专题会议。"
    added = service.add_entry(report, enum, "四是加强宣传", index=1)
    assert added.note
    assert "第二，加强宣传。" in _stored_text(service, report)
    removed = service.remove_node(report, added.key)
    assert removed.held_text
    assert "第二，制定工作方案。" in _stored_text(service, report)
    service.restore_structure(report, removed.before)
    assert "第二，加强宣传。" in _stored_text(service, report)


def test_mark_paragraphs_of_a_body_as_an_enumeration(service):
    report = _new(service)
    item = report.items["results"][0]
    _write(service, report, {f"item.{item.id}.heading": "抓实理论学习",
                             f"item.{item.id}.body": "主要做法：\n一是坚持每月学习。\n二是组建宣讲队。\n学习氛围更浓。"})
    before = _text(service, report)
    change = service.make_enumeration(report, f"item.{item.id}.body", 1, 2, layout="run_in")
    assert report.get(f"item.{item.id}.body") == "主要做法："
    after = _stored_text(service, report)
    joined = "（一）抓实理论学习。主要做法：一是坚持每月学习。二是组建宣讲队。"  # the officer's 。 kept
    assert after[after.index(joined) + 1] == "学习氛围更浓。"
    _undo_redo(service, report, change)
    assert _stored_text(service, report) == before
    change = service.make_enumeration(report, f"item.{item.id}.body", 1, 2)  # each on its own line
    assert _stored_text(service, report) == before  # the print is the one the officer typed
    dissolved = service.dissolve_enumeration(report, change.key)
    assert _stored_text(service, report) == before
    assert report.get(f"item.{item.id}.body").split("\n")[1] == "一是坚持每月学习。"
    service.restore_structure(report, dissolved.before)
    assert report.find_item(change.key) is not None


def test_section_level_enumeration_after_a_lead_ending_with_a_colon(service):
    report = _new(service, "half_year_plan")
    _write(service, report, {"part.theory.lead": "上半年理论武装重点抓了三件事："})
    service.add_enumeration(report, "part.theory", entries=["中心组学习5次", "宣讲22场次", "开设理论专栏"],
                            layout="run_in")
    text = _text(service, report)
    assert text[text.index("一、抓实理论武装，筑牢思想根基") + 1] == (
        "上半年理论武装重点抓了三件事：一是中心组学习5次；二是宣讲22场次；三是开设理论专栏。")


def test_empty_enumeration_prints_nothing_and_is_a_finding(service):
    report = _new(service)
    item = report.items["results"][0]
    _write(service, report, {f"item.{item.id}.heading": "抓实理论学习", f"item.{item.id}.body": "学习6次。"})
    before = _text(service, report)
    enum = service.add_enumeration(report, f"item.{item.id}").key
    assert _text(service, report) == before
    assert any(f.address == f"item.{enum}.body" and "没有内容" in f.message for f in service.check(report))
    seq = service.add_enumeration(report, f"item.{item.id}", style="seq", entries=list("甲乙丙丁戊")).key
    assert any("适合4项以内" in f.message for f in service.check(report))
    assert "此外，丁。" in _text(service, report) and "最后，戊。" in _text(service, report)
    service.remove_node(report, seq)
    service.remove_node(report, enum)
    assert _stored_text(service, report) == before


def test_an_enumeration_of_one_entry_is_a_style_warning(service):
    report = _new(service)
    item = report.items["results"][0]
    _write(service, report, {f"item.{item.id}.heading": "抓实理论学习"})
    enum = service.add_enumeration(report, f"item.{item.id}", entries=["坚持每月学习"]).key
    entries = report.find_item(enum).children
    assert "一是坚持每月学习。" in _text(service, report)
    lone = [f for f in service.check(report) if f.rule == "lone_entry"]
    assert len(lone) == 1 and lone[0].address == f"item.{entries[0].id}.body"
    assert lone[0].message == "列举只有一项“一是”，读起来缺了下文：再加一项，或取消列举改成普通段落"
    assert lone[0].severity == WARNING and lone[0].kind == STYLE
    service.set_enumeration(report, enum, style="di")  # the message names the ordinal that prints
    assert [f.message for f in service.check(report) if f.rule == "lone_entry"] == [
        "列举只有一项“第一”，读起来缺了下文：再加一项，或取消列举改成普通段落"]
    service.add_entry(report, enum, "组建宣讲队")
    assert not [f for f in service.check(report) if f.rule == "lone_entry"]


def test_enumeration_cannot_hold_an_enumeration(service):
    report = _new(service)
    enum = service.add_enumeration(report, "part.results", entries=["甲"]).key
    with pytest.raises(StructureError, match="列举里不能再放列举"):
        service.add_enumeration(report, f"item.{enum}")
    with pytest.raises(StructureError, match="列举的序号"):
        service.add_enumeration(report, "part.results", style="abc")
    with pytest.raises(StructureError, match="设为列举的段落"):
        service.make_enumeration(report, "part.results.lead", 0, 0)


def test_in_memory_reports_take_structure_changes_without_a_store(library):
    from models import structure
    from models.report import Report

    genre = library.get("half_year")
    report = Report(genre_id=genre.id, genre_version=genre.version)
    change = structure.add_section(None, report, title="基础情况", index=0, genre=genre)
    assert [s.part for s in report.sections][:2] == [None, "results"]
    restore(None, report, change.before)
    assert report.sections is None
