"""Real unwritable data folders for the read-only tests: a small tmpfs filled up to ENOSPC, and a
read-only bind mount (root ignores permission bits, so chmod proves nothing when the tests run as root).

Mounting needs root. CI runs the tests as root, so there a test that cannot mount FAILS; on a
developer's machine without root it is skipped with the reason (as the render tests do without
LibreOffice). Every mount is undone in a ``finally``, lazily if a file on it is still open.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

FILLER = "填满磁盘的文件.bin"


def require_mount() -> None:
    """Root and mount(8), or: fail on CI (it runs as root, so something is broken), skip elsewhere."""
    missing = ""
    if os.name != "posix" or not shutil.which("mount"):
        missing = "mount(8) is not available"
    elif os.geteuid() != 0:
        missing = "mounting a tmpfs / bind mount needs root"
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{missing} (CI runs as root: the read-only tests must run there)")
        pytest.skip(missing)


def _run(*cmd: str) -> None:
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        message = f"{' '.join(cmd)} failed: {r.stderr.strip()}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _unmount(folder: Path) -> None:
    r = subprocess.run(["umount", str(folder)], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:  # a file on it still open (a failing test's service): detach it anyway
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, text=True, timeout=30)


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A small tmpfs mounted on ``folder`` (created) for the duration."""
    require_mount()
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _unmount(folder)


def fill(folder: Path) -> Path:
    """Write a file into ``folder`` until the disk is full (ENOSPC), down to the last byte; returns it."""
    filler = folder / FILLER
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        size = 1 << 20
        while size:
            try:
                os.write(fd, b"\0" * size)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                size //= 2  # the last blocks: smaller writes until not one byte fits
    finally:
        os.close(fd)
    return filler


def free(folder: Path) -> None:
    """Space comes back: the filler is deleted."""
    (folder / FILLER).unlink()


@contextlib.contextmanager
def read_only_bind(folder: Path) -> Iterator[Path]:
    """``folder`` seen through a read-only bind mount of itself (what a write-protected USB stick gives)."""
    require_mount()
    _run("mount", "--bind", str(folder), str(folder))
    try:
        _run("mount", "-o", "remount,ro,bind", str(folder))
        yield folder
    finally:
        _unmount(folder)


def make_writable(folder: Path) -> None:
    """The write protection is switched off: the bind mount becomes read-write."""
    _run("mount", "-o", "remount,rw,bind", str(folder))
