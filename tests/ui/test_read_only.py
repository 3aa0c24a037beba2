"""Read-only mode in the window (ui/readonly_banner.py, ui/editor/read_only.py): on a full disk (a 2 MB
tmpfs filled to ENOSPC) and on a read-only medium (a read-only bind mount) the program starts with a
yellow banner instead of refusing, editors open read-only, export still works; 重试 after the folder can
be written again restores editing, nothing lost. A disk that fills while the officer types keeps the
text on the screen and saves it when space returns.

The mount tests need root (tests/mounts.py): CI runs as root and fails them if mounting is impossible.
"""

from __future__ import annotations

import copy
import json
import sys
import zipfile

import pytest

from models.api import ReadOnlyModeError, ReadOnlyReason
from models.integrity import open_service
from models.service import ReportService
from tests import mounts
from tests.models.helpers import filled_report
from tests.ui.editor_helpers import stored, type_text
from ui import package_actions
from ui.app import ErrorHook
from ui.editor.export_dialog import ExportDialog
from ui.mainwindow import MainWindow
from ui.single_instance import Claim, SingleInstance

INTRO = "上半年开展乡村振兴大讲堂进村入户活动，群众反响良好。"


def _reports(folder, library) -> list[int]:
    service = ReportService(folder, library=library)
    try:
        ids = [service.store.insert_report(filled_report(service)) for _ in range(2)]
        service.set_value(ids[0], "intro", INTRO)
        service.summaries()
    finally:
        service.close()
    return ids


@pytest.fixture
def opened(qtbot, library):
    """Open the service of a data folder and a main window on it; both closed after the test."""
    made: list = []

    def open_window(folder):
        service, _notices = open_service(folder, library)
        window = MainWindow(service)
        qtbot.addWidget(window)
        window.show()
        made.append((service, window))
        return service, window

    yield open_window
    for service, window in made:
        window.close()
        service.close()


def _export_from_the_editor(qtbot, window, monkeypatch, target) -> None:
    """导出 Word from the menu, as the officer does, the dialog driven like test_export_dialog does."""
    shown: list[ExportDialog] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.export_word()
    [dialog] = shown
    assert INTRO[:10] in json.dumps(dialog.report.values, ensure_ascii=False)
    dialog.set_path(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000) as result:
        assert dialog.start()
    assert result.args == [True, str(target)]
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)


def _read_only_window_works(qtbot, service, window, rid, words, monkeypatch, tmp_path) -> None:
    banner = window.read_only_banner
    assert banner.isVisible() and banner.text.text().startswith("只读模式：") and words in banner.text.text()
    assert "可以查看、搜索、导出" in banner.text.text() and "修改不会保存" in banner.text.text()
    assert banner.retry.isVisible() and banner.retry.text() == "重试"
    assert not window.new_action.isEnabled() and not window.import_package_action.isEnabled()
    assert window.start.new_button.isHidden() and window.start.delete_button.isHidden()
    assert window.start.model.rowCount() == 2
    window.start.search.setText("大讲堂")
    qtbot.waitUntil(lambda: len(window.start.visible_titles()) == 1, timeout=3000)
    window.start.search.clear()

    assert window.open_report(rid)
    editor = window.editor
    editor.show_section("intro")
    field = editor.form.fields["intro"]
    assert field.isReadOnly() and field.toPlainText() == INTRO
    assert editor.autosaver.paused and not window.undo_action.isEnabled()
    editor.show_section("front")  # a form built later is read-only too
    assert all(f.isReadOnly() for f in editor.form.fields.values() if hasattr(f, "isReadOnly"))
    editor.show_section("intro")

    out = tmp_path / "导出"
    out.mkdir(exist_ok=True)
    _export_from_the_editor(qtbot, window, monkeypatch, out / "总结.docx")
    with zipfile.ZipFile(out / "总结.docx") as z:
        assert "大讲堂" in z.read("word/document.xml").decode("utf-8")
    monkeypatch.setattr(package_actions, "choose_save_package", lambda parent, suggested: str(out / "包.json"))
    assert window.export_package() == str(out / "包.json")
    assert json.loads((out / "包.json").read_text(encoding="utf-8"))["intro"] == INTRO


def _editing_resumes(qtbot, service, window, rid) -> None:
    editor = window.editor
    assert not window.read_only_banner.isVisible()
    assert window.new_action.isEnabled() and not window.start.new_button.isHidden()
    field = editor.form.fields["intro"]
    assert not field.isReadOnly() and not editor.autosaver.paused
    type_text(field, "恢复写入后补的一句。")
    assert editor.flush()
    assert stored(service, rid, "intro") == "恢复写入后补的一句。" + INTRO  # typed where the cursor was
    assert service.store.integrity_check() == "ok"


@pytest.mark.mount
def test_full_disk_opens_with_the_banner_and_retry_restores_editing(qtbot, opened, library, tmp_path,
                                                                     monkeypatch, message_log):
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        ids = _reports(data, library)
        mounts.fill(disk)
        service, window = opened(data)
        _read_only_window_works(qtbot, service, window, ids[0], "磁盘已满", monkeypatch, tmp_path)
        assert "腾出空间后点“重试”" in window.read_only_banner.text.text()

        window.read_only_banner.retry.click()  # still full
        assert window.read_only_banner.isVisible() and "仍无法写入" in window.read_only_banner.state.text()
        assert window.editor.form.fields["intro"].isReadOnly()

        mounts.free(disk)
        window.read_only_banner.retry.click()
        qtbot.waitUntil(lambda: not window.read_only_banner.isVisible(), timeout=3000)
        _editing_resumes(qtbot, service, window, ids[0])
        assert message_log.calls == []


@pytest.mark.mount
def test_read_only_medium_opens_with_the_banner(qtbot, opened, library, tmp_path, monkeypatch, message_log):
    data = tmp_path / "U盘" / "数据"
    ids = _reports(data, library)
    with mounts.read_only_bind(data):
        service, window = opened(data)
        _read_only_window_works(qtbot, service, window, ids[0], "只读的U盘、光盘或共享文件夹", monkeypatch,
                                tmp_path)
        assert "关掉写保护后点“重试”" in window.read_only_banner.text.text()
        mounts.make_writable(data)
        window.read_only_watch.timer.timeout.emit()  # the half-minute look finds it writable by itself
        qtbot.waitUntil(lambda: not window.read_only_banner.isVisible(), timeout=3000)
        _editing_resumes(qtbot, service, window, ids[0])
    assert message_log.calls == []


@pytest.mark.mount
def test_disk_filling_while_typing_keeps_the_text_and_saves_it_when_space_returns(qtbot, opened, library,
                                                                                  tmp_path):
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        ids = _reports(data, library)
        service, window = opened(data)
        assert service.read_only is None and not window.read_only_banner.isVisible()
        assert window.open_report(ids[1])
        editor = window.editor
        editor.show_section("intro")
        mounts.fill(disk)
        typed = "这一段是在磁盘写满时输入的。" * 2000
        field = editor.form.fields["intro"]
        type_text(field, typed)
        assert editor.flush() is False
        qtbot.waitUntil(lambda: window.read_only_banner.isVisible(), timeout=3000)
        assert "磁盘已满" in window.read_only_banner.text.text()
        assert field.isReadOnly() and typed in field.toPlainText()  # the text stays on the screen
        assert editor.autosaver.pending == {"intro": field.toPlainText()}
        assert editor.banner.isVisible() and "1 处修改还没有保存" in editor.banner.text()
        assert "没有丢失" in editor.banner.text()
        assert typed not in stored(service, ids[1], "intro")

        mounts.free(disk)
        assert window.retry_writing()
        qtbot.waitUntil(lambda: stored(service, ids[1], "intro") == field.toPlainText(), timeout=3000)
        assert typed in stored(service, ids[1], "intro")
        assert not editor.autosaver.has_pending() and not editor.banner.isVisible()
        assert not field.isReadOnly() and not window.read_only_banner.isVisible()
        assert service.store.integrity_check() == "ok"


STARTER = """
import sys
from ui import app, messages
from ui.mainwindow import MainWindow

messages.error = lambda parent, title, text, details="": print("ERROR BOX", title, text, flush=True)
messages.info = lambda parent, title, text: print("INFO BOX", title, text, flush=True)
real_show = MainWindow.show

def show(window):
    real_show(window)
    banner = window.read_only_banner
    print("BANNER", not banner.isHidden(), banner.text.text(), flush=True)

MainWindow.show = show
sys.exit(app.run_gui(data_dir=sys.argv[1]))
"""


@pytest.mark.mount
def test_the_program_starts_on_a_full_disk_instead_of_closing(tmp_path, library):
    """The program as the officer starts it (in its own process: its event loop quits once the window is
    up): the lock file cannot be written either, and still the window opens, with the banner."""
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        _reports(data, library)
        mounts.fill(disk)
        r = subprocess.run([sys.executable, "-c", STARTER, str(data)], cwd=root, capture_output=True, text=True,
                           encoding="utf-8", timeout=120,
                           env={**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen",
                                "ZONGJIE_SMOKE_QUIT": "1"})
    assert r.returncode == 0, r.stdout + r.stderr
    assert "BANNER True 只读模式：数据文件夹所在的磁盘已满" in r.stdout, r.stdout + r.stderr
    assert "BOX" not in r.stdout  # no "无法在数据文件夹中写入文件" box, no error at all
    assert "Traceback" not in r.stderr, r.stderr


@pytest.mark.mount
def test_one_window_per_folder_even_without_the_lock_file(qtbot, tmp_path):
    with mounts.tmpfs(tmp_path / "盘") as disk:
        data = disk / "数据"
        data.mkdir()
        mounts.fill(disk)
        first = SingleInstance(data)
        second = SingleInstance(data)
        try:
            assert first.claim() == Claim.UNLOCKED and not first.lock.isLocked()
            with qtbot.waitSignal(first.raise_requested, timeout=3000):
                assert second.claim() == Claim.RUNNING  # the socket still keeps the second window out
            mounts.free(disk)
            assert first.take_lock()
            third = SingleInstance(data)
            assert third.claim() == Claim.RUNNING
        finally:
            first.release()


def test_a_write_nobody_foresaw_in_read_only_mode_is_explained_not_a_crash(tmp_path, message_log):
    hook = ErrorHook(tmp_path / "zongjie.log")
    reason = ReadOnlyReason("full", tmp_path)
    try:
        raise ReadOnlyModeError(reason.refused())
    except ReadOnlyModeError:
        hook(*sys.exc_info())
    assert message_log.kinds() == ["info"]
    title, text = message_log.calls[0][1:]
    assert title == "只读模式" and "磁盘已满" in text and "没有丢失" in text


def test_export_in_read_only_mode_takes_the_text_on_the_screen(qtbot, service, monkeypatch, tmp_path):
    """The unsaved text of a disk that filled goes into the export and the package (no mount needed:
    the store is switched by its seam)."""
    from models import store as store_module

    rid = service.store.insert_report(filled_report(service))
    window = MainWindow(service)
    qtbot.addWidget(window)
    window.show()
    assert window.open_report(rid)
    editor = window.editor
    editor.show_section("intro")
    full = ReadOnlyReason("full", tmp_path)
    monkeypatch.setattr(store_module, "writable_problem", lambda folder: full)
    service.store.set_read_only(full)
    qtbot.waitUntil(lambda: window.read_only_banner.isVisible(), timeout=3000)
    editor.autosaver.pending["intro"] = editor.report.values["intro"] = "屏幕上还没保存的导语"
    monkeypatch.setattr(package_actions, "choose_save_package", lambda parent, s: str(tmp_path / "包.json"))
    assert window.export_package() == str(tmp_path / "包.json")
    assert json.loads((tmp_path / "包.json").read_text(encoding="utf-8"))["intro"] == "屏幕上还没保存的导语"
    shown: list[ExportDialog] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window.export_word()
    assert [d.report.get("intro") for d in shown] == ["屏幕上还没保存的导语"]
    assert copy.deepcopy(editor.autosaver.pending) == {"intro": "屏幕上还没保存的导语"}
    monkeypatch.setattr(store_module, "writable_problem", lambda folder: None)
    assert window.retry_writing()
    qtbot.waitUntil(lambda: stored(service, rid, "intro") == "屏幕上还没保存的导语", timeout=3000)
