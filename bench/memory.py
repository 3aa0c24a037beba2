"""Memory: resident set size with a 30-page report open in the editor (offscreen Qt), from source.

A child process (python -m bench.memory --child) opens ui.editor.editor.EditorWidget on a generated
report of at least 30 pages (GB/T 9704: 22 lines × 28 characters = 616 characters a page), shows
it, turns the preview on, visits every section, and reports VmRSS (Linux /proc; elsewhere the peak
from getrusage). Without the editor it falls back to the outline and the export preview.
The figure for a QApplication with an empty QMainWindow is measured the same way for reference.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import support

PAGES = 30
CHARS_PER_PAGE = 22 * 28


def rss_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def make_long_report(folder: Path) -> tuple[int, int]:
    """A half-year report with enough items and text for 30 printed pages: (id, characters)."""
    import random

    from models import outline
    from models.service import ReportService
    from models.text import count_chars

    service = ReportService(folder)
    try:
        areas = [a.id for a in service.areas()]
        report = service.build_report("half_year", unit="示例镇", period="2024H1", author="李明", date="2024-07-05",
                                      areas=areas)
        rng = random.Random(30)
        support.fill(service, report, rng, body_sentences=40)
        rid = service.store.insert_report(report)
        text = "\n".join(outline.outline_text(service.outline(service.load(rid))))
        return rid, count_chars(text)
    finally:
        service.close()


def _child(mode: str, folder: str, rid: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    result = {"mode": mode}
    if mode == "empty":
        window = QMainWindow()
        window.resize(1280, 800)
        window.show()
        app.processEvents()
    else:
        from models.service import ReportService
        from ui.app import setup_app

        setup_app(app)
        service = ReportService(folder)
        try:
            from ui.editor.editor import EditorWidget

            window = EditorWidget(service, rid)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            for top in window.sections:
                for section in top.walk():
                    window.show_section(section.key)
                    app.processEvents()
            window.set_preview_visible(True)
            app.processEvents()
            window.refresh()
            app.processEvents()
            result["what"] = "EditorWidget with preview"
        except ImportError:
            from PySide6.QtWidgets import QTextBrowser

            from models.outline import outline_text

            window = QTextBrowser()
            window.setPlainText("\n".join(outline_text(service.outline(service.load(rid)))))
            window.show()
            app.processEvents()
            result["what"] = "outline in a QTextBrowser (no editor)"
    result["rss"] = rss_bytes()
    print(json.dumps(result), flush=True)


def _measure(mode: str, folder: Path, rid: int) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "bench.memory", "--child", mode, str(folder), str(rid)],
                       cwd=support.ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("{")]
    if r.returncode != 0 or not lines:
        raise RuntimeError(f"memory child ({mode}) failed: {r.stderr[-1500:]}")
    return json.loads(lines[-1])


def run() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        rid, chars = make_long_report(folder)
        empty = _measure("empty", folder, rid)
        editor = _measure("editor", folder, rid)
    pages = chars / CHARS_PER_PAGE
    return [
        ("RSS: QApplication + empty QMainWindow", support.mb(empty["rss"]), "reference, from source"),
        (f"RSS: {editor.get('what', 'editor')}, {pages:.0f}-page report", support.mb(editor["rss"]),
         f"{chars:,} characters; +{support.mb(editor['rss'] - empty['rss'])} over the empty window"),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        for row in run():
            print("\t".join(row))
