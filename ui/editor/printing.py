"""Printing the report directly (Ctrl+P): Qt's print dialog, A4, no scaling, the paged layout.

The printer gets the pages of export/paged.py drawn by export/painter.py at the printer's own
resolution, on the full sheet (the layout holds the GB/T 9704 margins itself), so the printout is
the PDF and the paged preview, line for line. The dialog's texts are Chinese through the
application's Qt translator (ui/app.py installs qtbase_zh_CN).
"""

from __future__ import annotations

from export import paged
from export.painter import PagePainter
from ui.qt import QMarginsF, QPageLayout, QPageSize, QPainter, QWidget, print_support


def a4_printer(printer=None):
    """A QPrinter (high resolution unless given) set to A4 portrait, full page, zero margins."""
    qps = print_support()
    if printer is None:
        printer = qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    printer.setDocName("宣传工作总结")
    return printer


def print_pages(printer, document: paged.PagedDocument, page_painter: PagePainter) -> int:
    """Draw the pages the printer asks for (all, or its from–to range); returns how many were sent."""
    pages = document.pages
    first, last = printer.fromPage(), printer.toPage()
    if first > 0 or last > 0:
        first = max(first, 1)
        last = min(last if last > 0 else len(pages), len(pages))
        pages = pages[first - 1:last]
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("打印机无法开始打印")
    try:
        scale = printer.resolution() / 72.0  # one point of the layout is one point of paper
        # A printer's sheet may start at its printable area despite setFullPage; place by the paper.
        paper = printer.paperRect(printer.Unit.DevicePixel)
        page_rect = printer.pageRect(printer.Unit.DevicePixel)
        dx, dy = paper.x() - page_rect.x(), paper.y() - page_rect.y()
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            page_painter.paint(painter, page, x=dx, y=dy, scale=scale, paper=False)
    finally:
        painter.end()
    return len(pages)


def print_document(document: paged.PagedDocument, page_painter: PagePainter, parent: QWidget | None = None,
                   *, title: str = "") -> bool:
    """Ask with Qt's print dialog, then print. False when the officer cancels."""
    qps = print_support()
    printer = a4_printer()
    if title:
        printer.setDocName(title)
    dialog = qps.QPrintDialog(printer, parent)
    dialog.setWindowTitle("打印")
    dialog.setMinMax(1, max(len(document.pages), 1))
    dialog.setOption(qps.QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    if dialog.exec() != qps.QPrintDialog.DialogCode.Accepted:
        return False
    a4_printer(printer)  # the dialog may have offered another size: the layout is A4 only
    print_pages(printer, document, page_painter)
    return True
