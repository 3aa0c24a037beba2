"""What ui/ and cli.py may use of models: the service, the data it hands out, its errors and a few helpers.

ui/ and cli.py import models only from here (an import-linter contract in pyproject.toml fails the
tests otherwise). Everything that touches the database (the store, its migrations, sqlite3) stays
behind ReportService, so a widget cannot run SQL or see a raw SQLite error: every failure reaches
it as one of the Chinese errors below. A name missing here is added here, not imported around it.
"""

from __future__ import annotations

from models import paths, periods
from models.atomic import WriteError, write_bytes_atomic
from models.backup import BACKUP_FOLDER, BACKUP_INTERVAL_MS, BackupError, BackupInfo, backup_dir
from models.catalog import Area, area_name, get_area
from models.checks import BLANK, Finding, figure_problem
from models.genres import Genre, GenreError, Guide, Level
from models.history import SNAPSHOT_INTERVAL_MS, HistoryError, Snapshot
from models.integrity import open_service
from models.outline import Block, OutlineOptions, context, fill, number_label, numbering, part_title
from models.package import PackageError
from models.paths import APP_NAME, PORTABLE_FOLDER, data_dir, resource_dir
from models.periods import PeriodError
from models.report import Item, Report
from models.service import ReportService, ReportSummary
from models.session import CrashedSession, Session, recovery_message
from models.store_errors import NewerDatabaseError, StoreError
from models.text import clean_text, count_chars, paragraphs
from models.version import APP_VERSION

__all__ = [
    "APP_NAME",
    "APP_VERSION",
    "BACKUP_FOLDER",
    "BACKUP_INTERVAL_MS",
    "BLANK",
    "PORTABLE_FOLDER",
    "SNAPSHOT_INTERVAL_MS",
    "Area",
    "BackupError",
    "BackupInfo",
    "Block",
    "CrashedSession",
    "Finding",
    "Genre",
    "GenreError",
    "Guide",
    "HistoryError",
    "Item",
    "Level",
    "NewerDatabaseError",
    "OutlineOptions",
    "PackageError",
    "PeriodError",
    "Report",
    "ReportService",
    "ReportSummary",
    "Session",
    "Snapshot",
    "StoreError",
    "WriteError",
    "area_name",
    "backup_dir",
    "clean_text",
    "context",
    "count_chars",
    "data_dir",
    "figure_problem",
    "fill",
    "get_area",
    "number_label",
    "numbering",
    "open_service",
    "paragraphs",
    "part_title",
    "paths",
    "periods",
    "recovery_message",
    "resource_dir",
    "write_bytes_atomic",
]
