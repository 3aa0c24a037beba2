"""Shared looks: colours, the status pill (可导出 / 有3处待补), the progress bar cell, the app style sheet.

The pill is painted by one function so the report list and the editor show the same thing.
"""

from __future__ import annotations

from ui.qt import QColor, QFont, QFontMetrics, QLabel, QPainter, QPen, QRect, QRectF, QSize, Qt, QWidget

GREEN_TEXT, GREEN_BG = "#1b6e2a", "#e3f4e6"
ORANGE_TEXT, ORANGE_BG = "#a84b00", "#fff0dc"
GREY_TEXT = "#6b6f76"
ACCENT = "#1f5fbf"
ACCENT_HOVER = "#184f9f"
BAR_BG, BAR_FG, BAR_DONE = "#e6e8eb", "#4a86d6", "#3a9a4e"

# Object names give a few widgets a look of their own without a custom class.
APP_STYLESHEET = f"""
QPushButton[primary="true"] {{
    background: {ACCENT}; color: white; border: 1px solid {ACCENT_HOVER};
    border-radius: 4px; padding: 5px 16px; font-weight: bold;
}}
QPushButton[primary="true"]:hover {{ background: {ACCENT_HOVER}; }}
QPushButton[primary="true"]:disabled {{ background: #9db3d6; border-color: #9db3d6; }}
QPushButton#bigButton {{ font-size: 13pt; padding: 10px 28px; }}
QLabel#banner {{
    background: #eef4fc; border: 1px solid #c9dbf3; border-radius: 4px; padding: 6px 10px; color: #1d3b66;
}}
QLabel#hint {{ color: {GREY_TEXT}; }}
QLabel#errorText {{ color: #b3261e; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: bold; }}
"""


def status_text(problems: int) -> str:
    return "可导出" if problems == 0 else f"有{problems}处待补"


def status_colors(problems: int) -> tuple[str, str]:
    """(text, background) for the pill."""
    return (GREEN_TEXT, GREEN_BG) if problems == 0 else (ORANGE_TEXT, ORANGE_BG)


def pill_size(font: QFont, text: str) -> QSize:
    fm = QFontMetrics(font)
    return QSize(fm.horizontalAdvance(text) + 18, fm.height() + 6)


def paint_pill(painter: QPainter, rect: QRect, text: str, problems: int) -> None:
    """A rounded pill, left-aligned and vertically centred in ``rect``."""
    fg, bg = status_colors(problems)
    size = pill_size(painter.font(), text)
    pill = QRectF(rect.x() + 4, rect.y() + (rect.height() - size.height()) / 2,
                  min(size.width(), rect.width() - 8), size.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(bg))
    painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
    painter.setPen(QPen(QColor(fg)))
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


def paint_progress(painter: QPainter, rect: QRect, percent: int, text_color: QColor | None = None) -> None:
    """A thin bar with the percentage beside it: readable at a glance, exact when read."""
    percent = max(0, min(100, percent))
    text = f"{percent}%"
    fm = painter.fontMetrics()
    text_w = fm.horizontalAdvance("100%") + 6
    bar_w = max(20, rect.width() - text_w - 12)
    bar = QRectF(rect.x() + 6, rect.center().y() - 3, bar_w, 6)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(BAR_BG))
    painter.drawRoundedRect(bar, 3, 3)
    if percent:
        painter.setBrush(QColor(BAR_DONE if percent >= 100 else BAR_FG))
        painter.drawRoundedRect(QRectF(bar.x(), bar.y(), bar.width() * percent / 100, bar.height()), 3, 3)
    painter.setPen(QPen(text_color or QColor(GREY_TEXT)))
    painter.drawText(QRectF(bar.right() + 6, rect.y(), text_w, rect.height()),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
    painter.restore()


class StatusPill(QLabel):
    """The pill as a widget, for places that are not item views (e.g. the editor's header)."""

    def __init__(self, problems: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems = 0
        self.set_problems(problems)

    def set_problems(self, problems: int) -> None:
        self.problems = problems
        fg, bg = status_colors(problems)
        self.setText(status_text(problems))
        self.setStyleSheet(f"QLabel {{ color: {fg}; background: {bg}; border-radius: 10px; padding: 2px 10px; }}")
