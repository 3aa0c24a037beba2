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
_BLOCKS = frozenset((_P, _TBL, _SDT))
# Body-level elements besides blocks that files repeat (bookmarks, proofing marks): dropped as read.
_STREAMED = (_P, _TBL, _SDT, _T, *(f"{W}{t}" for t in ("bookmarkStart", "bookmarkEnd", "proofErr", "permStart",
                                                      "permEnd", "commentRangeStart", "commentRangeEnd")))
_PPR, _PSTYLE, _NUMPR, _OUTLINE, _JC, _IND = (f"{W}{t}" for t in ("pPr", "pStyle", "numPr", "outlineLvl", "jc", "ind"))
_R, _RPR, _B, _RFONTS, _RSTYLE, _VAL = (f"{W}{t}" for t in ("r", "rPr", "b", "rFonts", "rStyle", "val"))
_TAB, _NBH = f"{W}tab", f"{W}noBreakHyphen"
_BREAKS = frozenset((f"{W}br", f"{W}cr"))
_UNCLEAN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029\r]")
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


_STYLE_TAG = re.compile(rb"<w:style\b[^>]*>")
_ATTR = re.compile(rb'w:(styleId|type|default)="([^"]*)"')
_ROOT_TAG = re.compile(rb"<w:styles\b[^>]*>")


class Styles:
    """styles.xml. A template carries 150+ styles (python-docx's own: 340 KB) and a document uses a
    handful, so the part is indexed with a byte scan and each style parsed (safely) when first used."""

    def __init__(self, root: etree._Element | None = None) -> None:
        self._elements: dict[str, etree._Element] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        self._data = b""
        self._root_tag = b""
        self._styles: dict[str, _Style | None] = {}
        self._cache: dict[tuple[str, str], object] = {}
        self.default_paragraph = ""
        if root is None:
            return
        for el in root.iterchildren(f"{W}style"):
            sid = el.get(f"{W}styleId") or ""
            self._elements[sid] = el
            if el.get(f"{W}type") == "paragraph" and el.get(f"{W}default") in ("1", "true"):
                self.default_paragraph = sid

    @classmethod
    def from_part(cls, data: bytes, part: str = "word/styles.xml") -> Styles:
        safety.check_prolog(data[: safety.PROLOG_SCAN], part)
        root_tag = _ROOT_TAG.search(data)
        if root_tag is None or b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"' \
                not in root_tag.group(0):
            return cls(safety.parse_xml(data, part))  # another prefix than w: — parse it all
        styles = cls()
        styles._data, styles._root_tag = data, root_tag.group(0)
        for m in _STYLE_TAG.finditer(data):
            attrs = {k.decode(): v.decode("utf-8", "replace") for k, v in _ATTR.findall(m.group(0))}
            end = data.find(b"</w:style>", m.end())
            if m.group(0).endswith(b"/>"):
                end = m.end()
            elif end < 0:
                break
            else:
                end += len(b"</w:style>")
            sid = attrs.get("styleId", "")
            styles._spans.setdefault(sid, (m.start(), end))
            if attrs.get("type") == "paragraph" and attrs.get("default") in ("1", "true"):
                styles.default_paragraph = sid
        return styles

    def _element(self, sid: str) -> etree._Element | None:
        if sid in self._elements:
            return self._elements[sid]
        span = self._spans.get(sid)
        if span is None:
            return None
        snippet = self._root_tag + self._data[span[0]: span[1]] + b"</w:styles>"
        try:
            el = etree.fromstring(snippet, etree.XMLParser(**safety.parser_options()))[0]
        except (etree.XMLSyntaxError, IndexError):
            el = None  # a damaged style is ignored: the text still imports
        self._elements[sid] = el
        return el

    def _style(self, sid: str) -> _Style | None:
        if sid in self._styles:
            return self._styles[sid]
        el = self._element(sid)
        style = None
        if el is not None:
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
        return style

    def get(self, sid: str, attr: str):
        """The attribute from the style or the nearest style it is based on."""
        key = (sid, attr)
        cache = self._cache
        if key in cache:
            return cache[key]
        value, seen = None, set()
        while sid and sid not in seen:
            seen.add(sid)
            style = self._style(sid)
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
        style = self._style(sid)
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
        self._looks: dict[str, tuple] = {}

    # ------------------------------------------------------------ streaming

    def read(self, raw) -> Body:
        raw.tag_limit = safety.MAX_PENDING
        stream = io.BufferedReader(raw, buffer_size=safety.PROLOG_SCAN)
        safety.check_prolog(stream.peek(safety.PROLOG_SCAN)[: safety.PROLOG_SCAN], "word/document.xml")
        # Only these elements become Python objects (one per element would double the time).
        events = etree.iterparse(stream, events=("end",), tag=_STREAMED, **safety.parser_options())
        try:
            for _event, el in events:
                if el.tag == _T:
                    self._text(len(el.text or ""))
                    continue
                parent = el.getparent()
                if parent is None or parent.tag != _BODY:
                    continue
                if el.tag in _BLOCKS:
                    self.element(el)
                el.clear()
                while el.getprevious() is not None:  # what is read is dropped: memory stays flat
                    del parent[0]
                raw.mark = raw.tags
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

    def _look(self, sid: str) -> tuple:
        """What a paragraph style gives: (name, heading level, title style, alignment, bold, 楷体)."""
        found = self._looks.get(sid)
        if found is None:
            get = self.styles.get
            name = self.styles.name(sid)
            level = get(sid, "outline")
            m = _HEADING_NAME.match(name.strip())
            heading = int(m.group(1)) if m else (level + 1 if level is not None and level < 9 else None)
            found = (name, heading, name.strip().lower() in _TITLE_NAMES, get(sid, "align") or "",
                     bool(get(sid, "bold")), bool(get(sid, "kai")))
            self._looks[sid] = found
        return found

    def paragraph(self, p: etree._Element, in_table: bool = False) -> list[Line]:
        sid = outline = align = None
        num_pr = None
        indent = 0
        ppr = p.find(_PPR)
        if ppr is not None:
            for child in ppr:
                tag = child.tag
                if tag == _PSTYLE:
                    sid = child.get(_VAL)
                elif tag == _NUMPR:
                    num_pr = _num_pr(ppr)
                elif tag == _OUTLINE:
                    outline = child.get(_VAL)
                elif tag == _JC:
                    align = child.get(_VAL)
                elif tag == _IND:
                    indent = _left_indent(ppr)
        sid = sid or self.styles.default_paragraph
        name, heading, title_style, style_align, style_bold, style_kai = self._look(sid)
        if outline and outline.isdigit():
            heading = int(outline) + 1 if int(outline) < 9 else None
        align = align or style_align
        number = self._number(num_pr, sid)
        segments = self._segments(p, style_bold, style_kai)
        self._count()
        lines = _split_lines(segments)
        if not any(t.strip() for t, _ in lines):
            self.body.empty += 1
            if number:  # a numbered paragraph with no text: the number is all there is
                lines = [(number, 0)]
                number = ""
            else:
                return []
        out = []
        index = self.body.paragraphs - 1
        for n, (line_text, emph) in enumerate(lines):
            stripped = line_text.strip()
            if not stripped:
                continue
            lead = len(line_text) - len(line_text.lstrip())
            emphasis = max(0, emph - lead)
            out.append(Line(stripped, number if n == 0 else "", name, heading, title_style, align,
                            emphasis if emphasis < len(stripped) else 0, emphasis >= len(stripped),
                            lead >= 6 or indent > 2800, index, in_table))
        if not in_table:
            self.body.blocks.extend(out)
        return out

    def _number(self, own: tuple[str, int | None] | None, sid: str) -> str:
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

    def _run_look(self, rpr: etree._Element | None) -> tuple[bool | None, bool | None]:
        """(bold, 楷体) a run sets, directly or through its character style; None = not set."""
        if rpr is None:
            return None, None
        bold = kai = rstyle = None
        for child in rpr:
            tag = child.tag
            if tag == _B:
                bold = child.get(_VAL) not in ("0", "false", "off")
            elif tag == _RFONTS:
                kai = _kai(rpr)
            elif tag == _RSTYLE:
                rstyle = child.get(_VAL)
        if rstyle:
            bold = self.styles.get(rstyle, "bold") if bold is None else bold
            kai = self.styles.get(rstyle, "kai") if kai is None else kai
        return bold, kai

    def _segments(self, p: etree._Element, style_bold: bool, style_kai: bool) -> list[tuple[str, bool | None]]:
        """(text, emphasised) pieces in order; a manual line break is ("\\n", None)."""
        out: list[tuple[str, bool | None]] = []
        for r in p.iter(_R):
            if r.getparent() is not p and _skipped(r):
                continue
            bold, kai = self._run_look(r.find(_RPR))
            emph = bool((style_bold if bold is None else bold) or (style_kai if kai is None else kai))
            for child in r:
                tag = child.tag
                if tag == _T:
                    if child.text:
                        text = child.text
                        out.append((clean_text(text) if _UNCLEAN.search(text) else text, emph))
                elif tag == _TAB:
                    out.append(("\t", emph))
                elif tag in _BREAKS:
                    out.append(("\n", None))
                elif tag == _NBH:
                    out.append(("-", emph))
        return out

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
