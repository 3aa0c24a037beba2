"""The 汇总 dialog: packages and local reports in, towns × figures with totals and ranks out, missing towns, .xlsx."""

from __future__ import annotations

import openpyxl

from tests.models.towns import write_town_packages
from ui import rollup_dialog
from ui.rollup_dialog import RollupDialog


def test_pick_packages_see_the_matrix_and_export(qtbot, service, tmp_path, monkeypatch, message_log):
    written = write_town_packages(service, tmp_path / "in", towns=["青禾镇", "石桥镇", "云溪乡"])
    bad = tmp_path / "in" / "坏.json"
    bad.write_text("{", encoding="utf-8")
    files = [str(p) for p in sorted((tmp_path / "in").glob("*.json"))]
    monkeypatch.setattr(rollup_dialog, "choose_packages", lambda *_a: files)
    service.set_rollup_expected(["青禾镇", "石桥镇", "云溪乡", "柳湾镇"])
    dialog = RollupDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.expected.toPlainText().splitlines()[-1] == "柳湾镇"  # the list typed last time
    assert dialog.add_files() == 4 and dialog.sources.count() == 4
    result = dialog.run()
    assert result is not None and len(result.towns) == 3
    table = dialog.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["青禾镇", "石桥镇", "云溪乡", "合计"]
    first = result.columns[0]
    total = sum(f.get((first.area, first.key), 0) for f in written.values())
    assert table.item(3, 1).text() == str(total)
    town = result.towns[0]
    if 0 in town.values:
        assert table.item(0, 1).text() == f"{int(town.values[0])}（{town.ranks[0]}）"
    assert "未报送</b>（1 个）：柳湾镇" in dialog.report.text()
    assert "坏.json" in dialog.report.text()

    out = tmp_path / "统计表.xlsx"
    monkeypatch.setattr(rollup_dialog, "choose_xlsx", lambda *_a: str(out))
    assert dialog.export() == str(out)
    ws = openpyxl.load_workbook(out)["统计表"]
    assert ws.cell(7, 1).value == "合计" and ws.cell(7, 3).value == total
    assert message_log.calls[-1][1] == "导出完成"


def test_each_file_not_rolled_up_is_a_line_of_its_own(qtbot, service, tmp_path, monkeypatch):
    write_town_packages(service, tmp_path / "in", towns=["青禾镇"])
    write_town_packages(service, tmp_path / "h2", period="2024H2", towns=["云溪乡"])
    (tmp_path / "in" / "坏.json").write_text("{", encoding="utf-8")
    files = [*(str(p) for p in sorted((tmp_path / "in").glob("*.json"))), str(tmp_path / "h2" / "云溪乡.json")]
    monkeypatch.setattr(rollup_dialog, "choose_packages", lambda *_a: files)
    dialog = RollupDialog(service)
    qtbot.addWidget(dialog)
    dialog.add_files()
    dialog.run()
    text = dialog.report.text()
    assert "。；" not in text  # sentences were run together after their full stop
    assert "<br>坏.json：" in text and "<br>云溪乡.json（云溪乡）：" in text


def test_reports_on_this_computer_can_be_added_by_period(qtbot, service):
    for town in ("青禾镇", "石桥镇"):
        service.create_report("half_year", unit=town, period="2024H1", areas=["theory"])
    service.create_report("half_year", unit="云溪乡", period="2023H2", areas=["theory"])
    dialog = RollupDialog(service)
    qtbot.addWidget(dialog)
    assert [dialog.local_period.itemText(n) for n in range(dialog.local_period.count())] == ["2024年上半年",
                                                                                          "2023年下半年"]
    assert dialog.add_local() == 2
    assert dialog.add_local() == 2 and dialog.sources.count() == 2  # the same report is not added twice
    dialog.expected.setPlainText("")
    result = dialog.run()
    assert [t.unit for t in result.towns] == ["石桥镇", "青禾镇"]  # as listed: the latest edited first
    assert dialog.title.text() == "2024年上半年各单位宣传工作主要数据统计表"


def test_nothing_picked_says_what_to_do(qtbot, service, message_log):
    dialog = RollupDialog(service)
    qtbot.addWidget(dialog)
    assert dialog.run() is None
    assert "添加报告包" in message_log.calls[-1][2]
    assert not dialog.export_button.isEnabled()
