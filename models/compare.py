"""同比 and 环比: a report's figures beside the same unit's figures of the comparable period.

The earlier figures come from the same unit's report of that period, or from the 台账's totals
(models/ledger_service.py finds them). Per figure: the earlier value and the change, written the
way a summary does ("+18%", "-5%", "持平", "新增"); ``change_sentence`` writes the phrase for the
text ("比去年同期增长18%", "比去年同期增长1.5倍"), and ``text_findings`` flags a percentage typed
in the text that the figures do not bear out.

Rounding (``ROUNDING_NOTE``): percentages to whole numbers, below 1% to one decimal; from 100% up
the change is written in 倍 (增长1.5倍 = 2.5 times the earlier value) to one decimal; half up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from models.catalog import area_name
from models.checks import WARNING, Finding
from models.ledger_numbers import officer_number, parse_amount, plain_number

if TYPE_CHECKING:
    from models.genres import Genre
    from models.report import FigureDef, Item, Report

YEAR, PREVIOUS = "year", "previous"  # 同比, 环比
ROUNDING_NOTE = ("百分比四舍五入取整数，不足1%的保留一位小数；增长一倍及以上写作“增长X倍”（X = 增长量 ÷ 去年同期，"
                 "保留一位小数），如250比100写作“增长1.5倍”。")
FROM_REPORT, FROM_LEDGER = "总结", "台账"


def basis_word(kind: str, target_period: str = "") -> str:
    """What the earlier period is called in a sentence: 去年同期 (同比); 上半年 / 去年下半年 / 上季度 / 上年 (环比)."""
    if kind == YEAR:
        return "去年同期"
    code = (target_period or "").upper()
    if code.endswith("H1"):
        return "上半年"
    if code.endswith("H2"):
        return "去年下半年"
    if "Q" in code:
        return "上季度"
    return "上年"


# ------------------------------------------------------------------ the arithmetic


def percent_change(current: float, previous: float) -> float | None:
    """(current − previous) / previous × 100, None when there is no earlier value to divide by."""
    if previous == 0:
        return None
    return (current - previous) / previous * 100


def _half_up(value: float, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def _decimal_text(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _magnitude(pct: float) -> tuple[str, str]:
    """(number, kind) for a non-zero change: ("18", "%"), ("0.4", "%"), ("1.5", "倍"), ("", "") if it rounds to 0.

    Only a rise is written in 倍; a fall is at most 100% (下降100%: nothing this time).
    """
    size = abs(pct)
    if pct >= 100:
        return _decimal_text(_half_up(size / 100, 1)), "倍"
    if size < 1:
        d = _half_up(size, 1)
        return ("", "") if d == 0 else (_decimal_text(d), "%")
    return _decimal_text(_half_up(size, 0)), "%"


def change_text(current: float | None, previous: float | None) -> str:
    """The short form for a table column: +18%, -5%, +0.4%, +150%, 持平, 新增, or "" when unknown."""
    if current is None or previous is None:
        return ""
    if previous == 0:
        return "新增" if current > 0 else "持平"
    pct = percent_change(current, previous)
    assert pct is not None
    if current == previous:
        return "持平"
    size = abs(pct)
    if size < 1:
        d = _half_up(size, 1)
        if d == 0:
            return "持平"
        number = _decimal_text(d)
    else:
        number = _decimal_text(_half_up(size, 0))
    return f"{'+' if pct > 0 else '-'}{number}%"


def change_phrase(current: float, previous: float) -> str:
    """增长18% / 下降5% / 增长1.5倍 / 持平 / 基本持平 (no basis word); "" when previous is 0."""
    if previous == 0:
        return ""
    if current == previous:
        return "持平"
    pct = percent_change(current, previous)
    assert pct is not None
    number, kind = _magnitude(pct)
    if not number:
        return "基本持平"
    return f"{'增长' if pct > 0 else '下降'}{number}{kind}"


def change_sentence(current: float | None, previous: float | None, basis: str = "去年同期", unit: str = "") -> str:
    """比去年同期增长18% / 比去年同期下降5% / 比去年同期增长1.5倍 / 与去年同期持平 / 比去年同期新增12场次.

    "" when the earlier value is unknown. See ROUNDING_NOTE for the rounding.
    """
    if current is None or previous is None:
        return ""
    if previous == 0:
        return f"比{basis}新增{officer_number(current, unit)}{unit}" if current > 0 else f"与{basis}持平"
    phrase = change_phrase(current, previous)
    if phrase in ("持平", "基本持平"):
        return f"与{basis}{phrase}"
    return f"比{basis}{phrase}"


# ------------------------------------------------------------------ a report against the earlier period


@dataclass(frozen=True)
class FigureComparison:
    area: str
    key: str
    label: str
    unit: str
    current: float | None
    previous: float | None
    source: str = ""  # FROM_REPORT / FROM_LEDGER / "" (no earlier value)

    @property
    def change(self) -> str:
        return change_text(self.current, self.previous)

    @property
    def percent(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return percent_change(self.current, self.previous)

    def sentence(self, basis: str = "去年同期") -> str:
        return change_sentence(self.current, self.previous, basis, self.unit)


@dataclass
class Comparison:
    kind: str
    period: str  # the earlier period's code ("" when the report has none)
    basis: str  # 去年同期 / 上半年 …
    figures: dict[tuple[str, str], FigureComparison] = field(default_factory=dict)  # (area, key) -> …
    earlier_title: str = ""  # the earlier report used, if any

    def get(self, area: str, key: str) -> FigureComparison | None:
        return self.figures.get((area, key))

    @property
    def has_previous(self) -> bool:
        return any(f.previous is not None for f in self.figures.values())


def report_values(report: Report) -> dict[tuple[str, str], float]:
    """(area, figure key) -> the report's value, summed over items of the same area; unreadable values left out."""
    out: dict[tuple[str, str], float] = {}
    for item in report.all_items():
        if not item.area:
            continue
        for fig in item.figures:
            amount = parse_amount(report.get(f"item.{item.id}.fig.{fig.key}"), fig.unit)
            if amount is not None:
                out[(item.area, fig.key)] = out.get((item.area, fig.key), 0.0) + amount.value
    return out


def _figure_defs(report: Report) -> dict[tuple[str, str], FigureDef]:
    return {(i.area, f.key): f for i in report.all_items() if i.area for f in i.figures}


def compare(report: Report, earlier: Report | None, ledger_values: dict[str, dict[str, float]] | None,
            kind: str, period: str) -> Comparison:
    """Every figure of ``report`` with the earlier value: the earlier report's, else the 台账's total."""
    before = report_values(earlier) if earlier is not None else {}
    return compare_values(report, before, earlier.get("front.title") if earlier else "", ledger_values, kind, period)


def compare_values(report: Report, before: dict[tuple[str, str], float], earlier_title: str,
                   ledger_values: dict[str, dict[str, float]] | None, kind: str, period: str) -> Comparison:
    """compare() with the earlier report's figures already read (``report_values`` of it), as the
    service keeps them between checks."""
    result = Comparison(kind, period, basis_word(kind, period) if period else "", earlier_title=earlier_title)
    now = report_values(report)
    for (area, key), fig in _figure_defs(report).items():
        previous, source = before.get((area, key)), FROM_REPORT if (area, key) in before else ""
        if previous is None and ledger_values and key in ledger_values.get(area, {}):
            previous, source = ledger_values[area][key], FROM_LEDGER
        result.figures[(area, key)] = FigureComparison(area, key, fig.label, fig.unit, now.get((area, key)),
                                                       previous, source)
    return result


# ------------------------------------------------------------------ 主要数据一览 with 去年同期 and 同比


def _items_in_order(report: Report, genre: Genre) -> list[Item]:
    out = []
    for part in genre.parts:
        for top in report.items.get(part.key, []):
            out.extend(top.walk())
    return out


def table_rows(report: Report, genre: Genre, comparison: Comparison) -> tuple[tuple[str, ...], ...]:
    """主要数据一览 with two more columns (去年同期, 同比), header first; () when nothing earlier is known.

    The rows are those of the plain table (models/outline.figure_rows: every filled-in figure in
    document order), so the renderers show the same rows with the columns added.
    """
    if not comparison.has_previous:
        return ()
    label = "同比" if comparison.kind == YEAR else "环比"
    rows: list[tuple[str, ...]] = [("工作板块", "指标", "数据", comparison.basis, label)]
    for item in _items_in_order(report, genre):
        for fig in item.figures:
            value = " ".join(report.get(f"item.{item.id}.fig.{fig.key}").split())
            if not value:
                continue
            name = area_name(item.area) or report.get(f"item.{item.id}.heading").strip().rstrip("。")
            unit = "" if fig.unit and value.endswith(fig.unit) else fig.unit
            found = comparison.get(item.area or "", fig.key)
            previous = found.previous if found else None
            earlier = f"{plain_number(previous)}{fig.unit}" if previous is not None else "—"
            rows.append((name, fig.label, f"{value}{unit}", earlier, (found.change if found else "") or "—"))
    return tuple(rows)


# ------------------------------------------------------------------ percentages typed in the text

_DIRECTION = {"增长": 1, "增加": 1, "提高": 1, "提升": 1, "上升": 1, "多": 1, "下降": -1, "减少": -1, "降低": -1,
              "少": -1}
_BASIS_YEAR = r"(?:比|较|与)(?:去年|上年|上一年)(?:同期)?|同比"
_BASIS_PREVIOUS = r"环比|(?:比|较|与)上(?:半年|季度|期)"
_NUM = r"\d+(?:\.\d+)?(?:%|％|倍)"
_CLAIM = re.compile(
    rf"(?P<each>分别)?(?P<basis>{_BASIS_YEAR}|{_BASIS_PREVIOUS})"
    rf"(?:(?P<flat>(?:基本)?持平)|(?P<dir>增长|增加|提高|提升|上升|下降|减少|降低)了?"
    rf"(?:(?P<double>翻了?一番)|(?P<nums>{_NUM}(?:(?:和|、|，|及){_NUM})*)))"
)
_SENTENCE_END = re.compile(r"[。；！？\n]")


def _mentions(clause: str, figures: list[FigureDef], values: dict[str, float]) -> list[tuple[int, FigureDef]]:
    """Figures mentioned in a clause ("开展宣讲24场次"): by the number with the figure's unit, in order."""
    units = sorted({f.unit for f in figures if f.unit}, key=len, reverse=True)
    if not units:
        return []
    token = re.compile(r"(\d+(?:\.\d+)?)(万)?(?:余|多)?(" + "|".join(map(re.escape, units)) + ")")
    out = []
    for m in token.finditer(clause):
        same_unit = [f for f in figures if f.unit == m.group(3)]
        if len(same_unit) > 1:  # 篇 of three media levels: the one whose value is written, else the label
            amount = parse_amount(m.group(0), m.group(3))
            by_value = [f for f in same_unit if amount and values.get(f.key) == amount.value]
            by_label = [f for f in same_unit if f.label in clause[: m.start()]]
            same_unit = by_value or by_label[-1:]
        if len(same_unit) == 1:
            out.append((m.start(), same_unit[0]))
    return out


def _claimed(number: str) -> float:
    """A typed change as percent: 18% -> 18, 1.5倍 -> 150."""
    value = float(number.rstrip("%％倍"))
    return value * 100 if number.endswith("倍") else value


def _disagrees(claimed: float | None, direction: int, pct: float, by_times: bool) -> bool:
    if claimed is None:  # 持平 typed
        return abs(pct) >= 1
    if direction * pct < 0 or (pct == 0 and claimed != 0):
        return True
    tolerance = 10 if by_times else 1  # 倍 is written to one decimal (0.1倍 = 10%); % to whole numbers
    return abs(claimed - abs(pct)) >= tolerance


def claim_kinds(report: Report) -> set[str]:
    """Which comparisons the items' text claims (YEAR for 比去年同期增长…, PREVIOUS for 环比…): only those
    need computing for text_findings, and a report that claims none needs nothing."""
    kinds = set()
    for item in report.all_items():
        if item.area and item.figures:
            for name in ("heading", "body"):
                for m in _CLAIM.finditer(report.get(f"item.{item.id}.{name}")):
                    kinds.add(PREVIOUS if re.match(_BASIS_PREVIOUS, m.group("basis")) else YEAR)
    return kinds


def text_findings(report: Report, year: Comparison | None, previous: Comparison | None = None) -> list[Finding]:
    """A percentage typed in an item's text that disagrees with the one its figures give.

    "开展宣讲24场次，比去年同期增长20%" while last year's report (or 台账) has 20场次 → 增长20% is
    right; with 21场次 the text should say 增长14%, which is a finding (a warning: the officer may
    compare with something else). Only claims that can be tied to one figure of the item are checked,
    and only against the comparisons given (None: claims of that kind are not judged).
    """
    out: list[Finding] = []
    all_values = report_values(report)
    for item in report.all_items():
        if not item.area or not item.figures:
            continue
        values = {key: v for (a, key), v in all_values.items() if a == item.area}
        for name in ("heading", "body"):
            address = f"item.{item.id}.{name}"
            text = report.get(address)
            for m in _CLAIM.finditer(text):
                cmp = year if not re.match(_BASIS_PREVIOUS, m.group("basis")) else previous
                if cmp is None:
                    continue
                start = max((s.end() for s in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
                mentions = _mentions(text[start:m.start()], item.figures, values)
                if not mentions:
                    continue
                if m.group("flat"):
                    claims: list[tuple[str, float | None]] = [(m.group("flat"), None)]
                elif m.group("double"):
                    claims = [("翻一番", 100.0)]
                else:
                    claims = [(n, _claimed(n)) for n in re.findall(_NUM, m.group("nums"))]
                if m.group("each") and len(claims) == len(mentions):
                    pairs = list(zip([f for _p, f in mentions], claims, strict=True))
                elif len(claims) == 1:
                    pairs = [(mentions[-1][1], claims[0])]
                else:
                    continue
                direction = _DIRECTION.get(m.group("dir") or "", 0)
                for fig, (typed, claimed) in pairs:
                    found = cmp.get(item.area, fig.key)
                    if found is None or found.current is None or not found.previous:
                        continue
                    pct = percent_change(found.current, found.previous)
                    assert pct is not None
                    by_times = typed.endswith("倍") or typed == "翻一番"
                    if not _disagrees(claimed, direction, pct, by_times):
                        continue
                    right = change_phrase(found.current, found.previous)
                    said = typed if claimed is None else f"{m.group('dir')}{typed}"
                    msg = (f"文中写“{said}”，但{fig.label}本期{plain_number(found.current)}{fig.unit}、"
                           f"{cmp.basis}{plain_number(found.previous)}{fig.unit}（来自{found.source}），"
                           f"应为“{right}”")
                    if by_times and claimed is not None and abs(claimed - 100 - pct) < 10:
                        msg += f"（“增长{_decimal_text(_half_up(claimed / 100, 1))}倍”是原来的" \
                               f"{_decimal_text(_half_up(claimed / 100 + 1, 1))}倍，常被误用）"
                    label = f"{area_name(item.area)} › {'正文' if name == 'body' else '标题句'}"
                    out.append(Finding(address, label, msg, WARNING, m.start(), m.end(), rule="compare"))
    return out
