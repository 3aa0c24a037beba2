"""The start page: list with status pills, search as you type, recycle bin, copy as next period."""

from __future__ import annotations

import datetime as _dt

import pytest

from tests.models.helpers import filled_report
from ui import start_page
from ui.qt import Qt
from ui.recycle_dialog import RecycleDialog
from ui.start_page import COLUMNS, STATUS, TITLE, StartPage, friendly_time


@pytest.fixture
def two_reports(service):
    """A finished report (theory and news) and a fresh, empty one."""
    done = service.store.insert_report(filled_report(service, "half_year", "2024H1"))
    fresh = service.create_report("speech", unit="示例县委宣传部", period="2024H2",
                                  extra={"meeting": "全县宣传思想文化工作会议", "speaker": "王明同志"})
    return done, fresh


def make_page(qtbot, service) -> StartPage:
    page = StartPage(service)
    qtbot.addWidget(page)
    page.show()
    return page


def cell(page: StartPage, rid: int, column: int) -> str:
    for row in range(page.model.rowCount()):
        if page.model.index(row, 0).data(start_page.ID_ROLE) == rid:
            return page.model.index(row, column).data()
    raise AssertionError(f"report {rid} not in the list")


def test_list_shows_reports_with_status_pill_text(qtbot, service, two_reports):
    done, fresh = two_reports
    page = make_page(qtbot, service)

    assert page.views.currentWidget() is page.table
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == list(COLUMNS)
    assert cell(page, done, TITLE) == "示例镇2024年上半年宣传工作总结"
    assert cell(page, done, STATUS) == "可导出"
    problems = service.summaries(ids=[fresh])[0].problems
    assert problems > 0
    assert cell(page, fresh, STATUS) == f"有{problems}处待补"
    assert cell(page, fresh, start_page.PERIOD) == "2024年下半年"
    assert page.footer.text().startswith("共 2 份")


def test_first_start_shows_what_to_do(qtbot, service):
    page = make_page(qtbot, service)
    assert page.views.currentIndex() == 1  # the empty state, not an empty table
    assert page.first_button.text() == "新建第一份总结"
    assert page.search.isHidden() and page.delete_button.isHidden()  # nothing to search or delete yet
    with qtbot.waitSignal(page.new_requested, timeout=1000):
        page.first_button.click()
    assert not page.open_button.isEnabled()


def test_sample_import_from_empty_state(qtbot, service):
    if not start_page.sample_files():
        pytest.skip("no sample reports in resources/samples")
    page = make_page(qtbot, service)
    ids = page.import_samples()
    assert len(ids) == len(start_page.sample_files())
    assert page.views.currentWidget() is page.table
    assert page.selected_id() == ids[0]
    assert "示例" in page.banner.text()


def type_text(page: StartPage, text: str) -> None:
    """One character at a time, as typing does (QTest cannot send Chinese key events)."""
    for ch in text:
        page.search.insert(ch)


def test_search_filters_as_you_type(qtbot, service, two_reports):
    page = make_page(qtbot, service)

    type_text(page, "讲话")  # 2 characters: the LIKE fallback
    qtbot.waitUntil(lambda: page.visible_titles() == ["在全县宣传思想文化工作会议上的讲话"], timeout=2000)

    page.search.clear()
    type_text(page, "示例镇2024")  # 3+ characters: full-text search (trigram)
    qtbot.waitUntil(lambda: page.visible_titles() == ["示例镇2024年上半年宣传工作总结"], timeout=2000)

    page.search.setText("没有这段文字")
    qtbot.waitUntil(lambda: page.views.currentWidget() is page.no_results, timeout=2000)
    assert "没有这段文字" in page.no_results.text()

    page.search.clear()
    qtbot.waitUntil(lambda: len(page.visible_titles()) == 2, timeout=2000)


def test_enter_opens_the_selected_report(qtbot, service, two_reports):
    page = make_page(qtbot, service)
    page.select(two_reports[0])
    page.table.setCurrentIndex(page.table.selectionModel().selectedRows()[0])
    with qtbot.waitSignal(page.open_requested, timeout=1000) as signal:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert signal.args == [two_reports[0]]


def test_delete_goes_to_recycle_bin_and_can_be_restored(qtbot, service, two_reports, message_log):
    done, fresh = two_reports
    page = make_page(qtbot, service)
    page.select(done)

    message_log.answer = False
    assert not page.delete_selected()  # cancelled: nothing happens
    assert len(page.visible_titles()) == 2

    message_log.answer = True
    assert page.delete_selected()
    assert "可以随时恢复" in message_log.calls[-1][2]
    assert [s.id for s in service.summaries()] == [fresh]
    assert page.recycle_button.text() == "回收站（1）"

    bin_ = RecycleDialog(service)
    qtbot.addWidget(bin_)
    assert bin_.ids() == [done]
    bin_.select(done)
    assert bin_.restore_selected()
    assert bin_.ids() == []
    assert bin_.restored == [done]

    page.refresh()
    assert {s.id for s in service.summaries()} == {done, fresh}
    assert page.recycle_button.text() == "回收站"


def test_permanent_delete_asks_first(qtbot, service, two_reports, message_log):
    done, _fresh = two_reports
    service.delete(done)
    bin_ = RecycleDialog(service)
    qtbot.addWidget(bin_)
    bin_.select(done)

    message_log.answer = False
    assert not bin_.purge_selected()
    assert message_log.kinds() == ["confirm"]
    assert "无法恢复" in message_log.calls[0][2]
    assert bin_.ids() == [done]

    message_log.answer = True
    assert bin_.purge_selected()
    assert bin_.ids() == []
    assert service.summaries(deleted=True) == []
    with pytest.raises(KeyError):
        service.load(done)


def test_copy_as_next_period(qtbot, service, two_reports):
    done, _fresh = two_reports
    page = make_page(qtbot, service)
    page.select(done)

    new_id = page.copy_selected()

    assert new_id not in (None, done)
    new = service.load(new_id)
    assert new.get("front.period") == "2024H2"
    assert new.get("front.unit") == "示例镇"
    assert page.selected_id() == new_id
    assert "2024年下半年" in page.banner.text()
    assert len(page.visible_titles()) == 3


def test_friendly_time():
    now = _dt.datetime(2024, 7, 5, 16, 0)
    assert friendly_time("2024-07-05T14:32:05", now) == "今天 14:32"
    assert friendly_time("2024-07-04T09:10:00", now) == "昨天 09:10"
    assert friendly_time("2024-06-30T09:10:00", now) == "2024-06-30"
    assert friendly_time("", now) == ""
