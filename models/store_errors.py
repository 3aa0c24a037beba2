"""The errors of the store and the Chinese words for every SQLite failure.

SQLite says "database is locked" or "disk I/O error"; an officer needs to hear what happened to
their work and what to do. Every sqlite3.Error that leaves models/store.py has passed through
``describe_sqlite_error`` and is a StoreError (or one of its kinds below), so no caller needs sqlite3.
"""

from __future__ import annotations

import functools
import inspect
import sqlite3
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

# SQLite primary result codes we tell apart (sqlite3.Error.sqlite_errorcode & 0xFF)
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26


class StoreError(Exception):
    """A problem with the database the user must act on; the message is Chinese."""


class NewerDatabaseError(StoreError):
    pass


class DamagedDatabaseError(StoreError):
    """The file is corrupt or not a database at all (models.integrity moves it aside)."""


class ReadOnlyDatabaseError(StoreError):
    """The database file or its folder cannot be written; nothing was changed."""


class ReadOnlyModeError(ReadOnlyDatabaseError):
    """A write refused because the data is open read-only (models/readonly.py says why); nothing was lost."""


def error_code(exc: sqlite3.Error) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def read_only_message(path: Path) -> str:
    return (f"数据库文件 {path} 或它所在的文件夹是只读的，本程序无法保存任何修改，因此没有打开它，也没有改动它。"
            "请把文件夹的“只读”属性去掉（或复制到“文档”等可写的位置），再重新启动本程序。")


def newer_message(path: Path, version: int, known: int) -> str:
    return (f"数据库 {path} 由更新版本的程序创建（格式 {version}，本程序只认识到 {known}）。"
            "为保护数据，本程序不会改动它，请安装最新版本后再打开。")


def describe_sqlite_error(path: Path, exc: sqlite3.Error, *, opening: bool = True) -> StoreError:
    """The StoreError (Chinese) for an SQLite failure on the database at ``path`` (when opening it, or later)."""
    code = error_code(exc)
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedDatabaseError(f"数据库文件 {path} 已损坏或不是本程序的数据库（{exc}）。请从备份恢复。")
    if code == SQLITE_READONLY:
        if not opening:
            return ReadOnlyDatabaseError(f"数据库文件 {path} 现在无法写入（变成了只读，或所在的U盘、网络位置断开了），"
                                         "刚才的修改没有保存。请检查后重试。")
        return ReadOnlyDatabaseError(read_only_message(path))
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreError(f"数据库 {path} 正被另一个程序占用（可能本程序已经打开了一个窗口）。请关闭其他窗口后再试。")
    if code == SQLITE_FULL:
        return StoreError(f"磁盘空间不足，无法写入数据库 {path}。请清理磁盘后重试，已保存的内容不受影响。")
    if code in (SQLITE_CANTOPEN, SQLITE_IOERR):
        return StoreError(f"无法读写数据库 {path}（{exc}）。如果数据在U盘或网络位置上，请确认它仍然连接着。")
    return StoreError(f"数据库 {path} 出错：{exc}")


_Class = TypeVar("_Class", bound=type)


def sqlite_errors_as_store_errors(cls: _Class) -> _Class:
    """Wrap every public method and property of ``cls`` so an SQLite failure leaves it as a StoreError.

    Reads too (a setting, a list, a search): the callers (the service, the UI, the CLI) then catch
    StoreError alone and never need sqlite3. A method added later is covered without a second thought.
    The instance must have ``path`` (the database file, named in the message); one with a
    ``_failure(exc)`` method words the error itself (the store: a full disk switches it to read-only).
    """

    def wrap(method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def converting(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as exc:
                failure = getattr(self, "_failure", None)
                raise (failure(exc) if failure else describe_sqlite_error(self.path, exc, opening=False)) from exc

        return converting

    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if inspect.isfunction(member):
            setattr(cls, name, wrap(member))
        elif isinstance(member, property) and member.fget is not None:
            setattr(cls, name, property(wrap(member.fget), member.fset, member.fdel, member.__doc__))
    return cls
