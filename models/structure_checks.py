"""Findings about the report's structure (called from models.checks.run_checks).

- a section without a title (it prints without a heading and takes no number), or a new blank
  section with nothing in it (it prints nothing);
- an enumeration without entries, an empty entry, more entries than the ordinals read well with
  (首先……最后 up to four, 一方面……另一方面 two), or a single entry (a lone 一是 promises a 二是);
- numbering typed at the start of a heading or an entry ("（一）", "(1)", "一是"): it never reaches
  print, but the stored text differs from what prints; ``numbering_fix`` gives the one-click fix.

A missing genre part is never a finding: the sections are the officer's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models import numbering, outline, structure
from models.blanks import find_blanks
from models.findings import ERROR, MISSING, STYLE, WARNING, Finding
from models.report import ENTRY, ENUM

if TYPE_CHECKING:
    from models.genres import Genre
    from models.report import Item, Report


def numbering_fix(report: Report, address: str) -> str | None:
    """The text of a heading or entry with its typed numbering removed, or None when it has none."""
    if not structure.is_numbered_text(report, address):
        return None
    stripped, removed = numbering.strip_numbering(report.get(address))
    return stripped if removed else None


def findings(report: Report, genre: Genre) -> list[Finding]:
    genre = structure.shape(report, genre)
    numbers = outline.part_numbers(report, genre)
    item_numbers = outline.numbering(report, genre)
    out: list[Finding] = []

    def typed(address: str, label: str, what: str = "编号", printed: str = "", of: str = "这一部分") -> None:
        text = report.get(address)
        if what == "编号" and numbering.only_numbering(text):
            shown = f"，会打印成“{printed}{text.strip()}”" if printed else ""
            out.append(Finding(address, label, f"标题只有编号“{text.strip()}”{shown}：编号由程序自动生成，"
                                               f"请把它换成{of}的标题文字", ERROR,
                               rule="numbering_only"))
            return
        rest, removed = numbering.strip_numbering(text)
        if removed:
            # the span is the typed prefix, so 修正 (fix "") leaves exactly what numbering_fix gives
            end = len(text) - len(rest) if text.endswith(rest) else -1
            out.append(Finding(address, label, f"开头手工输入了{what}“{removed}”：{what}由程序自动生成，"
                                               "打印时不会重复；可以一键去掉", WARNING, 0 if end > 0 else -1, end,
                               STYLE, "numbering", "" if end > 0 else numbering_fix(report, address)))

    def blanks(address: str, label: str) -> None:
        for start, end, blank in find_blanks(report.get(address)):
            out.append(Finding(address, label, f"有未填写的占位符“{blank}”", ERROR, start, end, rule="blank"))

    def enumeration(enum: Item, label: str) -> None:
        where = f"{label} › 列举"
        written = [e for e in enum.children if report.get(f"item.{e.id}.body").strip()]
        if not written:
            out.append(Finding(f"item.{enum.id}.body", where, "这个列举还没有内容，不会打印；不需要可删除", WARNING,
                               kind=MISSING, rule="empty_enum"))
            return
        if len(written) == 1:  # an ordinal promises a second entry: 一是 alone reads as if the rest were lost
            first = numbering.ordinal(enum.style, 1, 1).rstrip("，,")
            out.append(Finding(f"item.{written[0].id}.body", where,
                               f"列举只有一项“{first}”，读起来缺了下文：再加一项，或取消列举改成普通段落", WARNING,
                               kind=STYLE, rule="lone_entry"))
        limit = numbering.style_limit(enum.style)
        if limit is not None and len(written) > limit:
            out.append(Finding(f"item.{written[0].id}.body", where,
                               f"“{numbering.STYLE_NAMES[enum.style]}”适合{limit}项以内，现在有{len(written)}项；"
                               "建议改用“一是、二是、三是”", WARNING, kind=STYLE, rule="enum_limit"))
        for n, entry in enumerate(enum.children, start=1):
            address = f"item.{entry.id}.body"
            if not report.get(address).strip():
                out.append(Finding(address, f"{where} › 第{n}项", "这一项还没有填写，不会打印；不需要可删除", WARNING,
                                   kind=MISSING, rule="empty_entry"))
                continue
            typed(address, f"{where} › 第{n}项", "序号")
            blanks(address, f"{where} › 第{n}项")
        blanks(f"item.{enum.id}.body", where)

    for n, part in enumerate(genre.parts, start=1):
        title = outline.section_heading(report, genre, part.key)
        label = f"{numbers.get(part.key, '')}{title}" if title else f"第{n}个部分（未命名）"
        address = f"part.{part.key}.title"
        if not title and outline.has_content(report, part.key):
            out.append(Finding(address, label, "这一部分还没有标题：没有标题的部分不编号，内容会接在上一部分后面打印",
                               rule="untitled_section"))
        elif not title:
            out.append(Finding(address, label, "这一部分还没有标题和内容，不会打印；不需要可删除", WARNING,
                               kind=MISSING, rule="empty_section"))
        typed(address, label, printed=numbers.get(part.key, ""))
        for item in report.items.get(part.key, []):
            for node in item.walk():
                if node.kind == ENUM:
                    enumeration(node, label)
                elif node.kind != ENTRY and report.get(f"item.{node.id}.heading").strip():
                    # the item's printed number, so the officer finds which heading is meant
                    typed(f"item.{node.id}.heading", f"{label} › {item_numbers.get(node.id, '')}".rstrip(" ›"),
                          printed=item_numbers.get(node.id, ""), of="这一条")
    return out
