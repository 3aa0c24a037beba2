"""Read-only mode: why the data folder cannot be written, found out by trying, and the words for it.

When the disk is full, the folder is on a write-protected USB stick, a CD or a read-only share, or
the officer lacks the permission to write there, the reports are still there and still readable.
The program then opens them read-only instead of refusing to start: reading, searching, checking
and exporting to another place work, every write is refused with a Chinese message saying why and
that nothing was lost, and writing resumes when the folder can be written again
(``ReportService.try_writable``).

The question "can we write here?" is answered by writing: ``probe_folder`` writes ``PROBE_BYTES``
into a hidden file in the folder, flushes it to the disk and removes it. Permission bits lie (an
administrator ignores them, a read-only medium may show them writable); a real write does not.
"""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

FULL = "full"
READ_ONLY_MEDIUM = "readonly"
NO_PERMISSION = "denied"

# Room SQLite needs to save an edit (a few WAL frames, the 32 KB shared-memory file): less than this
# free counts as full, so a write does not start only to fail halfway.
PROBE_BYTES = 64 * 1024
PROBE_PREFIX = ".zongjie-写入检查-"
_WINDOWS_WRITE_PROTECT = 19  # ERROR_WRITE_PROTECT: a USB stick with its switch on, a CD

_LABEL = {FULL: "磁盘已满", READ_ONLY_MEDIUM: "只读的U盘、光盘或共享文件夹", NO_PERMISSION: "没有写入权限"}
_WHY = {
    FULL: "数据文件夹所在的磁盘已满",
    READ_ONLY_MEDIUM: "数据文件夹在只读的U盘、光盘或共享文件夹上",
    NO_PERMISSION: "没有在数据文件夹中写入的权限",
}
_REMEDY = {
    FULL: "删除不用的文件、清空回收站，腾出磁盘空间后即可继续修改",
    READ_ONLY_MEDIUM: "关掉U盘的写保护开关，或把数据文件夹复制到可以写入的位置后即可继续修改",
    NO_PERMISSION: "请管理员开放这个文件夹的写入权限（或把数据文件夹复制到“文档”等可写的位置）后即可继续修改",
}
_RETRY = {FULL: "腾出空间后", READ_ONLY_MEDIUM: "关掉写保护后", NO_PERMISSION: "取得写入权限后"}


@dataclass(frozen=True)
class ReadOnlyReason:
    """Why the data folder cannot be written; ``kind`` is FULL, READ_ONLY_MEDIUM or NO_PERMISSION."""

    kind: str
    folder: Path
    detail: str = ""  # the system's own words, for the log

    @property
    def label(self) -> str:
        """Short: 磁盘已满 / 只读的U盘、光盘或共享文件夹 / 没有写入权限."""
        return _LABEL[self.kind]

    @property
    def why(self) -> str:
        return _WHY[self.kind]

    @property
    def remedy(self) -> str:
        return _REMEDY[self.kind]

    def refused(self) -> str:
        """The message of a write refused in read-only mode."""
        return (f"现在是只读模式（{self.why}），这次的修改没有保存；已经保存的内容都还在，没有丢失。"
                f"{self.remedy}。")

    def banner(self) -> str:
        """The window's banner while read-only."""
        return (f"只读模式：{self.why}。可以查看、搜索、导出到别的位置，修改不会保存。"
                f"{_RETRY[self.kind]}点“重试”。")

    def note(self) -> str:
        """One line for the command line: the data opened read-only, and why."""
        return f"提示：{self.why}，数据以只读方式打开：可以查看、检查和导出，不能修改。"


def kind_of(exc: OSError) -> str | None:
    """Which kind of "cannot write" an OS error is; None for anything else (a pulled USB stick…)."""
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", None):
        return FULL
    if exc.errno == errno.EROFS or getattr(exc, "winerror", None) == _WINDOWS_WRITE_PROTECT:
        return READ_ONLY_MEDIUM
    if exc.errno in (errno.EACCES, errno.EPERM):
        return NO_PERMISSION
    return None


def reason_for(folder: Path, exc: OSError) -> ReadOnlyReason | None:
    kind = kind_of(exc)
    return ReadOnlyReason(kind, Path(folder), f"{exc.strerror or exc}") if kind else None


def probe_folder(folder: Path | str) -> ReadOnlyReason | None:
    """Why ``folder`` cannot be written (it is created when missing), or None when a real write worked."""
    folder = Path(folder)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        return reason_for(folder, exc)
    probe = folder / f"{PROBE_PREFIX}{os.getpid()}.tmp"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            block = b"\0" * PROBE_BYTES
            while block:
                block = block[os.write(fd, block):]
            os.fsync(fd)  # some file systems report a full disk only when the data goes down
        finally:
            os.close(fd)
    except OSError as exc:
        reason = reason_for(folder, exc)
        if reason is None:
            log.warning("检查数据文件夹 %s 能否写入时出错：%s", folder, exc)
        return reason
    finally:
        _remove(probe)
    for stale in folder.glob(f"{PROBE_PREFIX}*.tmp"):  # a check of a run that was killed midway
        _remove(stale)
    return None


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("删除写入检查文件 %s 没有完成：%s", path, exc)
