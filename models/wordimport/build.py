"""The file's lines and tables (docxread) → the neutral tree (tree), in three passes:
the front (title, speaker line, salutation), the back (落款, closing, what trails the 落款), and the
body between them, where headings open sections and items on a stack."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from models.wordimport import classify as C
from models.wordimport.docxread import Line
from models.wordimport.docxread import Table as RawTable
from models.wordimport.tree import (
    Attachment,
    Block,
    Document,
    EnumEntry,
    Enumeration,
    Item,
    Node,
    Paragraph,
    Section,
    Table,
    Unclassified,
)

MAX_DEPTH = 4  # 一、（一）1.（1）: deeper numbers stay in the body text
# GB/T 9704 attachments: "附件：主要数据一览" under the body, "附件" / "附件2" heading each one after the 落款
ATTACHMENT_NOTE = re.compile(r"^附件\s*\d*[:：]")
ATTACHMENT_LABEL = re.compile(r"^附件\s*\d*$")
_GENRE_WORDS = ("总结", "讲话", "计划", "安排", "思路", "报告", "汇报", "要点", "发言", "打算")


def full_text(line: Line) -> str:
    return f"{line.number}{line.text}" if line.number else line.text


class Builder:
    def __init__(self, blocks: Sequence[Line | RawTable], genres: tuple[C.GenreInfo, ...] = ()) -> None:
        self.blocks = list(blocks)
        self.genres = genres
        self.doc = Document()
        self.stack: list[tuple[Node, float, bool]] = []  # (node, order, emphasised heading)
        self._open_enum: tuple[Enumeration, C.Ordinal, list[Block]] | None = None
        self._caption: tuple[list[Block], Paragraph] | None = None

    # ------------------------------------------------------------ passes

    def build(self) -> Document:
        start = self.front()
        end, trailing = self.back(start)
        while end > start and isinstance(self.blocks[end - 1], Line) and ATTACHMENT_NOTE.match(
                full_text(self.blocks[end - 1])):
            end -= 1
            self.doc.attachment_notes.insert(0, full_text(self.blocks[end]))
        closing_at = self.closing_start(start, end)
        for block in self.blocks[start:closing_at]:
            self.body_block(block)
        self.stack.clear()
        self._end_run()
        for block in self.blocks[closing_at:end]:
            text = full_text(block) if isinstance(block, Line) else ""
            if isinstance(block, RawTable):
                self.doc.closing.append(Table(block.rows, C.is_figure_table(block.rows)))
            else:
                self.doc.closing.append(Paragraph(text))
        if trailing and isinstance(trailing[0], Line) and ATTACHMENT_LABEL.match(full_text(trailing[0])):
            self.attachments(trailing)
        else:
            for block in trailing:
                self.place_unclassified(block)
        self.finish()
        return self.doc

    def attachments(self, blocks: list[Line | RawTable]) -> None:
        """What follows the 落款 when it starts with 附件: one Attachment per label line."""
        for n, block in enumerate(blocks):
            if isinstance(block, RawTable):
                caption = self.doc.attachments[-1].body
                title = caption.pop().text if caption and isinstance(caption[-1], Paragraph) and n and \
                    isinstance(blocks[n - 1], Line) else ""
                caption.append(Table(block.rows, C.is_figure_table(block.rows), title))
            elif ATTACHMENT_LABEL.match(full_text(block)):
                self.doc.attachments.append(Attachment(full_text(block)))
            else:
                self.doc.attachments[-1].body.append(Paragraph(full_text(block)))

    def front(self) -> int:
        doc, n, blocks = self.doc, 0, self.blocks
        lines: list[Line] = []
        while n < len(blocks) and len(lines) < 3:
            block = blocks[n]
            if not isinstance(block, Line) or not self._title_like(block, lines):
                break
            lines.append(block)
            n += 1
        doc.title_lines = [full_text(x) for x in lines]
        while n < len(blocks) and isinstance(blocks[n], Line):
            text = full_text(blocks[n])
            speaker = C.speaker_line(text)
            if speaker is None and lines and not doc.speaker and (iso := C.date_only(text)):
                speaker = C.Speaker("", iso, text)
            if speaker and not doc.speaker and not doc.salutation:
                doc.speaker = speaker
            elif C.is_salutation(text) and not doc.salutation:
                doc.salutation = text
            else:
                break
            n += 1
        return n

    def _title_like(self, line: Line, before: list[Line]) -> bool:
        text = full_text(line)
        if (len(text) > C.TITLE_MAX or C.numbered(text) or C.speaker_line(text) or C.is_salutation(text)
                or C.date_only(text) or any(p in text for p in "。；;！!？?：:")
                or (line.heading_level and not line.title_style) or C.leading_ordinal(text)):
            return False
        if not before or text.startswith("——"):
            return True
        first = before[0]
        same_look = (line.align == first.align == "center") or (line.title_style and first.title_style) or (
            line.style == first.style and line.style not in ("", "Normal", "正文"))
        unfinished = not any(w in "".join(full_text(x) for x in before) for w in _GENRE_WORDS)
        return same_look or unfinished

    def back(self, start: int) -> tuple[int, list[Line | RawTable]]:
        """Find the 落款 (unit, date) among the last lines; what follows it is returned as trailing."""
        blocks, doc = self.blocks, self.doc
        last_line = max((n for n, b in enumerate(blocks) if isinstance(b, Line)), default=-1)
        for n in range(len(blocks) - 1, max(start - 1, len(blocks) - 8), -1):
            block = blocks[n]
            if not isinstance(block, Line):
                continue
            text = full_text(block)
            first, unit, date_text = n, "", text
            iso = C.date_only(text)
            if iso is None:
                iso, unit = self._unit_and_date(text)
                date_text = text[text.find(unit) + len(unit):].strip(C.SPACES) if iso else text
            elif n - 1 >= start and isinstance(blocks[n - 1], Line) and self._unit_like(blocks[n - 1]):
                unit, first = full_text(blocks[n - 1]), n - 1
            if iso is None:
                continue
            if not unit and n != last_line and not (block.align == "right" or block.right_indent):
                continue  # a date alone in the middle of the text is not a 落款
            doc.sign_unit, doc.sign_date, doc.sign_date_text = unit, iso, date_text
            return first, blocks[n + 1:]
        return len(blocks), []

    def _unit_and_date(self, text: str) -> tuple[str | None, str]:
        """"示例镇党委    2024年7月5日" on one line."""
        probe = text.strip(C.SPACES)
        for cut in range(len(probe) - 1, 0, -1):
            if probe[cut] in C.SPACES and (iso := C.date_only(probe[cut:])):
                unit = probe[:cut].strip(C.SPACES)
                if 0 < len(unit) <= 30 and not any(p in unit for p in "。；，,"):
                    return iso, unit
                return None, ""
        return None, ""

    def _unit_like(self, line: Line) -> bool:
        text = full_text(line)
        return (0 < len(text) <= 30 and not C.numbered(text) and not any(p in text for p in "。；;，,：:！!？?")
                and not (line.heading_level and line.heading_level <= 4 and not line.right_indent
                         and line.align != "right"))

    def closing_start(self, start: int, end: int) -> int:
        """The closing (结束语) begins at the first "同志们，" / "总之，" paragraph after the last heading."""
        last_heading = start
        for n in range(start, end):
            block = self.blocks[n]
            if isinstance(block, Line) and (C.numbered(full_text(block)) or block.heading_level):
                last_heading = n
        if last_heading == start and not any(isinstance(b, Line) and C.numbered(full_text(b))
                                             for b in self.blocks[start:end]):
            return end
        for n in range(last_heading + 1, end):
            block = self.blocks[n]
            if isinstance(block, Line) and C.is_closing_start(full_text(block)):
                return n
        return end

    # ------------------------------------------------------------ the body

    def container(self) -> list[Block]:
        return self.stack[-1][0].body if self.stack else self.doc.intro

    def body_block(self, block: Line | RawTable) -> None:
        if isinstance(block, RawTable):
            self.table(block)
            return
        text = full_text(block)
        nb = C.numbered(text)
        order: float | None = None
        emphasised = False
        rest, rank = text, 0
        if nb is not None:
            order, rest, rank = float(nb.rank), nb.rest, nb.rank
        elif block.heading_level and block.heading_level <= MAX_DEPTH and not block.title_style:
            order = float(block.heading_level)
        elif not C.leading_ordinal(text) and 0 < block.emphasis <= C.HEADING_MAX + 10 \
                and text[block.emphasis - 1] in "。！!：:" and self.stack:
            top = self.stack[-1]
            order, emphasised = (top[1] if top[2] else top[1] + 0.5), True
        if order is not None and self.heading(block, order, rank, nb.number if nb else "", rest, emphasised):
            return
        self.paragraph(text)

    def heading(self, line: Line, order: float, rank: int, number: str, rest: str, emphasised: bool) -> bool:
        offset = len(line.text) - len(rest)
        emphasis = max(0, line.emphasis - offset) if line.emphasis else 0
        if order <= 1:
            self._end_run()
            title, body, form = C.split_heading(rest, emphasis)
            if form == "run_in" and not title:  # a long numbered sentence at level 1: all of it is the title
                title, body = rest, ""
            section = Section(number=number, heading=title)
            self.doc.sections.append(section)
            self.stack = [(section, 1.0, False)]
            if body:
                self.inline(section, body)
            return True
        if not self.stack:
            section = Section(number="", heading="", implicit=True)
            self.doc.sections.append(section)
            self.stack = [(section, 1.0, False)]
        while len(self.stack) > 1 and self.stack[-1][1] >= order:
            self.stack.pop()
        depth = len(self.stack) + 1
        if depth > MAX_DEPTH:
            return False
        self._end_run()
        heading, body, form = C.split_heading(rest, emphasis)
        item = Item(number=number, heading=heading, level=depth, form=form, rank=rank)
        self.stack[-1][0].children.append(item)
        self.stack.append((item, order, emphasised))
        if body:
            self.inline(item, body)
        return True

    def inline(self, node: Node, text: str) -> None:
        """The body text that shares the heading's paragraph."""
        rt = C.run_together(text)
        if rt:
            lead, entries = rt
            node.body.append(Enumeration(_family(entries[0][0]), [EnumEntry(o, t) for o, t in entries], True, lead))
        else:
            node.body.append(Paragraph(text))

    def paragraph(self, text: str) -> None:
        body = self.container()
        rt = C.run_together(text)
        if rt:
            self._end_run()
            lead, entries = rt
            body.append(Enumeration(_family(entries[0][0]), [EnumEntry(o, t) for o, t in entries], True, lead))
            return
        ordinal = C.leading_ordinal(text)
        if ordinal is not None:
            entry = EnumEntry(ordinal.text, text[ordinal.end:].strip(C.SPACES))
            if self._open_enum and self._open_enum[2] is body and C.follows(self._open_enum[1], ordinal):
                enum = self._open_enum[0]
                enum.entries.append(entry)
                self._open_enum = (enum, ordinal, body)
                return
            if ordinal.index == 1:
                self._end_run()
                enum = Enumeration(ordinal.family, [entry], False)
                body.append(enum)
                self._open_enum = (enum, ordinal, body)
                return
        self._end_run()
        para = Paragraph(text)
        body.append(para)
        if C.looks_like_lost_heading(text):
            para.unclassified = True
            self.doc.unclassified.append(Unclassified(text, self.where()))
            self._caption = (body, para)

    def table(self, raw: RawTable) -> None:
        body = self.container()
        self._end_run(keep_caption=True)
        table = Table(raw.rows, C.is_figure_table(raw.rows))
        if self._caption and self._caption[0] is body and body and body[-1] is self._caption[1]:
            caption = body.pop()
            table.title = caption.text
            self.doc.unclassified = [u for u in self.doc.unclassified if u.text != caption.text]
        self._caption = None
        body.append(table)

    def _end_run(self, keep_caption: bool = False) -> None:
        """A block other than the next entry closes an enumeration; a lone 一是 stays a paragraph."""
        if self._open_enum:
            enum, _, body = self._open_enum
            if len(enum.entries) == 1 and body and body[-1] is enum:
                body[-1] = Paragraph(enum.entries[0].ordinal + enum.entries[0].text)
        self._open_enum = None
        if not keep_caption:
            self._caption = None

    def where(self) -> str:
        if not self.stack:
            return "导语"
        node = self.stack[-1][0]
        label = f"{node.number}{node.title}" or "未命名部分"
        return f"“{label}”的正文"

    def place_unclassified(self, block: Line | RawTable) -> None:
        """What trails the 落款 goes to the end of the last section (nothing is dropped)."""
        node: Node | None = self.doc.sections[-1] if self.doc.sections else None
        while node is not None and node.children:
            node = node.children[-1]
        body = node.body if node is not None else self.doc.intro
        where = f"“{node.number}{node.title}”的正文末尾" if node is not None else "导语末尾"
        if isinstance(block, RawTable):
            body.append(Table(block.rows, C.is_figure_table(block.rows)))
            text = " ".join(c for r in block.rows for c in r if c)
        else:
            text = full_text(block)
            body.append(Paragraph(text, unclassified=True))
        self.doc.unclassified.append(Unclassified(text, where))

    # ------------------------------------------------------------ finishing

    def finish(self) -> None:
        doc = self.doc
        year = None
        for iso in (doc.sign_date, doc.speaker.date if doc.speaker else ""):
            if iso:
                year = int(iso[:4])
                break
        info = C.recognise_title("".join(doc.title_lines), self.genres, year) if doc.title_lines else C.TitleInfo("")
        if not info.unit and doc.sign_unit and info.genre != "speech":
            info = dataclasses.replace(info, unit=doc.sign_unit)
        doc.title = info
        for section in doc.sections:
            for node in (section, *section.walk()):
                node.figures = [f for block in node.body if not isinstance(block, Table)
                                for text in block.texts() for f in C.figures(text)]


def _family(ordinal: str) -> str:
    if ordinal.startswith("第"):
        return "第"
    if ordinal in ("首先", "其次", "再次", "然后", "最后"):
        return "序"
    return ordinal[-1]
