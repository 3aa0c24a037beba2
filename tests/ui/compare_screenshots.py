"""Screenshot of 同比 in the editor: a work-area item whose figures show last year's value and the change,
after 写入同比句, from the real app on a temporary data folder with two half-years of the same unit:

    Xvfb :92 -screen 0 1400x900x24 &
    DISPLAY=:92 QT_QPA_PLATFORM=xcb python -m tests.ui.compare_screenshots

→ docs/screenshots/compare-figures.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.ui.paged_screenshots import SHOTS, settle

# own text for the fictional 示例镇
BODY = "镇党委组建“百姓名嘴”宣讲队，深入村组、企业和学校，用群众听得懂的话讲政策。"


def _report(service, period: str, figures: dict[str, str], body: str = "") -> tuple[int, str]:
    rid = service.create_report("half_year", unit="示例镇", period=period, date=f"{period[:4]}-07-05",
                                areas=["theory", "news"])
    theory = next(i for i in service.load(rid).all_items() if i.area == "theory")
    values = {f"item.{theory.id}.fig.{k}": v for k, v in figures.items()}
    values[f"item.{theory.id}.heading"] = "聚焦理论武装，推动党的创新理论深入人心"
    if body:
        values[f"item.{theory.id}.body"] = body
    service.set_values(rid, values)
    return rid, theory.id


def main() -> int:
    from models.api import open_service
    from ui.app import setup_app
    from ui.editor.sections import item_key
    from ui.mainwindow import MainWindow
    from ui.qt import QApplication

    app = QApplication(sys.argv[:1])
    setup_app(app)
    with tempfile.TemporaryDirectory() as tmp:
        service, _notices = open_service(Path(tmp) / "data")
        _report(service, "2023H1", {"study_sessions": "8", "lectures": "20", "audience": "2600"})
        rid, item = _report(service, "2024H1", {"study_sessions": "8", "lectures": "24", "audience": "3100余"}, BODY)
        window = MainWindow(service)
        window.resize(1400, 900)
        window.show()
        settle(app)
        window.open_report(rid)
        editor = window.editor
        editor.show_section(item_key(item))
        settle(app)
        editor.write_compare_sentence(f"item.{item}.fig.lectures")  # at the end of the body
        editor.scroll.ensureWidgetVisible(editor.form.fields[f"item.{item}.fig.audience"], 20, 40)
        settle(app, 600)
        window.grab().save(str(SHOTS / "compare-figures.png"))
        window.close()
        service.close()
    print("docs/screenshots/compare-figures.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
