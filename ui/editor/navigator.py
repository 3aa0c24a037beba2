"""The section tree on the left: 基本信息, 导语, parts with their numbered items, 结束语.

Right click asks the editor for the menu of a section or item (添加条目 / 上移 / 下移 / 删除 /
添加部分 / 删除部分); a level-1 section can be dragged to another place among the sections. The
tree itself changes nothing: the editor makes the change and hands back the new sections.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.editor.marks import state_icon
from ui.editor.sections import EMPTY, PART, STATE_WORDS, Section
from ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QPoint,
    QPushButton,
    QSize,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.qt import QMenu

KEY_ROLE = Qt.ItemDataRole.UserRole
MENU_TIP = {True: "右键可以添加、移动或删除；一级部分也可以拖动调整顺序。", False: "右键可以添加、移动或删除。"}


def drop_index(parts: list[str], moved: str, target: str, below: bool) -> int:
    """The position among the sections (after the move) of section ``moved`` dropped above or below
    section ``target``."""
    order = [k for k in parts if k != moved]
    index = order.index(target) + (1 if below else 0) if target in order else len(order)
    return index


class Navigator(QTreeWidget):
    section_selected = Signal(str)
    menu_requested = Signal(str, QPoint)  # section key, where (global)
    section_dropped = Signal(str, int)  # section key ("part" key, not "part:…"), its new position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setIconSize(QSize(16, 16))
        self.setAccessibleName("文稿结构")
        self.setUniformRowHeights(True)
        self.setIndentation(16)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
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
                item.setToolTip(0, f"{tip}\n{STATE_WORDS[state]}\n{MENU_TIP[sec.kind == PART]}")
                item.setForeground(0, Qt.GlobalColor.gray if unprinted else self.palette().text().color())

    def _rebuild(self, sections: list[Section]) -> None:
        current = self.current_key()
        self.blockSignals(True)
        self.clear()
        self._items = {}

        def add(parent: QTreeWidgetItem | QTreeWidget, sec: Section) -> None:
            item = QTreeWidgetItem(parent)
            item.setData(0, KEY_ROLE, sec.key)
            flags = item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled
            if sec.kind != PART:  # only level-1 sections are dragged; items move with 上移 / 下移
                flags &= ~Qt.ItemFlag.ItemIsDragEnabled
            item.setFlags(flags | (Qt.ItemFlag.ItemIsDragEnabled if sec.kind == PART else Qt.ItemFlag.NoItemFlags))
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

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is not None:
            self.menu_requested.emit(item.data(0, KEY_ROLE), self.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------ dragging a section

    def _parts(self) -> list[str]:
        keys = [self.topLevelItem(n).data(0, KEY_ROLE) for n in range(self.topLevelItemCount())]
        return [k.split(":", 1)[1] for k in keys if k.startswith(f"{PART}:")]

    def dropEvent(self, event) -> None:  # Qt override
        # The tree is never rearranged by Qt itself: the drop becomes a move of the section through the
        # editor (undoable, numbering renewed), which then rebuilds the tree.
        moving = self.current_key()
        target = self.itemAt(event.position().toPoint())
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if not moving.startswith(f"{PART}:") or target is None:
            return
        while target.parent() is not None:
            target = target.parent()
        target_key = target.data(0, KEY_ROLE)
        parts = self._parts()
        moved = moving.split(":", 1)[1]
        rect = self.visualItemRect(target)
        below = event.position().toPoint().y() > rect.center().y()
        if target_key.startswith(f"{PART}:"):
            to = drop_index(parts, moved, target_key.split(":", 1)[1], below)
        else:  # 基本信息 / 导语 before the sections, 结束语 after them
            to = len(parts) - 1 if parts and self.indexOfTopLevelItem(target) > self.indexOfTopLevelItem(
                self._items[f"{PART}:{parts[-1]}"]) else 0
        self.section_dropped.emit(moved, to)


def navigator_panel(navigator: Navigator, add_menu: Callable[[QWidget], QMenu]) -> QWidget:
    """The tree with a 添加部分 button under it (its menu made when clicked, for the sections as they are)."""
    panel = QWidget(navigator.parentWidget())
    button = QPushButton("＋ 添加部分", panel)
    button.setToolTip("添加一个一级部分（一、二、……）：从本体裁的建议中选，或添加空白部分自己写标题")
    button.clicked.connect(lambda: add_menu(button).exec(button.mapToGlobal(QPoint(0, button.height()))))
    panel.add_section_button = button
    row = QHBoxLayout()
    row.setContentsMargins(4, 2, 4, 2)
    row.addWidget(button)
    row.addStretch(1)
    box = QVBoxLayout(panel)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(0)
    box.addWidget(navigator, 1)
    box.addLayout(row)
    return panel
