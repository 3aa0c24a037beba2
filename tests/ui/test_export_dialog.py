"""导出 Word: default name and folder, font note, the file written off the UI thread, Chinese errors."""

from __future__ import annotations

import copy
import errno
import os

import docx

from export import fonts
from tests.ui.editor_helpers import item_ids, new_report, open_editor
from ui.editor import export_dialog
from ui.editor.export_dialog import ExportDialog, font_note
from ui.editor.file_names import default_docx_name, safe_file_stem

STANDARD = ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体", "宋体"]
PLAIN = ["宋体", "仿宋", "楷体", "黑体", "华文中宋"]


def filled(service, rid):
    report = service.load(rid)
    report.values["intro"] = "今年以来，示例镇围绕中心工作抓宣传。现将有关情况总结如下："
    ids = item_ids(service, rid, "problems")
    service.set_values(rid, {"intro": report.values["intro"],
                             f"item.{ids[0]}.heading": "队伍力量偏弱，专业能力不足",
                             f"item.{ids[0]}.body": "村级宣传员多为兼职。"})
    return service.load(rid)


def make_dialog(qtbot, service, report, families=PLAIN) -> ExportDialog:
    dialog = ExportDialog(service, copy.deepcopy(report), families=families)
    qtbot.addWidget(dialog)
    return dialog


def test_default_name_folder_fonts_and_warning(qtbot, service, tmp_path):
    rid = new_report(service)
    report = service.load(rid)
    dialog = make_dialog(qtbot, service, report)
    assert dialog.name_edit.text() == "示例镇2024年上半年宣传工作总结.docx"
    assert os.path.isdir(dialog.folder_edit.text())
    assert dialog.scheme_combo.currentData() == fonts.SYSTEM  # no 公文 fonts on this computer
    assert "方正小标宋简体" in dialog.font_note.text() and not dialog.font_note.isHidden()
    assert not dialog.warning.isHidden() and "处待补" in dialog.warning.text()
    assert dialog.table_check.isChecked()

    service.set_setting("last_export_dir", str(tmp_path))
    standard = make_dialog(qtbot, service, report, families=STANDARD)
    assert standard.scheme_combo.currentData() == fonts.STANDARD
    assert standard.font_note.isHidden() and font_note(STANDARD) == ""
    assert standard.folder_edit.text() == str(tmp_path)


def test_file_names_are_safe_on_windows(service):
    assert safe_file_stem('示例镇:2024/上半年*"总结"?<>|') == "示例镇2024上半年总结"
    assert safe_file_stem("CON") == "_CON"
    assert safe_file_stem(" ..\n") == "宣传工作总结"
    rid = service.create_report("half_year", unit="示例镇/党委宣传办", period="2024H2", date="2024-12-30")
    report = service.load(rid)
    assert default_docx_name(report, service.genre_of(report)) == "示例镇党委宣传办2024年下半年宣传工作总结.docx"


def test_export_writes_a_docx_that_opens(qtbot, service, tmp_path):
    rid = new_report(service)
    report = filled(service, rid)
    before = service.load(rid)
    dialog = make_dialog(qtbot, service, report)
    target = tmp_path / "导出" / "示例镇总结.docx"
    target.parent.mkdir()
    dialog.set_path(str(target))

    with qtbot.waitSignal(dialog.export_finished, timeout=20000) as result:
        assert dialog.start()
    assert result.args == [True, str(target)]
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=5000)

    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "示例镇2024年上半年宣传工作总结" in text
    assert "（一）队伍力量偏弱，专业能力不足。村级宣传员多为兼职。" in text
    assert dialog.progress.value() == 100
    assert not dialog.open_file.isHidden() and not dialog.open_folder.isHidden()
    assert service.setting("last_export_dir") == str(target.parent)
    after = service.load(rid)
    assert after.values == before.values and after.updated == before.updated


def test_open_buttons_use_the_system(qtbot, service, tmp_path, monkeypatch):
    rid = new_report(service)
    dialog = make_dialog(qtbot, service, service.load(rid))
    opened: list[str] = []
    monkeypatch.setattr(export_dialog, "open_path", lambda p: opened.append(p) or True)
    dialog.set_path(str(tmp_path / "a.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=20000):
        dialog.start()
    dialog.open_file.click()
    dialog.open_folder.click()
    assert opened == [str(tmp_path / "a.docx"), str(tmp_path)]


def test_read_only_folder_shows_chinese_error_and_report_is_unchanged(qtbot, service, tmp_path, monkeypatch,
                                                                     message_log):
    rid = new_report(service)
    report = filled(service, rid)
    before = service.load(rid)
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # running as root: make the folder refuse writes anyway
        import models.atomic

        def refuse(*_args, **_kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(models.atomic.tempfile, "mkstemp", refuse)
    dialog = make_dialog(qtbot, service, report)
    dialog.set_path(str(folder / "总结.docx"))
    chosen: list[str] = []
    monkeypatch.setattr(export_dialog, "choose_save_path", lambda parent, suggested: chosen.append(suggested) or "")
    message_log.answer = True  # 换个名字保存… → the file dialog (cancelled here)

    with qtbot.waitSignal(dialog.export_finished, timeout=20000) as result:
        dialog.start()

    ok, message = result.args
    assert not ok
    assert "没有权限" in message and "只读" in message and "换一个保存位置" in message
    assert message_log.calls[-1][:2] == ("confirm", "导出失败")
    assert chosen == [str(folder / "总结.docx")]  # offered another name
    assert dialog.result.text() == message and not dialog.result.isHidden()
    assert not (folder / "总结.docx").exists()
    assert dialog.export_button.isEnabled()
    after = service.load(rid)
    assert after.values == before.values and after.updated == before.updated
    folder.chmod(0o755)


def test_existing_file_is_replaced_only_when_confirmed(qtbot, service, tmp_path, message_log):
    rid = new_report(service)
    target = tmp_path / "总结.docx"
    target.write_bytes(b"old")
    dialog = make_dialog(qtbot, service, service.load(rid))
    dialog.set_path(str(target))
    message_log.answer = False
    assert not dialog.start()
    assert target.read_bytes() == b"old"


def test_editor_opens_the_dialog_with_a_copy(qtbot, service, monkeypatch):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    editor.form.fields["intro"].setPlainText("还没自动保存的导语")
    seen = {}

    def fake_exec(self):
        seen["intro"] = self.report.get("intro")
        seen["same"] = self.report is editor.report
        return 0

    monkeypatch.setattr(ExportDialog, "exec", fake_exec)
    editor.show_export_dialog()
    assert seen == {"intro": "还没自动保存的导语", "same": False}
    assert service.load(rid).get("intro") == "还没自动保存的导语"  # flushed before exporting
