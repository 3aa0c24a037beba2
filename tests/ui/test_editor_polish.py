"""Small editor polish: blanks marked in the preview, 已保存 after structural edits, named 撤销 / 重做,
the figures hint only where there are figures."""

from __future__ import annotations

import re

from tests.ui.editor_helpers import item_ids, new_report, open_editor, type_text
from ui.editor.sections import INTRO, find_section, item_key, part_key
from ui.mainwindow import MainWindow
from ui.qt import QLabel


def test_preview_marks_leftover_blanks(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(INTRO)
    editor.set_preview_visible(True)
    type_text(editor.form.fields["intro"], "今年以来，某某镇开展活动XX场。")
    editor.refresh()
    assert {blank for _page, blank in editor.preview.view.blank_marks()} >= {"某某", "XX"}
    assert "今年以来，某某镇开展活动XX场。" in editor.preview.plain_text()
    # marked in red on the screen, where the pages draw them
    view = editor.preview.view
    image = view.area.viewport().grab().toImage()
    pos = view.line_position("intro")
    reds = [image.pixelColor(x, int(pos.y())) for x in range(int(pos.x()), image.width())]
    assert any(c.red() - c.green() > 25 for c in reds)


def test_structural_edits_report_saved(qtbot, service, message_log):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    stamps: list[str] = []
    editor.saved.connect(stamps.append)
    editor.show_section(part_key("problems"))

    added = editor.add_item(part_key("problems"))
    assert added and len(stamps) == 1 and re.fullmatch(r"\d\d:\d\d:\d\d", stamps[-1])
    assert editor.move_item(added, -1)
    assert len(stamps) == 2
    assert editor.remove_item(added)
    assert len(stamps) == 3
    editor.setFocus()
    editor.undo()  # the removal comes back, written at once
    assert len(stamps) == 4


def test_main_window_status_shows_saved_after_add(qtbot, service, message_log):
    rid = new_report(service)
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show()
    assert win.open_report(rid)
    assert win.save_label.text() == ""
    win.editor.show_section(part_key("problems"))
    win.editor.add_item(part_key("problems"))
    assert re.fullmatch(r"已保存 \d\d:\d\d:\d\d", win.save_label.text())


def _edit_menu(win: MainWindow):
    return next(a.menu() for a in win.menuBar().actions() if a.text().startswith("编辑"))


def test_undo_redo_entries_name_the_structural_step(qtbot, service, message_log):
    rid = new_report(service)
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    assert win.open_report(rid)
    editor = win.editor
    menu = _edit_menu(win)

    menu.aboutToShow.emit()
    assert (win.undo_action.text(), win.redo_action.text()) == ("撤销(&U)", "重做(&R)")

    editor.show_section(part_key("problems"))
    first = item_ids(service, rid, "problems")[0]
    message_log.answer = True
    editor.show_section(item_key(first))
    editor.form.fields[f"item.{first}.heading"].setText("队伍力量偏弱")
    editor.refresh()
    label = find_section(editor.sections, item_key(first)).title
    assert label == "（一）队伍力量偏弱"
    assert editor.remove_item(first)
    editor.setFocus()
    menu.aboutToShow.emit()
    assert win.undo_action.text() == f"撤销：删除“{label}”(&U)"
    assert win.redo_action.text() == "重做(&R)"

    win.undo()
    menu.aboutToShow.emit()
    assert win.redo_action.text() == f"重做：删除“{label}”(&R)"

    # typing in the focused field comes first: the entry is plain again, as Ctrl+Z would undo the typing
    editor.show_section(INTRO)
    type_text(editor.form.fields["intro"], "今年以来")
    assert editor.form.fields["intro"].hasFocus() or editor.form.fields["intro"].edit.hasFocus()
    menu.aboutToShow.emit()
    assert win.undo_action.text() == "撤销(&U)"


def _hints(form) -> list[str]:
    return [w.text() for w in form.findChildren(QLabel) if w.text().startswith("按回车键另起一段")]


def test_figures_hint_only_for_items_with_figures(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    report = service.load(rid)
    with_figures = next(i for i in report.all_items() if i.figures)
    without = next(i for i in report.all_items() if not i.figures)

    editor.show_section(item_key(with_figures.id))
    assert any("阿拉伯数字" in h for h in _hints(editor.form))
    editor.show_section(item_key(without.id))
    hints = _hints(editor.form)
    assert hints == ["按回车键另起一段。"]


def test_failed_undo_reports_neither_saved_nor_undone(qtbot, service, message_log, monkeypatch):
    import sqlite3

    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("problems"))
    added = editor.add_item(part_key("problems"))
    stamps: list[str] = []
    statuses: list[str] = []
    editor.saved.connect(stamps.append)
    editor.status.connect(statuses.append)

    def locked(*_a, **_k):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(service, "remove_item", locked)
    editor.setFocus()
    editor.undo()  # undoing the add removes the item: the write fails (this used to crash: the stack was
    # cleared from inside the running command)
    assert stamps == []
    assert statuses and not any(s.startswith("已撤销") for s in statuses)
    assert editor.banner.isVisibleTo(editor)
    assert added in item_ids(service, rid, "problems")
    assert not editor.undo_stack.canUndo()  # its commands pointed at the old copy of the report
