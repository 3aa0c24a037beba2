"""The checks panel: severity shown, document order, 只看错误, one-click 修正 through the undo stack,
information not counted in 有N处待补, findings of other sources merged in document order."""

from __future__ import annotations

from models.api import Finding
from tests.models.helpers import filled_report
from tests.ui.editor_helpers import new_report, open_editor, stored
from ui.editor.checks_panel import ChecksPanel
from ui.editor.sections import item_key
from ui.qt import Qt

LONG = "今年以来" + "，宣传工作扎实推进" * 14 + "。"  # one sentence over 120 characters: information only


def finished(service, **values) -> int:
    report = filled_report(service)
    report.values.update(values)
    return service.store.insert_report(report)


def panel_with(qtbot, findings, order=None) -> ChecksPanel:
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.resize(300, 500)
    if order is not None:
        panel.set_order(order)
    panel.set_findings(findings)
    return panel


def test_rows_show_severity_words_in_document_order(qtbot):
    findings = [Finding("intro", "导语", "有未填写的占位符", "error", 3, 5),
                Finding("intro", "导语", "中文里用了英文逗号", "warning", 8, 9, fix="，"),
                Finding("closing", "结束语", "句子很长", "info", 0, 130, kind="style")]
    panel = panel_with(qtbot, findings)
    rows = panel.rows()
    assert [r.severity.text() for r in rows] == ["错误", "提醒", "提示"]
    assert [r.finding for r in rows] == findings
    # information is shown, but 有N处待补 counts only what needs attention
    assert panel.header.text() == "有 2 处待补"
    assert "1 条提示" in panel.summary.text()
    # only the finding that carries a fix offers 修正
    assert [not r.fix_button.isHidden() for r in rows] == [False, True, False]


def test_information_alone_reads_as_done(qtbot):
    panel = panel_with(qtbot, [Finding("closing", "结束语", "句子很长", "info", 0, 130, kind="style")])
    assert panel.header.text() == "全部完成，可以导出"
    assert not panel.list.isHidden() and panel.done.isHidden()  # the hint is still there to read


def test_only_errors_filter(qtbot):
    findings = [Finding("intro", "导语", "XX", "error", 3, 5), Finding("intro", "导语", "逗号", "warning", 8, 9),
                Finding("closing", "结束语", "长句", "info", 0, 130)]
    panel = panel_with(qtbot, findings)
    panel.errors_only.setChecked(True)
    assert [r.finding.severity for r in panel.rows()] == ["error"]
    assert panel.header.text() == "有 2 处待补"  # the filter narrows the view, not the count
    panel.errors_only.setChecked(False)
    assert len(panel.rows()) == 3


def test_a_new_report_has_nothing_that_prints_wrong(qtbot, service):
    """A brand-new report read 有 14 处待补, every one 错误 (red), though empty items do not print:
    what is not written yet is a 提醒, counted, and 只看错误 leaves nothing to show."""
    editor = open_editor(qtbot, service, new_report(service))
    panel = editor.checks
    missing = [r for r in panel.rows() if r.finding.kind == "missing"]
    assert missing and {r.severity.text() for r in missing} == {"提醒"}
    assert panel.header.text() == f"有 {len(panel.rows())} 处待补"
    assert panel.summary.text().startswith(f"错误 0 · 提醒 {len(panel.rows())}")
    panel.errors_only.setChecked(True)
    assert panel.rows() == [] and not panel.done.isHidden()
    assert "没有错误" in panel.done.text()


def test_extra_findings_merge_in_document_order_and_replace_per_source(qtbot):
    order = ["front.title", "intro", "part.results.title", "closing"]
    own = [Finding("intro", "导语", "XX", "error", 3, 5), Finding("closing", "结束语", "逗号", "warning", 1, 2)]
    panel = panel_with(qtbot, own, order)
    page = [Finding("part.results.title", "一、", "标题落在页末", "warning", kind="style", rule="page.orphan"),
            Finding("intro", "导语", "行尾孤字", "info", 10, 11, kind="style", rule="page.widow")]
    panel.set_extra_findings("paged", page)
    assert [f.message for f in panel.findings] == ["XX", "行尾孤字", "标题落在页末", "逗号"]
    assert panel.header.text() == "有 3 处待补"
    panel.set_findings(own)  # the editor's own refresh keeps the other sources' findings
    assert len(panel.findings) == 4
    panel.set_extra_findings("paged", [])
    assert panel.findings == own


def test_clicking_the_row_text_still_jumps(qtbot):
    finding = Finding("intro", "导语", "XX", "error", 3, 5)
    panel = panel_with(qtbot, [finding])
    panel.show()
    qtbot.waitExposed(panel)
    row = panel.rows()[0]
    with qtbot.waitSignal(panel.finding_activated) as seen:
        qtbot.mouseClick(row.text, Qt.MouseButton.LeftButton)
    assert seen.args == [finding]


def test_fix_button_corrects_the_text_and_undo_brings_it_back(qtbot, service):
    rid = finished(service, intro="今年以来,示例镇开展宣讲。")
    editor = open_editor(qtbot, service, rid)
    [row] = [r for r in editor.checks.rows() if r.finding.rule == "proofread.ascii_comma"]
    assert row.fix_button.toolTip() == "把“,”改成“，”"

    qtbot.mouseClick(row.fix_button, Qt.MouseButton.LeftButton)

    assert editor.report.get("intro") == "今年以来，示例镇开展宣讲。"
    assert stored(service, rid, "intro") == "今年以来，示例镇开展宣讲。"
    assert not [f for f in editor.findings if f.rule == "proofread.ascii_comma"]
    assert editor.undo_stack.count() == 1
    editor.show_section("intro")
    assert editor.form.fields["intro"].value() == "今年以来，示例镇开展宣讲。"

    editor.undo()

    assert stored(service, rid, "intro") == "今年以来,示例镇开展宣讲。"
    assert editor.form.fields["intro"].value() == "今年以来,示例镇开展宣讲。"
    assert [f for f in editor.findings if f.rule == "proofread.ascii_comma"]
    editor.redo()
    assert stored(service, rid, "intro") == "今年以来，示例镇开展宣讲。"


def test_fix_removes_typed_numbering_from_a_heading(qtbot, service):
    report = filled_report(service)
    item = report.items["problems"][0]
    report.values[f"item.{item.id}.heading"] = "（一）队伍力量偏弱"
    rid = service.store.insert_report(report)
    editor = open_editor(qtbot, service, rid)
    editor.show_section(item_key(item.id))
    [row] = [r for r in editor.checks.rows() if r.finding.rule == "numbering"]
    assert row.fix_button.toolTip() == "删去“（一）”"

    row.fix_button.click()

    heading = editor.form.fields[f"item.{item.id}.heading"]
    assert heading.value() == "队伍力量偏弱"
    assert stored(service, rid, f"item.{item.id}.heading") == "队伍力量偏弱"
    editor.undo()
    assert heading.value() == "（一）队伍力量偏弱"


def test_a_fix_keeps_typing_done_elsewhere_in_the_field_when_undone(qtbot, service):
    rid = finished(service, intro="今年以来,示例镇开展宣讲。")
    editor = open_editor(qtbot, service, rid)
    [row] = [r for r in editor.checks.rows() if r.finding.rule == "proofread.ascii_comma"]
    row.fix_button.click()
    editor.show_section("intro")
    intro = editor.form.fields["intro"]
    intro.setPlainText("今年以来，示例镇开展宣讲。群众反响好。")
    editor.flush()
    editor.show_section("front")  # focus elsewhere: Ctrl+Z reaches the fix

    editor.undo()

    assert stored(service, rid, "intro") == "今年以来,示例镇开展宣讲。群众反响好。"


def test_long_sentence_is_listed_but_not_counted_in_the_editor(qtbot, service):
    rid = finished(service, intro=LONG)
    editor = open_editor(qtbot, service, rid)
    assert [r.severity.text() for r in editor.checks.rows()] == ["提示"]
    assert editor.checks.header.text() == "全部完成，可以导出"


def test_information_leaves_the_navigator_mark_complete(qtbot, service):
    """A long sentence is a hint: the 导语 stays ● in the tree, as it stays out of 有N处待补."""
    rid = finished(service, intro=LONG)
    editor = open_editor(qtbot, service, rid)
    assert editor.states["intro"] == "complete"
