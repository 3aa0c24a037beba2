"""工作台账: a window with a row per activity, quick keyboard entry, filters, totals, import and export.

The entry line on top is for typing one activity after another: the date is today, Tab moves
across the fields, Enter adds the row and leaves the cursor in "做了什么" for the next one. The
figure boxes follow the chosen work area (宣讲场次, 受众人次 …). Double-clicking a row loads it
into the entry line to change it. Adding, changing and deleting can be undone (Ctrl+Z). Every
read and write goes through the service.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import itertools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.api import Entry, LedgerError, StoreError, TableError, WriteError, error_text, parse_amount, periods
from ui import messages
from ui.applied_command import AppliedCommand
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPersistentModelIndex,
    QPushButton,
    QShortcut,
    QStandardPaths,
    Qt,
    QTableView,
    QUndoStack,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from models.api import Area, AreaTotal, ReportService

COLUMNS = ("日期", "工作板块", "做了什么", "数据")
DATE_COL, AREA_COL, TEXT_COL, FIGURES_COL = range(len(COLUMNS))
MAX_FIGURES = 3  # the most figures a work area of the catalog has
PERIOD_SETTING = "ledger.period"
AREA_SETTING = "ledger.area"
FOLDER_SETTING = "ledger.folder"
TABLE_FILTER = "表格 (*.xlsx *.csv);;Excel 表格 (*.xlsx);;CSV 文件 (*.csv);;所有文件 (*)"


def choose_import_file(parent: QWidget, folder: str) -> str:
    """File dialog for 导入表格; tests monkeypatch this."""
    path, _ = QFileDialog.getOpenFileName(parent, "导入台账表格", folder, TABLE_FILTER)
    return path


def choose_export_file(parent: QWidget, suggested: str) -> str:
    """File dialog for 导出; '' when cancelled. Tests monkeypatch this."""
    path, _ = QFileDialog.getSaveFileName(parent, "导出台账", suggested, "Excel 表格 (*.xlsx)")
    return path


def number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def figures_text(entry: Entry, area: Area | None) -> str:
    """开展宣讲 2场次，受众 120人次: the figures in the catalog's order, with labels and units."""
    if area is None:
        return "，".join(f"{k} {number_text(v)}" for k, v in entry.figures.items())
    return "，".join(f"{f.label} {number_text(entry.figures[f.key])}{f.unit}" for f in area.figures
                     if f.key in entry.figures)


class LedgerModel(QAbstractTableModel):
    def __init__(self, areas: dict[str, Area], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas = areas
        self.rows: list[Entry] = []

    def set_rows(self, rows: list[Entry]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
        area = self.areas.get(e.area)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return {DATE_COL: e.date, AREA_COL: area.name if area else e.area, TEXT_COL: e.text,
                    FIGURES_COL: figures_text(e, area)}[index.column()]
        return None


# ------------------------------------------------------------------ undoable changes


class _LedgerCommand(AppliedCommand):
    """Runs once in apply() before it is pushed (a failure raises there, nothing lands on the stack)."""

    def __init__(self, window: LedgerWindow, text: str) -> None:
        super().__init__(text)
        self.window = window

    def _run(self, step) -> None:
        try:
            step()
        except (StoreError, LedgerError, KeyError) as exc:  # shown, never a crash
            self.window.show_message(f"操作没有完成：{exc}", error=True)
        self.window.refresh()


class AddEntry(_LedgerCommand):
    def __init__(self, window: LedgerWindow, entry: Entry) -> None:
        super().__init__(window, "添加一条台账")
        self.entry = entry
        self.stored: Entry | None = None

    def forward(self) -> None:
        svc = self.window.service
        if self.stored is None:
            self.stored = svc.add_ledger_entry(self.entry)
        else:
            svc.restore_ledger_entries([self.stored.id])

    def backward(self) -> None:
        assert self.stored is not None
        self.window.service.delete_ledger_entries([self.stored.id])


class EditEntry(_LedgerCommand):
    def __init__(self, window: LedgerWindow, before: Entry, after: Entry) -> None:
        super().__init__(window, "修改一条台账")
        self.before, self.after = before, after

    def forward(self) -> None:
        self.after = self.window.service.update_ledger_entry(self.after)

    def backward(self) -> None:
        self.window.service.update_ledger_entry(self.before)


class DeleteEntries(_LedgerCommand):
    def __init__(self, window: LedgerWindow, ids: list[int]) -> None:
        super().__init__(window, f"删除 {len(ids)} 条台账")
        self.ids = ids

    def forward(self) -> None:
        self.window.service.delete_ledger_entries(self.ids)

    def backward(self) -> None:
        self.window.service.restore_ledger_entries(self.ids)


# ------------------------------------------------------------------ the window


class FigureBox(QWidget):
    """[ 12 ] 场次 with the figure's label as placeholder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = ""
        self.edit = QLineEdit(self)
        self.edit.setFixedWidth(118)
        self.unit = QLabel(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit)
        row.addWidget(self.unit)

    def set_figure(self, key: str, label: str, unit: str) -> None:
        self.key = key
        self.edit.setPlaceholderText(label)
        self.edit.setToolTip(f"{label}（{unit}）" if unit else label)
        self.edit.setAccessibleName(label)
        self.unit.setText(unit)
        self.setVisible(bool(key))


class LedgerWindow(QWidget):
    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.service = service
        self.setWindowTitle("工作台账 - 宣传工作总结助手")
        self.catalog = list(service.areas())
        self.areas = {a.id: a for a in self.catalog}
        self.undo_stack = QUndoStack(self)
        self.editing: Entry | None = None  # the row loaded into the entry line for changing
        self.model = LedgerModel(self.areas, self)
        self._build()
        self._fill_filters()
        self.refresh()
        self.resize(1080, 680)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        title = QLabel("工作台账")
        title.setObjectName("pageTitle")
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("期间")
        self.area_filter = QComboBox()
        self.area_filter.setAccessibleName("工作板块筛选")
        self.import_button = QPushButton("导入表格…")
        self.import_button.setToolTip("从已有的 Excel/WPS 表格（.xlsx 或 .csv）导入台账，列只需对应一次")
        self.export_button = QPushButton("导出 .xlsx…")
        self.export_button.setToolTip("把当前筛选出的台账导出为 Excel 表格")
        self.import_button.clicked.connect(self.import_table)
        self.export_button.clicked.connect(self.export_table)
        self.period_box.currentIndexChanged.connect(self._filter_changed)
        self.area_filter.currentIndexChanged.connect(self._filter_changed)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(QLabel("期间："))
        top.addWidget(self.period_box)
        top.addWidget(QLabel("板块："))
        top.addWidget(self.area_filter)
        top.addStretch(1)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)

        # the entry line: Tab across, Enter adds
        entry = QFrame()
        entry.setFrameShape(QFrame.Shape.StyledPanel)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName("日期")
        self.area_box = QComboBox()
        self.area_box.setAccessibleName("工作板块")
        for a in self.catalog:
            self.area_box.addItem(a.name, a.id)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText("做了什么，如：到东山村开展惠民政策宣讲")
        self.text_edit.setAccessibleName("做了什么")
        self.figure_boxes = [FigureBox() for _ in range(MAX_FIGURES)]
        self.add_button = QPushButton("添加")
        self.add_button.setProperty("primary", True)
        self.add_button.setToolTip("添加这一条（回车）")
        self.cancel_button = QPushButton("取消修改")
        self.cancel_button.hide()
        self.add_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel_edit)
        self.area_box.currentIndexChanged.connect(self._area_changed)
        row = QHBoxLayout(entry)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.date_edit)
        row.addWidget(self.area_box)
        row.addWidget(self.text_edit, 1)
        for box in self.figure_boxes:
            row.addWidget(box)
        row.addWidget(self.add_button)
        row.addWidget(self.cancel_button)
        for w in (self.date_edit, self.area_box, self.text_edit, *(b.edit for b in self.figure_boxes)):
            w.installEventFilter(self)
        order = [self.date_edit, self.area_box, self.text_edit, *(b.edit for b in self.figure_boxes), self.add_button]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        self._area_changed()

        self.message = QLabel()
        self.message.setObjectName("hint")
        self.message.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT_COL, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(DATE_COL, 100)
        self.table.setColumnWidth(AREA_COL, 120)
        self.table.setColumnWidth(FIGURES_COL, 300)
        self.table.activated.connect(lambda index: self.edit_row(index.row()))
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.delete_button = QPushButton("删除选中")
        self.delete_button.setToolTip("删除选中的记录（Delete 键），可以按 Ctrl+Z 撤销")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button = QPushButton("撤销")
        self.undo_button.setToolTip("撤销上一步添加、修改或删除（Ctrl+Z）")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton("重做")
        self.redo_button.clicked.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        for key, slot in (("Ctrl+Z", self.undo), ("Ctrl+Y", self.redo), ("Ctrl+Shift+Z", self.redo)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
        self.recycle_button = QPushButton("回收站")
        self.recycle_button.setToolTip("查看、恢复删除了的台账记录")
        self.recycle_button.clicked.connect(self.show_recycle)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addStretch(1)
        actions.addWidget(self.recycle_button)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.redo_button)
        actions.addWidget(self.delete_button)

        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet("QLabel#totals { background: #f6f8fb; border: 1px solid #dde3ea;"
                                  " border-radius: 4px; padding: 8px 10px; }")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(QLabel("记一笔（Tab 换到下一格，回车添加；双击下面的一行可以修改）："))
        layout.addWidget(entry)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.totals)

    def _fill_filters(self) -> None:
        self.period_box.blockSignals(True)
        self.area_filter.blockSignals(True)
        keep = self.period_box.currentData() if self.period_box.count() else \
            self.service.setting(PERIOD_SETTING, "")
        self.period_box.clear()
        self.period_box.addItem("全部", "")
        for code in self.service.ledger_periods():
            self.period_box.addItem(periods.period_label(code), code)
        index = self.period_box.findData(keep)
        self.period_box.setCurrentIndex(max(index, 0))
        if self.area_filter.count() == 0:
            self.area_filter.addItem("全部板块", "")
            for a in self.catalog:
                self.area_filter.addItem(a.name, a.id)
            self.area_filter.setCurrentIndex(max(self.area_filter.findData(self.service.setting(AREA_SETTING, "")), 0))
        self.period_box.blockSignals(False)
        self.area_filter.blockSignals(False)

    # ------------------------------------------------------------ data

    @property
    def period(self) -> str:
        return self.period_box.currentData() or ""

    @property
    def area_id(self) -> str:
        return self.area_filter.currentData() or ""

    def _filter_changed(self) -> None:
        for key, value in ((PERIOD_SETTING, self.period), (AREA_SETTING, self.area_id)):
            with contextlib.suppress(StoreError):  # a preference is not worth an error box
                self.service.set_setting(key, value)
        self.refresh()

    def refresh(self) -> None:
        try:
            rows = self.service.ledger_entries(self.period or None, self.area_id or None)
            totals = self.service.ledger_totals(self.period or None, self.area_id or None)
        except StoreError as exc:
            messages.error(self, "无法读取台账", str(exc))
            return
        self.model.set_rows(rows)
        self.table.scrollToBottom()
        where = self.period_box.currentText() if self.period else "全部期间"
        self.count_label.setText(f"{where}共 {len(rows)} 条" + (f"（{self.area_filter.currentText()}）"
                                                             if self.area_id else ""))
        self.totals.setText(self.totals_html(totals, where))
        deleted = self.service.ledger_deleted_count()
        self.recycle_button.setText(f"回收站（{deleted}）" if deleted else "回收站")

    def totals_html(self, totals: dict[str, AreaTotal], where: str) -> str:
        if not totals:
            return f"<b>合计</b>　{where}还没有记录。"
        lines = [f"<b>合计</b>（{where}）"]
        for a in self.catalog:
            total = totals.get(a.id)
            if total is None:
                continue
            figures = "，".join(f"{f.label} {number_text(total.values[f.key])}{f.unit}"
                               for f in a.figures if total.values.get(f.key)) or "没有数据"
            lines.append(f"<b>{a.name}</b>　{total.entries} 条　{figures}")
        return "<br>".join(lines)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setObjectName("errorText" if error else "hint")
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------ the entry line

    def _area_changed(self) -> None:
        area = self.areas.get(self.area_box.currentData())
        figures = list(area.figures) if area else []
        for n, box in enumerate(self.figure_boxes):
            if n < len(figures):
                f = figures[n]
                box.set_figure(f.key, f.label, f.unit)
            else:
                box.set_figure("", "", "")
                box.edit.clear()

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if watched is self.date_edit and self._date_key(event):
            return True
        # Enter in any box of the entry line adds (or saves) the row; Esc leaves changing a row
        if event.type() == event.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                    watched is self.area_box and self.area_box.view().isVisible()):
                self.submit()
                return True
            if event.key() == Qt.Key.Key_Escape and self.editing is not None:
                self.cancel_edit()
                return True
        return super().eventFilter(watched, event)

    def _date_key(self, event) -> bool:
        """A date typed whole lands whole: from the year on, and "-" (the shown format) moves on like "/".

        Qt's date box starts in the day when entered by Shift+Tab, and its "-" jumps over the section
        the typed year already moved to; either way "2024-03-05" became another date without a word.
        """
        if event.type() == event.Type.FocusIn and event.reason() in (
                Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            QDateEdit.focusInEvent(self.date_edit, event)
            self.date_edit.setSelectedSection(QDateEdit.Section.YearSection)
            return True
        elif event.type() == event.Type.KeyPress and event.text() == "-":
            slash = QKeyEvent(event.Type.KeyPress, Qt.Key.Key_Slash, event.modifiers(), "/")
            QDateEdit.keyPressEvent(self.date_edit, slash)
            return True
        return False

    def entry_from_line(self) -> Entry | str:
        """The entry typed in the entry line, or why it cannot be read (Chinese)."""
        figures: dict[str, float] = {}
        for box in self.figure_boxes:
            text = box.edit.text().strip()
            if not box.key or not text:
                continue
            # read as the import reads a cell: "3600余", "3.6万", "12场次" are numbers the officer writes
            amount = parse_amount(text, box.unit.text())
            if amount is None:
                return f"“{box.edit.placeholderText()}”请填阿拉伯数字，如 12、3.5 或 3600余（现在是“{text}”）。"
            figures[box.key] = amount.value
        date = self.date_edit.date()
        return Entry(_dt.date(date.year(), date.month(), date.day()).isoformat(), self.area_box.currentData(),
                     self.text_edit.text(), figures)

    def submit(self) -> bool:
        """Enter / 添加: store the typed row (or the change of the loaded one); keep date and area for the next."""
        entry = self.entry_from_line()
        if isinstance(entry, str):
            self.show_message(entry, error=True)
            return False
        if self.editing is not None:
            entry.id = self.editing.id
            cmd: _LedgerCommand = EditEntry(self, self.editing, entry)
        else:
            cmd = AddEntry(self, entry)
        try:
            cmd.apply()
        except LedgerError as exc:
            self.show_message(str(exc), error=True)
            return False
        except StoreError as exc:
            messages.error(self, "没有保存", str(exc))
            return False
        self.undo_stack.push(cmd)
        saved = cmd.stored if isinstance(cmd, AddEntry) else cmd.after
        self._fill_filters()
        self.refresh()
        shown = any(e.id == saved.id for e in self.model.rows)
        word = "已修改" if self.editing is not None else "已添加"
        area = self.areas[saved.area].name
        self.show_message(f"{word}：{saved.date} {area} {saved.text}" + (
            "" if shown else "（不在当前筛选的期间或板块内，切换筛选可以看到）") + "。按 Ctrl+Z 可以撤销。")
        self.cancel_edit(keep_message=True)
        self.text_edit.setFocus()
        return True

    def _clear_line(self) -> None:
        self.text_edit.clear()
        for box in self.figure_boxes:
            box.edit.clear()

    def edit_row(self, row: int) -> None:
        """Load a row into the entry line to change it (双击 / 回车 on the row)."""
        if not 0 <= row < len(self.model.rows):
            return
        e = self.model.rows[row]
        self.editing = e
        d = _dt.date.fromisoformat(e.date)
        self.date_edit.setDate(QDate(d.year, d.month, d.day))
        self.area_box.setCurrentIndex(self.area_box.findData(e.area))
        self.text_edit.setText(e.text)
        for box in self.figure_boxes:
            box.edit.setText(number_text(e.figures[box.key]) if box.key in e.figures else "")
        self.add_button.setText("保存修改")
        self.cancel_button.show()
        self.show_message("正在修改选中的一条：改好后按回车保存，按 Esc 取消。")
        self.text_edit.setFocus()

    def cancel_edit(self, keep_message: bool = False) -> None:
        self.editing = None
        self._clear_line()
        self.add_button.setText("添加")
        self.cancel_button.hide()
        if not keep_message:
            self.show_message("")

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r].id for r in rows if self.model.rows[r].id is not None]

    def delete_selected(self) -> int:
        ids = self.selected_ids()
        if not ids:
            return 0
        cmd = DeleteEntries(self, ids)
        try:
            cmd.apply()
        except StoreError as exc:
            messages.error(self, "没有删除", str(exc))
            return 0
        self.undo_stack.push(cmd)
        self.refresh()
        self.show_message(f"已删除 {len(ids)} 条。按 Ctrl+Z 或点“撤销”可以恢复。")
        return len(ids)

    def undo(self) -> None:
        if self.undo_stack.canUndo():
            text = self.undo_stack.undoText()
            self.undo_stack.undo()
            self.show_message(f"已撤销：{text}")

    def redo(self) -> None:
        if self.undo_stack.canRedo():
            text = self.undo_stack.redoText()
            self.undo_stack.redo()
            self.show_message(f"已重做：{text}")

    def show_recycle(self) -> list[int]:
        """台账回收站: restore or purge deleted entries; returns the ids restored."""
        from ui.ledger_recycle import LedgerRecycleDialog

        dialog = LedgerRecycleDialog(self.service, self)
        try:
            dialog.exec()
            restored = dialog.restored
        finally:
            dialog.deleteLater()
        self.undo_stack.clear()  # its delete commands may refer to entries restored or purged there
        self._fill_filters()
        self.refresh()
        if restored:
            self.show_message(f"已恢复 {len(restored)} 条台账记录。")
        return restored

    # ------------------------------------------------------------ import and export

    def _folder(self) -> str:
        folder = self.service.setting(FOLDER_SETTING)
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def import_table(self) -> int:
        """导入表格: pick a file, map its columns (remembered), import the good rows, list the bad ones."""
        from ui.ledger_import_dialog import MappingDialog, show_import_result

        path = choose_import_file(self, self._folder())
        if not path:
            return 0
        try:
            table = self.service.read_ledger_table(path)
            self.service.set_setting(FOLDER_SETTING, str(Path(path).parent))
        except TableError as exc:
            messages.error(self, "无法导入", str(exc))
            return 0
        mapping = MappingDialog.get_mapping(self.service, table, self)
        if mapping is None:
            return 0
        try:
            result = self.service.import_ledger(table, mapping)
        except (TableError, StoreError) as exc:
            messages.error(self, "没有导入", f"{exc}\n台账没有任何改动。")
            return 0
        self.undo_stack.clear()  # an import is not undone row by row; the rows can be deleted like any other
        self._fill_filters()
        self.refresh()
        show_import_result(self, result)
        self.show_message(result.summary().split("。")[0] + "。")
        return result.added

    def export_table(self) -> str:
        from export.xlsx import write_ledger

        where = self.period_box.currentText() if self.period else "全部"
        suggested = str(Path(self._folder()) / f"工作台账（{where}）.xlsx")
        path = choose_export_file(self, suggested)
        if not path:
            return ""
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        title = f"工作台账（{where}{'，' + self.area_filter.currentText() if self.area_id else ''}）"
        try:
            write_ledger(self.model.rows, self.catalog, path, title)
        except (WriteError, OSError) as exc:
            messages.error(self, "导出失败", f"台账没能导出：{error_text(exc)}")
            return ""
        self.show_message(f"已导出 {len(self.model.rows)} 条到 {path}")
        return path
