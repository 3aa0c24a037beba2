"""本单位提纲 in the GUI: saved from an open report, listed, renamed, deleted, exported as a 提纲包,
imported into a fresh data folder and used in 新建总结, which gives the same sections, guidance and
figures; a bad 提纲包 is refused with a Chinese message and stores nothing."""

from __future__ import annotations

import json

from models.service import ReportService
from tests.ui.editor_helpers import open_editor, type_text
from tests.ui.test_structure_editing import add_menu, trigger
from ui import template_dialog
from ui.new_dialog import NewReportDialog
from ui.qt import QDialog, Qt
from ui.template_dialog import SaveTemplateDialog, TemplateListDialog


def shape(service, report) -> list[tuple]:
    """What a template carries, per section: title, guidance, and its items' areas and figures with units."""
    genre = service.genre_of(report)
    out = []
    for part in genre.parts:
        figures = [(item.area, [(f.label, f.unit) for f in item.figures]) for item in report.items.get(part.key, [])
                   if item.kind == "item" and (item.area or item.figures)]
        out.append((part.title or report.get(f"part.{part.key}.title"), part.guide.guidance, figures))
    return out


def shaped_report(qtbot, service):
    """A half-year report restructured in the editor: a 基础情况 section first, 下步举措 removed."""
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05",
                                areas=["theory", "news"])
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    trigger(add_menu(editor), "空白部分")
    key = editor.current.split(":", 1)[1]
    type_text(editor.form.fields[f"part.{key}.title"], "基础情况")
    editor.flush()
    trigger(editor.section_menu("part:next"), "删除部分")
    return rid, editor


def save_template(service, report, name: str, *, update: bool | None = None) -> object:
    dialog = SaveTemplateDialog(service, report)
    dialog.name.setText(name)
    if update is not None:
        (dialog.update_radio if update else dialog.new_radio).setChecked(True)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    return dialog.saved


def test_unit_template_made_in_the_gui_travels_as_a_package_to_a_fresh_data_folder(
        qtbot, service, library, tmp_path, monkeypatch):
    rid, editor = shaped_report(qtbot, service)
    saved = save_template(service, editor.report, "示例县乡镇宣传工作总结提纲")
    assert saved.unit and saved.version == 1
    original = service.load(rid)

    listing = TemplateListDialog(service)
    qtbot.addWidget(listing)
    assert listing.tree.topLevelItem(0).text(0) == "示例县乡镇宣传工作总结提纲"
    assert "一、基础情况" in listing.details.text() and "（一）理论武装  数据：中心组集体学习（次）、开展宣讲（场次）" in listing.details.text()
    package = tmp_path / "提纲包.json"
    monkeypatch.setattr(template_dialog, "choose_save_template", lambda parent, suggested: str(package))
    assert listing.export() == str(package)
    assert json.loads(package.read_text("utf-8"))["format"] == "zongjie-outline"

    fresh = ReportService(tmp_path / "town", library=library)  # another town's computer
    try:
        other = TemplateListDialog(fresh)
        qtbot.addWidget(other)
        assert other.empty.isVisibleTo(other)
        monkeypatch.setattr(template_dialog, "choose_open_template", lambda parent, folder: str(package))
        template_id = other.import_package()
        assert template_id == saved.id and other.tree.topLevelItemCount() == 1
        assert "已导入提纲" in other.notice.text()
        other.new_button.click()
        assert other.outcome() == template_id

        dialog = NewReportDialog(fresh, template_id=template_id)
        qtbot.addWidget(dialog)
        assert dialog.genre.id == template_id
        assert "基础情况" in dialog.description.text()
        dialog.fields["unit"].setText("示例镇")
        dialog.set_period(2024, "H2")
        dialog.accept()
        assert dialog.result() == QDialog.DialogCode.Accepted
        made = fresh.load(dialog.report_id)
        assert shape(fresh, made) == shape(service, original)
        town_editor = open_editor(qtbot, fresh, dialog.report_id)
        assert [s.title for s in town_editor.sections if s.kind == "part"] == [
            "一、基础情况", "二、下半年宣传工作成效", "三、存在的短板"]
        town_editor.close()
        town_editor.deleteLater()
    finally:
        fresh.close()


def test_a_bad_template_package_is_refused_with_a_chinese_message(qtbot, service, tmp_path, monkeypatch,
                                                                  message_log):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "zongjie-outline", "format_version": 1,
                               "template": {"id": "half_year", "version": 1, "name": "冒名"}}), "utf-8")
    listing = TemplateListDialog(service)
    qtbot.addWidget(listing)
    monkeypatch.setattr(template_dialog, "choose_open_template", lambda parent, folder: str(bad))
    assert listing.import_package() is None
    assert message_log.kinds() == ["error"]
    assert "没有保存任何内容" in message_log.texts() and "内置的体裁相同" in message_log.texts()
    assert service.unit_templates() == []
    bad.write_text('{"format": "zongjie-outline", "format_version": 1, "template": {', "utf-8")
    listing.import_package()
    assert "不是完整的 JSON" in message_log.texts()
    assert service.unit_templates() == []


def test_editing_a_template_updates_it_as_a_new_version_or_saves_a_new_one(qtbot, service):
    _rid, editor = shaped_report(qtbot, service)
    first = save_template(service, editor.report, "本镇提纲")
    made = service.create_report(first.id, unit="示例镇", period="2024H2", date="2024-12-30")
    editor = open_editor(qtbot, service, made)
    trigger(editor.section_menu("part:problems"), "空白部分")  # a section after 存在的短板
    key = editor.current.split(":", 1)[1]
    type_text(editor.form.fields[f"part.{key}.title"], "下步打算")
    editor.flush()
    updated = save_template(service, editor.report, "本镇提纲", update=True)
    assert (updated.id, updated.version) == (first.id, 2)
    assert [p.title for p in updated.parts][-1] == "下步打算"
    assert service.load(made).genre_version == 1  # the report keeps the version it was written with
    other = save_template(service, editor.report, "本镇提纲（另一份）", update=False)
    assert other.id != first.id
    assert sorted(t.name for t in service.unit_templates()) == ["本镇提纲", "本镇提纲（另一份）"]


def test_saving_needs_a_name_and_says_so(qtbot, service):
    _rid, editor = shaped_report(qtbot, service)
    dialog = SaveTemplateDialog(service, editor.report)
    qtbot.addWidget(dialog)
    dialog.name.setText("  ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "请给提纲起一个名字" in dialog.error_label.text()
    assert service.unit_templates() == []


def test_rename_and_delete_in_the_list(qtbot, service, monkeypatch, message_log):
    _rid, editor = shaped_report(qtbot, service)
    saved = save_template(service, editor.report, "本镇提纲")
    written = service.create_report(saved.id, unit="示例镇", period="2024H2", date="2024-12-30")
    listing = TemplateListDialog(service)
    qtbot.addWidget(listing)
    assert listing.tree.topLevelItem(0).text(3) == "1份总结"
    monkeypatch.setattr(template_dialog, "ask_name", lambda parent, title, label, text: "示例镇总结提纲")
    listing.rename_button.click()
    assert listing.tree.topLevelItem(0).text(0) == "示例镇总结提纲"
    assert listing.tree.topLevelItem(0).text(1) == "第2版"
    message_log.answer = False
    listing.delete_button.click()
    assert service.unit_templates() != []
    message_log.answer = True
    listing.delete_button.click()
    assert service.unit_templates() == [] and listing.empty.isVisibleTo(listing)
    report = service.load(written)  # reports written with it still open, with the version they used
    assert service.genre_of(report).parts[0].title == "基础情况"


def test_new_report_dialog_lists_unit_templates_beside_the_genres(qtbot, service):
    _rid, editor = shaped_report(qtbot, service)
    saved = save_template(service, editor.report, "本镇提纲")
    dialog = NewReportDialog(service)
    qtbot.addWidget(dialog)
    combo = dialog.genre_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "—— 内置体裁 ——" and "—— 本单位提纲 ——" in texts
    heading = texts.index("—— 本单位提纲 ——")
    assert texts[heading + 1].strip() == "本镇提纲"
    assert not combo.model().item(heading).flags() & Qt.ItemFlag.ItemIsSelectable
    dialog.set_genre(saved.id)
    assert dialog.genre.id == saved.id
    assert [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())][:2] == ["H1", "H2"]


def test_menu_commands(qtbot, service, monkeypatch, message_log):
    from ui.mainwindow import MainWindow

    window = MainWindow(service)
    qtbot.addWidget(window)
    assert not window.save_template_action.isEnabled()
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05")
    window.open_report(rid)
    assert window.save_template_action.isEnabled()
    seen = {}

    def fake_save(svc, report, parent=None):
        seen["report"] = report.id
        return svc.save_as_template(report, "菜单保存的提纲")

    monkeypatch.setattr(SaveTemplateDialog, "run", staticmethod(fake_save))
    window.save_template_action.trigger()
    assert seen["report"] == rid and "菜单保存的提纲" in window.statusBar().currentMessage()
    template_id = service.unit_templates()[0].id

    monkeypatch.setattr(TemplateListDialog, "run", classmethod(lambda cls, svc, parent=None: template_id))
    monkeypatch.setattr(NewReportDialog, "get_new_report", staticmethod(
        lambda svc, parent=None, template_id=None: svc.create_report(template_id, unit="示例镇", period="2024H2")))
    window.templates_action.trigger()
    assert service.load(window.report_id).genre_id == template_id
