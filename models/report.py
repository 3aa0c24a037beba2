"""The report: values stored per field address, and the tree of items under each part.

Field addresses are stable strings the checks, the UI and the store share:

    front.<key>            unit, period, author, date, meeting, speaker, title (override)
    intro                  导语
    closing                结束语
    part.<key>.title       the officer's edit of a part heading (empty = the genre default)
    part.<key>.lead        paragraph under a part heading, before its items
    item.<id>.heading      heading sentence of an item / point / sub-point
    item.<id>.body         its text (a newline starts a new paragraph)
    item.<id>.fig.<key>    one figure of an item

Item ids are short random strings, unique within a report, so moving an item never changes the
address of its text: numbering is generated at output time only.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

MAX_DEPTH = 3  # item (二级) → point (三级) → sub-point (四级)


@dataclass(frozen=True)
class FigureDef:
    key: str
    label: str
    unit: str = ""


@dataclass
class Item:
    id: str
    part: str
    parent: str | None = None
    area: str | None = None
    figures: list[FigureDef] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Report:
    genre_id: str
    genre_version: int
    values: dict[str, str] = field(default_factory=dict)
    items: dict[str, list[Item]] = field(default_factory=dict)  # part key -> top-level items
    id: int | None = None
    created: str = ""
    updated: str = ""
    deleted: str | None = None

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
        """1 for an item (二级), 2 for a point, 3 for a sub-point."""
        d = 1
        while item.parent:
            parent = self.find_item(item.parent)
            if parent is None:
                break
            item, d = parent, d + 1
        return d

    def new_item_id(self) -> str:
        taken = {i.id for i in self.all_items()}
        while True:
            candidate = secrets.token_hex(4)
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
