"""新建总结: the form follows the genre, remembers the officer, validates inline, creates through the service."""

from __future__ import annotations

import datetime as _dt

from models import periods
from ui.new_dialog import NewReportDialog
from ui.qt import QDate, QDialog


def make_dialog(qtbot, service) -> NewReportDialog:
    dialog = NewReportDialog(service)
    qtbot.addWidget(dialog)
    return dialog


def test_create_half_year_report_from_dialog(qtbot, service):
    dialog = make_dialog(qtbot, service)
    dialog.set_genre("half_year")
    dialog.fields["unit"].setText("示例镇")
    dialog.fields["author"].setText("李明")
    dialog.set_period(2024, "H1")
    dialog.date_edit.setDate(QDate(2024, 7, 5))
    dialog.set_areas(["theory", "news"])
    assert "示例镇2024年上半年宣传工作总结" in dialog.preview.text()

    dialog.accept()

    assert dialog.result() == QDialog.DialogCode.Accepted
    report = service.load(dialog.report_id)
    assert report.genre_id == "half_year"
    assert report.get("front.unit") == "示例镇"
    assert report.get("front.period") == "2024H1"
    assert report.get("front.author") == "李明"
    assert report.get("front.date") == "2024-07-05"
    assert [item.area for item in report.items["results"]] == ["theory", "news"]


def test_unit_author_and_areas_are_remembered(qtbot, service):
    first = make_dialog(qtbot, service)
    first.set_genre("media_centre")
    first.fields["unit"].setText("示例县融媒体中心")
    first.fields["author"].setText("张丽")
    first.set_areas(["new_media", "news"])
    first.accept()
    assert first.report_id is not None

    second = make_dialog(qtbot, service)
    assert second.genre.id == "media_centre"
    assert second.fields["unit"].text() == "示例县融媒体中心"
    assert second.fields["author"].text() == "张丽"
    assert set(second.checked_areas()) == {"new_media", "news"}


def test_missing_unit_and_areas_are_reported_inline_not_created(qtbot, service):
    dialog = make_dialog(qtbot, service)
    dialog.set_genre("half_year")
    dialog.fields["unit"].setText("   ")
    dialog.set_areas([])

    dialog.accept()

    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.report_id is None
    assert not dialog.error_label.isHidden()
    assert "请填写单位名称" in dialog.error_label.text()
    assert "请至少勾选一个工作板块" in dialog.error_label.text()
    assert service.summaries() == []


def test_speech_asks_for_meeting_and_speaker_and_has_no_areas(qtbot, service):
    dialog = make_dialog(qtbot, service)
    dialog.fields["unit"].setText("示例县委宣传部")  # typed before switching genre: carried over
    dialog.set_genre("speech")
    assert {"unit", "meeting", "speaker", "author"} <= set(dialog.fields)
    assert dialog.areas_box.isHidden()
    assert dialog.fields["unit"].text() == "示例县委宣传部"

    dialog.accept()  # meeting and speaker are required
    assert dialog.report_id is None
    assert "请填写会议名称" in dialog.error_label.text()
    assert "请填写讲话人" in dialog.error_label.text()

    dialog.fields["meeting"].setText("全县宣传思想文化工作会议")
    dialog.fields["speaker"].setText("王明同志")
    dialog.set_period(2024, "")
    dialog.accept()

    report = service.load(dialog.report_id)
    assert report.get("front.meeting") == "全县宣传思想文化工作会议"
    assert report.get("front.speaker") == "王明同志"
    assert report.get("front.period") == "2024"
    assert service.title(report) == "在全县宣传思想文化工作会议上的讲话"
    assert service.setting("last_speaker") == "王明同志"


def test_period_choices_follow_the_genre(qtbot, service, library):
    """Every period the genre can title is offered (Genre.period_choices), the ones it is for first,
    and the first pick is one of those."""
    dialog = make_dialog(qtbot, service)
    for genre_id in ("annual_plan", "half_year"):
        genre = library.get(genre_id)
        dialog.set_genre(genre_id)
        offered = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
        assert offered == periods.period_kinds(genre.period_choices)
        assert offered[:len(periods.period_kinds(genre.periods))] == periods.period_kinds(genre.periods)
        assert dialog.kind_combo.currentData() in genre.periods
    dialog.set_genre("annual_plan")
    assert dialog.kind_combo.itemText(0) == "全年" and dialog.kind_combo.currentText() == "全年"


def test_period_row_shows_what_the_model_says(qtbot, service, library):
    """The kinds, their labels and the period picked first all come from models/periods.py."""
    import dataclasses

    quarterly = dataclasses.replace(library.get("half_year"), periods=("", "Q"))
    dialog = make_dialog(qtbot, service)
    row = dialog._period_row(quarterly, None)
    qtbot.addWidget(row)
    kinds = periods.period_kinds(quarterly.period_choices)
    assert [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())] == kinds
    assert [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())][:5] == [
        "全年", "第一季度", "第二季度", "第三季度", "第四季度"]
    declared = periods.period_kinds(quarterly.periods)
    assert dialog.period_code() == periods.period_code(*periods.default_period(_dt.date.today(), declared))
    assert (dialog.year_spin.minimum(), dialog.year_spin.maximum()) == (periods.FIRST_YEAR, periods.LAST_YEAR)
    dialog.set_period(2023, "Q4")
    assert dialog.period_code() == "2023Q4"
    dialog.set_period(2023, "")
    assert dialog.period_code() == "2023"
