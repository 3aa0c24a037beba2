"""read_docx: a .docx (path or bytes) → the neutral tree and its import summary (see the package docstring)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from models.wordimport import safety
from models.wordimport.build import Builder
from models.wordimport.classify import GenreInfo
from models.wordimport.docxread import Reader, Styles
from models.wordimport.numbering import Numbering
from models.wordimport.summary import ImportSummary
from models.wordimport.tree import Document


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
