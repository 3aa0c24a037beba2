"""Pieces shared by the dialogs that list records (回收站, 备份与恢复, 历史版本): the list, the hint
label (新建总结 uses it too), and the dialog skeleton around them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ui.qt import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.api import ReportService


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


class RecordListDialog(QDialog):
    """A hint, the record list (a centred note in its place while there are none), the action buttons
    with 关闭 at the right, and ``run``.

    A subclass sets the class attributes, makes its action buttons and calls ``lay_out``; it says what
    the rows are (``rows``), what a change of selection does (``selection_changed``) and, where it
    has one, what ``run`` returns (``outcome``).
    """

    columns: tuple[str, ...] = ()
    column_widths: tuple[int, ...] = ()  # all columns but the first, which stretches
    empty_text = ""
    start_size = (640, 400)

    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.tree = record_list(list(self.columns), list(self.column_widths))
        self.tree.itemSelectionChanged.connect(self.selection_changed)
        self.empty = hint_label(self.empty_text, centered=True)
        self.body: QWidget = self.tree  # what the empty note stands in for

    def lay_out(self, title: str, hint: str, actions: list[QPushButton], body: QWidget | None = None) -> None:
        """Put the pieces in place and fill the list; ``body`` holds the list when more goes beside it."""
        self.setWindowTitle(title)
        if body is not None:
            self.body = body
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in actions:
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(hint))
        layout.addWidget(self.body, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.resize(*self.start_size)
        self.refresh()

    # ------------------------------------------------------------ what a subclass says

    def rows(self) -> Iterable[QTreeWidgetItem]:
        """The rows to show, newest first; each keeps what identifies its record in column 0's UserRole."""
        raise NotImplementedError

    def selection_changed(self) -> None:
        """Enable the buttons that need a selected row (and show it, where there is room)."""

    def outcome(self) -> Any:
        """What ``run`` returns once the dialog is closed."""
        return None

    # ------------------------------------------------------------ shared

    def refresh(self) -> None:
        self.tree.clear()
        for item in self.rows():
            self.tree.addTopLevelItem(item)
        has = self.tree.topLevelItemCount() > 0
        self.body.setVisible(has)
        self.empty.setVisible(not has)
        if has:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self.selection_changed()

    def selected_item(self) -> QTreeWidgetItem | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        return item

    @classmethod
    def run(cls, *args: Any, **kwargs: Any) -> Any:
        """Show the dialog (built from ``args``) until it is closed; returns ``outcome()``. Tests monkeypatch this."""
        dialog = cls(*args, **kwargs)
        try:
            dialog.exec()
            return dialog.outcome()
        finally:
            dialog.deleteLater()
