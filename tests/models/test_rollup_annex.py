"""The 附件 统计表: a county's own summary carries the roll-up of its towns after the 落款, as outline
blocks (附件 label, the table split into tables of a few columns, notes), kept with the report."""

from __future__ import annotations

import json

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


def test_the_annex_follows_the_signature_as_a_table_per_work_area(service, county):
    rid, result, written = county
    service.attach_rollup(rid, result)
    report = service.load(rid)
    blocks = service.outline(report)
    kinds = [b.kind for b in blocks]
    assert kinds.index(ol.ANNEX) > kinds.index(ol.SIGN_DATE)  # after the 落款
    annex = annex_of(blocks)
    assert annex[0].text == "附件"
    assert annex[1].kind == ol.TABLE and annex[1].text == "2024年上半年各单位宣传工作主要数据统计表"
    assert not annex[1].rows  # the title alone; the tables follow, one per work area
    tables = [b for b in annex if b.kind == ol.TABLE and b.rows]
    areas = list(dict.fromkeys(c.area_name for c in result.columns))
    assert len(areas) >= 3 and [t.text for t in tables] == areas  # each captioned with its area's name
    for t, area in zip(tables, areas, strict=True):
        columns = [c for c in result.columns if c.area_name == area]
        assert len(t.rows[0]) <= 1 + ol.ANNEX_FIGURES
        assert t.rows[0] == ("单位", *(c.label for c in columns))  # the figures' names…
        assert t.rows[1] == ("", *(f"（{c.unit}）" for c in columns))  # …their units on a row of their own
        assert [r[0] for r in t.rows[2:]] == [*TOWNS, "合计"]
        assert len(t.shares) == len(t.rows[0]) and abs(sum(t.shares) - 1) < 1e-9
        # the figure columns are wide enough for the longest name on one line where the 单位 column allows
        assert t.shares[1] >= min(ol.ANNEX_CHAR_SHARE * max(len(c.label) for c in columns) + ol.ANNEX_CELL_SHARE,
                                  (1 - ol.ANNEX_UNIT_MIN_SHARE) / len(columns)) - 1e-9
        # the totals are the sums of what the towns wrote
        for c, column in enumerate(columns, start=1):
            expected = sum(f.get((column.area, column.key), 0) for f in written.values())
            assert t.rows[-1][c] == str(expected)
    notes = [b.text for b in annex if b.kind == ol.PARA]
    assert notes == ["注：未报送单位（1个）：白沙镇。"]


def test_an_area_wider_than_a_page_goes_on_in_a_continued_table(service, county):
    rid, result, _ = county
    data = annex_table(result)
    n = len(result.columns)
    data.update(groups=[n], areas=["理论武装"])  # all the columns as one area: too wide for one table
    service.store.set_value(rid, ol.ANNEX_ADDRESS, json.dumps(data, ensure_ascii=False))
    tables = [b for b in annex_of(service.outline(service.load(rid))) if b.rows]
    assert [t.text for t in tables] == ["理论武装", *["理论武装（续表）"] * (len(tables) - 1)]
    assert len(tables) == -(-n // ol.ANNEX_FIGURES)
    assert all(len(t.rows[0]) <= 1 + ol.ANNEX_FIGURES for t in tables)


def test_an_annex_attached_before_the_areas_were_kept_still_prints(service, county):
    rid, result, _ = county
    data = annex_table(result)
    for key in ("areas", "labels", "units"):
        del data[key]
    service.store.set_value(rid, ol.ANNEX_ADDRESS, json.dumps(data, ensure_ascii=False))
    tables = [b for b in annex_of(service.outline(service.load(rid))) if b.rows]
    assert tables[0].text == result.title and all(t.text == f"{result.title}（续表）" for t in tables[1:])
    assert [h for t in tables for h in t.rows[0][1:]] == data["header"][1:]
    assert all([r[0] for r in t.rows] == ["单位", *TOWNS, "合计"] for t in tables)


def test_attaching_again_replaces_and_removing_takes_it_away(service, county, tmp_path):
    rid, result, _ = county
    service.attach_rollup(rid, result)
    other = service.rollup_packages(sorted((tmp_path / "in").glob("*.json"))[:2], expected=[])
    open_copy = service.load(rid)  # as an editor holds it
    service.attach_rollup(rid, other, open_copy)
    for report in (service.load(rid), open_copy):
        tables = [b for b in annex_of(service.outline(report)) if b.kind == ol.TABLE and b.rows]
        units = [r[0] for r in tables[0].rows[1:]]  # under the figures' names, the units' row
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
