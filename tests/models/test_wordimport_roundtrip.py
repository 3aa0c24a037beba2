"""Every sample report, exported to .docx by the program and imported again, gives back the same
title, sections, items and text."""

from __future__ import annotations

from pathlib import Path

import pytest

from export.docx import write_docx
from models import outline as ol
from models.package import read_package_file
from models.wordimport import read_docx
from tests.models.test_wordimport import cjk, in_order
from tests.models.wordimport_fixtures import file_text

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.json"))


@pytest.fixture(params=SAMPLES, ids=lambda p: p.stem)
def round_trip(request, service, tmp_path):
    report = read_package_file(request.param, service.library)
    path = tmp_path / f"{request.param.stem}.docx"
    write_docx(service.outline(report), path)
    return report, service.outline(report), path, read_docx(path)


def test_there_is_a_sample_per_genre():
    assert len(SAMPLES) >= 5


def test_same_sections(round_trip):
    _, blocks, _, result = round_trip
    level1 = [(b.number, b.heading) for b in blocks if b.kind == ol.HEADING and b.level == 1]
    assert [(s.number, s.heading) for s in result.document.sections] == level1
    assert not any(s.implicit for s in result.document.sections)


def test_same_items(round_trip):
    _, blocks, _, result = round_trip
    printed = [(b.level, b.number, b.heading, "own_line" if b.kind == ol.HEADING else "run_in")
               for b in blocks if b.kind in (ol.HEADING, ol.ITEM) and b.level >= 2]
    got = [(i.level, i.number, i.heading, i.form) for i in result.document.items()]
    assert got == printed
    assert len(got) >= 10


def test_same_front_and_back(round_trip):
    report, blocks, _, result = round_trip
    doc = result.document
    assert doc.title_lines == [b.text for b in blocks if b.kind == ol.TITLE]
    assert doc.title.genre == report.genre_id and doc.title.exact
    if report.genre_id == "speech":
        assert doc.title.meeting == report.get("front.meeting")
        assert (doc.speaker.name, doc.speaker.date) == (report.get("front.speaker"), report.get("front.date"))
        assert doc.salutation == "同志们："
        assert doc.closing and doc.closing[0].text == report.get("closing")
    else:
        assert (doc.title.unit, doc.title.period) == (report.get("front.unit"), report.get("front.period"))
        assert (doc.sign_unit, doc.sign_date) == (report.get("front.unit"), report.get("front.date"))
    assert [b.text for b in doc.intro] == [report.get("intro")]
    assert doc.unclassified == []


def test_same_text(round_trip):
    _, blocks, path, result = round_trip
    source = cjk(file_text(path.read_bytes()))
    target = cjk(result.document.lines())
    assert source == target  # nothing lost, nothing added, nothing reordered
    assert in_order(cjk(ol.outline_text(blocks)), target) >= 0.99


def test_figure_table_is_recognised(round_trip):
    _, blocks, _, result = round_trip
    printed = [b for b in blocks if b.kind == ol.TABLE]
    found = list(result.document.tables())
    assert [(t.title, t.figure_table, [tuple(r) for r in t.rows]) for t in found] == \
        [(b.text, True, [tuple(r) for r in b.rows]) for b in printed]
