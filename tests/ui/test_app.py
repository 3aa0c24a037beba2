"""The shell: Chinese Qt strings, CJK font choice, one instance per data folder, start-up errors, main window."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from models.api import setup_logging
from models.package import PackageError
from tests.models.helpers import filled_report
from ui import app as app_module
from ui import mainwindow, package_actions
from ui.app import ErrorHook, install_translations, pick_cjk_families, startup_error_text, translation_dirs
from ui.editor.editor import EditorWidget
from ui.mainwindow import MainWindow, first_window_size, time_part
from ui.new_dialog import NewReportDialog
from ui.qt import QApplication, QMessageBox, Qt
from ui.recycle_dialog import RecycleDialog
from ui.single_instance import Claim, SingleInstance


@pytest.fixture
def window(qtbot, service):
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show()
    return win


# ---------------------------------------------------------------- Qt set-up


def test_qt_chinese_translation_is_installed_and_used(qapp):
    assert any((d / "qtbase_zh_CN.qm").exists() for d in translation_dirs()), "PySide6 ships qtbase_zh_CN.qm"
    translator = install_translations(qapp)
    try:
        assert translator is not None and not translator.isEmpty()
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        texts = {b.text() for b in box.buttons()}
        assert texts == {"确定", "取消"}
    finally:
        QApplication.removeTranslator(translator)


def test_cjk_font_preference():
    assert pick_cjk_families(["Arial", "SimSun", "Noto Sans CJK SC"]) == ["Noto Sans CJK SC", "SimSun"]
    assert pick_cjk_families(["Microsoft YaHei", "SimSun"])[0] == "Microsoft YaHei"
    assert pick_cjk_families(["Arial"]) == []


# ---------------------------------------------------------------- single instance


def test_second_start_on_same_folder_asks_the_first_to_come_forward(qtbot, tmp_path):
    first = SingleInstance(tmp_path / "data")
    assert first.claim() == Claim.OWNER
    second = SingleInstance(tmp_path / "data")
    try:
        with qtbot.waitSignal(first.raise_requested, timeout=3000):
            assert second.claim() == Claim.RUNNING
        other_folder = SingleInstance(tmp_path / "other")
        assert other_folder.claim() == Claim.OWNER  # another data folder is another instance
        other_folder.release()
    finally:
        first.release()
    third = SingleInstance(tmp_path / "data")
    assert third.claim() == Claim.OWNER
    third.release()


def test_lock_held_but_nobody_answers_is_explained(tmp_path):
    first = SingleInstance(tmp_path / "data")
    assert first.claim() == Claim.OWNER
    first.server.close()  # a hung first window: the lock stays, the socket does not answer
    first.server = None
    second = SingleInstance(tmp_path / "data")
    try:
        claim = second.claim()
        assert claim == Claim.UNREACHABLE
        assert "已经在运行" in second.message(claim)
    finally:
        first.release()


def test_lock_of_a_crashed_run_is_taken_over(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    script = textwrap.dedent(f"""
        import os
        from PySide6.QtCore import QLockFile
        lock = QLockFile({str(folder / "zongjie.lock")!r})
        assert lock.tryLock(0)
        os._exit(0)  # dies holding the lock, as a crash would
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    assert (folder / "zongjie.lock").exists()
    guard = SingleInstance(folder)
    assert guard.claim() == Claim.OWNER
    guard.release()


# ---------------------------------------------------------------- start-up errors and the error hook


@pytest.fixture
def quiet_run_gui(monkeypatch):
    """run_gui on the shared QApplication without changing it, and with the error hooks put back after."""
    monkeypatch.setattr(app_module, "setup_app", lambda app: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_newer_database_is_refused_with_a_chinese_message(tmp_path, quiet_run_gui, message_log):
    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / "zongjie.db") as conn:
        conn.execute("PRAGMA user_version = 99")

    assert app_module.run_gui(data_dir=str(folder)) == 1
    assert message_log.kinds() == ["error"]
    title, text = message_log.calls[0][1:]
    assert title == "需要更新程序"
    assert "更新版本" in text and "Traceback" not in text


def test_second_run_gui_on_a_running_folder_exits_quietly(tmp_path, quiet_run_gui, message_log):
    first = SingleInstance(tmp_path / "data")
    assert first.claim() == Claim.OWNER
    try:
        assert app_module.run_gui(data_dir=str(tmp_path / "data")) == 0
    finally:
        first.release()
    assert message_log.calls == []


def test_unexpected_error_is_logged_and_shown_in_chinese(tmp_path, monkeypatch, message_log):
    monkeypatch.setattr(sys, "stderr", None)  # a windowed Windows build has no stderr
    hook = ErrorHook(setup_logging(tmp_path))
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        hook(*sys.exc_info())
    log_path = tmp_path / "logs" / "zongjie.log"
    log = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: boom" in log
    assert message_log.kinds() == ["error"]
    assert message_log.calls[0][1] == "程序出错"
    assert str(log_path) in message_log.calls[0][2]


def test_error_in_a_worker_thread_is_logged(tmp_path, quiet_run_gui, message_log):
    hook = app_module.install_excepthook(tmp_path)
    assert sys.excepthook is hook

    def work():
        raise ValueError("导出线程出错")

    thread = threading.Thread(target=work, name="export")
    thread.start()
    thread.join()

    log = (tmp_path / "logs" / "zongjie.log").read_text(encoding="utf-8")
    assert "[export]" in log and "ValueError: 导出线程出错" in log
    assert message_log.calls == []  # no widget from a worker thread


def test_startup_error_texts_are_chinese():
    from models.genres import GenreError
    from models.store import StoreError

    assert startup_error_text(StoreError("无法打开数据库"))[0] == "无法打开数据"
    assert startup_error_text(GenreError("体裁模板 x.json 有误"))[0] == "模板文件有误"


# ---------------------------------------------------------------- main window


def test_open_report_shows_the_editor_page_and_back(window, service):
    rid = service.store.insert_report(filled_report(service))
    window.start.refresh()

    assert window.open_report(rid)

    assert window.stack.currentWidget() is window.editor_page
    assert isinstance(window.editor, EditorWidget)
    assert window.windowTitle().startswith("示例镇2024年上半年宣传工作总结")
    assert window.save_action.isEnabled()

    window.save()
    assert window.save_label.text().startswith("已保存 ")

    assert window.close_report()
    assert window.stack.currentWidget() is window.start
    assert window.editor is None
    assert window.start.selected_id() == rid
    assert not window.save_action.isEnabled()


def test_new_report_from_menu_opens_it(window, service, monkeypatch):
    def fake_dialog(svc, parent=None):
        return svc.create_report("half_year", unit="示例镇", period="2024H1")

    monkeypatch.setattr(NewReportDialog, "get_new_report", staticmethod(fake_dialog))
    window.new_action.trigger()
    assert window.report_id is not None
    assert window.stack.currentWidget() is window.editor_page


def test_find_goes_to_the_list_search(window, service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    window.open_report(rid)
    window.find_action.trigger()
    if window.editor is None:  # an editor without its own find hands over to the list
        assert window.stack.currentWidget() is window.start


def test_report_package_export_and_import(window, service, tmp_path, monkeypatch, message_log):
    rid = service.store.insert_report(filled_report(service))
    window.start.refresh(select_id=rid)
    target = tmp_path / "out" / "包"
    target.parent.mkdir()
    suggested = []
    monkeypatch.setattr(package_actions, "choose_save_package",
                        lambda parent, name: suggested.append(name) or str(target))

    written = window.export_package()

    # the one file-name cleaner (ui/editor/file_names.py) names the package too
    assert Path(suggested[0]).name == "示例镇2024年上半年宣传工作总结.json"
    assert written == str(target) + ".json"
    assert Path(written).exists()

    bad = tmp_path / "bad.json"
    bad.write_text("{不是报告包", encoding="utf-8")
    monkeypatch.setattr(package_actions, "choose_open_packages", lambda parent, folder: [written, str(bad)])
    ids = window.import_package()

    assert len(ids) == 1
    assert service.load(ids[0]).get("front.unit") == "示例镇"
    assert window.start.selected_id() == ids[0]
    assert message_log.kinds() == ["error"]
    assert "bad.json" in message_log.calls[0][2]
    with pytest.raises(PackageError):
        service.import_package(bad)


def test_small_helpers():
    assert time_part("2024-07-05T14:32:05") == "14:32:05"
    assert time_part("14:32:05") == "14:32:05"


def test_closing_the_window_saves_and_closes_the_report(window, service, monkeypatch):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    window.open_report(rid)
    flushed = []
    monkeypatch.setattr(window.editor, "flush", lambda: flushed.append(rid) or True)

    assert window.close()

    assert flushed
    assert window.editor is None
    assert service.setting("window.geometry")  # the next start opens where this one was


def test_restored_report_is_selected_in_the_list(window, service, monkeypatch):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    service.delete(rid)
    window.start.refresh()

    def fake_bin(svc, parent=None):
        svc.restore(rid)
        return [rid]

    monkeypatch.setattr(RecycleDialog, "run", staticmethod(fake_bin))
    window.recycle_action.trigger()

    assert window.start.selected_id() == rid
    assert "已恢复 1 份" in window.start.banner.text()


def test_run_gui_opens_the_window_and_exits_cleanly(tmp_path, quiet_run_gui, monkeypatch, message_log):
    from ui import recovery

    folder = tmp_path / "data"
    seen = {}

    def fake_start_messages(parent, service, notices, session, crashed, *, open_report=None, dialog=True):
        seen.update(window=parent, notices=notices, crashed=crashed, marker=session.path.exists())
        parent.close()  # the officer closes the window: app.exec() returns

    monkeypatch.setattr(recovery, "show_start_messages", fake_start_messages)

    assert app_module.run_gui(data_dir=str(folder)) == 0

    assert isinstance(seen["window"], MainWindow)
    assert seen["notices"] == [] and seen["crashed"] == []
    assert seen["marker"]  # a session marker while running…
    assert not list(folder.glob("会话-*.json"))  # …removed on a clean exit
    guard = SingleInstance(folder)
    assert guard.claim() == Claim.OWNER  # the lock was released
    guard.release()
    assert message_log.calls == []


def test_backup_restore_closes_the_report_first_and_refreshes(window, service, monkeypatch):
    from ui.backup_dialog import BackupDialog

    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    window.open_report(rid)
    calls = []

    def fake_run(svc, parent=None, *, before_restore=None, on_restored=None):
        calls.append(before_restore())
        on_restored()

    monkeypatch.setattr(BackupDialog, "run", staticmethod(fake_run))
    window.backup_action.trigger()

    assert calls == [True]
    assert window.editor is None and window.stack.currentWidget() is window.start
    assert "已从备份恢复" in window.start.banner.text()


def test_history_restore_reopens_the_report(window, service, monkeypatch):
    from ui.history_dialog import HistoryDialog

    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    window.open_report(rid)
    first_editor = window.editor

    def fake_run(svc, report_id, parent=None, *, before_restore=None, on_restored=None):
        assert report_id == rid
        assert before_restore() is True
        assert window.editor is None  # nothing can write old text over the restored version
        on_restored(report_id)

    monkeypatch.setattr(HistoryDialog, "run", staticmethod(fake_run))
    window.history_action.trigger()

    assert window.report_id == rid
    assert window.editor is not None and window.editor is not first_editor


def test_about_and_help_say_where_the_data_is(qtbot, service):
    from ui.about import AboutDialog
    from ui.help import HelpWindow

    about = AboutDialog(service, portable=True)
    qtbot.addWidget(about)
    assert about.data_dir == str(service.data_dir)
    assert about.mode_label.text().startswith("便携模式：是")
    help_window = HelpWindow(service)
    qtbot.addWidget(help_window)
    text = help_window.browser.toPlainText()
    assert str(service.data_dir) in text
    assert "序号是自动的" in text and "可导出" in text


# ---------------------------------------------------------------- found walking through the app


def test_back_button_refreshes_the_list(window, service, qtbot):
    """The ← 返回总结列表 button left 有12处待补 / 15% / the old time in the list: clicked(False) was taken
    as refresh=False."""
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", areas=["theory"])
    window.start.refresh(select_id=rid)
    before = window.start.selected_summary()
    assert window.open_report(rid)
    filled = filled_report(service)
    window.editor.report.values.update({k: v for k, v in filled.values.items() if not k.startswith("item.")})
    for address in list(window.editor.report.values):
        window.editor.autosaver.change(address, window.editor.report.values[address])

    qtbot.mouseClick(window.editor_page.back_button, Qt.MouseButton.LeftButton)

    assert window.stack.currentWidget() is window.start
    after = window.start.selected_summary()
    assert after.id == rid
    assert after.problems < before.problems and after.progress > before.progress
    assert window.start.table.hasFocus() or not window.isActiveWindow()


def test_first_window_size_fits_small_screens():
    from ui.qt import QSize

    assert first_window_size(QSize(1920, 1040)) == (QSize(1180, 720), False)
    # 1366×768 and 1024×768 minus a 40 px taskbar: 720 + the title bar does not fit, so maximized
    size, maximize = first_window_size(QSize(1366, 728))
    assert maximize and size.height() <= 728 - 40
    size, maximize = first_window_size(QSize(1024, 728))
    assert maximize and size.width() <= 1024 and size.height() <= 728
    assert first_window_size(None) == (QSize(1180, 720), False)


def test_first_start_on_a_small_screen_is_maximized(qtbot, service, monkeypatch):
    from ui.qt import QSize

    monkeypatch.setattr(mainwindow, "first_window_size", lambda available: (QSize(1000, 650), True))
    win = MainWindow(service)
    qtbot.addWidget(win)
    assert win.windowState() & Qt.WindowState.WindowMaximized


def test_timed_backup_only_after_a_change(window, service):
    """The half-hourly timer (ui/restore_actions.py) backs up when reports changed, then not again."""
    assert window.backup_timer.isActive() and window.backup_timer.interval() == 30 * 60 * 1000
    service.create_report("half_year", unit="示例镇", period="2024H1")
    window._timed_backup()
    assert window.statusBar().currentMessage().startswith("已自动备份 ")
    assert [b.reason for b in service.backups()] == ["timer"]
    window.statusBar().clearMessage()
    window._timed_backup()  # nothing changed since: no second backup, no message
    assert len(service.backups()) == 1 and window.statusBar().currentMessage() == ""


def test_first_start_in_the_window_shows_one_thing_to_do(window):
    """The empty list's buttons stay hidden in the whole window too (read-only handling must not show them)."""
    start = window.start
    assert start.first_button.isVisible()
    for button in (start.new_button, start.copy_button, start.delete_button, start.search):
        assert button.isHidden(), button.text() if hasattr(button, "text") else button
