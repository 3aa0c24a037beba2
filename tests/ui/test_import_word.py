"""导入 Word 文件 in the window: the 文件 menu and the start page button, dropping .docx files on the
list, the import summary dialog, opening the new report in the editor; refused and hostile files give
a Chinese message and store nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from tests.models import wordimport_fixtures as F
from tests.reliability import test_wordimport_hostile as H
from ui import import_actions
from ui.import_summary import ImportSummaryDialog
from ui.mainwindow import MainWindow
from ui.qt import QApplication, QMimeData, QPoint, QPointF, Qt, QUrl


@pytest.fixture
def window(qtbot, service):
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def dialogs(monkeypatch):
    """Each summary dialog is recorded instead of waiting for a click; ``answer`` picks the button."""
    shown: list[ImportSummaryDialog] = []

    class Log:
        answer = "open"
        dialogs = shown

    def exec_(self):
        shown.append(self)
        (self.open_button if Log.answer == "open" else self.close_button).click()
        return 1

    monkeypatch.setattr(ImportSummaryDialog, "exec", exec_)
    return Log


def word_file(tmp_path: Path, fixture, name: str = "") -> Path:
    path = tmp_path / (name or f"{fixture.name}.docx")
    path.write_bytes(fixture.data)
    return path


def page_text(page) -> str:
    from ui.qt import QLabel

    return "\n".join(label.text() for label in page.widget().findChildren(QLabel))


def test_menu_file_chooser_summary_and_editor(window, service, dialogs, monkeypatch, tmp_path, message_log):
    path = word_file(tmp_path, F.typed_numbers(), "示例镇上半年总结.docx")
    monkeypatch.setattr(import_actions, "choose_word_files", lambda parent, folder: [str(path)])
    assert window.import_word_action.shortcut().toString() == "Ctrl+Shift+O"
    assert window.import_word_action in window.menuBar().actions()[0].menu().actions()

    window.import_word_action.trigger()

    assert message_log.calls == []
    [dialog] = dialogs.dialogs
    text = page_text(dialog.pages[0])
    for words in ("已从“示例镇上半年总结.docx”导入", "示例镇2024年上半年宣传工作总结", "半年工作总结（从标题识别）",
                  "示例镇党委宣传办", "2024年上半年", "一级标题 3 个", "二级标题（一） 8 条", "所有段落都已归类"):
        assert words in text, words
    [summary] = service.summaries()
    assert window.editor is not None and window.report_id == summary.id  # 打开这份总结
    assert window.windowTitle().startswith("示例镇2024年上半年宣传工作总结")
    assert service.setting(import_actions.FOLDER_SETTING) == str(tmp_path)


def test_closing_the_summary_leaves_the_report_selected_in_the_list(window, service, dialogs, tmp_path):
    dialogs.answer = "close"
    ids = window.import_word_files([str(word_file(tmp_path, F.speech()))])
    assert window.editor is None
    assert window.start.selected_id() == ids[0]
    assert "已从 Word 文件导入《在全县宣传思想文化工作会议上的讲话》" in window.start.banner.text()
    report = service.load(ids[0])
    assert report.genre_id == "speech" and report.get("front.speaker") == "李华同志"


def test_start_page_button(window, service, dialogs, monkeypatch, tmp_path):
    service.create_report("half_year", unit="示范镇", period="2024H1")  # the list is shown, with its buttons
    window.start.refresh()
    path = word_file(tmp_path, F.heading_styles())
    monkeypatch.setattr(import_actions, "choose_word_files", lambda parent, folder: [str(path)])
    assert window.start.import_word_button.isVisible()
    window.start.import_word_button.click()
    assert len(service.summaries()) == 2 and dialogs.dialogs


def test_first_time_page_offers_word_import(window, dialogs, monkeypatch, tmp_path):
    path = word_file(tmp_path, F.messy())
    monkeypatch.setattr(import_actions, "choose_word_files", lambda parent, folder: [str(path)])
    assert window.start.empty_word.isVisible() and not window.start.import_word_button.isVisible()
    window.start.empty_word.linkActivated.emit("word")
    assert dialogs.dialogs and window.editor is not None


def _drop(widget, paths: list[Path]) -> tuple[bool, bool]:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_docx_files_on_the_list(window, service, dialogs, tmp_path):
    service.create_report("half_year", unit="示范镇", period="2024H1")
    window.start.refresh()
    paths = [word_file(tmp_path, F.auto_numbers()), word_file(tmp_path, F.tables())]
    assert window.start.acceptDrops()
    assert _drop(window.start, paths) == (True, True)
    titles = {s.title for s in service.summaries()}
    assert {"样例县融媒体中心2024年上半年工作总结和下一步工作安排", "样例乡2024年上半年宣传工作总结"} <= titles
    [dialog] = dialogs.dialogs
    assert dialog.tabs is not None and dialog.tabs.count() == 2  # one page per file
    assert "表格 2 张" in page_text(dialog.pages[1])
    assert window.report_id == dialog.results[0][0]  # the page shown is the one opened


def test_a_package_dragged_over_the_list_is_not_taken(window, service, tmp_path):
    package = tmp_path / "报告包.json"
    package.write_text('{"format": "zongjie-report"}', encoding="utf-8")
    assert _drop(window.start, [package]) == (False, False)
    assert service.summaries() == []


def test_a_refused_doc_gives_the_message_and_stores_nothing(window, service, dialogs, tmp_path, message_log):
    old = tmp_path / "去年的总结.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    good = word_file(tmp_path, F.kaiti_run_in())
    ids = window.import_word_files([str(old), str(good)])
    assert len(ids) == 1 and len(service.summaries()) == 1  # the good one still goes in
    [(kind, title, text)] = message_log.calls
    assert kind == "error" and title == "无法导入 Word 文件"
    assert "“去年的总结.doc”：这是旧版 Word 文档（.doc）" in text and "另存为 .docx" in text
    assert "数据没有任何改动" in text


def test_the_file_is_read_off_the_gui_thread(window, service, dialogs, monkeypatch, tmp_path):
    threads = []
    read = service.read_word_file

    def spy(path):
        threads.append(threading.current_thread())
        return read(path)

    monkeypatch.setattr(service, "read_word_file", spy)
    window.import_word_files([str(word_file(tmp_path, F.bold_run_in()))])
    assert threads and threads[0] is not threading.main_thread()
    assert len(service.summaries()) == 1


def test_a_vanished_file_is_named(window, service, tmp_path, message_log):
    assert window.import_word_files([str(tmp_path / "不见了.docx")]) == []
    assert "“不见了.docx”：无法读取这个文件" in message_log.calls[0][2]
    assert service.summaries() == []


def _hostile_corpus(tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    base = F.raw_docx(F.p("正文"))
    long_body = F.p("全镇开展理论宣讲活动，组织党员干部深入村组宣讲政策，群众反响良好。") * 20_100
    return {
        "not_zip.docx": ("这只是一段文字。\n".encode() * 50, "不是有效的 Word 文档"),
        "empty.docx": (b"", "空的"),
        "truncated.docx": (F.typed_numbers().data[:3000], "不是完整的 Word 文档"),
        "plain_zip.docx": (H._zip({"readme.txt": "你好"}), "不是 Word 文档"),
        "password.docx": (H._cfb("EncryptionInfo", "EncryptedPackage"), "密码"),
        "renamed_doc.docx": (H._cfb("WordDocument", "1Table"), "旧版 .doc"),
        "scan.pdf": (b"%PDF-1.7\n" + b"0" * 200, "PDF"),
        "macro.docm": (base, "含有宏"),
        "template.wpt": (base, "WPS 文字模板"),
        "wps.wps": (base, "WPS 文字的专用格式"),
        "laughs.docx": (H._docx_with(H.BILLION_LAUGHS), "DTD"),
        "broken.docx": (H._docx_with(H.HEAD + "<w:p><w:r><w:t>示例</w:t></w:r><w:p>"), "已损坏"),
        "no_text.docx": (H._docx_with(H.HEAD + "<w:p/>" * 40 + H.TAIL), "没有文字"),
        "huge.docx": (F.raw_docx(long_body), "超过 20,000 段"),
    }


def test_hostile_files_through_the_window(window, service, dialogs, tmp_path, message_log):
    corpus = _hostile_corpus(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (data, _) in corpus.items():
        (folder / name).write_bytes(data)
    for name, (_, words) in corpus.items():
        message_log.calls.clear()
        assert window.import_word_files([str(folder / name)]) == [], name
        [(kind, _, text)] = message_log.calls
        assert kind == "error" and f"“{name}”：" in text and words in text, (name, text)
    assert service.summaries() == [] and service.store.count_reports() == 0
    assert dialogs.dialogs == []
    assert window.isEnabled() and window.editor is None


def test_a_slow_file_shows_a_busy_note(window, service, dialogs, monkeypatch, tmp_path):
    import time

    from ui.qt import QProgressDialog, QTimer

    read = service.read_word_file
    seen: list[str] = []

    def slow(path):
        time.sleep(0.6)
        return read(path)

    def look():
        seen.extend(d.labelText() for d in window.findChildren(QProgressDialog) if d.isVisible())

    monkeypatch.setattr(service, "read_word_file", slow)
    QTimer.singleShot(450, look)
    window.import_word_files([str(word_file(tmp_path, F.chinese_headings()))])
    assert seen == ["正在读取“chinese_headings.docx”，请稍候……"]
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert len(service.summaries()) == 1
