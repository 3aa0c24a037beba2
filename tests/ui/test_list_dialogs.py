"""The three list dialogs on their one base (ui/lists.py RecordListDialog): 回收站, 备份与恢复, 历史版本.

Each opens with the hint, the list and 关闭 at the right of its buttons, shows a note instead of an
empty list, selects the newest row, acts on it, and ``run`` shows it and hands back what it did.
"""

from __future__ import annotations

import pytest

from tests.models.helpers import filled_report
from ui.backup_dialog import BackupDialog
from ui.history_dialog import HistoryDialog
from ui.lists import RecordListDialog
from ui.qt import QDialog, QLabel, QPushButton, Qt
from ui.recycle_dialog import RecycleDialog


@pytest.fixture
def rid(service):
    return service.store.insert_report(filled_report(service))


def button_texts(dialog: RecordListDialog) -> list[str]:
    """The button row, left to right."""
    row = dialog.layout().itemAt(dialog.layout().count() - 1).layout()
    return [row.itemAt(n).widget().text() for n in range(row.count()) if isinstance(row.itemAt(n).widget(),
                                                                                   QPushButton)]


def hint_text(dialog: RecordListDialog) -> str:
    label = dialog.layout().itemAt(0).widget()
    assert isinstance(label, QLabel) and label.objectName() == "hint"
    return label.text()


def open_dialog(qtbot, dialog: RecordListDialog) -> RecordListDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_recycle_bin_skeleton_empty_then_listed(qtbot, service, rid):
    empty = open_dialog(qtbot, RecycleDialog(service))
    assert empty.windowTitle() == "回收站"
    assert "彻底删除" in hint_text(empty)
    assert empty.tree.isHidden() and empty.empty.isVisible() and empty.empty.text() == "回收站是空的。"
    assert button_texts(empty) == ["恢复", "彻底删除", "关闭"]
    assert not empty.restore_button.isEnabled() and not empty.purge_button.isEnabled()

    service.delete(rid)
    empty.refresh()
    assert empty.tree.isVisible() and empty.empty.isHidden()
    assert empty.ids() == [rid] and empty.tree.currentItem().text(1) == "2024年上半年"
    assert empty.restore_button.isEnabled() and empty.purge_button.isEnabled()


def test_recycle_bin_restores_on_double_click(qtbot, service, rid):
    service.delete(rid)
    dialog = open_dialog(qtbot, RecycleDialog(service))
    dialog.tree.itemDoubleClicked.emit(dialog.tree.topLevelItem(0), 0)
    assert dialog.restored == [rid] and dialog.ids() == []
    assert [s.id for s in service.summaries()] == [rid]
    assert dialog.empty.isVisible() and not dialog.restore_button.isEnabled()


def test_backup_skeleton_lists_and_restores_on_double_click(qtbot, service, rid, message_log):
    dialog = open_dialog(qtbot, BackupDialog(service))
    assert dialog.windowTitle() == "备份与恢复"
    assert "30 分钟" in hint_text(dialog) and str(dialog.folder) in hint_text(dialog)
    assert button_texts(dialog) == ["恢复到这个备份…", "从文件恢复…", "立即备份到…", "打开备份文件夹", "关闭"]
    assert dialog.empty.isVisible() and "还没有备份" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()

    older = service.backup_now()
    newer = service.backup_now("timer")
    dialog.refresh()
    assert dialog.empty.isHidden() and dialog.tree.topLevelItemCount() == 2
    assert dialog.selected() == service.backups()[0] and {older.path, newer.path} == {b.path for b in
                                                                                       service.backups()}
    dialog.tree.clearSelection()
    assert dialog.selected() is None and not dialog.restore_button.isEnabled()

    message_log.answer = False  # double-click asks first; cancelled, nothing happens
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))  # a real double-click selects the row first
    dialog.tree.itemDoubleClicked.emit(dialog.tree.topLevelItem(1), 0)
    assert message_log.kinds() == ["confirm"]


def test_history_skeleton_keeps_the_text_beside_the_list(qtbot, service, rid):
    service.snapshot(rid, "auto")
    dialog = open_dialog(qtbot, HistoryDialog(service, rid))
    title = service.title(service.load(rid))
    assert dialog.windowTitle() == f"历史版本 - {title}"
    assert hint_text(dialog).startswith(f"《{title}》的历史版本")
    assert button_texts(dialog) == ["恢复到这个版本…", "关闭"]
    assert dialog.body is dialog.split and dialog.split.isVisible() and dialog.empty.isHidden()
    assert dialog.tree.parent() is dialog.split and dialog.view.parent() is dialog.split
    assert dialog.selected() == service.snapshots(rid)[0].id and "今年以来" in dialog.view.toPlainText()
    dialog.tree.clearSelection()
    assert dialog.view.toPlainText() == "" and not dialog.restore_button.isEnabled()


def test_close_button_closes(qtbot, service, rid):
    for dialog in (RecycleDialog(service), BackupDialog(service), HistoryDialog(service, rid)):
        open_dialog(qtbot, dialog)
        row = dialog.layout().itemAt(dialog.layout().count() - 1).layout()
        close = row.itemAt(row.count() - 1).widget()
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


# ---------------------------------------------------------------- run(): the one place that runs exec()


@pytest.fixture
def exec_does(monkeypatch):
    """Replace QDialog.exec on the list dialogs by ``what(dialog)``: the officer's clicks, no modal loop."""
    seen: list[RecordListDialog] = []

    def install(what):
        def fake_exec(dialog):
            seen.append(dialog)
            what(dialog)
            dialog.accept()
            return int(QDialog.DialogCode.Accepted)

        monkeypatch.setattr(RecordListDialog, "exec", fake_exec)
        return seen

    return install


def test_run_recycle_returns_the_restored_ids(service, rid, exec_does):
    service.delete(rid)
    seen = exec_does(lambda d: d.restore_selected())
    assert RecycleDialog.run(service) == [rid]
    assert len(seen) == 1 and isinstance(seen[0], RecycleDialog)
    seen = exec_does(lambda d: None)
    assert RecycleDialog.run(service) == []


def test_run_backup_passes_the_callbacks(service, rid, exec_does, message_log):
    service.backup_now()
    service.set_value(rid, "intro", "之后的修改")
    message_log.answer = True
    calls = []
    exec_does(lambda d: d.restore_selected())
    assert BackupDialog.run(service, None, before_restore=lambda: calls.append("before") or True,
                            on_restored=lambda: calls.append("restored")) is None
    assert calls == ["before", "restored"]
    assert service.load(rid).get("intro") != "之后的修改"


def test_run_history_passes_the_callbacks(service, rid, exec_does, message_log):
    service.snapshot(rid, "auto")
    service.set_value(rid, "intro", "新导语")
    message_log.answer = True
    calls = []
    exec_does(lambda d: d.restore_selected())
    HistoryDialog.run(service, rid, None, before_restore=lambda: calls.append("before") or True,
                      on_restored=calls.append)
    assert calls == ["before", rid]
    assert service.load(rid).get("intro").startswith("今年以来")
