"""导入 Word 文件 on the service side (a mixin ReportService inherits): read, map, store.

Kept out of models/service.py so the report service stays about reports. The file is read and mapped
completely in memory first; only then is the report written, in one transaction, so a file that
is refused or a failure while storing leaves the data exactly as it was.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from models import backup

if TYPE_CHECKING:
    from models.service import ReportService
    from models.wordimport.reading import ImportResult
    from models.wordimport.summary import ImportSummary


class WordImportMixin:
    @staticmethod
    def read_word_file(path: Path | str) -> ImportResult:
        """Read a .docx into the neutral tree; touches no database, so a worker thread may run it (the
        slow half of an import). Raises WordImportError with the Chinese message."""
        from models.wordimport.reading import read_docx  # loaded when a file is imported, not at start

        return read_docx(path)

    def store_word_import(self: ReportService, result: ImportResult) -> tuple[int, ImportSummary]:
        """Map what ``read_word_file`` read onto a new report and store it in one transaction; (its id,
        the summary with what the mapping adjusted). A StoreError stores nothing."""
        from models.wordimport.to_report import to_report

        converted = to_report(result.document, self.library)
        backup.maybe_backup(self.store, "import")  # the data as it was, when changed since the last backup
        rid = self.store.insert_report(converted.report)
        # the reader saw a label and number columns; only the tables that became figures are 数据表 to the officer
        return rid, dataclasses.replace(result.summary, notes=tuple(converted.notes),
                                        figure_tables=converted.data_tables)

    def import_docx(self: ReportService, path: Path | str) -> tuple[int, ImportSummary]:
        """A .docx summary → a new report; (its id, what was recognised). Raises WordImportError
        (Chinese: what the file is and what to do) or StoreError; nothing is stored then."""
        return self.store_word_import(self.read_word_file(path))
