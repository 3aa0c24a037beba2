"""Suite-wide: no test may use the network (Internet sockets are blocked; AF_UNIX still works)."""

from __future__ import annotations

import pytest

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
