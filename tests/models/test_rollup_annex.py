"""The 附件 统计表: a county's own summary carries the roll-up of its towns after the 落款, as outline
blocks (附件 label, the table split into tables of a few columns, notes), kept with the report."""

from __future__ import annotations

import itertools

import pytest

from models import outline as ol
from models.ledger import LedgerError
from models.rollup import annex_table
from tests.models.towns import write_town_packages

TOWNS = ["青禾镇", "石桥镇", "云溪乡", "柳湾镇", "松岭乡"]


@pytest.fixture
def county(service, tmp_path):
    """Five towns' packages rolled up (one town expected but missing) and the county's own summary."""
    written = write_town_packages(service, tmp_path / "in", towns=TOWNS)
    result = service.rollup_packages(sorted((tmp_path / "in").glob("*.json")), expected=[*TOWNS, "白沙镇"])
    rid = service.create_report("half_year", unit="示例县委宣传部", period="2024H1", areas=["theory"])
    return rid, result, written


def annex_of(blocks: list[ol.Block]) -> list[ol.Block]:
    return blocks[[b.kind for b in blocks].index(ol.ANNEX):]


def test_the_annex_follows_the_signature_as_tables_of_a_few_columns(service, county):
    rid, result, written = county
    service.attach_rollup(rid, result)
    report = service.load(rid)
    blocks = service.outline(report)
    kinds = [b.kind for b in blocks]
    assert kinds.index(ol.ANNEX) > kinds.index(ol.SIGN_DATE)  # after the 落款
    annex = annex_of(blocks)
    assert annex[0].text == "附件"
    tables = [b for b in annex if b.kind == ol.TABLE]
    assert tables[0].text == "2024年上半年各单位宣传工作主要数据统计表"
    assert all(t.text.endswith("（续表）") for t in tables[1:])
    assert len(result.columns) > ol.ANNEX_FIGURES and len(tables) >= 2  # too wide for one page: split
    for t in tables:
        assert len(t.rows[0]) <= 1 + ol.ANNEX_FIGURES
        assert [r[0] for r in t.rows] == ["单位", *TOWNS, "合计"]
        assert len(t.shares) == len(t.rows[0]) and abs(sum(t.shares) - 1) < 1e-9
    # every figure column once, in the roll-up's order, a work area's columns in one table where they fit
    header = [h for t in tables for h in t.rows[0][1:]]
    assert header == [c.title for c in result.columns]
    area_of = {c.title: c.area for c in result.columns}
    for t, nxt in itertools.pairwise(tables):
        last, first = area_of[t.rows[0][-1]], area_of[nxt.rows[0][1]]
        if last == first:  # an area is cut only when it alone is wider than a table
            assert sum(1 for c in result.columns if c.area == last) > ol.ANNEX_FIGURES
    notes = [b.text for b in annex if b.kind == ol.PARA]
    assert notes == ["注：未报送单位（1个）：白沙镇。"]
    # the totals are the sums of what the towns wrote
    for t in tables:
        for c, title in enumerate(t.rows[0][1:], start=1):
            column = next(col for col in result.columns if col.title == title)
            expected = sum(f.get((column.area, column.key), 0) for f in written.values())
            assert t.rows[-1][c] == str(expected)


def test_attaching_again_replaces_and_removing_takes_it_away(service, county, tmp_path):
    rid, result, _ = county
    service.attach_rollup(rid, result)
    other = service.rollup_packages(sorted((tmp_path / "in").glob("*.json"))[:2], expected=[])
    open_copy = service.load(rid)  # as an editor holds it
    service.attach_rollup(rid, other, open_copy)
    for report in (service.load(rid), open_copy):
        tables = [b for b in annex_of(service.outline(report)) if b.kind == ol.TABLE]
        units = [r[0] for r in tables[0].rows]
        assert len(units) == 4 and units[1:-1] == [t.unit for t in other.towns]
        assert service.annex_title(report) == other.title
    service.remove_annex(rid, open_copy)
    for report in (service.load(rid), open_copy):
        assert ol.ANNEX not in [b.kind for b in service.outline(report)]
        assert service.annex_title(report) == ""


def test_an_empty_roll_up_is_not_attached(service, county):
    rid, _, _ = county
    empty = service.rollup_packages([], expected=[])
    with pytest.raises(LedgerError):
        service.attach_rollup(rid, empty)
    assert service.annex_title(service.load(rid)) == ""


def test_the_next_period_does_not_carry_last_periods_annex(service, county):
    rid, result, _ = county
    service.attach_rollup(rid, result)
    new = service.copy_as_next_period(rid)
    assert service.annex_title(service.load(new)) == ""
    assert service.annex_title(service.load(rid)) == result.title


def test_approximate_values_and_repeated_labels_are_written_as_such(service, tmp_path):
    for town, value in (("青禾镇", "20余"), ("石桥镇", "12")):
        report = service.build_report("half_year", unit=town, period="2024H1", areas=["theory"])
        theory = next(i for i in report.all_items() if i.area == "theory")
        report.values[f"item.{theory.id}.fig.lectures"] = value
        service.store.insert_report(report)
    result = service.rollup_reports(service.report_ids(), expected=[])
    data = annex_table(result)
    column = next(n for n, c in enumerate(result.columns) if c.key == "lectures") + 1
    assert {row[0]: row[column] for row in data["rows"]} == {"青禾镇": "20余", "石桥镇": "12"}
    assert data["total"][column] == "32余"
    assert "注：带“余”的数据按所写数字计入合计。" in data["notes"]


def test_a_damaged_annex_value_prints_nothing_rather_than_failing(service, county):
    rid, _, _ = county
    for bad in ("{", "[]", '{"title": "t", "header": ["单位", "a"], "rows": [["x"]], "total": ["合计", "1"]}'):
        service.store.set_value(rid, ol.ANNEX_ADDRESS, bad)
        assert ol.ANNEX not in [b.kind for b in service.outline(service.load(rid))]
