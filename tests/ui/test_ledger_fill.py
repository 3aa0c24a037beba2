"""从台账汇总 in the editor: a work-area item takes the period's totals and a draft sentence; Ctrl+Z undoes it."""

from __future__ import annotations

from models.ledger import Entry
from tests.ui.editor_helpers import new_report, open_editor, stored
from ui.editor.sections import item_key


def _theory(service, rid):
    return next(i for i in service.load(rid).all_items() if i.area == "theory")


def test_the_button_fills_figures_and_the_draft_and_undo_puts_them_back(qtbot, service):
    for e in [Entry("2024-02-01", "theory", "宣讲", {"lectures": 5, "audience": 1642}),
              Entry("2024-05-01", "theory", "宣讲", {"lectures": 7, "audience": 2000}),
              Entry("2024-09-01", "theory", "下半年", {"lectures": 30})]:
        service.add_ledger_entry(e)
    rid = new_report(service)  # 2024H1
    item = _theory(service, rid)
    service.set_value(rid, f"item.{item.id}.body", "镇党委把理论武装摆在突出位置。")
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item.id))
    button = editor.form.ledger_button
    assert button.text() == "从台账汇总"
    button.click()
    body = f"item.{item.id}.body"
    assert stored(service, rid, f"item.{item.id}.fig.lectures") == "12"
    assert stored(service, rid, f"item.{item.id}.fig.audience") == "3642"
    assert stored(service, rid, body) == "镇党委把理论武装摆在突出位置。\n上半年共开展宣讲12场次，受众3600余人次。"
    assert editor.form.fields[f"item.{item.id}.fig.lectures"].value() == "12"  # the form shows it
    assert "从台账汇总" in editor.step_text()
    editor.setFocus()
    editor.undo()
    assert stored(service, rid, f"item.{item.id}.fig.lectures") == ""
    assert stored(service, rid, body) == "镇党委把理论武装摆在突出位置。"
    assert editor.form.fields[body].value() == "镇党委把理论武装摆在突出位置。"
    editor.redo()
    assert stored(service, rid, f"item.{item.id}.fig.audience") == "3642"


def test_without_entries_for_the_period_nothing_changes_and_the_officer_is_told(qtbot, service):
    service.add_ledger_entry(Entry("2023-02-01", "theory", "去年", {"lectures": 5}))
    rid = new_report(service)
    item = _theory(service, rid)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item.id))
    with qtbot.waitSignal(editor.status, timeout=1000) as signal:
        editor.form.ledger_button.click()
    assert "还没有“理论武装”的数据" in signal.args[0]
    assert not editor.undo_stack.canUndo()


def test_items_without_a_work_area_have_no_button(qtbot, service):
    rid = new_report(service)
    report = service.load(rid)
    plain = next(i for i in report.all_items() if not i.area)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(plain.id))
    assert getattr(editor.form, "ledger_button", None) is None
