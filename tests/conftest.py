"""Suite-wide: no test may use the network (Internet sockets are blocked; AF_UNIX still works);
a test that set up the log file (models/log.py) closes it, so the next one does not write into its folder."""

from __future__ import annotations

import pytest

from models.genres import GenreLibrary
from models.log import stop_logging
from models.service import ReportService
from tests import netblock


def pytest_configure(config):
    netblock.block()


@pytest.fixture(autouse=True)
def _no_network_attempts():
    before = len(netblock.attempts)
    yield
    tried = netblock.attempts[before:]
    if tried:
        pytest.fail(f"测试尝试访问网络：{tried}")


@pytest.fixture(autouse=True)
def _log_file_closed_after():
    yield
    stop_logging()


@pytest.fixture(scope="session")
def library() -> GenreLibrary:
    return GenreLibrary()


@pytest.fixture
def service(tmp_path, library):
    """A ReportService on a fresh data folder, closed after the test."""
    svc = ReportService(tmp_path / "data", library=library)
    yield svc
    svc.close()
