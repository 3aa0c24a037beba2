"""Screenshots of the paged preview, a page-level finding and the print dialog, from the real app.

Runs the application's own start-up (fonts, the Chinese Qt translation) and main window on a
temporary data folder seeded with resources/samples, drives it, and saves the window:

    Xvfb :93 -screen 0 1400x900x24 &
    DISPLAY=:93 QT_QPA_PLATFORM=xcb python -m tests.ui.paged_screenshots

→ docs/screenshots/editor-preview.png, page-finding.png, print-dialog.png, pdf-half_year.png (the
PDF export's first page) and pdf-annual_plan-attachment.png (the 落款 page and the attachment);
every page of every sample's PDF at 50 dpi goes to the folder given as argument, to be looked at.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.json"))
# own text for a fictional unit, long enough to be far over the genre's suggested length
LONG = ("示例镇坚持把宣传思想工作放在全局中谋划，围绕中心、服务大局，组织开展理论宣讲、新闻宣传、"
        "文明实践和网络文明建设，各项工作有序推进。")


def settle(app, ms: int = 300) -> None:
    from ui.qt import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    app.processEvents()


def main(pages: Path) -> int:
    """``pages``: where every PDF page of every sample goes as a PNG, to look at."""
    from models.api import open_service
    from ui.app import setup_app
    from ui.editor.sections import INTRO, item_key
    from ui.mainwindow import MainWindow
    from ui.qt import QApplication, QTimer

    app = QApplication(sys.argv[:1])
    setup_app(app)
    with tempfile.TemporaryDirectory() as tmp:
        service, _notices = open_service(Path(tmp) / "data")
        ids = {path.stem: service.import_package(path) for path in SAMPLES}
        window = MainWindow(service)
        window.resize(1400, 900)
        window.show()
        settle(app)

        # 1. the editor with the pages beside the form, a field being edited marked on its page
        window.open_report(ids["half_year"])
        editor = window.editor
        editor.set_preview_visible(True)
        report = service.load(ids["half_year"])
        second = report.items["results"][1]
        editor.show_section(item_key(second.id))
        settle(app)
        editor.form.fields[f"item.{second.id}.body"].focus_field()
        settle(app, 600)
        window.grab().save(str(SHOTS / "editor-preview.png"))

        # 2. a page-level finding in the checks panel: the same report, far too long
        editor.show_section(INTRO)
        paragraphs = int(editor.genre.suggested[1] * 1.6 / len(LONG * 3)) + 1
        editor.form.fields["intro"].setPlainText("\n".join([LONG * 3] * paragraphs))
        editor.refresh()
        settle(app, 400)
        rows = [n for n, f in enumerate(editor.checks.findings) if f.rule.startswith("page.")]
        item = editor.checks.list.item(rows[0])
        editor.checks.list.setCurrentItem(item)
        editor.checks.list.scrollToItem(item)
        editor.checks.list.itemClicked.emit(item)
        settle(app, 600)
        window.grab().save(str(SHOTS / "page-finding.png"))
        editor.undo_stack.clear()
        editor.form.fields["intro"].setPlainText(report.get("intro"))
        editor.refresh()

        # 3. Ctrl+P: Qt's print dialog, in Chinese
        def grab_dialog() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(200, grab_dialog)
                return
            settle(app, 500)
            dialog.grab().save(str(SHOTS / "print-dialog.png"))
            dialog.reject()

        QTimer.singleShot(500, grab_dialog)
        from ui import messages

        messages.confirm = lambda *a, **k: True  # the sample has nothing 待补; the confirm would not show
        window.print_action.trigger()
        settle(app)
        window.close()

        # 4. every sample as the PDF export writes it, every page at 50 dpi into the pages folder; the
        #    first page of half_year and the 落款 and attachment pages of annual_plan into docs
        from export.pdf import write_pdf

        pages.mkdir(parents=True, exist_ok=True)
        for name, rid in ids.items():
            pdf = pages / f"{name}.pdf"
            write_pdf(service.outline(service.load(rid)), pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(pages / name)], check=True, timeout=120)
        service.close()
    shutil.copy(pages / "half_year-1.png", SHOTS / "pdf-half_year.png")
    last = sorted(pages.glob("annual_plan-*.png"))
    _side_by_side(last[-3], last[-2], SHOTS / "pdf-annual_plan-attachment.png")
    for name in ("editor-preview", "page-finding", "print-dialog", "pdf-half_year", "pdf-annual_plan-attachment"):
        print(f"docs/screenshots/{name}.png")
    print(f"every PDF page: {pages}")
    return 0


def _side_by_side(left: Path, right: Path, out: Path) -> None:
    from ui.qt import QImage, QPainter

    a, b = QImage(str(left)), QImage(str(right))
    image = QImage(a.width() + b.width() + 12, max(a.height(), b.height()), QImage.Format.Format_RGB32)
    image.fill(0xE4E6EA)
    painter = QPainter(image)
    painter.drawImage(0, 0, a)
    painter.drawImage(a.width() + 12, 0, b)
    painter.end()
    image.save(str(out))


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="pdf-pages-"))))
