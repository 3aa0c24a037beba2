"""Write a file so a crash leaves the old file or the new one, never a broken one."""

from __future__ import annotations

import errno
import glob
import logging
import os
import re
import tempfile
from pathlib import Path

from models.log import suppress_logged

log = logging.getLogger(__name__)


class WriteError(OSError):
    """The target could not be written; the message is Chinese and names the file and the remedy."""

    def __str__(self) -> str:
        return str(self.strerror)


# Windows error codes Python leaves in OSError.winerror (errno alone cannot tell them apart)
_WIN_SHARING = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: the file is open in WPS / Word
_WIN_TOO_LONG = (206, 111)  # ERROR_FILENAME_EXCED_RANGE, ERROR_BUFFER_OVERFLOW
_WIN_FULL = (112, 39)  # ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
_WIN_NOT_READY = (21, 53, 67, 1231)  # a drive or share that is gone: ejected USB stick, network down


def os_error_text(exc: OSError, *, reading: bool = False) -> str:
    """What went wrong and what to do, in Chinese, for any OSError; never the system's English text
    (“Read-only file system” inside a Chinese sentence). No file name: the caller says which file.
    ``reading``: the error came from opening or reading a file rather than writing one."""
    code, win = exc.errno, getattr(exc, "winerror", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or win in _WIN_FULL:
        return "磁盘空间不足。请清理磁盘（如清空回收站、删除不用的大文件），或换一个有空间的位置"
    if code == errno.EROFS and not reading:
        return ("这个位置是只读的（如写保护的U盘、光盘或只读的共享文件夹），不能写入。"
                "请换一个保存位置，或打开U盘的写保护开关")
    if win in _WIN_SHARING or code == errno.EBUSY:
        return "文件正被其他程序打开（如 Word 或 WPS）。请先关闭它再试" + ("" if reading else "，或换一个文件名保存")
    if code == errno.ENAMETOOLONG or win in _WIN_TOO_LONG:
        return "文件路径太长，超过了系统允许的长度。请用短一些的文件名，或移到层级浅一些的文件夹（如桌面）"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        if reading:
            return "没有权限读取这个文件。请把它复制到“文档”或桌面后再试"
        return "没有权限写入这个位置。请换一个保存位置，如“文档”或桌面"
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT or win in _WIN_NOT_READY:
        what = "文件" if reading else "文件夹"
        return f"{what}不存在或无法访问（可能是拔出的U盘或断开的网络位置）。请确认后再试"
    if code == errno.EIO:
        return "读写磁盘时出错（U盘可能松动或损坏）。请检查后重试，或换一个位置"
    number = win if win is not None else code
    where = f"（错误代码 {number}）" if number is not None else ""
    return f"系统拒绝了这次{'读取' if reading else '写入'}{where}。请换一个文件名或位置再试"


def error_text(exc: BaseException) -> str:
    """A caught error as a Chinese sentence: WriteError and the models' own errors say it already; a
    bare OSError gets ``os_error_text``."""
    if isinstance(exc, OSError) and not isinstance(exc, WriteError):
        return os_error_text(exc)
    return str(exc)


def lock_files(path: Path) -> list[Path]:
    """The owner files Word, WPS and LibreOffice put beside a document they have open."""
    folder, name = path.parent, path.name
    return [folder / f"~${name[2:] if len(name) > 2 else name}", folder / f"~${name}", folder / f".~lock.{name}#"]


def describe_write_error(path: Path, exc: OSError) -> str:
    folder = path.parent
    locked = path.exists() and any(p.exists() for p in lock_files(path))
    if getattr(exc, "winerror", None) in _WIN_SHARING or (locked and isinstance(exc, PermissionError)):
        return f"文件“{path.name}”正在被 Word 或 WPS 打开。请先关闭该文件，或换一个文件名保存。"
    if isinstance(exc, FileNotFoundError) or not folder.exists():
        return f"文件夹“{folder}”不存在或无法访问（可能是拔出的U盘）。请换一个保存位置。"
    if exc.errno == errno.EROFS:
        return f"“{folder}”所在的位置是只读的（如写保护的U盘或光盘），无法保存“{path.name}”。请换一个保存位置。"
    if isinstance(exc, PermissionError):
        if path.exists() and os.access(folder, os.W_OK):
            return (f"文件“{path.name}”无法覆盖：它可能正被 Word 或 WPS 打开，或是只读文件。"
                    "请关闭它或换一个文件名保存。")
        return f"没有权限在文件夹“{folder}”中保存文件（文件夹只读）。请换一个保存位置，如“文档”或桌面。"
    if exc.errno == errno.ENOSPC or getattr(exc, "winerror", None) in _WIN_FULL:
        return f"磁盘空间不足，无法保存“{path.name}”。请清理磁盘或换一个保存位置，原文件未被改动。"
    return f"无法保存“{path.name}”：{os_error_text(exc)}。"


def stale_temp_files(path: Path) -> list[Path]:
    """Temp files of earlier writes of ``path`` that were killed midway (``.<name>.<8 chars>.tmp``)."""
    path = Path(path)
    exact = re.compile(rf"^\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp$")
    try:
        return [p for p in path.parent.glob(f".{glob.escape(path.name)}.*.tmp") if exact.match(p.name)]
    except OSError as exc:
        log.warning("无法查找 %s 旁边的临时文件：%s", path, exc, exc_info=True)
        return []


def _target_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Temp file in the target folder, flush + fsync, then os.replace over the target.

    A write killed midway leaves the old target intact and at most one hidden temp file
    (``.<name>.<random>.tmp``) beside it; the next write of the same target removes it.
    """
    path = Path(path)
    tmp_name = None
    for stale in stale_temp_files(path):
        with suppress_logged(log, f"删除上次中断留下的临时文件 {stale}", OSError):
            stale.unlink(missing_ok=True)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        if os.name == "posix":
            # mkstemp makes the file private (0600); a document is for others to read and print, so it
            # gets the permissions any new file would (0666 less the umask), or the replaced file's own
            os.fchmod(fd, _target_mode(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        if os.name == "posix":  # make the rename itself durable
            dir_fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
    except OSError as exc:
        raise WriteError(exc.errno, describe_write_error(path, exc)) from exc
    finally:
        if tmp_name:
            with suppress_logged(log, f"删除临时文件 {tmp_name}", OSError):
                Path(tmp_name).unlink(missing_ok=True)
