"""Autosave: edits collected per field address and written in small batches.

A batch is written ~700 ms after typing pauses, and never later than 1 s after the first unsaved
change, so a long typing run is still saved every second. A failed write (database locked, disk
full) keeps every pending edit in memory and retries; nothing typed is ever dropped.

When the failure put the data into read-only mode (the folder cannot be written: models/readonly.py),
the autosaver does not retry on its own: it is paused, keeps the edits, and the window resumes it
(``resume``: the edits are written then) once the service can write again.

Numbering typed at the start of a heading, a section title or an enumeration entry ("（一）", "(1)",
"一是") is removed on the way in (``cleaner``: the service's ``clean_entry``); ``cleaned`` tells the
editor, which puts the text without it back in the field and shows why.
"""

from __future__ import annotations

import datetime as _dt
import logging
import time
from typing import TYPE_CHECKING

from models.api import StoreError, os_error_text
from ui.qt import QObject, QTimer, Signal

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.api import ReportService

log = logging.getLogger(__name__)

IDLE_MS = 700
MAX_DELAY_MS = 1000
RETRY_MS = (2000, 5000, 10000, 30000)  # back off while the disk or the database stays unavailable


def failure_message(exc: BaseException) -> str:
    """Chinese text for a failed autosave, saying the text is safe in the window."""
    if isinstance(exc, StoreError):  # the store words every SQLite failure (locked, disk full, read-only)
        why = str(exc).rstrip("。")
    elif isinstance(exc, OSError):
        why = os_error_text(exc)
    else:
        why = f"写入出错（{exc}）"
    return f"暂时无法保存：{why}。刚才输入的内容仍在窗口中，程序会自动重试，请不要关闭程序。"


class Autosaver(QObject):
    saved = Signal(str)  # time of the save, 14:32:05
    failed = Signal(str)  # Chinese warning
    recovered = Signal()
    cleaned = Signal(str, str, str)  # address, the text without typed numbering, the note to show

    def __init__(self, service: ReportService, report_id: int, parent: QObject | None = None,
                 cleaner: Callable[[str, str], tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self.service, self.report_id = service, report_id
        self.cleaner = cleaner
        self.pending: dict[str, str] = {}
        self.failures = 0
        self.paused = False  # read-only mode: edits are kept, nothing is written until ``resume``
        self.write_ms: list[float] = []  # durations of the last writes, for measuring
        self._idle = self._timer(IDLE_MS)
        self._deadline = self._timer(MAX_DELAY_MS)
        self._retry = self._timer(RETRY_MS[0])

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.flush)
        return timer

    def change(self, address: str, value: str) -> None:
        self.pending[address] = value
        if self.paused or self._retry.isActive():
            return  # the retry timer owns the next attempt
        self._idle.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def discard(self, prefix: str) -> None:
        """Forget pending edits of fields that no longer exist (a removed item)."""
        for address in [a for a in self.pending if a.startswith(prefix)]:
            del self.pending[address]

    def _clean_pending(self) -> None:
        """Typed numbering out of the pending headings and entries, before they are written."""
        if self.cleaner is None:
            return
        for address, value in list(self.pending.items()):
            text, note = self.cleaner(address, value)
            if note and text != value:
                self.pending[address] = text
                self.cleaned.emit(address, text, note)

    def has_pending(self) -> bool:
        return bool(self.pending)

    def pause(self) -> None:
        """Read-only mode: keep every edit, write none, until ``resume``."""
        self.paused = True
        for timer in (self._idle, self._deadline, self._retry):
            timer.stop()

    def resume(self) -> bool:
        """Writing works again: write what was kept now. True when nothing is left unsaved."""
        self.paused = False
        self._retry.stop()
        return self.flush()

    def flush(self) -> bool:
        """Write every pending edit now. True when nothing is left unsaved."""
        self._idle.stop()
        self._deadline.stop()
        if not self.pending:
            return True
        if self.paused:
            return False
        self._clean_pending()
        batch = dict(self.pending)
        started = time.perf_counter()
        try:
            self.service.set_values(self.report_id, batch)
        except (StoreError, OSError) as exc:
            log.warning("自动保存没有完成（第 %d 次），%d 处修改留在窗口中等待重试：%s",
                        self.failures + 1, len(batch), exc)
            self.failures += 1
            if self.service.read_only is not None:  # the folder cannot be written: the window's 重试 resumes us
                self.pause()
            else:
                self._retry.setInterval(RETRY_MS[min(self.failures - 1, len(RETRY_MS) - 1)])
                self._retry.start()
            self.failed.emit(failure_message(exc))
            return False
        self.write_ms = [*self.write_ms[-49:], (time.perf_counter() - started) * 1000]
        self._retry.stop()
        for address, value in batch.items():
            if self.pending.get(address) == value:  # typed again meanwhile: keep the newer text
                del self.pending[address]
        if self.failures:
            self.failures = 0
            self.recovered.emit()
        self.saved.emit(_dt.datetime.now().strftime("%H:%M:%S"))
        if self.pending:
            self._idle.start()
        return not self.pending
