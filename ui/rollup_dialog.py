"""汇总各单位数据: pick towns' report packages (or reports on this computer) of one period, see towns ×
figures with totals and ranks and who has not reported, export the 统计表 as .xlsx.

The county's list of towns is typed once (one per line) and remembered. A file that cannot be
used is listed with the reason; the others still roll up. 附在本单位总结后 puts the 统计表 after the
落款 of the county's own summary, as 附件 on a page of its own (or takes it away again).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from models.api import LedgerError, StoreError, WriteError, error_text, periods, plain_number
from ui import messages
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStandardPaths,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from models.api import Report, ReportService, Rollup

PACKAGE_FILTER = "报告包 (*.json);;所有文件 (*)"
FOLDER_SETTING = "rollup.folder"
SOURCE_ROLE = Qt.ItemDataRole.UserRole


def choose_packages(parent: QWidget, folder: str) -> list[str]:
    """File dialog for 添加报告包; tests monkeypatch this."""
    paths, _ = QFileDialog.getOpenFileNames(parent, "选择各单位报送的报告包", folder, PACKAGE_FILTER)
    return paths


def choose_xlsx(parent: QWidget, suggested: str) -> str:
    """File dialog for 导出统计表; '' when cancelled. Tests monkeypatch this."""
    path, _ = QFileDialog.getSaveFileName(parent, "导出统计表", suggested, "Excel 表格 (*.xlsx)")
    return path


def choose_county_report(parent: QWidget, service: ReportService, result: Rollup) -> tuple[str, int] | None:
    """Which stored report gets the 统计表 as 附件 ("attach", id) or loses the one it has ("remove", id);
    None when cancelled. Tests monkeypatch this."""
    dialog = AnnexTargetDialog(service, result, parent)
    return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None


class AnnexTargetDialog(QDialog):
    """Pick the county's own summary: the reports of the roll-up's period first, the towns' own last."""

    def __init__(self, service: ReportService, result: Rollup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("附在本单位总结后")
        self.choice: tuple[str, int] | None = None
        hint = QLabel(f"选择本单位的总结，“{result.title}”将作为附件排在它的落款之后，导出 Word 时另起一页。")
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("本单位的总结")
        label = result.period_label
        towns = {t.unit for t in result.towns}
        rows = sorted(service.summaries(), key=lambda s: (s.period != label, s.unit in towns))
        for s in rows:
            item = QListWidgetItem(f"{s.title}（{s.unit or '未填单位'}，{s.period}）")
            item.setData(SOURCE_ROLE, s.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self._done("attach"))
        buttons = QDialogButtonBox()
        self.attach_button = buttons.addButton("附在这份总结后", QDialogButtonBox.ButtonRole.AcceptRole)
        self.attach_button.setProperty("primary", True)
        self.remove_button = buttons.addButton("去掉它的附件", QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.setToolTip("这份总结以后导出时不再带统计表")
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.attach_button.clicked.connect(lambda: self._done("attach"))
        self.remove_button.clicked.connect(lambda: self._done("remove"))
        buttons.rejected.connect(self.reject)
        for b in (self.attach_button, self.remove_button):
            b.setEnabled(self.list.count() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _done(self, what: str) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.choice = (what, int(item.data(SOURCE_ROLE)))
        self.accept()


def cell_text(value: float, approx: bool, rank: int | None) -> str:
    text = plain_number(value) + ("余" if approx else "")
    return f"{text}（{rank}）" if rank is not None else text


class RollupDialog(QDialog):
    def __init__(self, service: ReportService, parent: QWidget | None = None, *,
                 open_report: Report | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.open_report = open_report  # the report open in the editor: an annex given to it shows at once
        self.changed_reports: set[int] = set()  # reports whose 附件 was attached or removed here
        self.result: Rollup | None = None
        self.setWindowTitle("汇总各单位数据")
        self._build()
        self.resize(1100, 700)

    def _build(self) -> None:
        hint = QLabel("把各单位报送的报告包加进来（也可以加本机上的总结），程序按单位汇总每项数据，算出合计和名次，"
                      "并列出名单中还没有报送的单位。")
        hint.setWordWrap(True)
        hint.setObjectName("hint")

        self.sources = QListWidget()
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sources.setAccessibleName("要汇总的报告")
        add_files = QPushButton("添加报告包…")
        add_files.clicked.connect(self.add_files)
        self.local_period = QComboBox()
        self.local_period.setAccessibleName("本机总结的期间")
        for code in self.service.rollup_periods():
            self.local_period.addItem(periods.period_label(code), code)
        add_local = QPushButton("加入本机这一期的总结")
        add_local.clicked.connect(self.add_local)
        add_local.setEnabled(self.local_period.count() > 0)
        remove = QPushButton("移除选中")
        remove.clicked.connect(self.remove_selected)
        local_row = QHBoxLayout()
        local_row.addWidget(self.local_period, 1)
        local_row.addWidget(add_local)
        file_row = QHBoxLayout()
        file_row.addWidget(add_files)
        file_row.addWidget(remove)
        file_row.addStretch(1)

        self.expected = QPlainTextEdit("\n".join(self.service.rollup_expected()))
        self.expected.setPlaceholderText("应报送的单位，每行一个，如：\n青禾镇\n石桥镇\n（填一次，下次自动带出）")
        self.expected.setAccessibleName("应报送单位")
        self.run_button = QPushButton("汇总")
        self.run_button.setProperty("primary", True)
        self.run_button.clicked.connect(self.run)

        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(QLabel("<b>要汇总的报告</b>"))
        lbox.addWidget(self.sources, 2)
        lbox.addLayout(file_row)
        lbox.addLayout(local_row)
        lbox.addWidget(QLabel("<b>应报送单位</b>（每行一个）"))
        lbox.addWidget(self.expected, 1)
        lbox.addWidget(self.run_button)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().hide()
        self.report = QLabel("加入报告后点“汇总”。")
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton("导出 .xlsx…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.annex_button = QPushButton("附在本单位总结后…")
        self.annex_button.setToolTip("把这张统计表作为附件，排在本单位总结的落款之后，导出 Word 时另起一页打印")
        self.annex_button.setEnabled(False)
        self.annex_button.clicked.connect(self.attach_to_report)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self.title)
        rbox.addWidget(QLabel("括号内为名次（从高到低，数值相同名次相同）。"))
        rbox.addWidget(self.table, 1)
        rbox.addWidget(self.report)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.annex_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        rbox.addLayout(buttons)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([320, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(split, 1)

    # ------------------------------------------------------------ sources

    def _folder(self) -> str:
        folder = self.service.setting(FOLDER_SETTING)
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def _add(self, text: str, source: tuple[str, object]) -> None:
        for n in range(self.sources.count()):
            if self.sources.item(n).data(SOURCE_ROLE) == source:
                return
        item = QListWidgetItem(text)
        item.setData(SOURCE_ROLE, source)
        self.sources.addItem(item)

    def add_files(self) -> int:
        paths = choose_packages(self, self._folder())
        for path in paths:
            self._add(Path(path).name, ("file", str(path)))
        if paths:
            with contextlib.suppress(StoreError):
                self.service.set_setting(FOLDER_SETTING, str(Path(paths[0]).parent))
        return len(paths)

    def add_local(self) -> int:
        code = self.local_period.currentData()
        found = self.service.rollup_candidates(code) if code else []
        for rid, unit, title in found:
            self._add(f"本机：{unit or '（未填单位）'}《{title}》", ("report", rid))
        return len(found)

    def remove_selected(self) -> None:
        for item in self.sources.selectedItems():
            self.sources.takeItem(self.sources.row(item))

    # ------------------------------------------------------------ the roll-up

    def run(self) -> Rollup | None:
        files, ids = [], []
        for n in range(self.sources.count()):
            kind, value = self.sources.item(n).data(SOURCE_ROLE)
            (files if kind == "file" else ids).append(value)
        if not files and not ids:
            messages.info(self, "汇总", "还没有加入要汇总的报告。请点“添加报告包…”选择各单位报送的文件。")
            return None
        expected = [line for line in self.expected.toPlainText().splitlines() if line.strip()]
        try:
            self.service.set_rollup_expected(expected)
            result = self.service.rollup(files, ids, expected=expected)
        except StoreError as exc:
            messages.error(self, "汇总失败", str(exc))
            return None
        self.show_result(result)
        return result

    def show_result(self, result: Rollup) -> None:
        self.result = result
        self.export_button.setEnabled(result.usable)
        self.annex_button.setEnabled(result.usable)
        self.title.setText(result.title if result.usable else "没有可以汇总的报告")
        cols = result.columns
        self.table.clear()
        self.table.setColumnCount(1 + len(cols))
        self.table.setRowCount(len(result.towns) + (1 if result.towns else 0))
        self.table.setHorizontalHeaderLabels(
            ["单位", *(f"{c.area_name}\n{c.label}\n{'（' + c.unit + '）' if c.unit else ''}".rstrip() for c in cols)])
        for r, town in enumerate(result.towns):
            self.table.setItem(r, 0, QTableWidgetItem(town.unit))
            for n in range(len(cols)):
                if n in town.values:
                    item = QTableWidgetItem(cell_text(town.values[n], n in town.approx, town.ranks.get(n)))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setToolTip(f"{town.unit} · {cols[n].area_name}{cols[n].title}：第 {town.ranks[n]} 名")
                    self.table.setItem(r, 1 + n, item)
        if result.towns:
            last = len(result.towns)
            total = QTableWidgetItem("合计")
            font = total.font()
            font.setBold(True)
            total.setFont(font)
            self.table.setItem(last, 0, total)
            for n, value in enumerate(result.totals):
                if value is not None:
                    item = QTableWidgetItem(plain_number(value))
                    item.setFont(font)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.table.setItem(last, 1 + n, item)
        self.table.resizeColumnsToContents()  # every header readable: area, figure, unit on three lines
        self.table.resizeRowsToContents()
        lines = [f"已汇总 {len(result.towns)} 个单位。"]
        if result.missing:
            lines.append(f"<b>未报送</b>（{len(result.missing)} 个）：{'、'.join(result.missing)}")
        if result.problems:
            # each is a whole sentence with what to do: one per line, not run together
            lines.append("<b style='color:#b3261e'>未汇总的文件：</b>")
            lines.extend(result.problems)
        lines.extend(f"说明：{n}" for n in result.notes)
        self.report.setText("<br>".join(lines))

    def export(self) -> str:
        from export.xlsx import write_rollup

        if self.result is None or not self.result.usable:
            return ""
        suggested = str(Path(self._folder()) / f"{self.result.title}.xlsx")
        path = choose_xlsx(self, suggested)
        if not path:
            return ""
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        try:
            write_rollup(self.result, path)
        except (WriteError, OSError) as exc:
            messages.error(self, "导出失败", f"统计表没能写入：{error_text(exc)}")
            return ""
        messages.info(self, "导出完成", f"统计表已保存到：\n{path}\n可以用 WPS 表格或 Excel 打开。")
        return path

    def attach_to_report(self) -> int | None:
        """附在本单位总结后 (or 去掉它的附件): the id of the report changed, None when nothing was."""
        if self.result is None or not self.result.usable:
            return None
        picked = choose_county_report(self, self.service, self.result)
        if picked is None:
            return None
        what, rid = picked
        try:
            report = self.service.load(rid)
            title = self.service.title(report)
            open_report = self.open_report if self.open_report is not None and self.open_report.id == rid else None
            if what == "remove":
                if not self.service.annex_title(report):
                    messages.info(self, "没有附件", f"《{title}》没有附统计表，不用去掉。")
                    return None
                self.service.remove_annex(rid, open_report)
                messages.info(self, "已去掉附件", f"《{title}》以后导出时不再带统计表。")
            else:
                before = self.service.annex_title(report)
                if before and not messages.confirm(
                        self, "替换附件", f"《{title}》已经附有“{before}”。", "替换",
                        informative=f"要换成这次汇总的“{self.result.title}”吗？"):
                    return None
                self.service.attach_rollup(rid, self.result, open_report)
                messages.info(self, "已附上统计表",
                              f"“{self.result.title}”已作为附件排在《{title}》的落款之后，导出 Word 时另起一页打印。"
                              "打开这份总结，在预览里可以看到。")
        except (StoreError, LedgerError, KeyError) as exc:
            messages.error(self, "没能附上统计表", f"{exc}" if not isinstance(exc, KeyError) else
                           "这份总结已不存在，请重新选择。")
            return None
        self.changed_reports.add(rid)
        return rid

    @classmethod
    def run_dialog(cls, service: ReportService, parent: QWidget | None = None, *,
                   open_report: Report | None = None) -> RollupDialog:
        dialog = cls(service, parent, open_report=open_report)
        dialog.exec()
        return dialog
