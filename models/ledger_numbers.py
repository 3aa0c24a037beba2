"""Figures as the 台账, 同比 and the county roll-up need them: a cell or a figure field read as an
amount in the figure's own unit ("3600余", "3.6万", "约200", "12场次"), and a total written back the
way a summary prints it (3642 as "3600余").

The reading itself is models/figures.py's ``parse_figure`` — the one parser of figures as officers
write them, so a value the figure field accepts is the value 同比 and the roll-up count. This module
adds only what a spreadsheet cell brings: a leading 共 / 累计 / 达, a trailing unit, and figures whose
unit already counts in 万.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from models.figures import parse_figure

# words a 台账 cell puts before a count ("共12场", "累计3600人次"); they say nothing about precision
_LEADING = ("累计", "共", "达")


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
    for word in _LEADING:
        if raw.startswith(word) and not raw.startswith(word + word):
            raw = raw.removeprefix(word)
            break
    if not raw:
        return None
    # "12场次" with unit 场次 is fine; "12场次" against unit 人次, or "12个村", is not this figure's count
    tails = [""] + [u for u in dict.fromkeys((unit, unit.removeprefix("万"), unit[:1])) if u]
    for tail in tails:
        if tail and not raw.endswith(tail):
            continue
        figure = parse_figure(raw[: len(raw) - len(tail)])
        if figure is None or (figure.scale == "%" and "%" not in unit):
            continue
        in_wan = unit.startswith("万") and figure.scale in ("", "万")  # the value is already in 万
        return Amount(figure.number if in_wan else figure.value, bool(figure.qualifier))
    return None


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
