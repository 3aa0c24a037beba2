"""导入报告包 / 导出报告包: one report as one file, to keep or to carry to another computer.

A mixin of MainWindow, kept apart so the window file holds only the shell: the methods use the
window's service, start page, open report (``editor``, ``report_id``), ``flush_editor``,
``close_report``, ``current_report_id`` and status bar.
"""

from __future__ import annotations

from pathlib import Path

from models.api import PackageError, StoreError, WriteError, error_text
from ui import messages
from ui.editor.file_names import safe_file_stem
from ui.qt import QFileDialog, QStandardPaths, QWidget

PACKAGE_FILTER = "报告包 (*.json);;所有文件 (*)"


def choose_open_packages(parent: QWidget, folder: str) -> list[str]:
    """File dialog for 导入报告包; tests monkeypatch this."""
    paths, _ = QFileDialog.getOpenFileNames(parent, "导入报告包", folder, PACKAGE_FILTER)
    return paths


def choose_save_package(parent: QWidget, suggested: str) -> str:
    """File dialog for 导出报告包; '' when cancelled. Tests monkeypatch this."""
    path, _ = QFileDialog.getSaveFileName(parent, "导出报告包", suggested, PACKAGE_FILTER)
    return path


class PackageActions:
    """The two package commands of the 文件 menu and the start page."""

    def _package_folder(self) -> str:
        folder = self.service.setting("last_package_dir")
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def import_package(self) -> list[int]:
        paths = choose_open_packages(self, self._package_folder())
        ids, errors = [], []
        for path in paths:
            try:
                ids.append(self.service.import_package(path))
            except (PackageError, StoreError) as exc:
                errors.append(f"{Path(path).name}：{exc}")
        if paths:
            self.service.set_setting("last_package_dir", str(Path(paths[0]).parent))
        if errors:
            messages.error(self, "导入失败", "以下文件没能导入，数据没有任何改动：\n\n" + "\n\n".join(errors))
        if ids:
            if self.editor is not None:
                self.close_report(refresh=False)
            self.start.search.clear()
            self.start.refresh(select_id=ids[-1])
            names = "、".join(f"《{s.title}》" for s in self.service.summaries(ids=ids))
            self.start.show_notice(f"已导入 {names}。双击打开。")
        return ids

    def export_package(self, rid: int | None = None) -> str | None:
        rid = rid if rid is not None else self.current_report_id()
        if rid is None:
            return None
        unsaved = rid == self.report_id and not self.flush_editor()
        if unsaved and self.service.read_only is None:
            return None
        # read-only mode: the package carries the text on the screen, saved or not, to another computer
        report = self.editor.report if unsaved else None
        title = self.service.title(report if report is not None else self.service.load(rid))
        suggested = str(Path(self._package_folder()) / f"{safe_file_stem(title)}.json")
        path = choose_save_package(self, suggested)
        if not path:
            return None
        if not path.lower().endswith(".json"):
            path += ".json"
        try:
            self.service.dump_package(rid, path, report)
        except (PackageError, WriteError, StoreError, OSError) as exc:
            messages.error(self, "导出失败", f"报告包没能写入：{error_text(exc)}")
            return None
        self.service.set_setting("last_package_dir", str(Path(path).parent))
        self.statusBar().showMessage(f"已导出报告包：{path}", 8000)
        if self.editor is None:
            self.start.show_notice(f"已把《{title}》导出为报告包：{path}")
        return path
