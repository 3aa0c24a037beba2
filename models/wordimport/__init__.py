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

Modules: reading (read_docx), safety (what the file is, bounded reads, XML without DTDs), numbering (Word automatic
numbering), docxread (document.xml → lines and tables), classify (what a line of text is),
build (lines → tree), tree (the dataclasses), summary (the Chinese import summary), to_report (the tree →
a Report; models/wordimport_service.py stores it: ``ReportService.import_docx``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The reader is loaded on first use (PEP 562 below): the service, the CLI and the UI import this
# package at start-up for the error class and is_word_file, and the reader's XML and regular
# expressions (~80 ms) are only needed once a file is imported.
from models.wordimport.safety import WordImportError, is_word_file

if TYPE_CHECKING:
    from models.wordimport.classify import GenreInfo
    from models.wordimport.reading import ImportResult, read_docx
    from models.wordimport.summary import ImportSummary
    from models.wordimport.tree import Document

__all__ = ["Document", "GenreInfo", "ImportResult", "ImportSummary", "WordImportError", "is_word_file", "read_docx"]

_LAZY = {"read_docx": "reading", "ImportResult": "reading", "shipped_genres": "reading", "GenreInfo": "classify",
         "ImportSummary": "summary", "Document": "tree"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"models.wordimport.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
