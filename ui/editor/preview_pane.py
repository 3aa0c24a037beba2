"""The live preview: the export's own outline rendered as HTML by export.preview.

Clicking a paragraph asks the editor to jump to the field it shows: each block of the HTML
carries its field address as an anchor (a link, or a named anchor at the paragraph start).
"""

from __future__ import annotations

from collections.abc import Callable

from ui.qt import (
    QLabel,
    QMouseEvent,
    QResizeEvent,
    QTextBrowser,
    QTextCursor,
    QTimer,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

PAD = 18  # white margin around the text, like the edge of a sheet of paper


def anchor_address(text: str) -> str:
    """The field address an anchor names: "item.ab12.body", "#item.ab12.body", "field:intro" → address."""
    text = QUrl.fromPercentEncoding(text.encode()) if "%" in text else text
    for prefix in ("#", "field:", "addr:", "address:"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


class _Browser(QTextBrowser):
    clicked_address = Signal(str)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if self.textCursor().hasSelection() or self.anchorAt(pos):
            return  # selecting text to copy; or a link, which anchorClicked already reports
        address = self.address_at(self.cursorForPosition(pos))
        if address:
            self.clicked_address.emit(address)

    def address_at(self, cursor: QTextCursor) -> str:
        """The anchor of the paragraph under the cursor (link or name anywhere in the block)."""
        fmt = cursor.charFormat()
        for name in [fmt.anchorHref(), *fmt.anchorNames()]:
            if name:
                return anchor_address(name)
        block = cursor.block()
        it = block.begin()
        while not it.atEnd():
            frag_fmt = it.fragment().charFormat()
            for name in [frag_fmt.anchorHref(), *frag_fmt.anchorNames()]:
                if name:
                    return anchor_address(name)
            it += 1
        return ""


class PreviewPane(QWidget):
    """Shows the HTML of the outline scaled so one line holds 28 characters, as on paper."""

    address_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel("预览（与导出的 Word 文件排版相同；点击段落可跳到对应位置修改）", self)
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        self.browser = _Browser(self)
        self.browser.setOpenLinks(False)  # a link is a jump inside the editor, never a web page
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName("预览")
        self.browser.anchorClicked.connect(lambda url: self.address_clicked.emit(anchor_address(url.toString())))
        self.browser.clicked_address.connect(self.address_clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.caption)
        box.addWidget(self.browser, 1)
        self.browser.setViewportMargins(PAD, PAD // 2, PAD, PAD // 2)
        self.browser.document().setDocumentMargin(0)
        self.browser.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)
        self._html = ""
        self._source: Callable[[float], str] | None = None
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._refit)
        self._shown: list[str] = []  # the fields last scrolled to, kept in view when the pane is resized

    def set_source(self, render: Callable[[float], str]) -> None:
        """render(px_per_pt) -> HTML with every length, font sizes included, in px at that scale
        (export.preview.render_html(..., px_per_pt=..., font_px=True)); called again on resize."""
        self._source = render

    def scale(self) -> float:
        from export.layout import TEXT_WIDTH_PT
        from export.preview import PX_PER_PT

        width = self.browser.viewport().width() - 4
        return max(0.5, min(PX_PER_PT, width / TEXT_WIDTH_PT))

    def refresh(self) -> None:
        if self._source is None or not self.isVisible():
            return
        from export.layout import TEXT_WIDTH_PT

        px_per_pt = self.scale()
        self.browser.setLineWrapColumnOrWidth(int(TEXT_WIDTH_PT * px_per_pt) + 1)
        self.set_html(self._source(px_per_pt))

    def show_address(self, addresses: list[str]) -> None:
        """Scroll to the first of these fields that the preview shows (empty fields are not printed)."""
        self._shown = list(addresses)
        for address in addresses:
            if address and f'name="{address}"' in self._html:
                self.browser.scrollToAnchor(address)
                return

    def _refit(self) -> None:
        # A new width reflows every line: scroll back to the section shown rather than a stale offset.
        self.refresh()
        if self._shown:
            self.show_address(self._shown)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        self._resize_timer.start()

    def set_html(self, html: str) -> None:
        if html == self._html:
            return
        self._html = html
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(html)
        bar.setValue(min(position, bar.maximum()))  # typing must not make the preview jump to the top

    def plain_text(self) -> str:
        return self.browser.toPlainText()
