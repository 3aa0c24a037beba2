"""The CLI's roll-up command and export --compare, run as a user would (python main.py … in a subprocess)."""

from __future__ import annotations

import docx
import openpyxl

from models.service import ReportService
from tests.models.towns import write_town_packages
from tests.test_cli import cli


def test_rollup_writes_the_statistics_workbook_and_names_the_bad_file(tmp_path, library):
    svc = ReportService(tmp_path / "gen", library=library)
    try:
        written = write_town_packages(svc, tmp_path / "in", towns=["青禾镇", "石桥镇", "云溪乡"])
    finally:
        svc.close()
    bad = tmp_path / "in" / "损坏.json"
    bad.write_text("{\"format\": ", encoding="utf-8")
    out = tmp_path / "统计表.xlsx"
    files = sorted(str(p) for p in (tmp_path / "in").glob("*.json"))
    r = cli("--data-dir", str(tmp_path / "d"), "rollup", *files, "-o", str(out), "--expected", "青禾镇,石桥镇,云溪乡,柳湾镇")
    assert r.returncode == 0, r.stderr
    assert "未汇总：损坏.json：" in r.stderr
    assert "3 个单位" in r.stdout and "未报送：柳湾镇" in r.stdout
    ws = openpyxl.load_workbook(out)["统计表"]
    assert [ws.cell(row, 2).value for row in (4, 5, 6)] == ["青禾镇", "石桥镇", "云溪乡"]
    assert ws.cell(7, 1).value == "合计"
    assert ws.cell(7, 3).value == sum(f.get(("theory", "study_sessions"), 0) for f in written.values())


def test_rollup_without_a_usable_package_exits_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text("[]", encoding="utf-8")
    out = tmp_path / "统计表.xlsx"
    r = cli("--data-dir", str(tmp_path / "d"), "rollup", str(bad), "-o", str(out))
    assert r.returncode == 2 and "没有可以汇总的报告包" in r.stderr
    assert not out.exists()


def test_export_compare_adds_last_year_and_the_change_to_the_data_table(tmp_path, library):
    d = tmp_path / "d"
    svc = ReportService(d, library=library)
    try:
        ids = []
        for period, lectures in (("2023H1", "20"), ("2024H1", "24")):
            rid = svc.create_report("half_year", unit="示例镇", period=period, areas=["theory"])
            item = next(i for i in svc.load(rid).all_items() if i.area == "theory")
            svc.set_values(rid, {f"item.{item.id}.fig.lectures": lectures, f"item.{item.id}.heading": "抓实理论学习",
                                 f"item.{item.id}.body": "深入村组开展宣讲。"})
            ids.append(rid)
    finally:
        svc.close()
    out = tmp_path / "c.docx"
    r = cli("--data-dir", str(d), "export", str(ids[1]), "-o", str(out), "--compare")
    assert r.returncode == 0, r.stderr
    rows = [[c.text for c in row.cells] for row in docx.Document(out).tables[0].rows]
    assert rows == [["工作板块", "指标", "数据", "去年同期", "同比"], ["理论武装", "开展宣讲", "24场次", "20场次", "+20%"]]
    plain = tmp_path / "p.docx"
    assert cli("--data-dir", str(d), "export", str(ids[1]), "-o", str(plain)).returncode == 0
    assert len(docx.Document(plain).tables[0].columns) == 3  # without --compare, as before
