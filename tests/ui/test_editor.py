"""The editor: typing reaches the store, counts and checks follow, findings jump to the blank."""

from __future__ import annotations

from tests.ui.editor_helpers import item_ids, new_report, open_editor, stored, type_text
from ui.editor.editor import MIN_PREVIEW, EditorWidget
from ui.editor.fields import FigureField, LineField, TextField
from ui.editor.sections import PROBLEM, item_key, part_key
from ui.qt import QApplication, QDate, QMimeData, Qt


def test_typed_text_and_figures_are_saved_and_shown_again(qtbot, service):
    rid = new_report(service)
    theory = item_ids(service, rid, "results")[0]
    editor = open_editor(qtbot, service, rid)

    editor.show_section("intro")
    intro = editor.form.fields["intro"]
    type_text(intro, "今年以来，示例镇围绕中心工作抓宣传。")
    editor.show_section(item_key(theory))
    heading = editor.form.fields[f"item.{theory}.heading"]
    type_text(heading, "抓实理论学习，筑牢思想根基")
    figure = editor.form.fields[f"item.{theory}.fig.lectures"]
    qtbot.keyClicks(figure.edit, "24")

    # autosave: written within about a second of the last keystroke, without any explicit save
    qtbot.waitUntil(lambda: stored(service, rid, f"item.{theory}.fig.lectures") == "24", timeout=3000)
    assert stored(service, rid, "intro") == "今年以来，示例镇围绕中心工作抓宣传。"
    assert stored(service, rid, f"item.{theory}.heading") == "抓实理论学习，筑牢思想根基"
    assert not editor.autosaver.has_pending()

    again = open_editor(qtbot, service, rid)
    again.show_section(item_key(theory))
    assert again.form.fields[f"item.{theory}.heading"].value() == "抓实理论学习，筑牢思想根基"
    assert again.form.fields[f"item.{theory}.fig.lectures"].value() == "24"
    again.show_section("intro")
    assert again.form.fields["intro"].value() == "今年以来，示例镇围绕中心工作抓宣传。"


def test_switching_section_writes_pending_edits_at_once(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    editor.form.fields["intro"].setPlainText("导语第一段")
    assert editor.autosaver.has_pending()
    assert stored(service, rid, "intro") == ""  # the timer has not fired yet

    editor.show_section("front")

    assert stored(service, rid, "intro") == "导语第一段"
    assert not editor.autosaver.has_pending()


def test_clicking_a_finding_selects_the_blank_in_the_body(qtbot, service):
    rid = new_report(service)
    item = item_ids(service, rid, "problems")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item))
    editor.form.fields[f"item.{item}.heading"].setText("队伍力量偏弱")
    editor.form.fields[f"item.{item}.body"].setPlainText("第一段\n组织开展XX次培训")
    editor.refresh()
    editor.show_section("intro")  # the jump must also bring the right section back

    rows = [n for n, f in enumerate(editor.checks.findings) if f.address == f"item.{item}.body" and f.start >= 0]
    assert rows, "the leftover XX is listed"
    row = editor.checks.list.item(rows[0])
    rect = editor.checks.list.visualItemRect(row)
    qtbot.mouseClick(editor.checks.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert editor.current == item_key(item)
    body = editor.form.fields[f"item.{item}.body"]
    assert isinstance(body, TextField)
    assert body.textCursor().selectedText() == "XX"


def test_jump_selects_blank_in_a_heading_line(qtbot, service):
    rid = new_report(service)
    item = item_ids(service, rid, "next")[1]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item))
    editor.form.fields[f"item.{item}.heading"].setText("开展某某活动")
    editor.refresh()
    finding = next(f for f in editor.findings if f.address == f"item.{item}.heading" and f.start >= 0)
    editor.show_section("front")

    editor.jump_to_finding(finding)

    heading = editor.form.fields[f"item.{item}.heading"]
    assert isinstance(heading, LineField)
    assert heading.selectedText() == "某某"


def test_pasted_control_characters_are_cleaned(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    intro = editor.form.fields["intro"]
    mime = QMimeData()
    mime.setText("第一段\x0b第二\x00段\r\n第三段\x07")

    intro.insertFromMimeData(mime)
    editor.flush()

    assert intro.value() == "第一段\n第二段\n第三段"
    assert stored(service, rid, "intro") == "第一段\n第二段\n第三段"


def test_pasted_line_breaks_in_a_heading_are_joined(qtbot, service):
    rid = new_report(service)
    item = item_ids(service, rid, "problems")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item))
    heading = editor.form.fields[f"item.{item}.heading"]
    heading.setFocus()
    heading.insert("队伍力量偏弱，\n专业能力不足\x0b")
    heading.textEdited.emit(heading.text())  # what a paste from the keyboard or menu triggers

    assert heading.value() == "队伍力量偏弱，专业能力不足"


def test_huge_paste_is_kept(qtbot, service):
    """A 1 MB paste lands whole in the field and in the database (bench/paste.py measures how fast)."""
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    paragraph = "围绕中心工作开展宣传，群众参与热情高涨。" * 25 + "\n"
    text = paragraph * (1_000_000 // len(paragraph))  # about 1 MB of text
    mime = QMimeData()
    mime.setText(text)

    editor.form.fields["intro"].insertFromMimeData(mime)
    editor.refresh()  # what the debounce timer runs after the paste
    assert editor.flush()

    assert stored(service, rid, "intro") == text
    assert "全文" in editor.count_label.text()


def test_figure_that_is_not_a_number_is_flagged(qtbot, service):
    rid = new_report(service)
    theory = item_ids(service, rid, "results")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(theory))
    figure = editor.form.fields[f"item.{theory}.fig.audience"]
    assert isinstance(figure, FigureField)

    type_text(figure.edit, "约三千")

    assert figure.warning.isVisible()
    assert "不是数字" in figure.problem()
    editor.refresh()
    assert editor.states[item_key(theory)] == PROBLEM
    assert any(f.address == f"item.{theory}.fig.audience" for f in editor.checks.findings)

    figure.edit.clear()
    type_text(figure.edit, "3100余")
    assert not figure.warning.isVisible()


def test_character_counts_follow_typing(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    assert editor.count_label.text() == "本节 0 字（建议 120–300） · 全文 0 字（建议 2,500–5,000）"

    editor.form.fields["intro"].setPlainText("今年以来 成效明显。\n现将情况总结如下：")
    qtbot.waitUntil(lambda: "本节 18 字" in editor.count_label.text(), timeout=2000)
    assert "全文 18 字" in editor.count_label.text()

    item = item_ids(service, rid, "problems")[0]
    editor.show_section(item_key(item))
    editor.form.fields[f"item.{item}.body"].setPlainText("一二三四五")
    qtbot.waitUntil(lambda: "全文 23 字" in editor.count_label.text(), timeout=2000)
    assert editor.count_label.text().startswith("本节 5 字")


def test_title_follows_the_unit_name(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("front")
    with qtbot.waitSignal(editor.title_changed, timeout=2000) as signal:
        unit = editor.form.fields["front.unit"]
        unit.selectAll()
        type_text(unit, "新城镇")
    assert signal.args == ["新城镇2024年上半年宣传工作总结"]


def _form_and_page_at_1366(qtbot, editor) -> tuple[int, int, int]:
    editor.resize(1366, 768)
    editor.show_section(part_key("results"))
    QApplication.processEvents()
    if not editor.preview.isVisible():
        editor.set_preview_visible(True)
    qtbot.waitUntil(lambda: editor.preview.plain_text() != "", timeout=3000)
    QApplication.processEvents()
    tree, form, page = editor.splitter.sizes()
    return tree, form, page


def test_preview_on_a_1366_window_leaves_the_form_the_larger_share(qtbot, service):
    """With the preview open on a 1366 px window the form, where the officer writes, was squeezed:
    the tree keeps ~220 px, the form at least 45% of the rest and more than the page, the page the rest."""
    editor = open_editor(qtbot, service, new_report(service))
    tree, form, page = _form_and_page_at_1366(qtbot, editor)
    assert tree <= 230
    assert form >= 0.45 * (form + page) and form > page and form >= 600
    assert page >= MIN_PREVIEW
    assert not editor.scroll.horizontalScrollBar().isVisible()


def test_a_preview_remembered_open_gets_the_same_shares_at_1366(qtbot, service):
    """Opened with the preview on (remembered) at the first, smaller size and then grown to 1366 px:
    the growth goes mostly to the form, as when the preview is opened at that width."""
    rid = new_report(service)
    service.set_setting("editor.preview_open", "1")
    editor = open_editor(qtbot, service, rid)
    tree, form, page = _form_and_page_at_1366(qtbot, editor)
    assert tree <= 230 and form > page >= MIN_PREVIEW and form >= 0.45 * (form + page)


def test_preview_click_jumps_to_the_field(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    editor.form.fields["intro"].setPlainText("导语这一段写在这里。")
    editor.set_preview_visible(True)
    editor.refresh()
    editor.show_section("front")
    view = editor.preview.view
    assert "导语这一段写在这里。" in editor.preview.plain_text()
    pos = view.line_position("intro")  # where the pages draw the 导语's first line
    assert pos is not None
    with qtbot.waitSignal(editor.preview.address_clicked) as clicked:
        qtbot.mouseClick(view.area.viewport(), Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert clicked.args == ["intro"]
    assert editor.current == "intro"


def test_focusing_a_field_shows_and_marks_it_in_the_pages(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    editor.form.fields["intro"].setPlainText("导语这一段写在这里。" * 60)  # the 落款 goes to page 2
    editor.set_preview_visible(True)
    editor.refresh()
    editor.show_section("front")
    view = editor.preview.view
    assert view.highlighted == "front.title" and view.area.verticalScrollBar().value() == 0
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    editor.form.fields["front.unit"].focus_field()  # the unit prints in the 落款, on the last page
    qtbot.waitUntil(lambda: view.highlighted == "front.unit", timeout=2000)
    page, _line = view.document.lines_of("front.unit")[0]
    assert page >= 1 and view.area.verticalScrollBar().value() > 0
    pos = view.line_position("front.unit")
    assert 0 <= pos.y() <= view.area.viewport().height()


def test_editor_reopens_at_the_last_section(qtbot, service):
    rid = new_report(service)
    item = item_ids(service, rid, "next")[0]
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item))
    editor.close()

    again = EditorWidget(service, rid)
    qtbot.addWidget(again)
    assert again.current == item_key(item)


def test_leftover_blanks_are_marked_in_the_text(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("intro")
    intro = editor.form.fields["intro"]
    intro.setPlainText("开展宣讲XX场次，覆盖某某村。")
    ranges = intro.document().firstBlock().layout().formats()
    marked = sorted((r.start, r.length) for r in ranges)
    assert marked == [(4, 2), (11, 2)]


def test_period_and_date_pickers_store_codes(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    editor.show_section("front")
    period = editor.form.fields["front.period"]
    date = editor.form.fields["front.date"]
    assert period.currentText() == "2024年上半年"
    assert date.text() == "2024年7月5日"

    period.setCurrentIndex(period.findData("2024H2"))
    date.setDate(QDate(2025, 1, 8))
    editor.flush()

    assert stored(service, rid, "front.period") == "2024H2"
    assert stored(service, rid, "front.date") == "2025-01-08"
    editor.refresh()
    assert editor.title() == "示例镇2024年下半年宣传工作总结"
    assert editor.navigator._items["part:results"].text(0) == "一、下半年宣传工作成效"
