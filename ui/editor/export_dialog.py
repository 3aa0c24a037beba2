"""导出 Word / PDF: format, file name and folder, font scheme, 主要数据一览表 (with 去年同期 and 同比 columns
when the same unit's earlier period is known), then a progress bar and the result.

The dialog asks the service for the outline of its copy of the report (the same call the CLI's
export makes) and hands the blocks to a worker thread that renders and writes the file; it never
changes the report. Tests
drive it through ``set_path()`` / ``start()`` and monkeypatch ``choose_save_path``, ``open_path``
and ``ui.messages``.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from export import fonts
from models.api import (
    INFO,
    MISSING,
    STYLE,
    OutlineOptions,
    StoreError,
    blocking,
    empty_item_ids,
    needs_attention,
    suppress_logged,
)
from ui import messages
from ui.editor.export_worker import ExportWorker
from ui.editor.file_names import default_docx_name
from ui.qt import (
    QCheckBox,
    QComboBox,
    QDesktopServices,
    QDialog,
    QFileDialog,
    QFontDatabase,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStandardPaths,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.api import Finding, Report, ReportService

log = logging.getLogger(__name__)

DOCX_FILTER = "Word 文件 (*.docx)"


@dataclass(frozen=True)
class ExportFormat:
    """A kind of file the dialog can write; ``_make_worker`` turns the outline into it."""

    key: str
    name: str  # as the choice reads: Word 文件
    suffix: str  # .docx
    filter: str  # for the save dialog


# Each format is a line here (and, if it needs one, a branch in _make_worker); with more than one,
# the choice appears above the file name. The PDF is the paged layout the preview shows.
FORMATS = [ExportFormat("docx", "Word 文件（.docx，可以再修改）", ".docx", DOCX_FILTER),
           ExportFormat("pdf", "PDF 文件（.pdf，打印或报送，不能再修改）", ".pdf", "PDF 文件 (*.pdf)")]
SHOWN = 3  # places named per group; the checks panel lists them all
SCHEME_SETTING, TABLE_SETTING, FOLDER_SETTING = "export.font_scheme", "export.figures_table", "last_export_dir"
COMPARE_SETTING = "export.compare_columns"  # 去年同期 and 同比 columns in 主要数据一览
STANDARD_NAMES = "、".join((fonts.STANDARD_SCHEME.title, fonts.STANDARD_SCHEME.body, fonts.STANDARD_SCHEME.kai))


def choose_save_path(parent: QWidget | None, suggested: str) -> str:
    """File dialog for the file (of the format ``suggested`` ends in); '' when cancelled. Tests monkeypatch this."""
    fmt = next((f for f in FORMATS if suggested.lower().endswith(f.suffix)), FORMATS[0])
    path, _ = QFileDialog.getSaveFileName(parent, f"导出 {fmt.name.split('（')[0]}", suggested, fmt.filter)
    if path and not path.lower().endswith(fmt.suffix):
        path += fmt.suffix
    return path


def scheme_label(scheme: fonts.FontScheme) -> str:
    """标准（方正小标宋简体、仿宋_GB2312、楷体_GB2312）: the families the document will name, read from
    the scheme the writer gets, so the dialog never names a font the file does not use."""
    title = f"{scheme.title}加粗" if scheme.title_bold else scheme.title
    return f"{scheme.name}（标题：{title}；正文：{scheme.body}；小标题：{scheme.hei}、{scheme.kai}）"


# what each rule of the checks finds, in a few words (the group lines count them: 上一期的原文未改写 16 处)
RULE_NAMES = {
    "blank": "占位符", "figure": "数据不是数字", "agreement": "数据和正文对不上", "stale": "上一期的原文未改写",
    "required": "必填内容空着", "empty_item": "空条目", "empty_enum": "空列举", "empty_entry": "空列举项",
    "empty_part": "空着的部分", "empty_section": "空着的部分", "min_items": "条目不够", "period": "期间",
    "date": "日期有误", "date_early": "落款日期太早", "untitled_section": "部分没有标题", "numbering": "手工输入的编号",
    "length": "篇幅过长", "enum_limit": "列举项太多", "proofread.period_word": "期间说法和本期不符",
    "proofread.long_sentence": "句子过长", "proofread.date_impossible": "不存在的日期",
    "proofread.date_zero": "日期写法", "proofread.date_format": "日期写法",
}


def rule_name(rule: str) -> str:
    return RULE_NAMES.get(rule) or ("标点或用字" if rule.startswith("proofread.") else "其他")


def kinds(findings: list[Finding]) -> str:
    """上一期的原文未改写 16 处、期间说法和本期不符 6 处: what a group holds, the most frequent first."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[rule_name(f.rule)] = counts.get(rule_name(f.rule), 0) + 1
    return "、".join(f"{name} {n} 处" for name, n in sorted(counts.items(), key=lambda c: -c[1]))


def places(findings: list[Finding]) -> str:
    """导语；二、存在的短板 ›（一）等 5 处: where, for a group of findings."""
    labels = list(dict.fromkeys(f.label for f in findings))
    named = "；".join(labels[:SHOWN])
    return named + (f"等 {len(labels)} 处" if len(labels) > SHOWN else "")


def open_path(path: str) -> bool:
    """Open a file or folder with the system's program (Word / WPS / the file manager)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def documents_folder() -> str:
    """文档, or the home folder where there is none (some Linux desktops)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def font_note(families: list[str]) -> str:
    """A plain sentence when the standard 公文 fonts are not installed on this computer."""
    if fonts.has_standard_fonts(families) and fonts.standard_scheme(families).title == "方正小标宋简体":
        return ""
    return (f"这台电脑没有安装公文标准字体（{STANDARD_NAMES}），已选用“系统自带”字体，打印效果相近。"
            "如上级要求标准字体，可改选“标准”。")


class ExportDialog(QDialog):
    fix_requested = Signal(object)  # the Finding to go to (返回修改 / 去改正): the editor jumps there
    export_finished = Signal(bool, str)  # ok, path or Chinese error message

    def __init__(self, service: ReportService, report: Report, parent: QWidget | None = None, *,
                 families: list[str] | None = None, remove_empty: Callable[[], Report | None] | None = None) -> None:
        """``remove_empty``: 删除所有空条目 in the editor (one undo step); returns the report as it is then."""
        super().__init__(parent)
        self.service, self.report = service, report
        self.genre = service.genre_of(report)
        self.families = list(QFontDatabase.families() if families is None else families)
        self.remove_empty = remove_empty
        self.worker: ExportWorker | None = None
        self.last_path = ""
        self.findings: list[Finding] = []
        self.setWindowTitle("导出 Word 文件")
        self.setMinimumWidth(600)
        self._build()
        self.set_report(report)

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        folder = self.service.setting(FOLDER_SETTING, "")
        if not folder or not Path(folder).is_dir():  # a removed USB stick: back to 文档
            folder = documents_folder()
        self.format_combo = QComboBox(self)
        for fmt in FORMATS:
            self.format_combo.addItem(fmt.name, fmt.key)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.name_edit = QLineEdit(default_docx_name(self.report, self.genre), self)
        self.folder_edit = QLineEdit(folder, self)
        self.folder_edit.setReadOnly(True)
        self.browse = QPushButton("更改位置…", self)
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse)

        self.scheme_combo = QComboBox(self)
        self.scheme_combo.addItem(scheme_label(fonts.standard_scheme(self.families)), fonts.STANDARD)
        self.scheme_combo.addItem(scheme_label(fonts.system_scheme(self.families)), fonts.SYSTEM)
        default = self.service.setting(SCHEME_SETTING, "") or fonts.default_scheme(self.families).name
        self.scheme_combo.setCurrentIndex(max(0, self.scheme_combo.findData(default)))
        self.font_note = QLabel(font_note(self.families), self)
        self.font_note.setWordWrap(True)
        self.font_note.setObjectName("hint")
        self.font_note.setVisible(bool(self.font_note.text()))

        self.table_check = QCheckBox("附主要数据一览表（把各条填写的数据汇总成一张表，放在正文后）", self)
        self.table_check.setChecked(self.service.setting(TABLE_SETTING, "1") == "1")
        self.compare_check = QCheckBox("数据表加“去年同期”“同比”两列", self)
        self.compare_check.setChecked(self.service.setting(COMPARE_SETTING, "0") == "1")
        self.has_comparison = False  # set_report: the same unit's report or 台账 a year earlier is known
        self.table_check.toggled.connect(self._sync_compare)

        form = QFormLayout()
        form.addRow("格式：", self.format_combo)
        form.addRow("文件名：", self.name_edit)
        form.addRow("保存到：", folder_row)
        form.addRow("字体：", self.scheme_combo)
        form.addRow("", self.font_note)
        form.addRow("", self.table_check)
        form.addRow("", self.compare_check)
        # one format: no choice to make, so no row (the first row of the form)
        form.setRowVisible(0, len(FORMATS) > 1)

        checks = self._build_checks()

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.hide()
        self.open_file = QPushButton("打开文件", self)
        self.open_folder = QPushButton("打开所在文件夹", self)
        self.open_file.clicked.connect(lambda: open_path(self.last_path))
        self.open_folder.clicked.connect(lambda: open_path(str(Path(self.last_path).parent)))
        self.export_button = QPushButton("导出", self)
        self.export_button.setProperty("primary", True)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.close_button = QPushButton("取消", self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_file)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        self.open_file.hide()
        self.open_folder.hide()

        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(checks)
        box.addWidget(self.progress)
        box.addWidget(self.result)
        box.addLayout(buttons)

    def _build_checks(self) -> QWidget:
        """What the checks found, in the words of the checks panel: blocks the export / 会印错 / 不会打印 /
        可以改进, each group with the way to deal with it."""
        self.checks_box = QFrame(self)
        self.checks_box.setObjectName("checksBox")
        self.checks_box.setStyleSheet("QFrame#checksBox { background: #fff8e6; border: 1px solid #e8c36a;"
                                      " border-radius: 4px; }")
        self.warning = QLabel(self.checks_box)  # 还有 N 处待补: the panel's own count
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("font-weight: bold;")
        self.fix_button = QPushButton("返回修改", self.checks_box)
        self.fix_button.setToolTip("关闭这个窗口，跳到第一处要修改的地方")
        self.fix_button.clicked.connect(self._fix)
        head = QHBoxLayout()
        head.addWidget(self.warning, 1)
        head.addWidget(self.fix_button)

        def group() -> QLabel:
            label = QLabel(self.checks_box)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            return label

        self.block_label = group()
        self.jump_button = QPushButton("去改正", self.checks_box)
        self.jump_button.setToolTip("关闭这个窗口，跳到这个数据")
        self.jump_button.clicked.connect(self._jump_to_block)
        self.wrong_label = group()
        self.missing_label = group()
        self.remove_empty_button = QPushButton("删除所有空条目", self.checks_box)
        self.remove_empty_button.setToolTip("把没有写任何内容的条目一次删掉；在编辑器里按 Ctrl+Z 可以撤销")
        self.remove_empty_button.clicked.connect(self._remove_empty)
        self.style_label = group()
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self.block_label, 0, 0)
        grid.addWidget(self.jump_button, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.wrong_label, 1, 0)
        grid.addWidget(self.missing_label, 2, 0)
        grid.addWidget(self.remove_empty_button, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.style_label, 3, 0)
        box = QVBoxLayout(self.checks_box)
        box.setContentsMargins(10, 8, 10, 8)
        box.addLayout(head)
        box.addLayout(grid)
        return self.checks_box

    def set_report(self, report: Report) -> None:
        """The report to export (a copy); the checks are read again, the same list the panel shows."""
        self.report = report
        self.findings = self.service.check(report)
        try:
            self.has_comparison = self.service.comparison(report).has_previous
        except StoreError:  # the option is an extra: without it the export still works
            log.warning("同比数据读取失败", exc_info=True)
            self.has_comparison = False
        self._sync_compare()
        findings = self.findings
        blocked = blocking(findings)
        wrong = [f for f in findings if f.kind not in (MISSING, STYLE) and f.severity != INFO and not f.blocking]
        missing = [f for f in findings if f.kind == MISSING]
        style = [f for f in findings if f.kind == STYLE or f.severity == INFO]
        counted = len(needs_attention(findings))
        self.warning.setText(f"还有 {counted} 处待补（与左侧“待补清单”一致）。" if counted else
                             "没有待补的内容。" if findings else "")
        self.fix_button.setVisible(bool(counted))

        def fill(label: QLabel, colour: str, head: str, text: str, where: list[Finding]) -> None:
            label.setText(f"<b style='color:{colour}'>{head}</b>{text}<br>"
                          f"<span style='color:#6b6f76'>{html.escape(places(where))}</span>" if where else "")
            label.setVisible(bool(where))

        fill(self.block_label, "#b3261e", "不能导出：",
             f"<b>{len(blocked)} 处数据不是数字</b>，印出来会是错的。请改成数字，或在数据旁勾选“按原样打印”。", blocked)
        self.jump_button.setVisible(bool(blocked))
        fill(self.wrong_label, "#b3261e", f"会印错（{len(wrong)} 处）：",
             f"{kinds(wrong)}。这些会照原样印在文件里，可以先导出看看，打印前请改好。", wrong)
        fill(self.missing_label, "#5f6368", f"不会打印（{len(missing)} 处）：",
             f"{kinds(missing)}。没有填写的条目和内容不会出现在文件里，也不留空位；"
             "需要的请补上，不需要的可以删除。", missing)
        self.remove_empty_button.setVisible(self.remove_empty is not None and bool(empty_item_ids(findings)))
        fill(self.style_label, "#1f5fbf", f"可以改进（{len(style)} 处）：", f"{kinds(style)}，不影响打印。", style)
        self.checks_box.setVisible(bool(findings))
        self.export_button.setEnabled(not blocked and self.worker is None)
        self.export_button.setToolTip("有数据不是数字，改正或选“按原样打印”后才能导出" if blocked else "")
        self._fit_height()

    # ------------------------------------------------------------ choices

    def export_format(self) -> ExportFormat:
        return next((f for f in FORMATS if f.key == self.format_combo.currentData()), FORMATS[0])

    def _format_changed(self) -> None:
        fmt = self.export_format()
        self.setWindowTitle("导出 PDF 文件" if fmt.key == "pdf" else "导出 Word 文件")
        stem = Path(self.name_edit.text().strip()).stem if self.name_edit.text().strip() else ""
        if stem:
            self.name_edit.setText(stem + fmt.suffix)

    def path(self) -> str:
        suffix = self.export_format().suffix
        name = self.name_edit.text().strip() or Path(default_docx_name(self.report, self.genre)).stem + suffix
        if not name.lower().endswith(suffix):
            name += suffix
        return str(Path(self.folder_edit.text()) / name)

    def set_format(self, fmt: str) -> None:
        """docx or pdf: the choice, the window title and the file name's suffix follow."""
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))
        self._format_changed()

    def set_path(self, path: str) -> None:
        p = Path(path)
        self.folder_edit.setText(str(p.parent))
        self.name_edit.setText(p.name)

    def scheme(self) -> fonts.FontScheme:
        if self.scheme_combo.currentData() == fonts.STANDARD:
            return fonts.standard_scheme(self.families)
        return fonts.system_scheme(self.families)

    def _sync_compare(self) -> None:
        """The 同比 columns only when something earlier is known and there is a table to add them to."""
        on = self.has_comparison and self.table_check.isChecked() and self.worker is None
        self.compare_check.setEnabled(on)
        self.compare_check.setToolTip(
            "在文末“主要数据一览”表中加上本单位去年同期的数和增减幅度" if self.has_comparison else
            "没有找到本单位去年同期的总结或工作台账记录，无法对比" if self.table_check.isChecked() else
            "请先勾选“附主要数据一览表”")

    def compare_columns(self) -> bool:
        """Whether the export adds the 去年同期 and 同比 columns."""
        return self.compare_check.isEnabled() and self.compare_check.isChecked()

    def _browse(self) -> None:
        path = choose_save_path(self, self.path())
        if path:
            self.set_path(path)

    def _fix(self) -> None:
        """返回修改: the first place that needs attention, the worst kind first."""
        counted = needs_attention(self.findings)
        first = (blocking(counted) or [f for f in counted if f.kind not in (MISSING, STYLE)] or counted or [None])[0]
        if first is not None:
            self.fix_requested.emit(first)
        self.reject()

    def _jump_to_block(self) -> None:
        blocked = blocking(self.findings)
        if blocked:
            self.fix_requested.emit(blocked[0])
        self.reject()

    def _remove_empty(self) -> None:
        if self.remove_empty is None:
            return
        before = len(empty_item_ids(self.findings))
        report = self.remove_empty()
        if report is None:
            return
        self.set_report(report)
        self.result.setText(f"已删除 {before - len(empty_item_ids(self.findings))} 个空条目。"
                            "回到编辑器按 Ctrl+Z 可以撤销。")
        self.result.setStyleSheet("color: #1b6e2a;")
        self.result.show()
        self._fit_height()

    # ------------------------------------------------------------ exporting

    def start(self) -> bool:
        """Export to path() in a worker thread. False when nothing was started."""
        if self.worker is not None:
            return False
        if blocking(self.findings):  # the dialog says why and offers 去改正
            return False
        path = self.path()
        if Path(path).exists() and not messages.confirm(
            self, "文件已存在", f"“{Path(path).name}”已经存在。要用这次导出的内容替换它吗？", "替换",
        ):
            return False
        compared = self.compare_columns()  # read before _busy greys the box out
        self._remember(SCHEME_SETTING, self.scheme_combo.currentData())
        self._remember(TABLE_SETTING, "1" if self.table_check.isChecked() else "0")
        if self.compare_check.isEnabled():  # a greyed-out box says nothing about what the officer wants
            self._remember(COMPARE_SETTING, "1" if self.compare_check.isChecked() else "0")
        self.result.hide()
        self._offer_open(False)  # a new export: the file of the last one is not what is being written
        self.progress.setValue(0)
        self.progress.show()
        self._fit_height()
        self._busy(True)
        options = OutlineOptions(figures_table=self.table_check.isChecked())
        blocks = (self.service.compare_outline(self.report, options) if compared
                  else self.service.outline(self.report, options))
        self.worker = self._make_worker(self.export_format(), blocks, path)
        self.worker.progressed.connect(self.progress.setValue)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        worker = self.worker
        worker.finished.connect(lambda: self._worker_done(worker))
        worker.start()
        return True

    def _make_worker(self, fmt: ExportFormat, blocks, path: str) -> ExportWorker:
        """The thread that writes ``fmt`` (one branch per format)."""
        return ExportWorker(blocks, path, self.scheme(), self.report.get("front.author"))

    def _remember(self, key: str, value: str) -> None:
        with suppress_logged(log, f"保存导出设置 {key}", StoreError):  # a lost preference must not stop an export
            self.service.set_setting(key, value)

    def _busy(self, busy: bool) -> None:
        for w in (self.browse, self.name_edit, self.format_combo, self.scheme_combo, self.table_check,
                  self.fix_button, self.jump_button, self.remove_empty_button):
            w.setEnabled(not busy)
        self.compare_check.setEnabled(not busy and self.has_comparison and self.table_check.isChecked())
        self.export_button.setEnabled(not busy and not blocking(self.findings))
        self.close_button.setEnabled(not busy)

    def _worker_done(self, worker: ExportWorker) -> None:
        if self.worker is worker:
            worker.wait()  # run() has returned; this only joins the thread
            worker.deleteLater()
            self.worker = None
            self._busy(False)

    def _offer_open(self, on: bool) -> None:
        """打开文件 / 打开所在文件夹 only for a file this export wrote; Enter then opens it."""
        self.open_file.setVisible(on or not self.open_file.isHidden())
        self.open_folder.setVisible(on or not self.open_folder.isHidden())
        self.open_file.setEnabled(on)
        self.open_folder.setEnabled(on)
        for button, primary in ((self.export_button, not on), (self.open_file, on)):
            button.setDefault(primary)
            button.setProperty("primary", primary)
            button.style().unpolish(button)
            button.style().polish(button)

    def _succeeded(self, path: str) -> None:
        self.last_path = path
        self._remember(FOLDER_SETTING, str(Path(path).parent))
        self.progress.setValue(100)
        self.result.setText(f"已导出：{path}")
        self.result.setStyleSheet("color: #1b6e2a; font-weight: bold;")
        self.result.show()
        self.export_button.setText("再次导出")
        # done: Enter now opens the file rather than exporting again over it
        self._offer_open(True)
        self.close_button.setText("关闭")
        self._fit_height()
        self.open_file.setFocus()
        self.export_finished.emit(True, path)

    def _failed(self, message: str) -> None:
        if self.worker is not None:
            self._worker_done(self.worker)
        self.progress.hide()
        self.last_path = ""
        self._offer_open(False)  # no 打开文件 for a file that was not written
        self.result.setText(message)
        self.result.setStyleSheet("color: #b3261e;")
        self.result.show()
        self._fit_height()
        self.export_finished.emit(False, message)
        # Offer the way out at once: another name or folder (the file may be open in WPS).
        if messages.confirm(self, "导出失败", message, "换个名字保存…"):
            path = choose_save_path(self, self.path())
            if path:
                self.set_path(path)
                self.start()

    def _fit_height(self) -> None:
        """Grow for the progress bar and the result line: squeezed, the wrapped font note lost its last line."""
        layout = self.layout()
        layout.activate()
        needed = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def done(self, result: int) -> None:
        if self.worker is not None:  # closing while the file is being written would cut it off
            self.worker.wait()
        super().done(result)
