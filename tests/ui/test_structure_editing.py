"""The officer shapes the structure in the editor's widgets (page buttons, the 添加部分 menu, the
navigator's menu, the heading-form pickers, the enumeration box), and the exported .docx prints
exactly the heading tree that was entered (read back with python-docx)."""

from __future__ import annotations

from export.docx import write_docx
from models.outline import OutlineOptions
from tests.export.test_structure_headings import tree
from tests.ui.editor_helpers import new_report, open_editor, stored, type_text
from ui.editor.navigator import drop_index
from ui.editor.sections import INTRO, item_key, part_key
from ui.qt import Qt, QTextCursor

SIX = ["理论武装", "意识形态", "精神文明", "文明实践", "文明城市", "下半年思路"]


def export_tree(service, rid, tmp_path) -> list[tuple]:
    path = tmp_path / "out.docx"
    write_docx(service.outline(service.load(rid), OutlineOptions(figures_table=False)), path, fonts="standard")
    return tree(path)


def headings(got: list[tuple]) -> list[tuple]:
    return [t for t in got if t[0] != "p"]


def trigger(menu, text: str) -> None:
    """Click the entry of a menu (or of its submenus) whose text starts with ``text``."""
    for action in menu.actions():
        if action.menu() is not None:
            try:
                trigger(action.menu(), text)
                return
            except LookupError:
                continue
        if action.text().startswith(text) and action.isEnabled():
            action.trigger()
            return
    raise LookupError(text)


def add_menu(editor):
    """The 添加部分 menu of the page shown (its button), else that of the button under the navigator."""
    button = editor.form.add_section_button
    return button.menu() if button is not None else editor._add_section_menu_here(editor)


def part_keys(editor) -> list[str]:
    return [p.key for p in editor.genre.parts]


def titles(editor) -> list[str]:
    return [s.title for s in editor.sections if s.key.startswith("part:")]


def fill_item(editor, item_id: str, heading: str, body: str) -> None:
    editor.show_section(item_key(item_id))
    type_text(editor.form.fields[f"item.{item_id}.heading"], heading)
    editor.form.fields[f"item.{item_id}.body"].setPlainText(body)
    editor.flush()


def select_lines(field, first: int, last: int) -> None:
    doc = field.document()
    cursor = field.textCursor()
    cursor.setPosition(doc.findBlockByNumber(first).position())
    end = doc.findBlockByNumber(last)
    cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    field.setTextCursor(cursor)


# ------------------------------------------------------------------ the shapes of issue 9


def test_six_level_one_sections_in_an_order_no_genre_has(qtbot, service, message_log, tmp_path):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    message_log.answer = True
    while part_keys(editor):  # every suggested section removed from its own page
        editor.show_section(part_key(part_keys(editor)[0]))
        editor.form.remove_button.click()
    assert editor.current == INTRO and titles(editor) == []
    for title in SIX:
        trigger(add_menu(editor), "空白部分")
        key = editor.current.split(":", 1)[1]
        type_text(editor.form.fields[f"part.{key}.title"], title)
        editor.form.children_list.add.click()  # 添加一条: its page opens
        item_id = editor.current.split(":", 1)[1]
        type_text(editor.form.fields[f"item.{item_id}.heading"], f"{title}扎实推进")
        editor.form.fields[f"item.{item_id}.body"].setPlainText("具体做法和成效。")
        editor.flush()
        editor.show_section(part_key(key))
    assert [t.split("、", 1)[1] for t in titles(editor)] == SIX
    expected = []
    for n, title in enumerate(SIX):
        expected += [(1, "own_line", f"{'一二三四五六'[n]}、{title}"), (2, "run_in", f"（一）{title}扎实推进。")]
    assert headings(export_tree(service, rid, tmp_path)) == expected


def test_lead_paragraph_under_a_section_before_its_first_item(qtbot, service, tmp_path):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("results"))
    editor.form.fields["part.results.lead"].setPlainText("上半年，全镇宣传工作稳中有进。")
    first = service.load(rid).items["results"][0].id
    fill_item(editor, first, "抓实理论学习", "学习6次。")
    got = export_tree(service, rid, tmp_path)
    n = got.index((1, "own_line", "一、上半年宣传工作成效"))
    assert got[n + 1:n + 3] == [("p", "上半年，全镇宣传工作稳中有进。"), (2, "run_in", "（一）抓实理论学习。")]


def test_annual_summary_with_run_in_items_and_an_added_problems_section(qtbot, service, tmp_path):
    rid = service.create_report("annual_plan", unit="示例镇", period="2024", date="2024-12-30", areas=["theory"])
    editor = open_editor(qtbot, service, rid)
    editor.show_section("front")
    combo = editor.form.form_combos[2]
    assert combo.currentText() == "按体裁默认（单独成行）"
    combo.setCurrentIndex(combo.findData("run_in"))  # 二级标题：与正文连排
    assert editor.genre.part("highlights").items.style == "run_in"
    assert editor.form.form_combos[2].currentData() == "run_in"  # the page rebuilt shows the choice
    assert editor.undo_stack.undoText() == "修改标题形式"
    editor.setFocus()
    editor.undo()
    assert editor.current == "front" and editor.form.form_combos[2].currentData() == ""
    assert editor.genre.part("highlights").items.style == "own_line"
    editor.redo()
    assert editor.form.form_combos[2].currentData() == "run_in"

    editor.show_section(part_key("highlights"))
    menu = add_menu(editor)
    assert [a.text() for a in menu.actions() if a.text()][:3] == ["2024年度工作亮点（已有）", "存在的不足",
                                                                 "2025年工作思路（已有）"]
    trigger(menu, "存在的不足")
    assert titles(editor) == ["一、2024年度工作亮点", "二、存在的不足", "三、2025年工作思路"]
    report = service.load(rid)
    fill_item(editor, report.items["highlights"][0].id, "理论武装持续深化", "学习12次。")
    fill_item(editor, report.items["problems"][0].id, "基层力量偏弱", "兼职多。")
    fill_item(editor, report.items["plan"][0].id, "深化理论武装", "持续学习。")
    assert headings(export_tree(service, rid, tmp_path)) == [
        (1, "own_line", "一、2024年度工作亮点"), (2, "run_in", "（一）理论武装持续深化。"),
        (1, "own_line", "二、存在的不足"), (2, "run_in", "（一）基层力量偏弱。"),
        (1, "own_line", "三、2025年工作思路"), (2, "run_in", "（一）深化理论武装。")]


def test_one_is_to_four_is_each_its_own_paragraph_under_an_own_line_item(qtbot, service, tmp_path):
    rid = service.create_report("annual_plan", unit="示例镇", period="2024", date="2024-12-30", areas=["theory"])
    editor = open_editor(qtbot, service, rid)
    item = service.load(rid).items["highlights"][0].id
    fill_item(editor, item, "突出学思践悟，理论武装持续深化",
              "主要做法：\n一是健全学习机制\n二是完善宣讲体系\n三是创新学习载体\n四是强化督促检查")
    body = editor.form.fields[f"item.{item}.body"]
    select_lines(body, 1, 4)
    editor.form.make_enum_button.click()  # 设为列举

    assert editor.undo_stack.undoText() == "设为列举"
    box = editor.form.enum_boxes[0]
    assert [label.text() for label in box.ordinals] == ["一是", "二是", "三是", "四是"]
    assert box.note.isVisible() and "一是" in box.note.text()  # the typed ordinals were taken off, and it says so
    assert [f.value() for a, f in box.fields.items() if a != f"item.{box.enum.id}.body"] == [
        "健全学习机制", "完善宣讲体系", "创新学习载体", "强化督促检查"]
    assert editor.form.fields[f"item.{item}.body"].value() == "主要做法："
    editor.setFocus()
    editor.undo()  # the paragraphs come back as they were typed
    assert editor.form.enum_boxes == []
    assert stored(service, rid, f"item.{item}.body").split("\n")[1] == "一是健全学习机制"
    editor.redo()
    assert len(editor.form.enum_boxes[0].enum.children) == 4
    got = export_tree(service, rid, tmp_path)
    n = got.index((2, "own_line", "（一）突出学思践悟，理论武装持续深化"))
    assert got[n + 1:n + 6] == [("p", "主要做法："), ("p", "一是健全学习机制。"), ("p", "二是完善宣讲体系。"),
                                ("p", "三是创新学习载体。"), ("p", "四是强化督促检查。")]


def test_one_and_sub_one_under_a_run_in_item(qtbot, service, tmp_path):
    rid = service.create_report("half_year", unit="示例镇", period="2024", date="2024-12-30", areas=["theory"])
    editor = open_editor(qtbot, service, rid)
    item = service.load(rid).items["problems"][0].id
    fill_item(editor, item, "(1)队伍力量偏弱", "表现在：")
    assert editor.form.fields[f"item.{item}.heading"].value() == "队伍力量偏弱"  # typed "(1)" taken off
    editor.form.children_list.add.click()  # 添加一点
    point = editor.current.split(":", 1)[1]
    fill_item(editor, point, "人员不足", "兼职多。")
    editor.form.children_list.add.click()  # a (1) under the 1.
    sub = editor.current.split(":", 1)[1]
    fill_item(editor, sub, "村级缺少专职", "仅2名专职。")
    assert headings(export_tree(service, rid, tmp_path)) == [
        (1, "own_line", "一、存在的短板"), (2, "run_in", "（一）队伍力量偏弱。"),
        (3, "run_in", "1.人员不足。"), (4, "run_in", "（1）村级缺少专职。")]


# ------------------------------------------------------------------ typed numbering


def test_typed_numbering_is_taken_off_on_entry_with_a_visible_note(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    item = service.load(rid).items["problems"][0].id
    editor.show_section(item_key(item))
    heading = editor.form.fields[f"item.{item}.heading"]
    type_text(heading, "（一）队伍力量偏弱")
    note = editor.form.notes[f"item.{item}.heading"]
    assert not note.isVisible()
    editor.flush()
    assert heading.value() == "队伍力量偏弱"
    assert stored(service, rid, f"item.{item}.heading") == "队伍力量偏弱"
    assert note.isVisible() and "（一）" in note.text() and "自动生成" in note.text()
    heading.setFocus()
    heading.undo()  # the field's own undo brings the typed number back, if the officer really wants it
    assert heading.value() == "（一）队伍力量偏弱"

    editor.show_section(part_key("problems"))
    title = editor.form.fields["part.problems.title"]
    type_text(title, "二、存在的主要问题")
    editor.flush()
    assert title.value() == "存在的主要问题"
    assert "二、" in editor.form.notes["part.problems.title"].text()

    editor.form.add_enum_button.click()  # 添加列举: two empty entries
    entry = editor.form.enum_boxes[0].enum.children[0].id
    type_text(editor.form.fields[f"item.{entry}.body"], "一是学习不够深入")
    editor.flush()
    assert stored(service, rid, f"item.{entry}.body") == "学习不够深入"
    assert editor.form.enum_boxes[0].notes[f"item.{entry}.body"].isVisible()


# ------------------------------------------------------------------ enumerations


def test_enumeration_entries_added_moved_removed_restyled_and_dissolved_with_undo(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("next"))
    editor.form.add_enum_button.click()
    box = editor.form.enum_boxes[0]
    first, second = (e.id for e in box.enum.children)
    type_text(editor.form.fields[f"item.{first}.body"], "加强理论学习")
    type_text(editor.form.fields[f"item.{second}.body"], "做强新闻宣传")
    editor.flush()

    box.add_button.click()  # 添加一项: the new entry's field has the focus
    box = editor.form.enum_boxes[0]
    third = box.enum.children[2].id
    assert [label.text() for label in box.ordinals] == ["一是", "二是", "三是"]
    type_text(editor.form.fields[f"item.{third}.body"], "深化文明创建")
    editor.flush()

    box.entry_buttons[2][0].click()  # 上移 the third: ordinals renumber
    box = editor.form.enum_boxes[0]
    assert [e.id for e in box.enum.children] == [first, third, second]
    assert editor.undo_stack.undoText() == "调整列举顺序"

    box.style_combo.setCurrentIndex(box.style_combo.findData("di"))  # 第一，第二，
    box = editor.form.enum_boxes[0]
    assert [label.text() for label in box.ordinals] == ["第一，", "第二，", "第三，"]
    box.layout_combo.setCurrentIndex(box.layout_combo.findData("run_in"))  # 连成一段
    text = [b.plain for b in service.outline(service.load(rid))]
    assert "第一，加强理论学习；第二，深化文明创建；第三，做强新闻宣传。" in text

    message_log.answer = False
    editor.form.enum_boxes[0].entry_buttons[0][2].click()  # 删除 an entry with text asks first
    assert "这一项有6字内容" in message_log.texts()
    assert len(editor.form.enum_boxes[0].enum.children) == 3
    message_log.answer = True
    editor.form.enum_boxes[0].entry_buttons[0][2].click()
    assert [e.id for e in editor.form.enum_boxes[0].enum.children] == [third, second]

    editor.form.enum_boxes[0].dissolve_button.click()  # 取消列举: back to the lead, ordinals written out
    assert editor.form.enum_boxes == []
    assert stored(service, rid, "part.next.lead") == "第一，深化文明创建；第二，做强新闻宣传。"

    for label in ("取消列举", "删除一项", "修改列举", "修改列举", "调整列举顺序", "添加一项"):
        assert editor.undo_stack.undoText() == label
        editor.undo()
    box = editor.form.enum_boxes[0]
    assert [e.id for e in box.enum.children] == [first, second]
    assert (box.style_combo.currentData(), box.layout_combo.currentData()) == ("shi", "own_line")
    assert stored(service, rid, "part.next.lead") == ""
    editor.redo()  # 添加一项 again: the same entry, empty
    assert [e.id for e in editor.form.enum_boxes[0].enum.children] == [first, second, third]


# ------------------------------------------------------------------ sections and items, undo


def test_section_add_rename_move_remove_from_its_page_with_undo_and_redo(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("results"))
    trigger(editor.form.add_section_button.menu(), "空白部分")  # after 一、
    key = editor.current.split(":", 1)[1]
    assert editor.undo_stack.undoText() == "添加部分"
    assert editor.form.fields[f"part.{key}.title"].hasFocus()
    type_text(editor.form.fields[f"part.{key}.title"], "基础情况")
    editor.form.fields[f"part.{key}.lead"].setPlainText("全镇共有18个村、3个社区。")
    editor.flush()
    editor.refresh()  # what the pause after typing does
    assert titles(editor) == ["一、上半年宣传工作成效", "二、基础情况", "三、存在的短板", "四、下步举措"]

    editor.form.up_button.click()
    assert titles(editor)[0] == "一、基础情况" and editor.current == part_key(key)
    assert not editor.form.up_button.isEnabled()
    editor.form.down_button.click()
    editor.form.down_button.click()
    assert titles(editor)[2] == "三、基础情况"
    assert editor.undo_stack.undoText() == "调整部分顺序"

    message_log.answer = False
    editor.form.remove_button.click()
    assert message_log.calls[-1][2].startswith("这一部分有14字内容，删除后可以撤销（Ctrl+Z）。确定删除？")
    assert "三、基础情况" in titles(editor)  # not removed: the officer said no
    message_log.answer = True
    editor.form.remove_button.click()
    assert "基础情况" not in "".join(titles(editor))
    assert editor.current == part_key("next")  # the section that took its place

    editor.setFocus()
    for label in ("删除部分", "调整部分顺序", "调整部分顺序", "调整部分顺序"):
        assert editor.undo_stack.undoText() == label
        editor.undo()
    assert titles(editor) == ["一、上半年宣传工作成效", "二、基础情况", "三、存在的短板", "四、下步举措"]
    assert stored(service, rid, f"part.{key}.lead") == "全镇共有18个村、3个社区。"
    editor.undo()  # 添加部分
    assert titles(editor) == ["一、上半年宣传工作成效", "二、存在的短板", "三、下步举措"]
    editor.redo()
    editor.redo()
    assert titles(editor)[0] == "一、基础情况"
    assert stored(service, rid, f"part.{key}.title") == "基础情况"


def test_removing_an_empty_section_or_item_never_asks(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    first = service.load(rid).items["problems"][0].id
    editor.show_section(item_key(first))
    editor.form.remove_button.click()
    editor.show_section(part_key("next"))
    editor.form.remove_button.click()
    assert message_log.calls == []
    assert first not in [i.id for i in service.load(rid).items["problems"]]
    assert titles(editor) == ["一、上半年宣传工作成效", "二、存在的短板"]


def test_items_move_and_remove_on_their_own_page_with_undo(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    first, second = (i.id for i in service.load(rid).items["problems"])
    fill_item(editor, first, "队伍力量偏弱", "兼职多。")
    fill_item(editor, second, "阵地作用不足", "利用率低。")
    editor.show_section(item_key(first))
    assert not editor.form.up_button.isEnabled()
    editor.form.down_button.click()
    assert [i.id for i in service.load(rid).items["problems"]] == [second, first]
    assert editor.current == item_key(first) and editor.form.header.text() == "（二）队伍力量偏弱"
    message_log.answer = True
    editor.form.remove_button.click()  # it holds text: asks
    assert message_log.kinds() == ["confirm"]
    assert [i.id for i in service.load(rid).items["problems"]] == [second]
    editor.setFocus()
    editor.undo()
    editor.undo()
    assert [i.id for i in service.load(rid).items["problems"]] == [first, second]
    assert stored(service, rid, f"item.{first}.body") == "兼职多。"


def test_navigator_context_menu(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    menu = editor.section_menu(part_key("problems"))
    names = [a.text() for a in menu.actions() if a.text()]
    assert names == ["添加条目", "上移", "下移", "添加部分", "删除部分"]
    first = service.load(rid).items["problems"][0].id
    item_names = [a.text() for a in editor.section_menu(item_key(first)).actions() if a.text()]
    assert item_names == ["添加条目", "添加下一级", "上移", "下移", "删除", "添加部分"]

    trigger(editor.section_menu(part_key("problems")), "上移")
    assert titles(editor)[0] == "一、存在的短板"
    trigger(editor.section_menu(item_key(first)), "添加条目")  # after the item, its page opens
    new = editor.current.split(":", 1)[1]
    assert [i.id for i in service.load(rid).items["problems"]][:2] == [first, new]
    trigger(editor.section_menu(item_key(new)), "删除")  # empty: no question
    trigger(editor.section_menu("intro"), "空白部分")  # from 导语: the new section comes first
    assert titles(editor)[0].startswith("一、") and editor.current == part_key(part_keys(editor)[0])
    trigger(editor.section_menu(part_key(part_keys(editor)[0])), "删除部分")
    assert message_log.calls == []
    assert titles(editor)[0] == "一、存在的短板"
    assert editor.undo_stack.undoText() == "删除部分"


def test_undo_and_redo_are_named_in_the_edit_menu(qtbot, service):
    from ui.mainwindow import MainWindow

    rid = new_report(service)
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    window.open_report(rid)
    editor = window.editor
    editor.show_section(part_key("results"))
    trigger(editor.form.add_section_button.menu(), "空白部分")
    editor.setFocus()
    window._update_undo_texts()
    assert window.undo_action.text() == "撤销：添加部分(&U)"
    window.undo()
    window._update_undo_texts()
    assert window.redo_action.text() == "重做：添加部分(&R)"


def test_a_section_dragged_in_the_navigator_moves_through_the_undo_stack(qtbot, service):
    from PySide6.QtCore import QMimeData, QPointF
    from PySide6.QtGui import QDropEvent

    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    nav = editor.navigator
    nav.setCurrentItem(nav._items[part_key("next")])  # the dragged row is the current one
    target = nav.visualItemRect(nav._items[part_key("results")])
    event = QDropEvent(QPointF(target.center().x(), target.top() + 2), Qt.DropAction.MoveAction, QMimeData(),
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    nav.dropEvent(event)
    assert titles(editor) == ["一、下步举措", "二、上半年宣传工作成效", "三、存在的短板"]
    assert event.dropAction() == Qt.DropAction.IgnoreAction  # Qt itself removes nothing from the tree
    assert editor.undo_stack.undoText() == "调整部分顺序"


def test_a_dragged_section_lands_where_it_is_dropped():
    parts = ["a", "b", "c", "d"]
    assert drop_index(parts, "d", "a", below=False) == 0
    assert drop_index(parts, "a", "c", below=True) == 2
    assert drop_index(parts, "b", "d", below=True) == 3
    assert drop_index(parts, "c", "b", below=False) == 1


def test_stored_typed_numbering_is_fixed_with_one_click_in_the_checks_panel(qtbot, service):
    rid = new_report(service)
    item = service.load(rid).items["problems"][0].id
    service.set_value(rid, f"item.{item}.heading", "（一）队伍力量偏弱")  # as written before this release
    editor = open_editor(qtbot, service, rid)
    row = next(n for n, f in enumerate(editor.checks.findings) if f.rule == "numbering")
    assert editor.checks.findings[row].fix == ""
    fix = editor.checks.rows()[row].fix_button  # the row's 修正
    assert fix.isVisibleTo(editor.checks)
    fix.click()
    assert stored(service, rid, f"item.{item}.heading") == "队伍力量偏弱"
    assert not any(f.rule == "numbering" for f in editor.findings)
