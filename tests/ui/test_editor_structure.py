"""Adding, moving and removing items: numbering in the navigator and the preview follows, undo restores."""

from __future__ import annotations

from tests.ui.editor_helpers import item_ids, new_report, open_editor, stored, type_text
from ui.editor.sections import item_key, part_key
from ui.qt import QAction, QKeySequence, Qt


def nav_titles(editor, part: str) -> list[str]:
    top = editor.navigator._items[part_key(part)]
    return [top.child(n).text(0) for n in range(top.childCount())]


def fill_problems(editor, service, rid, headings: list[str]) -> list[str]:
    ids = item_ids(service, rid, "problems")
    for item_id, heading in zip(ids, headings, strict=False):
        editor.show_section(item_key(item_id))
        editor.form.fields[f"item.{item_id}.heading"].setText(heading)
        editor.form.fields[f"item.{item_id}.body"].setPlainText(f"{heading}的具体表现。")
    editor.refresh()
    return ids


def test_add_move_remove_renumbers_navigator_and_preview(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.set_preview_visible(True)
    first, second = fill_problems(editor, service, rid, ["队伍力量偏弱", "阵地作用不足"])

    # 添加一条 from the part's list, after the first item
    editor.show_section(part_key("problems"))
    editor.form.children_list.select(first)
    new = editor.add_item(part_key("problems"), after=first)
    assert editor.current == item_key(new)  # the new item opens, ready to type
    type_text(editor.form.fields[f"item.{new}.heading"], "宣传手段单一")
    editor.form.fields[f"item.{new}.body"].setPlainText("形式较少。")
    editor.refresh()
    assert nav_titles(editor, "problems") == ["（一）队伍力量偏弱", "（二）宣传手段单一", "（三）阵地作用不足"]
    assert item_ids(service, rid, "problems") == [first, new, second]  # stored at once

    # 下移 the new one: numbering follows immediately, in the list, the navigator and the preview
    editor.show_section(part_key("problems"))
    editor.form.children_list.select(new)
    editor.form.children_list.down.click()
    assert nav_titles(editor, "problems") == ["（一）队伍力量偏弱", "（二）阵地作用不足", "（三）宣传手段单一"]
    rows = [editor.form.children_list.list.item(n).text() for n in range(editor.form.children_list.list.count())]
    assert rows == ["（一）队伍力量偏弱", "（二）阵地作用不足", "（三）宣传手段单一"]
    text = editor.preview.plain_text()
    assert text.index("（一）队伍力量偏弱") < text.index("（二）阵地作用不足") < text.index("（三）宣传手段单一")

    # 删除 (confirmed): the rest closes up
    message_log.answer = True
    editor.form.children_list.select(first)
    editor.form.children_list.remove.click()
    assert "confirm" in message_log.kinds()
    assert nav_titles(editor, "problems") == ["（一）阵地作用不足", "（二）宣传手段单一"]
    assert item_ids(service, rid, "problems") == [second, new]
    text = editor.preview.plain_text()
    assert "队伍力量偏弱" not in text
    assert text.index("（一）阵地作用不足") < text.index("（二）宣传手段单一")


def test_undo_of_remove_restores_item_and_its_text(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    first, second = fill_problems(editor, service, rid, ["队伍力量偏弱", "阵地作用不足"])
    editor.show_section(part_key("problems"))
    message_log.answer = True

    assert editor.remove_item(first)
    assert item_ids(service, rid, "problems") == [second]
    assert stored(service, rid, f"item.{first}.heading") == ""

    editor.setFocus()  # no text field focused: Ctrl+Z undoes the removal
    editor.undo()

    assert item_ids(service, rid, "problems") == [first, second]
    assert stored(service, rid, f"item.{first}.heading") == "队伍力量偏弱"
    assert stored(service, rid, f"item.{first}.body") == "队伍力量偏弱的具体表现。"
    assert nav_titles(editor, "problems") == ["（一）队伍力量偏弱", "（二）阵地作用不足"]
    assert editor.form.children_list.current_id() == first

    editor.redo()
    assert item_ids(service, rid, "problems") == [second]


def test_removing_an_empty_item_needs_no_confirmation_and_cancel_keeps_it(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    first, second = fill_problems(editor, service, rid, ["队伍力量偏弱"])

    assert editor.remove_item(second)  # empty: removed without asking
    assert message_log.calls == []
    message_log.answer = False
    assert not editor.remove_item(first)  # has text: asked, and the officer said 取消
    assert item_ids(service, rid, "problems") == [first]


def test_undo_goes_to_the_focused_field_first(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("next"))
    added = editor.add_item(part_key("next"))
    heading = editor.form.fields[f"item.{added}.heading"]
    type_text(heading, "加强队伍培训")
    assert heading.hasFocus()

    editor.undo()  # undoes the typing, not the added item
    assert heading.value() == ""
    assert added in item_ids(service, rid, "next")

    editor.undo()  # nothing left to undo in the field: the structural stack
    assert added not in item_ids(service, rid, "next")
    assert editor.current == part_key("next")


def test_points_can_be_added_under_an_item_when_the_genre_allows(qtbot, service):
    rid = new_report(service)
    theory = item_ids(service, rid, "results")[0]
    problem = item_ids(service, rid, "problems")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(problem))
    # every section takes levels 3 and 4 now (1.（1） under a （一） of 存在的短板 too)
    assert editor.form.children_list is not None

    editor.show_section(item_key(theory))
    editor.form.fields[f"item.{theory}.heading"].setText("抓实理论学习")
    point = editor.add_item(item_key(theory))
    editor.form.fields[f"item.{point}.heading"].setText("建强宣讲队伍")
    editor.form.fields[f"item.{point}.body"].setPlainText("组建田埂宣讲队。")
    editor.refresh()

    top = editor.navigator._items[item_key(theory)]
    assert top.child(0).text(0) == "1.建强宣讲队伍"
    assert service.load(rid).find_item(point).parent == theory


def test_add_from_a_work_area_brings_its_figures(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("results"))
    new = editor.add_item(part_key("results"), area="new_media")
    assert [f.key for f in service.load(rid).find_item(new).figures] == ["posts", "views", "followers"]
    assert f"item.{new}.fig.posts" in editor.form.fields


def test_ctrl_z_key_in_a_field_undoes_typing_then_the_last_structural_change(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    undo_action = QAction(editor)  # what the main window's 编辑 › 撤销 does
    undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    undo_action.triggered.connect(editor.undo)
    editor.addAction(undo_action)
    editor.show_section(part_key("next"))
    added = editor.add_item(part_key("next"))
    heading = editor.form.fields[f"item.{added}.heading"]
    type_text(heading, "加强队伍培训")

    qtbot.keyClick(heading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert heading.value() == ""
    assert added in item_ids(service, rid, "next")

    qtbot.keyClick(heading, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert added not in item_ids(service, rid, "next")


def test_ctrl_z_key_without_a_window_action_still_undoes_typing(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    intro = editor.form.fields["intro"]
    type_text(intro, "导语")
    qtbot.keyClick(intro, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert intro.value() == ""
