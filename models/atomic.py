"""Write a file so a crash leaves the old file or the new one, never a broken one."""

from __future__ import annotations

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


def describe_write_error(path: Path, exc: OSError) -> str:
    folder = path.parent
    lock = folder / f"~${path.name[2:] if len(path.name) > 2 else path.name}"
    if isinstance(exc, FileNotFoundError) or not folder.exists():
        return f"文件夹“{folder}”不存在或无法访问（可能是拔出的U盘）。请换一个保存位置。"
    if isinstance(exc, PermissionError):
        if path.exists() and (lock.exists() or (folder / f"~${path.name}").exists()):
            return f"文件“{path.name}”正在被 Word 或 WPS 打开。请先关闭该文件，或换一个文件名保存。"
        if path.exists() and os.access(folder, os.W_OK):
            return (f"文件“{path.name}”无法覆盖：它可能正被 Word 或 WPS 打开，或是只读文件。"
                    "请关闭它或换一个文件名保存。")
        return f"没有权限在文件夹“{folder}”中保存文件（文件夹只读）。请换一个保存位置，如“文档”或桌面。"
    if getattr(exc, "errno", None) == 28:  # ENOSPC
        return f"磁盘空间不足，无法保存“{path.name}”。请清理磁盘或换一个保存位置，原文件未被改动。"
    return f"无法保存“{path.name}”：{exc.strerror or exc}。请换一个文件名或保存位置。"


def stale_temp_files(path: Path) -> list[Path]:
    """Temp files of earlier writes of ``path`` that were killed midway (``.<name>.<8 chars>.tmp``)."""
    path = Path(path)
    exact = re.compile(rf"^\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp$")
    try:
        return [p for p in path.parent.glob(f".{glob.escape(path.name)}.*.tmp") if exact.match(p.name)]
    except OSError as exc:
        log.warning("无法查找 %s 旁边的临时文件：%s", path, exc, exc_info=True)
        return []


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
