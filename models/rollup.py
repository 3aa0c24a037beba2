"""The county roll-up (汇总): several towns' reports of one period → towns × figures, totals, ranks.

A county department collects its towns' summaries (report packages, or reports in its own
database) and needs a 统计表: one row per town, one column per figure (理论武装·开展宣讲（场次）…),
a 合计 row and each town's rank per figure, and the towns on its list that have not reported.
A source that cannot be used (unreadable file, another period, no unit name) is named with the
reason; the others still roll up. export/xlsx.py writes the result as a workbook.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models import periods
from models.ledger_numbers import parse_amount, plain_number

if TYPE_CHECKING:
    from collections.abc import Sequence

    from models.catalog import Area
    from models.report import Report


@dataclass
class Source:
    name: str  # file name, or 报告 12
    report: Report | None
    error: str = ""  # why it could not be read (Chinese)


@dataclass(frozen=True)
class Column:
    area: str
    key: str
    area_name: str
    label: str
    unit: str

    @property
    def title(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label


@dataclass
class Town:
    unit: str
    source: str
    values: dict[int, float] = field(default_factory=dict)  # column index -> value
    approx: set[int] = field(default_factory=set)  # columns written with 余 / 约
    ranks: dict[int, int] = field(default_factory=dict)


@dataclass
class Rollup:
    period: str  # code, "" when no source could be used
    columns: list[Column] = field(default_factory=list)
    towns: list[Town] = field(default_factory=list)
    totals: list[float | None] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # expected towns without a report
    problems: list[str] = field(default_factory=list)  # sources not rolled up, with why
    notes: list[str] = field(default_factory=list)  # values left out (not numbers) and duplicates

    @property
    def period_label(self) -> str:
        return periods.period_label_or(self.period) if self.period else ""

    @property
    def title(self) -> str:
        return f"{self.period_label}各单位宣传工作主要数据统计表"

    @property
    def usable(self) -> bool:
        return bool(self.towns)


def _same_unit(a: str, b: str) -> bool:
    return a == b or (len(min(a, b, key=len)) >= 2 and (a.startswith(b) or b.startswith(a)))


def roll_up(sources: Sequence[Source], catalog: Sequence[Area], *, period: str | None = None,
            expected: Sequence[str] = ()) -> Rollup:
    readable = [s for s in sources if s.report is not None]
    if not period:
        found = Counter(s.report.get("front.period").strip() for s in readable if s.report.get("front.period").strip())
        period = found.most_common(1)[0][0] if found else ""
    result = Rollup(period)
    label = result.period_label
    chosen: dict[str, Source] = {}
    for s in sources:
        if s.report is None:
            # the reader's message often names the file already; say it once, and what to do
            why = (s.error or "无法读取").removeprefix(f"{s.name} ").removeprefix(s.name).lstrip("：: ")
            result.problems.append(f"{s.name}：{why}请让报送单位重新导出报告包后再汇总。"
                                   if why.endswith("。") else f"{s.name}：{why}。请让报送单位重新导出报告包后再汇总。")
            continue
        unit = " ".join(s.report.get("front.unit").split())
        their = s.report.get("front.period").strip()
        if not unit:
            result.problems.append(f"{s.name}：没有填写单位名称，无法归到哪个单位。"
                                   "请让报送单位在总结里填上单位名称后重新导出报告包。")
            continue
        if their != period:
            try:
                theirs = periods.period_label(their) if their else "未填写"
            except periods.PeriodError:
                theirs = their
            result.problems.append(f"{s.name}（{unit}）：期间是{theirs}，不是本次汇总的{label}，未汇总。"
                                   f"请让该单位报送{label}的报告包。")
            continue
        if unit in chosen:
            older, newer = sorted((chosen[unit], s), key=lambda x: x.report.updated or "")
            chosen[unit] = newer
            result.notes.append(f"{unit} 有两份（{older.name}、{newer.name}），采用较新的 {newer.name}")
            continue
        chosen[unit] = s

    order = {(a.id, f.key): (n, m) for n, a in enumerate(catalog) for m, f in enumerate(a.figures)}
    names = {a.id: a.name for a in catalog}
    columns: dict[tuple[str, str], Column] = {}
    raw: dict[str, dict[tuple[str, str], tuple[float, bool]]] = {}
    for unit, s in chosen.items():
        report = s.report
        assert report is not None
        values: dict[tuple[str, str], tuple[float, bool]] = {}
        for item in report.all_items():
            for fig in item.figures:
                text = report.get(f"item.{item.id}.fig.{fig.key}").strip()
                if not text:
                    continue
                area = item.area or ""
                column = columns.setdefault((area, fig.key), Column(area, fig.key, names.get(area, ""),
                                                                     fig.label, fig.unit))
                amount = parse_amount(text, fig.unit)
                if amount is None:
                    where = f"{column.area_name}·{column.label}" if column.area_name else column.label
                    result.notes.append(f"{unit}：{where}“{text}”不是数字，未计入")
                    continue
                old = values.get((area, fig.key), (0.0, False))
                values[(area, fig.key)] = (old[0] + amount.value, old[1] or amount.approx)
        raw[unit] = values
    keys = sorted(columns, key=lambda k: order.get(k, (len(catalog), 0)))
    result.columns = [columns[k] for k in keys]

    units = list(chosen)
    ordered = [u for e in expected for u in units if _same_unit(u, e)]
    ordered = list(dict.fromkeys([*ordered, *units]))
    for unit in ordered:
        town = Town(unit, chosen[unit].name)
        for n, k in enumerate(keys):
            if k in raw[unit]:
                town.values[n], approx = raw[unit][k]
                if approx:
                    town.approx.add(n)
        result.towns.append(town)
    for n in range(len(keys)):
        have = [t.values[n] for t in result.towns if n in t.values]
        result.totals.append(sum(have) if have else None)
        for town in result.towns:
            if n in town.values:  # competition ranking: 1, 2, 2, 4
                town.ranks[n] = 1 + sum(1 for v in have if v > town.values[n])
    result.missing = [e for e in expected if e.strip() and not any(_same_unit(u, e.strip()) for u in units)]
    return result


def annex_table(result: Rollup) -> dict:
    """The roll-up as the 附件 统计表 of the county's own summary (stored in the report, printed by
    models/outline.annex_blocks): the title, a header (单位 and each figure with its unit), each figure's
    label and unit apart, a row per town, the 合计 row, the number of columns of each work area and the
    areas' names (each is printed as a table of its own, named for it), and notes (who has not reported)."""
    labels = [c.title for c in result.columns]
    repeated = {t for t in labels if labels.count(t) > 1}
    header = ["单位", *(f"{c.area_name}·{c.title}" if c.title in repeated and c.area_name else c.title
                       for c in result.columns)]

    def cell(value: float | None, approx: bool) -> str:
        return "" if value is None else plain_number(value) + ("余" if approx else "")

    rows = [[town.unit, *(cell(town.values.get(n), n in town.approx) for n in range(len(result.columns)))]
            for town in result.towns]
    total = ["合计", *(cell(v, any(n in t.approx for t in result.towns)) for n, v in enumerate(result.totals))]
    groups: list[int] = []
    areas: list[str] = []
    for n, column in enumerate(result.columns):
        if n and column.area == result.columns[n - 1].area:
            groups[-1] += 1
        else:
            groups.append(1)
            areas.append(column.area_name)
    notes = []
    if result.missing:
        notes.append(f"注：未报送单位（{len(result.missing)}个）：{'、'.join(result.missing)}。")
    if any(t.approx for t in result.towns):
        notes.append("注：带“余”的数据按所写数字计入合计。")
    return {"title": result.title, "period": result.period, "header": header, "rows": rows, "total": total,
            "groups": groups, "areas": areas, "labels": [c.label for c in result.columns],
            "units": [c.unit for c in result.columns], "notes": notes}
