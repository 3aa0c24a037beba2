"""The document outline: one ordered list of blocks built from a report and its genre.

Every renderer (the Word export, the live preview, the text read back in tests) walks this list;
numbering (一、（一）1.（1）), heading punctuation, title splitting and the order of front matter,
body, closing and 落款 are decided here and nowhere else. The report's text is clean already (the
service cleaned it on the way in); every block's text is one printed paragraph, without a newline.

The body follows the report's own sections (models/structure.py): each function here shapes the
genre for the report first, so it may be given the genre as shipped or as shaped. Enumerations
(一是……二是……) come out as ordinary PARA blocks (each entry its own paragraph) or as the text of
one paragraph (run together), their ordinals already in the text: renderers need nothing new.
Numbering typed at the start of a heading or an entry is left out (models/numbering.py), so a
print never shows "（一）(1)".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from models import periods, structure
from models.numbering import chinese_number, entry_paragraphs, enumeration_texts, strip_numbering
from models.report import ENUM
from models.text import one_line, paragraphs

if TYPE_CHECKING:
    from models.genres import Genre, Level
    from models.report import Item, Report

# Block kinds
TITLE = "title"  # one line of the title (二号 小标宋, centred)
SUBTITLE = "subtitle"  # speaker line of a speech (三号 楷体, centred)
SALUTATION = "salutation"  # 同志们： flush left
PARA = "para"  # body paragraph, first line indented 2 characters
HEADING = "heading"  # a numbered heading alone on its line (level 1–4)
ITEM = "item"  # a run-in item: numbered heading sentence, then its body in the same paragraph
TABLE = "table"  # 主要数据一览
SIGN_UNIT = "sign_unit"  # 落款 unit
SIGN_DATE = "sign_date"  # 落款 date
ANNEX = "annex"  # 附件: the label of an attachment after the 落款, at the top of a new page (黑体, flush left)

TITLE_LINE_CHARS = 20  # 二号 characters that fit the 156 mm text width with a margin
TABLE_TITLE = "主要数据一览"
ANNEX_LABEL = "附件"
# A report's value holding the county 统计表 it carries as 附件 (JSON from models/rollup.annex_table)
ANNEX_ADDRESS = "annex.rollup"
ANNEX_FIGURES = 6  # figure columns per printed table of the 附件; more go on in a 续表
ANNEX_UNIT_SHARE = 0.2  # the 单位 column's share of the text width (six characters of 四号)
ANNEX_UNIT_MIN_SHARE = 0.15  # …or less, for the figures' names, down to four characters
ANNEX_CHAR_SHARE = 14 / 442  # one 四号 character (14 pt) of the 156 mm (442 pt) text width
ANNEX_CELL_SHARE = 13 / 442  # a cell's left and right margins (5.4 pt each) and a little room


def number_label(level: int, index: int) -> str:
    """The generated number of the index-th (1-based) heading at a level: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_number(index)}、"
    if level == 2:
        return f"（{chinese_number(index)}）"
    if level == 3:
        return f"{index}."
    return f"（{index}）"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str = ""  # paragraph text; for ITEM the body that follows the heading sentence
    level: int = 0  # outline level 1–4 for HEADING and ITEM
    number: str = ""
    heading: str = ""
    address: str = ""  # the field shown, so a click in the preview can jump to it
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)  # TABLE: header row first
    shares: tuple[float, ...] = ()  # TABLE: share of the text width per column; () the renderer's default

    @property
    def plain(self) -> str:
        """The block as printed text (what a reader of the .docx sees in the paragraph)."""
        if self.kind in (HEADING, ITEM):
            return f"{self.number}{self.heading}{self.text}"
        return self.text


@dataclass(frozen=True)
class OutlineOptions:
    figures_table: bool = True  # add 主要数据一览 when any figure is filled in


def context(report: Report, genre: Genre) -> dict[str, str]:
    """Values for the genre's title patterns: {unit} {period} {year} {half} {next} …"""
    get = report.get
    ctx = {k: one_line(get(f"front.{k}")) for k in ("unit", "meeting", "speaker")}
    ctx.update(period="", period_title="", year="", half="", next="", next_year="", date="")
    code = get("front.period").strip()
    try:
        year, kind = periods.parse_period(code)
    except periods.PeriodError:
        year, kind = 0, None
    if kind is not None:
        ctx["period"] = periods.period_label(code)
        ctx["period_title"] = f"{year}年度" if not kind else ctx["period"]  # 2024年度 · 2024年上半年
        ctx["year"] = str(year)
        ctx["next_year"] = str(year + 1)
        ctx["half"] = periods.KINDS[kind]
        ctx["next"] = _next_label(year, kind)
    try:
        ctx["date"] = periods.date_label(get("front.date"))
    except periods.PeriodError:
        ctx["date"] = one_line(get("front.date"))
    return ctx


def _next_label(year: int, kind: str) -> str:
    """What follows the period, as a part title says it: 下半年, 2025年, 第四季度."""
    if kind == "H1":
        return "下半年"
    if kind.startswith("Q") and kind != "Q4":
        return periods.KINDS[f"Q{int(kind[1]) + 1}"]
    return f"{year + 1}年" + ("第一季度" if kind == "Q4" else "")


def fill(pattern: str, ctx: dict[str, str]) -> str:
    # Patterns come from genre data only; user text is substituted, never evaluated.
    return pattern.format_map(ctx)


def title_text(report: Report, genre: Genre) -> str:
    custom = one_line(report.get("front.title"))
    return custom or fill(genre.title, context(report, genre))


def part_title(report: Report, genre: Genre, part_key: str) -> str:
    """A section's title as the officer wrote it, else its genre part's default ("" for a blank section)."""
    custom = one_line(report.get(f"part.{part_key}.title"))
    if custom:
        return custom
    try:
        part = genre.part(part_key)
    except KeyError:  # a section the given genre does not know yet: shape it for the report
        part = structure.shape(report, genre).part(part_key)
    return fill(part.title, context(report, genre)) if part.title else ""


def section_heading(report: Report, genre: Genre, part_key: str) -> str:
    """The printed title of a section (without its number): typed numbering and end punctuation removed."""
    return _heading_sentence(strip_numbering(part_title(report, genre, part_key))[0], run_in=False)


def split_title(title: str, unit: str = "", limit: int = TITLE_LINE_CHARS) -> list[str]:
    """Split a long title into lines of at most ``limit`` characters, shaped as a trapezoid.

    Prefer breaking after the unit name, then before 宣传/工作/总结/讲话, then after 年/度;
    the first line is never longer than the next (正梯形).
    """
    if len(title) <= limit:
        return [title]
    lines: list[str] = []
    rest = title
    while len(rest) > limit:
        n = len(rest)
        lines_left = -(-n // limit)
        lo = max(1, n - limit * (lines_left - 1))
        hi = min(limit, n // lines_left if lines_left > 1 else limit)
        hi = max(hi, lo)
        best, best_score = hi, -1.0
        for b in range(lo, hi + 1):
            score = b / limit  # longer first lines waste fewer lines, but stay ≤ the rest
            if unit and not lines and b == len(unit):
                score += 3
            if rest[b:].startswith(("宣传", "工作", "总结", "讲话", "暨", "及", "和", "在")):
                score += 2
            if rest[b - 1] in "年度会":
                score += 1
            if rest[b - 1] in "（“《" or rest[b] in "）”》，、。":
                score -= 5
            if score > best_score:
                best, best_score = b, score
        lines.append(rest[:best])
        rest = rest[best:]
    lines.append(rest)
    return lines


def _heading_sentence(text: str, run_in: bool) -> str:
    """Run-in headings end with 。; headings on their own line carry no full stop."""
    text = one_line(text).rstrip()
    if run_in:
        if text and text[-1] not in "。！？":
            text = text.rstrip("，、；：,;:") + "。"
        return text
    return text.rstrip("。，、；：,.;:")


def is_empty(report: Report, item: Item) -> bool:
    """Nothing to print: no heading, no body, and no child with either (an enumeration: no entry text)."""
    own = report.get(f"item.{item.id}.heading").strip() or report.get(f"item.{item.id}.body").strip()
    return not own and all(is_empty(report, c) for c in item.children)


def _item_blocks(report: Report, item: Item, level: int, number: str, style: Level) -> list[Block]:
    run_in = style.style == "run_in"
    heading = _heading_sentence(strip_numbering(one_line(report.get(f"item.{item.id}.heading")))[0], run_in)
    body = paragraphs(report.get(f"item.{item.id}.body"))
    addr = f"item.{item.id}.heading" if heading else f"item.{item.id}.body"
    out: list[Block] = []
    if run_in:
        out.append(Block(ITEM, body[0] if body else "", level, number, heading, addr))
        body = body[1:]
    else:
        out.append(Block(HEADING, "", level, number, heading, addr))
    out.extend(Block(PARA, text, address=f"item.{item.id}.body") for text in body)
    return out


def numbering(report: Report, genre: Genre) -> dict[str, str]:
    """Item id -> its printed number, for the editor's navigator (same rule as the outline)."""
    return {b.address.split(".")[1]: b.number for b in _body(report, structure.shape(report, genre))
            if b.address.startswith("item.") and b.kind in (HEADING, ITEM)}


# ------------------------------------------------------------------ enumerations

def _enumeration(report: Report, enum: Item, out: list[Block], attach: bool) -> None:
    """Append an enumeration's paragraphs; run together, it continues a run-in heading with no body of
    its own, or a paragraph ending with a colon that introduces it (""主要做法：一是……""), when it
    follows that directly (``attach``)."""
    texts = enumeration_texts(report, enum)
    printed = [e for e in enum.children if entry_paragraphs(report, e)]
    if texts and enum.layout == "run_in":
        text = "".join(texts)
        prev = out[-1] if attach and out else None
        if prev is not None and prev.kind == ITEM and not prev.text:
            out[-1] = replace(prev, text=text)
        elif prev is not None and prev.kind in (ITEM, PARA) and prev.text.rstrip().endswith(("：", ":")):
            out[-1] = replace(prev, text=prev.text.rstrip() + text)
        else:
            out.append(Block(PARA, text, address=f"item.{printed[0].id}.body"))
    else:
        for entry, text in zip(printed, texts, strict=True):
            out.extend(Block(PARA, para, address=f"item.{entry.id}.body") for para in text.split("\n"))
    tail = f"item.{enum.id}.body"  # the paragraphs that followed the entries when they were marked
    out.extend(Block(PARA, text, address=tail) for text in paragraphs(report.get(tail)))


def _children(report: Report, items: list[Item], level: int, styles: list[Level], out: list[Block]) -> None:
    """Append the blocks of a list of children (items numbered at ``level``, enumerations between them)."""
    index = 0
    start = len(out)
    for item in items:
        if is_empty(report, item):
            continue
        if item.kind == ENUM:
            _enumeration(report, item, out, attach=len(out) == start)
            continue
        if not styles:  # deeper than 四级: cannot be numbered; never printed (the service refuses to make it)
            continue
        index += 1
        out.extend(_item_blocks(report, item, level, number_label(level, index), styles[0]))
        _children(report, item.children, level + 1, styles[1:], out)


def has_content(report: Report, key: str) -> bool:
    lead = report.get(f"part.{key}.lead")
    return bool(lead.strip()) or any(not is_empty(report, i) for i in report.items.get(key, []))


def part_numbers(report: Report, genre: Genre) -> dict[str, str]:
    """Section key -> its printed number. A section with nothing written is not printed and takes no
    number; nor does one without a title (its text prints under no heading, and the checks say so)."""
    genre = structure.shape(report, genre)
    out, n = {}, 0
    for part in genre.parts:
        if has_content(report, part.key) and section_heading(report, genre, part.key):
            n += 1
            out[part.key] = number_label(1, n)
    return out


def _body(report: Report, genre: Genre) -> list[Block]:
    out: list[Block] = []
    numbers = part_numbers(report, genre)
    for part in genre.parts:
        if not has_content(report, part.key):
            continue
        if part.key in numbers:
            title = section_heading(report, genre, part.key)
            out.append(Block(HEADING, "", 1, numbers[part.key], title, f"part.{part.key}.title"))
        lead = f"part.{part.key}.lead"
        out.extend(Block(PARA, text, address=lead) for text in paragraphs(report.get(lead)))
        styles = [s for s in (part.items, part.points, part.subpoints) if s is not None]
        _children(report, report.items.get(part.key, []), 2, styles, out)
    return out


def figure_rows(report: Report, genre: Genre) -> list[tuple[str, str, str]]:
    """(work item, figure, value with unit) for every filled-in figure, in document order."""
    from models.catalog import area_name
    from models.figures import display

    rows = []
    genre = structure.shape(report, genre)
    for part in genre.parts:
        for top in report.items.get(part.key, []):
            for item in top.walk():
                for fig in item.figures:
                    value = one_line(report.get(f"item.{item.id}.fig.{fig.key}"))
                    if value:
                        name = area_name(item.area) or _heading_sentence(
                            report.get(f"item.{item.id}.heading"), run_in=False)
                        # the unit once: "6次" in a 次 figure, "3.6万" in a 万人次 figure (models.figures.display)
                        rows.append((name, fig.label, display(value, fig.unit)))
    return rows


def build_outline(report: Report, genre: Genre, options: OutlineOptions | None = None) -> list[Block]:
    options = options or OutlineOptions()
    genre = structure.shape(report, genre)
    ctx = context(report, genre)
    out = [Block(TITLE, line, address="front.title") for line in split_title(title_text(report, genre),
                                                                              ctx["unit"])]
    if genre.subtitle:
        out.append(Block(SUBTITLE, fill(genre.subtitle, ctx), address="front.speaker"))
    if genre.salutation:
        out.append(Block(SALUTATION, genre.salutation))
    out.extend(Block(PARA, text, address="intro") for text in paragraphs(report.get("intro")))
    out.extend(_body(report, genre))
    if genre.closing:
        out.extend(Block(PARA, text, address="closing") for text in paragraphs(report.get("closing")))
    rows = figure_rows(report, genre) if options.figures_table else []
    if rows:
        header = ("工作板块", "指标", "数据")
        out.append(Block(TABLE, TABLE_TITLE, rows=(header, *rows)))
    if genre.signature:
        unit = ctx["unit"]
        if unit:
            out.append(Block(SIGN_UNIT, unit, address="front.unit"))
        if ctx["date"]:
            out.append(Block(SIGN_DATE, ctx["date"], address="front.date"))
    out.extend(annex_blocks(report))
    return out


def annex_blocks(report: Report) -> list[Block]:
    """The 附件 统计表 a report carries (ANNEX_ADDRESS), as printed after the 落款: the 附件 label (a
    new page), the 统计表's title, then a table per work area captioned with the area's name (an area
    of more than ANNEX_FIGURES figures goes on in a 续表), each headed by its figures' names with
    their units on a row of their own, then the notes. A printed page then says which area each
    number belongs to, as the workbook's two header rows do, and no unit is cut between two lines.
    [] when the report carries none (or the value cannot be read)."""
    import json

    try:
        data = json.loads(report.get(ANNEX_ADDRESS) or "null")
        title, header = str(data["title"]), [str(h) for h in data["header"]]
        body = [[str(c) for c in row] for row in [*data["rows"], data["total"]]]
        groups = [int(g) for g in data.get("groups") or [len(header) - 1]]
        areas = [str(a) for a in data.get("areas") or []]
        labels = [str(x) for x in data.get("labels") or header[1:]]
        units = [str(u) for u in data.get("units") or [""] * len(labels)]
        notes = [str(n) for n in data.get("notes", [])]
    except (ValueError, TypeError, KeyError):
        return []
    if len(header) < 2 or any(len(row) != len(header) for row in body):
        return []
    if len(labels) != len(header) - 1 or len(units) != len(labels):  # an older or damaged value: the header as is
        labels, units = header[1:], [""] * (len(header) - 1)
    names = [*areas, *[""] * len(groups)][:len(groups)]
    out = [Block(ANNEX, ANNEX_LABEL, address=ANNEX_ADDRESS), Block(TABLE, title, address=ANNEX_ADDRESS)]
    column = 1
    for size, name in [*zip(groups, names, strict=True), (len(header), "")]:  # the last: columns not grouped
        cols = list(range(column, min(column + size, len(header))))
        column += len(cols)
        for k in range(0, len(cols), ANNEX_FIGURES):
            piece = cols[k:k + ANNEX_FIGURES]
            tables = sum(1 for b in out if b.rows)
            named = name or title  # an older value, without the areas' names: the title, then 续表
            more = k > 0 or (not name and tables > 0)
            head = [("单位", *(labels[c - 1] for c in piece))]
            if any(units[c - 1] for c in piece):
                head.append(("", *(f"（{units[c - 1]}）" if units[c - 1] else "" for c in piece)))
            rows = tuple(head) + tuple((row[0], *(row[c] for c in piece)) for row in body)
            out.append(Block(TABLE, f"{named}（续表）" if more else named, address=ANNEX_ADDRESS, rows=rows,
                             shares=annex_shares([labels[c - 1] for c in piece])))
    out.extend(Block(PARA, one_line(note), address=ANNEX_ADDRESS) for note in notes if note.strip())
    return out


def annex_shares(labels: list[str]) -> tuple[float, ...]:
    """The 单位 column's share and each figure column's: the figure columns equal, wide enough for the
    longest name on one line of 四号 where the 单位 column can give up that much (down to four characters)."""
    need = max((len(x) for x in labels), default=0) * ANNEX_CHAR_SHARE + ANNEX_CELL_SHARE
    unit = min(ANNEX_UNIT_SHARE, max(ANNEX_UNIT_MIN_SHARE, 1 - need * len(labels)))
    return (unit, *((1 - unit) / len(labels),) * len(labels))


def outline_text(blocks: list[Block]) -> list[str]:
    """The printed text of every paragraph, in order (tables contribute their title only)."""
    return [b.plain for b in blocks]
