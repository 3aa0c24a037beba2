"""导出 Word / PDF: format, file name and folder, font scheme, 主要数据一览表, then a progress bar and the result.

The dialog asks the service for the outline of its copy of the report (the same call the CLI's
export makes) and hands the blocks to a worker thread that renders and writes the file; it never
changes the report. Tests
drive it through ``set_path()`` / ``start()`` and monkeypatch ``choose_save_path``, ``open_path``
and ``ui.messages``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from export import fonts
from models.api import OutlineOptions, StoreError, suppress_logged
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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStandardPaths,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from models.api import Report, ReportService

log = logging.getLogger(__name__)

DOCX_FILTER = "Word 文件 (*.docx)"
FORMATS = {"docx": ("Word 文档 (.docx)", DOCX_FILTER), "pdf": ("PDF", "PDF 文件 (*.pdf)")}  # label, file filter
SCHEME_SETTING, TABLE_SETTING, FOLDER_SETTING = "export.font_scheme", "export.figures_table", "last_export_dir"
STANDARD_NAMES = "方正小标宋简体、仿宋_GB2312、楷体_GB2312"


def choose_save_path(parent: QWidget | None, suggested: str) -> str:
    """File dialog for the .docx (or the .pdf, by the suggested name); '' when cancelled. Tests monkeypatch this."""
    fmt = "pdf" if suggested.lower().endswith(".pdf") else "docx"
    path, _ = QFileDialog.getSaveFileName(parent, "导出 PDF 文件" if fmt == "pdf" else "导出 Word 文件", suggested,
                                          FORMATS[fmt][1])
    if path and not path.lower().endswith(f".{fmt}"):
        path += f".{fmt}"
    return path


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
    fix_requested = Signal()  # 返回修改: the editor jumps to the first finding
    export_finished = Signal(bool, str)  # ok, path or Chinese error message

    def __init__(self, service: ReportService, report: Report, parent: QWidget | None = None, *,
                 families: list[str] | None = None) -> None:
        super().__init__(parent)
        self.service, self.report = service, report
        self.genre = service.genre_of(report)
        self.families = list(QFontDatabase.families() if families is None else families)
        self.worker: ExportWorker | None = None
        self.last_path = ""
        self.setWindowTitle("导出 Word 文件")
        self.setMinimumWidth(560)
        self._build(len(service.check(report)))

    # ------------------------------------------------------------ layout

    def _build(self, problems: int) -> None:
        folder = self.service.setting(FOLDER_SETTING, "")
        if not folder or not Path(folder).is_dir():  # a removed USB stick: back to 文档
            folder = documents_folder()
        self.name_edit = QLineEdit(default_docx_name(self.report, self.genre), self)
        self.folder_edit = QLineEdit(folder, self)
        self.folder_edit.setReadOnly(True)
        self.browse = QPushButton("更改位置…", self)
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse)

        self.scheme_combo = QComboBox(self)
        self.scheme_combo.addItem("标准（方正小标宋、仿宋_GB2312、楷体_GB2312）", fonts.STANDARD)
        self.scheme_combo.addItem("系统自带（华文中宋、仿宋、楷体）", fonts.SYSTEM)
        default = self.service.setting(SCHEME_SETTING, "") or fonts.default_scheme(self.families).name
        self.scheme_combo.setCurrentIndex(max(0, self.scheme_combo.findData(default)))
        self.font_note = QLabel(font_note(self.families), self)
        self.font_note.setWordWrap(True)
        self.font_note.setObjectName("hint")
        self.font_note.setVisible(bool(self.font_note.text()))

        self.table_check = QCheckBox("附主要数据一览表（把各条填写的数据汇总成一张表，放在正文后）", self)
        self.table_check.setChecked(self.service.setting(TABLE_SETTING, "1") == "1")

        self.format_combo = QComboBox(self)
        for fmt, (label, _filter) in FORMATS.items():
            self.format_combo.addItem(label, fmt)
        self.format_combo.currentIndexChanged.connect(lambda _i: self.set_format(self.format_combo.currentData()))
        form = QFormLayout()
        form.addRow("格式：", self.format_combo)
        form.addRow("文件名：", self.name_edit)
        form.addRow("保存到：", folder_row)
        form.addRow("字体：", self.scheme_combo)
        form.addRow("", self.font_note)
        form.addRow("", self.table_check)

        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fff4d6; border: 1px solid #e8c36a; color: #6b4500;"
                                   " padding: 6px 10px; border-radius: 4px; }")
        self.fix_button = QPushButton("返回修改", self)
        self.fix_button.clicked.connect(self._fix)
        warn_row = QHBoxLayout()
        warn_row.addWidget(self.warning, 1)
        warn_row.addWidget(self.fix_button)
        if problems:
            self.warning.setText(f"还有 {problems} 处待补（未填写的内容或“XX”之类的占位符）。可以先导出，"
                                 "但这些地方会照原样出现在文件里，请补完后再打印。")
        self.warning.setVisible(bool(problems))
        self.fix_button.setVisible(bool(problems))

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
        box.addLayout(warn_row)
        box.addWidget(self.progress)
        box.addWidget(self.result)
        box.addLayout(buttons)

    # ------------------------------------------------------------ choices

    def path(self) -> str:
        suffix = f".{self.format_combo.currentData()}"
        name = self.name_edit.text().strip() or Path(default_docx_name(self.report, self.genre)).stem
        if not name.lower().endswith(suffix):
            name = name.removesuffix(".docx").removesuffix(".pdf") + suffix
        return str(Path(self.folder_edit.text()) / name)

    def set_format(self, fmt: str) -> None:
        """docx or pdf: the choice, the window title and the file name's suffix follow."""
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(fmt)))
        self.setWindowTitle("导出 PDF 文件" if fmt == "pdf" else "导出 Word 文件")
        self.name_edit.setText(Path(self.path()).name)

    def set_path(self, path: str) -> None:
        p = Path(path)
        self.folder_edit.setText(str(p.parent))
        self.name_edit.setText(p.name)

    def scheme(self) -> fonts.FontScheme:
        if self.scheme_combo.currentData() == fonts.STANDARD:
            return fonts.standard_scheme(self.families)
        return fonts.system_scheme(self.families)

    def _browse(self) -> None:
        path = choose_save_path(self, self.path())
        if path:
            self.set_path(path)

    def _fix(self) -> None:
        self.fix_requested.emit()
        self.reject()

    # ------------------------------------------------------------ exporting

    def start(self) -> bool:
        """Export to path() in a worker thread. False when nothing was started."""
        if self.worker is not None:
            return False
        path = self.path()
        if Path(path).exists() and not messages.confirm(
            self, "文件已存在", f"“{Path(path).name}”已经存在。要用这次导出的内容替换它吗？", "替换",
        ):
            return False
        self._remember(SCHEME_SETTING, self.scheme_combo.currentData())
        self._remember(TABLE_SETTING, "1" if self.table_check.isChecked() else "0")
        self.result.hide()
        self.progress.setValue(0)
        self.progress.show()
        self._fit_height()
        self._busy(True)
        blocks = self.service.outline(self.report, OutlineOptions(figures_table=self.table_check.isChecked()))
        self.worker = ExportWorker(blocks, path, self.scheme(), self.report.get("front.author"))
        self.worker.progressed.connect(self.progress.setValue)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        worker = self.worker
        worker.finished.connect(lambda: self._worker_done(worker))
        worker.start()
        return True

    def _remember(self, key: str, value: str) -> None:
        with suppress_logged(log, f"保存导出设置 {key}", StoreError):  # a lost preference must not stop an export
            self.service.set_setting(key, value)

    def _busy(self, busy: bool) -> None:
        for w in (self.export_button, self.browse, self.name_edit, self.scheme_combo, self.table_check,
                  self.fix_button, self.format_combo):
            w.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def _worker_done(self, worker: ExportWorker) -> None:
        if self.worker is worker:
            worker.wait()  # run() has returned; this only joins the thread
            worker.deleteLater()
            self.worker = None
            self._busy(False)

    def _succeeded(self, path: str) -> None:
        self.last_path = path
        self._remember(FOLDER_SETTING, str(Path(path).parent))
        self.progress.setValue(100)
        self.result.setText(f"已导出：{path}")
        self.result.setStyleSheet("color: #1b6e2a; font-weight: bold;")
        self.result.show()
        self.open_file.show()
        self.open_folder.show()
        self.export_button.setText("再次导出")
        # done: Enter now opens the file rather than exporting again over it
        self.export_button.setDefault(False)
        self.export_button.setProperty("primary", False)
        self.export_button.style().unpolish(self.export_button)
        self.export_button.style().polish(self.export_button)
        self.open_file.setProperty("primary", True)
        self.open_file.setDefault(True)
        self.open_file.style().unpolish(self.open_file)
        self.open_file.style().polish(self.open_file)
        self.close_button.setText("关闭")
        self._fit_height()
        self.open_file.setFocus()
        self.export_finished.emit(True, path)

    def _failed(self, message: str) -> None:
        if self.worker is not None:
            self._worker_done(self.worker)
        self.progress.hide()
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
