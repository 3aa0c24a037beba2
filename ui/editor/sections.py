"""The editor's sections (基本信息, 导语, parts, items, points, 结束语) as plain data, no Qt.

The navigator, the forms and the character counts all read this tree, built from the genre and
the report alone, so no widget needs to know what a genre looks like.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models.api import (
    ENUM,
    ITEM_KIND,
    area_name,
    count_chars,
    number_label,
    numbering,
    one_line,
    paragraphs,
    part_title,
)

if TYPE_CHECKING:
    from models.api import Finding, Genre, Item, Level, Report

FRONT, INTRO, PART, ITEM, CLOSING = "front", "intro", "part", "item", "closing"
EMPTY, PROGRESS, COMPLETE, PROBLEM = "empty", "progress", "complete", "problem"
STATE_WORDS = {EMPTY: "还没有填写", PROGRESS: "还有内容待补", COMPLETE: "已完成", PROBLEM: "有需要修改的地方"}
TITLE_CHARS = 22  # navigator labels are cut here; the full text is in the tooltip
UNTITLED = "（未命名，请填写标题）"  # a blank section before its title is typed


@dataclass
class Section:
    key: str  # "front", "intro", "part:<key>", "item:<id>", "closing"
    kind: str
    title: str  # as the navigator shows it: 一、上半年宣传工作成效 / （一）抓实理论学习，筑牢思想根基
    number: str = ""  # printed number, "" for an empty item (it is skipped when printing)
    part: str = ""
    item_id: str = ""
    depth: int = 0  # 1 for an item, 2 for a point, 3 for a sub-point
    full_title: str = ""  # uncut, for tooltips and form headers
    children: list[Section] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.full_title = self.full_title or self.title

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def item_key(item_id: str) -> str:
    return f"item:{item_id}"


def part_key(key: str) -> str:
    return f"part:{key}"


def section_of(address: str, report: Report | None = None) -> str:
    """The section key that shows a field address (item.ab12.body -> item:ab12). With the report, an
    enumeration's or an entry's address gives the page that shows it: its item's, or its section's."""
    head, _, rest = address.partition(".")
    if head == "front":
        return FRONT
    if head in (INTRO, CLOSING):
        return head
    if head == "part":
        return part_key(rest.split(".")[0])
    if head == "item":
        item_id = rest.split(".")[0]
        item = report.find_item(item_id) if report is not None else None
        while item is not None and item.kind != ITEM_KIND:
            if item.parent is None:
                return part_key(item.part)
            item = report.find_item(item.parent)
        return item_key(item.id if item is not None else item_id)
    return ""


def enumerations(report: Report, sec: Section) -> list[Item]:
    """The enumerations (一是……二是……) a section's page edits: among its own children, in order."""
    if sec.kind == PART:
        children = report.items.get(sec.part, [])
    elif sec.kind == ITEM:
        item = report.find_item(sec.item_id)
        children = item.children if item is not None else []
    else:
        return []
    return [c for c in children if c.kind == ENUM]


def enumeration_addresses(enum: Item) -> list[str]:
    """An enumeration's text: its entries, then the paragraphs after them."""
    return [*(f"item.{e.id}.body" for e in enum.children), f"item.{enum.id}.body"]


def levels(genre: Genre, part: str) -> list[Level]:
    p = genre.part(part)
    return [s for s in (p.items, p.points, p.subpoints) if s is not None]


def child_level(genre: Genre, part: str, depth: int) -> Level | None:
    """The level of the children a section may hold (depth 0 = the part itself)."""
    styles = levels(genre, part)
    return styles[depth] if depth < len(styles) else None


def _cut(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"


def item_title(report: Report, genre: Genre, item: Item, depth: int) -> str:
    """Heading sentence, else the work area, else the first words of the body, else 新的…."""
    heading = one_line(report.get(f"item.{item.id}.heading"))
    if heading:
        return heading.rstrip("。")
    name = area_name(item.area)
    if name:
        return name
    body = paragraphs(report.get(f"item.{item.id}.body"))
    if body:
        return body[0]
    level = child_level(genre, item.part, depth - 1)
    return f"{level.label if level else '新的一条'}（待填写）"


def build_sections(report: Report, genre: Genre) -> list[Section]:
    numbers = numbering(report, genre)
    out = [Section(FRONT, FRONT, "基本信息"), Section(INTRO, INTRO, genre.intro.label)]

    def items(owner: list[Section], children: list[Item], part: str, depth: int) -> None:
        if child_level(genre, part, depth - 1) is None:
            return
        for item in children:
            if item.kind != ITEM_KIND:  # enumerations are edited on their owner's page
                continue
            number = numbers.get(item.id, "")
            title = item_title(report, genre, item, depth)
            sec = Section(item_key(item.id), ITEM, number + _cut(title), number, part, item.id, depth,
                          number + title)
            owner.append(sec)
            items(sec.children, item.children, part, depth + 1)

    for n, part in enumerate(genre.parts, start=1):
        title = number_label(1, n) + (part_title(report, genre, part.key) or UNTITLED)
        sec = Section(part_key(part.key), PART, _cut(title), number_label(1, n), part.key, full_title=title)
        items(sec.children, report.items.get(part.key, []), part.key, 1)
        out.append(sec)
    if genre.closing:
        out.append(Section(CLOSING, CLOSING, genre.closing.label))
    return out


def find_section(sections: list[Section], key: str) -> Section | None:
    for top in sections:
        for sec in top.walk():
            if sec.key == key:
                return sec
    return None


def next_section(sections: list[Section], key: str) -> Section | None:
    """The section after ``key`` in reading order (the order of the tree), None after the last one."""
    order = [sec for top in sections for sec in top.walk()]
    keys = [sec.key for sec in order]
    if key not in keys:
        return None
    index = keys.index(key) + 1
    return order[index] if index < len(order) else None


def parent_key(sections: list[Section], key: str) -> str:
    for top in sections:
        for sec in top.walk():
            if any(c.key == key for c in sec.children):
                return sec.key
    return ""


def own_addresses(report: Report, genre: Genre, sec: Section) -> list[str]:
    """The fields a section's own form edits (not those of its children)."""
    if sec.kind == FRONT:
        return [f"front.{f.key}" for f in genre.front]
    if sec.kind in (INTRO, CLOSING):
        return [sec.kind]
    enums = [a for enum in enumerations(report, sec) for a in enumeration_addresses(enum)]
    if sec.kind == PART:
        return [f"part.{sec.part}.title", f"part.{sec.part}.lead", *enums]
    item = report.find_item(sec.item_id)
    figs = [f"item.{sec.item_id}.fig.{f.key}" for f in item.figures] if item else []
    return [f"item.{sec.item_id}.heading", f"item.{sec.item_id}.body", *enums, *figs]


def text_addresses(report: Report, genre: Genre, sec: Section) -> list[str]:
    """The prose fields counted as 字数 in a section and everything under it."""
    out: list[str] = []
    for s in sec.walk():
        if s.kind in (INTRO, CLOSING):
            out.append(s.kind)
        elif s.kind == PART:
            out.append(f"part.{s.part}.lead")
        elif s.kind == ITEM:
            out += [f"item.{s.item_id}.heading", f"item.{s.item_id}.body"]
        out += [a for enum in enumerations(report, s) for a in enumeration_addresses(enum)]
    return out


def is_wrong(report: Report, finding: Finding) -> bool:
    """True when the finding is about text that is written but wrong (a blank XX, a bad figure),
    False when something is simply not written yet."""
    return bool(report.get(finding.address).strip()) and not finding.message.startswith("至少需要写")


def section_states(report: Report, genre: Genre, sections: list[Section], findings: list[Finding]) -> dict[str, str]:
    """State of every section, aggregated over its children.

    A finding on a field that holds text (a leftover XX, a bad figure) is a problem; a finding on
    an empty field only means the section is not finished yet.
    """
    problem: set[str] = set()
    missing: set[str] = set()
    for f in findings:
        (problem if is_wrong(report, f) else missing).add(section_of(f.address, report))
    states: dict[str, str] = {}

    def visit(sec: Section) -> tuple[bool, bool, bool]:
        own = own_addresses(report, genre, sec)
        if sec.kind == PART:
            own = own[1:]  # a part title is optional (the genre gives one)
        content = any(report.get(a).strip() for a in own)
        bad, todo = sec.key in problem, sec.key in missing
        for child in sec.children:
            c, b, t = visit(child)
            content, bad, todo = content or c, bad or b, todo or t
        states[sec.key] = PROBLEM if bad else EMPTY if not content else PROGRESS if todo else COMPLETE
        return content, bad, todo

    for top in sections:
        visit(top)
    return states


class CharCounter:
    """字数 per field, cached so a keystroke recounts one field, not the whole report."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self._cache: dict[str, int] = {}

    def invalidate(self, address: str) -> None:
        self._cache.pop(address, None)

    def count(self, address: str) -> int:
        if address not in self._cache:
            self._cache[address] = count_chars(self.report.get(address))
        return self._cache[address]

    def section(self, report: Report, genre: Genre, sec: Section) -> int:
        return sum(self.count(a) for a in text_addresses(report, genre, sec))

    def total(self, report: Report, genre: Genre, sections: list[Section]) -> int:
        return sum(self.section(report, genre, s) for s in sections if s.kind != FRONT)


def suggested(genre: Genre, sec: Section) -> tuple[int, int] | None:
    if sec.kind == INTRO:
        return genre.intro.suggested
    if sec.kind == CLOSING and genre.closing:
        return genre.closing.suggested
    if sec.kind == PART:
        return genre.part(sec.part).guide.suggested
    return None


def count_line(section_chars: int, section_range: tuple[int, int] | None, total: int,
               total_range: tuple[int, int] | None, *, show_section: bool = True) -> str:
    """本节 320 字（建议 600–1500）· 全文 2,850 字（建议 2,500–5,000）"""

    def one(label: str, n: int, rng: tuple[int, int] | None) -> str:
        hint = f"（建议 {rng[0]:,}–{rng[1]:,}）" if rng else ""
        return f"{label} {n:,} 字{hint}"

    parts = [one("本节", section_chars, section_range)] if show_section else []
    parts.append(one("全文", total, total_range))
    return " · ".join(parts)
