"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 drops a reference to None on every QPlainTextEdit.setPlainText and on event
processing with a visible text box; after a few thousand keystrokes Python aborts with
"none_dealloc". The pinned version must not do that: the editor sets text on every section switch.
"""

from __future__ import annotations

import sys

from ui.qt import QApplication, QLineEdit, QPlainTextEdit


def test_setting_text_keeps_reference_counts(qtbot):
    box, line = QPlainTextEdit(), QLineEdit()
    qtbot.addWidget(box)
    qtbot.addWidget(line)
    box.show()
    line.show()
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(300):
        box.setPlainText(f"第{i}段")
        line.setText(str(i))
        QApplication.processEvents()
    # other objects may take or drop a few references meanwhile; a binding bug drops one per call
    assert abs(sys.getrefcount(None) - before_none) < 100
    assert abs(sys.getrefcount(True) - before_true) < 100
