"""The yellow banner of read-only mode, and the watch that ends it when the folder can be written again.

When the data folder cannot be written (a full disk, a write-protected USB stick, no permission;
models/readonly.py) the window stays open: the banner says why, that reading, searching and
exporting to another place work and that changes are not saved, and offers 重试. ``ReadOnlyWatch``
asks the service again every ``RETRY_MS`` and on 重试 (``service.try_writable``); the main window
follows its ``changed`` signal (editors read-only or writable again, actions off or on).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from typing import TYPE_CHECKING

from ui.qt import QFrame, QHBoxLayout, QLabel, QObject, QPushButton, Qt, QTimer, QWidget, Signal

if TYPE_CHECKING:
    from models.api import ReportService

RETRY_MS = 30_000  # how often to look whether space came back (a probe write of 64 KB: cheap)

STYLE = """
QFrame#readOnlyBanner { background: #fff4c2; border: 1px solid #e0b400; border-radius: 4px; margin: 6px 8px 2px 8px; }
QFrame#readOnlyBanner QLabel { color: #5a4300; background: transparent; border: none; }
"""


class ReadOnlyBanner(QFrame):
    """Why the data is read-only and what still works; 重试 asks for a new look."""

    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel(self)  # the last retry: 仍无法写入（14:32）
        self.retry = QPushButton("重试", self)
        self.retry.setToolTip("再检查一次数据文件夹能否写入；能写入时自动恢复编辑（程序每半分钟也会自己检查）")
        self.retry.clicked.connect(lambda _checked=False: self.retry_requested.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.state)
        row.addWidget(self.retry)
        self.hide()

    def show_reason(self, reason) -> None:
        """Show the banner for a ReadOnlyReason (None hides it)."""
        self.state.setText("")
        if reason is None:
            self.hide()
            return
        self.text.setText(reason.banner())
        self.text.setToolTip(f"数据文件夹：{reason.folder}")
        self.show()

    def still_read_only(self) -> None:
        self.state.setText(f"仍无法写入（{_dt.datetime.now():%H:%M:%S}）")


class ReadOnlyWatch(QObject):
    """Follows the service's read-only mode on the GUI thread and looks again every RETRY_MS while it lasts.

    ``changed(reason)`` (a ReadOnlyReason, or None when writing works again) is emitted on the GUI thread
    even when a write failing on another thread started the mode: the service calls its listeners from
    inside the failing write, and a queued signal carries it to the window after that write is over.
    """

    changed = Signal(object)
    _noticed = Signal(object)

    def __init__(self, service: ReportService, parent: QObject | None = None, *, interval_ms: int = RETRY_MS) -> None:
        super().__init__(parent)
        self.service = service
        self.reason = service.read_only
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.retry)
        self._noticed.connect(self._follow, Qt.ConnectionType.QueuedConnection)
        service.add_read_only_listener(self._notice)
        self.destroyed.connect(lambda _obj=None, s=service, n=self._notice: s.remove_read_only_listener(n))
        if self.reason is not None:
            self.timer.start()

    def _notice(self, reason) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone (a service outliving it, in the tests)
            self._noticed.emit(reason)

    def retry(self) -> bool:
        """Look again now; True when the data can be written (the mode ended, or was never on)."""
        ok = self.service.try_writable()
        self._follow(self.service.read_only)  # also a reason that changed kind (space back, still write-protected)
        return ok

    def _follow(self, _reason) -> None:
        reason = self.service.read_only  # the state now: a queued notice may be older than a retry since
        if reason == self.reason:
            return
        self.reason = reason
        if reason is None:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()
        self.changed.emit(reason)
