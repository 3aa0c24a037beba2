"""备份与恢复: the automatic backups with time and size, 恢复 with confirmation, 立即备份到…, 从文件恢复….

The dialog only calls the service (models/backup.py does the work). Restoring replaces all data,
so the main window passes ``before_restore`` (close the open report, saving it) and listens to
``restored`` (refresh the list).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from models.api import StoreError
from ui import messages
from ui.lists import RecordListDialog
from ui.qt import (
    QDesktopServices,
    QFileDialog,
    QPushButton,
    Qt,
    QTreeWidgetItem,
    QUrl,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from models.api import BackupInfo, ReportService

BACKUP_FILTER = "数据备份 (*.db);;所有文件 (*)"


def choose_folder(parent: QWidget) -> str:
    """Folder dialog for 立即备份到… ('' when cancelled); tests monkeypatch this."""
    return QFileDialog.getExistingDirectory(parent, "选择备份保存的位置（如U盘）")


def choose_backup_file(parent: QWidget, folder: str) -> str:
    """File dialog for 从文件恢复… ('' when cancelled); tests monkeypatch this."""
    path, _ = QFileDialog.getOpenFileName(parent, "选择要恢复的备份文件", folder, BACKUP_FILTER)
    return path


def open_folder(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class BackupDialog(RecordListDialog):
    restored = Signal()  # all data was replaced: reload every list
    columns = ("备份时间", "原因", "大小")
    column_widths = (90, 80)
    empty_text = "还没有备份。程序会在有修改后自动备份，也可以点“立即备份到…”。"
    start_size = (680, 440)

    def __init__(self, service: ReportService, parent: QWidget | None = None, *,
                 before_restore: Callable[[], bool] | None = None,
                 on_restored: Callable[[], None] | None = None) -> None:
        super().__init__(service, parent)
        self.before_restore = before_restore
        if on_restored is not None:
            self.restored.connect(on_restored)
        from models.api import BACKUP_INTERVAL_MS, backup_dir

        self.folder = backup_dir(service.data_dir)
        minutes = BACKUP_INTERVAL_MS // 60000
        self.tree.itemDoubleClicked.connect(lambda *_: self.restore_selected())

        self.restore_button = QPushButton("恢复到这个备份…")
        self.restore_button.setProperty("primary", True)
        self.restore_button.setToolTip("用所选备份替换现在的全部数据（替换前会先备份现在的数据）")
        self.file_button = QPushButton("从文件恢复…")
        self.file_button.setToolTip("选择U盘等位置上的备份文件来恢复")
        self.backup_button = QPushButton("立即备份到…")
        self.backup_button.setToolTip("把全部数据复制一份到选定的文件夹，如U盘")
        self.folder_button = QPushButton("打开备份文件夹")
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button.clicked.connect(self.restore_from_file)
        self.backup_button.clicked.connect(self.backup_to)
        self.folder_button.clicked.connect(lambda: open_folder(self.folder))
        self.lay_out("备份与恢复",
                     f"程序在每次启动时、编辑中每 {minutes} 分钟（有修改时）、升级和导入之前自动备份全部数据，"
                     f"保存在“{self.folder}”。较早的备份会逐步精简：保留今天和昨天的全部备份，"
                     "之后每天、每周、每月各留一个。",
                     [self.restore_button, self.file_button, self.backup_button, self.folder_button])

    # ------------------------------------------------------------ list

    def rows(self) -> Iterator[QTreeWidgetItem]:
        for info in self.service.backups():
            item = QTreeWidgetItem([info.time_text, info.label, info.size_text])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            yield item

    def selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> BackupInfo | None:
        item = self.selected_item()
        if item is None:
            return None
        path = item.data(0, Qt.ItemDataRole.UserRole)
        return next((b for b in self.service.backups() if str(b.path) == path), None)

    # ------------------------------------------------------------ actions

    def restore_selected(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        return self._restore(info.path, f"{info.time_text}（{info.label}）的备份")

    def restore_from_file(self) -> bool:
        path = choose_backup_file(self, str(self.folder))
        if not path:
            return False
        return self._restore(Path(path), f"文件“{Path(path).name}”")

    def _restore(self, path: Path, what: str) -> bool:
        if not messages.confirm(
            self, "恢复备份", f"用{what}替换现在的全部数据吗？", "恢复",
            informative="替换之前，程序会先把现在的数据另存为一个备份（原因为“恢复前”），"
                        "如果恢复错了，可以再从那个备份恢复回来。",
            danger=True,
        ):
            return False
        if self.before_restore is not None and self.before_restore() is False:
            return False
        try:
            safety = self.service.restore_backup(path)
        except StoreError as exc:
            messages.error(self, "无法恢复", str(exc))
            return False
        self.refresh()
        self.restored.emit()
        messages.info(self, "已恢复", f"已恢复为{what}中的数据。\n\n恢复前的数据已另存为备份：{safety.time_text}"
                                      f"（{safety.path.name}）。")
        return True

    def backup_to(self) -> Path | None:
        folder = choose_folder(self)
        if not folder:
            return None
        try:
            path = self.service.backup_to_folder(folder)
        except StoreError as exc:
            messages.error(self, "备份没有完成", str(exc))
            return None
        messages.info(self, "已备份", f"全部数据已备份到：\n{path}\n\n需要时可在本窗口用“从文件恢复…”恢复。")
        return path
