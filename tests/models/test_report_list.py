"""The reports list a page at a time: ids in every list order, pages that add up to the whole,
search pages (full-text and the LIKE scan), and summaries of just the rows asked for."""

from __future__ import annotations

import pytest

from models.store import LIST_SORTS

UNITS = ["青禾镇", "石桥镇", "东山街道", "河西乡", "北岭镇", "南湖社区", "城关镇"]


@pytest.fixture
def listed(service):
    """Seven reports of different units, periods, genres and completeness, edited in a known order."""
    ids = []
    for n, unit in enumerate(UNITS):
        genre = "speech" if n % 3 == 2 else "half_year"
        rid = service.create_report(genre, unit=unit, period="2024H1" if n % 2 else "2023H2",
                                    extra={"meeting": "全县宣传思想文化工作会议", "speaker": "王明同志"})
        text = "开展理论宣讲活动" if n % 2 == 0 else "组织志愿服务"
        service.set_value(rid, "intro", f"{text}，第{n}次。")
        ids.append(rid)
    with service.store.transaction():  # distinct edit times, oldest first (set_value stamps seconds)
        for n, rid in enumerate(ids):
            service.store.conn.execute("UPDATE reports SET updated = ? WHERE id = ?", (f"2024-07-0{n + 1}T09:00:00", rid))
    service.refresh_index()
    return ids


def test_the_whole_list_in_pages_adds_up_to_the_list(service, listed):
    whole = service.report_ids()
    assert whole == list(reversed(listed))  # most recently edited first
    pages = [service.report_ids(limit=3, offset=n) for n in (0, 3, 6)]
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [rid for p in pages for rid in p] == whole
    assert service.report_ids(limit=3, offset=3) == whole[3:6]
    assert service.report_ids(offset=5) == whole[5:]  # the rest after a first page


@pytest.mark.parametrize("query", ["宣讲", "理论宣讲", "宣讲 第", "志愿服务"])
def test_search_pages_are_the_search_results(service, listed, query):
    every = [s.id for s in service.search(query)]
    assert every  # each query finds something
    assert service.report_ids(query) == every
    first = service.report_ids(query, limit=2)
    assert first == every[:2]
    assert first + service.report_ids(query, offset=2) == every
    expected = {rid for n, rid in enumerate(listed) if (n % 2 == 0) == ("志愿" not in query)}
    assert set(every) == expected


def test_each_column_sorts_the_list(service, listed):
    summaries = {s.id: s for s in service.summaries()}
    keys = {
        "title": lambda s: s.title,
        "unit": lambda s: s.unit,
        "progress": lambda s: s.progress,
        "problems": lambda s: s.problems,
        "genre": lambda s: s.genre,
    }
    for sort, key in keys.items():
        for descending in (False, True):
            got = [summaries[i] for i in service.report_ids(sort=sort, descending=descending)]
            values = [key(s) for s in got]
            assert values == sorted(values, reverse=descending), (sort, descending)
    by_period = [service.load(i).get("front.period") for i in service.report_ids(sort="period", descending=False)]
    assert by_period == sorted(by_period)
    # ties keep the most recently edited first, in both directions
    for descending in (False, True):
        got = service.report_ids(sort="period", descending=descending)
        for period in ("2023H2", "2024H1"):
            same = [i for i in got if service.load(i).get("front.period") == period]
            assert same == [i for i in reversed(listed) if i in same]
    assert set(LIST_SORTS) >= set(keys) | {"period", "updated"}
    with pytest.raises(ValueError):
        service.report_ids(sort="nonsense")


def test_pages_in_another_order_and_of_a_search_add_up(service, listed):
    whole = service.report_ids("宣讲", sort="unit")
    assert service.report_ids("宣讲", sort="unit", limit=2) + service.report_ids("宣讲", sort="unit", offset=2) == whole


def test_recycle_bin_is_its_own_list(service, listed):
    service.delete(listed[0])
    assert listed[0] not in service.report_ids()
    assert service.report_ids(deleted=True) == [listed[0]]
    assert service.report_ids("宣讲", deleted=True) == [listed[0]]
    assert service.report_count() == len(listed) - 1
    assert service.report_count(deleted=True) == 1


def test_summaries_of_some_ids_read_only_those(service, listed):
    wanted = [listed[4], listed[1]]
    got = service.summaries(ids=wanted)
    assert [s.id for s in got] == wanted  # in the order asked
    assert [s.unit for s in got] == [UNITS[4], UNITS[1]]
    assert [s.period for s in got] == ["2023年下半年", "2024年上半年"]
    service.delete(listed[4])
    assert [s.id for s in service.summaries(ids=wanted)] == [listed[1]]
    assert [s.id for s in service.summaries(ids=wanted, deleted=True)] == [listed[4]]
    assert service.summaries(ids=[999_999]) == []


def test_an_edited_report_is_reindexed_before_the_first_page(service, listed):
    rid = listed[0]
    service.set_value(rid, "intro", "独一无二的内容")
    assert service.report_ids("独一无二", limit=5) == [rid]
    assert service.report_ids(limit=1) == [rid]  # edited just now: first in the list
