"""Draw the application icon with QPainter and write resources/icons/ (PNG sizes and a Windows .ico).

    .venv/bin/python tools/make_icon.py      (needs a CJK serif font for 总, e.g. Noto Serif CJK SC)

The icon is a 公文 page: white paper, a red 总 where the red letterhead (红头) sits, the red rule under it,
and grey text lines. Below 32 px the character would be a smudge, so small sizes show the red
letterhead block, the rule and the lines only. Every size is drawn at its own size, not scaled down.
The output is committed; run this again only to change the design.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
)

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#c8161d")  # 中国红, the colour of a 公文 letterhead
PAPER = QColor("#ffffff")
EDGE = QColor("#8a8f98")
LINE = QColor("#9aa0a8")
FOLD = QColor("#e3e6ea")
SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "STSong")


def _serif_family() -> str | None:
    installed = set(QFontDatabase.families())
    return next((f for f in SERIF if f in installed), None)


def draw(size: int, family: str | None) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    s = size / 256.0

    # the page, A4-ish, with a folded top-right corner
    left, top, right, bottom = 40 * s, 12 * s, 216 * s, 244 * s
    fold = 36 * s
    page = QPainterPath(QPointF(left, top))
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    p.setPen(QPen(EDGE, max(1.0, 4 * s)))
    p.setBrush(PAPER)
    p.drawPath(page)
    corner = QPainterPath(QPointF(right - fold, top))
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(FOLD)
    p.drawPath(corner)
    p.setPen(Qt.PenStyle.NoPen)

    rule_y = 112 * s
    if size >= 32 and family:
        font = QFont(family)
        font.setWeight(QFont.Weight.Black)
        font.setPixelSize(round(92 * s))
        p.setFont(font)
        p.setPen(RED)
        p.drawText(QRectF(left, 14 * s, right - left, rule_y - 18 * s), Qt.AlignmentFlag.AlignCenter, "总")
        p.setPen(Qt.PenStyle.NoPen)
    else:  # the letterhead as a red block
        p.setBrush(RED)
        p.drawRect(QRectF(left + 30 * s, 40 * s, right - left - 60 * s - fold / 2, 48 * s))

    # the red rule of the letterhead, then the text lines
    p.setBrush(RED)
    p.drawRect(QRectF(left + 14 * s, rule_y, right - left - 28 * s, max(1.0, 10 * s)))
    p.setBrush(LINE)
    step = 26 * s if size >= 48 else 40 * s
    y = rule_y + (34 * s if size >= 48 else 40 * s)
    n = 0
    while y + 8 * s < bottom - 14 * s:
        inset = 22 * s if n % 4 == 0 else 0  # a paragraph starts indented two characters
        width = (right - left - 44 * s - inset) * (0.6 if n % 4 == 3 else 1.0)
        p.drawRect(QRectF(left + 22 * s + inset, y, width, max(1.0, 9 * s)))
        y += step
        n += 1
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def dib_bytes(img: QImage) -> bytes:
    """An uncompressed 32-bit icon image (BITMAPINFOHEADER, bottom-up BGRA rows, empty AND mask)."""
    img = img.convertToFormat(QImage.Format.Format_ARGB32)
    w, h = img.width(), img.height()
    rows = []
    for y in range(h - 1, -1, -1):  # bottom-up
        line = img.constScanLine(y)
        rows.append(bytes(line)[: w * 4])  # ARGB32 is B, G, R, A in memory on little-endian machines
    mask_row = ((w + 31) // 32) * 4
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, w * h * 4 + mask_row * h, 0, 0, 0, 0)
    return header + b"".join(rows) + b"\x00" * (mask_row * h)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A Windows .ico: 256 px as PNG (Vista and later), the smaller sizes as plain bitmaps, as Windows' own."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = png_bytes(images[size]) if size >= 256 else dib_bytes(images[size])
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def main() -> int:
    app = QGuiApplication(sys.argv)  # noqa: F841  (fonts need an application)
    family = _serif_family()
    if family is None:
        print("没有找到中文宋体/衬线字体（如 Noto Serif CJK SC），无法画出“总”字。", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size, family) for size in SIZES}
    for size, img in images.items():
        (OUT / f"app-{size}.png").write_bytes(png_bytes(img))
    (OUT / "app.png").write_bytes(png_bytes(images[256]))
    (OUT / "app.ico").write_bytes(ico_bytes(images))
    print(f"{OUT}: app.png, app.ico, app-{{{','.join(map(str, SIZES))}}}.png ({family})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
