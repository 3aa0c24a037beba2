"""A 1 MB paste into the 导语 field: how long the paste and the editor's refresh after it take.

What an officer does when they paste a whole old file into one field. The paste must not freeze
the window and the refresh (counts, checks, navigator, preview) the debounce timer runs after it
must come back quickly. Budgets: paste ≤ 1 s, refresh ≤ 2 s (medians of 3).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

PASTE_BUDGET_S = 1.0
REFRESH_BUDGET_S = 2.0


def run() -> list[tuple[str, str, str]]:
    from models.api import ReportService
    from ui.editor.editor import EditorWidget
    from ui.qt import QApplication, QMimeData

    app = QApplication.instance() or QApplication([])
    paragraph = "围绕中心工作开展宣传，群众参与热情高涨。" * 25 + "\n"
    text = paragraph * (1_000_000 // len(paragraph))
    pastes, refreshes = [], []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            service = ReportService(Path(tmp) / "data")
            rid = service.create_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05",
                                        areas=["theory", "news"])
            editor = EditorWidget(service, rid)
            editor.resize(1200, 760)
            editor.show()
            app.processEvents()
            editor.show_section("intro")
            mime = QMimeData()
            mime.setText(text)
            started = time.perf_counter()
            editor.form.fields["intro"].insertFromMimeData(mime)
            pastes.append(time.perf_counter() - started)
            started = time.perf_counter()
            editor.refresh()
            refreshes.append(time.perf_counter() - started)
            editor.flush()
            editor.close()
            editor.deleteLater()
            app.processEvents()
            service.close()
    paste, refresh = statistics.median(pastes), statistics.median(refreshes)

    def verdict(value: float, budget: float) -> str:
        return f"budget ≤ {budget:.0f} s: {'OK' if value <= budget else 'OVER BUDGET'}"

    return [("paste of 1 MB into 导语 (median of 3)", f"{paste * 1000:.0f} ms", verdict(paste, PASTE_BUDGET_S)),
            ("editor refresh after it", f"{refresh * 1000:.0f} ms", verdict(refresh, REFRESH_BUDGET_S))]
