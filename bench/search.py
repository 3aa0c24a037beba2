"""The reports list and search over 10,000 reports, end to end on the start page (offscreen Qt).

What an officer waits for: from the search running (after the typing pause) until the first
results are painted, for a two-character query (宣讲: LIKE, the trigram index needs three
characters), a longer one (理论宣讲: full-text) and a two-word one; the list of all 10,000 opening
(a new start page, and the search box cleared); sorting by the title column; jumping to the end of
the list. p50 / p95 of RUNS runs each, the list summaries already computed (as in daily use).
The service's own figures (summaries() and search() building every summary) and the time to
re-index one edited report are reported too.

The 10,000 reports are DISTINCT generated and indexed ones plus copies of them written through the
store (a copy keeps its source's search text and list columns), so the data folder is made in
seconds; it is cached in build/bench-data/.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import support

REPORTS = 10_000
DISTINCT = 400
QUERIES = ("宣讲", "理论宣讲", "志愿 文明")
RARE = "台风"  # in no generated report: a two-character word must then scan every text
RUNS = 15
BUDGET_MS = 50.0


def data_folder(count: int = REPORTS, distinct: int = DISTINCT) -> Path:
    """A data folder with ``count`` indexed reports (``distinct`` generated, the rest copies), made once."""
    import datetime as _dt

    from models.service import ReportService

    folder = support.ROOT / "build" / "bench-data" / f"search-{count}"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    service = ReportService(folder)
    try:
        ids = support.generate(service, distinct)  # generated, filled and indexed one by one
        conn = service.store.conn
        sources = []
        for rid in ids:
            body = conn.execute("SELECT body FROM report_search WHERE rowid = ?", (rid,)).fetchone()[0]
            title, progress, problems = conn.execute(
                "SELECT title, progress, problems FROM reports WHERE id = ?", (rid,)).fetchone()
            sources.append((service.load(rid), body, title, progress, problems))
        start = _dt.datetime(2023, 1, 1, 8, 0)
        with service.store.transaction():
            for n in range(count - distinct):
                report, body, title, progress, problems = sources[n % distinct]
                report.id = None
                report.created = report.updated = (start + _dt.timedelta(minutes=97 * n)).isoformat(timespec="seconds")
                new = service.store.insert_report(report)
                service.store.save_index(new, text=body, title=title, progress=progress, problems=problems)
    finally:
        service.close()
    marker.write_text("ok")
    return folder


def run() -> list[tuple[str, str, str]]:
    from models.service import ReportService

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(data_folder(), folder)
        service = ReportService(folder)
        try:
            rows = _service_figures(service)
            rows += _page_figures(service)
        finally:
            service.close()
        return rows


def _service_figures(service) -> list[tuple[str, str, str]]:
    rows = []
    t = time.perf_counter()
    for rid in [r["id"] for r in service.store.list_reports()][:200]:
        service.store.set_value(rid, "intro", service.load(rid).values.get("intro", "") + "。")
    service.refresh_index()
    per_report = (time.perf_counter() - t) / 200
    took, summaries = support.timed(service.summaries)
    rows.append((f"service: summaries() of {REPORTS:,} reports", support.ms(took), f"{len(summaries):,} rows"))
    for query in QUERIES:
        took, hits = support.timed(lambda q=query: service.search(q))
        sql, _ = support.timed(lambda q=query: service.store.search(q))
        kind = "LIKE" if any(len(w) < 3 for w in query.split()) else "full-text"
        rows.append((f"service: search() “{query}”, every summary", support.ms(took),
                     f"{len(hits):,} hits ({kind}); of which the SQL query {support.ms(sql)}"))
        if hasattr(service, "report_ids"):  # the paged list: the first page and the summaries of its rows
            def first_page(q=query):
                return service.summaries(ids=service.report_ids(q, limit=100)[:100])
            took, page = support.timed(first_page)
            rows.append((f"service: first page of “{query}” (100 ids + their summaries)", support.ms(took),
                         f"{len(page)} rows"))
    rows.append(("re-index one edited report (list summary + search text)", support.ms(per_report),
                 f"after a bulk import of {REPORTS:,}: ≈ {per_report * REPORTS:.0f} s once"))
    return rows


def _page_figures(service) -> list[tuple[str, str, str]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import setup_app
    from ui.qt import QApplication, Qt
    from ui.start_page import TITLE, UPDATED, StartPage

    app = QApplication.instance() or QApplication([])
    setup_app(app)

    def painted(page) -> None:
        page.table.viewport().repaint()  # the first results on screen
        app.processEvents()  # then what waits in the event loop (the rest of a search, the footer)

    rows = []
    opens = []
    for _ in range(5):
        t = time.perf_counter()
        page = StartPage(service)
        page.resize(1280, 760)
        page.show()
        painted(page)
        opens.append(time.perf_counter() - t)
        page.close()
        page.deleteLater()
        app.processEvents()
    rows.append(_row(f"start page opens with the list of {REPORTS:,} (first paint)", opens))

    page = StartPage(service)
    page.resize(1280, 760)
    page.show()
    painted(page)
    shown = page.footer.text()
    for query in QUERIES:
        times, counted = [], []
        for _ in range(RUNS):
            page.search.setText("")  # from the whole list, as when the officer starts typing
            page.refresh()
            painted(page)
            page.search.setText(query)
            t = time.perf_counter()
            page.refresh()
            page.table.viewport().repaint()
            times.append(time.perf_counter() - t)
            app.processEvents()
            counted.append(time.perf_counter() - t)
        rows.append(_row(f"search “{query}” → first results painted", times))
        rows.append(_row(f"search “{query}” → every result listed and counted", counted, page.footer.text(),
                         budget=False))
    rare = []
    for _ in range(RUNS // 3):
        page.search.setText(RARE)
        t = time.perf_counter()
        page.refresh()
        page.table.viewport().repaint()
        rare.append(time.perf_counter() - t)
        app.processEvents()
    rows.append(_row(f"search “{RARE}” (two characters in no report: the whole scan) → “没有找到” shown", rare,
                     budget=False))
    clears = []
    for _ in range(RUNS):
        page.search.setText(QUERIES[0])
        page.refresh()
        painted(page)
        page.search.setText("")
        t = time.perf_counter()
        page.refresh()
        painted(page)
        clears.append(time.perf_counter() - t)
    rows.append(_row(f"search cleared → the list of {REPORTS:,} painted", clears, shown))
    sorts = []
    for n in range(RUNS // 3):
        for column, order in ((TITLE, Qt.SortOrder.AscendingOrder), (UPDATED, Qt.SortOrder.DescendingOrder)):
            t = time.perf_counter()
            page.table.sortByColumn(column, order)
            painted(page)
            if n or column == TITLE:
                sorts.append(time.perf_counter() - t)
    rows.append(_row("sort by a column (标题, then 最后编辑 back) → painted", sorts))
    ends = []
    for _ in range(RUNS // 3):
        page.refresh()
        painted(page)
        t = time.perf_counter()
        page.table.scrollToBottom()
        painted(page)
        ends.append(time.perf_counter() - t)
    rows.append(_row("jump to the end of the list (Ctrl+End) → painted", ends))
    page.close()
    return rows


def _row(what: str, times: list[float], note: str = "", budget: bool = True) -> tuple[str, str, str]:
    p50, p95 = support.percentile(times, 50), support.percentile(times, 95)
    verdict = ("OK" if p95 * 1000 <= BUDGET_MS else "OVER BUDGET") if budget else ""
    text = f"p95 {support.ms(p95)}" + (f" (budget ≤ {BUDGET_MS:.0f} ms) {verdict}" if budget else "")
    return (what, f"p50 {support.ms(p50)}", text + (f"; {note}" if note else ""))
