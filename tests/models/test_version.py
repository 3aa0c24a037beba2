"""One version number: pyproject.toml's, repeated in models/version.py for the bundle."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from models.version import APP_VERSION

ROOT = Path(__file__).resolve().parents[2]


def test_the_program_shows_the_version_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == APP_VERSION


def test_a_report_package_names_that_version(service, tmp_path):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    service.dump_package(rid, tmp_path / "示例镇.json")
    data = json.loads((tmp_path / "示例镇.json").read_text(encoding="utf-8"))
    assert data["app_version"] == APP_VERSION
