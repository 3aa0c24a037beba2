"""Builders shared by the editor tests."""

from __future__ import annotations

from models.service import ReportService
from ui.editor.editor import EditorWidget
from ui.qt import QApplication, QInputMethodEvent, QWidget


def new_report(service: ReportService, genre: str = "half_year") -> int:
    return service.create_report(genre, unit="示例镇", period="2024H1", date="2024-07-05",
                                 areas=["theory", "news"])


def open_editor(qtbot, service: ReportService, rid: int) -> EditorWidget:
    editor = EditorWidget(service, rid)
    qtbot.addWidget(editor)
    editor.resize(1200, 760)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()  # so focus (and focus-based undo routing) works offscreen
    qtbot.waitUntil(editor.isActiveWindow, timeout=2000)
    return editor


def item_ids(service: ReportService, rid: int, part: str) -> list[str]:
    return [i.id for i in service.load(rid).items[part]]


def stored(service: ReportService, rid: int, address: str) -> str:
    return service.load(rid).get(address)


def type_text(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method delivers it (QTest.keyClicks only knows ASCII keys)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
