"""备份与恢复, 历史版本 and the start messages (ui/backup_dialog.py, ui/history_dialog.py, ui/recovery.py)."""

from __future__ import annotations

import pytest

from models.session import Session
from tests.models.helpers import filled_report
from ui import backup_dialog, recovery
from ui.backup_dialog import BackupDialog
from ui.history_dialog import AutoSnapshot, HistoryDialog


@pytest.fixture
def rid(service):
    return service.store.insert_report(filled_report(service))


def test_backup_list_shows_time_reason_and_size(qtbot, service, rid):
    dialog = BackupDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.tree.isHidden() and not dialog.empty.isHidden()
    assert not dialog.restore_button.isEnabled()
    info = service.backup_now()
    dialog.refresh()
    row = dialog.tree.topLevelItem(0)
    assert (row.text(0), row.text(1), row.text(2)) == (info.time_text, "手动", info.size_text)
    assert dialog.restore_button.isEnabled()


def test_restore_asks_first_and_does_nothing_when_cancelled(qtbot, service, rid, message_log):
    info = service.backup_now()
    service.set_value(rid, "intro", "之后的修改")
    dialog = BackupDialog(service)
    qtbot.addWidget(dialog)
    message_log.answer = False
    assert not dialog.restore_selected()
    assert message_log.kinds() == ["confirm"] and info.time_text in message_log.texts()
    assert "先把现在的数据另存为一个备份" in message_log.texts()
    assert service.load(rid).get("intro") == "之后的修改"


def test_restore_replaces_data_and_tells_where_the_old_data_went(qtbot, service, rid, message_log):
    service.backup_now()
    service.set_value(rid, "intro", "之后的修改")
    asked = []
    dialog = BackupDialog(service, before_restore=lambda: asked.append(1) or True)
    qtbot.addWidget(dialog)
    message_log.answer = True
    with qtbot.waitSignal(dialog.restored):
        assert dialog.restore_selected()
    assert asked == [1]
    assert service.load(rid).get("intro") != "之后的修改"
    assert message_log.kinds() == ["confirm", "info"] and "恢复前的数据已另存为备份" in message_log.texts()
    assert [row.reason for row in service.backups()][:1] == ["restore"]
    assert dialog.tree.topLevelItemCount() == 2


def test_restore_stops_when_the_open_report_cannot_be_closed(qtbot, service, rid, message_log):
    service.backup_now()
    service.set_value(rid, "intro", "之后的修改")
    dialog = BackupDialog(service, before_restore=lambda: False)
    qtbot.addWidget(dialog)
    message_log.answer = True
    assert not dialog.restore_selected()
    assert service.load(rid).get("intro") == "之后的修改"


def test_restore_from_a_bad_file_shows_the_reason(qtbot, service, rid, message_log, monkeypatch, tmp_path):
    bad = tmp_path / "坏的.db"
    bad.write_bytes(b"not a database" * 100)
    monkeypatch.setattr(backup_dialog, "choose_backup_file", lambda parent, folder: str(bad))
    dialog = BackupDialog(service)
    qtbot.addWidget(dialog)
    message_log.answer = True
    assert not dialog.restore_from_file()
    assert message_log.kinds() == ["confirm", "error"] and "不能用来恢复" in message_log.texts()
    assert service.store.report_exists(rid)


def test_back_up_now_to_a_chosen_folder(qtbot, service, rid, message_log, monkeypatch, tmp_path):
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(backup_dialog, "choose_folder", lambda parent: str(usb))
    dialog = BackupDialog(service)
    qtbot.addWidget(dialog)
    path = dialog.backup_to()
    assert path is not None and path.parent == usb and str(path) in message_log.texts()
    monkeypatch.setattr(backup_dialog, "choose_folder", lambda parent: str(tmp_path / "拔出的U盘"))
    assert dialog.backup_to() is None
    assert message_log.kinds()[-1] == "error" and "不存在" in message_log.texts()
    monkeypatch.setattr(backup_dialog, "choose_folder", lambda parent: "")
    assert dialog.backup_to() is None


def test_history_lists_versions_and_shows_one_read_only(qtbot, service, rid):
    service.snapshot(rid, "auto")
    service.set_value(rid, "intro", "新导语")
    service.snapshot(rid, "export")
    dialog = HistoryDialog(service, rid)
    qtbot.addWidget(dialog)
    assert [dialog.tree.topLevelItem(i).text(1) for i in range(2)] == ["导出时", "编辑中自动保存"]
    assert dialog.view.isReadOnly() and "新导语" in dialog.view.toPlainText()
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(1))
    assert "新导语" not in dialog.view.toPlainText() and "今年以来" in dialog.view.toPlainText()


def test_history_restore(qtbot, service, rid, message_log):
    service.snapshot(rid, "auto")
    service.set_value(rid, "intro", "新导语")
    dialog = HistoryDialog(service, rid)
    qtbot.addWidget(dialog)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    message_log.answer = True
    with qtbot.waitSignal(dialog.restored) as signal:
        assert dialog.restore_selected()
    assert signal.args == [rid]
    assert service.load(rid).get("intro").startswith("今年以来")
    assert dialog.tree.topLevelItem(0).text(1) == "恢复前"


def test_history_empty(qtbot, service, rid):
    dialog = HistoryDialog(service, rid)
    qtbot.addWidget(dialog)
    assert dialog.split.isHidden() and not dialog.empty.isHidden() and not dialog.restore_button.isEnabled()


def test_auto_snapshot_on_timer_close_and_export(qtbot, service, rid):
    auto = AutoSnapshot(service, rid, interval_ms=10)
    qtbot.waitUntil(lambda: len(service.snapshots(rid)) == 1, timeout=2000)
    assert auto.closed() is None  # unchanged since: nothing new
    service.set_value(rid, "intro", "再改一次")
    assert auto.exported() is not None
    assert [s.reason for s in service.snapshots(rid)] == ["export", "auto"]
    assert not auto.timer.isActive()


def test_start_messages_show_notices_then_recovery_then_forget(qtbot, service, rid, message_log, monkeypatch):
    old = Session(service.data_dir, pid=999_999_1, alive=lambda pid: False)
    old.start()
    old.note_report(rid)
    session = Session(service.data_dir, pid=999_999_2, alive=lambda pid: False)
    crashed = session.start()
    shown = []
    monkeypatch.setattr(recovery.RecoveryDialog, "exec", lambda self: shown.append(self.text) or 0)
    recovery.show_start_messages(None, service, ["数据库文件已损坏……"], session, crashed)
    assert message_log.kinds() == ["info"] and "已损坏" in message_log.texts()
    assert shown and "没有正常退出" in shown[0] and "示例镇2024年上半年宣传工作总结" in shown[0]
    assert not old.path.exists() and session.path.exists()
    recovery.show_start_messages(None, service, [], session, crashed, dialog=False)
    assert message_log.kinds() == ["info", "info"]


def test_recovery_dialog_opens_a_report(qtbot, service, rid):
    old = Session(service.data_dir, pid=999_999_3, alive=lambda pid: False)
    old.start()
    old.note_report(rid)
    crashed = Session(service.data_dir, pid=999_999_4, alive=lambda pid: False).start()
    dialog = recovery.RecoveryDialog(service, crashed)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    with qtbot.waitSignal(dialog.open_requested) as signal:
        dialog.open_selected()
    assert signal.args == [rid]
