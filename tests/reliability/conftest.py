from __future__ import annotations

import pytest

from models.genres import GenreLibrary
from models.service import ReportService


@pytest.fixture(scope="session")
def library() -> GenreLibrary:
    return GenreLibrary()


@pytest.fixture
def service(tmp_path, library):
    svc = ReportService(tmp_path / "data", library=library)
    yield svc
    svc.close()
