"""Figures as officers write them: read "3600余", "3.6万", "约200", write 3642 as "3600余".

A small private parser for the 台账, 同比 and the county roll-up. When a shared figures parser
(models/figures.py) lands, these two functions can delegate to it; their contract stays:
``parse_amount`` gives the number in the figure's own unit and whether it was approximate,
``officer_number`` writes a total the way a summary prints it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# 约200、200余、200多、近200、超过200、200左右、3.6万、3.6万余、1,200
_AMOUNT = re.compile(
    r"^(?P<pre>约|近|超过|超|逾|达|共|累计)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<wan>万|亿)?"
    r"(?P<post>余|多|左右|以上)?"
)


@dataclass(frozen=True)
class Amount:
    value: float
    approx: bool = False  # written with 余 / 约 / 多 …: the exact number is not known


def parse_amount(text: object, unit: str = "") -> Amount | None:
    """The number in ``text`` in the figure's unit, or None when it is not a number.

    ``unit`` is the figure's unit (场次, 万人次): a trailing unit is accepted ("12场次"), and 万 in the
    text is multiplied out unless the unit itself counts in 万 ("3.6万" of 人次 is 36000; of 万次, 3.6).
    Negative values are refused (a count cannot be below zero).
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return Amount(float(text)) if text >= 0 and math.isfinite(text) else None
    raw = unicodedata.normalize("NFKC", str(text or "")).strip().replace(" ", "")
    if not raw:
        return None
    m = _AMOUNT.match(raw)
    if not m:
        return None
    rest = raw[m.end():]
    # "12场次" with unit 场次 is fine; "12场次" against unit 人次, or "12个村", is not this figure's count
    if rest not in {"", unit, unit.removeprefix("万"), unit[:1]}:
        return None
    value = float(m.group("num").replace(",", ""))
    scale = {"万": 10_000, "亿": 100_000_000}.get(m.group("wan") or "", 1)
    if unit.startswith("万") and m.group("wan") == "万":
        scale = 1
    elif unit.startswith("万") and not m.group("wan"):
        scale = 1  # the value is already in 万
    approx = bool(m.group("post") in ("余", "多", "左右", "以上") or m.group("pre") in ("约", "近", "超过", "超", "逾"))
    return Amount(value * scale, approx)


def plain_number(value: float) -> str:
    """12.0 -> "12", 5.70 -> "5.7", 0.125 -> "0.13": what goes into a figure field (no 余, no 万)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def officer_number(value: float, unit: str = "", approx: bool = False) -> str:
    """A total the way a summary prints it.

    Below 1,000 the exact number (12, 356); from 1,000 the hundreds with 余 for the rest
    (3642 -> 3600余, 3600 -> 3600); from 10,000 in 万 with one decimal (36420 -> 3.6万余,
    20000 -> 2万). A unit already counted in 万 (万次, 万人次) keeps its decimals (5.73). Rounding is
    always down, so 余 never overstates. ``approx`` adds 余 to a number that was itself approximate.
    """
    if unit.startswith("万"):
        return plain_number(round(value, 2)) + ("余" if approx else "")
    if not float(value).is_integer() and value < 1000:
        return plain_number(round(value, 2)) + ("余" if approx else "")
    n = int(value)
    if n < 1000:
        return f"{n}{'余' if approx else ''}"
    if n < 10_000:
        floor = n // 100 * 100
        return f"{floor}{'余' if floor != n or approx else ''}"
    tenths = n // 1000  # 万 with one decimal, rounded down
    text = plain_number(tenths / 10) + "万"
    return text + ("余" if tenths * 1000 != n or approx else "")
