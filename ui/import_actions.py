"""导入 Word 文件: from the 文件 menu, the start page, or .docx files dropped on the reports list.

A mixin of MainWindow (like ui/package_actions.py): the methods use the window's service, start
page, ``editor``, ``close_report`` and ``open_report``. A file is read in a worker thread (a long
document takes a few hundred milliseconds; the window shows a busy note meanwhile), then mapped and
stored by the service in one transaction on the GUI thread, which owns the database connection.
A refused file is named with the reader's Chinese message and nothing of it is stored.
"""

from __future__ import annotations

from pathlib import Path

from models.api import StoreError, WordImportError, is_word_file
from ui import messages
from ui.import_summary import ImportSummaryDialog
from ui.qt import (
    QEvent,
    QEventLoop,
    QFileDialog,
    QObject,
    QProgressDialog,
    QStandardPaths,
    Qt,
    QThread,
    QWidget,
    Signal,
)

WORD_FILTER = "Word 文档 (*.docx);;所有文件 (*)"
FOLDER_SETTING = "last_word_import_dir"
BUSY_AFTER_MS = 200  # the busy note appears only when reading takes longer than this


def choose_word_files(parent: QWidget, folder: str) -> list[str]:
    """File dialog for 导入 Word 文件; tests monkeypatch this."""
    paths, _ = QFileDialog.getOpenFileNames(parent, "导入 Word 文件", folder, WORD_FILTER)
    return paths


class ReadWorker(QThread):
    """Reads one file with the service's reader (no database access) off the GUI thread."""

    done = Signal(object)  # the ImportResult, or the exception raised

    def __init__(self, read, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.read, self.path = read, path

    def run(self) -> None:
        try:
            self.done.emit(self.read(self.path))
        except Exception as exc:  # handed to the GUI thread, which reports it or raises it again there
            self.done.emit(exc)


class WordDropFilter(QObject):
    """Accepts files dragged onto the start page (the list or the first-time page) and hands the
    paths to ``drop``; only Word files (by name or first bytes) are taken, package files are not."""

    def __init__(self, drop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drop = drop

    @staticmethod
    def _paths(event) -> list[str]:
        data = event.mimeData()
        if data is None or not data.hasUrls():
            return []
        return [u.toLocalFile() for u in data.urls() if u.isLocalFile() and is_word_file(u.toLocalFile())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if self._paths(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            paths = self._paths(event)
            if paths:
                event.acceptProposedAction()
                self.drop(paths)
                return True
        return super().eventFilter(watched, event)


class ImportActions:
    """导入 Word 文件 for the main window."""

    def install_word_drop(self, widget: QWidget) -> None:
        widget.setAcceptDrops(True)
        self._word_drop = WordDropFilter(self.import_word_files, widget)
        widget.installEventFilter(self._word_drop)

    def _word_folder(self) -> str:
        folder = self.service.setting(FOLDER_SETTING)
        if folder and Path(folder).is_dir():
            return folder
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    def import_word(self) -> list[int]:
        """文件 → 导入 Word 文件…: choose one or more .docx files."""
        paths = choose_word_files(self, self._word_folder())
        return self.import_word_files(paths) if paths else []

    def import_word_files(self, paths: list[str]) -> list[int]:
        """Import each file as a new report, say what was refused, show what was recognised."""
        done: list[tuple[int, str, object]] = []
        errors = []
        for path in paths:
            name = Path(path).name
            result = self._read_word_file(path)
            try:
                if isinstance(result, BaseException):
                    raise result
                rid, summary = self.service.store_word_import(result)
            except (WordImportError, StoreError) as exc:
                errors.append(f"“{name}”：{exc}")
                continue
            except OSError as exc:  # gone, no permission, a network drive that went away
                errors.append(f"“{name}”：无法读取这个文件（{exc.strerror or exc}）。"
                              "请确认文件还在、没有被其他程序占用。")
                continue
            done.append((rid, name, summary))
        if paths:
            self.service.set_setting(FOLDER_SETTING, str(Path(paths[0]).parent))
        if errors:
            intro = "这个文件没有导入" if len(errors) == 1 else f"{len(errors)} 个文件没有导入"
            messages.error(self, "无法导入 Word 文件", f"{intro}，数据没有任何改动：\n\n" + "\n\n".join(errors))
        if not done:
            return []
        ids = [rid for rid, _, _ in done]
        if self.editor is not None:
            self.close_report(refresh=False)
        self.start.search.clear()
        self.start.refresh(select_id=ids[-1])
        stored = {s.id: s for s in self.service.summaries(ids=ids)}
        names = "、".join(f"《{stored[rid].title}》" for rid in ids if rid in stored)
        self.start.show_notice(f"已从 Word 文件导入{names}。双击打开继续修改。")
        opened = ImportSummaryDialog.run([(rid, name, summary, stored.get(rid)) for rid, name, summary in done],
                                         self)
        if opened is not None:
            self.start.refresh(select_id=opened)
            self.open_report(opened)
        return ids

    def _read_word_file(self, path: str) -> object:
        """The reader's result (or the exception it raised), read in a worker thread while the window
        waits; a busy note appears when it takes longer than BUSY_AFTER_MS."""
        worker = ReadWorker(self.service.read_word_file, path, self)
        outcome: list[object] = []
        loop = QEventLoop(self)
        worker.done.connect(outcome.append, Qt.ConnectionType.QueuedConnection)
        worker.finished.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
        busy = QProgressDialog(f"正在读取“{Path(path).name}”，请稍候……", "", 0, 0, self)
        busy.setWindowTitle("导入 Word 文件")
        busy.setCancelButton(None)  # reading cannot be stopped half way, and it is short
        busy.setWindowModality(Qt.WindowModality.WindowModal)
        busy.setMinimumDuration(BUSY_AFTER_MS)
        busy.setValue(0)
        worker.start()
        # typing and clicks wait until the file is read, so nothing can start a second import meanwhile
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        worker.wait()
        busy.close()
        busy.deleteLater()
        worker.deleteLater()
        return outcome[0] if outcome else RuntimeError("读取 Word 文件时程序出错。")
