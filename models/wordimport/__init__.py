"""Reading a Word file (.docx) an officer already has into a neutral document tree.

Qt-free and independent of the stored report: ``read_docx`` returns plain dataclasses that a
small adapter maps onto the report model. Nothing is written anywhere while reading.

    from models.wordimport import read_docx, WordImportError
    try:
        result = read_docx("上半年总结.docx")          # a path, or bytes with name=
    except WordImportError as exc:
        show(str(exc))                                  # Chinese: what happened and what to do
    doc, summary = result.document, result.summary
    summary.text()   # 识别出标题“…”（单位：示例镇；期间：2024年上半年；体裁：半年工作总结）；导语1段；3个一级标题、…

The tree (``models.wordimport.tree``)::

    Document
      title_lines: list[str]            the title as printed, one entry per line
      title: TitleInfo                  text, unit, period (2024H1/2024H2/2024/2024Q3), genre (id guess),
                                        genre_name, exact (title matches the genre's pattern), meeting (speech)
      speaker: Speaker | None           "张三同志（2024年7月5日）" → name, date (ISO), text; also a lone
                                        date line under the title (name "")
      salutation: str                   "同志们："
      intro: list[Block]                导语: everything between the front and the first section
      sections: list[Section]           level 1, in file order
      closing: list[Block]              结束语: from "同志们，" / "总之，" after the last heading
      sign_unit, sign_date, sign_date_text   落款; sign_date ISO ("2024年07月05日" → "2024-07-05")
      unclassified: list[Unclassified]  text, placed_in — these paragraphs are ALSO in the tree
      items() / blocks() / enumerations() / tables() / lines()   walks; lines() is the printed text

    Section(Node): implicit=True when items came before any level-1 heading
    Item(Node):    level (tree depth 2–4), form ("run_in" | "own_line"), rank (numbering the file used:
                   1 一、 2 （一） 3 1. 4 （1） 5 ①, 0 none)
    Node:          number (as printed, "" if none), heading (without number; a run-in heading keeps
                   its 。), title (heading without end punctuation), body: list[Block] (after the
                   heading, before the first child; ``lead`` is the same list when there are
                   children), children: list[Item], figures: list[Figure] (label, value as typed,
                   unit, text) read from the body
    Block:         Paragraph(text, unclassified) | Enumeration(family 是/要/第/序, entries
                   [EnumEntry(ordinal, text)], run_together, lead) | Table(rows, figure_table, title)

For a run-in item the first body block is the text that shared the heading's paragraph. Content
after a node's last child belongs to that child (as in the file). Tables stay where they were.

Modules: safety (what the file is, bounded reads, XML without DTDs), numbering (Word automatic
numbering), docxread (document.xml → lines and tables), classify (what a line of text is),
build (lines → tree), tree (the dataclasses), summary (the Chinese import summary).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from models.wordimport import safety
from models.wordimport.build import Builder
from models.wordimport.classify import GenreInfo
from models.wordimport.docxread import Reader, Styles
from models.wordimport.numbering import Numbering
from models.wordimport.safety import WordImportError
from models.wordimport.summary import ImportSummary
from models.wordimport.tree import Document

__all__ = ["Document", "GenreInfo", "ImportResult", "ImportSummary", "WordImportError", "read_docx"]


@dataclass(frozen=True)
class ImportResult:
    document: Document
    summary: ImportSummary


@functools.cache
def shipped_genres() -> tuple[GenreInfo, ...]:
    """The genres in resources/templates, as far as title recognition needs them."""
    from models.genres import GenreLibrary

    return tuple(GenreInfo(g.id, g.name, g.title, tuple(g.periods), g.kind) for g in GenreLibrary().latest())


def read_docx(source: str | Path | bytes, *, name: str = "",
              genres: tuple[GenreInfo, ...] | None = None) -> ImportResult:
    """Read a .docx (a path, or its bytes with ``name``) into the neutral tree and its summary.

    Raises WordImportError (Chinese message) for anything that is not a readable .docx summary.
    """
    shown = name or (Path(source).name if not isinstance(source, (bytes, bytearray)) else "文件.docx")
    safety.check_name(shown)
    with safety.DocxPackage(source, shown) as package:
        main = package.main_document()
        rels = package.relationships(main)
        parts = {kind: target for kind, target in rels.values() if package.has(target)}
        styles = Styles.from_part(package.read_part(parts["styles"]), parts["styles"]) if "styles" in parts \
            else Styles()
        numbering_root = (safety.parse_xml(package.read_part(parts["numbering"]), parts["numbering"])
                          if "numbering" in parts else None)
        reader = Reader(styles, Numbering.parse(numbering_root))
        with package.open_part(main) as stream:
            body = reader.read(stream)
    if not any(b.text.strip() if hasattr(b, "text") else True for b in body.blocks):
        raise safety.refuse("这个 Word 文件里没有文字，没有可导入的内容。",
                            "请确认选择的是写好的总结；如果文字在图片或扫描件里，需要先转成文字。")
    doc = Builder(body.blocks, shipped_genres() if genres is None else genres).build()
    return ImportResult(doc, ImportSummary.of(doc, body.paragraphs))
