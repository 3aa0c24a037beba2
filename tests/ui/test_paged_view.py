"""The paged preview widget (ui/editor/paged_view.py) and printing (ui/editor/printing.py)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from export import paged
from models.package import read_package_file
from tests.export import rendering
from ui.editor.paged_view import PagedView
from ui.editor.printing import a4_printer, print_pages
from ui.qt import QPoint, QPointF, Qt, QWheelEvent, print_support


@pytest.fixture
def sample(service):
    report = read_package_file(rendering.SAMPLES / "half_year.json", service.library)
    return service.outline(report)


@pytest.fixture
def view(qtbot, sample):
    widget = PagedView()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_outline(sample)
    return widget


def test_view_shows_every_page_of_the_layout(view, sample):
    expected = paged.layout_outline(sample, metrics=view.page_painter.metrics(), title_bold=view.page_painter.scheme.title_bold)
    assert view.page_count() == len(expected.pages) >= 5
    assert paged.first_lines(view.document) == paged.first_lines(expected)
    assert view.pages_label.text() == f"第 1 / {view.page_count()} 页"
    view.show_page(3)  # the label follows the page in view
    assert view.pages_label.text() == f"第 4 / {view.page_count()} 页" and view.current_page() == 3
    view.show_page(0)
    # fit width: a page fills the viewport's width, and the scroll range holds every page
    page_w, page_h = view.area.page_size_px()
    assert abs(page_w - (view.area.viewport().width() - 2 * 18 - 6)) < 2
    assert view.area.verticalScrollBar().maximum() > (view.page_count() - 1) * page_h
    image = view.area.viewport().grab().toImage()
    x, y = view.area.page_origin(0)
    assert image.pixelColor(int(x + 10), int(y + 10)).name() == "#ffffff"  # paper
    assert image.pixelColor(int(x - 8), int(y + 10)).name() != "#ffffff"  # desk


def test_click_on_a_line_emits_its_field_address(view, qtbot, sample):
    address = next(b.address for b in sample if b.address.startswith("item."))
    view.show_address(address)
    pos = view.line_position(address)
    assert pos is not None
    with qtbot.waitSignal(view.address_clicked, timeout=2000) as blocker:
        qtbot.mouseClick(view.area.viewport(), Qt.MouseButton.LeftButton, pos=pos.toPoint())
    assert blocker.args == [address]


def test_show_address_scrolls_to_a_field_on_a_later_page(view, sample):
    last_item = [b.address for b in sample if b.address.startswith("item.")][-1]
    assert view.area.verticalScrollBar().value() == 0
    assert view.show_address(last_item)
    assert view.area.verticalScrollBar().value() > 0
    pos = view.line_position(last_item)
    assert 0 <= pos.y() <= view.area.viewport().height()
    assert view.highlighted == last_item
    assert not view.show_address("item.nowhere.body")


def test_zoom_buttons_and_ctrl_wheel_change_the_scale(view, qtbot):
    before = view.area.px_per_pt()
    view.zoom_in_button.click()
    assert view.area.px_per_pt() > before and not view.fit
    view.zoom_out_button.click()
    view.zoom_out_button.click()
    assert view.area.px_per_pt() < before
    zoom = view.zoom
    viewport = view.area.viewport()
    event = QWheelEvent(QPointF(50, 50), QPointF(viewport.mapToGlobal(QPoint(50, 50))), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    view.area.wheelEvent(event)
    assert view.zoom > zoom
    assert view.zoom_label.text() == f"{round(view.zoom * 100)}%"
    view.fit_button.click()
    assert view.fit


def test_relayout_follows_an_edit(view, sample):
    changed = list(sample)
    n = next(i for i, b in enumerate(changed) if b.kind == "para")
    block = changed[n]
    changed[n] = type(block)(block.kind, block.text + "新增一句话，用来检查预览会不会跟着改。" * 30, block.level,
                             block.number, block.heading, block.address, block.rows)
    pages = view.page_count()
    view.set_outline(changed)
    assert view.page_count() > pages
    assert view.last_layout_ms < 200


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils missing")
def test_printing_to_a_pdf_printer_gives_every_page(view, tmp_path):
    qps = print_support()
    printer = a4_printer(qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(qps.QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert print_pages(printer, view.document, view.page_painter) == view.page_count()
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {view.page_count()}" in info
    assert "(A4)" in info
    # a page range from the dialog prints only those pages
    printer2 = a4_printer(qps.QPrinter(qps.QPrinter.PrinterMode.HighResolution))
    printer2.setOutputFormat(qps.QPrinter.OutputFormat.PdfFormat)
    printer2.setOutputFileName(str(tmp_path / "range.pdf"))
    printer2.setFromTo(2, 3)
    assert print_pages(printer2, view.document, view.page_painter) == 2
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "range.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "— 2 —" in text and "— 1 —" not in text
