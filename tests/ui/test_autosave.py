"""Autosave: timing, focus loss and close, and failures that must never lose text."""

from __future__ import annotations

import sqlite3
import statistics
import time

import pytest

from models.api import StoreError
from tests.ui.editor_helpers import item_ids, new_report, open_editor, stored, type_text
from ui.editor import autosave
from ui.editor.autosave import Autosaver
from ui.editor.sections import item_key


def test_a_pause_in_typing_saves_within_a_second(qtbot, service):
    rid = new_report(service)
    saver = Autosaver(service, rid)
    with qtbot.waitSignal(saver.saved, timeout=1500) as signal:
        started = time.perf_counter()
        saver.change("intro", "导语")
    elapsed = time.perf_counter() - started
    assert 0.5 < elapsed < 1.2
    assert len(signal.args[0]) == 8 and signal.args[0][2] == ":"  # 14:32:05
    assert stored(service, rid, "intro") == "导语"


def test_continuous_typing_is_still_saved_every_second(qtbot, service):
    rid = new_report(service)
    saver = Autosaver(service, rid)
    saves: list[float] = []
    saver.saved.connect(lambda _t: saves.append(time.perf_counter()))
    started = time.perf_counter()
    text = ""
    while time.perf_counter() - started < 1.6:  # a keystroke every 100 ms, never a 700 ms pause
        text += "字"
        saver.change("intro", text)
        qtbot.wait(100)
    assert saves, "the 1 s deadline forces a save even while typing goes on"
    assert saves[0] - started < 1.3
    saver.flush()
    assert stored(service, rid, "intro") == text


def test_focus_loss_and_close_write_at_once(qtbot, service):
    rid = new_report(service)
    item = item_ids(service, rid, "problems")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item))
    heading = editor.form.fields[f"item.{item}.heading"]
    body = editor.form.fields[f"item.{item}.body"]
    type_text(heading, "队伍力量偏弱")
    assert stored(service, rid, f"item.{item}.heading") == ""

    body.setFocus()  # Tab to the next field
    qtbot.waitUntil(lambda: stored(service, rid, f"item.{item}.heading") == "队伍力量偏弱", timeout=500)

    type_text(body, "兼职多，能力弱。")
    editor.close()
    assert stored(service, rid, f"item.{item}.body") == "兼职多，能力弱。"


def _sqlite_error(message: str, code: int) -> sqlite3.Error:
    """An error as SQLite raises it, with its result code (the store words it by the code)."""
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code
    return exc


class RefusingConnection:
    """The store's connection with every write transaction refused the way SQLite refuses it."""

    def __init__(self, real: sqlite3.Connection, error: sqlite3.Error) -> None:
        self.real, self.error = real, error

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    def execute(self, sql: str, *args):
        if sql.startswith("BEGIN"):
            raise self.error
        return self.real.execute(sql, *args)


@pytest.mark.parametrize("error, words", [
    (_sqlite_error("database is locked", sqlite3.SQLITE_BUSY), "占用"),
    (_sqlite_error("database or disk is full", sqlite3.SQLITE_FULL), "磁盘空间不足"),
    (StoreError("数据文件夹无法写入"), "数据文件夹无法写入"),
])
def test_a_failed_write_keeps_the_text_warns_and_retries(qtbot, service, monkeypatch, error, words):
    monkeypatch.setattr(autosave, "RETRY_MS", (200,))
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    real_conn, real_set_values = service.store.conn, service.set_values

    def broken(*_args, **_kwargs):
        raise error

    if isinstance(error, sqlite3.Error):  # SQLite itself refuses: the store turns it into a Chinese StoreError
        monkeypatch.setattr(service.store, "conn", RefusingConnection(real_conn, error))
    else:
        monkeypatch.setattr(service, "set_values", broken)
    statuses: list[str] = []
    editor.status.connect(statuses.append)
    editor.form.fields["intro"].setPlainText("这一段不能丢")

    assert editor.flush() is False
    assert editor.autosaver.pending == {"intro": "这一段不能丢"}
    assert editor.banner.isVisible()
    assert words in editor.banner.text() and "不要关闭" in editor.banner.text()
    assert statuses and statuses[-1] == editor.banner.text()
    editor.show_section("front")  # switching sections while the disk is unavailable keeps the text too
    assert editor.report.get("intro") == "这一段不能丢"

    # the disk is back: the retry timer saves it
    monkeypatch.setattr(service.store, "conn", real_conn)
    monkeypatch.setattr(service, "set_values", real_set_values)
    qtbot.waitUntil(lambda: stored(service, rid, "intro") == "这一段不能丢", timeout=2000)
    assert not editor.autosaver.has_pending()
    assert not editor.banner.isVisible()


def test_autosave_write_latency_is_small(qtbot, service):
    """Measures what a save costs on the UI thread (one transaction, synchronous=FULL)."""
    rid = new_report(service)
    saver = Autosaver(service, rid)
    for n in range(30):
        saver.change("intro", "今年以来，示例镇围绕中心工作抓宣传。" * 20 + str(n))
        saver.change("part.next.lead", "下步打算" * 50 + str(n))
        assert saver.flush()
    median = statistics.median(saver.write_ms)
    print(f"autosave write: median {median:.1f} ms, max {max(saver.write_ms):.1f} ms over {len(saver.write_ms)}")
    assert median < 100
