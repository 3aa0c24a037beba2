"""列对应: what each column of the officer's sheet holds, chosen once (the choice is remembered).

One row per column of the sheet: its header, a few sample values, and a list to say what it is
(日期, 工作板块, 做了什么, one figure of a work area, a figure "by the row's area" for a column
such as 场次, or 不导入). The guess comes from the service (remembered choices first); below,
what the import would do with these choices: how many rows, which rows are bad and why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.api import TableError, target_label, targets
from ui import messages
from ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from models.api import Mapping, ReportService, Table

SAMPLES = 3
PREVIEW_PROBLEMS = 8
RESULT_PROBLEMS = 40


def _sample(table: Table, column: int) -> str:
    values = []
    for _row, cells in table.rows:
        cell = cells[column] if column < len(cells) else None
        text = "" if cell is None else str(cell).strip()
        if text:
            values.append(text[:16])
        if len(values) == SAMPLES:
            break
    return "、".join(values)


class MappingDialog(QDialog):
    def __init__(self, service: ReportService, table: Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.table = service, table
        self.catalog = list(service.areas())
        self.mapping: Mapping = service.guess_ledger_mapping(table)
        self.setWindowTitle("导入台账：列对应")
        intro = QLabel(f"<b>{table.name}</b>：第 {table.header_row} 行是表头，下面有 {len(table.rows)} 行。"
                       "请核对每一列是什么（程序已按列名猜好，选过一次会记住）。")
        intro.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for col, text in enumerate(("表格中的列", "前几行的内容", "导入为")):
            head = QLabel(f"<b>{text}</b>")
            grid.addWidget(head, 0, col)
        self.combos: list[QComboBox] = []
        choices = targets(self.catalog)
        for n, header in enumerate(table.headers):
            combo = QComboBox()
            combo.setAccessibleName(f"“{header}”导入为")
            for t in choices:
                combo.addItem(target_label(t, self.catalog), t)
            combo.setCurrentIndex(max(combo.findData(self.mapping.target(n)), 0))
            combo.currentIndexChanged.connect(self._changed)
            sample = QLabel(_sample(table, n))
            sample.setObjectName("hint")
            grid.addWidget(QLabel(header), n + 1, 0)
            grid.addWidget(sample, n + 1, 1)
            grid.addWidget(combo, n + 1, 2)
            self.combos.append(combo)
        grid.setColumnStretch(1, 1)
        holder = QWidget()
        holder.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)

        self.default_area = QComboBox()
        self.default_area.setAccessibleName("没有板块时归入")
        self.default_area.addItem("（不指定：没有板块的行不导入）", "")
        for a in self.catalog:
            self.default_area.addItem(a.name, a.id)
        self.default_area.setCurrentIndex(max(self.default_area.findData(self.mapping.default_area), 0))
        self.default_area.currentIndexChanged.connect(self._changed)
        area_row = QHBoxLayout()
        area_row.addWidget(QLabel("没有写工作板块的行，归入："))
        area_row.addWidget(self.default_area)
        area_row.addStretch(1)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setProperty("primary", True)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(area_row)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.resize(820, min(640, 260 + 34 * len(table.headers)))
        self._changed()

    def current_mapping(self) -> Mapping:
        self.mapping.columns = {n: c.currentData() for n, c in enumerate(self.combos) if c.currentData()}
        self.mapping.default_area = self.default_area.currentData() or ""
        return self.mapping

    def _changed(self) -> None:
        """Show what the import would do with the current choices (nothing is stored yet)."""
        mapping = self.current_mapping()
        try:
            parsed = self.service.preview_ledger_import(self.table, mapping)
        except TableError as exc:
            self.preview.setText(f'<span style="color:#b3261e">{exc}</span>')
            self.ok_button.setEnabled(False)
            return
        lines = [f"按现在的对应，可以导入 <b>{len(parsed.entries)}</b> 条"]
        if parsed.duplicates:
            lines[0] += f"，{len(parsed.duplicates)} 行台账中已有（不再重复导入）"
        if parsed.problems:
            lines[0] += f"，<span style='color:#b3261e'>{len(parsed.problems)} 行有问题</span>："
            lines.extend(p.line() for p in parsed.problems[:PREVIEW_PROBLEMS])
            if len(parsed.problems) > PREVIEW_PROBLEMS:
                lines.append(f"……另有 {len(parsed.problems) - PREVIEW_PROBLEMS} 行")
        else:
            lines[0] += "。"
        self.preview.setText("<br>".join(lines))
        self.ok_button.setEnabled(bool(parsed.entries))

    @classmethod
    def get_mapping(cls, service: ReportService, table: Table, parent: QWidget | None = None) -> Mapping | None:
        dialog = cls(service, table, parent)
        return dialog.current_mapping() if dialog.exec() == QDialog.DialogCode.Accepted else None


def show_import_result(parent: QWidget, result) -> None:
    """导入完成: how many rows went in; every bad row with its number and what to change."""
    text = result.summary()
    if result.problems:
        lines = [p.line() for p in result.problems[:RESULT_PROBLEMS]]
        if len(result.problems) > RESULT_PROBLEMS:
            lines.append(f"……另有 {len(result.problems) - RESULT_PROBLEMS} 行")
        text += "\n" + "\n".join(lines)
    messages.info(parent, "导入完成", text)
