"""export --compare: 主要数据一览 with 去年同期 and 同比 gets column widths for its content (the longest
work-area label, figure label and value each on one line where they fit), in the Word file and the
paged layout alike."""

from __future__ import annotations

import docx
import pytest

from export import layout as L
from export import paged
from export.docx import write_docx
from models import outline as ol
from tests.export import rendering

FIGURES = {"lectures": "24", "audience": "3600余", "volunteer_events": "128", "served": "12500", "central_media": "2"}
BEFORE = {"lectures": "20", "audience": "3000", "volunteer_events": "96", "served": "9800", "central_media": "0"}


@pytest.fixture
def compared(service):
    """The outline of a report with last year's report beside it (five columns in 主要数据一览)."""
    ids = []
    for period, values in (("2023H1", BEFORE), ("2024H1", FIGURES)):
        report = service.build_report("half_year", unit="示例镇", period=period, areas=["theory", "practice", "news"])
        for item in report.all_items():
            for fig in item.figures:
                if fig.key in values:
                    report.values[f"item.{item.id}.fig.{fig.key}"] = values[fig.key]
        ids.append(service.store.insert_report(report))
    return service.compare_outline(service.load(ids[1]))


def test_five_columns_get_widths_for_what_they_hold(compared):
    table = next(b for b in compared if b.kind == ol.TABLE)
    assert table.rows[0] == ("工作板块", "指标", "数据", "去年同期", "同比")
    placed = next(p for p in L.arrange(compared) if isinstance(p, L.Table))
    assert placed.shares == L.TABLE_COLUMNS_COMPARED
    area, label, value, before, change = placed.shares
    assert label > area and label > value and value == before and change < value  # not five equal columns
    assert abs(sum(placed.shares) - 1) < 1e-9
    assert L.table_shares(3) == L.TABLE_COLUMNS  # the plain table keeps its three


def test_the_word_file_carries_them(compared, tmp_path):
    path = tmp_path / "compared.docx"
    write_docx(compared, path)
    table = docx.Document(str(path)).tables[0]
    widths = [c.width for c in table.rows[0].cells]
    assert widths == [L.table_widths(5)[n] * 635 for n in range(5)]  # twips → EMU
    assert sum(L.table_widths(5)) == L.TEXT_WIDTH


def cell_lines(line: paged.Line) -> list[int]:
    """How many lines each cell of a table row takes in the paged layout."""
    out = []
    for x, _y, w, _h in line.content.boxes:
        baselines = {round(r.baseline, 2) for r in line.content.runs if x <= r.x < x + w}
        out.append(len(baselines))
    return out


def test_each_cell_fits_its_line_in_the_paged_layout(compared):
    doc = paged.layout_outline(compared)
    rows = [line for page in doc.pages for line in page.lines if line.kind == "row"]
    assert len(rows) == 6
    cells = [cell_lines(line) for line in rows]
    # 新时代文明实践 (seven characters) takes two lines; every other cell, 开展志愿服务活动 and 3600余人次
    # among them, one
    assert cells == [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [2, 1, 1, 1, 1], [2, 1, 1, 1, 1],
                     [1, 1, 1, 1, 1]]
    one_line = L.TABLE_CELL.line_pt + L.TABLE_BORDER_PT
    assert round(rows[1].content.height, 3) == round(one_line, 3)


@pytest.mark.render
def test_libreoffice_prints_the_numbers_of_a_row_on_one_line(compared, tools, tmp_path):
    path = tmp_path / "compared.docx"
    write_docx(compared, path)
    pdf = rendering.to_pdf(path, tmp_path / "pdf")
    lines = [line.text for page in rendering.pdf_lines(pdf) for line in page]
    assert any("受众3600余人次3000人次+20%" in t for t in lines), lines
    assert any("开展志愿服务活动128场次96场次+33%" in t for t in lines), lines
