"""The ways back to earlier data: 回收站, 历史版本, 备份与恢复, and the half-hourly backup behind the last.

A mixin of MainWindow, kept apart so the window file holds only the shell: the methods use the
window's service, start page, open report (``report_id``), ``open_report``, ``flush_editor``,
``close_report``, ``current_report_id`` and status bar. The dialogs do the work; these handlers
close the open report before a restore and show the result afterwards.
"""

from __future__ import annotations

import datetime as _dt

from models.api import BACKUP_INTERVAL_MS, StoreError
from ui.qt import QTimer
from ui.recycle_dialog import RecycleDialog


class RestoreActions:
    """回收站, 历史版本 and 备份与恢复 of the 文件 menu; the backup timer."""

    def _start_backup_timer(self) -> None:
        # a backup every half hour while the program is open, only when something changed
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_INTERVAL_MS)
        self.backup_timer.timeout.connect(self._timed_backup)
        self.backup_timer.start()

    def _timed_backup(self) -> None:
        try:
            info = self.service.maybe_backup("timer")
        except StoreError as exc:
            self.statusBar().showMessage(f"自动备份没有完成：{exc}", 15000)
            return
        if info is not None:
            self.statusBar().showMessage(f"已自动备份 {_dt.datetime.now():%H:%M}", 5000)

    def show_recycle(self) -> None:
        # reports are deleted from the list only, so the one open in the editor is never in the bin
        restored = RecycleDialog.run(self.service, self)
        self.start.refresh(select_id=restored[-1] if restored else None)
        if restored:
            text = f"已恢复 {len(restored)} 份总结，在总结列表中可以看到。"
            self.start.show_notice(text)
            self.statusBar().showMessage(text, 8000)

    def show_history(self) -> None:
        from ui.history_dialog import HistoryDialog

        rid = self.current_report_id()
        if rid is None:
            return
        was_open = rid == self.report_id
        if was_open and not self.flush_editor():
            return

        def before_restore() -> bool:  # the editor must not write old text over the restored version
            return self.close_report(refresh=False) if self.report_id == rid else True

        def restored(report_id: int) -> None:
            self.start.refresh(select_id=report_id)
            if was_open:
                self.open_report(report_id)
            self.statusBar().showMessage("已恢复到所选的历史版本，当前内容已另存为一个版本。", 8000)

        HistoryDialog.run(self.service, rid, self, before_restore=before_restore, on_restored=restored)

    def show_backups(self) -> None:
        from ui.backup_dialog import BackupDialog

        def restored() -> None:  # every report may have changed: show the list afresh
            self.start.search.clear()
            self.start.refresh()
            self.start.show_notice("已从备份恢复数据。恢复前的数据也已自动备份，需要时可以再恢复回来。")

        BackupDialog.run(self.service, self, before_restore=lambda: self.close_report(refresh=False),
                         on_restored=restored)
