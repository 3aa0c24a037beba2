"""Starting the desktop program: Qt set up for Chinese, one window per data folder, errors shown in Chinese.

``run_gui`` is all main.py calls. The pieces are separate functions so the tests can check
them (font choice, translations, the error hook) without starting an event loop.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from models.api import (
    GenreError,
    NewerDatabaseError,
    ReadOnlyModeError,
    StoreError,
    paths,
    setup_logging,
    suppress_logged,
)
from ui import messages
from ui.qt import (
    QApplication,
    QFont,
    QFontDatabase,
    QIcon,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
)
from ui.style import APP_STYLESHEET

# In order of preference: Windows, macOS, then Linux (UOS / Kylin ship Noto or WenQuanYi), SimSun last.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC",
                "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimSun",
                "宋体")
UI_POINT_SIZE = 10  # a little above the Windows default 9 pt: many officers read without glasses they need

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- Qt set-up


def pick_cjk_families(available: list[str] | None = None) -> list[str]:
    """The installed CJK families in preference order (first one is the UI font, the rest fallbacks)."""
    installed = set(QFontDatabase.families() if available is None else available)
    return [f for f in CJK_FAMILIES if f in installed]


def setup_font(app: QApplication) -> QFont:
    font = QFont(app.font())
    families = pick_cjk_families()
    if families:
        # a family list, not one name: a character missing in the first is taken from the next, never a box
        font.setFamilies([*families, *[f for f in font.families() if f not in families]])
    if font.pointSizeF() < UI_POINT_SIZE:
        font.setPointSizeF(UI_POINT_SIZE)
    app.setFont(font)
    return font


def translation_dirs() -> list[Path]:
    """Where Qt's own .qm files may be: Qt's configured path, the PySide6 wheel, a frozen bundle."""
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    with contextlib.suppress(ImportError):
        import PySide6

        base = Path(PySide6.__file__).resolve().parent
        dirs += [base / "Qt" / "translations", base / "translations"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs += [Path(frozen) / "PySide6" / "Qt" / "translations", Path(frozen) / "PySide6" / "translations",
                 Path(frozen) / "translations"]
    dirs.append(paths.app_dir() / "translations")
    out: list[Path] = []
    for d in dirs:
        if d not in out:
            out.append(d)
    return out


def install_translations(app: QApplication) -> QTranslator | None:
    """Qt's Chinese strings (确定 / 取消 / 是 / 否 in message boxes, file dialogs, context menus)."""
    for folder in translation_dirs():
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", str(folder)):
            app.installTranslator(translator)
            return translator
    return None


def app_icon() -> QIcon:
    """Every drawn size, so the title bar (16 px) and the taskbar (32–48 px) each get a sharp one."""
    folder = paths.resource_dir() / "icons"
    icon = QIcon()
    for png in sorted(folder.glob("app-*.png")):
        icon.addFile(str(png))
    if icon.isNull() and (folder / "app.png").exists():
        icon.addFile(str(folder / "app.png"))
    return icon


def setup_app(app: QApplication) -> None:
    """Everything about the QApplication that does not need the data folder."""
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_ID)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Qt 6 scales for high DPI by itself (rounding policy PassThrough): 125 % / 150 % laptops look sharp.
    app._zh_translator = install_translations(app)  # keep a reference: a collected translator stops working
    setup_font(app)
    app.setStyleSheet(APP_STYLESHEET)
    app.setWindowIcon(app_icon())
    if os.name == "nt":  # pragma: no cover - Windows only: group the taskbar button under our icon, not python's
        with suppress_logged(log, "设置任务栏图标分组", Exception):
            import ctypes

            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("zongjie.desktop")


# ---------------------------------------------------------------- errors


def _echo(text: str) -> None:
    """To stderr for developers; a windowed Windows build has no stderr at all (None)."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):  # a closed console; the same text is in the log file
            sys.stderr.write(text)


class ErrorHook:
    """sys.excepthook: an unexpected error is logged and shown in Chinese instead of killing the window.

    ``log_file`` is the file the message points the officer to (models/log.py writes it).
    """

    def __init__(self, log_file: Path) -> None:
        self.log_file = log_file
        self.showing = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if issubclass(exc_type, ReadOnlyModeError):  # a write the read-only window did not foresee: not a bug
            log.info("只读模式下的写入被拒绝", exc_info=(exc_type, exc, tb))
            if QApplication.instance() is not None and not self.showing:
                self.showing = True
                try:
                    messages.info(QApplication.activeWindow(), "只读模式", str(exc))
                finally:
                    self.showing = False
            return
        log.error("意外错误", exc_info=(exc_type, exc, tb))
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        _echo(text)
        if self.showing or QApplication.instance() is None:
            return  # one box at a time: an error inside the box must not open a hundred more
        self.showing = True
        try:
            messages.error(
                QApplication.activeWindow(),
                "程序出错",
                "程序遇到了一个意外错误，刚才的操作可能没有完成。\n\n"
                "已经输入的内容会自动保存。建议按 Ctrl+S 保存后重新启动程序；"
                "如果问题反复出现，请把下面的错误记录文件发给技术人员：\n" + str(self.log_file),
                details=text,
            )
        finally:
            self.showing = False


def install_excepthook(data_dir: Path) -> ErrorHook:
    """The log in the data folder (models/log.py), and the hooks that write every unexpected error to it."""
    hook = ErrorHook(setup_logging(data_dir))
    sys.excepthook = hook

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        # no dialog from a worker thread (widgets belong to the GUI thread): log it; the worker reports failure
        log.error("[%s] 后台线程出错", getattr(args.thread, "name", "?"),
                  exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        _echo("".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))

    threading.excepthook = thread_hook
    return hook


def startup_error_text(exc: BaseException) -> tuple[str, str]:
    """(title, message) for an error that stops the program before the window opens."""
    if isinstance(exc, NewerDatabaseError):
        return "需要更新程序", str(exc)
    if isinstance(exc, StoreError):
        return "无法打开数据", str(exc)
    if isinstance(exc, GenreError):
        return "模板文件有误", f"{exc}\n\n请重新安装本程序，或把出错的模板文件恢复为原样。"
    return "无法启动", f"程序无法打开数据文件夹：{exc}"


# ---------------------------------------------------------------- run


def run_gui(data_dir: str | os.PathLike[str] | None = None, portable: bool = False) -> int:
    from models.api import Session, open_service
    from ui.mainwindow import MainWindow
    from ui.recovery import show_start_messages
    from ui.single_instance import Claim, SingleInstance

    app = QApplication.instance() or QApplication(sys.argv)
    setup_app(app)
    folder = paths.data_dir(data_dir, portable)
    install_excepthook(folder)

    guard = SingleInstance(folder)
    claim = guard.claim()
    if claim == Claim.RUNNING:
        return 0  # the window already open came to the front
    if claim not in (Claim.OWNER, Claim.UNLOCKED):  # UNLOCKED: the folder cannot be written; read-only follows
        messages.error(None, paths.APP_NAME, guard.message(claim))
        return 2

    try:
        service, notices = open_service(folder)
    except (StoreError, GenreError, OSError) as exc:
        guard.release()
        messages.error(None, *startup_error_text(exc))
        return 1

    session = Session(folder)
    crashed = session.start()
    portable_mode = folder == paths.app_dir() / paths.PORTABLE_FOLDER
    window = MainWindow(service, portable=portable_mode, session=session)
    guard.raise_requested.connect(window.bring_to_front)
    if claim == Claim.UNLOCKED:  # once writing works again, the lock keeps a second window out as usual
        window.read_only_watch.changed.connect(lambda reason: reason is None and guard.take_lock())
    window.show()

    # after the window is up, so the officer sees where they are while reading what the start found
    QTimer.singleShot(0, lambda: show_start_messages(window, service, notices, session, crashed,
                                                     open_report=window.open_report))
    if os.environ.get("ZONGJIE_BENCH_READY") and sys.stdout:  # bench/startup.py: window shown, event loop running
        QTimer.singleShot(0, lambda: print("READY", flush=True))
    if os.environ.get("ZONGJIE_SMOKE_QUIT"):  # tests/packaging: the frozen app quits once its window is up
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    service.close()
    session.finish()
    guard.release()
    return code
