"""The page layout of an exported summary (GB/T 9704-2012 body layout), in one place.

Both renderers read these rules: the Word export (export/docx.py) and the paged layout
(export/paged.py: the preview, the PDF, printing). Nothing about sizes, fonts per block,
alignment, indents, blank lines, table widths, cell margins, the 落款, the attachment or the
line-breaking characters is decided anywhere else: ``arrange(blocks)`` turns the outline into the
paragraphs and the table as they are set on the page, and each renderer only maps them to its
units. The numbers come from GB/T 9704-2012 as offices apply it to a 工作总结.

Units: Word measures in twips (1/20 pt, 1440 per inch) and font sizes in half-points; the
preview in CSS pixels. Everything here is in millimetres or points, with converters.

The grid: 22 lines of 28 characters fill the 156 × 225 mm text area.
- lines: exact line spacing 28.95 pt (579 twips); 22 × 28.95 = 636.9 pt ≤ 225 mm = 637.8 pt
  (29 pt would give only 21 lines).
- characters: 28 × 16 pt = 448 pt is wider than the 442.25 pt text width, so the 三号 styles are
  condensed by 0.25 pt (``w:spacing w:val="-5"``, 5 twips): 28 × 15.75 pt = 441 pt fits, 29 do
  not. The grid itself is ``type="lines"``: a ``linesAndChars`` grid with a negative
  ``w:charSpace`` (−842, what Word's dialog writes) is right in Word but LibreOffice then gives
  every character two grid cells (14 a line), and the condensed spacing is the same in all three.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field, replace

from models import outline as ol

# ---------------------------------------------------------------- units

TWIPS_PER_PT = 20
MM_PER_INCH = 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * 1440 / MM_PER_INCH)


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def half_points(pt: float) -> int:
    """Word's w:sz unit."""
    return round(pt * 2)


# ---------------------------------------------------------------- paper and margins

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
HEADER_MM = 15  # nothing is printed in the header; Word wants a value

PAGE_WIDTH = mm_to_twips(PAGE_WIDTH_MM)  # 11906
PAGE_HEIGHT = mm_to_twips(PAGE_HEIGHT_MM)  # 16838
MARGIN_TOP = mm_to_twips(MARGIN_TOP_MM)  # 2098
MARGIN_BOTTOM = mm_to_twips(MARGIN_BOTTOM_MM)  # 1984
MARGIN_LEFT = mm_to_twips(MARGIN_LEFT_MM)  # 1587
MARGIN_RIGHT = mm_to_twips(MARGIN_RIGHT_MM)  # 1474
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 156 mm
TEXT_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM  # 12756 twips = 225 mm
TEXT_WIDTH_PT = TEXT_WIDTH / TWIPS_PER_PT

# ---------------------------------------------------------------- font sizes (字号)

SIZE_2 = 22.0  # 二号: title
SIZE_3 = 16.0  # 三号: body, headings, subtitle, 落款
SIZE_4 = 14.0  # 四号: page numbers, table
SIZE_SMALL_4 = 12.0  # 小四: a long table may use it

# ---------------------------------------------------------------- the grid

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE_PT = 28.95  # exact line spacing
LINE_TWIPS = pt_to_twips(LINE_PT)  # 579
# Character spacing of the 三号 styles in twips, rounded down so 28 characters fit: −5 (−0.25 pt).
CHAR_SPACING = math.floor((TEXT_WIDTH_PT / CHARS_PER_LINE - SIZE_3) * TWIPS_PER_PT)
CHAR_PITCH_PT = SIZE_3 + CHAR_SPACING / TWIPS_PER_PT  # 15.75 pt: one body character
CHAR_PITCH = CHAR_PITCH_PT * TWIPS_PER_PT  # in twips
GRID_TYPE = "lines"


def char_spacing(size_pt: float) -> int:
    """w:spacing of a style: the 三号 styles are condensed to fit 28 a line, others are not."""
    return CHAR_SPACING if size_pt == SIZE_3 else 0


def chars_to_twips(chars: float) -> int:
    """An indent of ``chars`` body characters, for readers that ignore w:firstLineChars etc."""
    return round(chars * CHAR_PITCH)


# ---------------------------------------------------------------- filling a line

# Word's and WPS's 自动调整中文与西文/数字的间距 (w:autoSpaceDE/DN, on unless a rule says auto_space=False):
# between a 汉字 and a digit or Latin letter, 0.2 em (LibreOffice measured: 4.4 pt at 22 pt), plus
# 0.2 pt in the condensed 三号 styles (measured: 3.4 pt at 16 pt).
AUTOSPACE_EM = 0.2
AUTOSPACE_CONDENSED_PT = 0.2

# Line breaking (GB/T 15834 practice, Word's 中文换行规则 for zh-CN). The .docx names the two lists in
# its settings (w:noLineBreaksBefore / w:noLineBreaksAfter), the paged layout breaks by them.
HANGING = frozenset("、。，．；：！？")  # may hang in the right margin (允许标点溢出边界)
NO_LINE_START = frozenset(
    "!%),.:;?]}¢°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｝～￠")
NO_LINE_END = frozenset("$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（［｛￡￥")
NO_SPLIT_PAIRS = frozenset("—…")  # —— and …… stay on one line
# Ambiguous-width characters set in the East-Asian font (w:hint="eastAsia"): one full cell.
WIDE_AMBIGUOUS = frozenset("“”‘’…—―·‧§№☆★○●◎◇◆□■△▲※→←↑↓〓°")


def kinsoku(chars: frozenset[str]) -> str:
    """A line-breaking list as the .docx settings write it (sorted, so the file is reproducible)."""
    return "".join(sorted(chars))


# ---------------------------------------------------------------- page numbers

PAGE_NUMBER_GAP_MM = 7  # the em dash line sits 7 mm under the text area
PAGE_NUMBER_LINE_PT = 16.0  # exact height of the footer line (the 14 pt number fits with room)
# Word measures the footer distance from the paper edge to the bottom of the footer line. The
# dashes are centred in that line, so: bottom margin − 7 mm − half the line height.
FOOTER_MM = MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_LINE_PT / 2 * MM_PER_INCH / 72
FOOTER = mm_to_twips(FOOTER_MM)  # ≈ 25.2 mm
HEADER = mm_to_twips(HEADER_MM)
PAGE_NUMBER_INSET_CHARS = 1  # odd pages: right, 1 character in; even pages: left, 1 character in
PAGE_NUMBER_DASH = "—"  # 一字线 (U+2014)


def page_number_text(n: int | str) -> tuple[str, str, str]:
    """The footer line around the PAGE field: ("— ", "N", " —")."""
    return f"{PAGE_NUMBER_DASH} ", str(n), f" {PAGE_NUMBER_DASH}"


# ---------------------------------------------------------------- font roles

# A font scheme (export/fonts.py) maps each role to a family.
TITLE_FONT = "title"  # 方正小标宋简体 / 华文中宋
BODY_FONT = "body"  # 仿宋_GB2312 / 仿宋
KAI_FONT = "kai"  # 楷体_GB2312 / 楷体
HEI_FONT = "hei"  # 黑体
SONG_FONT = "song"  # 宋体 (page numbers)
ROLES = (TITLE_FONT, BODY_FONT, KAI_FONT, HEI_FONT, SONG_FONT)


# ---------------------------------------------------------------- paragraph rules


@dataclass(frozen=True)
class ParaRule:
    """How one kind of paragraph is set. ``style_id``/``name`` name the Word style."""

    style_id: str
    name: str
    role: str  # font role of the paragraph (for run-in items: of the body run)
    size_pt: float = SIZE_3
    align: str = "justify"  # justify | center | left | right
    first_line_chars: float = 0  # first-line indent in characters
    right_chars: float = 0  # right indent in characters (落款 computes its own)
    snap_to_grid: bool = True
    line_pt: float = LINE_PT  # exact line height
    outline_level: int | None = None  # 1–4: shown in Word's/WPS's navigation pane
    bold: bool = False
    head_role: str | None = None  # run-in items: font role of number + heading sentence
    head_bold: bool = False
    auto_space: bool = True  # Word's extra space between Chinese and digits/Latin (autoSpaceDE/DN)
    # Page breaks (GB/T 9704 as printed): a heading alone on its line and the table caption never
    # end a page (w:keepNext); a heading that wraps is not split across pages (w:keepLines).
    keep_next: bool = False
    keep_lines: bool = False
    # Body text: never one line of a paragraph alone at the foot or the top of a page
    # (w:widowControl); such a page then holds 21 lines. Off where a paragraph is one line anyway.
    widow_control: bool = False
    page_break_before: bool = False  # starts a new page (w:pageBreakBefore): the 附件


BODY = ParaRule("Normal", "Normal", BODY_FONT, first_line_chars=2, widow_control=True)
TITLE = ParaRule("GwTitle", "公文标题", TITLE_FONT, SIZE_2, "center", snap_to_grid=False)
SUBTITLE = ParaRule("GwSubtitle", "公文副标题", KAI_FONT, align="center")
SALUTATION = ParaRule("GwSalutation", "称呼", BODY_FONT, align="left")
HEADINGS = {
    1: ParaRule("GwHeading1", "一级标题", HEI_FONT, first_line_chars=2, outline_level=1, keep_next=True,
                keep_lines=True),
    2: ParaRule("GwHeading2", "二级标题", KAI_FONT, first_line_chars=2, outline_level=2, keep_next=True,
                keep_lines=True),
    3: ParaRule("GwHeading3", "三级标题", BODY_FONT, first_line_chars=2, outline_level=3, keep_next=True,
                keep_lines=True),
    4: ParaRule("GwHeading4", "四级标题", BODY_FONT, first_line_chars=2, outline_level=4, keep_next=True,
                keep_lines=True),
}
# Run-in items: the paragraph is body text; number + heading sentence take the heading's font.
ITEMS = {
    2: ParaRule("GwItem2", "二级条目", BODY_FONT, first_line_chars=2, outline_level=2, head_role=KAI_FONT,
                widow_control=True),
    3: ParaRule("GwItem3", "三级条目", BODY_FONT, first_line_chars=2, outline_level=3, head_role=BODY_FONT,
                widow_control=True),
    4: ParaRule("GwItem4", "四级条目", BODY_FONT, first_line_chars=2, outline_level=4, head_role=BODY_FONT,
                widow_control=True),
}
# No automatic Chinese–digit spacing in the 落款, so the date is as wide as text_width() says.
SIGNATURE = ParaRule("GwSignature", "落款", BODY_FONT, align="right", auto_space=False)
TABLE_TITLE = ParaRule("GwTableTitle", "表格标题", HEI_FONT, align="center", keep_next=True, keep_lines=True)
# GB/T 9704 7.5: 附件 另面编排, "附件" 3号黑体 顶格 on the first line, its title on the second
ANNEX = ParaRule("GwAnnex", "附件", HEI_FONT, align="left", keep_next=True, keep_lines=True, page_break_before=True)
TABLE_CELL = ParaRule("GwTableText", "表格文字", BODY_FONT, SIZE_4, "center", snap_to_grid=False, line_pt=20.0)
PAGE_NUMBER = ParaRule("GwPageNumber", "页码", SONG_FONT, SIZE_4, "right", snap_to_grid=False,
                       line_pt=PAGE_NUMBER_LINE_PT)
# GB/T 9704 7.3.5 / 8: "附件" on the first line of the attachment's page, flush left, 3号黑体.
ATTACHMENT_LABEL = ParaRule("GwAttachment", "附件标识", HEI_FONT, align="left")

PARAGRAPH_RULES = (BODY, TITLE, SUBTITLE, SALUTATION, *HEADINGS.values(), *ITEMS.values(), SIGNATURE, TABLE_TITLE,
                   TABLE_CELL, PAGE_NUMBER, ANNEX, ATTACHMENT_LABEL)

# Blank lines (one grid line each) between parts of the document.
BLANK_AFTER_TITLE = 1  # after the title group (title lines + subtitle)
BLANK_BEFORE_SIGNATURE = 1
BLANK_BEFORE_TABLE = 1

TABLE_COLUMNS = (0.34, 0.36, 0.30)  # share of the text width per column of 主要数据一览
# …with 去年同期 and 同比 (export --compare). The numbers never wrap: 数据 and 去年同期 hold 3600余人次 (with
# Word's space between digits and 余), 同比 +227%; 指标 holds 8 characters (开展志愿服务活动); 工作板块
# takes what is left, 5 characters, a longer name going on two lines (measured in LibreOffice).
TABLE_COLUMNS_COMPARED = (0.21, 0.28, 0.20, 0.20, 0.11)
TABLE_HEADER_BOLD = True
# A table of at most this many rows (the header included) is never split across pages; a longer
# one may break between rows (never inside a row), and its header row repeats on the next page.
TABLE_KEEP_ROWS = 8
TABLE_CELL_MARGIN_PT = 5.4  # left and right inside each cell (108 twips, w:tblCellMar)
TABLE_BORDER_PT = 0.5  # single lines (w:sz 4 eighths of a point); each row grows by one border


def table_border_eighths() -> int:
    """TABLE_BORDER_PT in Word's border unit (w:sz, eighths of a point)."""
    return round(TABLE_BORDER_PT * 8)


def table_shares(ncols: int) -> tuple[float, ...]:
    """Share of the text width per column: 主要数据一览's three columns or five (同比), else equal shares."""
    known = {len(TABLE_COLUMNS): TABLE_COLUMNS, len(TABLE_COLUMNS_COMPARED): TABLE_COLUMNS_COMPARED}
    return known.get(ncols, (1 / ncols,) * ncols)


def table_widths(ncols: int, total: int = TEXT_WIDTH, shares: tuple[float, ...] = ()) -> list[int]:
    """Column widths (twips by default) that add up to ``total`` exactly: the last takes the rest.
    ``shares``: the table's own (an outline block's), else table_shares(ncols)."""
    widths = [int(total * share) for share in (shares or table_shares(ncols))]
    widths[-1] = total - sum(widths[:-1])
    return widths


def rule_for(block: ol.Block, *, bold_level3: bool = False) -> ParaRule:
    """The paragraph rule of a block (for TABLE: of its title paragraph)."""
    kind = block.kind
    if kind == ol.TITLE:
        return TITLE
    if kind == ol.SUBTITLE:
        return SUBTITLE
    if kind == ol.SALUTATION:
        return SALUTATION
    if kind == ol.HEADING:
        rule = HEADINGS[min(max(block.level, 1), 4)]
        return _bolden(rule, bold_level3 and block.level == 3)
    if kind == ol.ITEM:
        rule = ITEMS[min(max(block.level, 2), 4)]
        if bold_level3 and block.level == 3:
            return ParaRule(**{**rule.__dict__, "head_bold": True})
        return rule
    if kind in (ol.SIGN_UNIT, ol.SIGN_DATE):
        return SIGNATURE
    if kind == ol.TABLE:
        return TABLE_TITLE
    if kind == ol.ANNEX:
        return ANNEX
    return BODY


def paragraph_rules(*, bold_level3: bool = False) -> tuple[ParaRule, ...]:
    """Every paragraph rule (one Word style each), with the 三级标题 bold setting applied."""
    return tuple(_bolden(r, bold_level3 and r is HEADINGS[3]) for r in PARAGRAPH_RULES)


def _bolden(rule: ParaRule, bold: bool) -> ParaRule:
    return ParaRule(**{**rule.__dict__, "bold": True}) if bold else rule


# ---------------------------------------------------------------- 落款


def text_width(text: str) -> float:
    """Width in body characters: CJK and full-width forms 1, everything else (digits, Latin) ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def signature_indents(unit: str, date: str) -> tuple[float, float]:
    """Right indents, in characters, of the unit line and the date line of the 落款.

    GB/T 9704-2012 7.3.5.2 (no seal): the unit is set 右空二字; the date goes on the next line
    with its first character two characters right of the unit's first character; when that would
    bring the date closer than two characters to the right edge, the date is set 右空二字 and the
    unit moves left to keep the two-character step. With U and D the widths of unit and date:

        date_right = max(U − D, 2)
        unit_right = date_right + D + 2 − U      (= 2 whenever U − D ≥ 2)

    so the date always ends at least two characters from the right edge. A lone unit or date is
    set 右空二字.
    """
    u, d = text_width(unit), text_width(date)
    if not unit or not date:
        return 2.0, 2.0
    date_right = max(u - d, 2.0)
    return date_right + d + 2 - u, date_right


# ---------------------------------------------------------------- the page, arranged

# What a paragraph is for, where its block's kind does not say it (Para.role).
NOTE = "attachment_note"  # 附件：主要数据一览, under the body (附件说明)
LABEL = "attachment_label"  # 附件, at the head of the attachment's page
ATTACHMENT = "附件"


@dataclass(frozen=True)
class Para:
    """One paragraph as set on the page: a block of the outline (None: a blank grid line) and its rule."""

    rule: ParaRule
    block: ol.Block | None = None
    right_chars: float | None = None  # the 落款's own right indent; None: the rule's
    keep_next: bool = False  # on the page of the next paragraph, whatever the rule says (the 落款's chain)
    keep_lines: bool = False  # not split across pages, whatever the rule says
    page_break: bool = False  # starts a new page (w:pageBreakBefore): the attachment
    index: int = -1  # the position in the outline of the block it sets (-1: a blank line)
    role: str = ""  # NOTE or LABEL for the paragraphs of an attachment

    @property
    def right(self) -> float:
        return self.rule.right_chars if self.right_chars is None else self.right_chars

    @property
    def lines(self) -> int:
        """About how many grid lines the paragraph takes (28 body characters a line, digits ½)."""
        width = self.rule.first_line_chars + text_width(self.text)
        return max(1, math.ceil(width / CHARS_PER_LINE))

    @property
    def text(self) -> str:
        """The printed text (a run-in item: number, heading sentence and body together)."""
        return self.block.plain if self.block is not None else ""


@dataclass(frozen=True)
class Table:
    """主要数据一览 (after its caption paragraph): every row has one cell per column, header first.

    Rows never split across pages and the header row repeats; ``keep_next[i]``: row i stays on the
    page of what follows it (row i + 1, or for the last row the paragraph after the table).
    """

    rows: tuple[tuple[str, ...], ...]
    shares: tuple[float, ...] = field(default=())
    header_bold: bool = TABLE_HEADER_BOLD
    keep_next: tuple[bool, ...] = field(default=())
    block: ol.Block | None = None
    index: int = -1

    @property
    def columns(self) -> int:
        return len(self.shares)


def table_keeps(rows: int) -> tuple[bool, ...]:
    """The header row keeps with the first data row (a table never starts with a lone header at a page
    foot); a table of at most TABLE_KEEP_ROWS rows keeps every row with the next, so it moves whole."""
    if rows <= TABLE_KEEP_ROWS:
        return (True,) * (rows - 1) + (False,)
    return (True,) + (False,) * (rows - 1)


def _table(block: ol.Block, index: int) -> Table | None:
    if not block.rows:
        return None
    ncols = max(len(r) for r in block.rows)
    rows = tuple(tuple(r) + ("",) * (ncols - len(r)) for r in block.rows)
    shares = block.shares if len(block.shares) == ncols else table_shares(ncols)  # the block's own widths first
    return Table(rows, shares, keep_next=table_keeps(len(rows)), block=block, index=index)


def attachments(blocks: list[ol.Block]) -> list[int]:
    """The tables printed as an attachment after the 落款, on a page of their own (GB/T 9704 附件).

    A table longer than TABLE_KEEP_ROWS runs over a page break wherever it stands, and at the end of
    the body it would have to carry the 落款 along with its last rows: a continued table and the
    落款 chained to it is where readers differ (LibreOffice leaves the 落款 alone on the next page).
    As an attachment the body ends with text, the 落款 keeps with that text as anywhere else, and the
    table starts on a fresh page. Short tables stay in the body and move whole. Only when the
    document is signed: without a 落款 a table at the end is the end.
    """
    end = next((n for n, b in enumerate(blocks) if b.kind in (ol.SIGN_UNIT, ol.SIGN_DATE)), None)
    if end is None:
        return []
    # only the body's tables: what follows the 落款 (a 附件 统计表, ol.ANNEX) is on its own pages already
    return [n for n, b in enumerate(blocks[:end]) if b.kind == ol.TABLE and len(b.rows) > TABLE_KEEP_ROWS]


def attachment_names(count: int) -> list[str]:
    """附件 for one, 附件1 附件2 … for several (GB/T 9704 7.3.4)."""
    return [ATTACHMENT] if count == 1 else [f"{ATTACHMENT}{n}" for n in range(1, count + 1)]


def arrange(blocks: list[ol.Block], *, bold_level3: bool = False) -> list[Para | Table]:
    """The outline as set on the page: each block's paragraph with its rule, the blank lines after the
    title group and before the table and the 落款, the table, the 落款's right indents, a long table
    as an attachment after the 落款, and the empty paragraph Word wants after a final table.

    Both renderers walk this list and nothing else, so the paged layout and the Word file cannot
    differ in what they print or in the spacing between the parts.
    """
    out: list[Para | Table] = []
    blank = Para(BODY)
    unit = next((b.text for b in blocks if b.kind == ol.SIGN_UNIT), "")
    date = next((b.text for b in blocks if b.kind == ol.SIGN_DATE), "")
    unit_right, date_right = signature_indents(unit, date)
    attached = attachments(blocks)
    names = attachment_names(len(attached))
    title_open = False
    last_kind = ""
    for n, block in enumerate(blocks):
        kind = block.kind
        if title_open and kind not in (ol.TITLE, ol.SUBTITLE):
            out.extend([blank] * BLANK_AFTER_TITLE)
            title_open = False
        if n in attached:
            continue
        rule = rule_for(block, bold_level3=bold_level3)
        if kind == ol.TABLE:
            if last_kind != ol.ANNEX:  # an annex's table title is the line under 附件
                out.extend([blank] * BLANK_BEFORE_TABLE)
            out.append(Para(rule, block, index=n))
            table = _table(block, n)
            if table is not None:
                out.append(table)
        elif kind in (ol.SIGN_UNIT, ol.SIGN_DATE):
            if last_kind not in (ol.SIGN_UNIT, ol.SIGN_DATE):
                for name, m in zip(names, attached, strict=True):  # 附件说明: 正文下空一行左空二字
                    note = ol.Block(ol.PARA, f"{name}：{blocks[m].text}")
                    out.extend([blank, Para(BODY, note, index=m, role=NOTE)])
                out.extend([blank] * BLANK_BEFORE_SIGNATURE)
            out.append(Para(rule, block, unit_right if kind == ol.SIGN_UNIT else date_right, index=n))
        else:
            out.append(Para(rule, block, index=n))
            title_open = title_open or kind in (ol.TITLE, ol.SUBTITLE)
        last_kind = kind
    if title_open:
        out.extend([blank] * BLANK_AFTER_TITLE)
    out = _keep_signature_with_body(out)
    for name, m in zip(names, attached, strict=True):
        # the attachment's page: 附件 on line 1, its title centred on line 3, then the table
        out.append(Para(ATTACHMENT_LABEL, ol.Block(ol.PARA, name), page_break=True, index=m, role=LABEL))
        out.append(blank)
        out.append(Para(TITLE, blocks[m], index=m))
        out.extend([blank] * BLANK_AFTER_TITLE)
        table = _table(blocks[m], m)
        if table is not None:
            out.append(table)
    if not out or isinstance(out[-1], Table):
        out.append(blank)  # Word wants a paragraph between a table and the section's end; an empty outline one line
    return out


# The 落款 never stands alone on a page: GB/T 9704 (7.3.5) wants body text on the page that bears
# the signature and date. At least this many lines of the body go with it to a new page.
SIGNATURE_BODY_LINES = 2


def _keep_signature_with_body(out: list[Para | Table]) -> list[Para | Table]:
    """Chain the 落款 to the end of the body with w:keepNext: the date's line is kept with nothing,
    the unit with the date, the blank line with the unit, the 附件说明 and its blank line with what
    follows, and the body's last paragraphs (or the table's last rows) with what follows them until
    they hold SIGNATURE_BODY_LINES lines.

    A body paragraph of two lines or more holds two by itself: widow control (on for body text)
    never lets a single line of it go to the new page. The last paragraph also keeps its lines
    together (w:keepLines), whatever its length: Word and WPS would otherwise move only its last
    two lines, LibreOffice moves a paragraph that keeps with the next one whole; with keepLines all
    of them move it whole, and the paged preview can show what every one of them prints. (A
    paragraph longer than a page cannot be kept whole; every reader then splits it.)
    """
    signs = [n for n, item in enumerate(out) if isinstance(item, Para) and item.block is not None
             and item.block.kind in (ol.SIGN_UNIT, ol.SIGN_DATE)]
    if not signs:
        return out
    out = list(out)
    n = signs[-1] - 1
    while n >= 0 and n >= signs[0] - BLANK_BEFORE_SIGNATURE:  # the unit, and the blank line before it
        out[n] = replace(out[n], keep_next=True)
        n -= 1
    held = 0
    while n >= 0 and held < SIGNATURE_BODY_LINES:
        item = out[n]
        if isinstance(item, Table):
            wanted = min(SIGNATURE_BODY_LINES - held, len(item.rows))
            keeps = item.keep_next[:len(item.rows) - wanted] + (True,) * wanted
            out[n] = replace(item, keep_next=keeps)
            held += wanted
        elif item.role == NOTE or (item.block is None and n > 0 and _below_body(out[n - 1])):
            out[n] = replace(item, keep_next=True)  # the 附件说明 and the blank above it: not body text
        elif item.block is None or item.block.kind in (ol.TITLE, ol.SUBTITLE):
            break  # the blank line under the title, or the title itself: no body to take along
        else:
            lines = item.lines
            out[n] = replace(item, keep_next=True, keep_lines=held == 0)
            held += min(lines, SIGNATURE_BODY_LINES)
        n -= 1
    return out


def _below_body(item: Para | Table) -> bool:
    """Whether a blank line after ``item`` is one inside the body (not the one under the title)."""
    return isinstance(item, Table) or (item.block is not None and item.block.kind not in (ol.TITLE, ol.SUBTITLE))
