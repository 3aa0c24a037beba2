"""What ui/ and cli.py may use of models: the service, the data it hands out, its errors and a few helpers.

ui/ and cli.py import models only from here (an import-linter contract in pyproject.toml fails the
tests otherwise). Everything that touches the database (the store, its migrations, sqlite3) stays
behind ReportService, so a widget cannot run SQL or see a raw SQLite error: every failure reaches
it as one of the Chinese errors below. A name missing here is added here, not imported around it.
"""

from __future__ import annotations

from models import paths, periods
from models.atomic import WriteError, error_text, os_error_text, write_bytes_atomic
from models.backup import BACKUP_FOLDER, BACKUP_INTERVAL_MS, BackupError, BackupInfo, backup_dir
from models.catalog import Area, area_name, get_area
from models.checks import BLANK, Finding, field_order, figure_problem, in_document_order, period_end
from models.compare import FROM_LEDGER as COMPARE_FROM_LEDGER
from models.compare import ROUNDING_NOTE as COMPARE_ROUNDING
from models.compare import Comparison, FigureComparison
from models.figures import display as figure_display
from models.figures import reading as figure_reading
from models.figures import unit_scale
from models.findings import ERROR, INFO, MISSING, STYLE, WARNING, WRONG, blocking, empty_item_ids, needs_attention
from models.genres import Genre, GenreError, Guide, Level, Part
from models.history import SNAPSHOT_INTERVAL_MS, HistoryError, Snapshot
from models.integrity import open_service
from models.ledger import AreaTotal, Entry, LedgerError, figure_phrase, period_range
from models.ledger_import import AREA as LEDGER_AREA
from models.ledger_import import DATE as LEDGER_DATE
from models.ledger_import import TEXT as LEDGER_TEXT
from models.ledger_import import Mapping, RowProblem, Table, TableError, target_label, targets
from models.ledger_numbers import officer_number, parse_amount, plain_number
from models.log import log_file, setup_logging, suppress_logged
from models.numbering import LAYOUT_NAMES, STYLE_NAMES, ordinal
from models.outline import Block, OutlineOptions, context, fill, number_label, numbering, part_title
from models.package import PackageError
from models.paths import APP_NAME, PORTABLE_FOLDER, data_dir, resource_dir
from models.periods import PeriodError
from models.proofread import apply_fix
from models.readonly import ReadOnlyReason
from models.report import ENTRY, ENUM, Item, Report
from models.report import ITEM as ITEM_KIND
from models.rollup import Rollup
from models.service import ReportService, ReportSummary
from models.session import CrashedSession, Session, recovery_message
from models.store_errors import NewerDatabaseError, ReadOnlyModeError, StoreError
from models.structure import FORM_NAMES, Change, State, StructureError
from models.structure_checks import numbering_fix
from models.templates import TemplateError, TemplateInfo
from models.text import clean_text, count_chars, one_line, paragraphs
from models.version import APP_VERSION
from models.wordimport import WordImportError, is_word_file

__all__ = [
    "APP_NAME",
    "APP_VERSION",
    "BACKUP_FOLDER",
    "BACKUP_INTERVAL_MS",
    "BLANK",
    "COMPARE_FROM_LEDGER",
    "COMPARE_ROUNDING",
    "ENTRY",
    "ENUM",
    "ERROR",
    "FORM_NAMES",
    "INFO",
    "ITEM_KIND",
    "LAYOUT_NAMES",
    "LEDGER_AREA",
    "LEDGER_DATE",
    "LEDGER_TEXT",
    "MISSING",
    "PORTABLE_FOLDER",
    "SNAPSHOT_INTERVAL_MS",
    "STYLE",
    "STYLE_NAMES",
    "WARNING",
    "WRONG",
    "Area",
    "AreaTotal",
    "BackupError",
    "BackupInfo",
    "Block",
    "Change",
    "Comparison",
    "CrashedSession",
    "Entry",
    "FigureComparison",
    "Finding",
    "Genre",
    "GenreError",
    "Guide",
    "HistoryError",
    "Item",
    "LedgerError",
    "Level",
    "Mapping",
    "NewerDatabaseError",
    "OutlineOptions",
    "PackageError",
    "Part",
    "PeriodError",
    "ReadOnlyModeError",
    "ReadOnlyReason",
    "Report",
    "ReportService",
    "ReportSummary",
    "Rollup",
    "RowProblem",
    "Session",
    "Snapshot",
    "State",
    "StoreError",
    "StructureError",
    "Table",
    "TableError",
    "TemplateError",
    "TemplateInfo",
    "WordImportError",
    "WriteError",
    "apply_fix",
    "area_name",
    "backup_dir",
    "blocking",
    "clean_text",
    "context",
    "count_chars",
    "data_dir",
    "empty_item_ids",
    "error_text",
    "field_order",
    "figure_display",
    "figure_phrase",
    "figure_problem",
    "figure_reading",
    "fill",
    "get_area",
    "in_document_order",
    "is_word_file",
    "log_file",
    "needs_attention",
    "number_label",
    "numbering",
    "numbering_fix",
    "officer_number",
    "one_line",
    "open_service",
    "ordinal",
    "os_error_text",
    "paragraphs",
    "parse_amount",
    "part_title",
    "paths",
    "period_end",
    "period_range",
    "periods",
    "plain_number",
    "recovery_message",
    "resource_dir",
    "setup_logging",
    "suppress_logged",
    "target_label",
    "targets",
    "unit_scale",
    "write_bytes_atomic",
]
