"""word/document.xml → the file's paragraphs and tables, in order, with what the classifier needs.

The body is streamed (lxml iterparse) and every top-level element is dropped once read, so a huge
file costs little memory and is refused as soon as it passes the paragraph cap. For each
paragraph we keep its text (manual line breaks split it into ``Line``s), its style (name,
outline level, heading level, alignment), the number Word's automatic numbering prints in front
of it, and how many leading characters are emphasised (bold or 楷体) — a run-in heading.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from lxml import etree

from models.text import clean_text
from models.wordimport import safety
from models.wordimport.numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _BODY, _T = f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}body", f"{W}t"
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
_TITLE_NAMES = {"title", "标题", "subtitle", "副标题"}
_KAI = re.compile(r"楷|kai", re.IGNORECASE)


@dataclass
class Line:
    """One line of text as the reader sees it: a paragraph, or part of one split by a line break."""

    text: str
    number: str = ""  # what automatic numbering prints before the text ("一、"), not in ``text``
    style: str = ""  # style name ("heading 1", "标题 2", "Normal")
    heading_level: int | None = None  # 1–9 from a heading style or an outline level
    title_style: bool = False
    align: str = ""  # left / center / right / both
    emphasis: int = 0  # leading characters of ``text`` in bold or 楷体, when the rest is not
    all_emphasis: bool = False  # the whole line is bold or 楷体
    right_indent: bool = False  # indented far from the left (a 落款 pushed right)
    index: int = 0  # paragraph number in the file (0-based), for messages
    in_table: bool = False


@dataclass
class Table:
    rows: list[list[str]]
    index: int = 0


@dataclass
class Body:
    blocks: list[Line | Table] = field(default_factory=list)
    paragraphs: int = 0  # paragraphs in the file, empty ones included
    empty: int = 0  # empty paragraphs (spacing)


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    num: tuple[str, int | None] | None = None
    bold: bool | None = None
    kai: bool | None = None
    align: str = ""


class Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self._styles: dict[str, _Style] = {}
        self._cache: dict[tuple[str, str], object] = {}
        self.default_paragraph = ""
        if root is None:
            return
        for el in root.iter(f"{W}style"):
            sid = el.get(f"{W}styleId") or ""
            ppr, rpr = el.find(f"{W}pPr"), el.find(f"{W}rPr")
            style = _Style(name=_val(el, "name") or sid, based_on=_val(el, "basedOn") or "")
            if ppr is not None:
                outline = _val(ppr, "outlineLvl")
                style.outline = int(outline) if outline and outline.isdigit() else None
                style.num = _num_pr(ppr)
                style.align = _val(ppr, "jc") or ""
            if rpr is not None:
                style.bold = _flag(rpr, "b")
                style.kai = _kai(rpr)
            self._styles[sid] = style
            if el.get(f"{W}type") == "paragraph" and el.get(f"{W}default") in ("1", "true"):
                self.default_paragraph = sid

    def get(self, sid: str, attr: str):
        """The attribute from the style or the nearest style it is based on."""
        key = (sid, attr)
        cache = self._cache
        if key in cache:
            return cache[key]
        value, seen = None, set()
        while sid and sid not in seen:
            seen.add(sid)
            style = self._styles.get(sid)
            if style is None:
                break
            found = getattr(style, attr)
            if found not in (None, ""):
                value = found
                break
            sid = style.based_on
        cache[key] = value
        return value

    def name(self, sid: str) -> str:
        style = self._styles.get(sid)
        return style.name if style else sid


def _val(el: etree._Element, tag: str) -> str | None:
    child = el.find(f"{W}{tag}")
    return child.get(f"{W}val") if child is not None else None


def _flag(rpr: etree._Element, tag: str) -> bool | None:
    el = rpr.find(f"{W}{tag}")
    if el is None:
        return None
    return el.get(f"{W}val") not in ("0", "false", "off")


def _kai(rpr: etree._Element) -> bool | None:
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        return None
    names = [fonts.get(f"{W}{a}") or "" for a in ("eastAsia", "ascii", "hAnsi")]
    if not any(names):
        return None
    return any(_KAI.search(n) for n in names)


def _num_pr(ppr: etree._Element) -> tuple[str, int | None] | None:
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = _val(num_pr, "numId")
    ilvl = _val(num_pr, "ilvl")
    if num_id is None:
        return None
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else None


class Reader:
    """Reads the body of one document part with the styles and numbering of the package."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.body = Body()
        self.chars = 0

    # ------------------------------------------------------------ streaming

    def read(self, raw) -> Body:
        stream = io.BufferedReader(raw, buffer_size=safety.PROLOG_SCAN)
        safety.check_prolog(stream.peek(safety.PROLOG_SCAN)[: safety.PROLOG_SCAN], "word/document.xml")
        events = etree.iterparse(stream, events=("end",), **safety.parser_options())
        pending = 0  # elements held in memory: one body-level element's worth
        try:
            for _event, el in events:
                pending += 1
                if el.tag == _T:
                    self._text(len(el.text or ""))
                parent = el.getparent()
                if parent is None or parent.tag != _BODY:
                    if pending > safety.MAX_PENDING:
                        raise safety.refuse("这个文件的一个段落或表格里有几十万个内部元素，结构异常，"
                                            "为安全起见不读取。")
                    continue
                self.element(el)
                el.clear()
                while el.getprevious() is not None:  # what is read is dropped: memory stays flat
                    del parent[0]
                pending = 0
        except etree.XMLSyntaxError as exc:
            raise safety.broken("word/document.xml", exc) from exc
        return self.body

    def element(self, el: etree._Element) -> None:
        if el.tag == _P:
            self.paragraph(el)
        elif el.tag == _TBL:
            self.table(el)
        elif el.tag == _SDT:  # a content control around ordinary paragraphs and tables
            content = el.find(f"{W}sdtContent")
            for child in content if content is not None else ():
                if child.tag in (_P, _TBL, _SDT):
                    self.element(child)

    def _text(self, chars: int) -> None:
        """Counted as the text streams in, so one enormous paragraph is refused before it is complete."""
        self.chars += chars
        if self.chars > safety.MAX_CHARS:
            raise safety.refuse(f"这个文件的文字超过 {safety.MAX_CHARS // 10000} 万字，远长于一份工作总结，没有导入。",
                                "请只保留要导入的总结部分，另存为新的 .docx 后再导入。")

    def _count(self) -> None:
        self.body.paragraphs += 1
        if self.body.paragraphs > safety.MAX_PARAGRAPHS:
            raise safety.refuse(f"这个文件超过 {safety.MAX_PARAGRAPHS:,} 段，远长于一份工作总结"
                                "（通常几十到几百段），没有导入。",
                                "请只保留要导入的总结部分，另存为新的 .docx 后再导入。")

    # ------------------------------------------------------------ paragraphs

    def paragraph(self, p: etree._Element, in_table: bool = False) -> list[Line]:
        ppr = p.find(f"{W}pPr")
        sid = (_val(ppr, "pStyle") if ppr is not None else None) or self.styles.default_paragraph
        get = self.styles.get
        number = self._number(ppr, sid)
        segments = self._segments(p, get(sid, "bold") or False, get(sid, "kai") or False)
        self._count()
        name = self.styles.name(sid)
        outline = _val(ppr, "outlineLvl") if ppr is not None else None
        level = int(outline) if outline and outline.isdigit() else get(sid, "outline")
        m = _HEADING_NAME.match(name.strip())
        heading = int(m.group(1)) if m else (level + 1 if level is not None and level < 9 else None)
        align = (_val(ppr, "jc") if ppr is not None else None) or get(sid, "align") or ""
        indent = _left_indent(ppr)
        lines = _split_lines(segments)
        if not any(t.strip() for t, _ in lines):
            self.body.empty += 1
            if number:  # a numbered paragraph with no text: the number is all there is
                lines = [(number, 0)]
                number = ""
            else:
                return []
        out = []
        for n, (line_text, emph) in enumerate(lines):
            stripped = line_text.strip()
            if not stripped:
                continue
            lead = len(line_text) - len(line_text.lstrip())
            emphasis = max(0, emph - lead)
            out.append(Line(text=stripped, number=number if n == 0 else "", style=name,
                            heading_level=heading, title_style=name.strip().lower() in _TITLE_NAMES,
                            align=align, emphasis=emphasis if emphasis < len(stripped) else 0,
                            all_emphasis=emphasis >= len(stripped), right_indent=lead >= 6 or indent > 2800,
                            index=self.body.paragraphs - 1, in_table=in_table))
        if not in_table:
            self.body.blocks.extend(out)
        return out

    def _number(self, ppr: etree._Element | None, sid: str) -> str:
        own = _num_pr(ppr) if ppr is not None else None
        num_id, ilvl = own if own else (None, None)
        if num_id is None:
            linked = self.styles.get(sid, "num")
            if not linked:
                return ""
            num_id, ilvl = linked
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, sid)
        elif ilvl is None:
            linked = self.styles.get(sid, "num")
            ilvl = linked[1] if linked and linked[0] == num_id and linked[1] is not None else None
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, sid)
        return self.numbering.label(num_id, ilvl or 0)

    def _segments(self, p: etree._Element, style_bold: bool, style_kai: bool) -> list[tuple[str, bool | None]]:
        """(text, emphasised) pieces in order; a manual line break is ("\\n", None)."""
        out: list[tuple[str, bool | None]] = []
        for r in p.iter(f"{W}r"):
            if _skipped(r):
                continue
            rpr = r.find(f"{W}rPr")
            bold, kai, rstyle = None, None, None
            if rpr is not None:
                bold, kai = _flag(rpr, "b"), _kai(rpr)
                rstyle = _val(rpr, "rStyle")
            if rstyle:
                bold = self.styles.get(rstyle, "bold") if bold is None else bold
                kai = self.styles.get(rstyle, "kai") if kai is None else kai
            emph = bool((style_bold if bold is None else bold) or (style_kai if kai is None else kai))
            for child in r:
                tag = child.tag
                if tag == f"{W}t":
                    if child.text:
                        out.append((child.text, emph))
                elif tag == f"{W}tab":
                    out.append(("\t", emph))
                elif tag in (f"{W}br", f"{W}cr"):
                    out.append(("\n", None))
                elif tag == f"{W}noBreakHyphen":
                    out.append(("-", emph))
        return [(clean_text(t) if t != "\n" else t, e) for t, e in out]

    # ------------------------------------------------------------ tables

    def table(self, tbl: etree._Element) -> None:
        rows = []
        for tr in tbl.iter(f"{W}tr"):
            if _ancestor_table(tr) is not tbl:
                continue
            row = []
            for tc in tr.iter(f"{W}tc"):
                if tc.getparent() is not tr and tc.getparent().tag != f"{W}sdtContent":
                    continue
                texts = []
                for p in tc.iter(_P):
                    for line in self.paragraph(p, in_table=True):
                        texts.append(f"{line.number}{line.text}")
                row.append("\n".join(texts))
            rows.append(row)
        if any(cell.strip() for row in rows for cell in row):
            self.body.blocks.append(Table(rows=rows, index=self.body.paragraphs))


def _ancestor_table(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != _TBL:
        parent = parent.getparent()
    return parent


def _skipped(r: etree._Element) -> bool:
    """Runs of deleted revisions, and the fallback copy of drawings (their text is read once)."""
    parent = r.getparent()
    while parent is not None and parent.tag != _P:
        local = etree.QName(parent).localname
        if local in ("del", "moveFrom", "Fallback", "txbxContent"):
            return True
        parent = parent.getparent()
    return False


def _left_indent(ppr: etree._Element | None) -> int:
    if ppr is None:
        return 0
    ind = ppr.find(f"{W}ind")
    if ind is None:
        return 0
    for attr in ("left", "start"):
        value = ind.get(f"{W}{attr}")
        if value and value.lstrip("-").isdigit():
            return int(value)
    return 0


def _split_lines(segments: list[tuple[str, bool | None]]) -> list[tuple[str, int]]:
    """Split at manual line breaks; for each line its text and how many leading characters are
    emphasised (whitespace does not interrupt the emphasised lead)."""
    lines: list[tuple[str, int]] = []
    text, emph, open_lead = "", 0, True
    for piece, flag in segments:
        if flag is None:
            lines.append((text, emph))
            text, emph, open_lead = "", 0, True
            continue
        if open_lead:
            if flag:
                emph = len(text) + len(piece)
            elif piece.strip():
                open_lead = False
        text += piece
    lines.append((text, emph))
    return lines
