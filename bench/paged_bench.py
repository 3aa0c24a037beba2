"""Paged layout, PDF export and the paged preview following typing (budgets ≤ 100 ms, ≤ 0.3× LibreOffice, ≤ 100 ms p95).

- layout: export/paged.py lays out the largest sample from scratch (a fresh Typesetter), median of 15;
- PDF: export/pdf.py writes the same report (layout, drawing, file) vs LibreOffice converting the
  exported .docx to PDF (soffice --convert-to pdf, one run each, as an officer would), same run,
  medians of 3;
- typing: a generated 30-page report in the paged preview widget; each of 60 edits appends a
  character to a paragraph in the middle, then the outline is rebuilt, laid out and the visible
  page repainted — the time until the screen shows the edit; p95.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.support import ROOT, percentile

LAYOUT_BUDGET_MS = 100
PDF_RATIO = 0.3
TYPING_BUDGET_MS = 100


def _largest_sample(service):
    from models.package import read_package_file

    samples = sorted((ROOT / "resources" / "samples").glob("*.json"), key=lambda p: p.stat().st_size)
    return samples[-1].stem, read_package_file(samples[-1], service.library)


def run() -> list[tuple[str, str, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from export import paged
    from export.docx import write_docx
    from export.pdf import write_pdf
    from models.service import ReportService
    from tests.export import paged_agreement, rendering
    from ui.qt import QApplication

    app = QApplication.instance() or QApplication(["bench"])
    from export.painter import PagePainter
    from ui.editor.paged_view import PagedView

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = ReportService(folder / "data")
        try:
            name, report = _largest_sample(service)
            blocks = service.outline(report)
            metrics = PagePainter().metrics()
            times = []
            for _ in range(15):
                start = time.perf_counter()
                doc = paged.Typesetter(metrics).layout(blocks)
                times.append(time.perf_counter() - start)
            layout_ms = statistics.median(times) * 1000
            verdict = "OK" if layout_ms <= LAYOUT_BUDGET_MS else "OVER BUDGET"
            rows.append((f"paged layout of {name} ({len(doc.pages)} pages, {doc.chars:,} characters), median of 15",
                         f"{layout_ms:.1f} ms", f"budget ≤ {LAYOUT_BUDGET_MS} ms {verdict}"))

            pdf_times, lo_times = [], []
            docx = folder / f"{name}.docx"
            write_docx(service.outline(report), docx)
            for n in range(3):
                start = time.perf_counter()
                write_pdf(service.outline(report), folder / f"{name}-{n}.pdf")
                pdf_times.append(time.perf_counter() - start)
                if not rendering.tools_missing():
                    start = time.perf_counter()
                    rendering.to_pdf(docx, folder / f"lo-{n}")
                    lo_times.append(time.perf_counter() - start)
            pdf_ms = statistics.median(pdf_times) * 1000
            if lo_times:
                lo_ms = statistics.median(lo_times) * 1000
                ratio = pdf_ms / lo_ms
                verdict = "OK" if ratio <= PDF_RATIO else "OVER BUDGET"
                rows.append((f"LibreOffice .docx → PDF of {name}, median of 3", f"{lo_ms:.0f} ms",
                             "soffice, one run each"))
                rows.append((f"PDF export of {name} (layout, drawing, file), median of 3", f"{pdf_ms:.0f} ms",
                             f"{ratio:.2f}× LibreOffice (budget ≤ {PDF_RATIO}×) {verdict}"))
            else:
                rows.append((f"PDF export of {name}, median of 3", f"{pdf_ms:.0f} ms", "LibreOffice missing: no ratio"))

            big = paged_agreement.generated_report(service, 30)
            view = PagedView()
            view.resize(760, 1000)
            view.show()
            app.processEvents()
            view.set_outline(service.outline(big))
            app.processEvents()
            filled = [i for i in big.all_items() if big.get(f"item.{i.id}.body")]
            body = filled[len(filled) // 2]  # a paragraph in the middle of the document
            address = f"item.{body.id}.body"
            view.show_address(address)
            typing = []
            for _ in range(60):
                big.values[address] = big.values[address] + "新"
                start = time.perf_counter()
                view.set_outline(service.outline(big))
                view.area.viewport().repaint()
                typing.append(time.perf_counter() - start)
            p95 = percentile(typing, 95) * 1000
            verdict = "OK" if p95 <= TYPING_BUDGET_MS else "OVER BUDGET"
            rows.append((f"paged preview follows typing, {view.page_count()}-page report, p95 of 60 edits",
                         f"{p95:.1f} ms", f"p50 {percentile(typing, 50) * 1000:.1f} ms; outline + layout + repaint; "
                                          f"budget ≤ {TYPING_BUDGET_MS} ms {verdict}"))
            view.close()
        finally:
            service.close()
    return rows
