"""The editor's preview: the report as it prints, page by page (ui/editor/paged_view.py).

The pages are the paged layout of the export's own outline (export/paged.py, which walks the same
``layout.arrange`` as the Word writer), drawn by the painter that also writes the PDF and drives the
printer. The caption says what is measured, nothing more: the grid, the page count, and that the
page breaks are those of the exported Word file as far as this computer's fonts allow to tell
(tests/export/test_paged_agreement.py compares them with LibreOffice's rendering of the .docx).

There is no second, continuous HTML view: it broke lines its own way, so it could not show where
a page ends, and two previews that disagree are worse than one.
"""

from __future__ import annotations

from export.painter import PagePainter
from models.api import Block, Finding
from ui.editor.paged_view import PagedView
from ui.qt import QLabel, QVBoxLayout, QWidget, Signal

CAPTION = "共 {pages} 页 · A4 · 每页22行、每行28字 · 与导出的 Word 文件分页一致（按本机字体估算）"
CAPTION_TIP = ("分页按本机安装的字体计算，与导出的 Word 文件在本机的分页相同（LibreOffice 排版对照，"
               "每页首行一致）。Word、WPS 所在电脑的字体不同时，个别行的断行可能不同。\n"
               "打印（Ctrl+P）和导出的 PDF 就是这里显示的页面。点击一行可跳到对应位置修改。")


class PreviewPane(QWidget):
    """A caption over the pages; ``address_clicked(address)`` when a line is clicked."""

    address_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, page_painter: PagePainter | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(self)
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        self.caption.setToolTip(CAPTION_TIP)
        self.view = PagedView(self, page_painter=page_painter)
        self.view.address_clicked.connect(self.address_clicked)
        self.view.relaid.connect(self._update_caption)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.caption)
        box.addWidget(self.view, 1)
        self._update_caption()

    @property
    def page_painter(self) -> PagePainter:
        return self.view.page_painter

    def set_outline(self, blocks: list[Block], *, long_limit: int | None = None) -> None:
        """Lay the outline out again; the view keeps the field last shown in view and marked."""
        self.view.set_outline(blocks, long_limit=long_limit)

    def findings(self) -> list[Finding]:
        return self.view.findings()

    def page_count(self) -> int:
        return self.view.page_count()

    def show_address(self, addresses: list[str]) -> bool:
        """Scroll to and mark the first of these fields that prints (an empty field prints nowhere)."""
        return any(address and self.view.show_address(address) for address in addresses)

    def show_finding(self, finding: Finding) -> None:
        """A page-level finding: its page at the top of the view, its field marked."""
        self.view.show_page(self.view.document.page_of(finding))
        self.view.highlighted = finding.address
        self.view.area.viewport().update()

    def plain_text(self) -> str:
        """The printed text, one paragraph a line."""
        return self.view.document.plain_text()

    def _update_caption(self) -> None:
        n = self.view.page_count()
        self.caption.setText(CAPTION.format(pages=n) if n else "")
