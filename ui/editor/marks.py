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


# Severity of a finding (models.findings): a word and a colour, so the list reads without colour too.
SEVERITY_WORDS = {"error": "错误", "warning": "提醒", "info": "提示"}
SEVERITY_COLOURS = {"error": "#c62828", "warning": "#b26a00", "info": "#1f5fbf"}
_SEVERITY_GLYPHS = {"error": "!", "warning": "!", "info": "i"}


@cache
def severity_icon(severity: str) -> QIcon:
    """A filled disc in the severity's colour with a white ! (错误, 提醒) or i (提示)."""
    size = 32
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEVERITY_COLOURS.get(severity, "#6b6f76")))
    if severity == "warning":  # a rounded square: the two kinds of ! differ in shape, not only in colour
        painter.drawRoundedRect(QRectF(3, 3, size - 6, size - 6), 6, 6)
    else:
        painter.drawEllipse(QRectF(2, 2, size - 4, size - 4))
    font = QFont()
    font.setPixelSize(22)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, _SEVERITY_GLYPHS.get(severity, "·"))
    painter.end()
    return QIcon(pixmap)
