"""The start page's list a page at a time: a search shows its first page, then the rest; summaries
are read only for rows that are shown; sorting asks the service and keeps the selection; a report
asked for by id is found beyond the first page. PAGE is made small so a few reports span pages."""

from __future__ import annotations

import pytest

from ui import start_page
from ui.qt import QModelIndex, Qt
from ui.start_page import PERIOD, TITLE, UNIT, ReportListModel, StartPage

COUNT = 12


@pytest.fixture
def many(service, monkeypatch):
    """COUNT reports whose text mentions 宣讲, of units 单位00…单位11, the newest edited last; PAGE = 5."""
    monkeypatch.setattr(start_page, "PAGE", 5)
    ids = []
    for n in range(COUNT):
        rid = service.create_report("half_year", unit=f"单位{n:02d}", period="2024H1" if n % 2 else "2023H2")
        service.set_value(rid, "intro", f"开展理论宣讲{n + 1}场次。")
        ids.append(rid)
    with service.store.transaction():
        for n, rid in enumerate(ids):
            service.store.conn.execute("UPDATE reports SET updated = ? WHERE id = ?",
                                       (f"2024-07-{n + 1:02d}T09:00:00", rid))
    service.refresh_index()
    return ids


def make_page(qtbot, service) -> StartPage:
    page = StartPage(service)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def test_a_search_shows_its_first_page_then_the_rest(qtbot, service, many):
    page = make_page(qtbot, service)
    assert page.model.rowCount() == COUNT and page.model.complete  # the whole list: every id at once
    assert page.footer.text().startswith(f"共 {COUNT} 份")

    page.search.setText("宣讲")
    page.refresh()
    assert page.model.rowCount() == 5  # the first page, shown before the rest is read
    assert page.model.canFetchMore(QModelIndex())
    assert page.footer.text() == "已找到 5 份，正在查找其余的……"
    assert page.model.ids == list(reversed(many))[:5]

    qtbot.waitUntil(lambda: page.model.complete, timeout=2000)  # read right after the first paint
    assert page.model.ids == list(reversed(many))
    assert not page.model.canFetchMore(QModelIndex())
    assert page.footer.text().startswith(f"找到 {COUNT} 份")
    page.model.fetchMore()  # asking again adds nothing
    assert page.model.rowCount() == COUNT


def test_summaries_are_read_for_the_rows_shown_a_block_at_a_time(service, many):
    model = ReportListModel(service)
    model.load("")
    assert model.rowCount() == COUNT
    assert model.loaded_summaries() == 0  # ids only: nothing shown yet
    assert model.index(7, 0).data(start_page.ID_ROLE) == list(reversed(many))[7]
    assert model.loaded_summaries() == 0  # the id of a row needs no summary
    assert model.index(7, UNIT).data() == "单位04"
    assert model.loaded_summaries() == 5  # rows 5–9: the block of row 7
    assert model.index(11, PERIOD).data() == "2023年下半年"
    assert model.loaded_summaries() == 7  # rows 10–11
    service.delete(many[0])  # deleted after the list was read: its row says so instead of failing
    assert model.index(11, TITLE).data() != "（已删除）"
    fresh = ReportListModel(service)
    fresh.load("")
    assert fresh.rowCount() == COUNT - 1


def test_a_row_deleted_meanwhile_is_shown_as_deleted(service, many):
    model = ReportListModel(service)
    model.load("")
    service.delete(many[0])  # the oldest: the last row, in a block not read yet
    assert model.index(COUNT - 1, TITLE).data() == "（已删除）"


def test_sorting_by_a_column_asks_the_service_and_keeps_the_selection(qtbot, service, many):
    page = make_page(qtbot, service)
    page.select(many[3])
    page.table.sortByColumn(UNIT, Qt.SortOrder.AscendingOrder)
    assert [page.model.index(r, UNIT).data() for r in range(COUNT)] == [f"单位{n:02d}" for n in range(COUNT)]
    assert page.selected_id() == many[3]
    assert page.table.selectionModel().selectedRows()[0].row() == 3

    page.table.sortByColumn(UNIT, Qt.SortOrder.DescendingOrder)
    assert page.model.index(0, UNIT).data() == f"单位{COUNT - 1:02d}"
    assert page.selected_id() == many[3]

    page.search.setText("宣讲")  # a new search keeps the order chosen
    page.refresh()
    assert page.model.index(0, UNIT).data() == f"单位{COUNT - 1:02d}"
    page.table.sortByColumn(UNIT, Qt.SortOrder.AscendingOrder)  # before the rest arrived: all rows, sorted
    assert page.model.complete
    assert [page.model.index(r, UNIT).data() for r in range(COUNT)] == [f"单位{n:02d}" for n in range(COUNT)]


def test_a_report_asked_for_is_found_beyond_the_first_page(qtbot, service, many):
    page = make_page(qtbot, service)
    page.search.setText("宣讲")
    page.refresh(select_id=many[0])  # the oldest: row 11, past the first page
    assert page.model.complete
    assert page.selected_id() == many[0]
    assert page.selected_summary().unit == "单位00"


def test_the_selection_before_a_search_is_kept_when_the_rest_arrives(qtbot, service, many):
    page = make_page(qtbot, service)
    page.select(many[1])  # row 10 of the list
    page.search.setText("宣讲")
    page.refresh()
    assert not page.model.complete
    assert page.selected_id() == many[-1]  # for now the first row
    qtbot.waitUntil(lambda: page.model.complete, timeout=2000)
    assert page.selected_id() == many[1]


def test_the_officers_own_choice_is_not_overridden_by_the_rest(qtbot, service, many):
    page = make_page(qtbot, service)
    page.select(many[1])
    page.search.setText("宣讲")
    page.refresh()
    page.table.selectRow(2)  # chosen before the rest arrived
    chosen = page.selected_id()
    qtbot.waitUntil(lambda: page.model.complete, timeout=2000)
    assert page.selected_id() == chosen


def test_scrolling_to_the_end_fetches_the_rest(qtbot, service, many):
    model = ReportListModel(service)
    model.load("宣讲")
    assert model.rowCount() == 5
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # what a view does at the end of what it has
    assert model.rowCount() == COUNT
    assert len(set(model.ids)) == COUNT
