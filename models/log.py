"""The program's log file: <data>/logs/zongjie.log, rotated at 1 MB, three old files kept.

Set up once when the GUI or the CLI starts (``setup_logging``). Every place that catches an error
and carries on (a preference not saved, a stale temp file not removed, a font list that failed)
logs what it swallowed, with the traceback, through ``logging.getLogger(__name__)`` or
``suppress_logged``: the officer is not bothered, and a technician can still see what happened.
The folder and the file are created with the first record, so a run with nothing to report
writes nothing. When the file cannot be written (a full disk, a read-only data folder) the records
wait in memory (the last ``KEPT_RECORDS``) and go to the file with the next record that can be
written: logging never stops the program, nor fills the console with tracebacks.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

LOG_FOLDER = "logs"
LOG_NAME = "zongjie.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 3
KEPT_RECORDS = 500  # records held in memory while the log file cannot be written
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


class _LogFile(logging.handlers.RotatingFileHandler):
    """Creates its folder (private, like the data folder) when the first record arrives; keeps the
    records in memory while the file cannot be written."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kept: collections.deque[logging.LogRecord] = collections.deque(maxlen=KEPT_RECORDS)
        self._failed = False

    def _open(self):
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        self.kept.append(record)
        while self.kept:
            self._failed = False
            super().emit(self.kept[0])
            if self._failed:
                return  # waits in memory for the next record
            self.kept.popleft()

    def handleError(self, record: logging.LogRecord) -> None:
        if isinstance(sys.exc_info()[1], OSError):
            self._failed = True
            if self.stream is not None:  # reopened with the next record
                with contextlib.suppress(OSError, ValueError):
                    self.stream.close()
                self.stream = None
            return
        super().handleError(record)


def log_file(data_dir: Path | str) -> Path:
    return Path(data_dir) / LOG_FOLDER / LOG_NAME


def setup_logging(data_dir: Path | str) -> Path:
    """Send the warnings and errors of the whole program to the data folder's log; returns the file.

    Calling it again for the same folder changes nothing; for another folder (the tests open many)
    the log moves there.
    """
    path = log_file(data_dir).absolute()
    root = logging.getLogger()
    if any(isinstance(h, _LogFile) and Path(h.baseFilename) == path for h in root.handlers):
        return path
    stop_logging()
    handler = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    for name in ("models", "ui", "export", "cli"):  # our own notes at INFO; other libraries from WARNING
        logging.getLogger(name).setLevel(logging.INFO)
    return path


@contextlib.contextmanager
def suppress_logged(logger: logging.Logger, what: str, *errors: type[BaseException]) -> Iterator[None]:
    """contextlib.suppress that logs what it swallowed: ``what`` says what was being done."""
    try:
        yield
    except errors as exc:
        logger.warning("%s没有完成：%s", what, exc, exc_info=True)


def stop_logging() -> None:
    """Close the log file (the tests, between data folders); records go back to stderr (warnings and up)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _LogFile):
            root.removeHandler(handler)
            handler.close()
