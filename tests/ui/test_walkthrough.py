"""Regressions found by walking through the app as a first-time officer would (under Xvfb, 1366×768 and 1024×768).

Each test names what the officer saw before the fix.
"""

from __future__ import annotations

import copy

from tests.models.helpers import filled_report
from tests.ui.editor_helpers import item_ids, new_report, open_editor, stored, type_text
from ui.editor.checks_panel import ChecksPanel
from ui.editor.editor import NARROW_TREE
from ui.editor.export_dialog import ExportDialog
from ui.editor.sections import item_key, next_section, part_key
from ui.new_dialog import NewReportDialog, after_text
from ui.qt import QApplication, QLabel, Qt
from ui.start_page import StartPage


def finished_report(service, genre: str = "half_year") -> int:
    return service.store.insert_report(filled_report(service, genre))


# ---------------------------------------------------------------- checks panel


def test_checks_panel_of_a_finished_report_says_so(qtbot, service):
    """A report with nothing to fix opened with no header, “点击一条，跳到要修改的地方” and an empty white box."""
    rid = finished_report(service)
    editor = open_editor(qtbot, service, rid)

    assert editor.findings == []
    assert editor.checks.header.text() == "全部完成，可以导出"
    assert editor.checks.hint.isHidden()
    assert editor.checks.list.isHidden() and not editor.checks.done.isHidden()

    panel = ChecksPanel()
    qtbot.addWidget(panel)
    assert panel.header.text() == "全部完成，可以导出"  # also before the first set_findings


def test_checks_panel_shows_the_list_again_when_something_is_missing(qtbot, service):
    rid = finished_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    editor.form.fields["intro"].setPlainText("今年以来，示例镇开展培训XX场次。")
    editor.refresh()

    assert editor.checks.header.text() == "有 1 处待补"
    assert not editor.checks.list.isHidden() and editor.checks.done.isHidden()


# ---------------------------------------------------------------- findings


def test_clicking_a_wrong_figure_selects_it_so_typing_replaces_it(qtbot, service):
    """Clicking “‘六次’不是数字” put the cursor after 六次: typing 6 gave 六次6."""
    rid = new_report(service)
    theory = item_ids(service, rid, "results")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(theory))
    type_text(editor.form.fields[f"item.{theory}.fig.study_sessions"].edit, "六次")
    editor.refresh()
    finding = next(f for f in editor.findings if f.address == f"item.{theory}.fig.study_sessions")
    editor.show_section("intro")

    editor.jump_to_finding(finding)

    figure = editor.form.fields[f"item.{theory}.fig.study_sessions"]
    assert figure.edit.selectedText() == "六次"
    type_text(figure.edit, "6")
    assert figure.value() == "6"
    editor.flush()
    assert stored(service, rid, f"item.{theory}.fig.study_sessions") == "6"


# ---------------------------------------------------------------- item form


def test_item_example_fits_its_work_area(qtbot, service):
    """意识形态 showed “压实工作责任，守好意识形态阵地。镇党委中心组上半年开展集体学习6次……”: the
    理论武装 body of the genre under another area's heading."""
    rid = service.create_report("half_year", unit="示例镇", period="2024H1", areas=["theory", "ideology"])
    theory, ideology = item_ids(service, rid, "results")
    editor = open_editor(qtbot, service, rid)

    editor.show_section(item_key(ideology))
    guide = " ".join(label.text() for label in editor.form.findChildren(QLabel))
    body = editor.form.fields[f"item.{ideology}.body"]
    assert "压实工作责任，守好意识形态阵地" in guide
    assert "集体学习" not in guide and "集体学习" not in body.placeholderText()
    assert "召开研判会议" in body.placeholderText()  # the area's own figures say what to write

    editor.show_section(item_key(theory))  # the genre's example belongs to 理论武装: kept there
    assert "集体学习6次" in editor.form.fields[f"item.{theory}.body"].placeholderText()


def test_standalone_heading_is_called_xiaobiaoti(qtbot, service):
    rid = service.create_report("media_centre", unit="示例县融媒体中心", period="2024H1", areas=["news"])
    news = item_ids(service, rid, "review")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(news))
    assert editor.form.fields[f"item.{news}.heading"].accessibleName() == "小标题"


# ---------------------------------------------------------------- the way on


def test_next_button_opens_the_next_section(qtbot, service):
    """After 导语 nothing said where to go on; the tree on the left was the only way."""
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    assert editor.form.next_button.isVisible()
    assert "上半年宣传工作成效" in editor.form.next_button.text()

    qtbot.mouseClick(editor.form.next_button, Qt.MouseButton.LeftButton)
    assert editor.current == part_key("results")

    last = [s for top in editor.sections for s in top.walk()][-1]
    editor.show_section(last.key)
    assert next_section(editor.sections, last.key) is None
    assert editor.form.next_button.isHidden()


def test_moving_an_item_says_what_happened(qtbot, service):
    """上移 / 下移 changed the list without a word; add and delete both said what they did."""
    rid = new_report(service)
    first, second = item_ids(service, rid, "results")
    editor = open_editor(qtbot, service, rid)
    editor.show_section(part_key("results"))
    with qtbot.waitSignal(editor.status) as said:
        assert editor.move_item(second, -1)
    assert "上移" in said.args[0] and "Ctrl+Z" in said.args[0]
    assert item_ids(service, rid, "results") == [second, first]


# ---------------------------------------------------------------- preview on a small screen


def test_preview_on_a_1024_screen_keeps_the_form_and_a_readable_page(qtbot, service):
    """At 1024 px the form scrolled sideways (five 80 px buttons, an unwrapped caption) and the page was
    squeezed to ~280 px."""
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.resize(1024, 680)
    editor.show_section(part_key("results"))
    QApplication.processEvents()
    tree_before = editor.splitter.sizes()[0]

    editor.set_preview_visible(True)
    qtbot.waitUntil(lambda: editor.preview.plain_text() != "", timeout=3000)
    QApplication.processEvents()

    tree, _center, page = editor.splitter.sizes()
    assert tree <= 220 and page >= 300  # the tree gives up some room on a narrow window
    assert editor.form.minimumSizeHint().width() <= editor.scroll.viewport().width()
    assert not editor.scroll.horizontalScrollBar().isVisible()
    # what made the form too wide: push buttons of at least 80 px each, captions that did not wrap
    assert editor.form.children_list.minimumSizeHint().width() < 5 * 80
    captions = [label for label in editor.form.findChildren(QLabel) if "自动生成" in label.text()]
    assert captions and all(label.wordWrap() for label in captions) and editor.count_label.wordWrap()

    editor.set_preview_visible(False)  # the tree gets its width back
    QApplication.processEvents()
    assert editor.splitter.sizes()[0] == tree_before


def test_preview_page_fits_the_pane_and_says_what_it_shows(qtbot, service):
    """The pane shows whole pages at the pane's width, and its caption the page count and the grid."""
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.set_preview_visible(True)
    qtbot.waitUntil(lambda: editor.preview.plain_text() != "", timeout=3000)
    QApplication.processEvents()
    view = editor.preview.view
    width, _height = view.area.page_size_px()
    assert width <= view.area.viewport().width()
    assert editor.preview.caption.text().startswith(f"共 {view.page_count()} 页 · A4 · 每页22行、每行28字")


def test_text_field_grows_when_it_gets_narrower(qtbot):
    """With the preview open, the 正文 box kept its height and scrolled inside: half the text hidden."""
    from ui.editor.fields import TextField
    from ui.qt import QVBoxLayout, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    box = QVBoxLayout(page)
    field = TextField("item.a.body", "围绕老旧小区改造、背街小巷提升等重点工作，主动向上级媒体提供新闻线索。" * 6, "", page)
    box.addWidget(field)
    box.addStretch(1)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)

    def shows_all_lines() -> bool:
        return field.height() >= field.wrapped_lines() * field.fontMetrics().lineSpacing()

    qtbot.waitUntil(lambda: field.height() < field.MAX_HEIGHT and shows_all_lines(), timeout=2000)
    wide = field.height()

    page.resize(450, 700)
    qtbot.waitUntil(lambda: field.height() > wide and shows_all_lines(), timeout=2000)


# ---------------------------------------------------------------- export dialog


def test_export_dialog_grows_for_the_result_and_enter_opens_the_file(qtbot, service, tmp_path):
    """After exporting, the dialog kept its height and squeezed the font note to a line and a half."""
    rid = new_report(service)
    dialog = ExportDialog(service, copy.deepcopy(service.load(rid)), families=["宋体", "仿宋"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), dialog.minimumSizeHint().height())  # as a window manager shows it: snug
    QApplication.processEvents()
    dialog.set_path(str(tmp_path / "a.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=20000):
        dialog.start()
    QApplication.processEvents()

    note = dialog.font_note
    assert note.height() >= note.heightForWidth(note.width())
    assert dialog.open_file.isDefault() and not dialog.export_button.isDefault()


# ---------------------------------------------------------------- new dialog


def test_speech_title_preview_waits_for_the_meeting_and_speaker(qtbot, service):
    """The preview read “标题：在上的讲话” before the meeting was typed, and promised a 落款 a speech has not."""
    dialog = NewReportDialog(service)
    qtbot.addWidget(dialog)
    dialog.set_genre("speech")
    dialog.fields["unit"].setText("示例县委宣传部")
    assert "在上的讲话" not in dialog.preview.text()
    assert "会议名称" in dialog.preview.text() and "讲话人" in dialog.preview.text()
    assert "落款" not in dialog.after.text() and "开场白" in dialog.after.text()

    dialog.fields["meeting"].setText("全县宣传思想文化工作会议")
    dialog.fields["speaker"].setText("王明同志")
    assert "在全县宣传思想文化工作会议上的讲话" in dialog.preview.text()

    genre = service.library.get("half_year")
    assert "落款" in after_text(genre) and "导语" in after_text(genre)


# ---------------------------------------------------------------- start page


def test_typing_a_search_clears_the_last_notice(qtbot, service):
    rid = finished_report(service)
    page = StartPage(service)
    qtbot.addWidget(page)
    page.refresh(select_id=rid)
    page.show_notice("“示例镇2024年上半年宣传工作总结”已移到回收站，需要时可以点“回收站”恢复。")
    assert not page.banner.isHidden()

    page.search.setText("理论")
    assert page.banner.isHidden()


# ---------------------------------------------------------------- history dialog


def test_history_times_are_not_cut_off(qtbot, service):
    from ui.history_dialog import HistoryDialog

    rid = finished_report(service)
    service.snapshot(rid, "export", force=True)
    dialog = HistoryDialog(service, rid)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    item = dialog.tree.topLevelItem(0)
    needed = dialog.tree.fontMetrics().horizontalAdvance(item.text(0))
    assert dialog.tree.columnWidth(0) >= needed


def test_list_columns_leave_the_title_room_on_a_1024_screen(qtbot, service):
    """At 1024 px the title column got ~220 px: “示例县融媒体中心2025年上半年工…”."""
    from ui.start_page import GENRE, TITLE

    finished_report(service)
    page = StartPage(service)
    qtbot.addWidget(page)
    page.resize(1024, 600)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert page.table.columnWidth(TITLE) >= 300

    page.resize(1366, 700)  # wide again: the genre names fit uncut
    QApplication.processEvents()
    assert page.table.columnWidth(GENRE) == 190



def test_closing_a_preview_remembered_from_last_time_gives_the_tree_its_width_back(qtbot, service):
    """Opened with the preview on (remembered), the tree was squeezed to ~130 px (一、主要工…) and stayed
    so after 关闭预览, with the form leaving half the window empty."""
    rid = new_report(service)
    service.set_setting("editor.preview_open", "1")
    editor = open_editor(qtbot, service, rid)
    editor.resize(1366, 740)
    QApplication.processEvents()
    assert editor.preview.isVisible()
    assert editor.splitter.sizes()[0] >= NARROW_TREE  # beside the preview: narrowed for the form, not squeezed

    editor.set_preview_visible(False)
    QApplication.processEvents()

    assert editor.splitter.sizes()[0] >= 250
