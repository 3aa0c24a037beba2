"""The list of what still needs attention before printing (待补), from service.check().

Each row shows how bad a finding is (错误 / 提醒 / 提示, with a coloured mark), where it is and what
to do; a click jumps to the field and selects the span, and a finding that carries a safe fix has a
修正 button (the editor applies it through its undo stack). 有N处待补 counts errors and warnings;
information (a very long sentence) is listed but not counted. Findings of other sources (the paged
layout's page checks) are merged in with ``set_extra_findings`` and shown in document order.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from models.api import ERROR, in_document_order, needs_attention
from ui.editor.marks import SEVERITY_COLOURS, SEVERITY_WORDS, severity_icon
from ui.qt import (
    QCheckBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPushButton,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import GREEN_TEXT, GREY_TEXT, ORANGE_TEXT

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.api import Finding

INDEX_ROLE = Qt.ItemDataRole.UserRole
OWN = ""  # the source of the findings set_findings() gives (service.check)


def header_text(count: int) -> str:
    return "全部完成，可以导出" if count == 0 else f"有 {count} 处待补"


def fix_text(finding: Finding, text: str) -> str:
    """What 修正 will do, in words: 把“,”改成“，” / 删去“（一）” / 改成“…”."""
    if finding.fix is None:
        return ""
    if finding.start < 0:
        return f"改成“{finding.fix}”"
    old = text[finding.start:finding.end]
    if not finding.fix:
        return f"删去“{old}”"
    if not old:
        return f"加上“{finding.fix}”"
    return f"把“{old}”改成“{finding.fix}”"


class FindingRow(QWidget):
    """One finding: mark and severity word, 修正 when there is a fix, then where and what."""

    def __init__(self, finding: Finding, fix_tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        colour = SEVERITY_COLOURS.get(finding.severity, GREY_TEXT)
        self.icon = QLabel(self)
        self.icon.setPixmap(severity_icon(finding.severity).pixmap(14, 14))
        self.severity = QLabel(SEVERITY_WORDS.get(finding.severity, finding.severity), self)
        self.severity.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.fix_button = QPushButton("修正", self)
        self.fix_button.setToolTip(fix_tip)
        self.fix_button.setAccessibleName(f"修正：{fix_tip}")
        self.fix_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.fix_button.setStyleSheet("QPushButton { padding: 1px 10px; }")
        self.fix_button.setVisible(finding.fix is not None and bool(fix_tip))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(f'<span style="color:{GREY_TEXT}">{html.escape(finding.label)}</span><br>'
                          f"{html.escape(finding.message)}")
        # clicks on the words go on to the list, which selects the row and jumps
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for w in (self.icon, self.severity, self.text):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.icon)
        top.addWidget(self.severity)
        top.addStretch(1)
        top.addWidget(self.fix_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 3, 4, 4)
        box.setSpacing(1)
        box.addLayout(top)
        box.addWidget(self.text)


class ChecksPanel(QWidget):
    finding_activated = Signal(object)  # the Finding clicked
    fix_requested = Signal(object)  # the Finding whose 修正 was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings: list[Finding] = []  # every finding shown or filtered out, in document order
        self._sources: dict[str, list[Finding]] = {OWN: []}
        self._order: list[str] = []
        self._text_of: Callable[[str], str] = lambda _address: ""
        self.header = QLabel(self)
        self.header.setStyleSheet("font-weight: bold; padding: 4px 2px;")
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.errors_only = QCheckBox("只看错误", self)
        self.errors_only.setToolTip("只列出会印错或缺少的内容，暂不看提醒和提示")
        self.errors_only.toggled.connect(lambda _on: self._fill())
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 2, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self.errors_only)
        self.hint = QLabel("点击一条，跳到要修改的地方", self)
        self.hint.setObjectName("hint")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("待补清单")
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(1)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.viewport().installEventFilter(self)  # a new width re-wraps the rows
        # One click is enough: officers should not need to know about double-clicking.
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        # with nothing left to fix, a sentence instead of an empty white box
        self.done = QLabel(self)
        self.done.setObjectName("hint")
        self.done.setWordWrap(True)
        self.done.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.done.setContentsMargins(2, 4, 2, 4)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(top)
        box.addWidget(self.summary)
        box.addWidget(self.hint)
        box.addWidget(self.list, 1)
        box.addWidget(self.done, 1)
        self._shown = False
        self.set_findings([])

    # ------------------------------------------------------------ what is shown

    def set_order(self, order: list[str]) -> None:
        """The field addresses in document order (models.checks.field_order), for merging sources."""
        self._order = list(order)

    def set_text_source(self, text_of: Callable[[str], str]) -> None:
        """How to read a field's text (for the 修正 tooltips: 把“,”改成“，”)."""
        self._text_of = text_of

    def set_findings(self, findings: list[Finding]) -> None:
        """The checks' own findings (service.check, in document order already)."""
        self._sources[OWN] = list(findings)
        self._merge()

    def set_extra_findings(self, source: str, findings: list[Finding]) -> None:
        """Findings of another source (e.g. "paged": a heading left alone at the foot of a page), shown
        with the checks' own in document order; a later call for the same source replaces them."""
        if findings:
            self._sources[source] = list(findings)
        else:
            self._sources.pop(source, None)
        self._merge()

    def _merge(self) -> None:
        merged = [f for found in self._sources.values() for f in found]
        if len(self._sources) > 1:
            merged = in_document_order(merged, self._order)
        if self._shown and merged == self.findings:
            return  # unchanged: keep the scroll position and the selection
        self._shown = True
        self.findings = merged
        self._fill()

    def rows(self) -> list[FindingRow]:
        """The rows as listed (after 只看错误)."""
        return [self.list.itemWidget(self.list.item(n)) for n in range(self.list.count())]

    def _fill(self) -> None:
        findings = self.findings
        counted = len(needs_attention(findings))
        notes = len(findings) - counted
        errors = sum(f.severity == ERROR for f in findings)
        only_errors = self.errors_only.isChecked()
        shown = [n for n, f in enumerate(findings) if not only_errors or f.severity == ERROR]
        self.list.setUpdatesEnabled(False)
        self.list.clear()
        width = self._row_width()
        for n in shown:
            f = findings[n]
            text = self._text_of(f.address) if f.fix is not None else ""
            row_widget = FindingRow(f, fix_text(f, text) if f.fix is not None else "")
            row_widget.fix_button.clicked.connect(lambda _c=False, f=f: self.fix_requested.emit(f))
            item = QListWidgetItem()
            item.setData(INDEX_ROLE, n)
            item.setToolTip(f"{f.label}：{f.message}")
            item.setData(Qt.ItemDataRole.AccessibleTextRole,
                         f"{row_widget.severity.text()}：{f.label}：{f.message}")
            item.setSizeHint(QSize(width, row_widget.heightForWidth(width)))
            self.list.addItem(item)
            self.list.setItemWidget(item, row_widget)
        self.list.setUpdatesEnabled(True)
        self.header.setText(header_text(counted))
        colour = GREEN_TEXT if not counted else ORANGE_TEXT
        self.header.setStyleSheet(f"font-weight: bold; padding: 4px 2px; color: {colour};")
        parts = []
        if counted:
            parts.append(f"错误 {errors} · 提醒 {counted - errors}")
        if notes:
            parts.append(f"另有 {notes} 条提示，不影响导出")
        self.summary.setText("；".join(parts))
        self.summary.setVisible(bool(parts))
        self.errors_only.setVisible(bool(findings))
        self.hint.setVisible(bool(shown))
        self.list.setVisible(bool(shown))
        if findings and not shown:
            self.done.setText("没有错误。提醒和提示可以取消勾选“只看错误”查看。")
        else:
            self.done.setText("没有发现空着的必填内容、“XX”之类的占位符或写错的数字。\n"
                              "导出前可以点上方的“预览”再通读一遍。")
        self.done.setVisible(not shown)

    def _row_width(self) -> int:
        return max(120, self.list.viewport().width() - 2 * self.list.spacing())

    def _relayout(self) -> None:
        width = self._row_width()
        for n in range(self.list.count()):
            item = self.list.item(n)
            row = self.list.itemWidget(item)
            if row is not None:
                item.setSizeHint(QSize(width, row.heightForWidth(width)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (watched is self.list.viewport() and event.type() == QEvent.Type.Resize
                and event.size().width() != event.oldSize().width()):
            self._relayout()
        return super().eventFilter(watched, event)

    def _activate(self, item: QListWidgetItem) -> None:
        index = item.data(INDEX_ROLE)
        if index is not None and 0 <= index < len(self.findings):
            self.finding_activated.emit(self.findings[index])

