"""The section tree on the left: 基本信息, 导语, parts with their numbered items, 结束语."""

from __future__ import annotations

from ui.editor.marks import state_icon
from ui.editor.sections import EMPTY, STATE_WORDS, Section
from ui.qt import QSize, Qt, QTreeWidget, QTreeWidgetItem, QWidget, Signal

KEY_ROLE = Qt.ItemDataRole.UserRole


class Navigator(QTreeWidget):
    section_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(16, 16))
        self.setAccessibleName("文稿结构")
        self.setUniformRowHeights(True)
        self.setIndentation(16)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._shape: list[tuple[str, int]] = []
        self.currentItemChanged.connect(self._current_changed)

    def set_sections(self, sections: list[Section], states: dict[str, str]) -> None:
        """Show the sections; rebuild only when the structure changed, so selection and scroll stay."""
        shape = [(s.key, len(s.children)) for top in sections for s in top.walk()]
        if shape != self._shape:
            self._rebuild(sections)
            self._shape = shape
        for top in sections:
            for sec in top.walk():
                item = self._items[sec.key]
                state = states.get(sec.key, EMPTY)
                item.setText(0, sec.title)
                item.setIcon(0, state_icon(state))
                unprinted = sec.kind == "item" and not sec.number  # empty items are skipped in print
                tip = f"{sec.full_title}（还没有内容，导出时不会出现）" if unprinted else sec.full_title
                item.setToolTip(0, f"{tip}\n{STATE_WORDS[state]}")
                item.setForeground(0, Qt.GlobalColor.gray if unprinted else self.palette().text().color())

    def _rebuild(self, sections: list[Section]) -> None:
        current = self.current_key()
        self.blockSignals(True)
        self.clear()
        self._items = {}

        def add(parent: QTreeWidgetItem | QTreeWidget, sec: Section) -> None:
            item = QTreeWidgetItem(parent)
            item.setData(0, KEY_ROLE, sec.key)
            self._items[sec.key] = item
            for child in sec.children:
                add(item, child)

        for sec in sections:
            add(self, sec)
        self.expandAll()
        if current in self._items:
            self.setCurrentItem(self._items[current])
        self.blockSignals(False)

    def current_key(self) -> str:
        item = self.currentItem()
        return item.data(0, KEY_ROLE) if item is not None else ""

    def select(self, key: str) -> None:
        """Select without announcing it (the editor already shows that section)."""
        item = self._items.get(key)
        if item is None:
            return
        self.blockSignals(True)
        self.setCurrentItem(item)
        self.scrollToItem(item)
        self.blockSignals(False)

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.section_selected.emit(current.data(0, KEY_ROLE))
