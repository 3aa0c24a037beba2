"""The county roll-up: towns × figures, totals, ranks, towns not reported, bad packages named."""

from __future__ import annotations

import openpyxl
import pytest

from export.xlsx import ROLLUP_SHEET, write_rollup
from tests.models.towns import TOWNS, write_town_packages


@pytest.fixture
def packages(service, tmp_path):
    written = write_town_packages(service, tmp_path / "报送")
    return tmp_path / "报送", written


def test_thirty_towns_roll_up_and_the_workbook_totals_equal_the_sums(service, packages, tmp_path):
    folder, written = packages
    result = service.rollup_packages(sorted(folder.glob("*.json")))
    assert result.period == "2024H1" and not result.problems and len(result.towns) == 30
    out = tmp_path / "统计表.xlsx"
    write_rollup(result, out)

    wb = openpyxl.load_workbook(out)
    ws = wb[ROLLUP_SHEET]
    title = next(c for c in ws[1] if c.value)  # in A1, or beside 序号/单位 when printed over several pages
    assert title.value == "2024年上半年各单位宣传工作主要数据统计表"
    assert ws.cell(2, 1).value == "序号" and ws.cell(2, 2).value == "单位"
    headers = [ws.cell(3, c).value for c in range(3, ws.max_column + 1)]
    assert headers[1::2] == ["排名"] * (len(headers) // 2)
    rows = {ws.cell(r, 2).value: r for r in range(4, 34)}
    assert set(rows) == set(TOWNS)
    total_row = 34
    assert ws.cell(total_row, 1).value == "合计"
    for n, column in enumerate(result.columns):
        col = 3 + 2 * n
        assert ws.cell(3, col).value.replace("\n", "") == column.title  # the unit on a line of its own
        expected = sum(f.get((column.area, column.key), 0) for f in written.values())
        assert ws.cell(total_row, col).value == expected  # the total equals the sum of the packages
        assert sum(ws.cell(r, col).value or 0 for r in rows.values()) == expected
        for town, r in rows.items():
            value = written[town].get((column.area, column.key))
            assert ws.cell(r, col).value == value
            if value is None:
                assert ws.cell(r, col + 1).value is None  # not filled in: not ranked
            else:
                higher = sum(1 for f in written.values() if f.get((column.area, column.key), -1) > value)
                assert ws.cell(r, col + 1).value == higher + 1
    assert ws.cell(2, 3).value == "理论武装"  # area over its figures
    assert ws["B4"].font.name == "宋体" and title.font.name == "黑体"
    assert ws.column_dimensions["B"].width >= 10


def test_a_bad_package_among_thirty_is_named_and_the_rest_roll_up(service, packages):
    folder, written = packages
    broken = folder / "石桥镇.json"
    broken.write_text(broken.read_text(encoding="utf-8")[:500], encoding="utf-8")  # cut off in transfer
    (folder / "说明.json").write_text('{"这不是": "报告包"}', encoding="utf-8")
    result = service.rollup_packages(sorted(folder.glob("*.json")))
    assert len(result.towns) == 29 and "石桥镇" not in [t.unit for t in result.towns]
    assert len(result.problems) == 2
    assert any(p.startswith("石桥镇.json：") and "不是完整的 JSON" in p for p in result.problems)
    assert any(p.startswith("说明.json：") for p in result.problems)
    # each file named once, and the officer told what to do about it
    assert all(p.count(".json") == 1 and p.endswith("请让报送单位重新导出报告包后再汇总。") for p in result.problems)
    column = result.columns[0]
    assert result.totals[0] == sum(f.get((column.area, column.key), 0) for t, f in written.items() if t != "石桥镇")


def test_towns_that_have_not_reported_are_listed(service, packages):
    folder, _written = packages
    files = [p for p in sorted(folder.glob("*.json")) if p.stem not in ("云溪乡", "稻香镇")]
    service.set_rollup_expected([*TOWNS, "  新设镇 ", "青禾镇"])
    assert service.rollup_expected()[-1] == "新设镇" and service.rollup_expected().count("青禾镇") == 1
    result = service.rollup_packages(files)
    assert result.missing == ["云溪乡", "稻香镇", "新设镇"]
    assert [t.unit for t in result.towns] == [t for t in TOWNS if t not in ("云溪乡", "稻香镇")]  # the list's order


def test_another_period_a_duplicate_and_a_word_for_a_number(service, tmp_path):
    folder = tmp_path / "p"
    write_town_packages(service, folder, towns=["青禾镇", "石桥镇"])
    write_town_packages(service, tmp_path / "h2", period="2024H2", towns=["云溪乡"])
    write_town_packages(service, tmp_path / "again", towns=["青禾镇"], seed=9)
    rid = service.create_report("half_year", unit="柳湾镇", period="2024H1", areas=["theory"])
    report = service.load(rid)
    item = next(i for i in report.all_items() if i.area == "theory")
    service.set_values(rid, {f"item.{item.id}.fig.lectures": "六次", f"item.{item.id}.fig.audience": "3000余"})
    service.dump_package(rid, folder / "柳湾镇.json")
    files = [*sorted(folder.glob("*.json")), tmp_path / "h2" / "云溪乡.json", tmp_path / "again" / "青禾镇.json"]
    result = service.rollup_packages(files, period="2024H1")
    assert [t.unit for t in result.towns] == ["柳湾镇", "石桥镇", "青禾镇"]
    [other] = [p for p in result.problems if "云溪乡" in p]
    assert "2024年下半年" in other
    # says what to do, like the unreadable file does
    assert other.endswith("请让该单位报送2024年上半年的报告包。")
    assert any("青禾镇 有两份" in n for n in result.notes)
    assert any("柳湾镇" in n and "“六次”不是数字" in n for n in result.notes)
    town = result.towns[0]
    audience = next(n for n, c in enumerate(result.columns) if c.key == "audience")
    assert town.values[audience] == 3000 and audience in town.approx


def test_reports_in_the_database_roll_up_too(service):
    ids = []
    for town, lectures in (("青禾镇", "12"), ("石桥镇", "30"), ("云溪乡", "30")):
        rid = service.create_report("half_year", unit=town, period="2024H1", areas=["theory"])
        item = next(i for i in service.load(rid).all_items() if i.area == "theory")
        service.set_value(rid, f"item.{item.id}.fig.lectures", lectures)
        ids.append(rid)
    assert [c[1] for c in service.rollup_candidates("2024H1")] == ["云溪乡", "石桥镇", "青禾镇"]
    result = service.rollup_reports(ids, expected=[])
    assert result.totals == [72]
    assert [t.ranks[0] for t in result.towns] == [3, 1, 1]  # equal values share a rank


def test_nothing_usable_gives_an_empty_result(service, tmp_path):
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    result = service.rollup_packages([bad, tmp_path / "不存在.json"])
    assert not result.usable and len(result.problems) == 2
