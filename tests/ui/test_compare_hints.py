"""同比 in the editor: each figure shows the same unit's value a year earlier and the change; 写入同比句
puts the sentence into the body as one undo step; with no earlier report nothing is shown."""

from __future__ import annotations

from models.ledger import Entry
from tests.ui.editor_helpers import open_editor, stored, type_text
from ui.editor.compare_hints import insertion
from ui.editor.sections import item_key
from ui.qt import QAction, QKeySequence, Qt


def _report(service, period: str, figures: dict[str, str], *, unit: str = "示例镇") -> tuple[int, str]:
    """A stored report of ``unit`` for ``period`` with the theory item's figures set through the service."""
    rid = service.create_report("half_year", unit=unit, period=period, date="2024-07-05", areas=["theory", "news"])
    theory = next(i for i in service.load(rid).all_items() if i.area == "theory")
    service.set_values(rid, {f"item.{theory.id}.fig.{k}": v for k, v in figures.items()})
    return rid, theory.id


def _two_years(service, now: dict[str, str], before: dict[str, str]) -> tuple[int, str]:
    _report(service, "2023H1", before)
    return _report(service, "2024H1", now)


def _page(qtbot, service, rid: int, item: str):
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item))
    return editor


def test_each_figure_shows_last_years_value_and_the_change(qtbot, service):
    rid, item = _two_years(service, {"lectures": "24", "audience": "3100余", "study_sessions": "6"},
                           {"lectures": "20", "audience": "3100", "study_sessions": "8"})
    editor = _page(qtbot, service, rid, item)
    fields = editor.form.fields
    lectures = fields[f"item.{item}.fig.lectures"]
    assert lectures.compare.isVisible()
    assert lectures.compare.text() == "去年同期 20场次 · +20%"  # (24 − 20) / 20
    assert fields[f"item.{item}.fig.study_sessions"].compare.text() == "去年同期 8次 · -25%"
    assert fields[f"item.{item}.fig.audience"].compare.text() == "去年同期 3100人次 · 持平"
    assert "2023年上半年" in lectures.compare.toolTip() and "四舍五入" in lectures.compare.toolTip()
    assert lectures.sentence_button.isVisible()


def test_the_hint_follows_an_edited_figure_and_a_new_one(qtbot, service):
    rid, item = _two_years(service, {"lectures": "24"}, {"lectures": "20", "audience": "0"})
    editor = _page(qtbot, service, rid, item)
    lectures = editor.form.fields[f"item.{item}.fig.lectures"]
    lectures.edit.selectAll()
    type_text(lectures.edit, "50")
    editor.refresh()  # what the pause after typing does
    assert lectures.compare.text() == "去年同期 20场次 · +150%"
    audience = editor.form.fields[f"item.{item}.fig.audience"]
    assert audience.compare.text() == "去年同期 0人次"  # nothing typed this period yet: no change, no sentence
    assert not audience.sentence_button.isVisible()
    type_text(audience.edit, "300")
    editor.refresh()
    assert audience.compare.text() == "去年同期 0人次 · 新增"


def test_the_service_is_asked_once_per_open_and_again_only_after_a_figure_changes(qtbot, service, monkeypatch):
    rid, item = _two_years(service, {"lectures": "24"}, {"lectures": "20"})
    calls = []
    original = type(service).comparison
    monkeypatch.setattr(type(service), "comparison", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    editor = _page(qtbot, service, rid, item)
    assert len(calls) == 1
    body = editor.form.fields[f"item.{item}.body"]
    type_text(body, "镇党委组织宣讲。")
    editor.refresh()
    assert len(calls) == 1  # the body is no figure
    type_text(editor.form.fields[f"item.{item}.fig.lectures"].edit, "5")
    editor.refresh()
    assert len(calls) == 2


def test_the_ledger_of_last_year_gives_the_value_when_there_is_no_report(qtbot, service):
    service.add_ledger_entry(Entry("2023-03-01", "theory", "宣讲", {"lectures": 8}))
    service.add_ledger_entry(Entry("2023-05-01", "theory", "宣讲", {"lectures": 4}))
    rid, item = _report(service, "2024H1", {"lectures": "15"})
    editor = _page(qtbot, service, rid, item)
    lectures = editor.form.fields[f"item.{item}.fig.lectures"]
    assert lectures.compare.text() == "去年同期（台账）12场次 · +25%"
    assert "工作台账" in lectures.compare.toolTip()


def test_write_sentence_puts_it_at_the_cursor_and_ctrl_z_takes_it_out(qtbot, service):
    rid, item = _two_years(service, {"lectures": "24"}, {"lectures": "20"})
    body_address = f"item.{item}.body"
    service.set_value(rid, body_address, "镇党委组织理论宣讲。宣讲团深入村组。")
    editor = _page(qtbot, service, rid, item)
    undo = QAction(editor)  # the main window's 编辑 › 撤销
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    undo.triggered.connect(editor.undo)
    editor.addAction(undo)
    body = editor.form.fields[body_address]
    cursor = body.textCursor()
    cursor.setPosition(len("镇党委组织理论宣讲。"))  # between the two sentences
    body.setTextCursor(cursor)
    editor.form.fields[f"item.{item}.fig.lectures"].sentence_button.click()
    expected = "镇党委组织理论宣讲。开展宣讲24场次，比去年同期增长20%。宣讲团深入村组。"
    assert stored(service, rid, body_address) == expected
    assert body.value() == expected
    assert not [f for f in service.check(service.load(rid)) if f.rule == "compare"]  # the checks agree with it
    body.setFocus()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(service, rid, body_address) == "镇党委组织理论宣讲。宣讲团深入村组。"
    assert body.value() == "镇党委组织理论宣讲。宣讲团深入村组。"


def test_without_a_placed_cursor_the_sentence_goes_at_the_end(qtbot, service):
    rid, item = _two_years(service, {"study_sessions": "6"}, {"study_sessions": "8"})
    body_address = f"item.{item}.body"
    service.set_value(rid, body_address, "中心组坚持集中学习")
    editor = _page(qtbot, service, rid, item)
    assert editor.write_compare_sentence(f"item.{item}.fig.study_sessions")
    assert stored(service, rid, body_address) == "中心组坚持集中学习，中心组集体学习6次，比去年同期下降25%。"


def test_insertion_fits_the_text_around_the_cursor():
    change = "比去年同期增长20%"
    assert insertion("", 0, "开展宣讲", "24场次", change) == "开展宣讲24场次，比去年同期增长20%。"
    text = "全年开展宣讲24场次。"
    assert insertion(text, len(text) - 1, "开展宣讲", "24场次", change) == "，比去年同期增长20%"  # right after it
    assert insertion("宣讲深入基层，", 7, "开展宣讲", "24场次", change) == "开展宣讲24场次，比去年同期增长20%。"
    assert insertion("镇里", 0, "开展宣讲", "24场次", change) == "开展宣讲24场次，比去年同期增长20%。"


def test_no_earlier_report_means_no_hint(qtbot, service):
    _report(service, "2023H1", {"lectures": "20"}, unit="别的镇")  # another unit's is no comparison
    rid, item = _report(service, "2024H1", {"lectures": "24"})
    editor = _page(qtbot, service, rid, item)
    lectures = editor.form.fields[f"item.{item}.fig.lectures"]
    assert lectures.compare.text() == "" and not lectures.compare.isVisible()
    assert not lectures.sentence_button.isVisible()
    assert not editor.write_compare_sentence(lectures.address)
    assert not editor.undo_stack.canUndo()


# ------------------------------------------------------------ the export dialog's 同比 columns


def _dialog(qtbot, service, rid: int):
    from ui.editor.export_dialog import ExportDialog

    dialog = ExportDialog(service, service.load(rid), families=["宋体", "仿宋", "楷体", "黑体"])
    qtbot.addWidget(dialog)
    return dialog


def _export(qtbot, dialog, path) -> list[list[str]]:
    """Export to ``path`` and read the first table of the .docx back."""
    import docx

    dialog.set_path(str(path))
    with qtbot.waitSignal(dialog.export_finished, timeout=20000) as result:
        assert dialog.start()
    assert result.args[0], result.args[1]
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)  # the thread joined: ready for another export
    table = docx.Document(str(path)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_dialog_adds_last_years_columns_to_the_table(qtbot, service, tmp_path):
    rid, _item = _two_years(service, {"lectures": "24", "audience": "3100余"}, {"lectures": "20", "audience": "2000"})
    dialog = _dialog(qtbot, service, rid)
    assert dialog.compare_check.isEnabled() and not dialog.compare_check.isChecked()  # off until chosen
    plain = _export(qtbot, dialog, tmp_path / "plain.docx")
    assert len(plain[0]) == 3

    dialog.compare_check.setChecked(True)
    rows = _export(qtbot, dialog, tmp_path / "compared.docx")
    assert rows[0] == ["工作板块", "指标", "数据", "去年同期", "同比"]
    by_label = {r[1]: r for r in rows[1:]}
    assert by_label["开展宣讲"][2:] == ["24场次", "20场次", "+20%"]
    assert by_label["受众"][2:] == ["3100余人次", "2000人次", "+55%"]  # (3100 − 2000) / 2000 = 55%
    assert service.setting("export.compare_columns") == "1"
    assert _dialog(qtbot, service, rid).compare_check.isChecked()  # remembered for the next export


def test_the_columns_need_the_table(qtbot, service):
    rid, _item = _two_years(service, {"lectures": "24"}, {"lectures": "20"})
    dialog = _dialog(qtbot, service, rid)
    dialog.compare_check.setChecked(True)
    dialog.table_check.setChecked(False)
    assert not dialog.compare_check.isEnabled() and not dialog.compare_columns()
    dialog.table_check.setChecked(True)
    assert dialog.compare_check.isEnabled() and dialog.compare_columns()


def test_without_an_earlier_report_the_box_is_disabled(qtbot, service, tmp_path):
    service.set_setting("export.compare_columns", "1")
    rid, _item = _report(service, "2024H1", {"lectures": "24"})
    dialog = _dialog(qtbot, service, rid)
    assert not dialog.compare_check.isEnabled() and not dialog.compare_columns()
    assert "去年同期" in dialog.compare_check.toolTip()
    rows = _export(qtbot, dialog, tmp_path / "only.docx")
    assert len(rows[0]) == 3
    assert service.setting("export.compare_columns") == "1"  # the greyed box did not forget the choice
