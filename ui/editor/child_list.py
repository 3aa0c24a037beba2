"""The list of items inside a part (or points inside an item) with 添加 / 删除 / 上移 / 下移.

It only shows rows and asks; the editor performs the change (through its undo stack) and hands
back fresh rows, so numbering in the list is always the one the document will print.
"""

from __future__ import annotations

from ui.editor.marks import state_icon
from ui.editor.sections import STATE_WORDS
from ui.qt import (
    QAction,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSize,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

ID_ROLE = Qt.ItemDataRole.UserRole


class ChildList(QWidget):
    add_requested = Signal(str)  # work area id, or "" for a free item
    remove_requested = Signal(str)
    move_requested = Signal(str, int)
    open_requested = Signal(str)

    def __init__(self, add_text: str, areas: list[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName("条目列表")
        self.list.setIconSize(QSize(16, 16))
        self.list.itemDoubleClicked.connect(lambda it: self.open_requested.emit(it.data(ID_ROLE)))
        self.list.currentRowChanged.connect(self._update_buttons)
        if areas is not None:
            # Parts built from work areas: pick the area, its usual figures come with it.
            self.add = QToolButton(self)
            self.add.setText(add_text + " ▾")
            self.add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(self.add)
            for area_id, name in areas:
                menu.addAction(self._action(menu, name, area_id))
            menu.addSeparator()
            menu.addAction(self._action(menu, "其他工作（自己写标题）", ""))
            self.add.setMenu(menu)
        else:
            self.add = QPushButton(add_text, self)
            self.add.clicked.connect(lambda: self.add_requested.emit(""))
        self.open = QPushButton("编辑这一条", self)
        self.remove = QPushButton("删除", self)
        self.up = QPushButton("上移", self)
        self.down = QPushButton("下移", self)
        self.open.clicked.connect(lambda: self._emit_current(self.open_requested.emit))
        self.remove.clicked.connect(lambda: self._emit_current(self.remove_requested.emit))
        self.up.clicked.connect(lambda: self._emit_current(lambda i: self.move_requested.emit(i, -1)))
        self.down.clicked.connect(lambda: self._emit_current(lambda i: self.move_requested.emit(i, 1)))
        if isinstance(self.add, QToolButton):
            # the ▾ in the text says there is a list; Qt's own small arrow beside it would be a second one
            self.add.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
            self.add.setMinimumHeight(self.open.sizeHint().height())
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add, self.open, self.remove, self.up, self.down):
            if isinstance(b, QPushButton):
                # Qt makes every push button at least 80 px wide; five of them would make the form wider
                # than the room left beside the preview on a 1024 px screen
                b.setMinimumWidth(b.fontMetrics().horizontalAdvance(b.text()) + 24)
            buttons.addWidget(b)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list)
        box.addLayout(buttons)
        self._update_buttons()

    def _action(self, menu: QMenu, text: str, area_id: str) -> QAction:
        action = QAction(text, menu)
        action.triggered.connect(lambda: self.add_requested.emit(area_id))
        return action

    def _emit_current(self, emit) -> None:
        item = self.list.currentItem()
        if item is not None:
            emit(item.data(ID_ROLE))

    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def set_rows(self, rows: list[tuple[str, str, str]], select: str = "") -> None:
        """rows: (item id, text as numbered, state)."""
        select = select or self.current_id()
        self.list.clear()
        for item_id, text, state in rows:
            row = QListWidgetItem(state_icon(state), text)
            row.setData(ID_ROLE, item_id)
            row.setToolTip(f"{text}\n{STATE_WORDS[state]}（双击编辑）")
            self.list.addItem(row)
            if item_id == select:
                self.list.setCurrentItem(row)
        rows_height = sum(self.list.sizeHintForRow(n) for n in range(self.list.count()))
        self.list.setFixedHeight(min(320, rows_height + 2 * self.list.frameWidth() + 6))
        # With nothing listed yet, show only the add button: fewer things to puzzle over.
        for w in (self.list, self.open, self.remove, self.up, self.down):
            w.setVisible(bool(rows))
        self._update_buttons()

    def select(self, item_id: str) -> None:
        for n in range(self.list.count()):
            if self.list.item(n).data(ID_ROLE) == item_id:
                self.list.setCurrentRow(n)

    def _update_buttons(self, *_args) -> None:
        row, count = self.list.currentRow(), self.list.count()
        for b in (self.open, self.remove):
            b.setEnabled(row >= 0)
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < count - 1)
