"""The 工作台账: a running log of what the unit did, one entry per activity, and its totals.

An entry is a date, a work area of the catalog (models/catalog.py), one line of what was done and
its figures, keyed by the catalog's figure keys and counted in the catalog's units (场次, 人次,
篇 …). A summary's figures for a period are the totals of its entries. Entries belong to the
unit, not to a report: they are stored beside the reports (models/ledger_store.py) and copied by
every backup, and deleting one moves it to the 台账's own recycle bin.

This module is the plain data and arithmetic: periods as date ranges, totals, and the draft
sentence a work area gets in the summary ("上半年共开展宣讲12场次，受众3600余人次。").
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models import periods
from models.ledger_numbers import officer_number, plain_number

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.catalog import Area
    from models.report import FigureDef

MAX_TEXT = 500  # one line of what was done; a pasted page is cut with a message, not stored
MAX_VALUE = 10**10

# Figures that count how many there are (a team, followers, registered volunteers), not how often
# something happened: their total over a period is the latest value, not the sum. The catalog has
# no field for it yet, so the label says it.
_STOCK_WORDS = ("总数", "队伍", "注册", "用户")


class LedgerError(ValueError):
    """An entry that cannot be stored as it is; the message is Chinese and says what to change."""


@dataclass
class Entry:
    date: str  # ISO 2024-03-05
    area: str  # catalog area id
    text: str = ""
    figures: dict[str, float] = field(default_factory=dict)  # figure key -> value in the catalog's unit
    id: int | None = None
    created: str = ""
    updated: str = ""
    deleted: str | None = None


@dataclass(frozen=True)
class AreaTotal:
    area: str
    entries: int
    values: dict[str, float]  # figure key -> total (sum, or the latest value of a stock figure)


def is_stock(fig: FigureDef) -> bool:
    return any(word in fig.label for word in _STOCK_WORDS)


# ------------------------------------------------------------------ periods as dates


def period_range(code: str) -> tuple[str, str]:
    """First and last day (ISO) of a period code: 2024H1 -> 2024-01-01 … 2024-06-30."""
    year, kind = periods.parse_period(code)
    if kind == "H1":
        months = (1, 6)
    elif kind == "H2":
        months = (7, 12)
    elif kind.startswith("Q"):
        q = int(kind[1])
        months = (3 * q - 2, 3 * q)
    else:
        months = (1, 12)
    start = _dt.date(year, months[0], 1)
    end = _dt.date(year + (months[1] == 12), months[1] % 12 + 1, 1) - _dt.timedelta(days=1)
    return start.isoformat(), end.isoformat()


def year_before(code: str) -> str:
    """The same period a year earlier (同比): 2024H1 -> 2023H1, 2024 -> 2023."""
    year, kind = periods.parse_period(code)
    return f"{year - 1}{kind}"


def period_before(code: str) -> str:
    """The period just before (环比): 2024H2 -> 2024H1, 2024H1 -> 2023H2, 2024Q1 -> 2023Q4, 2024 -> 2023."""
    return periods.shift_period(code, -1)


def period_word(code: str) -> str:
    """How a sentence names the period: 上半年, 下半年, 一季度, 今年 (a year's summary says 今年/全年)."""
    _year, kind = periods.parse_period(code)
    if kind == "H1":
        return "上半年"
    if kind == "H2":
        return "下半年"
    if kind.startswith("Q"):
        return "一二三四"[int(kind[1]) - 1] + "季度"
    return "全年"


def periods_of(dates: Iterable[str]) -> list[str]:
    """The half-years and years the dates fall in, newest first (for a period filter)."""
    years = sorted({d[:4] for d in dates if len(d) >= 4 and d[:4].isdigit()}, reverse=True)
    out = []
    for y in years:
        out.extend([f"{y}H2", f"{y}H1", y])
    return out


# ------------------------------------------------------------------ checking an entry


def normalize(entry: Entry, area: Area) -> Entry:
    """The entry as it will be stored: date in ISO, text on one line, only the area's figures.

    Raises LedgerError (Chinese) for what cannot be stored: no date, a figure of another area,
    a negative or absurd number.
    """
    from models.text import clean_text

    try:
        date = periods.parse_date(entry.date).isoformat()
    except periods.PeriodError as exc:
        raise LedgerError(str(exc)) from exc
    text = " ".join(clean_text(entry.text).split())
    if len(text) > MAX_TEXT:
        raise LedgerError(f"“做了什么”只写一行，最多 {MAX_TEXT} 字（现在 {len(text)} 字）。详细情况请写在总结里。")
    known = {f.key: f for f in area.figures}
    figures: dict[str, float] = {}
    for key, value in entry.figures.items():
        fig = known.get(key)
        if fig is None:
            raise LedgerError(f"“{area.name}”没有数据项“{key}”。")
        if value is None or value == "":
            continue
        number = float(value)
        if number < 0:
            raise LedgerError(f"{fig.label}不能是负数。")
        if number >= MAX_VALUE:
            raise LedgerError(f"{fig.label}的数值过大，请核对单位（{fig.unit}）。")
        figures[key] = number
    if not text and not figures:
        raise LedgerError("请写明做了什么，或至少填一项数据。")
    return Entry(date=date, area=area.id, text=text, figures=figures, id=entry.id, created=entry.created,
                 updated=entry.updated, deleted=entry.deleted)


# ------------------------------------------------------------------ totals and the draft sentence


def totals(entries: Iterable[Entry], catalog: Iterable[Area]) -> dict[str, AreaTotal]:
    """Per area: the number of entries and each figure's total (stock figures: the latest value)."""
    stock = {(a.id, f.key) for a in catalog for f in a.figures if is_stock(f)}
    sums: dict[str, dict[str, float]] = {}
    latest: dict[tuple[str, str], str] = {}
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.area] = counts.get(e.area, 0) + 1
        values = sums.setdefault(e.area, {})
        for key, value in e.figures.items():
            if (e.area, key) in stock:
                if e.date >= latest.get((e.area, key), ""):
                    latest[(e.area, key)] = e.date
                    values[key] = value
            else:
                values[key] = values.get(key, 0.0) + value
    return {a: AreaTotal(a, counts[a], sums.get(a, {})) for a in counts}


def figure_phrase(fig: FigureDef, value: float) -> str:
    """开展宣讲12场次 / 受众3600余人次: the label, the number the officer's way, the unit."""
    return f"{fig.label}{officer_number(value, fig.unit)}{fig.unit}"


def draft_sentence(area: Area, total: AreaTotal | None, period: str) -> str:
    """The editable first sentence for a work area, from the period's totals, or "" without any.

    The wording comes from the catalog's labels and units: "上半年共开展宣讲12场次，受众3600余人次。"
    Figures with nothing recorded are left out; a count of a team (stock) is not preceded by 共.
    """
    if total is None:
        return ""
    flows, stocks = [], []
    for fig in area.figures:
        value = total.values.get(fig.key)
        if not value:
            continue
        (stocks if is_stock(fig) else flows).append(figure_phrase(fig, value))
    if not flows and not stocks:
        return ""
    lead = f"{period_word(period)}"
    parts = []
    if flows:
        parts.append(f"{lead}共{flows[0]}")
        parts.extend(flows[1:])
        parts.extend(stocks)
    else:
        parts.append(f"{lead}{stocks[0]}")
        parts.extend(stocks[1:])
    return "，".join(parts) + "。"


def figure_values(area: Area, total: AreaTotal | None) -> dict[str, str]:
    """Figure key -> the plain number a report's figure field takes ("3642", "5.7"), for the recorded ones."""
    if total is None:
        return {}
    return {f.key: plain_number(total.values[f.key]) for f in area.figures if total.values.get(f.key)}
