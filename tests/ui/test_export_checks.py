"""The export dialog reads the same findings as the checks panel: what will not print, what will print
wrong, what could be better; a figure that is not a number blocks the export until fixed or marked
按原样打印; 删除所有空条目 is one undo step; no stale 打开文件 after a failure; the font names shown
are the ones written."""

from __future__ import annotations

import copy
import errno
import zipfile

from export import fonts
from models.api import empty_item_ids
from tests.models.helpers import filled_report
from tests.ui.editor_helpers import item_ids, new_report, open_editor, stored
from ui.editor import export_dialog
from ui.editor.export_dialog import ExportDialog
from ui.editor.sections import item_key

PLAIN = ["宋体", "仿宋", "楷体", "黑体", "华文中宋"]
NO_ZHONGSONG = ["宋体", "仿宋", "楷体", "黑体"]


def make_dialog(qtbot, service, report, families=PLAIN, **kwargs) -> ExportDialog:
    dialog = ExportDialog(service, copy.deepcopy(report), families=families, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def test_not_printed_and_printed_wrong_are_told_apart(qtbot, service):
    rid = new_report(service)  # fresh: empty items everywhere
    service.set_value(rid, "intro", "示例镇开展宣讲XX场次。\n今年以来" + "，宣传工作扎实推进" * 14 + "。")
    report = service.load(rid)
    findings = service.check(report)
    dialog = make_dialog(qtbot, service, report)

    assert not dialog.missing_label.isHidden() and "不会打印" in dialog.missing_label.text()
    assert not dialog.wrong_label.isHidden() and "会印错" in dialog.wrong_label.text()
    assert "1 处" in dialog.wrong_label.text() and "导语" in dialog.wrong_label.text()
    assert not dialog.style_label.isHidden() and "可以改进" in dialog.style_label.text()
    # the same count as the checks panel's header, and no sentence saying empty items will print
    needs = [f for f in findings if f.severity != "info"]
    assert f"{len(needs)} 处待补" in dialog.warning.text()
    every_text = " ".join(w.text() for w in (dialog.warning, dialog.missing_label, dialog.wrong_label,
                                             dialog.style_label))
    assert "会照原样出现" not in every_text
    assert dialog.block_label.isHidden() and dialog.export_button.isEnabled()


def test_a_figure_that_is_not_a_number_blocks_export_and_offers_the_way_there(qtbot, service, tmp_path):
    report = filled_report(service)
    theory = report.items["results"][0]
    address = f"item.{theory.id}.fig.audience"
    report.values[address] = "十二"
    rid = service.store.insert_report(report)
    dialog = make_dialog(qtbot, service, service.load(rid))
    dialog.set_path(str(tmp_path / "a.docx"))

    assert not dialog.block_label.isHidden()
    assert "不是数字" in dialog.block_label.text() and "按原样打印" in dialog.block_label.text()
    assert not dialog.export_button.isEnabled()
    assert not dialog.start()
    assert not (tmp_path / "a.docx").exists()
    with qtbot.waitSignal(dialog.fix_requested) as seen:
        dialog.jump_button.click()
    assert seen.args[0].address == address and seen.args[0].blocking

    service.set_value(rid, address + ".asis", "十二")  # 按原样打印
    marked = make_dialog(qtbot, service, service.load(rid))
    assert marked.block_label.isHidden() and marked.export_button.isEnabled()


def test_the_editor_jumps_to_the_blocking_figure(qtbot, service, monkeypatch):
    report = filled_report(service)
    theory = report.items["results"][0]
    address = f"item.{theory.id}.fig.audience"
    report.values[address] = "十二"
    rid = service.store.insert_report(report)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")

    monkeypatch.setattr(ExportDialog, "exec", lambda self: self.jump_button.click())
    editor.show_export_dialog()

    assert editor.current == item_key(theory.id)
    assert editor.form.fields[address].edit.selectedText() == "十二"


def test_remove_all_empty_items_from_the_dialog_is_one_undo_step(qtbot, service, monkeypatch):
    rid = new_report(service)
    first = item_ids(service, rid, "problems")[0]
    service.set_values(rid, {f"item.{first}.heading": "队伍偏弱", f"item.{first}.body": "兼职多。"})
    editor = open_editor(qtbot, service, rid)
    empty = set(empty_item_ids(editor.findings))
    assert len(empty) >= 3
    seen = {}

    def run(self):
        assert not self.remove_empty_button.isHidden()
        self.remove_empty_button.click()
        seen["missing"] = self.missing_label.text()
        seen["button"] = self.remove_empty_button.isHidden()
        seen["report"] = {i.id for i in self.report.all_items()}

    monkeypatch.setattr(ExportDialog, "exec", run)
    editor.show_export_dialog()

    assert not empty & {i.id for i in service.load(rid).all_items()}
    assert not empty & seen["report"]  # the dialog exports the report without them
    assert seen["button"]  # nothing left to remove
    assert editor.undo_stack.count() == 1
    editor.undo()
    assert empty <= {i.id for i in service.load(rid).all_items()}
    assert stored(service, rid, f"item.{first}.heading") == "队伍偏弱"


def test_without_the_editor_there_is_no_remove_button(qtbot, service):
    rid = new_report(service)
    dialog = make_dialog(qtbot, service, service.load(rid))
    assert dialog.remove_empty_button.isHidden()


def test_open_file_is_not_offered_after_a_failed_export(qtbot, service, tmp_path, monkeypatch, message_log):
    rid = new_report(service)
    dialog = make_dialog(qtbot, service, service.load(rid))
    dialog.set_path(str(tmp_path / "first.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=20000):
        dialog.start()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)
    assert dialog.open_file.isEnabled() and not dialog.open_file.isHidden()

    import models.atomic

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(models.atomic.tempfile, "mkstemp", full)
    message_log.answer = False
    dialog.set_path(str(tmp_path / "second.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=20000) as result:
        dialog.start()
    assert result.args[0] is False
    assert not dialog.open_file.isEnabled() and not dialog.open_folder.isEnabled()
    assert "磁盘空间不足" in dialog.result.text()
    assert dialog.export_button.isDefault()


def test_font_names_shown_are_the_ones_written(qtbot, service, tmp_path):
    rid = service.store.insert_report(filled_report(service))
    dialog = make_dialog(qtbot, service, service.load(rid), families=NO_ZHONGSONG)
    system = dialog.scheme_combo.itemText(dialog.scheme_combo.findData(fonts.SYSTEM))
    assert "华文中宋" not in system and "宋体" in system  # this computer has no 华文中宋: 宋体 is written
    dialog.scheme_combo.setCurrentIndex(dialog.scheme_combo.findData(fonts.SYSTEM))
    dialog.set_path(str(tmp_path / "r.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=20000):
        dialog.start()
    with zipfile.ZipFile(tmp_path / "r.docx") as z:
        xml = z.read("word/document.xml").decode() + z.read("word/styles.xml").decode()
    assert "华文中宋" not in xml and 'w:eastAsia="宋体"' in xml

    with_zhongsong = make_dialog(qtbot, service, service.load(rid), families=PLAIN)
    system = with_zhongsong.scheme_combo.itemText(with_zhongsong.scheme_combo.findData(fonts.SYSTEM))
    assert "华文中宋" in system
    standard = with_zhongsong.scheme_combo.itemText(with_zhongsong.scheme_combo.findData(fonts.STANDARD))
    # 方正小标宋简体 is not installed here: the 标准 scheme writes the 系统自带 title font, and says so
    assert "华文中宋" in standard and "仿宋_GB2312" in standard


def test_word_and_pdf_are_the_formats_and_the_name_follows_the_choice(qtbot, service):
    rid = new_report(service)
    dialog = make_dialog(qtbot, service, service.load(rid))
    assert [f.key for f in export_dialog.FORMATS] == ["docx", "pdf"]
    assert not dialog.format_combo.isHidden()  # two formats: the choice is shown
    assert dialog.path().endswith(".docx") and dialog.windowTitle() == "导出 Word 文件"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("pdf"))
    assert dialog.path().endswith(".pdf") and dialog.windowTitle() == "导出 PDF 文件"
    assert dialog.name_edit.text().endswith(".pdf")
