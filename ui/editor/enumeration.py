"""An enumeration (一是……二是……) on its owner's page: ordinal style, layout, the entries as a small list.

The officer never types an ordinal: each entry shows the one the document will print, read-only,
renumbered as entries are added, moved or removed. The box only shows and asks; the editor makes
every change through the service and the undo stack (ui/editor/structure.py), then rebuilds the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.api import LAYOUT_NAMES, STYLE_NAMES, ordinal
from ui.editor.fields import TextField
from ui.editor.guide_box import hint_label
from ui.qt import QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:
    from models.api import Item, Report

NOTE_STYLE = ("QLabel { color: #6b4500; background: #fff4d6; border: 1px solid #e8c36a; border-radius: 3px;"
              " padding: 2px 6px; }")
ORDINAL_WIDTH_CHARS = 5  # 另一方面，


def note_label(parent: QWidget) -> QLabel:
    """A hidden line under a field for a non-blocking note (typed numbering removed)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    label.hide()
    return label


def paragraph_range(text: str, first_line: int, last_line: int) -> tuple[int, int] | None:
    """(first, last) paragraph of a field (as models.text.paragraphs counts them: non-empty lines) covered
    by the lines ``first_line``..``last_line`` of its text; None when they hold no paragraph."""
    lines = text.split("\n")
    indexes = []
    count = 0
    for n, line in enumerate(lines):
        if line.strip():
            if first_line <= n <= last_line:
                indexes.append(count)
            count += 1
    return (indexes[0], indexes[-1]) if indexes else None


class EntryField(TextField):
    """One entry's text: a short box that grows with what is written."""

    MIN_LINES = 2


class EnumerationBox(QFrame):
    style_changed = Signal(str, str)  # enumeration id, style
    layout_changed = Signal(str, str)  # enumeration id, layout
    add_entry_requested = Signal(str)  # enumeration id
    remove_entry_requested = Signal(str)  # entry id
    move_entry_requested = Signal(str, int)  # entry id, its new position
    dissolve_requested = Signal(str)  # enumeration id
    remove_requested = Signal(str)  # enumeration id

    def __init__(self, report: Report, enum: Item, number: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report, self.enum = report, enum
        self.fields: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        self.ordinals: list[QLabel] = []
        self.entry_buttons: list[tuple[QPushButton, QPushButton, QPushButton]] = []  # 上移, 下移, 删除 per entry
        self.setObjectName("enumeration")
        self.setStyleSheet("QFrame#enumeration { border: 1px solid #c9d7ea; border-radius: 4px;"
                           " background: #f7faff; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(4)

        title = QLabel(f"列举{number if number > 1 else ''}（序号自动生成，不用自己输入）", self)
        title.setStyleSheet("font-weight: bold;")
        self.style_combo = QComboBox(self)
        self.style_combo.setAccessibleName("列举的序号")
        for key, name in STYLE_NAMES.items():
            self.style_combo.addItem(name, key)
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(enum.style)))
        self.style_combo.currentIndexChanged.connect(
            lambda _i: self.style_changed.emit(self.enum.id, self.style_combo.currentData()))
        self.layout_combo = QComboBox(self)
        self.layout_combo.setAccessibleName("列举的排法")
        for key, name in LAYOUT_NAMES.items():
            self.layout_combo.addItem(name, key)
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(enum.layout)))
        self.layout_combo.currentIndexChanged.connect(
            lambda _i: self.layout_changed.emit(self.enum.id, self.layout_combo.currentData()))
        self.dissolve_button = self._button("取消列举", "把这些项变回普通段落（序号照原样写进正文）",
                                            lambda: self.dissolve_requested.emit(self.enum.id))
        self.remove_button = self._button("删除列举", "连同各项内容一起删除（可以撤销）",
                                          lambda: self.remove_requested.emit(self.enum.id))
        head = QHBoxLayout()
        head.setSpacing(6)
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.dissolve_button)
        head.addWidget(self.remove_button)
        box.addLayout(head)
        options = QHBoxLayout()
        options.setSpacing(6)
        options.addWidget(QLabel("序号：", self))
        options.addWidget(self.style_combo)
        options.addSpacing(10)
        options.addWidget(QLabel("排法：", self))
        options.addWidget(self.layout_combo)
        options.addStretch(1)
        box.addLayout(options)

        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        count = len(enum.children)
        width = self.fontMetrics().horizontalAdvance("另" * ORDINAL_WIDTH_CHARS)
        for n, entry in enumerate(enum.children):
            address = f"item.{entry.id}.body"
            label = QLabel(self)
            label.setStyleSheet("font-weight: bold; color: #1a5fb4;")
            label.setFixedWidth(width)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            label.setToolTip("序号由程序生成，调整顺序时自动重排")
            self.ordinals.append(label)
            field = EntryField(address, report.get(address), "这一项的内容（开头不用写“一是”）", self)
            field.setAccessibleName(f"列举第{n + 1}项")
            self.fields[address] = field
            note = note_label(self)
            self.notes[address] = note
            up = self._button("上移", "上移这一项",
                              lambda _c=False, i=entry.id, k=n: self.move_entry_requested.emit(i, k - 1))
            down = self._button("下移", "下移这一项",
                                lambda _c=False, i=entry.id, k=n: self.move_entry_requested.emit(i, k + 1))
            remove = self._button("删除", "删除这一项（可以撤销）",
                                  lambda _c=False, i=entry.id: self.remove_entry_requested.emit(i))
            self.entry_buttons.append((up, down, remove))
            up.setEnabled(n > 0)
            down.setEnabled(n < count - 1)
            buttons = QHBoxLayout()
            buttons.setSpacing(2)
            for b in (up, down, remove):
                buttons.addWidget(b)
            row = 2 * n
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(field, row, 1)
            grid.addLayout(buttons, row, 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(note, row + 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)
        if not enum.children:
            box.addWidget(hint_label("还没有任何一项。点“添加一项”开始写。", self))
        self.add_button = self._button("添加一项", "在最后添加一项，序号自动接上",
                                       lambda: self.add_entry_requested.emit(self.enum.id))
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        box.addLayout(add_row)
        tail_address = f"item.{enum.id}.body"
        box.addWidget(QLabel("列举之后接着写的话（可不填）：", self))
        tail = EntryField(tail_address, report.get(tail_address), "如：通过以上措施，……", self)
        tail.setAccessibleName("列举之后的段落")
        self.fields[tail_address] = tail
        box.addWidget(tail)
        self.note = note_label(self)  # for the whole enumeration (numbers removed when it was made)
        box.insertWidget(2, self.note)
        self.refresh()

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        # Qt makes push buttons at least 80 px wide; a row of three beside each entry would crowd the text
        button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 20)
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        """The ordinals as they will print, for the entries as they stand (style and order)."""
        count = len(self.enum.children)
        style = self.style_combo.currentData() or self.enum.style
        for n, label in enumerate(self.ordinals, start=1):
            label.setText(ordinal(style, n, count))

    def show_note(self, address: str, text: str) -> bool:
        label = self.notes.get(address) if address else self.note
        if label is None:
            return False
        label.setText(text)
        label.setVisible(bool(text))
        return True
