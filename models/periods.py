"""Report periods and dates, stored as short codes and shown the Chinese way.

Codes: ``2024H1`` 上半年, ``2024H2`` 下半年, ``2024`` 全年, ``2024Q3`` 第三季度.
Dates are stored ISO (2024-07-05) and printed 2024年7月5日 (no leading zeros).
新建总结 offers a genre's kinds of period and picks first the one most likely meant today.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable

_PERIOD = re.compile(r"^(\d{4})(H[12]|Q[1-4])?$")
_QUARTERS = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度"}
KINDS = {"H1": "上半年", "H2": "下半年", "": "全年", **_QUARTERS}
FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a period may name


class PeriodError(ValueError):
    """A period or date the officer typed cannot be understood (message is Chinese)."""


def parse_period(code: str) -> tuple[int, str]:
    m = _PERIOD.match((code or "").strip().upper())
    if not m or not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
        raise PeriodError(
            f"期间“{code}”无法识别，请写作 2024H1（上半年）、2024H2（下半年）、2024（全年）或 2024Q3（季度）"
        )
    return int(m.group(1)), m.group(2) or ""


def period_code(year: int, kind: str) -> str:
    """(2024, "H1") -> 2024H1; (2024, "") -> 2024."""
    return f"{year}{kind}"


def period_kinds(genre_periods: Iterable[str]) -> list[str]:
    """A genre's period codes (H1, H2, "" for the year, Q) as kinds, Q expanded to the four quarters."""
    out: list[str] = []
    for code in genre_periods:
        out.extend(_QUARTERS if code == "Q" else (code,))
    return out


def default_period(today: _dt.date, kinds: list[str]) -> tuple[int, str]:
    """The period someone writing today most likely means: summaries are written as it ends."""
    y, m = today.year, today.month
    half = (y, "H1") if 5 <= m <= 10 else (y, "H2") if m >= 11 else (y - 1, "H2")
    other_half = (half[0], "H2" if half[1] == "H1" else "H1")
    year = (y, "") if m >= 11 else (y - 1, "")
    q = (m - 1) // 3 + 1 - (1 if m % 3 else 0)  # early in a quarter: the one just ended
    quarter = (y, f"Q{q}") if q >= 1 else (y - 1, "Q4")
    for candidate in (half, other_half, year, quarter):
        if candidate[1] in kinds:
            return candidate
    return y, kinds[0] if kinds else ""


def period_label(code: str) -> str:
    """2024H1 -> 2024年上半年; 2024 -> 2024年 (the title adds 度 where the genre wants it)."""
    year, kind = parse_period(code)
    if not kind:
        return f"{year}年"
    return f"{year}年{KINDS[kind]}"


def period_label_or(code: str, fallback: str | None = None) -> str:
    """The label of a period, or ``fallback`` (the code as typed, by default) where it is not one."""
    try:
        return period_label(code)
    except PeriodError:
        return code if fallback is None else fallback


def period_year(code: str) -> int:
    return parse_period(code)[0]


def shift_period(code: str, steps: int) -> str:
    """The period ``steps`` periods of the same kind later (earlier when negative): 2024H2, 1 -> 2025H1."""
    year, kind = parse_period(code)
    if not kind:
        return str(year + steps)
    per_year = 2 if kind.startswith("H") else 4
    index = year * per_year + int(kind[1]) - 1 + steps
    return f"{index // per_year}{kind[0]}{index % per_year + 1}"


def next_period(code: str) -> str:
    """The period that follows: used by 复制为新一期."""
    return shift_period(code, 1)


def parse_date(value: str) -> _dt.date:
    text = (value or "").strip()
    m = re.match(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$", text)
    if not m:
        raise PeriodError(f"日期“{value}”无法识别，请写作 2024-07-05 或 2024年7月5日")
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise PeriodError(f"日期“{value}”不存在，请检查年月日") from exc


def date_label(value: str) -> str:
    """2024-07-05 -> 2024年7月5日 (Arabic numerals, no leading zeros)."""
    d = parse_date(value)
    return f"{d.year}年{d.month}月{d.day}日"
