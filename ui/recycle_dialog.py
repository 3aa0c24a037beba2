"""回收站: deleted reports, with 恢复 and 彻底删除 (the only step that really removes anything)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import messages
from ui.lists import RecordListDialog
from ui.qt import QPushButton, QSize, Qt, QTreeWidgetItem, QWidget
from ui.start_page import friendly_time

if TYPE_CHECKING:
    from collections.abc import Iterator

    from models.api import ReportService


class RecycleDialog(RecordListDialog):
    columns = ("标题", "期间", "删除时间")
    column_widths = (120, 120)
    empty_text = "回收站是空的。"
    start_size = (640, 400)

    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self.restored: list[int] = []
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.restore_button = QPushButton("恢复")
        self.restore_button.setProperty("primary", True)
        self.restore_button.setToolTip("放回“我的总结”列表")
        self.purge_button = QPushButton("彻底删除")
        self.purge_button.setToolTip("从电脑上删除，无法恢复")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button.clicked.connect(self.purge_selected)
        self.lay_out("回收站", "删除的总结先放在这里，可以恢复；“彻底删除”后就找不回来了。",
                     [self.restore_button, self.purge_button])

    def rows(self) -> Iterator[QTreeWidgetItem]:
        for s in self.service.summaries(deleted=True):
            item = QTreeWidgetItem([s.title, s.period, friendly_time(s.deleted or "")])
            item.setData(0, Qt.ItemDataRole.UserRole, s.id)
            item.setToolTip(0, s.title)
            item.setSizeHint(0, QSize(0, self.fontMetrics().height() + 14))
            yield item

    def ids(self) -> list[int]:
        return [self.tree.topLevelItem(n).data(0, Qt.ItemDataRole.UserRole)
                for n in range(self.tree.topLevelItemCount())]

    def select(self, rid: int) -> None:
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item.data(0, Qt.ItemDataRole.UserRole) == rid:
                self.tree.setCurrentItem(item)

    def _selected(self) -> tuple[int, str] | None:
        item = self.selected_item()
        if item is None:
            return None
        return int(item.data(0, Qt.ItemDataRole.UserRole)), item.text(0)

    def selection_changed(self) -> None:
        has = self._selected() is not None
        self.restore_button.setEnabled(has)
        self.purge_button.setEnabled(has)

    def restore_selected(self) -> bool:
        picked = self._selected()
        if picked is None:
            return False
        self.service.restore(picked[0])
        self.restored.append(picked[0])
        self.refresh()
        return True

    def purge_selected(self) -> bool:
        picked = self._selected()
        if picked is None:
            return False
        if not messages.confirm(self, "彻底删除", f"彻底删除“{picked[1]}”？", "彻底删除",
                                informative="彻底删除后无法恢复。", danger=True):
            return False
        self.service.purge(picked[0])
        self.refresh()
        return True

    def outcome(self) -> list[int]:
        """The ids restored, so the list can select them."""
        return self.restored
