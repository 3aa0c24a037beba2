"""台账的回收站: deleted 台账 entries, with 恢复 and 彻底删除 (the only step that really removes one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import messages
from ui.lists import hint_label, record_list
from ui.qt import QAbstractItemView, QDialog, QHBoxLayout, QPushButton, Qt, QTreeWidgetItem, QVBoxLayout, QWidget
from ui.start_page import friendly_time

if TYPE_CHECKING:
    from models.api import ReportService

ID_ROLE = Qt.ItemDataRole.UserRole


class LedgerRecycleDialog(QDialog):
    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.restored: list[int] = []
        self.setWindowTitle("台账回收站")
        self.areas = {a.id: a.name for a in service.areas()}
        self.tree = record_list(["做了什么", "日期", "工作板块", "删除时间"], [100, 120, 120])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.empty = hint_label("台账回收站是空的。", centered=True)
        self.restore_button = QPushButton("恢复")
        self.restore_button.setProperty("primary", True)
        self.purge_button = QPushButton("彻底删除")
        close = QPushButton("关闭")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("删除的台账记录先放在这里，可以恢复；“彻底删除”后就找不回来了。"))
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.resize(720, 420)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        for e in sorted(self.service.ledger_entries(deleted=True), key=lambda e: e.deleted or "", reverse=True):
            item = QTreeWidgetItem([e.text or "（只有数据）", e.date, self.areas.get(e.area, e.area),
                                    friendly_time(e.deleted or "")])
            item.setData(0, ID_ROLE, e.id)
            self.tree.addTopLevelItem(item)
        has = self.tree.topLevelItemCount() > 0
        self.tree.setVisible(has)
        self.empty.setVisible(not has)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        return [int(i.data(0, ID_ROLE)) for i in self.tree.selectedItems()]

    def _update_buttons(self) -> None:
        has = bool(self.selected_ids())
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)

    def restore_selected(self) -> int:
        ids = self.selected_ids()
        if ids:
            self.service.restore_ledger_entries(ids)
            self.restored.extend(ids)
            self.refresh()
        return len(ids)

    def purge_selected(self) -> int:
        ids = self.selected_ids()
        if not ids or not messages.confirm(self, "彻底删除", f"彻底删除选中的 {len(ids)} 条台账记录？", "彻底删除",
                                           informative="彻底删除后无法恢复。", danger=True):
            return 0
        self.service.purge_ledger_entries(ids)
        self.refresh()
        return len(ids)
