"""What ReportService offers for the 工作台账, 同比 and the county roll-up (a mixin it inherits).

Kept out of models/service.py so the report service stays about reports; the methods use the
service's ``store``, ``library`` and settings. Entries belong to the unit, not to a report: they
have no version history of their own (every backup holds them), and deleting one moves it to
the 台账's recycle bin, from where it can be restored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models import backup, compare, ledger, ledger_import, package, periods, rollup
from models.catalog import get_area, load_catalog
from models.ledger import AreaTotal, Entry, LedgerError
from models.ledger_store import LedgerStore
from models.outline import ANNEX_ADDRESS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.genres import GenreLibrary
    from models.outline import Block, OutlineOptions
    from models.report import Report
    from models.store import Store

MAPPING_SETTING = "ledger.import_mapping"  # {header name: target}, merged over every import
DEFAULT_AREA_SETTING = "ledger.import_default_area"
EXPECTED_SETTING = "rollup.expected_units"  # the county's list of towns, entered once
EARLIER_CACHE = 16  # earlier reports' figures kept for the 同比 checks (one or two per open report)


@dataclass(frozen=True)
class LedgerDraft:
    """What 从台账汇总 puts into a work-area item: figure values and the draft sentence."""

    area: str
    period: str
    values: dict[str, str]  # figure key -> plain number
    sentence: str
    entries: int


@dataclass(frozen=True)
class LedgerImport:
    added: int
    problems: list[ledger_import.RowProblem]
    duplicates: list[int]

    def summary(self) -> str:
        text = f"已导入 {self.added} 条记录。"
        if self.duplicates:
            text += f"{len(self.duplicates)} 行与台账中已有的记录相同，没有重复导入。"
        if self.problems:
            text += f"{len(self.problems)} 行有问题没有导入，请改正后再导入这些行："
        return text


class LedgerMixin:
    store: Store
    library: GenreLibrary

    if TYPE_CHECKING:  # ReportService's own, which the mixin uses
        def setting(self, key: str, default: str = "") -> str: ...
        def set_setting(self, key: str, value: str) -> None: ...
        def load(self, rid: int) -> Report: ...
        def outline(self, report: Report, options: OutlineOptions | None = None) -> list[Block]: ...

    @property
    def _ledger(self) -> LedgerStore:
        return LedgerStore(self.store)  # per call: restoring a backup replaces the store

    # ------------------------------------------------------------ entries

    def _normalize(self, entry: Entry) -> Entry:
        try:
            area = get_area(entry.area)
        except KeyError:
            raise LedgerError(f"没有工作板块“{entry.area}”，请从列表中选一个。") from None
        return ledger.normalize(entry, area)

    def ledger_entries(self, period: str | None = None, area: str | None = None, *,
                       deleted: bool = False) -> list[Entry]:
        """Entries of a period (2024H1 …, None for all) and area (None for all), oldest first."""
        start, end = ledger.period_range(period) if period else (None, None)
        return self._ledger.entries(start=start, end=end, area=area or None, deleted=deleted)

    def ledger_entry(self, entry_id: int) -> Entry:
        return self._ledger.get(entry_id)

    def add_ledger_entry(self, entry: Entry) -> Entry:
        """Store a new entry (checked and cleaned first: LedgerError says what is wrong); returns it with its id."""
        clean = self._normalize(entry)
        clean.id = self._ledger.insert([clean])[0]
        return clean

    def update_ledger_entry(self, entry: Entry) -> Entry:
        if entry.id is None:
            raise LedgerError("这条记录还没有保存。")
        clean = self._normalize(entry)
        self._ledger.update(clean)
        return clean

    def delete_ledger_entries(self, ids: Iterable[int]) -> None:
        """To the 台账's recycle bin (restore_ledger_entries brings them back)."""
        self._ledger.mark_deleted(list(ids), True)

    def restore_ledger_entries(self, ids: Iterable[int]) -> None:
        self._ledger.mark_deleted(list(ids), False)

    def purge_ledger_entries(self, ids: Iterable[int]) -> None:
        self._ledger.purge(list(ids))

    def ledger_deleted_count(self) -> int:
        return self._ledger.count_deleted()

    def ledger_periods(self) -> list[str]:
        """Half-years and years that have entries, newest first, with the current ones always offered."""
        import datetime as _dt

        dates = [*self._ledger.dates(), _dt.date.today().isoformat()]
        return ledger.periods_of(dates)

    # ------------------------------------------------------------ totals and drafts

    def ledger_totals(self, period: str | None, area: str | None = None) -> dict[str, AreaTotal]:
        """Per area: entries and figure totals of a period (sums; the latest value for stock figures)."""
        start, end = ledger.period_range(period) if period else (None, None)
        lstore = self._ledger
        sums = lstore.sums(start=start, end=end, area=area)
        counts = lstore.counts(start=start, end=end, area=area)
        catalog = load_catalog()
        stock = [(a.id, f.key) for a in catalog for f in a.figures if ledger.is_stock(f)
                 and a.id in sums and f.key in sums[a.id]]
        for (a, key), value in lstore.latest(stock, start=start, end=end).items():
            sums[a][key] = value
        return {a: AreaTotal(a, counts.get(a, 0), sums.get(a, {})) for a in counts}

    def ledger_draft(self, area_id: str, period: str) -> LedgerDraft:
        area = get_area(area_id)
        total = self.ledger_totals(period, area_id).get(area_id)
        return LedgerDraft(area_id, period, ledger.figure_values(area, total),
                           ledger.draft_sentence(area, total, period), total.entries if total else 0)

    # ------------------------------------------------------------ import

    def read_ledger_table(self, path: Path | str) -> ledger_import.Table:
        return ledger_import.read_table(path)

    def remembered_ledger_mapping(self) -> dict[str, str]:
        try:
            data = json.loads(self.setting(MAPPING_SETTING) or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def guess_ledger_mapping(self, table: ledger_import.Table) -> ledger_import.Mapping:
        mapping = ledger_import.guess_mapping(table, load_catalog(), self.remembered_ledger_mapping())
        default = self.setting(DEFAULT_AREA_SETTING)
        if default and default in {a.id for a in load_catalog()}:
            mapping.default_area = default
        return mapping

    def preview_ledger_import(self, table: ledger_import.Table, mapping: ledger_import.Mapping) -> ledger_import.Parsed:
        """What an import would do (entries, bad rows, duplicates) without storing anything."""
        dates = [e.date for _r, e in ledger_import.parse_rows(table, mapping, load_catalog()).entries]
        existing = self._ledger.signatures(min(dates), max(dates)) if dates else set()
        return ledger_import.parse_rows(table, mapping, load_catalog(), existing)

    def import_ledger(self, table: ledger_import.Table, mapping: ledger_import.Mapping) -> LedgerImport:
        """Import the good rows in one transaction and remember the mapping; bad rows are reported."""
        parsed = self.preview_ledger_import(table, mapping)
        if parsed.entries:
            backup.maybe_backup(self.store, "import")  # the data as it was, when changed since the last backup
            self._ledger.insert([e for _r, e in parsed.entries])
        remembered = {**self.remembered_ledger_mapping(), **ledger_import.remembered_form(table, mapping)}
        self.set_setting(MAPPING_SETTING, json.dumps(remembered, ensure_ascii=False))
        self.set_setting(DEFAULT_AREA_SETTING, mapping.default_area)
        return LedgerImport(len(parsed.entries), parsed.problems, parsed.duplicates)

    # ------------------------------------------------------------ 同比 / 环比 (models/compare.py)

    def comparison(self, report: Report, kind: str = compare.YEAR) -> compare.Comparison:
        """Each figure of ``report`` beside the same unit's figure of the comparable period.

        The earlier value comes from the same unit's report of that period in the database (not in
        the recycle bin), or, failing that, from the 台账's totals of that period.
        """
        period = report.get("front.period")
        unit = report.get("front.unit").strip()
        try:
            target = ledger.year_before(period) if kind == compare.YEAR else ledger.period_before(period)
        except ValueError:
            return compare.compare(report, None, None, kind, "")
        before, title = self._earlier_figures(report, unit, target)
        totals = self.ledger_totals(target)
        ledger_values = {a: t.values for a, t in totals.items()}
        return compare.compare_values(report, before, title, ledger_values or None, kind, target)

    def _earlier_figures(self, report: Report, unit: str, period: str) -> tuple[dict[tuple[str, str], float], str]:
        """The figures and title of the same unit's report of ``period`` (the same genre first, then the
        most recently edited), ({}, "") when there is none.

        The checks ask on every edit: the candidates come from two values per report (not every
        summary), and the figures read from the chosen report are kept while its stamp (items and
        figure values, Store.figures_stamp) is unchanged, so an edit of it, or another report
        becoming the one to compare with, is seen at the next check.
        """
        if not unit:
            return {}, ""
        candidates = [r for r in self.store.reports_of_period(period, exclude=report.id) if r["unit"].strip() == unit]
        if not candidates:
            return {}, ""
        same = [r for r in candidates if r["genre_id"] == report.genre_id] or candidates
        rid = max(same, key=lambda r: (r["updated"], r["id"]))["id"]
        stamp = (rid, self.store.figures_stamp(rid))
        cache: dict = self.__dict__.setdefault("_earlier_cache", {})
        if stamp not in cache:
            earlier = self.load(rid)
            if len(cache) >= EARLIER_CACHE:
                cache.pop(next(iter(cache)))  # the oldest
            cache[stamp] = (compare.report_values(earlier), earlier.get("front.title"))
        return cache[stamp]

    def comparison_findings(self, report: Report) -> list:
        """Percentages typed in the text (比去年同期增长20%, 环比下降5%) that the figures do not bear out.
        Nothing is computed for a report whose text claims no change."""
        kinds = compare.claim_kinds(report)
        if not kinds:
            return []
        year = self.comparison(report, compare.YEAR) if compare.YEAR in kinds else None
        previous = self.comparison(report, compare.PREVIOUS) if compare.PREVIOUS in kinds else None
        return compare.text_findings(report, year, previous)

    def compare_outline(self, report: Report, options: OutlineOptions | None = None) -> list[Block]:
        """The outline with 去年同期 and 同比 columns in 主要数据一览 (when an earlier value is known)."""
        import dataclasses

        from models import outline as ol

        blocks = self.outline(report, options)
        genre = self.library.get(report.genre_id, report.genre_version)
        rows = compare.table_rows(report, genre, self.comparison(report, compare.YEAR))
        return [dataclasses.replace(b, rows=rows) if b.kind == ol.TABLE and rows else b for b in blocks]

    # ------------------------------------------------------------ county roll-up (models/rollup.py)

    def rollup(self, paths: Iterable[Path | str] = (), ids: Iterable[int] = (), *, period: str | None = None,
               expected: Iterable[str] | None = None) -> rollup.Rollup:
        """Towns' report packages and/or stored reports of one period → towns × figures, totals, ranks,
        and who is missing (``expected``: the county's list; by default the one remembered).

        A package that cannot be read is named in the result; the others still roll up.
        """
        sources = []
        for path in paths:
            try:
                sources.append(rollup.Source(Path(path).name, package.read_package_file(path, self.library)))
            except (ValueError, OSError) as exc:  # PackageError is a ValueError
                sources.append(rollup.Source(Path(path).name, None, str(exc)))
        for rid in ids:
            try:
                sources.append(rollup.Source(f"报告 {rid}", self.load(rid)))
            except KeyError:
                sources.append(rollup.Source(f"报告 {rid}", None, "这份总结已不存在"))
        return rollup.roll_up(sources, load_catalog(), period=period,
                              expected=list(expected) if expected is not None else self.rollup_expected())

    def rollup_packages(self, paths: Iterable[Path | str], *, period: str | None = None,
                        expected: Iterable[str] | None = None) -> rollup.Rollup:
        return self.rollup(paths, period=period, expected=expected)

    def rollup_reports(self, ids: Iterable[int], *, period: str | None = None,
                       expected: Iterable[str] | None = None) -> rollup.Rollup:
        return self.rollup(ids=ids, period=period, expected=expected)

    def attach_rollup(self, rid: int, result: rollup.Rollup, report: Report | None = None) -> None:
        """附在本单位总结后: the roll-up printed as 附件 统计表 after the 落款 of report ``rid`` (the
        county's own summary), on a page of its own, in place of one attached before. ``report``: the
        same report open in an editor, changed alike so its preview and export show it."""
        if not result.usable:
            raise LedgerError("汇总结果里没有可用的数据，不能作为附件。请先加入各单位的报告再汇总。")
        text = json.dumps(rollup.annex_table(result), ensure_ascii=False)
        self.store.set_value(rid, ANNEX_ADDRESS, text)  # stored as written: JSON, not text to clean
        if report is not None and report.id == rid:
            report.values[ANNEX_ADDRESS] = text

    def remove_annex(self, rid: int, report: Report | None = None) -> None:
        """The report prints without its 附件 统计表 again."""
        self.store.set_value(rid, ANNEX_ADDRESS, "")
        if report is not None and report.id == rid:
            report.values.pop(ANNEX_ADDRESS, None)

    def annex_title(self, report: Report) -> str:
        """The title of the 统计表 a report carries as 附件, "" when it carries none."""
        from models.outline import TABLE, annex_blocks

        return next((b.text for b in annex_blocks(report) if b.kind == TABLE), "")

    def rollup_candidates(self, period: str) -> list[tuple[int, str, str]]:
        """(id, unit, title) of the stored reports of a period, for picking what to roll up."""
        return [(row["id"], row["values"].get("front.unit", ""), row["title"] or "")
                for row in self.store.list_reports() if row["values"].get("front.period") == period]

    def rollup_periods(self) -> list[str]:
        """The periods (codes) of the stored reports, newest first, for picking which to roll up."""
        found = set()
        for row in self.store.list_reports():
            code = row["values"].get("front.period", "")
            try:
                periods.parse_period(code)
            except periods.PeriodError:
                continue
            found.add(code)
        return sorted(found, reverse=True)

    def rollup_expected(self) -> list[str]:
        try:
            data = json.loads(self.setting(EXPECTED_SETTING) or "[]")
        except ValueError:
            return []
        return [str(u) for u in data if str(u).strip()] if isinstance(data, list) else []

    def set_rollup_expected(self, units: Iterable[str]) -> None:
        clean = []
        for unit in units:
            unit = " ".join(str(unit).split())
            if unit and unit not in clean:
                clean.append(unit)
        self.set_setting(EXPECTED_SETTING, json.dumps(clean, ensure_ascii=False))
