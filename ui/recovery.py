"""What the officer is told at start: the data check (models/integrity.py) and an abnormal last run.

Nothing is ever recovered silently. ``show_start_messages`` is what run_gui calls once the main
window is shown: first the notices of ``open_service`` (a damaged database moved aside and a
backup restored, or a failed start backup), then, when the last run did not exit cleanly, a
dialog naming the reports that were being edited and up to when each was saved, with a button to
open one. The old session markers are removed only after that was shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.api import recovery_message
from ui import messages
from ui.qt import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.api import CrashedSession, ReportService, Session


class RecoveryDialog(QDialog):
    """上次没有正常退出: the message, and the reports that were open, each openable."""

    open_requested = Signal(int)

    def __init__(self, service: ReportService, crashed: list[CrashedSession], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("上次没有正常退出")
        self.text = recovery_message(service, crashed) or ""
        body = QPlainTextEdit(self.text)
        body.setReadOnly(True)
        self.list = QListWidget()
        for rid in dict.fromkeys(r for c in crashed for r in c.reports):
            if not service.report_exists(rid):
                continue
            item = QListWidgetItem(f"打开《{service.title(service.load(rid))}》")
            item.setData(Qt.ItemDataRole.UserRole, rid)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda *_: self.open_selected())
        self.open_button = QPushButton("打开所选报告核对")
        self.open_button.setProperty("primary", True)
        self.open_button.clicked.connect(self.open_selected)
        ok = QPushButton("知道了")
        ok.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(ok)
        layout = QVBoxLayout(self)
        layout.addWidget(body, 2)
        has = self.list.count() > 0
        if has:
            layout.addWidget(QLabel("可以直接打开当时正在编辑的报告："))
            layout.addWidget(self.list, 1)
            self.list.setCurrentRow(0)
        self.open_button.setVisible(has)
        layout.addLayout(buttons)
        self.resize(620, 420)

    def open_selected(self) -> int | None:
        item = self.list.currentItem()
        if item is None:
            return None
        rid = int(item.data(Qt.ItemDataRole.UserRole))
        self.open_requested.emit(rid)
        self.accept()
        return rid


def show_start_messages(parent: QWidget | None, service: ReportService, notices: list[str],
                        session: Session | None, crashed: list[CrashedSession], *,
                        open_report: Callable[[int], object] | None = None, dialog: bool = True) -> None:
    """Tell the officer what the start found; then forget the old session markers."""
    if notices:
        messages.info(parent, "数据检查", "\n\n".join(notices))
    # a run that ended abnormally with no report open lost nothing: no need to alarm anyone
    if any(c.reports for c in crashed):
        if dialog:
            box = RecoveryDialog(service, crashed, parent)
            if open_report is not None:
                box.open_requested.connect(open_report)
            box.exec()
        else:
            messages.info(parent, "上次没有正常退出", recovery_message(service, crashed) or "")
    if session is not None:
        session.acknowledge()
