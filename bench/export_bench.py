"""Word export of the largest sample vs raw python-docx writing the same paragraphs (target ≤ 1.5×).

Both sides start from python-docx's default template and save to memory, in the same process,
interleaved, several rounds; the figure is the ratio of the medians. "Raw" writes the same
paragraph texts (and the figures table's cells) with no styles, fonts, footers or settings.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

TARGET = 1.5
ROUNDS = 15


def _largest_sample():
    from models.package import read_package_file
    from models.service import ReportService

    root = Path(__file__).resolve().parent.parent
    samples = sorted((root / "resources" / "samples").glob("*.json"), key=lambda p: p.stat().st_size)
    tmp = tempfile.mkdtemp(prefix="bench-")
    service = ReportService(Path(tmp) / "data")
    try:
        if samples:
            report = read_package_file(samples[-1], service.library)
            name = samples[-1].name
        else:  # no samples yet: a freshly created report
            report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05")
            name = "(new half_year report)"
        return name, service.outline(report), service.title(report), report.get("front.author")
    finally:
        service.close()


def _raw(blocks) -> bytes:
    from docx import Document

    from models import outline as ol

    doc = Document()
    for block, text in zip(blocks, ol.outline_text(blocks), strict=True):
        doc.add_paragraph(text)
        if block.kind == ol.TABLE and block.rows:
            table = doc.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            for row, cells in zip(block.rows, table.rows, strict=True):
                for value, cell in zip(row, cells.cells, strict=True):
                    cell.text = value
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def run() -> list[tuple[str, str, str]]:
    from export.docx import render_docx
    from export.fonts import STANDARD_SCHEME

    name, blocks, title, author = _largest_sample()
    chars = sum(len(b.plain) for b in blocks)

    def ours() -> bytes:
        return render_docx(blocks, scheme=STANDARD_SCHEME, title=title, author=author)

    def raw() -> bytes:
        return _raw(blocks)

    ours(), raw()  # warm up imports and caches
    times: dict[str, list[float]] = {"export": [], "raw": []}
    sizes = {}
    for _ in range(ROUNDS):
        for key, fn in (("export", ours), ("raw", raw)):
            start = time.perf_counter()
            data = fn()
            times[key].append(time.perf_counter() - start)
            sizes[key] = len(data)
    export_ms = statistics.median(times["export"]) * 1000
    raw_ms = statistics.median(times["raw"]) * 1000
    ratio = export_ms / raw_ms
    verdict = "OK" if ratio <= TARGET else "OVER BUDGET"
    what = f"{name}, {len(blocks)} blocks, {chars:,} characters, median of {ROUNDS}"
    return [
        (f"raw python-docx, same paragraphs ({what})", f"{raw_ms:.1f} ms", f"{sizes['raw'] // 1024} KB"),
        (f"Word export, GB/T 9704 layout ({what})", f"{export_ms:.1f} ms",
         f"{ratio:.2f}× raw (budget ≤ {TARGET}×) {verdict}; {sizes['export'] // 1024} KB"),
    ]
