"""历史版本: the saved versions of one report, each viewable as text and restorable.

Versions are taken by the program (models/history.py): when a report is closed, when it is
exported, and every few minutes while it is edited (``AutoSnapshot``), each only when the report
changed. Restoring first saves the current content as a version, so nothing is ever lost.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models.api import SNAPSHOT_INTERVAL_MS, HistoryError, StoreError
from ui import messages
from ui.lists import RecordListDialog
from ui.qt import (
    QObject,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    Qt,
    QTimer,
    QTreeWidgetItem,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from models.api import ReportService

log = logging.getLogger(__name__)


class AutoSnapshot(QObject):
    """Takes a version of the open report every few minutes while it changes; the editor owns one.

    ``AutoSnapshot(service, rid, parent=editor)``; call ``closed()`` when the report is closed and
    ``exported()`` after an export. Failures never interrupt typing: they are reported by ``failed``.
    """

    failed = Signal(str)

    def __init__(self, service: ReportService, rid: int, parent: QObject | None = None, *,
                 interval_ms: int = SNAPSHOT_INTERVAL_MS) -> None:
        super().__init__(parent)
        self.service, self.rid = service, rid
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.take("auto"))
        self.timer.start()

    def take(self, reason: str) -> int | None:
        try:
            return self.service.snapshot(self.rid, reason)
        except (StoreError, OSError, ValueError) as exc:
            log.warning("报告 %s 的历史版本没有保存", self.rid, exc_info=True)
            self.failed.emit(f"历史版本没有保存：{exc}")
            return None

    def closed(self) -> int | None:
        self.timer.stop()
        return self.take("close")

    def exported(self) -> int | None:
        return self.take("export")


class HistoryDialog(RecordListDialog):
    restored = Signal(int)  # the report id whose content was replaced: reopen it
    columns = ("保存时间", "说明")
    column_widths = (110,)
    empty_text = "这份报告还没有历史版本。编辑几分钟、关闭或导出后会自动保存。"
    start_size = (900, 560)

    def __init__(self, service: ReportService, rid: int, parent: QWidget | None = None, *,
                 before_restore: Callable[[], bool] | None = None,
                 on_restored: Callable[[int], None] | None = None) -> None:
        super().__init__(service, parent)
        self.rid = rid
        self.before_restore = before_restore
        if on_restored is not None:
            self.restored.connect(on_restored)
        title = service.title(service.load(rid))
        minutes = SNAPSHOT_INTERVAL_MS // 60000
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setPlaceholderText("选中左边的一个版本，在这里查看它的全文（只读）。")
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.view)
        split.setStretchFactor(1, 2)
        # room for “2024年7月5日 14:32:05” and its 说明 uncut; the text gets the rest
        split.setSizes([self.fontMetrics().horizontalAdvance("2024年12月31日 23:59:59") + 150, 560])
        self.split = split

        self.restore_button = QPushButton("恢复到这个版本…")
        self.restore_button.setProperty("primary", True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.lay_out(f"历史版本 - {title}",
                     f"《{title}》的历史版本：关闭、导出时和编辑中每 {minutes} 分钟（有修改时）自动保存。"
                     "选中一个版本可在右边查看当时的全文；恢复前会先保存现在的内容，随时可以再恢复回来。",
                     [self.restore_button], body=split)

    def rows(self) -> Iterator[QTreeWidgetItem]:
        for snap in self.service.snapshots(self.rid):
            item = QTreeWidgetItem([snap.time_text, snap.label])
            item.setData(0, Qt.ItemDataRole.UserRole, snap.id)
            yield item

    def selected(self) -> int | None:
        item = self.selected_item()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def selection_changed(self) -> None:
        """Show the selected version's text beside the list."""
        sid = self.selected()
        self.restore_button.setEnabled(sid is not None)
        if sid is None:
            self.view.setPlainText("")
            return
        try:
            self.view.setPlainText(self.service.snapshot_text(sid))
        except HistoryError as exc:
            self.view.setPlainText(str(exc))
            self.restore_button.setEnabled(False)

    def restore_selected(self) -> bool:
        sid = self.selected()
        item = self.tree.currentItem()
        if sid is None or item is None:
            return False
        when = item.text(0)
        if not messages.confirm(self, "恢复历史版本", f"把这份报告恢复到 {when} 的版本吗？", "恢复",
                                informative="现在的内容会先保存为一个历史版本（“恢复前”），可以随时再恢复回来。"):
            return False
        if self.before_restore is not None and self.before_restore() is False:
            return False
        try:
            self.service.restore_snapshot(self.rid, sid)
        except (HistoryError, StoreError) as exc:
            messages.error(self, "无法恢复", str(exc))
            return False
        self.refresh()
        self.restored.emit(self.rid)
        messages.info(self, "已恢复", f"已恢复到 {when} 的版本。恢复前的内容已保存在历史版本中（“恢复前”）。")
        return True
