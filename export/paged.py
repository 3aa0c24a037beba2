"""The paged layout: the outline set on the GB/T 9704 grid, page by page, line by line (no Qt).

Every number comes from export/layout.py, the same rules the Word export writes: A4, the
156 × 225 mm type area, 22 lines of 28.95 pt, 三号 characters condensed to 15.75 pt, the title
in 二号 on one grid line per title line, first lines indented two characters, the 落款 with its
GB/T 9704 right indents, 主要数据一览 as caption and table. The result is what the paged preview
draws, what the PDF holds and what the printer prints (export/painter.py draws it), and what the
page-level checks read.

How a line is filled (measured against LibreOffice's rendering of the exported .docx):
- full-width characters (汉字, Chinese punctuation, “ ” ‘ ’ … — in the East-Asian font) take one
  cell of size + character spacing; digits and Latin letters take their font's width (½ em in the
  GB2312 fonts; ``Metrics`` carries measured widths when the drawing fonts are known);
- between a 汉字 and a digit or Latin letter the word processors add a small space
  (``layout.AUTOSPACE_EM``; Word's and WPS's 自动调整中文与西文/数字的间距);
- a closing mark that no longer fits hangs in the margin when it is one of 、。，．
  (允许标点溢出边界, on by default); other closing marks (”）》…) never start a line: the
  character before them moves down with them; an opening mark (“（《…) never ends a line;
  digits and Latin words are not split, nor are —— and ……;
- justified lines spread the spare width evenly, so each character's x is known exactly.

What is printed, in which order, with which blank lines, indents and table is ``layout.arrange``'s
decision, the one the Word export writes too; this module only sets it into lines and pages.
How lines fill pages is decided by ``PageRules``: the page rules of the Word file as it is
written. ``DOCX_RULES`` says which rules the .docx carries (all of ``GBT9704_RULES``: keep headings
and the table caption with what follows, the 落款 on one page with at least two body lines, widow
and orphan control, small tables whole). The paged preview, the PDF and printing use them;
``NO_RULES`` shows what a page would look like without them (tests of the page-level checks).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from export import layout as L
from models import outline as ol
from models.checks import STYLE, WARNING, Finding
from models.text import one_line

# ---------------------------------------------------------------- the page in points

PT = 1 / L.TWIPS_PER_PT
PAGE_WIDTH_PT = L.PAGE_WIDTH * PT
PAGE_HEIGHT_PT = L.PAGE_HEIGHT * PT
LEFT_PT = L.MARGIN_LEFT * PT
TOP_PT = L.MARGIN_TOP * PT
TEXT_WIDTH_PT = L.TEXT_WIDTH * PT  # 442.25
TEXT_HEIGHT_PT = L.TEXT_HEIGHT * PT  # 637.8
TEXT_BOTTOM_PT = TOP_PT + TEXT_HEIGHT_PT
MM_PT = 72 / L.MM_PER_INCH
EPS = 0.01
FIT_SLACK = 0.02  # a line fits only when strictly narrower than the measure (LibreOffice: 8824 of 8825 twips)

LONG_FACTOR = 1.5  # "far longer than the genre suggests": more than 1.5 × its suggested maximum


# ---------------------------------------------------------------- page rules


@dataclass(frozen=True)
class PageRules:
    """The page-break rules in force (all Word paragraph properties)."""

    keep_headings: bool = True  # w:keepNext on headings on their own line and on the table caption
    keep_signature: bool = True  # the 落款 on one page, with at least two body lines before it
    widow_control: bool = True  # no lone first line at a page foot, no lone last line at a page head
    small_tables_whole: bool = True  # a table of ≤ layout.TABLE_KEEP_ROWS rows is not split

    @property
    def name(self) -> str:
        return "GB/T 9704" if self == GBT9704_RULES else "none" if self == NO_RULES else "custom"


GBT9704_RULES = PageRules()
NO_RULES = PageRules(False, False, False, False)
# The rules the Word export (export/docx.py) writes: keepNext on own-line headings and the caption,
# the 落款 chained to the body, widow/orphan control, small tables whole; the agreement test
# (tests/export/test_paged_agreement.py) measures the layout against LibreOffice's render of it.
DOCX_RULES = GBT9704_RULES


# ---------------------------------------------------------------- metrics


class Metrics:
    """Advance widths, in em, of the characters whose width depends on the font.

    ``widths`` maps a font role to {character: em}. A character not listed takes one em when it
    is full width and ½ em otherwise, which is what the GB2312 fonts of an office PC have. The
    drawing side (export/painter.py) measures the fonts it will really draw with.
    """

    def __init__(self, widths: Mapping[str, Mapping[str, float]] | None = None,
                 autospace_em: float = L.AUTOSPACE_EM) -> None:
        self.widths = {role: dict(table) for role, table in (widths or {}).items()}
        self.autospace_em = autospace_em
        self._cache: dict[tuple[str, float, float], dict[str, float]] = {}

    def em(self, ch: str, role: str) -> float:
        table = self.widths.get(role)
        if table is not None and ch in table:
            return table[ch]
        return 1.0 if is_wide(ch) else 0.5

    def table(self, role: str, size: float, spacing: float) -> dict[str, float]:
        """A per-character advance cache (points) for one font role, size and character spacing."""
        key = (role, size, spacing)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = {}
        return found

    def advance(self, ch: str, role: str, size: float, spacing: float) -> float:
        cache = self.table(role, size, spacing)
        w = cache.get(ch)
        if w is None:
            # word processors lay out in twips: each glyph's advance is rounded to 1/20 pt
            w = cache[ch] = round(self.em(ch, role) * size * L.TWIPS_PER_PT) / L.TWIPS_PER_PT + spacing
        return w


DEFAULT_METRICS = Metrics()


def is_wide(ch: str) -> bool:
    return ch in L.WIDE_AMBIGUOUS or unicodedata.east_asian_width(ch) in "WF"


def _script(ch: str) -> int:
    """1 for a 汉字 (or kana), 2 for a digit or Latin letter, 0 for punctuation and the rest."""
    if ch.isalnum():
        return 1 if is_wide(ch) else 2
    return 0


def text_cells(text: str) -> float:
    """Width in body characters as the layout measures it (“ ” and … full width, unlike
    layout.text_width, which counts them as ½)."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


# ---------------------------------------------------------------- the result


@dataclass(frozen=True, slots=True)
class Run:
    """Characters of one font on one line; ``xs`` is each character's x on the page (pt)."""

    text: str
    xs: tuple[float, ...]
    baseline: float  # from the line's top, pt
    role: str
    size: float
    bold: bool = False

    @property
    def x(self) -> float:
        return self.xs[0] if self.xs else 0.0


@dataclass(frozen=True, slots=True)
class LineContent:
    """One line as set, independent of where on which page it lands."""

    kind: str  # "text" | "blank" | "row" (a table row: several cells, each maybe several lines)
    height: float
    runs: tuple[Run, ...] = ()
    address: str = ""
    boxes: tuple[tuple[float, float, float, float], ...] = ()  # table cells: x, y from line top, w, h
    last: bool = False  # the last line of its paragraph (not stretched)
    hangs: bool = False  # ends with a mark hanging in the margin

    @property
    def text(self) -> str:
        """The printed characters, cells separated by a space (first visual line for rows)."""
        if self.kind != "row":
            return "".join(r.text for r in self.runs)
        top = min((r.baseline for r in self.runs), default=0)
        return " ".join(r.text for r in sorted(self.runs, key=lambda r: r.x) if abs(r.baseline - top) < EPS)

    @property
    def x0(self) -> float:
        return min((r.x for r in self.runs), default=LEFT_PT)

    @property
    def x1(self) -> float:
        return max((r.xs[-1] + r.size for r in self.runs if r.xs), default=LEFT_PT)


@dataclass(frozen=True, slots=True)
class Line:
    top: float  # from the paper's top edge, pt
    content: LineContent
    block: int  # index of the outline block it came from (-1 for a blank the layout adds)
    role: str = ""  # what its paragraph is: title heading para caption table note sign blank

    @property
    def address(self) -> str:
        return self.content.address

    @property
    def text(self) -> str:
        return self.content.text

    @property
    def kind(self) -> str:
        return self.content.kind

    @property
    def bottom(self) -> float:
        return self.top + self.content.height


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]

    @property
    def odd(self) -> bool:
        return self.number % 2 == 1

    def folio(self) -> Run:
        """The page number "— N —", 4号 宋体, odd pages right and even pages left, one character in."""
        before, num, after = L.page_number_text(self.number)
        text = before + num + after
        size = L.PAGE_NUMBER.size_pt
        xs, x = [], 0.0
        for ch in text:
            xs.append(x)
            x += DEFAULT_METRICS.advance(ch, L.SONG_FONT, size, 0.0)
        inset = size * L.PAGE_NUMBER_INSET_CHARS
        start = (LEFT_PT + TEXT_WIDTH_PT - inset - x) if self.odd else LEFT_PT + inset
        # the dash line's middle sits PAGE_NUMBER_GAP_MM under the type area; an em box is 0.88 above the baseline
        middle = TEXT_BOTTOM_PT + L.PAGE_NUMBER_GAP_MM * MM_PT
        return Run(text, tuple(start + v for v in xs), middle + 0.38 * size, L.SONG_FONT, size)

    def text_lines(self) -> list[Line]:
        return [line for line in self.lines if line.kind != "blank"]

    def line_at(self, x: float, y: float) -> Line | None:
        """The line under a point of the page (pt), for clicks."""
        for line in self.lines:
            if line.top <= y < line.bottom and line.kind != "blank":
                return line
        return None


@dataclass(frozen=True)
class PagedDocument:
    pages: tuple[Page, ...]
    findings: tuple[Finding, ...]
    rules: PageRules
    chars: int  # printed characters (no whitespace), what the genre's suggested length counts
    finding_pages: tuple[int, ...] = ()  # the page (index) each finding is about

    def lines_of(self, address: str) -> list[tuple[int, Line]]:
        """(page index, line) of every line showing a field, for scrolling to it."""
        return [(n, line) for n, page in enumerate(self.pages) for line in page.lines if line.address == address]

    def page_of(self, finding: Finding) -> int:
        """The page (index) a finding of this layout is about; 0 when it is not one of them."""
        for found, page in zip(self.findings, self.finding_pages, strict=False):
            if found == finding:
                return page
        return 0

    def plain_text(self) -> str:
        """The printed text, one paragraph a line (the lines of a paragraph joined, across pages too)."""
        out: list[str] = []
        joined = False
        for page in self.pages:
            for line in page.text_lines():
                if joined:
                    out[-1] += line.text
                else:
                    out.append(line.text)
                joined = line.kind == "text" and not line.content.last
        return "\n".join(out)


# ---------------------------------------------------------------- typesetting paragraphs


@dataclass(frozen=True, slots=True)
class _Seg:
    text: str
    role: str
    bold: bool = False


@dataclass(slots=True)
class _Para:
    """A paragraph (or the table) ready to go onto pages."""

    block: int
    lines: list[LineContent]
    kind: str = "para"  # para | heading | caption | table | blank | sign | title
    widow: bool = False  # widow/orphan control applies
    keep_next: bool = False
    header: LineContent | None = None  # table: the header row, repeated on each page
    break_before: bool = False  # starts a new page (the attachment)
    keep_lines: bool = False  # not split across pages (the body's end that goes with the 落款)

    @property
    def height(self) -> float:
        return sum(line.height for line in self.lines)


class Typesetter:
    """Breaks paragraphs into lines and lines into pages; keeps the lines of paragraphs it has set.

    Keep one per view: after an edit only the changed paragraphs are broken again (the cache is
    keyed by text, style and indents), and pagination of a 30-page report takes a few ms.
    """

    MAX_CACHE = 20000

    def __init__(self, metrics: Metrics | None = None, *, bold_level3: bool = False,
                 title_bold: bool = False) -> None:
        self.metrics = metrics or DEFAULT_METRICS
        self.bold_level3 = bold_level3
        self.title_bold = title_bold
        self._cache: dict[tuple, list[LineContent]] = {}

    # ------------------------------------------------------------ public

    def layout(self, blocks: list[ol.Block], *, rules: PageRules = GBT9704_RULES,
               long_limit: int | None = None) -> PagedDocument:
        paras = self.paragraphs(blocks)
        pages = paginate(paras, rules)
        chars = sum(len("".join(_block_text(b).split())) for b in blocks)  # without whitespace
        found = page_findings(pages, blocks, chars=chars, long_limit=long_limit)
        return PagedDocument(tuple(pages), tuple(f for _, f in found), rules, chars, tuple(n for n, _ in found))

    def paragraphs(self, blocks: list[ol.Block]) -> list[_Para]:
        """The outline as the Word export writes it: ``layout.arrange``'s paragraphs, blank lines and
        table, each set into lines."""
        placed = L.arrange(blocks, bold_level3=self.bold_level3)
        out: list[_Para] = []
        for k, item in enumerate(placed):
            if isinstance(item, L.Table):
                rows = self._table(item)
                out.append(_Para(item.index, rows, kind="table", header=rows[0]))
            else:
                following = placed[k + 1] if k + 1 < len(placed) else None
                out.append(self._paragraph(item, following))
        return out

    def _paragraph(self, para: L.Para, following: L.Para | L.Table | None) -> _Para:
        rule, block = para.rule, para.block
        if block is None:  # a blank grid line; the one before the 落款 goes to its page with it
            signs = (isinstance(following, L.Para) and following.block is not None
                     and following.block.kind in (ol.SIGN_UNIT, ol.SIGN_DATE))
            note = isinstance(following, L.Para) and following.role == L.NOTE
            kind = "sign" if signs else "note" if note else "blank"
            return _Para(-1, [_BLANK], kind=kind, break_before=para.page_break)
        kind = block.kind
        address = block.address
        if kind == ol.ITEM:
            segs = []
            head = one_line(f"{block.number}{block.heading}")
            if head:
                segs.append(_Seg(head, rule.head_role or rule.role, rule.head_bold))
            body = one_line(block.text)
            if body:
                segs.append(_Seg(body, rule.role))
        else:
            bold = rule.bold or (rule.role == L.TITLE_FONT and self.title_bold)
            segs = [_Seg(one_line(para.text), rule.role, bold)]
        lines = self._set(segs, rule, address, right_chars=para.right_chars)
        if para.role == L.NOTE:
            role = "note"  # the 附件说明 goes to the 落款's page with it
        elif kind in (ol.TITLE, ol.SUBTITLE):
            role = "title"
        elif kind in (ol.HEADING, ol.ANNEX):
            role = "heading"
        elif kind == ol.TABLE:
            role = "caption"
        elif kind in (ol.SIGN_UNIT, ol.SIGN_DATE):
            role = "sign"
        else:
            role = "para"
        return _Para(para.index, lines, kind=role, widow=rule.widow_control or rule.keep_lines,
                     keep_next=rule.keep_next, break_before=para.page_break or rule.page_break_before,
                     keep_lines=para.keep_lines)

    # ------------------------------------------------------------ paragraphs

    def _blank(self, block: int) -> _Para:
        return _Para(block, [_BLANK], kind="blank")

    def _set(self, segs: list[_Seg], rule: L.ParaRule, address: str, *, right_chars: float | None = None,
             left: float = LEFT_PT, width: float = TEXT_WIDTH_PT) -> list[LineContent]:
        right = rule.right_chars if right_chars is None else right_chars
        # one Typesetter has one Metrics, so the metrics are not part of the key (hashing them was most of a relayout)
        key = (tuple(segs), rule.style_id, rule.bold, rule.head_bold, right, left, width, address)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > self.MAX_CACHE:
                self._cache.clear()
            found = self._cache[key] = self._break(segs, rule, address, right, left, width)
        return found

    def _break(self, segs: list[_Seg], rule: L.ParaRule, address: str, right_chars: float, left: float,
               width: float) -> list[LineContent]:
        size = rule.size_pt
        spacing = L.char_spacing(size) / L.TWIPS_PER_PT
        pitch = size + spacing  # one full-width character, the unit of indents
        chars: list[str] = []
        seg_of: list[int] = []
        for i, seg in enumerate(segs):
            text = seg.text.replace("\t", "\u3000")
            chars.extend(text)
            seg_of.extend([i] * len(text))
        if not chars:
            return [LineContent("blank", rule.line_pt, address=address, last=True)]
        metrics = self.metrics
        widths = [metrics.advance(ch, segs[s].role, size, spacing) for ch, s in zip(chars, seg_of, strict=True)]
        scripts = [_script(ch) for ch in chars]
        gap = 0.0
        if rule.auto_space:
            gap = metrics.autospace_em * size + (L.AUTOSPACE_CONDENSED_PT if spacing < 0 else 0.0)
        gaps = [0.0] * len(chars)
        if gap:
            for i in range(1, len(chars)):
                a, b = scripts[i - 1], scripts[i]
                if a and b and a != b:
                    gaps[i] = gap
        first_indent = rule.first_line_chars * pitch
        right_indent = right_chars * pitch
        # Body text is measured on the grid: 28 cells of 15.75 pt (441 pt of the 442.25 pt type
        # area), and justified lines fill exactly those 28 cells. The last character's condensed
        # spacing does not count (LibreOffice breaks lines of 442.1 pt, keeps lines of 441.06 pt).
        grid = L.CHARS_PER_LINE * pitch if size == L.SIZE_3 and width >= TEXT_WIDTH_PT - EPS else width
        measure = grid - right_indent
        breaks = _break_lines(chars, widths, gaps, measure - first_indent - spacing, measure - spacing)
        lines: list[LineContent] = []
        baseline = _baseline(rule.line_pt, size)
        for n, (start, end, hang) in enumerate(breaks):
            indent = first_indent if n == 0 else 0.0
            avail = width - right_indent - indent  # alignment: the whole type area
            # trailing spaces do not count; a hanging mark stands outside the measure
            stop = end - 1 if hang else end
            natural = sum(widths[start:stop]) + sum(gaps[start + 1:stop])
            last = n == len(breaks) - 1
            xs: list[float] = []
            if rule.align == "justify" and not last and stop - start > 1:
                extra = max(measure - indent - natural, 0.0) / (stop - start - 1)
            else:
                extra = 0.0
            if rule.align == "center":
                x = left + indent + (avail - natural) / 2
            elif rule.align == "right":
                x = left + indent + avail - natural
            else:
                x = left + indent
            for i in range(start, end):
                if i > start:
                    x += gaps[i]
                xs.append(x)
                x += widths[i] + extra
            runs: list[Run] = []
            i = start
            while i < end:
                j = i
                while j < end and seg_of[j] == seg_of[i]:
                    j += 1
                seg = segs[seg_of[i]]
                runs.append(Run("".join(chars[i:j]), tuple(xs[i - start:j - start]), baseline, seg.role, size,
                                seg.bold))
                i = j
            lines.append(LineContent("text", rule.line_pt, tuple(runs), address, last=last, hangs=hang))
        return lines

    def _table(self, table: L.Table) -> list[LineContent]:
        """主要数据一览: fixed column widths, centred cells, single lines; one LineContent a row."""
        rows = table.rows
        address = table.block.address if table.block is not None else ""
        widths = [w * PT for w in L.table_widths(table.columns, shares=table.shares)]
        margin, border = L.TABLE_CELL_MARGIN_PT, L.TABLE_BORDER_PT
        rule = L.TABLE_CELL
        out = []
        for r, row in enumerate(rows):
            cells = []
            x = LEFT_PT
            for c, w in enumerate(widths):
                text = one_line(row[c]) if c < len(row) else ""
                bold = r == 0 and table.header_bold
                lines = self._set([_Seg(text, rule.role, bold)], rule, address, left=x + margin,
                                  width=w - 2 * margin) if text else []
                cells.append((x, w, lines))
                x += w
            nlines = max((len(lines) for _, _, lines in cells), default=1) or 1
            inner_h = nlines * rule.line_pt
            height = inner_h + border
            runs: list[Run] = []
            boxes = []
            for x, w, lines in cells:
                boxes.append((x, 0.0, w, height))
                offset = border + (inner_h - len(lines) * rule.line_pt) / 2  # w:vAlign center
                for k, line in enumerate(lines):
                    for run in line.runs:
                        runs.append(Run(run.text, run.xs, offset + k * rule.line_pt + run.baseline, run.role,
                                        run.size, run.bold))
            out.append(LineContent("row", height, tuple(runs), address, tuple(boxes), last=r == len(rows) - 1))
        return out


_BLANK = LineContent("blank", L.LINE_PT, last=True)


def _baseline(line_pt: float, size: float) -> float:
    """Baseline from the top of an exact-height line: the em box (0.88 above, 0.12 below the
    baseline in CJK fonts) centred in the line."""
    return line_pt / 2 + 0.38 * size


def _break_lines(chars: list[str], widths: list[float], gaps: list[float], first: float,
                 rest: float) -> list[tuple[int, int, bool]]:
    """(start, end, hangs) of each line."""
    n = len(chars)
    out: list[tuple[int, int, bool]] = []
    start = 0
    while start < n:
        avail = first if not out else rest
        x = widths[start]
        i = start + 1
        while i < n:
            step = gaps[i] + widths[i]
            if x + step > avail - FIT_SLACK:
                break
            x += step
            i += 1
        if i >= n:
            out.append((start, n, False))
            break
        hang = False
        end = i
        # only after a 汉字 (LibreOffice does not hang a mark that follows digits, as in 93%。)
        if chars[i] in L.HANGING and is_wide(chars[i - 1]) and (i + 1 >= n or chars[i + 1] not in L.NO_LINE_START):
            end, hang = i + 1, True
        else:
            b = end
            while b > start + 1 and _no_break(chars, b):
                b -= 1
            if b > start + 1 or not _no_break(chars, b):
                end = b
        out.append((start, end, hang))
        start = end
        while start < n and chars[start] == " ":  # a space at a line start is not printed
            start += 1
    return out


def _no_break(chars: list[str], b: int) -> bool:
    """Whether a line may not end before chars[b]."""
    a, c = chars[b - 1], chars[b]
    if c in L.NO_LINE_START or a in L.NO_LINE_END:
        return True
    if a == c and a in L.NO_SPLIT_PAIRS:
        return True
    # a quotation mark sticks to the number or Latin word next to it: ”53期, “5G”
    if (a in "”’" and c.isascii() and c.isalnum()) or (a.isascii() and a.isalnum() and c in "“‘"):
        return True
    # a number or a Latin word (41.6, 2024, 100%, App) is one word
    return (not is_wide(a) and not is_wide(c) and a != " " and c != " "
            and (a.isalnum() or a in ".,%-/:") and (c.isalnum() or c in ".,%-/"))


def _block_text(block: ol.Block) -> str:
    if block.kind == ol.TABLE:
        return block.text + "".join("".join(row) for row in block.rows)
    return block.plain


# ---------------------------------------------------------------- pagination


class _Pager:
    def __init__(self) -> None:
        self.pages: list[list[tuple[LineContent, int, str]]] = [[]]  # (content, block, para kind)
        self.y = 0.0

    @property
    def page(self) -> list[tuple[LineContent, int, str]]:
        return self.pages[-1]

    def room(self) -> float:
        return TEXT_HEIGHT_PT - self.y

    def fits(self, height: float) -> bool:
        return height <= self.room() + EPS

    def add(self, content: LineContent, block: int, kind: str) -> None:
        self.page.append((content, block, kind))
        self.y += content.height

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def empty(self) -> bool:
        return not self.page

    def take_back(self, keep: int, whole: frozenset[int] = frozenset()) -> list[tuple[LineContent, int, str]]:
        """Remove lines from the page's end until ``keep`` text lines are removed (and anything
        that must go with them: the rest of a paragraph in ``whole``, which keeps its lines together);
        returns them in order."""
        taken: list[tuple[LineContent, int, str]] = []
        texts = 0
        page = self.page
        while page and texts < keep:
            entry = page.pop()
            taken.insert(0, entry)
            if entry[0].kind != "blank":
                texts += 1
        # the rest of a paragraph left as a single first line, or a heading left at the foot, goes too
        while page:
            content, block, kind = page[-1]
            if kind == "heading" or kind == "caption":
                taken.insert(0, page.pop())
                continue
            if (kind == "para" and not content.last and taken and taken[0][1] == block
                    and (block in whole or len(page) < 2 or page[-2][1] != block or page[-2][2] != kind)):
                taken.insert(0, page.pop())
                continue
            break
        self.y = sum(c.height for c, _, _ in page)
        return taken


_SIGNATURE = ("note", "sign")  # the 附件说明, the blank lines and the 落款: placed as one group


def paginate(paras: list[_Para], rules: PageRules = GBT9704_RULES) -> list[Page]:
    pager = _Pager()
    n = len(paras)
    i = 0
    while i < n:
        para = paras[i]
        if para.break_before and not pager.empty():
            pager.new_page()
        if para.kind in _SIGNATURE and rules.keep_signature:
            j = i
            while j < n and paras[j].kind in _SIGNATURE:
                j += 1
            group = [(c, p.block, p.kind) for p in paras[i:j] for c in p.lines]
            height = sum(c.height for c, _, _ in group)
            if not pager.fits(height) and not pager.empty():
                # the body's last paragraph goes whole when the 落款's chain keeps its lines together
                whole = frozenset(p.block for p in paras[:i] if p.keep_lines and p.height + height <= TEXT_HEIGHT_PT)
                carried = pager.take_back(L.SIGNATURE_BODY_LINES, whole)
                pager.new_page()
                if carried and carried[0][2] == "table":  # rows carried over: their header repeats
                    table = next((p for p in paras if p.kind == "table" and p.block == carried[0][1]), None)
                    if table is not None and table.header is not None and carried[0][0] is not table.header:
                        pager.add(table.header, table.block, "table")
                for entry in carried:
                    pager.add(*entry)
            for entry in group:
                if not pager.fits(entry[0].height) and not pager.empty():
                    pager.new_page()
                pager.add(*entry)
            i = j
            continue
        if para.keep_next and rules.keep_headings and not pager.empty():
            need = para.height + _lead(paras, i + 1, rules)
            if need <= TEXT_HEIGHT_PT + EPS and not pager.fits(need):
                pager.new_page()
        if para.kind == "table":
            _place_table(pager, para, paras[i - 1] if i else None, rules)
        else:
            _place_lines(pager, para, rules)
        i += 1
    pages = []
    for number, entries in enumerate(pager.pages, start=1):
        y = TOP_PT
        lines = []
        for content, block, kind in entries:
            lines.append(Line(y, content, block, kind))
            y += content.height
        pages.append(Page(number, tuple(lines)))
    return pages


def _lead(paras: list[_Para], j: int, rules: PageRules) -> float:
    """The height that must share a page with a keep-with-next paragraph before paras[j]."""
    if j >= len(paras):
        return 0.0
    para = paras[j]
    if para.kind == "table":
        return sum(line.height for line in para.lines[:2])  # the header row and the first data row
    if para.keep_next and rules.keep_headings:
        return para.height + _lead(paras, j + 1, rules)
    lines = para.lines
    if rules.widow_control and para.widow and len(lines) > 1:
        count = len(lines) if len(lines) <= 3 else 2
        return sum(line.height for line in lines[:count])
    return lines[0].height if lines else 0.0


def _place_lines(pager: _Pager, para: _Para, rules: PageRules) -> None:
    lines = para.lines
    if (para.keep_lines and rules.keep_signature and not pager.empty() and not pager.fits(para.height)
            and para.height <= TEXT_HEIGHT_PT + EPS):
        pager.new_page()  # the body's last paragraph, kept whole for the 落款 (w:keepLines)
    total = len(lines)
    done = 0
    while done < total:
        fit = 0
        room = pager.room()
        h = 0.0
        for line in lines[done:]:
            if h + line.height > room + EPS:
                break
            h += line.height
            fit += 1
        left = total - done
        if fit >= left:
            for line in lines[done:]:
                pager.add(line, para.block, para.kind)
            return
        if rules.widow_control and para.widow and total > 1:
            if left - fit == 1:
                fit -= 1  # the last line never alone at the head of the next page
            if done == 0 and fit == 1:
                fit = 0  # the first line never alone at the foot of a page
        if fit <= 0 and pager.empty():
            fit = max(1, fit)  # a line taller than the page still has to go somewhere
        for line in lines[done:done + max(fit, 0)]:
            pager.add(line, para.block, para.kind)
        done += max(fit, 0)
        pager.new_page()


def _place_table(pager: _Pager, para: _Para, caption: _Para | None, rules: PageRules) -> None:
    rows = para.lines
    if (rules.small_tables_whole and len(rows) <= L.TABLE_KEEP_ROWS and not pager.fits(para.height)
            and para.height <= TEXT_HEIGHT_PT):
        carried = []
        if caption is not None and caption.kind == "caption" and pager.page and pager.page[-1][2] == "caption":
            carried = pager.take_back(1)
        pager.new_page()
        for entry in carried:
            pager.add(*entry)
    for r, row in enumerate(rows):
        if not pager.fits(row.height) and not pager.empty():
            pager.new_page()
            if r > 0 and para.header is not None:
                pager.add(para.header, para.block, "table")  # the header row repeats (w:tblHeader)
        pager.add(row, para.block, para.kind)


# ---------------------------------------------------------------- page-level checks


def page_findings(pages: list[Page] | tuple[Page, ...], blocks: list[ol.Block], *, chars: int | None = None,
                  long_limit: int | None = None) -> list[tuple[int, Finding]]:
    """What a reader of the printed pages notices: a heading or the table caption at the foot of a
    page, a 落款 alone on its page or split, a document far longer than its genre suggests.

    Each finding comes with its page (index), names it in the label (第N页) and points at the field
    the page shows there, so clicking it opens the field and the preview shows that page.
    """
    out: list[tuple[int, Finding]] = []
    last = len(pages) - 1
    for n, page in enumerate(pages):
        texts = page.text_lines()
        if not texts or n == last:
            continue
        foot = texts[-1]
        if foot.role == "heading" and foot.content.last:
            out.append(_page_finding(foot.address, n, "page.heading",
                                     f"标题“{_short(_paragraph_text(page, foot))}”落在第{n + 1}页末尾，正文在下一页。"
                                     "请在这一页的前文增删几句，让标题和正文在同一页。"))
        elif foot.role == "caption":
            out.append(_page_finding(foot.address, n, "page.caption",
                                     f"表格标题“{foot.text}”单独留在第{n + 1}页末尾，表格在下一页。"
                                     "请在表格前的正文增删几句。"))
    sign_pages: dict[int, int] = {}
    for n, page in enumerate(pages):
        for line in page.lines:
            if line.role == "sign" and line.kind == "text" and 0 <= line.block < len(blocks):
                sign_pages.setdefault(line.block, n)
    if sign_pages:
        address = next((b.address for b in blocks if b.kind == ol.SIGN_UNIT), "") or "front.unit"
        first, final = min(sign_pages.values()), max(sign_pages.values())
        if first != final:
            out.append(_page_finding(address, first, "page.signature_split",
                                     f"落款被分在两页：第{first + 1}页和第{final + 1}页。"
                                     "请增删几句正文，使单位和日期在同一页。"))
        body = [line for line in pages[first].text_lines() if line.role not in ("sign", "note")]
        if not body:
            out.append(_page_finding(address, first, "page.signature_alone",
                                     f"第{first + 1}页只有落款，没有正文。按公文格式，落款页应有正文；"
                                     "请增删几句正文，使最后几行正文与落款在同一页。"))
    if long_limit and chars is not None and chars > long_limit * LONG_FACTOR:
        out.append((0, Finding(  # about the whole: shown from its first page, where the 导语 is
            "intro", "全文", f"全文约 {chars} 字、{len(pages)} 页，远超本体裁建议的 {long_limit} 字以内。请精简内容。",
            WARNING, kind=STYLE, rule="page.length")))
    return out


def _page_finding(address: str, page: int, rule: str, message: str) -> tuple[int, Finding]:
    return page, Finding(address, f"第{page + 1}页", message, WARNING, kind=STYLE, rule=rule)


def _paragraph_text(page: Page, line: Line) -> str:
    """The whole text of a paragraph that ends with ``line`` on this page (a heading may wrap)."""
    lines = [x for x in page.lines if x.block == line.block and x.role == line.role and x.block >= 0]
    return "".join(x.text for x in lines) or line.text


def _short(text: str, limit: int = 16) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[:limit] + "…"


# ---------------------------------------------------------------- convenience


def layout_outline(blocks: list[ol.Block], *, rules: PageRules = GBT9704_RULES, metrics: Metrics | None = None,
                   bold_level3: bool = False, title_bold: bool = False,
                   long_limit: int | None = None) -> PagedDocument:
    """Lay out an outline once (views that relayout on every edit keep a Typesetter instead)."""
    return Typesetter(metrics, bold_level3=bold_level3, title_bold=title_bold).layout(
        blocks, rules=rules, long_limit=long_limit)


def genre_limit(genre) -> int | None:
    """The suggested maximum length of a genre in characters (None when it suggests none)."""
    suggested = getattr(genre, "suggested", None)
    return suggested[1] if suggested else None


def page_texts(doc: PagedDocument) -> list[list[str]]:
    """Each page's text lines (table rows as their cells), for tests and the agreement harness."""
    return [[line.text for line in page.text_lines()] for page in doc.pages]


def first_lines(doc: PagedDocument) -> list[str]:
    return [next((line.text for line in page.text_lines()), "") for page in doc.pages]
