"""The paged preview: the report as it prints, page by page, on the GB/T 9704 grid.

The pages are export/paged.py's layout drawn by export/painter.py — the very pages of the PDF
and the printout — on a grey desk with margins and shadows. Zoom with Ctrl+wheel or the buttons
(适合宽度 fits a page to the width); a click on a line asks the editor to jump to the field it
shows (``address_clicked``), and ``show_address`` scrolls to a field's lines and marks them.

``set_outline`` lays the outline out again; the Typesetter keeps the lines of unchanged
paragraphs, so following the officer's typing costs a few ms even for 30 pages. The page-level
findings (a heading at a page foot, a 落款 alone …) of the layout come with it.
"""

from __future__ import annotations

import time

from export import paged
from export.painter import PagePainter, blank_marks
from models.api import Block, Finding
from ui.qt import (
    QAbstractScrollArea,
    QColor,
    QHBoxLayout,
    QLabel,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPointF,
    QPushButton,
    QRectF,
    QResizeEvent,
    Qt,
    QVBoxLayout,
    QWheelEvent,
    QWidget,
    Signal,
)

DESK = QColor(0xE4, 0xE6, 0xEA)
SHADOW = QColor(0, 0, 0, 38)
GAP = 18  # pixels between pages and around them
ZOOM_MIN, ZOOM_MAX = 0.25, 3.0
ZOOM_STEP = 1.15


class _PageArea(QAbstractScrollArea):
    """Scrolls a column of pages; draws only the pages in view."""

    clicked = Signal(float, float, int)  # x, y in points on page n

    def __init__(self, view: PagedView) -> None:
        super().__init__(view)
        self.view = view
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("分页预览")

    # ------------------------------------------------------------ geometry

    def px_per_pt(self) -> float:
        return self.view.zoom * self.logicalDpiX() / 72.0

    def page_size_px(self) -> tuple[float, float]:
        s = self.px_per_pt()
        return paged.PAGE_WIDTH_PT * s, paged.PAGE_HEIGHT_PT * s

    def content_size(self) -> tuple[float, float]:
        w, h = self.page_size_px()
        n = max(len(self.view.document.pages), 1)
        return w + 2 * GAP, n * (h + GAP) + GAP

    def page_origin(self, n: int) -> tuple[float, float]:
        """Top-left of page n in viewport pixels."""
        h = self.page_size_px()[1]
        cw, _ = self.content_size()
        left = max((self.viewport().width() - cw) / 2, 0) + GAP - self.horizontalScrollBar().value()
        top = GAP + n * (h + GAP) - self.verticalScrollBar().value()
        return left, top

    def update_scrollbars(self) -> None:
        cw, ch = self.content_size()
        vw, vh = self.viewport().width(), self.viewport().height()
        self.horizontalScrollBar().setRange(0, max(int(cw - vw), 0))
        self.horizontalScrollBar().setPageStep(vw)
        self.verticalScrollBar().setRange(0, max(int(ch - vh), 0))
        self.verticalScrollBar().setPageStep(vh)
        self.verticalScrollBar().setSingleStep(max(int(self.page_size_px()[1] / 22), 8))

    # ------------------------------------------------------------ Qt overrides

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), DESK)
        w, h = self.page_size_px()
        scale = self.px_per_pt()
        vh = self.viewport().height()
        for n, page in enumerate(self.view.document.pages):
            x, y = self.page_origin(n)
            if y > vh or y + h < 0:
                continue
            painter.fillRect(QRectF(x + 3, y + 3, w, h), SHADOW)
            self.view.page_painter.paint(painter, page, x=x, y=y, scale=scale, highlight=self.view.highlighted,
                                         mark_blanks=self.view.mark_blanks)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        if self.view.fit:
            self.view.fit_width()
        self.update_scrollbars()

    def wheelEvent(self, event: QWheelEvent) -> None:  # Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.view.set_zoom(self.view.zoom * (ZOOM_STEP ** steps))
            event.accept()
            return
        super().wheelEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        pos = event.position()
        hit = self.point_on_page(pos)
        if hit is not None:
            self.clicked.emit(*hit)
        event.accept()

    def point_on_page(self, pos: QPointF) -> tuple[float, float, int] | None:
        w, h = self.page_size_px()
        s = self.px_per_pt()
        for n in range(len(self.view.document.pages)):
            x, y = self.page_origin(n)
            if x <= pos.x() < x + w and y <= pos.y() < y + h:
                return (pos.x() - x) / s, (pos.y() - y) / s, n
        return None


class PagedView(QWidget):
    """Pages with zoom; ``address_clicked(address)`` when a line is clicked."""

    address_clicked = Signal(str)
    relaid = Signal()  # after each layout: ``document`` has the new pages and findings

    def __init__(self, parent: QWidget | None = None, *, page_painter: PagePainter | None = None) -> None:
        super().__init__(parent)
        self.page_painter = page_painter or PagePainter()
        self.typesetter = self.page_painter.typesetter()
        self.document = paged.PagedDocument((), (), paged.GBT9704_RULES, 0)
        self.zoom = 1.0
        self.fit = True
        self.highlighted = ""
        self.last_layout_ms = 0.0
        self._bold_level3 = False

        self.zoom_out_button = QPushButton("缩小", self)
        self.zoom_in_button = QPushButton("放大", self)
        self.fit_button = QPushButton("适合宽度", self)
        tips = ((self.zoom_out_button, "缩小（Ctrl+滚轮向下）"), (self.zoom_in_button, "放大（Ctrl+滚轮向上）"),
                (self.fit_button, "让一页正好占满预览的宽度"))
        for button, tip in tips:
            button.setToolTip(tip)
            button.setAutoDefault(False)
        self.zoom_label = QLabel(self)
        self.pages_label = QLabel(self)  # 第 3 / 13 页: the page in view
        self.pages_label.setObjectName("hint")
        self.mark_blanks = True  # leftover 某某 / XX on a red ground (the screen only)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_button.clicked.connect(self.fit_width)

        self.area = _PageArea(self)
        self.area.clicked.connect(self._clicked)
        self.area.verticalScrollBar().valueChanged.connect(lambda _v: self._update_labels())

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addLayout(bar)
        box.addWidget(self.area, 1)
        self._update_labels()

    # ------------------------------------------------------------ content

    def set_outline(self, blocks: list[Block], *, bold_level3: bool = False, long_limit: int | None = None) -> None:
        """Lay the outline out again (only changed paragraphs are set anew) and repaint."""
        start = time.perf_counter()
        if bold_level3 != self._bold_level3:
            self._bold_level3 = bold_level3
            self.typesetter = self.page_painter.typesetter(bold_level3=bold_level3)
        self.document = self.typesetter.layout(blocks, long_limit=long_limit)
        self.last_layout_ms = (time.perf_counter() - start) * 1000
        if self.isVisible():  # hidden, it still lays out: the page-level checks read the layout
            self.area.update_scrollbars()
            self.area.viewport().update()
            self._update_labels()
        self.relaid.emit()

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        self.area.update_scrollbars()
        self._update_labels()

    def set_page_painter(self, page_painter: PagePainter) -> None:
        """Draw (and measure) with other fonts from the next set_outline on."""
        self.page_painter = page_painter
        self.typesetter = page_painter.typesetter(bold_level3=self._bold_level3)

    def page_count(self) -> int:
        return len(self.document.pages)

    def findings(self) -> list[Finding]:
        """The page-level findings of the current layout (a heading at a page foot, a 落款 alone …)."""
        return list(self.document.findings)

    def blank_marks(self) -> list[tuple[int, str]]:
        """(page index, placeholder) of every leftover blank the pages show marked."""
        if not self.mark_blanks:
            return []
        return [(n, blank) for n, page in enumerate(self.document.pages) for _l, _a, _b, blank in blank_marks(page)]

    # ------------------------------------------------------------ zoom

    def set_zoom(self, zoom: float, *, fit: bool = False) -> None:
        """1.0 is the paper's real size on this screen."""
        zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        bar = self.area.verticalScrollBar()
        ratio = bar.value() / max(bar.maximum(), 1)
        self.zoom = zoom
        self.fit = fit
        self.area.update_scrollbars()
        bar.setValue(round(ratio * bar.maximum()))
        self.area.viewport().update()
        self._update_labels()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        available = self.area.viewport().width() - 2 * GAP - 6
        per_zoom = paged.PAGE_WIDTH_PT * self.area.logicalDpiX() / 72.0
        if available > 0:
            self.set_zoom(available / per_zoom, fit=True)

    def _update_labels(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        n = self.page_count()
        self.pages_label.setText(f"第 {self.current_page() + 1} / {n} 页" if n else "")

    def current_page(self) -> int:
        """The page (index) at the top third of the view."""
        h = self.area.page_size_px()[1] + GAP
        y = self.area.verticalScrollBar().value() + self.area.viewport().height() / 3 - GAP
        return min(max(int(y // h), 0), max(self.page_count() - 1, 0))

    def show_page(self, n: int) -> None:
        """Scroll so page n (index) starts at the top of the view."""
        h = self.area.page_size_px()[1] + GAP
        self.area.verticalScrollBar().setValue(int(n * h))

    # ------------------------------------------------------------ clicks and jumps

    def _clicked(self, x: float, y: float, n: int) -> None:
        line = self.document.pages[n].line_at(x, y)
        if line is not None and line.address:
            self.address_clicked.emit(line.address)

    def show_address(self, address: str) -> bool:
        """Mark the lines of a field and scroll its first line into view; False when it prints nowhere."""
        self.highlighted = address
        found = self.document.lines_of(address)
        self.area.viewport().update()
        if not found:
            return False
        n, line = found[0]
        _, h = self.area.page_size_px()
        s = self.area.px_per_pt()
        y = GAP + n * (h + GAP) + line.top * s
        bar = self.area.verticalScrollBar()
        view = self.area.viewport().height()
        if not (bar.value() <= y <= bar.value() + view - line.content.height * s):
            bar.setValue(int(y - view / 3))
        return True

    def line_position(self, address: str) -> QPointF | None:
        """Where (viewport pixels) the first line of a field is drawn: for tests and tooltips."""
        found = self.document.lines_of(address)
        if not found:
            return None
        n, line = found[0]
        x, y = self.area.page_origin(n)
        s = self.area.px_per_pt()
        return QPointF(x + (line.content.x0 + 4) * s, y + (line.top + line.content.height / 2) * s)
