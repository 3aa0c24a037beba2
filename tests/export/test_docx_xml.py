"""Every layout rule of the Word export, checked in the XML (GB/T 9704-2012)."""

from __future__ import annotations

import pytest

from export import fonts
from export import layout as L
from export.docx import render_docx
from models import outline as ol
from tests.export.conftest import NS, footer_parts, parts, style, w

ALL_KINDS = [
    ol.Block(ol.TITLE, "示例县融媒体中心", address="front.title"),
    ol.Block(ol.TITLE, "2024年上半年工作总结和下一步工作安排", address="front.title"),
    ol.Block(ol.SUBTITLE, "王明同志（2024年7月5日）", address="front.speaker"),
    ol.Block(ol.SALUTATION, "同志们："),
    ol.Block(ol.PARA, "今年以来，中心坚持移动优先。现将有关情况总结如下：", address="intro"),
    ol.Block(ol.HEADING, "", 1, "一、", "上半年工作回顾", "part.review.title"),
    ol.Block(ol.HEADING, "", 2, "（一）", "加强党建引领", "item.a.heading"),
    ol.Block(ol.ITEM, "中心党支部坚持“三会一课”制度。", 2, "（二）", "抓实理论学习，筑牢思想根基。", "item.b.heading"),
    ol.Block(ol.ITEM, "上半年开展集中学习12次。", 3, "1.", "政治学习常抓不懈。", "item.c.heading"),
    ol.Block(ol.ITEM, "田间地头宣讲。", 4, "（1）", "田埂宣讲。", "item.d.heading"),
    ol.Block(ol.HEADING, "", 3, "2.", "导向管理从严从实", "item.e.heading"),
    ol.Block(ol.HEADING, "", 4, "（2）", "三审三校", "item.f.heading"),
    ol.Block(ol.PARA, "严格落实稿件“三审三校”制度。", address="item.f.body"),
    ol.Block(ol.TABLE, "主要数据一览", rows=(("工作板块", "指标", "数据"), ("理论武装", "开展宣讲", "24场次"))),
    ol.Block(ol.SIGN_UNIT, "示例县融媒体中心", address="front.unit"),
    ol.Block(ol.SIGN_DATE, "2024年7月5日", address="front.date"),
]

SCHEMES = [fonts.STANDARD_SCHEME, fonts.SYSTEM_SCHEME, fonts.SYSTEM_SCHEME_SONG]


@pytest.fixture(scope="module", params=SCHEMES, ids=lambda s: f"{s.name}-{s.title}")
def doc(request):
    scheme = request.param
    data = render_docx(ALL_KINDS, scheme=scheme, title="示例县融媒体中心2024年上半年工作总结", author="李明")
    return scheme, parts(data)


def body_paragraphs(xml):
    return xml["word/document.xml"].findall(".//w:body/w:p", NS)


def p_style(p) -> str:
    el = p.find("w:pPr/w:pStyle", NS)
    return el.get(w("val")) if el is not None else "Normal"


def p_text(p) -> str:
    return "".join(t.text or "" for t in p.iterfind(".//w:t", NS))


def rfonts(el) -> dict[str, str]:
    rf = el.find("w:rPr/w:rFonts", NS)
    assert rf is not None
    return {k.split("}")[1]: v for k, v in rf.attrib.items()}


def prop(el, path: str, attr: str = "val") -> str | None:
    found = el.find(path, NS)
    return None if found is None else found.get(w(attr))


# ---------------------------------------------------------------- fonts and sizes


@pytest.mark.parametrize(("style_id", "role"), [
    ("Normal", L.BODY_FONT), ("GwTitle", L.TITLE_FONT), ("GwSubtitle", L.KAI_FONT), ("GwSalutation", L.BODY_FONT),
    ("GwHeading1", L.HEI_FONT), ("GwHeading2", L.KAI_FONT), ("GwHeading3", L.BODY_FONT), ("GwHeading4", L.BODY_FONT),
    ("GwItem2", L.BODY_FONT), ("GwItemHead2", L.KAI_FONT), ("GwItem3", L.BODY_FONT), ("GwItemHead3", L.BODY_FONT),
    ("GwSignature", L.BODY_FONT), ("GwTableTitle", L.HEI_FONT), ("GwTableText", L.BODY_FONT),
    ("GwPageNumber", L.SONG_FONT),
])
def test_east_asian_font_per_role(doc, style_id, role):
    scheme, xml = doc
    family = scheme.family(role)
    f = rfonts(style(xml["word/styles.xml"], style_id))
    assert f["eastAsia"] == family and f["ascii"] == family and f["hAnsi"] == family
    assert not any(k.endswith("Theme") or k == "cstheme" for k in f)


def test_scheme_families():
    assert fonts.STANDARD_SCHEME.families()[:4] == ["方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体"]
    assert fonts.SYSTEM_SCHEME.title == "华文中宋" and fonts.SYSTEM_SCHEME.body == "仿宋"
    assert fonts.SYSTEM_SCHEME.kai == "楷体" and fonts.SYSTEM_SCHEME.hei == "黑体"


def test_no_theme_fonts_anywhere_in_styles(doc):
    _, xml = doc
    for rf in xml["word/styles.xml"].iter(w("rFonts")):
        assert not [k for k in rf.attrib if "heme" in k], rf.attrib
    defaults = xml["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert prop(defaults, "w:lang", "eastAsia") == "zh-CN"


@pytest.mark.parametrize(("style_id", "half_points"), [
    ("Normal", 32), ("GwTitle", 44), ("GwSubtitle", 32), ("GwHeading1", 32), ("GwHeading2", 32), ("GwItem2", 32),
    ("GwSignature", 32), ("GwPageNumber", 28), ("GwTableText", 28),
])
def test_sizes_in_half_points(doc, style_id, half_points):
    _, xml = doc
    s = style(xml["word/styles.xml"], style_id)
    assert prop(s, "w:rPr/w:sz") == str(half_points) and prop(s, "w:rPr/w:szCs") == str(half_points)


def test_title_bold_only_when_songti_stands_in(doc):
    scheme, xml = doc
    b = prop(style(xml["word/styles.xml"], "GwTitle"), "w:rPr/w:b")
    assert (b == "1") == scheme.title_bold


def test_body_characters_condensed_to_28_a_line(doc):
    _, xml = doc
    normal = style(xml["word/styles.xml"], "Normal")
    assert prop(normal, "w:rPr/w:spacing") == "-5"
    assert 28 * (16 - 0.25) <= L.TEXT_WIDTH_PT < 29 * (16 - 0.25)
    assert prop(style(xml["word/styles.xml"], "GwTitle"), "w:rPr/w:spacing") == "0"


# ---------------------------------------------------------------- paragraphs


def test_normal_spacing_indent_alignment(doc):
    _, xml = doc
    normal = style(xml["word/styles.xml"], "Normal")
    sp = normal.find("w:pPr/w:spacing", NS)
    assert sp.get(w("line")) == "579" and sp.get(w("lineRule")) == "exact"
    assert sp.get(w("before")) == "0" and sp.get(w("after")) == "0"
    ind = normal.find("w:pPr/w:ind", NS)
    assert ind.get(w("firstLineChars")) == "200" and ind.get(w("firstLine")) == str(L.chars_to_twips(2))
    assert prop(normal, "w:pPr/w:jc") == "both"


@pytest.mark.parametrize("style_id", ["GwTitle", "GwSubtitle", "GwSalutation", "GwSignature", "GwTableTitle"])
def test_no_first_line_indent_where_it_does_not_belong(doc, style_id):
    _, xml = doc
    ind = style(xml["word/styles.xml"], style_id).find("w:pPr/w:ind", NS)
    assert ind.get(w("firstLineChars")) == "0" and ind.get(w("firstLine")) == "0"


@pytest.mark.parametrize(("style_id", "align"), [
    ("GwTitle", "center"), ("GwSubtitle", "center"), ("GwSalutation", "left"), ("GwHeading1", "both"),
    ("GwSignature", "right"), ("GwTableTitle", "center"), ("GwTableText", "center"),
])
def test_alignment(doc, style_id, align):
    _, xml = doc
    assert prop(style(xml["word/styles.xml"], style_id), "w:pPr/w:jc") == align


def test_title_ignores_the_grid_and_keeps_one_grid_line(doc):
    _, xml = doc
    title = style(xml["word/styles.xml"], "GwTitle")
    assert prop(title, "w:pPr/w:snapToGrid") == "0"
    assert prop(title, "w:pPr/w:spacing", "line") == "579"


@pytest.mark.parametrize(("style_id", "level"), [
    ("GwHeading1", 0), ("GwHeading2", 1), ("GwHeading3", 2), ("GwHeading4", 3), ("GwItem2", 1), ("GwItem3", 2),
    ("GwItem4", 3),
])
def test_outline_levels_for_the_navigation_pane(doc, style_id, level):
    _, xml = doc
    assert prop(style(xml["word/styles.xml"], style_id), "w:pPr/w:outlineLvl") == str(level)
    assert prop(style(xml["word/styles.xml"], "Normal"), "w:pPr/w:outlineLvl") is None


def test_paragraph_styles_follow_the_blocks(doc):
    _, xml = doc
    paras = [(p_style(p), p_text(p)) for p in body_paragraphs(xml)]
    assert paras[:4] == [("GwTitle", "示例县融媒体中心"), ("GwTitle", "2024年上半年工作总结和下一步工作安排"),
                         ("GwSubtitle", "王明同志（2024年7月5日）"), ("Normal", "")]  # one blank line after the title
    assert ("GwSalutation", "同志们：") in paras
    assert ("GwHeading1", "一、上半年工作回顾") in paras
    assert ("GwHeading2", "（一）加强党建引领") in paras
    assert ("GwHeading3", "2.导向管理从严从实") in paras
    assert ("GwHeading4", "（2）三审三校") in paras
    assert ("GwItem4", "（1）田埂宣讲。田间地头宣讲。") in paras


# ---------------------------------------------------------------- page breaks (GB/T 9704 as printed)

HEADING_STYLES = ["GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4"]


@pytest.mark.parametrize("style_id", [*HEADING_STYLES, "GwTableTitle"])
def test_headings_and_the_caption_keep_with_the_next_paragraph(doc, style_id):
    _, xml = doc
    s = style(xml["word/styles.xml"], style_id)
    assert prop(s, "w:pPr/w:keepNext") == "1"
    assert prop(s, "w:pPr/w:keepLines") == "1"  # a heading that wraps is not split either


@pytest.mark.parametrize("style_id", ["Normal", "GwTitle", "GwSubtitle", "GwSalutation", "GwItem2", "GwItem3",
                                      "GwItem4", "GwTableText", "GwPageNumber"])
def test_other_styles_do_not_keep_with_the_next(doc, style_id):
    _, xml = doc
    assert prop(style(xml["word/styles.xml"], style_id), "w:pPr/w:keepNext") is None


@pytest.mark.parametrize(("style_id", "on"), [
    ("Normal", "1"), ("GwItem2", "1"), ("GwItem3", "1"), ("GwItem4", "1"), ("GwTitle", "0"), ("GwSubtitle", "0"),
    ("GwSalutation", "0"), ("GwHeading1", "0"), ("GwSignature", "0"), ("GwTableTitle", "0"), ("GwTableText", "0"),
    ("GwPageNumber", "0"),
])
def test_widow_and_orphan_control_on_body_text(doc, style_id, on):
    """Body paragraphs never leave one line alone at a page's foot or top; single-line kinds (the
    heading keeps its lines together anyway) say so explicitly rather than inherit Normal's."""
    _, xml = doc
    assert prop(style(xml["word/styles.xml"], style_id), "w:pPr/w:widowControl") == on


def test_paragraph_properties_in_schema_order(doc):
    """Word refuses a file whose w:pPr children are out of the schema's order ("unreadable content")."""
    from export.oxml import _PPR_ORDER, _prefixed

    _, xml = doc
    for name in ("word/styles.xml", "word/document.xml"):
        for ppr in xml[name].iter(w("pPr")):
            tags = [_prefixed(child.tag) for child in ppr]
            assert tags == sorted(tags, key=_PPR_ORDER.index), tags


def test_run_in_item_heading_in_kai_then_body_in_fangsong(doc):
    _, xml = doc
    item = next(p for p in body_paragraphs(xml) if p_text(p).startswith("（二）"))
    assert p_style(item) == "GwItem2"
    runs = item.findall("w:r", NS)
    assert len(runs) == 2
    assert prop(runs[0], "w:rPr/w:rStyle") == "GwItemHead2"
    assert "".join(t.text for t in runs[0].iterfind("w:t", NS)) == "（二）抓实理论学习，筑牢思想根基。"
    assert runs[1].find("w:rPr", NS) is None  # the body run is plain Normal text (仿宋)


def test_level3_bold_is_a_setting():
    plain = parts(render_docx(ALL_KINDS, scheme=fonts.STANDARD_SCHEME))
    bold = parts(render_docx(ALL_KINDS, scheme=fonts.STANDARD_SCHEME, bold_level3=True))
    assert prop(style(plain["word/styles.xml"], "GwItemHead3"), "w:rPr/w:b") is None
    assert prop(style(bold["word/styles.xml"], "GwItemHead3"), "w:rPr/w:b") == "1"
    assert prop(style(bold["word/styles.xml"], "GwHeading3"), "w:rPr/w:b") == "1"
    assert prop(style(bold["word/styles.xml"], "GwItemHead2"), "w:rPr/w:b") is None
    assert prop(style(bold["word/styles.xml"], "GwHeading4"), "w:rPr/w:b") == "0"


def test_signature_right_aligned_with_gbt9704_indents(doc):
    _, xml = doc
    paras = body_paragraphs(xml)
    texts = [p_text(p) for p in paras]
    i = len(texts) - 1 - texts[::-1].index("示例县融媒体中心")
    assert texts[i - 1] == "" and p_style(paras[i - 1]) == "Normal"  # one blank line before the 落款
    unit, date = paras[i], paras[i + 1]
    assert p_style(unit) == p_style(date) == "GwSignature" and p_text(date) == "2024年7月5日"
    # unit 8 characters, date 2024年7月5日 = 6: both 右空二字, so the date starts 2 characters
    # right of the unit's first character.
    assert L.signature_indents("示例县融媒体中心", "2024年7月5日") == (2.0, 2.0)
    assert prop(unit, "w:pPr/w:ind", "rightChars") == "200"
    assert prop(unit, "w:pPr/w:ind", "right") == str(L.chars_to_twips(2))
    assert prop(date, "w:pPr/w:ind", "rightChars") == "200"
    assert prop(date, "w:pPr/w:ind", "firstLineChars") == "0"
    sig = style(xml["word/styles.xml"], "GwSignature")
    assert prop(sig, "w:pPr/w:autoSpaceDN") == "0"


@pytest.mark.parametrize(("unit", "date", "expected"), [
    ("示例镇", "2024年7月5日", (7.0, 2.0)),  # date longer: date 右空二字, unit moves left
    ("示例县委宣传部", "2024年12月20日", (4.0, 2.0)),
    ("中共示例县委宣传部办公室", "2024年7月5日", (2.0, 6.0)),  # long unit: unit 右空二字, date 2 in
    ("", "2024年7月5日", (2.0, 2.0)),
])
def test_signature_formula(unit, date, expected):
    unit_right, date_right = L.signature_indents(unit, date)
    assert (unit_right, date_right) == expected
    if unit and date:
        u, d = L.text_width(unit), L.text_width(date)
        unit_start, date_start = 28 - unit_right - u, 28 - date_right - d
        assert date_start - unit_start == 2 and date_right >= 2 and unit_right >= 2


# ---------------------------------------------------------------- page


def test_page_size_margins_and_grid(doc):
    _, xml = doc
    sect = xml["word/document.xml"].find(".//w:body/w:sectPr", NS)
    assert prop(sect, "w:pgSz", "w") == "11906" and prop(sect, "w:pgSz", "h") == "16838"
    mar = sect.find("w:pgMar", NS)
    assert {k: mar.get(w(k)) for k in ("top", "bottom", "left", "right")} == {
        "top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}  # 37 / 35 / 28 / 26 mm
    assert 22 * 579 <= 16838 - 2098 - 1984 < 23 * 579
    grid = sect.find("w:docGrid", NS)
    assert grid.get(w("type")) == "lines" and grid.get(w("linePitch")) == "579"
    # footer line: the dashes 7 mm under the text area
    footer_mm = int(mar.get(w("footer"))) * 25.4 / 1440
    assert footer_mm + L.PAGE_NUMBER_LINE_PT / 2 * 25.4 / 72 == pytest.approx(35 - 7, abs=0.1)


def test_footers_odd_right_even_left_with_page_field(doc):
    _, xml = doc
    footers = footer_parts(xml)
    assert set(footers) == {"default", "even"}
    for kind, align, side in (("default", "right", "right"), ("even", "left", "left")):
        p = footers[kind].find("w:p", NS)
        assert p_style(p) == "GwPageNumber"
        assert prop(p, "w:pPr/w:jc") == align
        assert prop(p, "w:pPr/w:ind", f"{side}Chars") == "100"  # one character in
        assert prop(p, "w:pPr/w:ind", side) == "280"
        types = [f.get(w("fldCharType")) for f in p.iterfind(".//w:fldChar", NS)]
        assert types == ["begin", "separate", "end"]
        assert p.find(".//w:instrText", NS).text.strip() == "PAGE"
        text = p_text(p)
        assert text.startswith("— ") and text.endswith(" —")
        cached = text[2:-2]
        assert cached == ("1" if kind == "default" else "2")
    settings = xml["word/settings.xml"]
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    compat = [el.tag.split("}")[1] for el in settings.find("w:compat", NS)]
    assert compat.index("doNotExpandShiftReturn") < compat.index("useFELayout")  # schema order


def test_font_table_has_alt_names(doc):
    scheme, xml = doc
    table = xml["word/fontTable.xml"]
    for family in scheme.families():
        font = table.find(f"w:font[@w:name='{family}']", NS)
        assert font is not None, family
        alt = prop(font, "w:altName")
        assert alt and alt != family
        assert prop(font, "w:charset") == "86"
    standard = parts(render_docx(ALL_KINDS, scheme=fonts.STANDARD_SCHEME))["word/fontTable.xml"]
    assert prop(standard.find("w:font[@w:name='仿宋_GB2312']", NS), "w:altName") == "仿宋"
    assert prop(standard.find("w:font[@w:name='楷体_GB2312']", NS), "w:altName") == "楷体"
    assert prop(standard.find("w:font[@w:name='方正小标宋简体']", NS), "w:altName") == "华文中宋"


def test_table_widths_both_ways_borders_header(doc):
    _, xml = doc
    paras = body_paragraphs(xml)
    title = next(p for p in paras if p_text(p) == "主要数据一览")
    assert p_style(title) == "GwTableTitle"
    tbl = xml["word/document.xml"].find(".//w:body/w:tbl", NS)
    assert prop(tbl, "w:tblPr/w:tblW", "type") == "dxa"
    total = int(prop(tbl, "w:tblPr/w:tblW", "w"))
    assert total == L.TEXT_WIDTH
    cols = [int(c.get(w("w"))) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert len(cols) == 3 and sum(cols) == total
    for tr in tbl.findall("w:tr", NS):
        assert [int(prop(tc, "w:tcPr/w:tcW", "w")) for tc in tr.findall("w:tc", NS)] == cols
    assert prop(tbl, "w:tblPr/w:jc") == "center"
    assert prop(tbl, "w:tblPr/w:tblLayout", "type") == "fixed"
    for edge in ("top", "bottom", "left", "right", "insideH", "insideV"):
        assert prop(tbl, f"w:tblPr/w:tblBorders/w:{edge}") == "single"
    header, row = tbl.findall("w:tr", NS)
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    for tc in header.findall("w:tc", NS):
        assert tc.find("w:p/w:r/w:rPr/w:b", NS) is not None
        assert p_style(tc.find("w:p", NS)) == "GwTableText"
    assert [p_text(tc.find("w:p", NS)) for tc in row.findall("w:tc", NS)] == ["理论武装", "开展宣讲", "24场次"]


def _table_rows(rows: int, then: list[ol.Block] | None = None):
    data = tuple((f"板块{i}", "指标", f"{i}场次") for i in range(1, rows))
    blocks = [ol.Block(ol.TABLE, ol.TABLE_TITLE, rows=(("工作板块", "指标", "数据"), *data)), *(then or [])]
    body = parts(render_docx(blocks, scheme=fonts.SYSTEM_SCHEME))["word/document.xml"].find(".//w:body", NS)
    return body.find("w:tbl", NS).findall("w:tr", NS)


def _row_keeps(tr) -> bool:
    """Every paragraph of the row carries w:keepNext (how Word and WPS keep a row with the next)."""
    keeps = [prop(p, "w:pPr/w:keepNext") == "1" for p in tr.iter(w("p"))]
    assert keeps and len(set(keeps)) == 1, "all cells of a row alike"
    return keeps[0]


@pytest.mark.parametrize("rows", [2, 8, 9, 30])
def test_table_rows_never_split_the_header_repeats_and_small_tables_stay_whole(rows):
    trs = _table_rows(rows)
    assert len(trs) == rows
    for tr in trs:
        trpr = [child.tag.split("}")[1] for child in tr.find("w:trPr", NS)]
        assert trpr == (["cantSplit", "tblHeader"] if tr is trs[0] else ["cantSplit"])  # schema order
    keeps = [_row_keeps(tr) for tr in trs]
    if rows <= L.TABLE_KEEP_ROWS:  # each row kept with the next: the table moves whole
        assert keeps == [True] * (rows - 1) + [False]
    else:  # a long table may break between rows, but never right after its header
        assert keeps == [True] + [False] * (rows - 1)


def test_the_signature_keeps_with_the_end_of_the_body(doc):
    """The unit keeps with the date, the blank line with the unit, and (after the table in ALL_KINDS)
    the table's last rows with the blank line: the 落款 never stands alone on a page."""
    _, xml = doc
    paras = body_paragraphs(xml)
    unit = next(i for i, p in enumerate(paras) if p_text(p) == "示例县融媒体中心" and p_style(p) == "GwSignature")
    blank, unit_p, date_p = paras[unit - 1], paras[unit], paras[unit + 1]
    assert p_text(blank) == "" and prop(blank, "w:pPr/w:keepNext") == "1"
    assert prop(unit_p, "w:pPr/w:keepNext") == "1" and prop(date_p, "w:pPr/w:keepNext") is None
    rows = xml["word/document.xml"].find(".//w:body/w:tbl", NS).findall("w:tr", NS)
    assert [_row_keeps(tr) for tr in rows] == [True, True]  # both rows of ALL_KINDS' table go along


def test_the_last_paragraphs_keep_with_the_signature():
    blocks = [ol.Block(ol.PARA, "第一段" * 10), ol.Block(ol.PARA, "第二段"), ol.Block(ol.PARA, "第三段"),
              ol.Block(ol.SIGN_UNIT, "示例镇党委"), ol.Block(ol.SIGN_DATE, "2024年7月5日")]
    paras = parts(render_docx(blocks, scheme=fonts.SYSTEM_SCHEME))["word/document.xml"].findall(".//w:body/w:p", NS)
    keeps = [(p_text(p), prop(p, "w:pPr/w:keepNext"), prop(p, "w:pPr/w:keepLines")) for p in paras]
    assert keeps == [("第一段" * 10, None, None), ("第二段", "1", None), ("第三段", "1", "1"), ("", "1", None),
                     ("示例镇党委", "1", None), ("2024年7月5日", None, None)]


def test_package_has_no_template_thumbnail_and_names_the_app():
    import io
    import zipfile

    data = render_docx(ALL_KINDS, scheme=fonts.STANDARD_SCHEME)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "docProps/thumbnail.jpeg" not in names
    app = parts(data)["docProps/app.xml"]
    assert "宣传工作总结助手" in "".join(app.itertext())


def test_core_properties():
    xml = parts(render_docx(ALL_KINDS, scheme=fonts.STANDARD_SCHEME, title="示例镇2024年上半年宣传工作总结",
                            author="李明"))
    core = xml["docProps/core.xml"]
    assert core.find("dc:title", NS).text == "示例镇2024年上半年宣传工作总结"
    assert core.find("dc:creator", NS).text == "李明"
    assert core.find("cp:lastModifiedBy", NS).text == "李明"
    assert "python-docx" not in (core.find("dc:description", NS).text or "")


def test_table_at_the_end_is_followed_by_a_paragraph():
    blocks = [ol.Block(ol.TITLE, "标题"), ol.Block(ol.TABLE, "主要数据一览", rows=(("a", "b", "c"),))]
    body = parts(render_docx(blocks, scheme=fonts.SYSTEM_SCHEME))["word/document.xml"].find(".//w:body", NS)
    tags = [el.tag.split("}")[1] for el in body]
    assert tags[-3:] == ["tbl", "p", "sectPr"]


def test_empty_outline_still_makes_a_document():
    body = parts(render_docx([], scheme=fonts.SYSTEM_SCHEME))["word/document.xml"].find(".//w:body", NS)
    assert body.find("w:p", NS) is not None
