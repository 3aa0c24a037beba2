"""The main window: the start page and the editor in one stack, the menus, the status bar.

It wires pages to the service and to each other; it holds no report logic. The report-package
commands live in ui/package_actions.py, the recycle bin, history and backups in
ui/restore_actions.py. The editor (ui/editor/editor.py) is imported when a report is opened, so
the start window comes up without loading it.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import TYPE_CHECKING

from models.api import APP_NAME, GenreError, StoreError, error_text, suppress_logged
from ui import messages
from ui.import_actions import ImportActions
from ui.new_dialog import NewReportDialog
from ui.package_actions import PackageActions
from ui.qt import (
    QAction,
    QApplication,
    QByteArray,
    QCloseEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QPushButton,
    QSize,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)
from ui.readonly_banner import ReadOnlyBanner, ReadOnlyWatch
from ui.restore_actions import RestoreActions
from ui.start_page import StartPage
from ui.template_actions import TemplateActions

if TYPE_CHECKING:
    from models.api import ReportService, Session

log = logging.getLogger(__name__)

WINDOW_SIZE = QSize(1180, 720)
FRAME_ALLOWANCE = QSize(16, 48)  # title bar and borders the window manager adds around the window


def first_window_size(available: QSize | None) -> tuple[QSize, bool]:
    """(size, maximize) for a first start on a screen whose free area (without the taskbar) is ``available``.

    1180×720 plus the title bar does not fit a 1366×768 or 1024×768 screen above the taskbar: the status
    bar with 已保存 would hide behind it. There the window starts maximized instead.
    """
    if available is None or available.isEmpty():
        return QSize(WINDOW_SIZE), False
    fits = (available.width() >= WINDOW_SIZE.width() + FRAME_ALLOWANCE.width()
            and available.height() >= WINDOW_SIZE.height() + FRAME_ALLOWANCE.height())
    if fits:
        return QSize(WINDOW_SIZE), False
    return QSize(min(WINDOW_SIZE.width(), available.width() - FRAME_ALLOWANCE.width()),
                 min(WINDOW_SIZE.height(), available.height() - FRAME_ALLOWANCE.height())), True


def time_part(stamp: str) -> str:
    """14:32:05 from either 14:32:05 or 2024-07-05T14:32:05."""
    return stamp.split("T", 1)[1][:8] if "T" in stamp else stamp


class EditorPage(QWidget):
    """The editor with a slim bar above it: the way back to the list is always visible."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.back_button = QPushButton("← 返回总结列表")
        self.back_button.setToolTip("内容会自动保存，返回列表不会丢失（Ctrl+W）")
        self.back_button.setFlat(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(editor, 1)


class MainWindow(PackageActions, ImportActions, RestoreActions, TemplateActions, QMainWindow):
    def __init__(self, service: ReportService, *, portable: bool = False, session: Session | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.portable = portable
        self.session = session
        self.editor: QWidget | None = None
        self.editor_page: EditorPage | None = None
        self.report_id: int | None = None
        self._help = None
        self.ledger_window = None  # 工作台账, one window, opened on demand
        self.start = StartPage(service)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        # read-only mode (disk full, write-protected stick…): a banner above every page, and a watch that
        # looks every half minute, or on 重试, whether writing works again
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_watch = ReadOnlyWatch(service, self)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.save_label = QLabel()
        self.statusBar().addPermanentWidget(self.save_label)
        self._build_menus()
        self.start.open_requested.connect(self.open_report)
        self.start.new_requested.connect(self.new_report)
        self.start.recycle_requested.connect(self.show_recycle)
        self.start.export_package_requested.connect(self.export_package)
        self.start.import_package_requested.connect(self.import_package)
        self.start.import_word_requested.connect(self.import_word)
        self.install_word_drop(self.start)  # .docx files dropped on the list are imported
        self.start.ledger_requested.connect(self.show_ledger)
        self.start.changed.connect(self._update_actions)
        self.read_only_banner.retry_requested.connect(self.retry_writing)
        self.read_only_watch.changed.connect(self._apply_read_only)
        self._start_backup_timer()
        geometry = service.setting("window.geometry")
        if not geometry or not self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii"))):
            self._fit_to_screen()
        self._update_title()
        self._apply_read_only(service.read_only, quiet=True)
        self.start.table.setFocus()  # arrows and Enter work at once

    def _fit_to_screen(self) -> None:
        """First start: the usual size, or maximized where it would not fit (1024×768, 1366×768 laptops)."""
        screen = self.screen() or QApplication.primaryScreen()
        size, maximize = first_window_size(screen.availableGeometry().size() if screen else None)
        self.resize(size)
        if maximize:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # ------------------------------------------------------------ menus

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action("新建(&N)…", self.new_report, "Ctrl+N", "按体裁新建一份总结")
        self.open_action = self._action("打开(&O)", self.open_action_triggered, "Ctrl+O", "打开列表中选中的总结")
        self.back_action = self._action("返回总结列表(&L)", self.close_report, "Ctrl+W", "保存并回到总结列表")
        self.save_action = self._action("保存(&S)", self.save, "Ctrl+S", "立即保存（平时也会自动保存）")
        self.export_action = self._action("导出 Word(&E)…", self.export_word, "Ctrl+E", "按公文格式导出 .docx 文件")
        self.import_word_action = self._action("导入 Word 文件(&W)…", self.import_word, "Ctrl+Shift+O",
                                               "把已有的总结（.docx）导入为一份可以修改的总结")
        self.export_pdf_action = self._action("导出 PDF(&D)…", lambda: self.export_word("pdf"), None,
                                              "导出为 PDF 文件（与预览、打印的页面相同），便于发送和上报")
        self.print_action = self._action("打印(&P)…", self.print_report, "Ctrl+P", "按公文格式直接打印（A4，不缩放）")
        self.import_package_action = self._action("导入报告包(&I)…", self.import_package, None,
                                                  "导入从别的电脑导出的报告包（.json）")
        self.export_package_action = self._action("导出报告包(&P)…", self.export_package, None,
                                                  "把一份总结存成一个文件，用于备份或带到别的电脑")
        self.recycle_action = self._action("回收站(&R)", self.show_recycle, None, "查看、恢复已删除的总结")
        self.history_action = self._action("历史版本(&V)…", self.show_history, None,
                                           "查看这份总结以前保存的版本，可以恢复")
        self.backup_action = self._action("备份与恢复(&B)…", self.show_backups, None,
                                          "查看自动备份，备份到U盘，或从备份恢复全部数据")
        self.save_template_action = self._action("保存为本单位提纲(&T)…", self.save_as_template, None,
                                                 "把这份总结的结构（各部分、提示、数据项）存成提纲，以后新建时选用")
        self.templates_action = self._action("管理本单位提纲(&M)…", self.show_templates, None,
                                             "查看、重命名、删除本单位提纲，导出或导入提纲包")
        self.quit_action = self._action("退出(&X)", self.close, "Ctrl+Q")
        self.undo_action = self._action("撤销(&U)", self.undo, "Ctrl+Z")
        self.redo_action = self._action("重做(&R)", self.redo, "Ctrl+Y")
        # from the editor too it searches the list (there is no search inside one report): the name says so
        self.find_action = self._action("查找总结(&F)", self.find, K.Find, "回到总结列表，按标题、单位或正文搜索")
        self.help_action = self._action("使用帮助(&H)", self.show_help, "F1")
        self.about_action = self._action("关于(&A)", self.show_about)
        self.ledger_action = self._action("工作台账(&L)…", self.show_ledger, "Ctrl+L",
                                          "记录每次活动和数字，按期间汇总，可导入导出 Excel 表格")
        self.rollup_action = self._action("汇总各单位数据(&U)…", self.show_rollup, None,
                                          "把各单位报送的报告包汇总成统计表（合计、排名、未报送单位）")

        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        for a in (self.new_action, self.open_action, self.back_action, None, self.save_action, self.export_action,
                  self.export_pdf_action, self.print_action, None, self.import_word_action, self.import_package_action,
                  self.export_package_action, None, self.save_template_action, self.templates_action, None,
                  self.recycle_action, self.history_action, self.backup_action, None, self.ledger_action, None,
                  self.quit_action):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.aboutToShow.connect(self._update_undo_texts)
        for a in (self.undo_action, self.redo_action, None, self.find_action):
            edit_menu.addSeparator() if a is None else edit_menu.addAction(a)
        tools_menu = bar.addMenu("工具(&T)")
        tools_menu.addAction(self.ledger_action)
        tools_menu.addAction(self.rollup_action)
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    def _update_actions(self) -> None:
        editing = self.editor is not None
        selected = self.start.selected_id() is not None
        writable = self.service.read_only is None
        self.new_action.setEnabled(writable)
        self.import_package_action.setEnabled(writable)
        self.open_action.setEnabled(editing or selected)
        self.back_action.setEnabled(editing)
        self.save_action.setEnabled(editing)
        self.save_template_action.setEnabled(editing)
        self.export_action.setEnabled(editing or selected)
        self.export_pdf_action.setEnabled(editing or selected)
        self.print_action.setEnabled(editing or selected)
        self.export_package_action.setEnabled(editing or selected)
        self.history_action.setEnabled(editing or selected)
        self.undo_action.setEnabled(writable and editing and hasattr(self.editor, "undo"))
        self.redo_action.setEnabled(writable and editing and hasattr(self.editor, "redo"))
        self._update_undo_texts()

    # ------------------------------------------------------------ read-only mode

    def _apply_read_only(self, reason, quiet: bool = False) -> None:
        """Read-only mode (a ReadOnlyReason) began, or ended (None): the banner, the editor, the actions."""
        self.read_only_banner.show_reason(reason)
        self.start.set_writable(reason is None)
        set_read_only = getattr(self.editor, "set_read_only", None)
        if set_read_only is not None:
            set_read_only(reason)
        self._update_actions()
        if not quiet:
            self.statusBar().showMessage(
                f"进入只读模式：{reason.why}。" if reason is not None else "已恢复写入，修改会照常保存。", 10000)

    def retry_writing(self) -> bool:
        """重试: look again now whether the data folder can be written."""
        ok = self.read_only_watch.retry()
        if not ok:
            self.read_only_banner.still_read_only()
        return ok

    def _update_undo_texts(self) -> None:
        """撤销 / 重做 name the add / remove / move they would act on (撤销：删除“（二）…”); plain when
        Ctrl+Z would undo typing in the focused field, or there is nothing structural to undo."""
        step_text = getattr(self.editor, "step_text", None)
        for action, redo, name, key in ((self.undo_action, False, "撤销", "U"), (self.redo_action, True, "重做", "R")):
            what = step_text(redo) if step_text is not None else ""
            action.setText(f"{name}：{what.replace('&', '&&')}(&{key})" if what else f"{name}(&{key})")

    def _update_title(self, title: str = "") -> None:
        self.setWindowTitle(f"{title} - {APP_NAME}" if title else APP_NAME)

    # ------------------------------------------------------------ pages

    def current_report_id(self) -> int | None:
        return self.report_id if self.editor is not None else self.start.selected_id()

    def open_report(self, rid: int) -> bool:
        """Show a report in the editor (the one open before is saved and closed first)."""
        if self.editor is not None:
            if self.report_id == rid:
                self.stack.setCurrentWidget(self.editor_page)
                return True
            if not self.close_report(refresh=False):
                return False
        try:
            report = self.service.load(rid)
        except KeyError:
            messages.error(self, "无法打开", "这份总结已不存在，可能已被彻底删除。")
            self.start.refresh()
            return False
        if not self.service.has_genre(report.genre_id, report.genre_version):
            messages.error(self, "无法打开", f"这份总结用的体裁模板（{report.genre_id} 第 {report.genre_version} 版）"
                           "在本机的程序里没有，可能是在更新版本的程序中写的。请安装最新版本后再打开。")
            return False
        from ui.editor.editor import EditorWidget

        try:
            editor = EditorWidget(self.service, rid)
        except (GenreError, StoreError) as exc:
            messages.error(self, "无法打开", str(exc))
            return False
        self.editor, self.report_id = editor, rid
        self.editor_page = EditorPage(editor)
        # not connect(self.close_report): clicked(bool) would pass False as ``refresh`` and leave the list stale
        self.editor_page.back_button.clicked.connect(lambda _checked=False: self.close_report())
        self.stack.addWidget(self.editor_page)
        self.stack.setCurrentWidget(self.editor_page)
        for name, slot in (("saved", self._on_saved), ("title_changed", self._update_title),
                           ("status", self._on_status), ("status_done", self._on_status_done),
                           ("save_failed", self._on_save_failed)):
            signal = getattr(editor, name, None)
            if signal is not None:
                signal.connect(slot)
        self.save_label.setText("")
        if self.service.read_only is not None:
            editor.set_read_only(self.service.read_only)
        self._update_title(self.service.title(report))
        if self.session is not None:
            self.session.note_report(rid)
        self.start.show_notice("")
        self._update_actions()
        editor.setFocus()
        return True

    def flush_editor(self) -> bool:
        """Write pending edits now; False (after telling the officer) when they could not be written."""
        if self.editor is None:
            return True
        try:
            ok = self.editor.flush()
        except (StoreError, OSError) as exc:
            messages.error(self, "保存失败", f"刚才的修改没能保存：{error_text(exc)}")
            return False
        if ok is False:  # the editor already shows why; it keeps the text and retries
            return False
        self.save_label.setText(f"已保存 {_dt.datetime.now():%H:%M:%S}")
        return True

    def close_report(self, refresh: bool = True) -> bool:
        """Save and leave the editor for the list. False when the officer chose to stay."""
        if self.editor is None:
            return True
        if not self.flush_editor() and not messages.confirm(
            self, "有修改没能保存", "有修改没能保存到电脑上。仍要离开这份总结吗？", "仍要离开",
            informative="离开后，没保存的修改会丢失。建议先检查磁盘空间或数据文件夹是否可以写入，再试一次保存。",
            danger=True,
        ):
            return False
        rid = self.report_id
        page, editor = self.editor_page, self.editor
        self.editor = self.editor_page = None
        self.report_id = None
        editor.close()  # lets the editor take its closing snapshot
        self.stack.removeWidget(page)
        page.deleteLater()
        self.stack.setCurrentWidget(self.start)
        self.save_label.setText("")
        self._update_title()
        if refresh:
            self.start.refresh(select_id=rid)
            self.start.table.setFocus()
        self._update_actions()
        return True

    def _on_saved(self, stamp: str) -> None:
        self.save_label.setText(f"已保存 {time_part(stamp)}")

    def _on_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_status_done(self, text: str) -> None:
        """The editor says the problem a message named is fixed: clear it, unless another message took its place."""
        if self.statusBar().currentMessage() == text:
            self.statusBar().clearMessage()

    def _on_save_failed(self, _message: str) -> None:
        # 已保存 14:32 would be stale while typing waits for a write that failed; the banner says why
        self.save_label.setText("有修改未保存（会自动重试）")

    # ------------------------------------------------------------ file menu

    def new_report(self, template_id: str | None = None) -> int | None:
        # the report being edited stays open behind the dialog: cancelling returns to it
        rid = (NewReportDialog.get_new_report(self.service, self, template_id=template_id) if template_id
               else NewReportDialog.get_new_report(self.service, self))
        if rid is None:
            return None
        self.start.search.clear()
        self.start.refresh(select_id=rid)
        self.open_report(rid)
        return rid

    def open_action_triggered(self) -> None:
        if self.editor is not None:  # from the editor, 打开 means: pick another one from the list
            self.close_report()
            return
        self.start.open_selected()

    def save(self) -> None:
        self.flush_editor()  # the status bar shows 已保存 hh:mm:ss, or a box says why not

    def export_word(self, fmt: str = "docx") -> None:
        """导出 Word / 导出 PDF…: from the list, the selected report is opened first."""
        if not self._editor_for_output():
            return
        show = getattr(self.editor, "show_export_dialog", None)
        if show is None:
            messages.info(self, "导出 Word", "这个版本还不能导出 Word。")
            return
        show(fmt)

    def print_report(self) -> None:
        """打印… (Ctrl+P): the pages of the report being edited, or of the one selected in the list."""
        if self._editor_for_output():
            self.editor.print_report()

    def _editor_for_output(self) -> bool:
        if self.editor is None:
            rid = self.start.selected_id()
            if rid is None or not self.open_report(rid):
                return False
        # read-only: the export and the print take the text on the screen, saved or not
        return self.flush_editor() or self.service.read_only is not None

    # ------------------------------------------------------------ edit menu

    def undo(self) -> None:
        if self.editor is not None and hasattr(self.editor, "undo"):
            self.editor.undo()

    def redo(self) -> None:
        if self.editor is not None and hasattr(self.editor, "redo"):
            self.editor.redo()

    def find(self) -> None:
        # QWidget.find is Qt's own (a window-id lookup), so the editor's search is named show_find
        show_find = getattr(self.editor, "show_find", None)
        if show_find is not None:
            show_find()
            return
        if self.close_report():
            self.start.focus_search()

    # ------------------------------------------------------------ tools (台账, 汇总)

    def show_ledger(self) -> None:
        from ui.ledger_window import LedgerWindow

        if self.ledger_window is None:
            self.ledger_window = LedgerWindow(self.service, self)
        self.ledger_window.refresh()
        self.ledger_window.show()
        self.ledger_window.raise_()
        self.ledger_window.activateWindow()

    def show_rollup(self) -> None:
        from ui.rollup_dialog import RollupDialog

        dialog = RollupDialog.run_dialog(self.service, self, open_report=getattr(self.editor, "report", None))
        if self.editor is not None and self.report_id in dialog.changed_reports:
            self.editor.refresh()  # its preview shows the 附件 统计表 attached (or removed) just now

    # ------------------------------------------------------------ help

    def show_help(self) -> None:
        from ui.help import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self.service, self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def show_about(self) -> None:
        from ui.about import AboutDialog

        AboutDialog.run(self.service, self.portable, self)

    # ------------------------------------------------------------ window

    def bring_to_front(self) -> None:
        """A second start asked us to come forward (single instance)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.close_report(refresh=False):
            with suppress_logged(log, "保存窗口位置", StoreError):
                self.service.set_setting("window.geometry", bytes(self.saveGeometry().toBase64().data()).decode())
            for window in (self._help, self.ledger_window):
                if window is not None:
                    window.close()
            event.accept()
        else:
            event.ignore()
