"""The editor keeps version history: a snapshot when the report is closed after a change."""

from __future__ import annotations

from tests.ui.editor_helpers import new_report, open_editor, type_text


def test_closing_after_an_edit_takes_a_snapshot(qtbot, service):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    before = len(service.snapshots(rid))
    editor.show_section("intro")
    type_text(editor.form.fields["intro"], "今年以来，示例镇宣传工作稳步推进。")
    editor.close()
    snaps = service.snapshots(rid)
    assert len(snaps) == before + 1
    assert any(s.reason == "close" and "稳步推进" in service.snapshot_text(s.id) for s in snaps)


def test_exporting_takes_a_snapshot(qtbot, service, tmp_path):
    rid = new_report(service)
    editor = open_editor(qtbot, service, rid)
    service.set_value(rid, "intro", "导语")
    editor.history.exported()
    assert [s.reason for s in service.snapshots(rid)][:1] == ["export"]


def test_copied_report_lists_last_periods_paragraphs_until_rewritten(qtbot, service):
    rid = new_report(service)
    service.set_value(rid, "intro", "上一期的导语。")
    new = service.copy_as_next_period(rid)
    editor = open_editor(qtbot, service, new)
    texts = [f"{f.address} {f.message}" for f in editor.checks.findings]
    assert any(t.startswith("intro ") and "上一期的原文" in t for t in texts)
    editor.show_section("intro")
    type_text(editor.form.fields["intro"], "本期")
    qtbot.waitUntil(lambda: not any(f.address == "intro" and "上一期" in f.message for f in editor.checks.findings),
                    timeout=3000)
