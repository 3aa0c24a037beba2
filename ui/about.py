"""关于: the version, where the data lives (with a button to open that folder), portable or not."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from models.api import APP_NAME, APP_VERSION, PORTABLE_FOLDER
from ui.qt import (
    QT_VERSION_TEXT,
    QDesktopServices,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    Qt,
    QUrl,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from models.api import ReportService


def open_folder(path: str) -> bool:
    """Show a folder in the file manager (Explorer on Windows)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


class AboutDialog(QDialog):
    def __init__(self, service: ReportService, portable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.data_dir = str(service.data_dir)
        name = QLabel(APP_NAME)
        name.setObjectName("pageTitle")
        version = QLabel(f"版本 {APP_VERSION}")
        purpose = QLabel("帮助基层宣传干事按公文格式写半年、年度宣传工作总结和会议讲话稿，导出 Word 文件。\n"
                         "全部数据保存在本机，不需要联网。")
        purpose.setWordWrap(True)
        if portable:
            mode = f"便携模式：是。数据保存在程序旁边的“{PORTABLE_FOLDER}”文件夹里，拷贝整个程序文件夹即可带走。"
        else:
            mode = "便携模式：否。换电脑时，可以用“文件 → 导出报告包”带走单份总结，或在程序关闭后复制整个数据文件夹。"
        where = QLabel(f"数据文件夹：\n{self.data_dir}")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mode_label = QLabel(mode)
        self.mode_label.setWordWrap(True)
        self.mode_label.setObjectName("hint")
        open_button = QPushButton("打开数据文件夹")
        open_button.clicked.connect(lambda: open_folder(self.data_dir))
        tech = QLabel(f"Python {platform.python_version()} · Qt {QT_VERSION_TEXT}")
        tech.setObjectName("hint")
        buttons = QDialogButtonBox()
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for w in (name, version, purpose, where, self.mode_label):
            layout.addWidget(w)
        layout.addWidget(open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(8)
        layout.addWidget(tech)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @classmethod
    def run(cls, service: ReportService, portable: bool = False, parent: QWidget | None = None) -> None:
        dialog = cls(service, portable, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
