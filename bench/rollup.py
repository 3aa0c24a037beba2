"""County roll-up of 30 towns' report packages into the 统计表 .xlsx (budget ≤ 2 s).

The packages are generated first (not timed) with the service and the package writer; timed is
what the officer waits for: reading and validating the 30 files, the towns × figures matrix with
totals and ranks, and writing the workbook. Median of 5.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench import support

TOWNS = 30
BUDGET_S = 2.0


def run() -> list[tuple[str, str, str]]:
    from export.xlsx import write_rollup
    from models.service import ReportService
    from tests.models.towns import write_town_packages

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        service = ReportService(folder / "data")
        try:
            write_town_packages(service, folder / "in")
            files = sorted((folder / "in").glob("*.json"))
            assert len(files) == TOWNS

            def roll_up():
                result = service.rollup_packages(files, expected=[])
                write_rollup(result, folder / "统计表.xlsx")
                return result

            took, result = support.timed(roll_up, repeat=5)
            t = time.perf_counter()
            service.rollup_packages(files, expected=[])
            matrix = time.perf_counter() - t
        finally:
            service.close()
    verdict = "OK" if took <= BUDGET_S else "OVER BUDGET"
    return [(f"roll-up of {TOWNS} packages → 统计表.xlsx", support.ms(took),
             f"{len(result.towns)} towns × {len(result.columns)} figures; budget ≤ {BUDGET_S:.0f} s {verdict}"),
            ("  of which reading the packages and the matrix", support.ms(matrix), "")]
