"""The 工作台账 with 5,000 entries: filter by period and area, totals per area and figure (budget ≤ 50 ms each).

Two years of generated entries (about 7 a day) in a fresh data folder. Measured through the
service, as the 台账 window calls it: the half-year's entries of one area, all entries of a year,
the half-year's totals, and one work area's draft (totals + sentence) for 从台账汇总. Median of 15.
"""

from __future__ import annotations

import datetime as _dt
import random
import tempfile
from pathlib import Path

from bench import support

ENTRIES = 5_000
BUDGET_MS = 50.0
TEXTS = ["到村组开展政策宣讲", "新时代文明实践站志愿服务", "向省级媒体报送稿件", "公众号推送", "送戏下乡演出",
         "网评员业务培训", "中心组专题学习", "舆情研判会商", "文明家庭评选", "电影进村放映"]


def generate(service, count: int = ENTRIES, seed: int = 5) -> None:
    from models.ledger import Entry

    rng = random.Random(seed)
    areas = service.areas()
    start = _dt.date(2023, 1, 1)
    entries = []
    for _ in range(count):
        area = rng.choice(areas)
        figures = {f.key: rng.randint(1, 300) for f in area.figures if rng.random() < 0.7}
        day = start + _dt.timedelta(days=rng.randint(0, 729))
        entries.append(Entry(day.isoformat(), area.id, rng.choice(TEXTS), figures))
    service._ledger.insert([service._normalize(e) for e in entries])


def run() -> list[tuple[str, str, str]]:
    from models.service import ReportService

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        service = ReportService(Path(tmp) / "data")
        try:
            generate(service)
            cases = [
                ("filter: 2024H1 entries of one area", lambda: service.ledger_entries("2024H1", "theory")),
                ("filter: all entries of 2024", lambda: service.ledger_entries("2024")),
                ("totals: 2024H1, every area and figure", lambda: service.ledger_totals("2024H1")),
                ("draft: one area's totals + sentence (从台账汇总)", lambda: service.ledger_draft("theory", "2024H1")),
            ]
            for what, call in cases:
                took, result = support.timed(call, repeat=15)
                size = f"{len(result):,} rows" if isinstance(result, list | dict) else "1 sentence"
                verdict = "OK" if took * 1000 <= BUDGET_MS else "OVER BUDGET"
                rows.append((f"{what} ({ENTRIES:,}-entry 台账)", support.ms(took),
                             f"{size}; budget ≤ {BUDGET_MS:.0f} ms {verdict}"))
        finally:
            service.close()
    return rows
