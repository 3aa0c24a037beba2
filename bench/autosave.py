"""Autosave write latency: one ReportService.set_value per field edit, on a store with 1,000 reports.

What the editor's autosave does after a pause in typing: one row written in one transaction
(WAL, synchronous=FULL, so each edit reaches the disk: the figure is mostly the disk's fsync).
Typing is simulated on the fields of one report in turn, the text growing as it would. p50 and
p99 over all edits.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import support

REPORTS = 1000
EDITS = 600


def run() -> list[tuple[str, str, str]]:
    from models.service import ReportService

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(support.data_folder(REPORTS), folder)
        service = ReportService(folder)
        try:
            rid = service.store.list_reports()[REPORTS // 2]["id"]
            report = service.load(rid)
            addresses = [a for a in report.values if a.startswith(("item.", "intro", "part."))]
            text = "围绕学习宣传贯彻党的二十大精神，组织开展理论宣讲"
            if hasattr(os, "sync"):
                os.sync()  # the copy above written out first: its write-back must not land in the figures
            times = []
            for n in range(EDITS):
                address = addresses[n % len(addresses)]
                value = report.values[address] + text[: 1 + n % len(text)]
                t = time.perf_counter()
                service.set_value(rid, address, value)
                times.append(time.perf_counter() - t)
        finally:
            service.close()
    p50, p99 = support.percentile(times, 50), support.percentile(times, 99)
    return [
        (f"autosave set_value p50 ({REPORTS} reports)", support.ms(p50), f"{EDITS} edits on {len(addresses)} fields"),
        (f"autosave set_value p99 ({REPORTS} reports)", support.ms(p99), f"max {support.ms(max(times))}"),
    ]
