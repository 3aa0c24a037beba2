"""附在本单位总结后 in the 汇总 dialog: the county's own summary is picked (its period first, the towns'
own reports last), gets the 统计表 as 附件 — in the open editor's report too — and can lose it again."""

from __future__ import annotations

from models.api import Block
from tests.models.towns import write_town_packages
from ui import rollup_dialog
from ui.rollup_dialog import AnnexTargetDialog, RollupDialog

TOWNS = ["青禾镇", "石桥镇", "云溪乡"]


def _rolled_up(qtbot, service, tmp_path, monkeypatch, **kwargs) -> RollupDialog:
    write_town_packages(service, tmp_path / "in", towns=TOWNS)
    files = [str(p) for p in sorted((tmp_path / "in").glob("*.json"))]
    monkeypatch.setattr(rollup_dialog, "choose_packages", lambda *_a: files)
    dialog = RollupDialog(service, **kwargs)
    qtbot.addWidget(dialog)
    assert not dialog.annex_button.isEnabled()  # nothing rolled up yet
    dialog.add_files()
    dialog.expected.setPlainText("")
    assert dialog.run() is not None
    assert dialog.annex_button.isEnabled()
    return dialog


def _annex_kinds(service, report) -> list[str]:
    blocks: list[Block] = service.outline(report)
    kinds = [b.kind for b in blocks]
    return kinds[kinds.index("annex"):] if "annex" in kinds else []


def test_the_county_summary_is_offered_first_and_gets_the_table(qtbot, service, tmp_path, monkeypatch, message_log):
    county = service.create_report("half_year", unit="示例县委宣传部", period="2024H1", areas=["theory"])
    service.create_report("half_year", unit="示例县委宣传部", period="2023H2", areas=["theory"])
    dialog = _rolled_up(qtbot, service, tmp_path, monkeypatch)

    target = AnnexTargetDialog(service, dialog.result)
    qtbot.addWidget(target)
    first = target.list.item(0)
    assert first.data(rollup_dialog.SOURCE_ROLE) == county  # the same period, not one of the towns
    assert "示例县委宣传部" in first.text() and "2024年上半年" in first.text()
    target.attach_button.click()
    assert target.choice == ("attach", county)

    monkeypatch.setattr(rollup_dialog, "choose_county_report", lambda *_a: ("attach", county))
    assert dialog.attach_to_report() == county
    assert message_log.calls[-1][1] == "已附上统计表"
    report = service.load(county)
    assert service.annex_title(report) == dialog.result.title
    assert _annex_kinds(service, report)[:2] == ["annex", "table"]
    assert dialog.changed_reports == {county}


def test_replacing_asks_and_removing_takes_it_away(qtbot, service, tmp_path, monkeypatch, message_log):
    county = service.create_report("half_year", unit="示例县委宣传部", period="2024H1", areas=["theory"])
    dialog = _rolled_up(qtbot, service, tmp_path, monkeypatch)
    monkeypatch.setattr(rollup_dialog, "choose_county_report", lambda *_a: ("attach", county))
    dialog.attach_to_report()

    message_log.answer = False  # 替换? no: nothing changes
    dialog.changed_reports.clear()
    assert dialog.attach_to_report() is None
    assert message_log.calls[-1][0] == "confirm" and "已经附有" in message_log.calls[-1][2]
    assert dialog.changed_reports == set()

    monkeypatch.setattr(rollup_dialog, "choose_county_report", lambda *_a: ("remove", county))
    assert dialog.attach_to_report() == county
    assert message_log.calls[-1][1] == "已去掉附件"
    assert service.annex_title(service.load(county)) == ""
    assert dialog.attach_to_report() is None  # nothing left to remove: says so
    assert message_log.calls[-1][1] == "没有附件"


def test_the_report_open_in_the_editor_shows_it_at_once(qtbot, service, tmp_path, monkeypatch, message_log):
    county = service.create_report("half_year", unit="示例县委宣传部", period="2024H1", areas=["theory"])
    open_report = service.load(county)  # as the editor holds it
    dialog = _rolled_up(qtbot, service, tmp_path, monkeypatch, open_report=open_report)
    monkeypatch.setattr(rollup_dialog, "choose_county_report", lambda *_a: ("attach", county))
    dialog.attach_to_report()
    assert _annex_kinds(service, open_report)[:2] == ["annex", "table"]


def test_cancelling_the_choice_changes_nothing(qtbot, service, tmp_path, monkeypatch, message_log):
    county = service.create_report("half_year", unit="示例县委宣传部", period="2024H1", areas=["theory"])
    dialog = _rolled_up(qtbot, service, tmp_path, monkeypatch)
    monkeypatch.setattr(rollup_dialog, "choose_county_report", lambda *_a: None)
    assert dialog.attach_to_report() is None
    assert service.annex_title(service.load(county)) == ""
