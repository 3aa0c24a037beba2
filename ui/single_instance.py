"""One running program per data folder.

Two windows on one database would each think they hold the latest text. The first start takes a
QLockFile in the data folder and listens on a local socket named after the folder; a second
start finds the lock taken, asks the first to come forward, and quits. A lock left by a crashed
run is stale (its process is gone) and QLockFile takes it over.

A data folder where the lock file cannot be written (a full disk, a write-protected USB stick) still
opens, read-only (models/readonly.py): the socket alone then keeps the second window out
(``Claim.UNLOCKED``), and ``take_lock`` takes the lock once the folder can be written again.
"""

from __future__ import annotations

import hashlib
import logging
import os
from enum import Enum
from pathlib import Path

from ui.qt import QLocalServer, QLocalSocket, QLockFile, QObject, Signal

log = logging.getLogger(__name__)

LOCK_NAME = "zongjie.lock"
RAISE = b"raise\n"
CONNECT_MS = 1500


class Claim(Enum):
    OWNER = "owner"  # we are the first: go on
    RUNNING = "running"  # another window runs and was asked to come forward: quit quietly
    UNREACHABLE = "unreachable"  # the lock is held but nobody answers: explain and quit
    FAILED = "failed"  # the lock file cannot be written and nothing else works either: explain and quit
    UNLOCKED = "unlocked"  # the lock file cannot be written (disk full, read-only): go on, read-only


def server_name(data_dir: Path | str) -> str:
    """A local-socket name unique to the data folder (and the user), short enough for every platform."""
    path = str(Path(data_dir).resolve())
    if os.name == "nt":  # the same folder may be spelled in different case
        path = path.lower()
    return "zongjie-" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:20]


class SingleInstance(QObject):
    raise_requested = Signal()

    def __init__(self, data_dir: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self.lock = QLockFile(str(self.data_dir / LOCK_NAME))
        # 0: the lock never ages out while we hold it; only a dead owner process makes it stale
        self.lock.setStaleLockTime(0)
        self.server: QLocalServer | None = None

    def claim(self) -> Claim:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("无法创建数据文件夹 %s：%s", self.data_dir, exc)
            return self._without_lock()
        if self.lock.tryLock(200):
            if self._ask_to_raise():  # a window that could not take the lock (read-only then) still runs
                self.lock.unlock()
                return Claim.RUNNING
            self._listen()
            return Claim.OWNER
        if self.lock.error() != QLockFile.LockError.LockFailedError:
            return self._without_lock()
        return Claim.RUNNING if self._ask_to_raise() else Claim.UNREACHABLE

    def _without_lock(self) -> Claim:
        """The lock file cannot be written: another window of this folder answers, or we listen alone."""
        log.warning("无法在数据文件夹 %s 中写入锁文件（%s），不加锁继续", self.data_dir, self.lock.error())
        if self._ask_to_raise():
            return Claim.RUNNING
        self._listen()
        return Claim.UNLOCKED if self.server is not None else Claim.FAILED

    def take_lock(self) -> bool:
        """After read-only mode: take the lock now that the folder can be written (True when held)."""
        return self.lock.isLocked() or self.lock.tryLock(0)

    def message(self, claim: Claim) -> str:
        """What to tell the officer (Chinese), '' when nothing needs saying."""
        if claim == Claim.UNREACHABLE:
            return ("宣传工作总结助手已经在运行，但暂时没有响应。\n\n"
                    "请在任务栏中找到已经打开的窗口。如果确实没有打开的窗口，请稍等一分钟再试，"
                    "或者重新启动电脑后再打开。\n\n"
                    f"数据文件夹：{self.data_dir}")
        if claim == Claim.FAILED:
            return (f"无法在数据文件夹中写入文件：\n{self.data_dir}\n\n"
                    "请确认这个文件夹存在并且可以写入（不是只读的U盘或光盘），然后再打开程序。")
        return ""

    def _listen(self) -> None:
        # a socket file left by a crash would make listen() fail on Linux; we own the lock, so remove it
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._on_connection)
            self.server = server

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if RAISE.strip() in bytes(socket.readAll().data()):
            self.raise_requested.emit()

    def _ask_to_raise(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(RAISE)
        socket.flush()
        if socket.bytesToWrite():  # a Windows pipe may need a moment; False here only means already sent
            socket.waitForBytesWritten(CONNECT_MS)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()
