"""The 工作台账 window: keyboard entry, filters, totals, undo, import with the column mapping, export."""

from __future__ import annotations

import datetime as _dt

import openpyxl
import pytest

from models.ledger import Entry
from tests.ui.editor_helpers import type_text
from ui import ledger_window
from ui.ledger_import_dialog import MappingDialog
from ui.ledger_window import LedgerWindow
from ui.qt import QDate, Qt


@pytest.fixture
def window(qtbot, service):
    win = LedgerWindow(service)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    return win


def test_typing_a_row_and_pressing_enter_adds_it_and_starts_the_next(qtbot, service, window):
    assert window.date_edit.date() == QDate.currentDate()  # today by default
    window.area_box.setCurrentIndex(window.area_box.findData("theory"))
    assert [b.edit.placeholderText() for b in window.figure_boxes] == ["中心组集体学习", "开展宣讲", "受众"]
    assert [b.unit.text() for b in window.figure_boxes] == ["次", "场次", "人次"]
    window.date_edit.setDate(QDate(2024, 3, 5))
    type_text(window.text_edit, "到东山村开展惠民政策宣讲")
    qtbot.keyClick(window.text_edit, Qt.Key.Key_Tab)
    assert window.figure_boxes[0].edit.hasFocus()  # Tab moves across the line
    qtbot.keyClick(window.figure_boxes[0].edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.figure_boxes[1].edit, "2")
    qtbot.keyClick(window.figure_boxes[1].edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(window.figure_boxes[2].edit, "120")
    qtbot.keyClick(window.figure_boxes[2].edit, Qt.Key.Key_Return)
    [entry] = service.ledger_entries()
    assert (entry.date, entry.area, entry.text, entry.figures) == ("2024-03-05", "theory", "到东山村开展惠民政策宣讲",
                                                                    {"lectures": 2, "audience": 120})
    assert window.text_edit.text() == "" and window.text_edit.hasFocus()  # ready for the next one
    assert window.date_edit.date() == QDate(2024, 3, 5) and window.area_box.currentData() == "theory"
    assert window.model.rowCount() == 1
    assert window.model.index(0, ledger_window.FIGURES_COL).data() == "开展宣讲 2场次，受众 120人次"
    assert "开展宣讲 2场次" in window.totals.text()


def test_a_figure_that_is_not_a_number_is_refused_and_the_typing_kept(qtbot, service, window):
    window.area_box.setCurrentIndex(window.area_box.findData("theory"))
    window.text_edit.setText("宣讲")
    window.figure_boxes[1].edit.setText("两场")
    qtbot.keyClick(window.text_edit, Qt.Key.Key_Return)
    assert service.ledger_entries() == []
    assert "开展宣讲" in window.message.text() and "阿拉伯数字" in window.message.text()
    assert window.text_edit.text() == "宣讲" and window.figure_boxes[1].edit.text() == "两场"


def test_filters_totals_edit_delete_and_undo(qtbot, service, window):
    for e in [Entry("2024-03-05", "theory", "宣讲一", {"lectures": 2, "audience": 100}),
              Entry("2024-05-05", "theory", "宣讲二", {"lectures": 3, "audience": 250}),
              Entry("2024-08-01", "theory", "下半年宣讲", {"lectures": 9}),
              Entry("2024-04-01", "news", "春耕稿件", {"provincial_media": 1})]:
        service.add_ledger_entry(e)
    window._fill_filters()
    window.period_box.setCurrentIndex(window.period_box.findData("2024H1"))
    assert window.model.rowCount() == 3
    assert "开展宣讲 5场次，受众 350人次" in window.totals.text() and "新闻宣传" in window.totals.text()
    window.area_filter.setCurrentIndex(window.area_filter.findData("theory"))
    assert [e.text for e in window.model.rows] == ["宣讲一", "宣讲二"]
    assert service.setting(ledger_window.PERIOD_SETTING) == "2024H1"  # the filter is remembered

    window.edit_row(1)  # double-click loads the row into the entry line
    assert window.add_button.text() == "保存修改" and window.figure_boxes[1].edit.text() == "3"
    window.figure_boxes[1].edit.setText("4")
    qtbot.keyClick(window.figure_boxes[1].edit, Qt.Key.Key_Return)
    assert service.ledger_totals("2024H1", "theory")["theory"].values["lectures"] == 6
    assert window.add_button.text() == "添加"

    window.table.selectRow(0)
    assert window.delete_selected() == 1
    assert [e.text for e in service.ledger_entries("2024H1", "theory")] == ["宣讲二"]
    window.undo()  # the delete
    assert [e.text for e in service.ledger_entries("2024H1", "theory")] == ["宣讲一", "宣讲二"]
    window.undo()  # the change
    assert service.ledger_totals("2024H1", "theory")["theory"].values["lectures"] == 5
    window.redo()
    assert service.ledger_totals("2024H1", "theory")["theory"].values["lectures"] == 6


def test_import_maps_columns_once_and_lists_bad_rows(qtbot, service, window, tmp_path, monkeypatch, message_log):
    path = tmp_path / "东山镇台账.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["日期", "类别", "活动内容", "场次", "参与人数"],
                [_dt.date(2024, 3, 5), "理论宣讲", "院坝宣讲", 1, 60],
                ["2024.3.9", "志愿服务", "河道清理", 1, 25],
                ["2024年3月", "理论宣讲", "日期不全", 1, 10]]:
        ws.append(row)
    wb.save(path)
    monkeypatch.setattr(ledger_window, "choose_import_file", lambda *_a: str(path))
    seen = {}

    def accept(self):
        seen["preview"] = self.preview.text()
        seen["combos"] = [c.currentText() for c in self.combos]
        return MappingDialog.DialogCode.Accepted

    monkeypatch.setattr(MappingDialog, "exec", accept)
    assert window.import_table() == 2
    assert seen["combos"] == ["日期", "工作板块", "做了什么", "数据：按本行板块，以“场次”计", "数据：按本行板块，以“人”计"]
    assert "可以导入 <b>2</b> 条" in seen["preview"] and "第4行" in seen["preview"]
    assert message_log.calls[-1][1] == "导入完成"
    assert "第4行：日期“2024年3月”无法识别" in message_log.calls[-1][2]
    assert {(e.area, tuple(sorted(e.figures.items()))) for e in service.ledger_entries()} == {
        ("theory", (("audience", 60.0), ("lectures", 1.0))), ("practice", (("served", 25.0), ("volunteer_events", 1.0)))}
    assert window.model.rowCount() == 2


def test_the_mapping_dialog_lets_a_column_be_changed(qtbot, service, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("时间,事项,数量\n2024-03-01,中心组学习,1\n", encoding="utf-8")
    table = service.read_ledger_table(path)
    dialog = MappingDialog(service, table)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()  # 事项 alone, no area: nothing can be imported yet
    dialog.default_area.setCurrentIndex(dialog.default_area.findData("theory"))
    dialog.combos[2].setCurrentIndex(dialog.combos[2].findData("fig:theory.study_sessions"))
    assert dialog.ok_button.isEnabled() and "可以导入 <b>1</b> 条" in dialog.preview.text()
    mapping = dialog.current_mapping()
    assert mapping.columns[2] == "fig:theory.study_sessions" and mapping.default_area == "theory"


def test_export_writes_the_filtered_rows(qtbot, service, window, tmp_path, monkeypatch):
    service.add_ledger_entry(Entry("2024-03-05", "theory", "宣讲", {"lectures": 2}))
    service.add_ledger_entry(Entry("2023-03-05", "theory", "去年的", {"lectures": 1}))
    window._fill_filters()
    window.period_box.setCurrentIndex(window.period_box.findData("2024H1"))
    out = tmp_path / "导出"
    monkeypatch.setattr(ledger_window, "choose_export_file", lambda *_a: str(out))
    assert window.export_table() == str(out) + ".xlsx"
    ws = openpyxl.load_workbook(str(out) + ".xlsx")["工作台账"]
    assert [c.value for c in ws[2]][:4] == ["日期", "工作板块", "做了什么", "理论武装·开展宣讲（场次）"]
    assert ws.cell(3, 3).value == "宣讲" and ws.cell(3, 4).value == 2 and ws.max_row == 3


def test_reachable_from_the_start_page_and_the_tools_menu(qtbot, service):
    from ui.mainwindow import MainWindow

    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show()
    win.start.ledger_button.click()
    assert win.ledger_window is not None and win.ledger_window.isVisible()
    menus = {a.text(): a.menu() for a in win.menuBar().actions()}
    tools = [a.text() for a in menus["工具(&T)"].actions()]
    assert tools == ["工作台账(&L)…", "汇总各单位数据(&U)…"]
    assert win.ledger_action.shortcut().toString() == "Ctrl+L"


def test_deleted_entries_wait_in_the_ledger_recycle_bin(qtbot, service, window, monkeypatch, message_log):
    from ui.ledger_recycle import LedgerRecycleDialog

    keep = service.add_ledger_entry(Entry("2024-03-05", "theory", "宣讲", {"lectures": 2}))
    gone = service.add_ledger_entry(Entry("2024-03-06", "theory", "误删的", {"lectures": 1}))
    service.delete_ledger_entries([keep.id, gone.id])
    window.refresh()
    assert window.recycle_button.text() == "回收站（2）"
    dialog = LedgerRecycleDialog(service, window)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 2
    dialog.tree.topLevelItem([dialog.tree.topLevelItem(n).text(0) for n in range(2)].index("宣讲")).setSelected(True)
    assert dialog.restore_selected() == 1
    message_log.answer = True
    dialog.tree.topLevelItem(0).setSelected(True)
    assert dialog.purge_selected() == 1
    assert [e.text for e in service.ledger_entries()] == ["宣讲"] and service.ledger_deleted_count() == 0
    monkeypatch.setattr(LedgerRecycleDialog, "exec", lambda self: 0)
    window.show_recycle()
    assert window.recycle_button.text() == "回收站" and window.model.rowCount() == 1


@pytest.mark.parametrize("typed", ["2024-03-05", "2024/03/05", "2024.3.5", "20240305"])
def test_a_date_typed_after_tab_or_shift_tab_is_the_date_typed(qtbot, window, typed):
    # Shift+Tab back from 做了什么 used to land in the day, so "2024-03-05" changed only the day; and the
    # "-" of the shown format jumped over the month (2024-03-05 became 2024-<this month>-03)
    for back in (True, False):
        window.date_edit.setDate(QDate(2026, 11, 30))
        if back:
            window.text_edit.setFocus()
            qtbot.keyClick(window.text_edit, Qt.Key.Key_Backtab)
            qtbot.keyClick(window.area_box, Qt.Key.Key_Backtab)
        else:  # Tab into the line from the widget before it
            window.text_edit.setFocus()
            window.date_edit.setFocus(Qt.FocusReason.TabFocusReason)
        assert window.date_edit.hasFocus()
        qtbot.keyClicks(window.date_edit, typed)
        assert window.date_edit.date() == QDate(2024, 3, 5), (back, window.date_edit.date())


def test_a_figure_written_the_officers_way_is_taken_as_the_import_takes_it(qtbot, service, window):
    # the import reads "500余" and "3.6万"; the entry line refused "3600余" as not a number
    window.date_edit.setDate(QDate(2024, 5, 20))
    window.area_box.setCurrentIndex(window.area_box.findData("theory"))
    window.text_edit.setText("开展理论宣讲进村组活动")
    window.figure_boxes[1].edit.setText("10场次")
    window.figure_boxes[2].edit.setText("3600余")
    qtbot.keyClick(window.text_edit, Qt.Key.Key_Return)
    [entry] = service.ledger_entries()
    assert entry.figures == {"lectures": 10, "audience": 3600}
    window.text_edit.setText("另一场")
    window.figure_boxes[2].edit.setText("3.6万")
    qtbot.keyClick(window.text_edit, Qt.Key.Key_Return)
    assert sorted(e.figures["audience"] for e in service.ledger_entries()) == [3600, 36000]
