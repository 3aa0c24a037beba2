from __future__ import annotations

import io
import os
import zipfile

import pytest
from lxml import etree

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the preview test parses HTML with QTextDocument

from models.report import Item
from models.service import ReportService

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/"}


def w(attr: str) -> str:
    return f"{{{W}}}{attr}"


@pytest.fixture(scope="module")
def tools():
    """LibreOffice and poppler for the render tests: missing tools fail on CI (env CI set), skip locally."""
    from tests.export import rendering

    missing = rendering.tools_missing()
    if missing:
        message = f"render tools missing: {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def export_docx(service: ReportService, report, path, *, fonts=None, figures_table: bool = True,
                bold_level3: bool = False, progress=None) -> None:
    """What the export dialog and the CLI do: the service's outline of the report, handed to the renderer."""
    from export.docx import write_docx
    from models.outline import OutlineOptions

    blocks = service.outline(report, OutlineOptions(figures_table=figures_table))
    write_docx(blocks, path, fonts=fonts, author=report.get("front.author"), bold_level3=bold_level3,
               progress=progress)


def rich_report(service: ReportService, genre_id: str = "half_year", period: str = "2024H1"):
    """A report with every kind of block: multi-paragraph bodies, points (level 3), sub-points
    (level 4), figures (the table), 落款. Built in memory."""
    report = service.build_report(genre_id, unit="示例镇党委宣传办", period=period, author="李明", date="2024-07-05",
                                  areas=["theory", "news"],
                                  extra={"meeting": "全镇宣传工作会议", "speaker": "王明同志"})
    genre = service.library.get(genre_id)
    report.values["intro"] = ("今年以来，示例镇党委坚持以习近平新时代中国特色社会主义思想为指导，围绕乡村振兴和基层治理重点任务，"
                              "把宣传工作与中心工作同谋划、同推进。现将有关情况总结如下：")
    if genre.closing:
        report.values["closing"] = "同志们，让我们振奋精神，把各项工作抓实抓细，以优异成绩迎接新的挑战。"
    for part in genre.parts:
        if part.lead:
            report.values[f"part.{part.key}.lead"] = "宣传队伍力量仍然偏弱，专业能力不足，新媒体运营水平有待提高。"
        if not report.items.get(part.key) and part.items:
            report.items[part.key] = [Item(id=report.new_item_id(), part=part.key)]
        for n, item in enumerate(report.items.get(part.key, []), start=1):
            report.values[f"item.{item.id}.heading"] = f"第{n}项工作稳步推进，成效较为明显"
            report.values[f"item.{item.id}.body"] = (f"围绕第{n}项重点任务开展系列活动，组织党员干部深入村组宣讲政策，群众反响良好。\n"
                                                     "同时加强统筹协调，做到月有计划、周有安排、日有落实，形成工作合力。")
            for fig in item.figures:
                report.values[f"item.{item.id}.fig.{fig.key}"] = str(10 + n)
    first_part = genre.parts[0]
    if first_part.points is not None:
        top = report.items[first_part.key][0]
        point = Item(id=report.new_item_id(), part=first_part.key, parent=top.id)
        top.children.append(point)
        report.values[f"item.{point.id}.heading"] = "组建宣讲小分队，深入村组宣讲"
        report.values[f"item.{point.id}.body"] = "全镇组建宣讲小分队8支，开展宣讲24场次。"
        if first_part.subpoints is not None:
            sub = Item(id=report.new_item_id(), part=first_part.key, parent=point.id)
            point.children.append(sub)
            report.values[f"item.{sub.id}.heading"] = "田埂宣讲"
            report.values[f"item.{sub.id}.body"] = "在田间地头宣讲政策。"
    return report


def parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of a .docx, parsed, by its name in the zip."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                out[name] = etree.fromstring(z.read(name))
    return out


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, f"style {style_id} missing"
    return found


def footer_parts(xml: dict[str, etree._Element]) -> dict[str, etree._Element]:
    """Footer part per footerReference type (default, even) of the document's section."""
    rels = xml["word/_rels/document.xml.rels"]
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("rel:Relationship", NS)}
    sect = xml["word/document.xml"].find(".//w:body/w:sectPr", NS)
    out = {}
    for ref in sect.findall("w:footerReference", NS):
        out[ref.get(w("type"))] = xml["word/" + targets[ref.get(f"{{{NS['r']}}}id")]]
    return out
