"""Word export: the outline (models.outline) rendered as a .docx in the GB/T 9704 body layout.

Every rule comes from export/layout.py (sizes, indents, alignment, grid, blank lines, table widths,
the 落款) and the font scheme (export/fonts.py); this module only turns them into
WordprocessingML. The document is built in memory from python-docx's default template, whose
styles we override explicitly:

- docDefaults and Normal: 三号 body font, justified, first line 2 characters, exact 28.95 pt,
  no space before/after, widow control on (a page then holds 21 lines rather than leave one line
  of a paragraph alone), zh-CN;
- the page-break rules of layout.py: headings and the table caption keep with the next
  paragraph, rows never split, short tables and the 落款 with the end of the body stay together;
- one paragraph style per block kind (公文标题, 一级标题 … 落款, 表格文字, 页码) and one character
  style per run-in heading level, so runs carry no direct formatting (only a style reference, and
  bold in the table's header row); the body is written as plain WordprocessingML, since
  python-docx's paragraph API scans all of styles.xml for every style it sets;
- theme fonts are stripped from every style and replaced in the theme part (WPS reports theme
  fonts as missing), and the font table lists each family with a ``w:altName`` fallback.

The renderer takes the outline, not the report: the caller (the export dialog, the CLI) gets the
blocks from ReportService.outline() and hands them over. ``write_docx`` writes the file atomically
(models.atomic).
"""

from __future__ import annotations

import datetime as _dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from export import fonts as fontmod
from export import layout as L
from export import oxml
from models import outline as ol
from models.atomic import write_bytes_atomic
from models.text import clean_text, one_line

CORE_LIMIT = 255  # python-docx refuses longer core properties


# ---------------------------------------------------------------- public API


def render_docx(blocks: list[ol.Block], *, scheme: fontmod.FontScheme, title: str | None = None, author: str = "",
                bold_level3: bool = False) -> bytes:
    """The .docx file of ``blocks`` as bytes. ``title`` (the document property) defaults to the
    title lines of the outline."""
    data = b""
    for step in iter_render_docx(blocks, scheme=scheme, title=title, author=author, bold_level3=bold_level3):
        if isinstance(step, bytes):
            data = step
    return data


def iter_render_docx(blocks: list[ol.Block], *, scheme: fontmod.FontScheme, title: str | None = None,
                     author: str = "", bold_level3: bool = False) -> Iterator[int | bytes]:
    """Like render_docx, but yields progress (0–100) as it goes and the bytes last."""
    yield 0
    doc = Document()
    _setup(doc, scheme, bold_level3)
    yield 15
    writer = _Writer(doc)
    placed = L.arrange(blocks, bold_level3=bold_level3)
    total = max(len(placed), 1)
    step = max(total // 20, 1)
    for n, item in enumerate(placed):
        writer.place(item)
        if n % step == 0:
            yield 15 + round(70 * n / total)
    if title is None:
        title = "".join(b.text for b in blocks if b.kind == ol.TITLE)
    _core_properties(doc, title, author)
    yield 85
    buf = io.BytesIO()
    doc.save(buf)
    yield 100
    yield buf.getvalue()


def write_docx(blocks: list[ol.Block], path: Path | str, *, fonts: fontmod.FontScheme | str | None = None,
               title: str | None = None, author: str = "", bold_level3: bool = False,
               progress: Callable[[int], None] | None = None) -> None:
    """Write the .docx of ``blocks`` at ``path`` (atomically; WriteError on failure).

    ``fonts``: a FontScheme, "standard"/"标准", "system"/"系统自带", or None to choose from the fonts
    installed on this computer.
    """
    scheme = fontmod.resolve_scheme(fonts)
    data = b""
    for step in iter_render_docx(blocks, scheme=scheme, title=title, author=author, bold_level3=bold_level3):
        if isinstance(step, bytes):
            data = step
        elif progress is not None:
            progress(min(step, 95))
    write_bytes_atomic(Path(path), data)
    if progress is not None:
        progress(100)


# ---------------------------------------------------------------- document set-up


def _setup(doc, scheme: fontmod.FontScheme, bold_level3: bool) -> None:
    _page(doc)
    _styles(doc, scheme, bold_level3)
    _settings(doc)
    _font_table(doc, scheme)
    _theme(doc, scheme)
    _footers(doc)
    _package(doc)


def _page(doc) -> None:
    section = doc.sections[0]
    sectpr = section._sectPr
    pgsz = sectpr.get_or_add_pgSz()
    pgsz.set(qn("w:w"), str(L.PAGE_WIDTH))
    pgsz.set(qn("w:h"), str(L.PAGE_HEIGHT))
    pgsz.attrib.pop(qn("w:orient"), None)
    pgmar = sectpr.get_or_add_pgMar()
    for attr, value in (("top", L.MARGIN_TOP), ("bottom", L.MARGIN_BOTTOM), ("left", L.MARGIN_LEFT),
                        ("right", L.MARGIN_RIGHT), ("header", L.HEADER), ("footer", L.FOOTER), ("gutter", 0)):
        pgmar.set(qn(f"w:{attr}"), str(value))
    oxml.set_doc_grid(sectpr, L.LINE_TWIPS, None, L.GRID_TYPE)


def _apply_rule(el, rule: L.ParaRule, scheme: fontmod.FontScheme) -> None:
    """Write a ParaRule into a <w:style>: fonts, size, bold, alignment, indents, spacing, grid."""
    rpr = el.get_or_add_rPr()
    oxml.set_fonts(rpr, scheme.family(rule.role))
    bold = rule.bold or (rule.role == L.TITLE_FONT and scheme.title_bold)
    oxml.set_bold(rpr, bold)
    oxml.set_size(rpr, rule.size_pt)
    oxml.set_char_spacing(rpr, L.char_spacing(rule.size_pt))
    ppr = el.get_or_add_pPr()
    oxml.set_widow_control(ppr, rule.widow_control)
    oxml.set_snap_to_grid(ppr, rule.snap_to_grid)
    oxml.set_spacing(ppr, L.pt_to_twips(rule.line_pt))
    oxml.set_indent(ppr, first_chars=rule.first_line_chars, first_twips=L.chars_to_twips(rule.first_line_chars),
                    right_chars=rule.right_chars, right_twips=L.chars_to_twips(rule.right_chars))
    oxml.set_jc(ppr, rule.align)
    if not rule.auto_space:
        oxml.set_auto_space(ppr, False)
    if rule.outline_level is not None:
        oxml.set_outline_level(ppr, rule.outline_level)
    if rule.keep_next or rule.keep_lines:
        oxml.set_keep(ppr, next_=rule.keep_next or None, lines=rule.keep_lines or None)
    if rule.page_break_before:
        oxml.set_page_break_before(ppr)


def _new_style(root, kind: str, style_id: str, name: str, based_on: str | None = "Normal"):
    """A custom <w:style> appended to styles.xml (python-docx's add_style scans every style for the
    name first; the template has 160)."""
    el = OxmlElement("w:style")
    el.set(qn("w:type"), kind)
    el.set(qn("w:customStyle"), "1")
    el.set(qn("w:styleId"), style_id)
    following = "Normal" if kind == "paragraph" else None
    for tag, value in (("w:name", name), ("w:basedOn", based_on), ("w:next", following)):
        if value:
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            el.append(child)
    el.append(OxmlElement("w:qFormat"))
    root.append(el)
    return el


def _styles(doc, scheme: fontmod.FontScheme, bold_level3: bool) -> None:
    root = doc.styles.element
    # Theme fonts would override the explicit ones in Word; no style may use them.
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    # docDefaults: what anything without a style (table cells in other readers, footnotes) uses.
    defaults = root.find(qn("w:docDefaults"))
    drpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    oxml.set_fonts(drpr, scheme.body)
    oxml.set_size(drpr, L.SIZE_3)
    oxml.set_lang(drpr)
    dppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    oxml.set_spacing(dppr, L.LINE_TWIPS)

    normal = root.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    _apply_rule(normal, L.BODY, scheme)
    for rule in L.paragraph_rules(bold_level3=bold_level3):
        if rule is not L.BODY:
            _apply_rule(_new_style(root, "paragraph", rule.style_id, rule.name), rule, scheme)
    for level, rule in L.ITEMS.items():
        head = _new_style(root, "character", _head_style_id(level), f"{rule.name}标题句", based_on=None)
        rpr = head.get_or_add_rPr()
        oxml.set_fonts(rpr, scheme.family(rule.head_role or rule.role))
        if level == 3 and bold_level3:
            oxml.set_bold(rpr, True)


def _head_style_id(level: int) -> str:
    return f"GwItemHead{level}"


def _settings(doc) -> None:
    doc.settings.odd_and_even_pages_header_footer = True
    settings = doc.settings.element
    oxml.compat_flag(settings, "w:doNotExpandShiftReturn")
    oxml.set_theme_font_lang(settings)
    # Word's and WPS's line breaking by the lists the paged layout breaks by (zh-CN 避头尾).
    oxml.set_kinsoku(settings, L.kinsoku(L.NO_LINE_START), L.kinsoku(L.NO_LINE_END))
    # The template asks Word to save a preview picture of python-docx's own sample page.
    for el in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(el)


def _part(doc, partname: str):
    for part in doc.part.package.iter_parts():
        if part.partname == partname:
            return part
    return None


def _font_table(doc, scheme: fontmod.FontScheme) -> None:
    """word/fontTable.xml: each family of the scheme with w:altName, charset 86 (GB2312), pitch."""
    part = _part(doc, "/word/fontTable.xml")
    if part is None:  # pragma: no cover - the default template has one
        return
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name in scheme.families():
        info = fontmod.font_info(name)
        for old in root.findall(f"{{{w}}}font"):
            if old.get(f"{{{w}}}name") == name:
                root.remove(old)
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        for tag, value in (("altName", info.alt), ("panose1", info.panose), ("charset", info.charset),
                           ("family", info.family), ("pitch", info.pitch)):
            etree.SubElement(font, f"{{{w}}}{tag}", {f"{{{w}}}val": value})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _theme(doc, scheme: fontmod.FontScheme) -> None:
    part = _part(doc, "/word/theme/theme1.xml")
    if part is not None:
        part._blob = oxml.replace_theme_fonts(part.blob, "Times New Roman", scheme.body)


APP_NAME = "宣传工作总结助手"


def _package(doc) -> None:
    """Drop the template's thumbnail (a blank Letter page Explorer would show as the preview) and
    name this program, not "Microsoft Macintosh Word", as the application in docProps/app.xml."""
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del rels[rid]
    app = _part(doc, "/docProps/app.xml")
    if app is not None:
        root = etree.fromstring(app.blob)
        ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
        for el in root.iter(f"{ns}Application"):
            el.text = APP_NAME
        app._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footers(doc) -> None:
    """Page numbers "— N —": odd pages (the default footer) right, even pages left, 1 character in."""
    section = doc.sections[0]
    inset_twips = L.pt_to_twips(L.SIZE_4 * L.PAGE_NUMBER_INSET_CHARS)
    for footer, align, cached in ((section.footer, "right", "1"), (section.even_page_footer, "left", "2")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p._p.style = L.PAGE_NUMBER.style_id
        ppr = p._p.get_or_add_pPr()
        oxml.set_jc(ppr, align)
        chars = L.PAGE_NUMBER_INSET_CHARS
        if align == "right":
            oxml.set_indent(ppr, right_chars=chars, right_twips=inset_twips)
        else:
            oxml.set_indent(ppr, left_chars=chars, left_twips=inset_twips)
        before, _, after = L.page_number_text(cached)
        p.add_run(before)
        oxml.add_field(p, "PAGE", cached)
        p.add_run(after)


def _core_properties(doc, title: str, author: str) -> None:
    cp = doc.core_properties
    for name, value in (("title", title), ("author", author)):
        try:
            setattr(cp, name, value[:CORE_LIMIT])
        except ValueError:  # not from the service (which cleans what it stores): never fail over a property
            setattr(cp, name, one_line(clean_text(value))[:CORE_LIMIT])
    cp.last_modified_by = cp.author
    cp.comments = ""
    cp.subject = ""
    cp.keywords = ""
    cp.category = ""
    cp.revision = 1
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
    cp.created = now
    cp.modified = now


# ---------------------------------------------------------------- the body


def _t(parent, text: str) -> None:
    """Text into a run: <w:t> pieces, a <w:tab/> for each tab."""
    for n, piece in enumerate(text.split("\t")):
        if n:
            parent.append(OxmlElement("w:tab"))
        if piece:
            t = OxmlElement("w:t")
            try:
                t.text = piece
            except ValueError:
                # Stored text is clean (the service cleans on the way in), so this only catches a
                # block that bypassed it: print it cleaned rather than fail the export.
                piece = one_line(clean_text(piece))
                t.text = piece
            if piece != piece.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            parent.append(t)


def _run(p, text: str, char_style: str | None = None, bold: bool = False):
    r = OxmlElement("w:r")
    if char_style or bold:
        rpr = OxmlElement("w:rPr")
        if char_style:
            rs = OxmlElement("w:rStyle")
            rs.set(qn("w:val"), char_style)
            rpr.append(rs)
        if bold:
            rpr.append(OxmlElement("w:b"))
            rpr.append(OxmlElement("w:bCs"))
        r.append(rpr)
    _t(r, text)
    p.append(r)
    return r


def _paragraph(style_id: str):
    p = OxmlElement("w:p")
    if style_id != "Normal":
        ppr = OxmlElement("w:pPr")
        ps = OxmlElement("w:pStyle")
        ps.set(qn("w:val"), style_id)
        ppr.append(ps)
        p.append(ppr)
    return p


class _Writer:
    """Appends the arranged paragraphs and the table to the body as plain WordprocessingML
    (python-docx's paragraph API looks every style up by scanning styles.xml, which made the
    export 8× slower)."""

    def __init__(self, doc) -> None:
        self.body = doc.element.body
        self.sect = self.body.find(qn("w:sectPr"))

    def add(self, el):
        if self.sect is not None:
            self.sect.addprevious(el)
        else:
            self.body.append(el)
        return el

    def place(self, item: L.Para | L.Table) -> None:
        if isinstance(item, L.Table):
            self.table(item)
        else:
            self.para(item)

    def para(self, para: L.Para) -> None:
        rule, block = para.rule, para.block
        p = _paragraph(rule.style_id)
        if block is not None and block.kind == ol.ITEM:
            head = f"{block.number}{block.heading}"
            if head:
                _run(p, head, _head_style_id(min(max(block.level, 2), 4)))
            if block.text:
                _run(p, block.text)
        elif para.text:
            _run(p, para.text)
        if para.right_chars is not None or para.keep_next or para.keep_lines or para.page_break:
            ppr = p.find(qn("w:pPr"))
            if ppr is None:  # a Normal paragraph has none yet
                ppr = OxmlElement("w:pPr")
                p.insert(0, ppr)
            if para.keep_next or para.keep_lines:
                oxml.set_keep(ppr, next_=para.keep_next or None, lines=para.keep_lines or None)
            if para.page_break:
                oxml.set_page_break_before(ppr)
            if para.right_chars is not None:
                oxml.set_indent(ppr, right_chars=para.right, right_twips=L.chars_to_twips(para.right))
        self.add(p)

    def table(self, table: L.Table) -> None:
        """主要数据一览: fixed widths (both ways), single borders, centred, bold repeated header row; rows
        never split, and kept with the next row where layout says so."""
        widths = L.table_widths(table.columns, shares=table.shares)
        tbl = OxmlElement("w:tbl")
        tbl.append(OxmlElement("w:tblPr"))
        grid = OxmlElement("w:tblGrid")
        for _ in widths:
            grid.append(OxmlElement("w:gridCol"))
        tbl.append(grid)
        for r, row in enumerate(table.rows):
            tr = OxmlElement("w:tr")
            tbl.append(tr)
            oxml.set_cant_split(tr)
            if r == 0:
                oxml.set_repeat_header(tr)
            keep = r < len(table.keep_next) and table.keep_next[r]
            for text in row:
                tc = OxmlElement("w:tc")
                tc.append(OxmlElement("w:tcPr"))
                tr.append(tc)
                oxml.set_cell_vcenter(tc)
                p = _paragraph(L.TABLE_CELL.style_id)
                if keep:  # Word and WPS keep a row with the next one through its paragraphs
                    oxml.set_keep(p.find(qn("w:pPr")), next_=True)
                if text:
                    _run(p, text, bold=r == 0 and table.header_bold)
                tc.append(p)
        oxml.set_table_width(tbl, widths)
        oxml.set_table_borders(tbl, L.table_border_eighths())
        oxml.set_cell_margins(tbl, L.pt_to_twips(L.TABLE_CELL_MARGIN_PT))
        self.add(tbl)
