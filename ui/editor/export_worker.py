"""Runs the Word or PDF export off the UI thread and reports progress through signals."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models.api import WriteError, os_error_text
from ui.qt import QThread, Signal

if TYPE_CHECKING:
    from export.fonts import FontScheme
    from models.api import Block

log = logging.getLogger(__name__)


class ExportWorker(QThread):
    """Renders the outline it is given and writes the file; it never sees the report or the service."""

    progressed = Signal(int)
    succeeded = Signal(str)
    failed = Signal(str)

    def __init__(self, blocks: list[Block], path: str, scheme: FontScheme, author: str = "") -> None:
        super().__init__()
        self.blocks, self.path, self.scheme, self.author = blocks, path, scheme, author

    def run(self) -> None:
        # A .pdf path gets the paged layout drawn into a PDF (QtGui painting is safe off the UI thread
        # on a QPdfWriter); anything else the Word file.
        if self.path.lower().endswith(".pdf"):
            from export.pdf import write_pdf as write
        else:
            from export.docx import write_docx as write

        try:
            write(self.blocks, self.path, fonts=self.scheme, author=self.author, progress=self.progressed.emit)
        except WriteError as exc:
            log.warning("导出 %s 没有写成：%s", self.path, exc)
            self.failed.emit(str(exc))
        except Exception as exc:  # the officer gets a sentence, not a traceback
            log.exception("导出 %s 没有完成", self.path)
            why = os_error_text(exc) if isinstance(exc, OSError) else exc  # never the system's English text
            self.failed.emit(f"导出没有完成：{why}。请换一个文件名或保存位置再试。")
        else:
            self.succeeded.emit(self.path)
