"""The 统计表 .xlsx as printed: a narrow roll-up fits one landscape page; a wide one prints at a
readable scale over pages broken between work areas, 序号 and 单位 repeated, the title and notes
on the first page only; LibreOffice Calc opens it and prints every town and the 合计."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from export.xlsx import PRINT_SCALE, ROLLUP_SHEET, write_rollup
from tests.export import rendering
from tests.models.towns import write_town_packages

TOWNS = ["青禾镇", "石桥镇", "云溪乡", "柳湾镇", "松岭乡", "白沙镇"]


def _rollup(service, tmp_path, areas=None):
    write_town_packages(service, tmp_path / "in", towns=TOWNS, seed=4)
    result = service.rollup_packages(sorted((tmp_path / "in").glob("*.json")), expected=[*TOWNS, "梅坞乡"])
    if areas is not None:  # only some work areas' columns
        keep = [n for n, c in enumerate(result.columns) if c.area in areas]
        result.columns = [result.columns[n] for n in keep]
        result.totals = [result.totals[n] for n in keep]
        for town in result.towns:
            town.values = {k: town.values[n] for k, n in enumerate(keep) if n in town.values}
            town.ranks = {k: town.ranks[n] for k, n in enumerate(keep) if n in town.ranks}
            town.approx = {k for k, n in enumerate(keep) if n in town.approx}
    return result


def test_a_wide_table_prints_over_pages_broken_between_work_areas(service, tmp_path):
    result = _rollup(service, tmp_path)
    out = tmp_path / "wide.xlsx"
    write_rollup(result, out)
    ws = openpyxl.load_workbook(out)[ROLLUP_SHEET]
    breaks = [b.id for b in ws.col_breaks.brk]
    assert breaks, "twelve figures and their ranks do not fit one page at a readable size"
    for col in breaks:  # a page ends after a 排名 column, and the next starts a new work area
        n = (col - 2) // 2  # the figure starting the next page
        assert ws.cell(3, col).value == "排名"
        assert result.columns[n].area != result.columns[n - 1].area
    assert ws.print_title_cols == "$A:$B" and ws.page_setup.scale == PRINT_SCALE
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws["A1"].value is None and ws["C1"].value == result.title  # not sliced by the repeated columns
    assert ws.merged_cells.ranges and any(str(r).startswith("C1:") for r in ws.merged_cells.ranges)
    notes = [ws.cell(r, 3).value for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 3).value, str)
             and ws.cell(r, 3).value.startswith("未报送")]
    assert notes == ["未报送单位（1 个）：梅坞乡"]


def test_a_narrow_table_fits_one_page(service, tmp_path):
    result = _rollup(service, tmp_path, areas={"theory"})
    out = tmp_path / "narrow.xlsx"
    write_rollup(result, out)
    ws = openpyxl.load_workbook(out)[ROLLUP_SHEET]
    assert not ws.col_breaks.brk
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws["A1"].value == result.title


def calc_installed() -> bool:
    """LibreOffice's spreadsheet part (libreoffice-calc), which --convert-to needs for an .xlsx."""
    exe = rendering.soffice()
    program = Path(exe).resolve().parent if exe else None
    return program is not None and any(program.glob("*sclo.*"))


@pytest.mark.render
def test_libreoffice_calc_opens_and_prints_it(service, tmp_path, tools):
    if not calc_installed():  # as the tools fixture: required on CI, skipped on a desk without it
        message = "LibreOffice Calc missing (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    result = _rollup(service, tmp_path)
    out = tmp_path / "统计表.xlsx"
    write_rollup(result, out)
    pages = [rendering.text_lines(p) for p in rendering.pdf_pages(rendering.to_pdf(out, tmp_path / "pdf"))]
    ws = openpyxl.load_workbook(out)[ROLLUP_SHEET]
    assert len(pages) == len(ws.col_breaks.brk) + 1  # one printed page per group of work areas
    assert result.title in pages[0][0].replace(" ", "")
    for page in pages:  # 序号 and 单位 on every page, each town and the 合计
        text = "\n".join(page).replace(" ", "")
        assert all(town in text for town in TOWNS) and "合计" in text
    assert "未报送单位（1个）：梅坞乡" in "".join(pages[0]).replace(" ", "")
