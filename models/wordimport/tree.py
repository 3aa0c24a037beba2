"""The neutral document tree an imported .docx becomes (plain dataclasses, no report model).

Block kinds inside a body, in file order: ``Paragraph``, ``Enumeration``, ``Table``.
Headings: ``Section`` (level 1) holds ``Item``s (levels 2–4, nested). A node's ``body`` holds what
comes after its heading and before its first child: for a node with children that is its lead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from models.wordimport.classify import Figure, Speaker, TitleInfo


@dataclass
class Paragraph:
    text: str
    unclassified: bool = False  # could not be given a role; kept here, listed in the summary

    def texts(self) -> Iterator[str]:
        yield self.text


@dataclass
class EnumEntry:
    ordinal: str  # as written: 一是, 第二, 首先
    text: str  # the entry after its ordinal


@dataclass
class Enumeration:
    """一是…二是… (or 第一/第二…, 首先/其次…): each entry its own paragraph, or run together in one
    paragraph after a ``lead`` ("重点抓了三件事：")."""

    family: str  # "是", "要", "第", "序"
    entries: list[EnumEntry]
    run_together: bool
    lead: str = ""

    def texts(self) -> Iterator[str]:
        if self.run_together:
            yield self.lead + "".join(e.ordinal + e.text for e in self.entries)
        else:
            for e in self.entries:
                yield f"{e.ordinal}{e.text}"


@dataclass
class Table:
    rows: list[list[str]]
    figure_table: bool  # a label column and numeric columns
    title: str = ""  # the caption line just before it ("主要数据一览"), when there was one

    def texts(self) -> Iterator[str]:
        if self.title:
            yield self.title
        for row in self.rows:
            yield from (cell for cell in row if cell)


Block = Paragraph | Enumeration | Table


@dataclass
class Node:
    number: str  # as printed in the file ("一、", "（二）", "1."), "" when it had none
    heading: str  # heading text without the number; a run-in heading keeps its 。
    body: list[Block] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)  # suggested, read from the body text

    @property
    def lead(self) -> list[Block]:
        """The body before the first child, when there are children (a 导语 of the section/item)."""
        return self.body if self.children else []

    @property
    def title(self) -> str:
        """The heading without its closing punctuation (what a report stores)."""
        return self.heading.rstrip("。.！!？?：:；;")

    def walk(self) -> Iterator[Item]:
        for child in self.children:
            yield child
            yield from child.walk()


@dataclass
class Item(Node):
    level: int = 2  # depth in the tree: 2 （一）, 3 1., 4 （1）
    form: str = "run_in"  # "run_in": heading sentence and body in one paragraph; "own_line"
    rank: int = 0  # the numbering style the file used (1 一、 2 （一） 3 1. 4 （1） 5 ①; 0 none)


@dataclass
class Section(Node):
    """A level-1 section (一、…). ``implicit`` when items came before any level-1 heading."""

    implicit: bool = False


@dataclass
class Attachment:
    """An attachment after the 落款 (GB/T 9704 附件): its label line (附件, 附件2) and what follows it;
    a line just before a table is the table's title."""

    label: str
    body: list[Block] = field(default_factory=list)


@dataclass
class Unclassified:
    text: str
    placed_in: str  # where it was put, as the officer reads it: “二、存在的短板”的正文


@dataclass
class Document:
    title_lines: list[str] = field(default_factory=list)
    title: TitleInfo = field(default_factory=lambda: TitleInfo(""))
    speaker: Speaker | None = None
    salutation: str = ""
    intro: list[Block] = field(default_factory=list)  # 导语 (everything before the first section)
    sections: list[Section] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    sign_unit: str = ""
    sign_date: str = ""  # ISO, 2024-07-05
    sign_date_text: str = ""  # as typed, 2024年07月05日
    attachment_notes: list[str] = field(default_factory=list)  # 附件：主要数据一览, under the body (附件说明)
    attachments: list[Attachment] = field(default_factory=list)
    unclassified: list[Unclassified] = field(default_factory=list)

    def items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.walk()

    def enumerations(self) -> Iterator[Enumeration]:
        yield from (b for b in self.blocks() if isinstance(b, Enumeration))

    def tables(self) -> Iterator[Table]:
        yield from (b for b in self.blocks() if isinstance(b, Table))

    def blocks(self) -> Iterator[Block]:
        yield from self.intro
        for section in self.sections:
            yield from section.body
            for item in section.walk():
                yield from item.body
        yield from self.closing
        for attachment in self.attachments:
            yield from attachment.body

    def lines(self) -> Iterator[str]:
        """Every text of the tree, in order, as printed (numbers included)."""
        yield from self.title_lines
        if self.speaker:
            yield self.speaker.text
        if self.salutation:
            yield self.salutation
        for block in self.intro:
            yield from block.texts()
        for section in self.sections:
            yield from _node_lines(section)
        for block in self.closing:
            yield from block.texts()
        yield from self.attachment_notes
        if self.sign_unit:
            yield self.sign_unit
        if self.sign_date_text:
            yield self.sign_date_text
        for attachment in self.attachments:
            yield attachment.label
            for block in attachment.body:
                yield from block.texts()


def _node_lines(node: Node) -> Iterator[str]:
    head = f"{node.number}{node.heading}"
    body = list(node.body)
    if isinstance(node, Item) and node.form == "run_in" and body and isinstance(body[0], Paragraph):
        yield head + body[0].text
        body = body[1:]
    elif head:
        yield head
    for block in body:
        yield from block.texts()
    for child in node.children:
        yield from _node_lines(child)
