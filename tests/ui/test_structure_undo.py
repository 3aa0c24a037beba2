"""Structure changes of the service go through the editor's undo stack (ui/editor/undo.py StructureOp):
the navigator follows the report's sections, and undo / redo put sections and their text back."""

from __future__ import annotations

from tests.ui.editor_helpers import new_report, open_editor
from ui.editor.sections import part_key


def _titles(editor) -> list[str]:
    return [s.title for s in editor.sections if s.key.startswith("part:")]


def test_add_move_remove_sections_with_undo(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    change = editor.change_structure(lambda svc, report: svc.add_section(report, title="基础情况", index=0))
    assert change is not None and editor.undo_stack.undoText() == "添加部分"
    assert _titles(editor)[0] == "一、基础情况"
    assert editor.current == part_key(change.key)
    editor.report.values[f"part.{change.key}.lead"] = "全镇共有18个村。"
    service.set_value(rid, f"part.{change.key}.lead", "全镇共有18个村。")

    editor.change_structure(lambda svc, report: svc.move_section(report, change.key, 3))
    assert _titles(editor)[-1] == "四、基础情况"
    removed = editor.change_structure(lambda svc, report: svc.remove_section(report, change.key))
    assert removed.held_text and "基础情况" not in "".join(_titles(editor))

    editor.undo_stack.undo()  # the removal
    assert _titles(editor)[-1] == "四、基础情况"
    assert service.load(rid).get(f"part.{change.key}.lead") == "全镇共有18个村。"
    editor.undo_stack.undo()  # the move
    editor.undo_stack.undo()  # the addition
    assert _titles(editor) == ["一、上半年宣传工作成效", "二、存在的短板", "三、下步举措"]
    assert service.load(rid).sections is None  # back to the genre's parts, nothing stored
    editor.undo_stack.redo()
    assert _titles(editor)[0] == "一、基础情况"


def test_heading_form_and_enumeration_through_the_undo_stack(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    item = service.load(rid).items["results"][0]
    editor.change_structure(lambda svc, report: svc.set_heading_form(report, 2, "own_line"))
    assert editor.genre.part("results").items.style == "own_line"
    enum = editor.change_structure(lambda svc, report: svc.add_enumeration(
        report, f"item.{item.id}", entries=["一是召开会议", "制定方案"]))
    assert enum.note
    text = [b.plain for b in service.outline(service.load(rid))]
    assert "一是召开会议。" in text and "二是制定方案。" in text
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert editor.genre.part("results").items.style == "run_in"
    assert service.load(rid).find_item(enum.key) is None
