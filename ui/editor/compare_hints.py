"""同比 in the editor: beside each figure of a work-area item, the same unit's value a year earlier and
the change ("去年同期 20场次 · +18%"), and 写入同比句, which writes "开展宣讲24场次，比去年同期增长20%"
into the item's body at the cursor as one undo step.

The earlier value comes from ``ReportService.comparison`` (the same unit's report of that period,
else the 台账's totals; see models/compare.py for the rounding). It is asked for when the report
opens and again only when a figure, the period, the unit or the items change: the key of those
values is compared at each refresh, and the service keeps the earlier report's figures between calls.
A mixin of EditorWidget like TextFixing; the methods use the editor's report, service, form and stack.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models.api import (
    COMPARE_FROM_LEDGER,
    COMPARE_ROUNDING,
    PeriodError,
    StoreError,
    officer_number,
    periods,
    plain_number,
)
from ui.editor.fields import FigureField
from ui.editor.fixes import FieldEdit

if TYPE_CHECKING:
    from models.api import Comparison, FigureComparison, Item, Report

log = logging.getLogger(__name__)

_ENDS = "。；！？\n"  # before one of these, or at the start, the sentence stands on its own
_JOINS = "，、："  # after one of these it goes on the clause without another comma


def hint_text(found: FigureComparison | None, basis: str) -> str:
    """去年同期 20场次 · +18% / 去年同期（台账）20场次 · 新增 / 去年同期 20场次 (this period not filled in yet);
    "" when nothing earlier is known."""
    if found is None or found.previous is None:
        return ""
    where = f"{basis}（台账）" if found.source == COMPARE_FROM_LEDGER else f"{basis} "
    earlier = f"{where}{plain_number(found.previous)}{found.unit}"
    change = found.change if found.current is not None else ""
    return f"{earlier} · {change}" if change else earlier


def hint_tip(comparison: Comparison, found: FigureComparison) -> str:
    try:
        period = periods.period_label(comparison.period)
    except PeriodError:
        period = comparison.period
    if found.source == COMPARE_FROM_LEDGER:
        source = f"来自工作台账{period}的合计（没有找到本单位那一期的总结）。"
    else:
        title = f"《{comparison.earlier_title}》" if comparison.earlier_title else ""
        source = f"来自本单位{period}的总结{title}。"
    return f"{comparison.basis}的数：{source}\n{COMPARE_ROUNDING}"


def figure_amount(report: Report, item: Item, found: FigureComparison) -> str:
    """The figure as the text gives it: the typed value (3100余人次), or the area's total when several
    items share the work area (the comparison is of the total)."""
    typed = " ".join(report.get(f"item.{item.id}.fig.{found.key}").split())
    alone = sum(1 for i in report.all_items() if i.area == item.area) == 1
    amount = typed if typed and alone else officer_number(found.current, found.unit)
    return amount if not found.unit or amount.endswith(found.unit) else amount + found.unit


def insertion(text: str, pos: int, label: str, amount: str, change: str) -> str:
    """What 写入同比句 puts at ``pos`` of ``text``: "开展宣讲24场次，比去年同期增长20%" made to fit.

    Right after the figure itself ("……开展宣讲24场次|") only "，比去年同期增长20%" is added; after a
    sentence's end (or at the start) the sentence gets its own 。; mid-clause a comma leads it in.
    """
    before, after = text[:pos].rstrip(" "), text[pos:]
    prev, nxt = before[-1:], after[:1]
    if amount and before.endswith(amount):
        return f"，{change}" + ("。" if not nxt or nxt == "\n" else "")
    lead = "" if not prev or prev in _ENDS or prev in _JOINS else "，"
    tail = "。" if not nxt or nxt == "\n" or not prev or prev in _ENDS else ""
    return f"{lead}{label}{amount}，{change}{tail}"


def python_index(text: str, utf16_pos: int) -> int:
    """Qt's cursor position (UTF-16 units) as an index into the Python string."""
    return len(text.encode("utf-16-le")[: 2 * utf16_pos].decode("utf-16-le", errors="ignore"))


class FigureComparing:
    """The figures' 同比 hints and 写入同比句 (a mixin of EditorWidget)."""

    _comparison: Comparison | None = None
    _comparison_key: tuple | None = None

    def _figures_key(self) -> tuple:
        report = self.report
        figures = tuple(sorted((a, v) for a, v in report.values.items() if ".fig." in a))
        items = tuple((i.id, i.area) for i in report.all_items())
        return report.get("front.period"), report.get("front.unit").strip(), items, figures

    def update_comparison(self) -> None:
        """Ask the service again when the figures (or period, unit, items) changed since the last time."""
        key = self._figures_key()
        if key != self._comparison_key:
            self._comparison_key = key
            try:
                self._comparison = self.service.comparison(self.report)
            except StoreError:  # the hints are an aid: while the database is busy they are simply not shown
                log.warning("同比数据读取失败", exc_info=True)
                self._comparison = None
        self.show_comparison_hints()

    def comparison_of(self, address: str) -> tuple[Item, FigureComparison] | None:
        """The item and the earlier value of the figure at ``address`` (item.<id>.fig.<key>), if known."""
        parts = address.split(".")
        if self._comparison is None or len(parts) != 4 or parts[0] != "item" or parts[2] != "fig":
            return None
        item = self.report.find_item(parts[1])
        if item is None or not item.area:
            return None
        found = self._comparison.get(item.area, parts[3])
        return (item, found) if found is not None and found.previous is not None else None

    def compare_sentence(self, address: str) -> str:
        """开展宣讲24场次，比去年同期增长20% for the figure at ``address``; "" when it cannot be written."""
        pair = self.comparison_of(address)
        if pair is None or pair[1].current is None:
            return ""
        item, found = pair
        return f"{found.label}{figure_amount(self.report, item, found)}，{found.sentence(self._comparison.basis)}"

    def show_comparison_hints(self, form=None) -> None:
        """The hints on ``form`` (by default the page shown)."""
        form = form if form is not None else self.form
        fields = form.fields if form is not None else {}
        for field in fields.values():
            if not isinstance(field, FigureField):
                continue
            pair = self.comparison_of(field.address)
            if pair is None:
                field.set_comparison("")
                continue
            found = pair[1]
            field.set_comparison(hint_text(found, self._comparison.basis), hint_tip(self._comparison, found),
                                 self.compare_sentence(field.address))

    def wire_comparison(self, form) -> None:
        """Connect a new page's 写入同比句 buttons, and follow where the officer leaves the body's cursor."""
        self._body_cursor: dict[str, int] = {}
        for field in form.fields.values():
            if isinstance(field, FigureField):
                field.sentence_requested.connect(self.write_compare_sentence)
            elif field.address.endswith(".body") and field.address.startswith("item."):
                field.cursorPositionChanged.connect(
                    lambda f=field: self._body_cursor.__setitem__(f.address, f.textCursor().position()))
        self.show_comparison_hints(form)

    def write_compare_sentence(self, address: str) -> bool:
        """写入同比句: the sentence at the cursor of the item's body (its end when the cursor was never
        put there), as one undo step. False (and why, in the status bar) when there is nothing to write."""
        self.flush()
        self.update_comparison()  # the figure may have been typed a moment ago
        pair = self.comparison_of(address)
        if pair is None or pair[1].current is None:
            self.status.emit("请先填写这项数据，才能写出和去年同期相比的句子。" if pair else
                             "没有找到本单位去年同期的总结或台账，无法对比。")
            return False
        item, found = pair
        body_address = f"item.{item.id}.body"
        before = self.report.get(body_address)
        placed = getattr(self, "_body_cursor", {}).get(body_address)
        pos = len(before) if placed is None else min(len(before), python_index(before, placed))
        piece = insertion(before, pos, found.label, figure_amount(self.report, item, found),
                          found.sentence(self._comparison.basis))
        after = before[:pos] + piece + before[pos:]
        if not self._push(FieldEdit(self, body_address, before, after, f"写入同比句“{piece.strip('，。')}”",
                                    (pos, "", piece))):
            return False
        body = self.form.fields.get(body_address) if self.form is not None else None
        if body is not None:  # the cursor after the words written, so typing goes on from there
            cursor = body.textCursor()
            cursor.setPosition(len(after[: pos + len(piece)].encode("utf-16-le")) // 2)
            body.setTextCursor(cursor)
        self.status.emit(f"已在正文写入：{piece.strip('，。')}。按 Ctrl+Z 可以撤销。")
        return True
