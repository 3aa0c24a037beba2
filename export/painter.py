"""Draws pages of the paged layout (export/paged.py) with QPainter: the preview, the PDF, the printer.

QtGui only (QPainter, QFont), no widgets, so the PDF export runs headless. Each character is
drawn at the x the layout computed for it, on the baseline of its line, so what is drawn IS the
layout: the same lines, the same page breaks, whatever device the painter is on.

Fonts: each font role (layout.TITLE_FONT …) is drawn with the scheme's family (export/fonts.py)
when it is installed, otherwise with the first installed of a few look-alikes (Windows' own
仿宋/楷体/黑体/宋体, then Noto or Source Han CJK, then WenQuanYi), so a character is never a box.
``PagePainter.metrics()`` measures the widths of digits, Latin letters and the few ambiguous
marks in those very fonts, for the layout to break lines with.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPainter, QPen

from export import fonts as fontmod
from export import layout as L
from export import paged
from models.checks import find_blanks

# Fallbacks by the look of a role: serif for 仿宋/楷体/宋体/小标宋, sans for 黑体.
SERIF_FALLBACKS = ("仿宋", "FangSong", "宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC",
                   "Source Han Serif CN", "AR PL UMing CN", "Noto Sans CJK SC", "WenQuanYi Zen Hei")
KAI_FALLBACKS = ("楷体", "KaiTi", "楷体_GB2312", *SERIF_FALLBACKS)
SANS_FALLBACKS = ("黑体", "SimHei", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Source Han Sans SC",
                  "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", *SERIF_FALLBACKS)
FALLBACKS = {L.TITLE_FONT: ("华文中宋", "STZhongsong", *SERIF_FALLBACKS), L.BODY_FONT: SERIF_FALLBACKS,
             L.KAI_FONT: KAI_FALLBACKS, L.HEI_FONT: SANS_FALLBACKS, L.SONG_FONT: SERIF_FALLBACKS}
# Characters whose width depends on the font: measured for the layout. Not the ambiguous marks
# (— … “ ”): set in the East-Asian font they take a full cell whatever the drawing font says.
MEASURED = "".join(chr(c) for c in range(32, 127))
MEASURE_PX = 1000

INK = QColor(0, 0, 0)
HIGHLIGHT = QColor(255, 236, 140, 150)  # a marker pen over the lines of the field being edited
BLANK_FILL = QColor(255, 214, 214)  # a leftover 某某 / XX / □ on screen (never in the PDF or on paper)
BLANK_INK = QColor(192, 0, 0)


def blank_marks(page: paged.Page) -> list[tuple[paged.Line, int, int, str]]:
    """(line, first, last, blank) of every leftover placeholder printed on a page (models.checks'
    find_blanks over each line's text; ``first``/``last`` index the line's characters)."""
    out = []
    for line in page.lines:
        if line.kind != "text":
            continue
        text = line.text
        for start, end, blank in find_blanks(text):
            out.append((line, start, end - 1, blank))
    return out


def _char_xs(line: paged.Line) -> list[tuple[float, float]]:
    """(x, width) of every character of a text line, in order."""
    out = []
    for run in line.content.runs:
        for n, x in enumerate(run.xs):
            after = run.xs[n + 1] if n + 1 < len(run.xs) else x + run.size
            out.append((x, min(after - x, run.size)))
    return out


class PagePainter:
    """Draws pages in one font scheme. Keep one: fonts and widths are looked up once."""

    def __init__(self, scheme: fontmod.FontScheme | None = None, installed: list[str] | None = None) -> None:
        self.scheme = scheme or fontmod.default_scheme(set(installed if installed is not None
                                                           else QFontDatabase.families()))
        have = set(installed if installed is not None else QFontDatabase.families())
        self.families: dict[str, list[str]] = {}
        for role in L.ROLES:
            wanted = [self.scheme.family(role), *fontmod.font_info(self.scheme.family(role)).aliases,
                      fontmod.font_info(self.scheme.family(role)).english, *FALLBACKS[role]]
            chosen = [f for f in dict.fromkeys(wanted) if f and f in have]
            self.families[role] = chosen or [self.scheme.family(role)]
        self._fonts: dict[tuple[str, float, bool, int], QFont] = {}
        self._metrics: paged.Metrics | None = None

    # ------------------------------------------------------------ fonts

    def font(self, role: str, size_pt: float, bold: bool = False, dpi: int = 72) -> QFont:
        """The QFont of a role, sized so ``size_pt`` is ``size_pt`` painter units on a device of ``dpi``."""
        key = (role, size_pt, bold, dpi)
        found = self._fonts.get(key)
        if found is None:
            found = QFont()
            found.setFamilies(self.families[role])
            found.setPointSizeF(size_pt * 72.0 / dpi)
            found.setBold(bold or (role == L.TITLE_FONT and self.scheme.title_bold))
            found.setKerning(False)
            found.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
            found.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            self._fonts[key] = found
        return found

    def metrics(self) -> paged.Metrics:
        """Widths (em) of digits and Latin letters in the fonts drawn with."""
        if self._metrics is None:
            widths = {}
            for role in L.ROLES:
                font = QFont()
                font.setFamilies(self.families[role])
                font.setPixelSize(MEASURE_PX)
                font.setBold(role == L.TITLE_FONT and self.scheme.title_bold)
                font.setKerning(False)
                fm = QFontMetricsF(font)
                widths[role] = {ch: round(fm.horizontalAdvance(ch) / MEASURE_PX, 4) for ch in MEASURED}
            self._metrics = paged.Metrics(widths)
        return self._metrics

    def typesetter(self, *, bold_level3: bool = False) -> paged.Typesetter:
        return paged.Typesetter(self.metrics(), bold_level3=bold_level3, title_bold=self.scheme.title_bold)

    # ------------------------------------------------------------ drawing

    def paint(self, painter: QPainter, page: paged.Page, *, x: float = 0.0, y: float = 0.0, scale: float = 1.0,
              paper: bool = True, highlight: str = "", folio: bool = True, mark_blanks: bool = False) -> None:
        """Draw ``page`` with its top-left corner at (x, y) device units, ``scale`` device units a point.

        ``highlight``: the lines of that field address under a marker pen; ``mark_blanks``: leftover
        placeholders on a red ground in red (the screen only: the PDF and the printer get neither)."""
        painter.save()
        try:
            painter.translate(x, y)
            painter.scale(scale, scale)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            dpi = painter.device().logicalDpiY() if painter.device() is not None else 72
            if paper:
                painter.fillRect(QRectF(0, 0, paged.PAGE_WIDTH_PT, paged.PAGE_HEIGHT_PT), QColor(255, 255, 255))
            if highlight:
                for line in page.lines:
                    if line.address == highlight and line.kind != "blank":
                        c = line.content
                        painter.fillRect(QRectF(c.x0 - 2, line.top + 2, c.x1 - c.x0 + 4, c.height - 4), HIGHLIGHT)
            marks = blank_marks(page) if mark_blanks else []
            for line, first, last, _blank in marks:
                cells = _char_xs(line)[first:last + 1]
                left, right = cells[0][0], cells[-1][0] + cells[-1][1]
                painter.fillRect(QRectF(left, line.top + 3, right - left, line.content.height - 6), BLANK_FILL)
            pen = QPen(INK)
            pen.setWidthF(L.TABLE_BORDER_PT)
            painter.setPen(pen)
            for line in page.lines:
                content = line.content
                for bx, by, bw, bh in content.boxes:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(QRectF(bx, line.top + by, bw, bh))
                for run in content.runs:
                    self._run(painter, run, line.top, dpi)
            if marks:
                painter.setPen(BLANK_INK)
                for line, first, last, _blank in marks:
                    self._chars(painter, line, first, last, dpi)
            if folio:
                painter.setPen(INK)
                self._run(painter, page.folio(), 0.0, dpi)
        finally:
            painter.restore()

    def _chars(self, painter: QPainter, line: paged.Line, first: int, last: int, dpi: int) -> None:
        """Draw characters first..last of a line again (in the pen's colour)."""
        n = 0
        for run in line.content.runs:
            for ch, cx in zip(run.text, run.xs, strict=True):
                if first <= n <= last and not ch.isspace():
                    painter.setFont(self.font(run.role, run.size, run.bold, dpi))
                    painter.drawText(QPointF(cx, line.top + run.baseline), ch)
                n += 1

    def _run(self, painter: QPainter, run: paged.Run, top: float, dpi: int) -> None:
        painter.setFont(self.font(run.role, run.size, run.bold, dpi))
        base = top + run.baseline
        draw = painter.drawText
        for ch, cx in zip(run.text, run.xs, strict=True):
            if not ch.isspace():
                draw(QPointF(cx, base), ch)
