"""Runs the Word export off the UI thread and reports progress through signals."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models.api import WriteError
from ui.qt import QThread, Signal

if TYPE_CHECKING:
    from export.fonts import FontScheme
    from models.api import Report, ReportService

log = logging.getLogger(__name__)


class ExportWorker(QThread):
    progressed = Signal(int)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(self, service: ReportService, report: Report, path: str, scheme: FontScheme,
                 figures_table: bool) -> None:
        super().__init__()
        # ``report`` is the editor's copy: the export reads it and the genre, never the database.
        self.service, self.report, self.path = service, report, path
        self.scheme, self.figures_table = scheme, figures_table

    def run(self) -> None:
        from export.docx import export_report

        try:
            export_report(self.service, self.report, self.path, fonts=self.scheme,
                          figures_table=self.figures_table, progress=self.progressed.emit)
        except WriteError as exc:
            log.warning("导出 %s 没有写成：%s", self.path, exc)
            self.failed.emit(str(exc))
        except Exception as exc:  # the officer gets a sentence, not a traceback
            log.exception("导出 %s 没有完成", self.path)
            self.failed.emit(f"导出没有完成：{exc}。请换一个文件名或保存位置再试。")
        else:
            self.succeeded.emit(self.path)
