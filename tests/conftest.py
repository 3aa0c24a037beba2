"""Suite-wide: no test may use the network (Internet sockets are blocked; AF_UNIX still works)."""

from __future__ import annotations

import pytest

from models.genres import GenreLibrary
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


@pytest.fixture(scope="session")
def library() -> GenreLibrary:
    return GenreLibrary()


@pytest.fixture
def service(tmp_path, library):
    """A ReportService on a fresh data folder, closed after the test."""
    svc = ReportService(tmp_path / "data", library=library)
    yield svc
    svc.close()
