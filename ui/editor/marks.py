"""State marks (○ ◐ ● ⚠) drawn as small coloured icons, so the title text keeps its own colour."""

from __future__ import annotations

from functools import cache

from ui.editor.sections import COMPLETE, EMPTY, PROBLEM, PROGRESS
from ui.qt import QColor, QFont, QIcon, QPainter, QPixmap, QRectF, Qt

GLYPHS = {EMPTY: "○", PROGRESS: "◐", COMPLETE: "●", PROBLEM: "⚠"}
COLOURS = {EMPTY: "#9aa0a6", PROGRESS: "#c77700", COMPLETE: "#2e7d32", PROBLEM: "#c62828"}


@cache
def state_icon(state: str) -> QIcon:
    size = 32  # drawn large, scaled down crisply by the views
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(26)
    painter.setFont(font)
    painter.setPen(QColor(COLOURS[state]))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, GLYPHS[state])
    painter.end()
    return QIcon(pixmap)
