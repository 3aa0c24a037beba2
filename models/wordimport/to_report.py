"""The neutral tree of an imported .docx → an ordinary Report (in memory; the service stores it).

What goes where:

- the genre from the recognised title (else 半年工作总结); unit, period, date, meeting and speaker
  into the front fields; the file's title kept as ``front.title`` when the genre's pattern would
  print it differently, so the title is never rewritten behind the officer's back;
- 导语 → ``intro``; each level-1 section → a report section, from the genre part whose default
  title matches best (so its guidance applies) or blank with the file's own title;
- a section's text before its first item → the part's lead; items of levels 2–4 with their
  heading sentence and body; the file's form of levels 2 and 3 (run in / own line) becomes the
  report's heading form;
- 一是… enumerations → enumeration items (style from the family, layout from how they were
  written); text after an enumeration is that enumeration's own closing text, so the printed
  order is the file's;
- a figure table whose rows name a catalog work area and its figures → those items' figures
  (the export prints it again as 主要数据一览); any other table → its rows as text paragraphs;
- figures read from an item's text → the item's figures, label and unit offered with no value
  (the body keeps the number; filling the value adds the row to 主要数据一览, which the file did
  not have);
- 结束语 → ``closing`` (a speech), else the end of the last section; the 落款 → unit and date.

Nothing of the file's text is dropped: what has no place of its own lands in the nearest body,
and ``Converted.notes`` says in Chinese what was adjusted.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models import periods
from models.catalog import Area, load_catalog
from models.numbering import enumeration_texts
from models.outline import TABLE_TITLE, context, fill, title_text
from models.report import ENTRY, ENUM, ITEM, FigureDef, Item, Report, Section
from models.structure import default_form
from models.text import clean_text
from models.wordimport import tree as T

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.genres import Genre, GenreLibrary, Part

FALLBACK_GENRE = "half_year"
PART_MATCH = 0.5  # share of characters a section title must have in common with a genre part's title
MAX_OFFERED_FIGURES = 8  # figures offered from one item's text; beyond that they are noise in the editor
ENUM_STYLE = {"是": "shi", "要": "yao", "第": "di", "序": "seq"}
CELL_GAP = "，"  # between the cells of a table row printed as text (spaces between 汉字 are a proofreading finding)
_SPACES = re.compile(r"[\s\u3000]+")
_VALUE = re.compile(r"^(?:约|近|超过|逾)?[0-9][0-9,.]*(?:余|多)?(?:万|亿)?(?:余|多)?")


@dataclass
class Converted:
    report: Report
    notes: list[str] = field(default_factory=list)  # what was adjusted, for the import summary
    data_tables: int = 0  # tables whose values became figures (the rest were printed as text)


def to_report(doc: T.Document, library: GenreLibrary, *, today: _dt.date | None = None) -> Converted:
    """The tree as a new, unsaved report of the recognised genre (see the module docstring)."""
    return _Converter(doc, library, today or _dt.date.today()).run()


class _Converter:
    def __init__(self, doc: T.Document, library: GenreLibrary, today: _dt.date) -> None:
        self.doc = doc
        self.library = library
        self.today = today
        genre_id = doc.title.genre if doc.title.genre and library.has(doc.title.genre) else FALLBACK_GENRE
        self.genre: Genre = library.get(genre_id)
        self.report = Report(genre_id=self.genre.id, genre_version=self.genre.version, sections=[])
        self.notes: list[str] = []
        self.ids: set[str] = set()
        self.tail = "intro"  # the text field printed last so far: where trailing text goes
        # address -> paragraphs, joined at the end; a table stays a Table until it is known whether its
        # values became figures (then it is left out) or it is printed as text
        self.texts: dict[str, list[str | T.Table]] = {}
        self.pending_figures: list[tuple[Item, T.Item]] = []  # every item with its node, in document order
        self.converted_tables: set[int] = set()
        self.table_texts = 0
        self.offered = 0

    # ------------------------------------------------------------ the whole

    def run(self) -> Converted:
        self.front()
        self.add_text("intro", self.doc.intro)
        self.sections()
        tables_to_figures(self)
        self.back()
        for address, blocks in self.texts.items():
            paras = [text for block in blocks for text in self.printed(block)]
            text = clean_text("\n".join(p for p in paras if p.strip())).strip()
            if text:
                self.report.values[address] = text
        self.offer_figures()
        if self.table_texts:
            self.notes.append(f"{self.table_texts}张表格不是“工作板块、指标、数据”形式的数据表，已按行转成正文段落，"
                              "请导入后核对。")
        if self.offered:
            self.notes.append("正文中的数字已列为所在条目的“主要数据”（选填，数值空着），"
                              "填上数值后会汇总进文末的“主要数据一览”表。")
        return Converted(self.report, self.notes, len(self.converted_tables))

    # ------------------------------------------------------------ front and back

    def front(self) -> None:
        doc, genre, values = self.doc, self.genre, self.report.values
        title = "".join(doc.title_lines)
        speech = genre.kind == "speech"
        unit = doc.sign_unit or doc.title.unit if not speech else doc.title.unit or doc.sign_unit
        date = doc.speaker.date if speech and doc.speaker else doc.sign_date
        if not date and doc.speaker and not doc.speaker.name:  # a date line under the title
            date = doc.speaker.date
        front = {"unit": unit, "period": doc.title.period or self.fallback_period(date), "date": date}
        if speech:
            front.update(meeting=doc.title.meeting, speaker=doc.speaker.name if doc.speaker else "")
        for key, value in front.items():
            if value and genre.front_field(key) is not None:
                values[f"front.{key}"] = clean_text(value).strip()
        if title and _squeeze(title) != _squeeze(title_text(self.report, genre)):
            values["front.title"] = clean_text(title).strip()
        if doc.speaker and doc.speaker.name and not speech:
            self.texts.setdefault("intro", []).append(doc.speaker.text)
        if doc.salutation and doc.salutation != genre.salutation:
            if genre.salutation:
                self.notes.append(f"称呼“{doc.salutation}”按体裁印为“{genre.salutation}”，需要时可在导语中补写。")
            else:
                self.texts.setdefault("intro", []).append(doc.salutation)

    def fallback_period(self, date: str) -> str:
        """No period in the title: the one a summary dated ``date`` (else today) most likely covers."""
        try:
            day = periods.parse_date(date) if date else self.today
        except periods.PeriodError:
            day = self.today
        kinds = periods.period_kinds(self.genre.periods) or ["H1", "H2"]
        year, kind = periods.default_period(day, kinds)
        return periods.period_code(year, kind)

    def back(self) -> None:
        closing = self.doc.closing
        if closing:
            if self.genre.closing is not None:
                self.add_text("closing", closing)
            else:
                self.add_text(self.tail, closing)
        if not self.genre.signature:  # a speech prints no 落款: its lines stay as text at the end
            tail = "closing" if self.genre.closing is not None else self.tail
            lines = [t for t in (self.doc.sign_unit, self.doc.sign_date_text) if t]
            self.texts.setdefault(tail, []).extend(lines)

    # ------------------------------------------------------------ sections and items

    def sections(self) -> None:
        report = self.report
        parts = self.match_parts()
        forms: dict[int, list[tuple[str, str]]] = {2: [], 3: []}  # level -> [(the file's form, the section's)]
        for section, part in zip(self.doc.sections, parts, strict=True):
            key = part.key if part is not None else self.section_key()
            assert report.sections is not None
            report.sections.append(Section(key, part.key if part is not None else None))
            report.items[key] = []
            title = section.title.strip()
            if title and not (part is not None and title == _part_title(report, self.genre, part)):
                report.values[f"part.{key}.title"] = clean_text(title)
            self.body(section, f"part.{key}.lead", key, None, report.items[key])
            natural = {level: self.part_form(part, level) for level in forms}
            for child in section.children:
                self.item(child, key, None, report.items[key], forms, natural)
        for level, seen in forms.items():
            if any(form != natural for form, natural in seen):  # else each section's own form prints the file's
                files = [form for form, _ in seen]
                report.heading_forms[level] = max(("run_in", "own_line"), key=files.count)

    def part_form(self, part: Part | None, level: int) -> str:
        """The form a level takes in a section from ``part`` (or a blank section) when the report sets none."""
        lv = (part.items, part.points)[level - 2] if part is not None else None
        return lv.style if lv is not None else default_form(self.genre, level)

    def match_parts(self) -> list[Part | None]:
        """For each section, the genre part whose default title is most like its title (each part once)."""
        ctx = context(self.report, self.genre)
        parts = self.genre.parts
        scores = []
        for n, section in enumerate(self.doc.sections):
            for m, part in enumerate(parts):
                default = fill(part.title, ctx) if part.title else ""
                if section.title and default:
                    ratio = difflib.SequenceMatcher(None, section.title, default, autojunk=False).ratio()
                    if ratio >= PART_MATCH:
                        scores.append((ratio, -n, -m))
        chosen: list[Part | None] = [None] * len(self.doc.sections)
        used: set[int] = set()
        for _ratio, n, m in sorted(scores, reverse=True):
            if chosen[-n] is None and -m not in used:
                chosen[-n] = parts[-m]
                used.add(-m)
        return chosen

    def section_key(self) -> str:
        while True:
            key = f"s{secrets.token_hex(4)}"
            if key not in self.report.items and key not in {p.key for p in self.genre.parts}:
                return key

    def new_id(self) -> str:
        while True:
            candidate = secrets.token_hex(4)
            if candidate not in self.ids:
                self.ids.add(candidate)
                return candidate

    def item(self, node: T.Item, key: str, parent: str | None, siblings: list[Item],
             forms: dict[int, list[tuple[str, str]]], natural: dict[int, str]) -> None:
        item = Item(id=self.new_id(), part=key, parent=parent, kind=ITEM)
        siblings.append(item)
        if node.level in forms:
            forms[node.level].append((node.form, natural[node.level]))
        heading = node.heading if node.form == "run_in" else node.title
        if heading.strip():
            self.report.values[f"item.{item.id}.heading"] = clean_text(heading).strip()
        self.body(node, f"item.{item.id}.body", key, item.id, item.children)
        self.pending_figures.append((item, node))
        for child in node.children:
            self.item(child, key, item.id, item.children, forms, natural)

    def body(self, node: T.Node, address: str, key: str, owner: str | None, children: list[Item]) -> None:
        """A node's body: paragraphs into ``address``; each enumeration becomes an enumeration item among
        ``children`` (before the sub-items, as printed) and takes the paragraphs that follow it."""
        self.texts.setdefault(address, [])
        self.tail = address
        for block in node.body:
            enum = _enumeration(block, key, owner, self.new_id) if isinstance(block, T.Enumeration) else None
            if enum is None:
                self.add_text(self.tail, [block])
                continue
            item, values = enum
            if block.run_together and block.lead:
                self.texts[self.tail].append(block.lead)
            children.append(item)
            self.report.values.update(values)
            self.tail = f"item.{item.id}.body"
            self.texts.setdefault(self.tail, [])

    def add_text(self, address: str, blocks: list[T.Block]) -> None:
        paras = self.texts.setdefault(address, [])
        for block in blocks:
            if isinstance(block, T.Paragraph):
                paras.append(block.text)
            elif isinstance(block, T.Enumeration):
                paras.extend(_written(block))
            else:
                paras.append(block)

    def printed(self, block: str | T.Table) -> list[str]:
        if isinstance(block, str):
            return [block]
        if id(block) in self.converted_tables:  # the export prints it again as 主要数据一览; a caption stays
            return [block.title] if block.title and _squeeze(block.title) != TABLE_TITLE else []
        rows = [CELL_GAP.join(c.strip() for c in row if c.strip()) for row in block.rows]
        self.table_texts += 1
        return ([block.title] if block.title else []) + [r for r in rows if r]

    # ------------------------------------------------------------ figures

    def offer_figures(self) -> None:
        catalog = [(area, fig) for area in load_catalog() for fig in area.figures]
        for item, node in self.pending_figures:
            if item.figures:
                continue
            seen: set[tuple[str, str]] = set()
            for found in node.figures:
                label, unit = found.label.strip(), found.unit
                if not label or (label, unit) in seen or len(item.figures) >= MAX_OFFERED_FIGURES:
                    continue
                seen.add((label, unit))
                known = next((f for _a, f in catalog if f.unit == unit and (f.label == label or label in f.label
                                                                             or f.label in label)), None)
                taken = {f.key for f in item.figures}
                if known is not None and known.key not in taken:
                    item.figures.append(known)
                else:
                    item.figures.append(FigureDef(f"t{len(item.figures) + 1}", label, unit))
                self.offered += 1


def _written(enum: T.Enumeration) -> list[str]:
    """An enumeration's paragraphs as the file had them (the tree keeps 第一 / 首先 without their comma)."""
    entries = [f"{e.ordinal}{'，' if enum.family in ('第', '序') else ''}{e.text}" for e in enum.entries]
    return [enum.lead + "".join(entries)] if enum.run_together else entries


def _enumeration(block: T.Enumeration, key: str, owner: str | None, new_id: Callable[[], str]
                 ) -> tuple[Item, dict[str, str]] | None:
    """An enumeration item (with its entries' text) that prints exactly the file's paragraphs, or None
    when the generated ordinals or end marks would differ (首先…再次 without 最后, an entry ending in a
    colon): the paragraphs then stay text, which the officer can still make an enumeration of."""
    enum = Item(id=new_id(), part=key, parent=owner, kind=ENUM, style=ENUM_STYLE.get(block.family, "shi"),
                layout="run_in" if block.run_together else "own_line")
    values: dict[str, str] = {}
    for entry in block.entries:
        child = Item(id=new_id(), part=key, parent=enum.id, kind=ENTRY)
        enum.children.append(child)
        text = clean_text(entry.text).strip()
        if not text:
            return None
        values[f"item.{child.id}.body"] = text
    scratch = Report(genre_id="", genre_version=0, values=values)
    printed = enumeration_texts(scratch, enum)
    if block.run_together:
        printed = [block.lead + "".join(printed)]
    return (enum, values) if printed == [clean_text(t).strip() for t in _written(block)] else None


def _squeeze(text: str) -> str:
    return _SPACES.sub("", text)


def _part_title(report: Report, genre: Genre, part: Part) -> str:
    return fill(part.title, context(report, genre)) if part.title else ""


# ---------------------------------------------------------------- figure tables


@dataclass
class _Row:
    name: str
    label: str
    value: str


def _rows(table: T.Table) -> list[_Row] | None:
    """The data rows of a 工作板块 | 指标 | 数据 table (the header row left out), or None for another shape."""
    if not table.figure_table or len(table.rows) < 2 or any(len(r) != 3 for r in table.rows):
        return None
    rows = [_Row(*(c.strip() for c in r)) for r in table.rows[1:] if any(c.strip() for c in r)]
    if not rows or any(not (r.name and r.label and _VALUE.match(r.value)) for r in rows):
        return None
    return rows


def _split_value(cell: str, unit: str | None) -> tuple[str, str] | None:
    """"4200余人次" with unit 人次 → ("4200余", "人次"); without a known unit the tail is the unit."""
    cell = cell.replace(",", "").replace("，", "")
    if unit is not None:
        if unit and cell.endswith(unit) and _VALUE.fullmatch(cell[: -len(unit)]):
            return cell[: -len(unit)], unit
        if _VALUE.fullmatch(cell):
            return cell, unit
        return None
    m = _VALUE.match(cell)
    return (m.group(0), cell[m.end():]) if m else None


def _area_named(name: str) -> Area | None:
    return next((a for a in load_catalog() if a.name == name), None)


def _figure_of(area: Area, label: str) -> FigureDef | None:
    return next((f for f in area.figures if f.label == label), None) or next(
        (f for f in area.figures if label in f.label or f.label in label), None)


def tables_to_figures(conv: _Converter) -> None:
    """Every 工作板块 | 指标 | 数据 table whose rows all find their item: the values go into the items'
    figures and the table is left out of the text (the export prints it again)."""
    nodes = conv.pending_figures
    taken: set[str] = set()
    for table in conv.doc.tables():
        rows = _rows(table)
        if rows is None:
            continue
        plan = _place(rows, nodes, taken)
        if plan is None:
            continue
        for item, area, figures in plan:
            taken.add(item.id)
            if area is not None:  # a work-area item, as the new-report dialog makes them: all its figures
                item.area, item.figures = area.id, list(area.figures)
            else:
                item.figures = [fig for fig, _ in figures]
            for fig, value in figures:
                conv.report.values[f"item.{item.id}.fig.{fig.key}"] = value
        conv.converted_tables.add(id(table))


def _place(rows: list[_Row], nodes: list[tuple[Item, T.Item]], taken: set[str]
           ) -> list[tuple[Item, Area | None, list[tuple[FigureDef, str]]]] | None:
    """Which item each group of rows (one 工作板块 or one item's heading) belongs to; None when any
    row cannot be placed (the whole table then stays text)."""
    groups: list[tuple[str, list[_Row]]] = []
    for row in rows:
        if groups and groups[-1][0] == row.name:
            groups[-1][1].append(row)
        else:
            groups.append((row.name, [row]))
    plan = []
    used = set(taken)
    last = -1
    for name, group in groups:
        area = _area_named(name)
        figures: list[tuple[FigureDef, str]] = []
        if area is not None:
            for row in group:
                fig = _figure_of(area, row.label)
                split = _split_value(row.value, fig.unit) if fig is not None else None
                if fig is None or split is None:
                    return None
                figures.append((fig, split[0]))
            index = _best_item(name, figures, nodes, used, last)
        else:
            index = next((n for n, (item, node) in enumerate(nodes)
                          if item.id not in used and node.title == name.rstrip("。")), None)
            for n, row in enumerate(group, start=1):
                split = _split_value(row.value, None)
                if split is None:
                    return None
                figures.append((FigureDef(f"t{n}", row.label, split[1]), split[0]))
        if index is None:
            return None
        item = nodes[index][0]
        used.add(item.id)
        last = index
        plan.append((item, area, figures))
    return plan


def _best_item(name: str, figures: list[tuple[FigureDef, str]], nodes: list[tuple[Item, T.Item]],
               used: set[str], last: int) -> int | None:
    """The top-level item a work area's rows belong to (work-area items are top-level): the one whose
    text, points included, mentions most of the values in their units, then whose heading shares
    most characters with the area's name. Tables list the items in document order, so the items
    after the one of the group before are tried first."""

    def score(n: int) -> int:
        node = nodes[n][1]
        mentioned = {(f.value, f.unit) for x in (node, *node.walk()) for f in x.figures}
        hits = sum(1 for fig, value in figures if any(v == value and fig.unit.endswith(u) for v, u in mentioned))
        return 10 * hits + len(set(name) & set(node.heading))

    free = [n for n, (item, node) in enumerate(nodes) if item.id not in used and node.level == 2]
    for candidates in ([n for n in free if n > last], free):
        scored = [(score(n), -n) for n in candidates]
        best = max(scored, default=(0, 0))
        if best[0] > 0:
            return -best[1]
    return None
