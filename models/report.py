"""The report: values stored per field address, and the tree of items under each part.

Field addresses are stable strings the checks, the UI and the store share:

    front.<key>            unit, period, author, date, meeting, speaker, title (override)
    intro                  导语
    closing                结束语
    part.<key>.title       the title of a level-1 section (empty = the default of the genre part it came from)
    part.<key>.lead        paragraph(s) under a section heading, before its items
    item.<id>.heading      heading sentence of an item / point / sub-point
    item.<id>.body         its text (a newline starts a new paragraph); printed before its children,
                           so it is the item's lead; for an enumeration entry, the entry's text
    item.<id>.fig.<key>    one figure of an item

Item ids are short random strings, unique within a report, so moving an item never changes the
address of its text: numbering is generated at output time only.

The level-1 sections (一、) are the report's own: ``Report.sections`` lists them in order, each
with a key (the ``<key>`` of the addresses above, and ``Item.part`` of its items) and the genre part
it came from, if any (for guidance, default title, item levels, figures). ``sections`` is None for
a report that never changed its structure: it then has the genre's parts, exactly as before
sections existed (see models/structure.py).

An enumeration (一是……二是……) is an item of kind ``enum`` among the children of a section or an
item; its children are items of kind ``entry`` whose ``item.<id>.body`` is the entry text. Its
ordinals are generated like the headings' numbers, so the officer never types them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from models.genres import Genre

MAX_DEPTH = 3  # item (二级) → point (三级) → sub-point (四级)

# Item kinds
ITEM, ENUM, ENTRY = "item", "enum", "entry"
# Enumeration ordinal styles (models/numbering.py) and layouts
ENUM_STYLES = ("shi", "yao", "di", "seq", "fangmian")  # 一是 · 一要 · 第一， · 首先，其次， · 一方面，另一方面，
ENUM_LAYOUTS = ("own_line", "run_in")  # each entry its own paragraph · all entries run together in one
# Heading forms of levels 2 and 3 (level 1 always stands on its own line)
HEADING_FORMS = ("run_in", "own_line")
FORM_LEVELS = (2, 3)


@dataclass(frozen=True)
class FigureDef:
    key: str
    label: str
    unit: str = ""


@dataclass
class Section:
    """One level-1 section of a report: its address key, and the genre part it came from (or None)."""

    key: str
    part: str | None = None


@dataclass
class Item:
    id: str
    part: str  # the key of the section it is in
    parent: str | None = None
    area: str | None = None
    figures: list[FigureDef] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    kind: str = ITEM  # ITEM, ENUM (an enumeration) or ENTRY (one entry of an enumeration)
    style: str = ""  # ENUM: one of ENUM_STYLES
    layout: str = ""  # ENUM: one of ENUM_LAYOUTS

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Report:
    genre_id: str
    genre_version: int
    values: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)  # section key -> top-level items
    id: int | None = None
    created: str = ""
    updated: str = ""
    deleted: str | None = None
    sections: list[Section] | None = None  # None: the genre's parts, as before sections existed
    heading_forms: dict[int, str] = field(default_factory=dict)  # level 2/3 -> HEADING_FORMS; absent: genre's
    # a unit template read with the report from a package, not (yet) stored on this PC; never stored itself
    template: Genre | None = field(default=None, compare=False, repr=False)

    def get(self, address: str) -> str:
        return self.values.get(address, "")

    def all_items(self) -> Iterator[Item]:
        for items in self.items.values():
            for item in items:
                yield from item.walk()

    def find_item(self, item_id: str) -> Item | None:
        return next((i for i in self.all_items() if i.id == item_id), None)

    def siblings(self, item: Item) -> list[Item]:
        if item.parent:
            parent = self.find_item(item.parent)
            assert parent is not None
            return parent.children
        return self.items.setdefault(item.part, [])

    def depth(self, item: Item) -> int:
        """1 for an item (二级), 2 for a point, 3 for a sub-point; an enumeration is no level of its own."""
        d = 1
        while item.parent:
            parent = self.find_item(item.parent)
            if parent is None:
                break
            if parent.kind == ITEM:
                d += 1
            item = parent
        return d

    def new_item_id(self) -> str:
        taken = {i.id for i in self.all_items()}
        while True:
            candidate = secrets.token_hex(4)
            if candidate not in taken:
                return candidate

    def new_section_key(self) -> str:
        """A key no section and no item list uses (an identifier: it is part of field addresses)."""
        taken = set(self.items) | {s.key for s in self.sections or []}
        while True:
            candidate = f"s{secrets.token_hex(4)}"
            if candidate not in taken:
                return candidate


def item_address(item_id: str, name: str) -> str:
    return f"item.{item_id}.{name}"


def figure_address(item_id: str, key: str) -> str:
    return f"item.{item_id}.fig.{key}"


def part_address(part_key: str, name: str) -> str:
    return f"part.{part_key}.{name}"


def front_address(key: str) -> str:
    return f"front.{key}"
