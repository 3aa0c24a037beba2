"""PDF export (export/pdf.py) and the painter: A4, fonts embedded, the layout's pages and lines,
written atomically with progress; the command line writes a PDF without a display."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from export import paged
from export.painter import PagePainter
from export.pdf import ensure_gui_app, render_pdf, write_pdf
from models.package import read_package_file
from tests.export import rendering

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                reason="poppler-utils missing")


@pytest.fixture(autouse=True)
def _qt(qapp):
    """pytest-qt's QApplication first: the PDF writer would otherwise make a QGuiApplication, and a
    widget test later in the same run could not start."""
    return qapp


def _pdf_first_lines(pdf: Path) -> list[str]:
    pages = rendering.pdf_pages(pdf)
    return [rendering.text_lines(page)[0].replace(" ", "") if rendering.text_lines(page) else "" for page in pages]


def _fonts(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_pdf_holds_the_paged_layout_with_embedded_fonts(service, tmp_path):
    sample = rendering.SAMPLES / "half_year.json"
    report = read_package_file(sample, service.library)
    steps: list[int] = []
    target = tmp_path / "总结.pdf"
    write_pdf(service.outline(report), target, progress=steps.append)
    assert steps[0] == 0 and steps[-1] == 100 and steps == sorted(steps)
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 841\.\d+ pts \(A4\)", info) or "(A4)" in info
    ensure_gui_app()
    painter = PagePainter()
    doc = painter.typesetter().layout(service.outline(report))
    assert f"Pages:           {len(doc.pages)}" in info
    fonts = _fonts(target)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the emb column
    expected = [line.replace(" ", "") for line in paged.first_lines(doc)]
    assert _pdf_first_lines(target) == expected
    # the page numbers alternate: odd pages right, even pages left
    text = rendering.pdf_pages(target)
    assert "— 1 —" in text[0].replace("—1—", "— 1 —") or re.search(r"—\s*1\s*—", text[0])


def test_a_failed_write_loses_nothing(service, tmp_path):
    report = read_package_file(rendering.SAMPLES / "speech.json", service.library)
    target = tmp_path / "讲话.pdf"
    target.write_bytes(b"old")
    from models.atomic import WriteError

    with pytest.raises(WriteError):
        write_pdf(service.outline(report), tmp_path / "missing-folder" / "x.pdf")
    assert target.read_bytes() == b"old"


def test_render_pdf_draws_every_character_at_its_grid_position():
    from models import outline as ol

    ensure_gui_app()
    blocks = [ol.Block(ol.TITLE, "示例镇2024年上半年宣传工作总结", address="front.title"),
              ol.Block(ol.PARA, "全镇开展理论宣讲" * 20, address="intro")]
    data = render_pdf(blocks, title="示例")
    assert data.startswith(b"%PDF")
    assert b"/FontFile" in data  # embedded


def test_cli_writes_a_pdf_without_a_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "speech.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), "export",
                             str(rendering.SAMPLES / "speech.json"), "-o", str(out)],
                            capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert _pdf_first_lines(out)[0].startswith("在")  # a speech title: 在…会议上的讲话


def test_blanks_are_marked_on_screen_only():
    from PySide6.QtGui import QImage, QPainter

    from export.painter import blank_marks
    from models import outline as ol

    ensure_gui_app()
    painter_ = PagePainter()
    doc = painter_.typesetter().layout([ol.Block(ol.PARA, "今年以来，某某镇开展活动XX场。", address="intro")])
    page = doc.pages[0]
    assert [blank for _line, _a, _b, blank in blank_marks(page)] == ["某某", "XX"]

    def reddish(mark: bool) -> int:
        image = QImage(int(paged.PAGE_WIDTH_PT), int(paged.PAGE_HEIGHT_PT), QImage.Format.Format_RGB32)
        qp = QPainter(image)
        painter_.paint(qp, page, mark_blanks=mark)
        qp.end()
        line = page.text_lines()[0]
        y = int(line.top + line.content.height / 2)
        return sum(1 for x in range(image.width()) if (c := image.pixelColor(x, y)).red() - c.green() > 25)

    assert reddish(False) == 0  # the PDF and the printer: never marked
    assert reddish(True) > 20
