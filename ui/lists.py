"""Pieces shared by the dialogs that list records (回收站, 备份与恢复, 历史版本)."""

from __future__ import annotations

from ui.qt import QAbstractItemView, QHeaderView, QLabel, Qt, QTreeWidget


def hint_label(text: str, *, centered: bool = False) -> QLabel:
    """Grey explanatory text that wraps (styled by the "hint" object name)."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    if centered:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def record_list(headers: list[str], widths: list[int]) -> QTreeWidget:
    """A flat, single-selection list: the first column stretches, the others get ``widths``."""
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    tree.header().setStretchLastSection(False)
    for column, width in enumerate(widths, start=1):
        tree.setColumnWidth(column, width)
    return tree
