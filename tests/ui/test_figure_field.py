"""A figure field reads back what it understood (7万余 → 70,000多) and offers 按原样打印 for a value that is
not a number: the mark is stored, lifts the block on export, and is undoable."""

from __future__ import annotations

from models.figures import reading
from tests.ui.editor_helpers import item_ids, new_report, open_editor, stored, type_text
from ui.editor.sections import item_key


def figure_field(qtbot, service):
    rid = new_report(service)
    theory = item_ids(service, rid, "results")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(theory))
    address = f"item.{theory}.fig.audience"
    return rid, editor, address, editor.form.fields[address]


def test_reading_of_figures_as_officers_write_them():
    assert reading("7万余") == "70,000多"
    assert reading("1.2万") == "12,000"
    assert reading("近百") == "接近100"
    assert reading("超过50") == "超过50"
    assert reading("约3000") == "约3,000"
    assert reading("3.5亿") == "350,000,000"
    assert reading("20余") == "20多"
    assert reading("24") == reading("3,600") == reading("100%") == ""  # nothing to explain
    assert reading("十二") == reading("") == ""


def test_the_field_shows_its_reading_while_typing(qtbot, service):
    _rid, _editor, _address, field = figure_field(qtbot, service)
    type_text(field.edit, "7万余")
    assert not field.reading.isHidden() and "70,000多人次" in field.reading.text()
    assert field.warning.isHidden() and field.asis.isHidden()
    field.edit.clear()
    type_text(field.edit, "24")
    assert field.reading.isHidden()


def test_a_value_that_is_not_a_number_can_be_printed_as_is_and_undone(qtbot, service):
    rid, editor, address, field = figure_field(qtbot, service)
    type_text(field.edit, "十二")
    editor.refresh()
    assert not field.warning.isHidden() and not field.asis.isHidden() and not field.asis.isChecked()
    assert [f.blocking for f in editor.findings if f.address == address] == [True]

    field.asis.click()

    assert stored(service, rid, address) == "十二"
    assert stored(service, rid, address + ".asis") == "十二"
    assert not [f for f in editor.findings if f.address == address]
    assert field.asis.isChecked() and "按原样" in field.note.text() and field.warning.isHidden()
    assert editor.undo_stack.count() == 1

    editor.show_section("intro")  # focus elsewhere: Ctrl+Z goes to the stack
    editor.undo()

    assert stored(service, rid, address + ".asis") == ""
    assert [f.blocking for f in editor.findings if f.address == address] == [True]
    editor.show_section(address.split(".")[0] + ":" + address.split(".")[1])
    field = editor.form.fields[address]
    assert not field.asis.isChecked() and not field.warning.isHidden()


def test_editing_the_figure_after_the_mark_checks_it_again(qtbot, service):
    _rid, editor, address, field = figure_field(qtbot, service)
    type_text(field.edit, "十二")
    field.asis.click()
    assert field.asis.isChecked()
    field.edit.selectAll()
    type_text(field.edit, "十三")
    editor.refresh()
    assert not field.asis.isChecked() and not field.warning.isHidden()
    assert [f.blocking for f in editor.findings if f.address == address] == [True]
