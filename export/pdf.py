"""PDF export: the paged layout drawn by export/painter.py into a QPdfWriter, fonts embedded.

A4, no margins added and no scaling: one PDF point is one point of the layout, so the PDF is
the page the preview shows and the printer prints. Runs without a display: when no Qt
application exists one is made on the "offscreen" platform (the command line has none).
``write_pdf`` writes the file atomically (models.atomic) with progress like the Word export.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
)

from export import fonts as fontmod
from export import paged
from export.painter import PagePainter
from models import outline as ol
from models.atomic import write_bytes_atomic

RESOLUTION = 1200  # dpi of the PDF's coordinates: characters land within 1/1200 inch of the layout
CREATOR = "宣传工作总结助手"

_app = None  # the QGuiApplication this module made, kept alive


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new one (offscreen when there is no display)."""
    global _app
    app = QGuiApplication.instance()
    if app is not None:
        return app
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1] or ["zongjie"])
    return _app


def page_layout() -> QPageLayout:
    """A4 portrait, zero margins, in points: the layout's own coordinates."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                       QPageLayout.Unit.Point)


def iter_render_pdf(document: paged.PagedDocument, painter_: PagePainter, *, title: str = "",
                    author: str = "") -> Iterator[int | bytes]:
    """Draw every page into a PDF; yields progress (0–100) per page and the bytes last."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout())
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    if author:
        writer.setAuthor(author)
    scale = RESOLUTION / 72.0
    painter = QPainter()
    if not painter.begin(writer):
        raise RuntimeError("PDF writer could not start")
    try:
        total = max(len(document.pages), 1)
        for n, page in enumerate(document.pages):
            if n:
                writer.newPage()
            painter_.paint(painter, page, scale=scale, paper=False)
            yield round(100 * (n + 1) / total) - 1
    finally:
        painter.end()
    buffer.close()
    yield 100
    yield fix_to_unicode(bytes(data.data()), radical_map(document, painter_))


def render_pdf(blocks: list[ol.Block], *, scheme: fontmod.FontScheme | None = None, title: str = "",
               author: str = "", bold_level3: bool = False,
               rules: paged.PageRules = paged.GBT9704_RULES) -> bytes:
    """The PDF of an outline as bytes."""
    ensure_gui_app()
    painter_ = PagePainter(scheme)
    document = painter_.typesetter(bold_level3=bold_level3).layout(blocks, rules=rules)
    data = b""
    for step in iter_render_pdf(document, painter_, title=title, author=author):
        if isinstance(step, bytes):
            data = step
    return data


def write_pdf(blocks: list[ol.Block], path: Path | str, *, fonts=None, title: str | None = None, author: str = "",
              bold_level3: bool = False, progress: Callable[[int], None] | None = None) -> None:
    """Write the PDF of ``blocks`` at ``path`` (atomically; WriteError on failure), like write_docx.

    ``fonts`` as for the Word export: a FontScheme, "standard"/"标准", "system"/"系统自带", or None
    to choose from the fonts installed on this computer. ``title`` (document properties) defaults to
    the outline's title lines.
    """
    if progress is not None:
        progress(0)
    ensure_gui_app()
    installed = list(QFontDatabase.families())
    scheme = fontmod.resolve_scheme(fonts, installed)
    painter_ = PagePainter(scheme, installed)
    document = painter_.typesetter(bold_level3=bold_level3).layout(blocks)
    if progress is not None:
        progress(10)
    if title is None:
        title = "".join(b.text for b in blocks if b.kind == ol.TITLE)
    data = b""
    for step in iter_render_pdf(document, painter_, title=title, author=author):
        if isinstance(step, bytes):
            data = step
        elif progress is not None:
            progress(10 + min(step, 100) * 85 // 100)
    write_bytes_atomic(Path(path), data)
    if progress is not None:
        progress(100)


# ---------------------------------------------------------------- copyable text

_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


RADICALS = [*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)]  # radicals and compatibility ideographs


def radical_map(document: paged.PagedDocument, painter_: PagePainter) -> dict[int, int]:
    """Radical code point → the ideograph drawn with the same glyph, for the characters drawn."""
    drawn = {ch for page in document.pages for line in page.lines for run in line.content.runs for ch in run.text
             if ord(ch) >= 0x3400}
    out: dict[int, int] = {}
    for families in painter_.families.values():
        font = QFont()
        font.setFamilies(families)
        raw = QRawFont.fromFont(font)
        if not raw.isValid():
            continue
        by_glyph = {}
        for code in RADICALS:
            glyphs = raw.glyphIndexesForString(chr(code))
            if glyphs and glyphs[0]:
                by_glyph.setdefault(glyphs[0], code)
        for ch in drawn:
            glyphs = raw.glyphIndexesForString(ch)
            code = by_glyph.get(glyphs[0]) if glyphs else None
            if code is not None:
                out.setdefault(code, ord(ch))
    return out


def _unified(code: bytes, mapping: dict[int, int]) -> bytes:
    value = int(code, 16)
    if value in mapping:
        return f"{mapping[value]:04X}".encode()
    ch = chr(value)
    if 0x2E80 <= value < 0x2FE0 or 0xF900 <= value < 0xFB00:
        norm = unicodedata.normalize("NFKC", ch)
        if len(norm) == 1 and ord(norm) < 0x10000:
            return f"{ord(norm):04X}".encode()
    return code


def fix_to_unicode(pdf: bytes, mapping: dict[int, int] | None = None) -> bytes:
    """Make copied text read 示/工/长, not the look-alike radicals ⽰/⼯/⻓.

    Qt maps each glyph back to the lowest code point that uses it; CJK fonts draw the Kangxi
    radicals (U+2F00…) with the same glyphs as the ideographs, so a PDF reader would copy and
    search radicals. The ToUnicode CMaps are rewritten in place: every destination is a 4-digit
    hex code and stays one, so no offset in the file moves.
    """
    out = bytearray(pdf)
    for match in _TO_UNICODE.finditer(pdf):
        header = re.search(rb"\n" + match.group(1) + rb" 0 obj\s*<<\s*/Length (\d+)\s*>>\s*stream\r?\n", pdf)
        if header is None:
            continue
        start, length = header.end(), int(header.group(1))
        stream = pdf[start:start + length]
        if b"begincmap" not in stream:
            continue  # compressed: leave it as Qt wrote it
        fixed = _fix_cmap(stream, mapping or {})
        if len(fixed) == len(stream):
            out[start:start + length] = fixed
    return bytes(out)


def _fix_cmap(stream: bytes, mapping: dict[int, int]) -> bytes:
    """Destinations only: the arrays of bfrange and the second code of each bfchar line."""
    def arrays(m: re.Match) -> bytes:
        return _HEX4.sub(lambda h: b"<" + _unified(h.group(1), mapping) + b">", m.group(0))

    stream = re.sub(rb"\[[^\]]*\]", arrays, stream)

    def chars(m: re.Match) -> bytes:
        return re.sub(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>",
                      lambda h: h.group(1) + b"<" + _unified(h.group(2), mapping) + b">", m.group(0))

    return re.sub(rb"beginbfchar.*?endbfchar", chars, stream, flags=re.S)
