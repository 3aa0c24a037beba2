"""Rough edges a first-time officer found: 完成度 counting empty items, the 复制为新一期 banner, stale
status-bar messages, Ctrl+E from a figure field, OS errors in English."""

from __future__ import annotations

import datetime as _dt
import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from models import checks
from models.report import Item
from tests.models.helpers import filled_report
from tests.ui.editor_helpers import item_ids, new_report, type_text
from ui.editor.autosave import failure_message
from ui.editor.export_dialog import ExportDialog
from ui.editor.sections import item_key
from ui.mainwindow import MainWindow
from ui.qt import QApplication, Qt
from ui.start_page import StartPage


@pytest.fixture
def window(qtbot, service):
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def test_an_empty_item_leaves_the_list_at_100_percent(qtbot, service):
    report = filled_report(service)
    report.items["problems"].append(Item(id=report.new_item_id(), part="problems"))
    rid = service.store.insert_report(report)
    page = StartPage(service)
    qtbot.addWidget(page)
    assert service.summaries(ids=[rid])[0].progress == 100


def test_copy_banner_says_truthfully_what_was_kept(qtbot, service, monkeypatch):
    report = filled_report(service)  # 2024年上半年, figures filled, signed 2024-07-05
    rid = service.store.insert_report(report)
    monkeypatch.setattr(checks, "today", lambda: _dt.date(2024, 7, 10))
    page = StartPage(service)
    qtbot.addWidget(page)
    page.refresh(select_id=rid)

    new_id = page.copy_selected()

    text = page.banner.text()
    assert "2024年下半年" in text
    assert "正文沿用上一期" in text and "待改写" in text
    assert "数据栏" in text and "已清空" in text
    assert "落款日期已改为2024年12月31日" in text
    assert "各项数字已清空待填" not in text  # the text still holds last period's numbers: never claim otherwise
    copy = service.load(new_id)
    assert copy.get("front.date") == "2024-12-31"
    figures = [a for a in copy.values if ".fig." in a]
    assert figures == []


def test_status_message_about_a_finding_goes_when_it_is_fixed(qtbot, service, window):
    rid = new_report(service)
    window.open_report(rid)
    editor = window.editor
    theory = item_ids(service, rid, "results")[0]
    editor.show_section(item_key(theory))
    field = editor.form.fields[f"item.{theory}.fig.audience"]
    type_text(field.edit, "十二")
    editor.refresh()
    finding = next(f for f in editor.findings if f.address == field.address)
    editor.jump_to_finding(finding)
    assert finding.message in window.statusBar().currentMessage()

    field.edit.selectAll()
    type_text(field.edit, "12")
    editor.refresh()

    assert window.statusBar().currentMessage() == ""


def test_a_save_failure_leaves_no_stale_saved_time_and_clears_when_it_works_again(qtbot, service, window,
                                                                                  monkeypatch):
    rid = new_report(service)
    window.open_report(rid)
    editor = window.editor
    editor.show_section("intro")
    real = service.set_values

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(service, "set_values", full)
    editor.form.fields["intro"].setPlainText("导语")
    assert not editor.flush()
    assert "磁盘空间不足" in window.statusBar().currentMessage()
    assert "已保存" not in window.save_label.text()

    monkeypatch.setattr(service, "set_values", real)
    assert editor.flush()
    assert window.statusBar().currentMessage() == ""
    assert window.save_label.text().startswith("已保存")


@pytest.mark.parametrize("where", ["figure", "heading", "intro"])
def test_ctrl_e_exports_from_every_field(qtbot, service, window, monkeypatch, where):
    rid = new_report(service)
    window.open_report(rid)
    editor = window.editor
    theory = item_ids(service, rid, "results")[0]
    opened = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(self) or 0)
    if where == "intro":
        editor.show_section("intro")
        target = editor.form.fields["intro"]
    else:
        editor.show_section(item_key(theory))
        target = editor.form.fields[f"item.{theory}.{'fig.audience' if where == 'figure' else 'heading'}"]
        target = getattr(target, "edit", target)
    target.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target, timeout=2000)

    qtbot.keyClick(target, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)

    assert len(opened) == 1


@pytest.mark.parametrize(("code", "words"), [
    (errno.ENOSPC, "磁盘空间不足"),
    (errno.EROFS, "只读"),
    (errno.EACCES, "没有权限"),
    (errno.ENAMETOOLONG, "太长"),
    (errno.ENOENT, "不存在"),
    (errno.EIO, "读写"),
])
def test_autosave_failures_are_chinese_with_the_remedy(code, words):
    message = failure_message(OSError(code, "Read-only file system or the like"))
    assert words in message
    assert "Read-only" not in message and "file system" not in message


def test_ctrl_e_with_the_x11_key_scheme():
    """The officer's report: Ctrl+E did nothing in a heading or a figure. The offscreen platform has no
    emacs-style line keys; a real X server gives QLineEdit Ctrl+E = end of line, so the test above runs
    again there."""
    if not sys.platform.startswith("linux"):
        pytest.skip("the X11 key scheme exists on Linux only; elsewhere the test above is the real one")
    if not shutil.which("xvfb-run"):
        pytest.fail("xvfb-run missing (dev.py test installs xvfb)")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    r = subprocess.run(["xvfb-run", "-a", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        f"{__file__}::test_ctrl_e_exports_from_every_field"],
                       capture_output=True, text=True, timeout=300, env=env, cwd=Path(__file__).parents[2])
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "3 passed" in r.stdout
