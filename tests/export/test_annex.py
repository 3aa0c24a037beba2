"""The 附件 统计表 in print: a county's summary with its towns' roll-up exported to .docx; the table is
read back from the file (the 合计 equals the sums of the towns' packages), the 附件 starts a page of
its own in the Word file, in LibreOffice's rendering and in the paged layout."""

from __future__ import annotations

import docx
import pytest

from export import paged
from export.docx import write_docx
from models import outline as ol
from tests.export import rendering
from tests.models.towns import write_town_packages

TOWNS = ["青禾镇", "石桥镇", "云溪乡", "柳湾镇", "松岭乡", "白沙镇", "枫林镇"]


@pytest.fixture
def county_docx(service, tmp_path):
    """The county's summary with the roll-up of seven towns attached, exported; (path, blocks, written)."""
    written = write_town_packages(service, tmp_path / "in", towns=TOWNS, seed=9)
    result = service.rollup_packages(sorted((tmp_path / "in").glob("*.json")), expected=TOWNS)
    rid = service.create_report("half_year", unit="示例县委宣传部", period="2024H1", areas=["theory"])
    service.set_value(rid, "intro", "上半年，全县宣传思想文化工作围绕中心、服务大局，各项任务有序推进。")
    service.attach_rollup(rid, result)
    blocks = service.outline(service.load(rid))
    path = tmp_path / "county.docx"
    write_docx(blocks, path)
    return path, blocks, written, result


def test_the_table_read_back_from_the_docx_totals_the_towns(county_docx):
    path, _blocks, written, result = county_docx
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    annex = texts.index("附件")
    assert texts.index("示例县委宣传部") < annex  # after the 落款
    assert texts[annex + 1] == result.title  # its title on the next line
    label = doc.paragraphs[annex]
    assert label.style.style_id == "GwAnnex"
    assert label.style.element.pPr.find(docx.oxml.ns.qn("w:pageBreakBefore")) is not None  # a page of its own
    tables = doc.tables[1:] if len(doc.tables) > 1 and doc.tables[0].cell(0, 0).text == "工作板块" else doc.tables
    assert len(tables) >= 2
    area_names = {c.area_name for c in result.columns}
    by_figure: dict[tuple[str, str], list[str]] = {}
    for table in tables:
        # the caption printed over the table (the paragraph before it) names the work area
        caption = docx.text.paragraph.Paragraph(table._tbl.getprevious(), doc._body).text
        assert caption in area_names or caption.removesuffix("（续表）") in area_names
        area = caption.removesuffix("（续表）")
        rows = [[c.text for c in row.cells] for row in table.rows]
        assert [r[0] for r in rows] == ["单位", "", *TOWNS, "合计"]  # names, then units, then the towns
        widths = [c.width for c in table.rows[0].cells]
        assert widths[0] >= widths[1] * 0.5  # the 单位 column keeps room for a town's name
        for c, label in enumerate(rows[0][1:], start=1):
            unit = rows[1][c]
            assert unit.startswith("（") and unit.endswith("）")  # the unit whole, in a cell of its own
            by_figure[(area, label)] = [r[c] for r in rows[2:]]
    # every figure column is printed once, under its work area's name
    assert list(by_figure) == [(c.area_name, c.label) for c in result.columns]
    for column in result.columns:
        cells = by_figure[(column.area_name, column.label)]
        towns = [int(v) if v else 0 for v in cells[:-1]]
        assert int(cells[-1]) == sum(towns)  # 合计 = the sum of the rows
        assert sum(towns) == sum(f.get((column.area, column.key), 0) for f in written.values())  # = the packages


def test_the_annex_starts_a_new_page_in_the_paged_layout(county_docx):
    _path, blocks, _written, result = county_docx
    doc = paged.layout_outline(blocks)
    texts = paged.page_texts(doc)
    annex_page = next(n for n, page in enumerate(texts) if page and page[0] == "附件")
    assert annex_page >= 1
    assert texts[annex_page][1] == result.title
    assert "示例县委宣传部" in texts[annex_page - 1]  # the 落款 stays on the page before


@pytest.mark.render
def test_libreoffice_prints_the_annex_on_its_own_page(county_docx, tools, tmp_path):
    path, blocks, _written, result = county_docx
    pdf = rendering.to_pdf(path, tmp_path / "pdf")
    pages = [rendering.text_lines(p) for p in rendering.pdf_pages(pdf)]
    annex_page = next(n for n, page in enumerate(pages) if page and page[0].strip() == "附件")
    assert annex_page >= 1 and "示例县委宣传部" in "".join(pages[annex_page - 1]).replace(" ", "")
    assert result.title in pages[annex_page][1].replace(" ", "")
    assert len([b for b in blocks if b.kind == ol.TABLE]) >= 2
