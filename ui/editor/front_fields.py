"""Pickers for the front matter: 总结期间 (a list of periods) and 落款日期 (a calendar).

Same protocol as the fields in fields.py: address, value(), set_value(), focus_field(),
select_span() and the signals changed / left.
"""

from __future__ import annotations

import datetime as _dt

from models.api import periods
from ui.qt import QComboBox, QDate, QDateEdit, QFocusEvent, Qt, QWidget, Signal


def _period_choices(kinds: tuple[str, ...], today: _dt.date) -> list[tuple[str, str]]:
    codes = []
    for year in range(today.year + 1, today.year - 4, -1):
        for kind in kinds:
            if kind == "Q":
                codes += [f"{year}Q{q}" for q in (4, 3, 2, 1)]
            else:
                codes.append(f"{year}{kind}")
    return [(periods.period_label(c) + ("（全年）" if c.isdigit() else ""), c) for c in codes]


class _PickerMixin:
    """What the form expects of every field, for fields picked rather than typed (no text to select)."""

    def focus_field(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_span(self, start: int, end: int) -> None:
        pass  # a picked period or date has no blank to select

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit(self.address)


class PeriodField(_PickerMixin, QComboBox):
    """总结期间 as a pick list (2024年上半年 …) of the periods the genre allows."""

    changed = Signal(str)
    left = Signal(str)

    def __init__(self, address: str, kinds: tuple[str, ...], value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.addItem("（请选择）", "")
        for label, code in _period_choices(kinds, _dt.date.today()):
            self.addItem(label, code)
        self.set_value(value)
        self.currentIndexChanged.connect(lambda _i: self.changed.emit(self.address))

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: str) -> None:
        code = (value or "").strip().upper()
        index = self.findData(code)
        if index < 0 and code:  # an older period, or text that needs fixing: keep it visible
            try:
                label = periods.period_label(code)
            except periods.PeriodError:
                label = f"{value}（无法识别，请重新选择）"
            self.addItem(label, code)
            index = self.count() - 1
        self.blockSignals(True)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)


class DateField(_PickerMixin, QDateEdit):
    """落款日期 with a calendar; stored as 2024-07-05, shown as 2024年7月5日."""

    changed = Signal(str)
    left = Signal(str)
    EMPTY = QDate(1990, 1, 1)

    def __init__(self, address: str, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy年M月d日")
        self.setMinimumDate(self.EMPTY)
        self.setSpecialValueText("（未填写）")  # shown while the date is the minimum, i.e. empty
        self.set_value(value)
        self.dateChanged.connect(lambda _d: self.changed.emit(self.address))

    def value(self) -> str:
        d = self.date()
        return "" if d == self.EMPTY else f"{d.year():04d}-{d.month():02d}-{d.day():02d}"

    def set_value(self, value: str) -> None:
        try:
            d = periods.parse_date(value)
            qd = QDate(d.year, d.month, d.day)
        except periods.PeriodError:
            qd = self.EMPTY
        self.blockSignals(True)
        self.setDate(qd)
        self.blockSignals(False)
