"""The reference for the size and start-up budgets: one QMainWindow, PySide6.QtWidgets and docx.

Frozen one-folder by the same PyInstaller as the app, with no exclusions (bench/hello/hello.spec).
With ZONGJIE_BENCH_READY set it prints READY once the window is shown and the event loop is idle,
and with ZONGJIE_SMOKE_QUIT set it quits right after — the same hooks as the app.
"""

from __future__ import annotations

import os
import sys

import docx  # noqa: F401  (the export library the app ships: part of the reference)
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("Hello")
    window.setCentralWidget(QLabel("Hello, world"))
    window.resize(640, 480)
    window.show()
    if os.environ.get("ZONGJIE_BENCH_READY"):
        QTimer.singleShot(0, lambda: print("READY", flush=True))
    if os.environ.get("ZONGJIE_SMOKE_QUIT"):
        QTimer.singleShot(0, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
