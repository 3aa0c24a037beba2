"""A database written by the first release (schema 3) and the format-1 samples open unchanged and print
exactly the text they printed before sections, heading forms and enumerations existed."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from models import outline
from models.package import parse_package, read_package_file
from models.service import ReportService
from models.store import DB_NAME, SCHEMA_VERSION

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# the five samples as the first release shipped them (format-1 packages); resources/samples/ may have
# been edited since, which would change their text, not the reading of format 1
SAMPLES = Path(__file__).resolve().parent / "fixtures" / "release1_samples"
BEFORE = json.loads((FIXTURES / "release1_outlines.json").read_text(encoding="utf-8"))
SAMPLE_IDS = {path.stem: str(n) for n, path in enumerate(sorted(SAMPLES.glob("*.json")), start=1)}


@pytest.fixture
def old_service(tmp_path, library):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURES / "release1.sqlite", data / DB_NAME)
    service = ReportService(data, library=library)
    yield service
    service.close()


def _text(service: ReportService, rid: int) -> list[str]:
    return outline.outline_text(service.outline(service.load(rid)))


def test_the_fixture_is_a_release_one_database():
    conn = sqlite3.connect(FIXTURES / "release1.sqlite")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        columns = {r[1] for r in conn.execute("PRAGMA table_info(reports)")}
        assert "structure" not in columns
    finally:
        conn.close()


def test_old_database_migrates_and_prints_the_same_text(old_service):
    assert old_service.store.schema_version == SCHEMA_VERSION >= 4
    assert sorted(BEFORE) == [str(r) for r in sorted(s.id for s in old_service.summaries())]
    for rid, lines in BEFORE.items():
        report = old_service.load(int(rid))
        assert report.sections is None and report.heading_forms == {}  # the genre's parts, as before
        assert all(i.kind == "item" for i in report.all_items())
        assert _text(old_service, int(rid)) == lines, rid


def test_old_database_findings_and_history_still_work(old_service):
    for summary in old_service.summaries():
        report = old_service.load(summary.id)
        old_service.check(report)  # no crash on any old report
    rid = max(int(r) for r in BEFORE)
    snaps = [s for r in BEFORE for s in old_service.snapshots(int(r))]
    assert snaps, "the fixture holds a snapshot written by the release"
    for snap in snaps:
        old = old_service.load_snapshot(snap.id)
        assert old.genre_id
    assert old_service.snapshot(rid, "manual", force=True) is not None


def test_old_report_edited_after_migration_keeps_its_text(old_service):
    rid = int(next(iter(BEFORE)))
    report = old_service.load(rid)
    old_service.set_value(rid, "intro", report.get("intro"))  # an edit that changes nothing printed
    old_service.move_section(report, report.sections[0].key if report.sections else
                             old_service.sections(report)[0].key, 0)  # materialises the sections
    again = old_service.load(rid)
    assert again.sections is not None
    assert _text(old_service, rid) == BEFORE[str(rid)]


@pytest.mark.parametrize("stem", sorted(SAMPLE_IDS))
def test_format_one_samples_print_the_same_text(library, stem):
    report = read_package_file(SAMPLES / f"{stem}.json", library)
    assert report.sections is None
    genre = library.get(report.genre_id, report.genre_version)
    assert outline.outline_text(outline.build_outline(report, genre)) == BEFORE[SAMPLE_IDS[stem]]


@pytest.mark.parametrize("stem", sorted(SAMPLE_IDS))
def test_samples_round_trip_through_the_current_package_format(service, stem):
    rid = service.import_package(SAMPLES / f"{stem}.json")
    raw = json.dumps(__import__("models.package", fromlist=["x"]).to_package(
        service.load(rid), service.genre_of(service.load(rid))), ensure_ascii=False)
    again = parse_package(raw, service.library)
    assert outline.outline_text(outline.build_outline(again, service.genre_of(again))) == BEFORE[SAMPLE_IDS[stem]]
