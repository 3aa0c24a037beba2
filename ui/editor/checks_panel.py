"""The list of what still needs attention before printing (待补), from service.check()."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.editor.marks import state_icon
from ui.editor.sections import PROBLEM, PROGRESS
from ui.qt import QLabel, QListWidget, QListWidgetItem, QSize, Qt, QVBoxLayout, QWidget, Signal
from ui.style import GREEN_TEXT, ORANGE_TEXT

if TYPE_CHECKING:
    from models.api import Finding

INDEX_ROLE = Qt.ItemDataRole.UserRole


def header_text(count: int) -> str:
    return "全部完成，可以导出" if count == 0 else f"有 {count} 处待补"


class ChecksPanel(QWidget):
    finding_activated = Signal(object)  # the Finding clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []
        self.header = QLabel(self)
        self.header.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        self.hint = QLabel("点击一条，跳到要修改的地方", self)
        self.hint.setObjectName("hint")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("待补清单")
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(1)
        # One click is enough: officers should not need to know about double-clicking.
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        # with nothing left to fix, a sentence instead of an empty white box
        self.done = QLabel("没有发现空着的必填内容、“XX”之类的占位符或写错的数字。\n"
                           "导出前可以点上方的“预览”再通读一遍。", self)
        self.done.setObjectName("hint")
        self.done.setWordWrap(True)
        self.done.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.done.setContentsMargins(2, 4, 2, 4)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.header)
        box.addWidget(self.hint)
        box.addWidget(self.list, 1)
        box.addWidget(self.done, 1)
        self._shown = False
        self._base: list[Finding] = []
        self._written: list[bool] = []
        self._extra: dict[str, list[Finding]] = {}
        self.set_findings([])

    def set_findings(self, findings: list[Finding], written: list[bool] | None = None) -> None:
        """written[n]: the field of finding n holds text (a wrong value, ⚠) rather than nothing yet (◐)."""
        self._base = list(findings)
        self._written = list(written) if written else [False] * len(findings)
        self._show()

    def set_extra_findings(self, source: str, findings: list[Finding]) -> None:
        """Findings from elsewhere than service.check() (``source`` "page": the page-level checks of the
        paged layout), listed after the others; a later call for the same source replaces them."""
        self._extra[source] = list(findings)
        self._show()

    def _show(self) -> None:
        extra = [f for found in self._extra.values() for f in found]
        findings = self._base + extra
        if self._shown and findings == self.findings and self.list.count() == len(findings):
            return  # unchanged: keep the scroll position and the selection
        self._shown = True
        self.findings = findings
        written = self._written + [True] * len(extra)  # a page fault is in the printout: ⚠
        self.list.clear()
        for n, f in enumerate(findings):
            state = PROBLEM if written[n] else PROGRESS
            row = QListWidgetItem(state_icon(state), f"{f.label}\n{f.message}")
            row.setData(INDEX_ROLE, n)
            row.setToolTip(f"{f.label}：{f.message}")
            self.list.addItem(row)
        self.header.setText(header_text(len(findings)))
        colour = GREEN_TEXT if not findings else ORANGE_TEXT
        self.header.setStyleSheet(f"font-weight: bold; padding: 4px 2px; color: {colour};")
        self.hint.setVisible(bool(findings))
        self.list.setVisible(bool(findings))
        self.done.setVisible(not findings)

    def _activate(self, item: QListWidgetItem) -> None:
        index = item.data(INDEX_ROLE)
        if index is not None and 0 <= index < len(self.findings):
            self.finding_activated.emit(self.findings[index])
