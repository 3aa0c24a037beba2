"""The report list and search over 10,000 generated reports.

service.summaries() (the start page list) and service.search() with a two-character query
(宣讲: LIKE, the trigram index needs three characters), a longer one (理论宣讲: full-text) and a
two-word one. Median of five calls each, the index already computed (as in daily use); the time
to compute it for all reports after a bulk import is reported too.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench import support

REPORTS = 10_000
QUERIES = ("宣讲", "理论宣讲", "志愿 文明")


def run() -> list[tuple[str, str, str]]:
    from models.service import ReportService

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(support.data_folder(REPORTS), folder)
        return _measure(ReportService(folder))


def _measure(service) -> list[tuple[str, str, str]]:
    rows = []
    try:
        t = time.perf_counter()
        for rid in [r["id"] for r in service.store.list_reports()][:500]:
            service.store.set_value(rid, "intro", service.load(rid).values.get("intro", "") + "。")
        service.refresh_index()
        per_report = (time.perf_counter() - t) / 500
        took, summaries = support.timed(service.summaries)
        rows.append((f"list: summaries() of {REPORTS:,} reports", support.ms(took), f"{len(summaries):,} rows"))
        for query in QUERIES:
            took, hits = support.timed(lambda q=query: service.search(q))
            sql, _ = support.timed(lambda q=query: service.store.search(q))
            kind = "LIKE" if any(len(w) < 3 for w in query.split()) else "full-text"
            rows.append((f"search “{query}” over {REPORTS:,} reports", support.ms(took),
                         f"{len(hits):,} hits ({kind}); of which the SQL query {support.ms(sql)}"))
        rows.append(("re-index one edited report (list summary + search text)", support.ms(per_report),
                     f"after a bulk import of {REPORTS:,}: ≈ {per_report * REPORTS:.0f} s once"))
    finally:
        service.close()
    return rows
