"""The small API the UI and the CLI call: every read and change of reports goes through here.

The service owns the store and the genre library; it cleans text on the way in, keeps the item
tree consistent, and hands out outlines and findings. It never imports Qt.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import functools
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models import backup, checks, history, outline, package, periods, structure, templates
from models.catalog import get_area, load_catalog
from models.genres import Genre, GenreLibrary
from models.ledger_service import LedgerMixin
from models.report import MAX_DEPTH, Item, Report
from models.store import ReadOnlyModeError, Store, StoreError, open_store, writable_problem
from models.text import clean_text
from models.version import APP_VERSION
from models.wordimport_service import WordImportMixin

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.readonly import ReadOnlyReason

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportSummary:
    id: int
    title: str
    unit: str
    period: str  # as shown: 2024年上半年
    genre: str
    updated: str
    progress: int
    problems: int
    deleted: str | None = None

    @property
    def status(self) -> str:
        return "可导出" if self.problems == 0 else f"有{self.problems}处待补"


@functools.lru_cache(maxsize=256)
def _period_label(code: str) -> str:
    return periods.period_label_or(code)


# the structure, unit-template, 台账 / 同比 / 汇总 and Word-import methods live beside their models, in mixins
class ReportService(structure.StructureMixin, templates.TemplateMixin, LedgerMixin, WordImportMixin):
    def __init__(self, data_dir: Path | str, library: GenreLibrary | None = None, store: Store | None = None) -> None:
        self.library = templates.attach(self, library or GenreLibrary())  # also finds unit templates
        self.data_dir = Path(data_dir)
        self._read_only_listeners: list[Callable[[ReadOnlyReason | None], None]] = []
        self._kept_settings: dict[str, str] = {}  # settings changed while read-only, written when it ends
        self._use_store(store or open_store(data_dir, on_migrate=backup.before_migration))

    def _use_store(self, store: Store) -> None:
        self.store = store
        store.on_read_only = self._read_only_changed

    def close(self) -> None:
        self.store.close()

    # ------------------------------------------------------------ read-only mode (models/readonly.py)

    @property
    def read_only(self) -> ReadOnlyReason | None:
        """Why the data cannot be written now (disk full, read-only medium, no permission); None when it can."""
        return self.store.read_only

    def add_read_only_listener(self, listener: Callable[[ReadOnlyReason | None], None]) -> None:
        """``listener(reason)`` when read-only mode starts (a write found the folder unwritable) or ends (None).
        It may be called from inside the failing write, on whatever thread made it."""
        self._read_only_listeners.append(listener)

    def remove_read_only_listener(self, listener: Callable[[ReadOnlyReason | None], None]) -> None:
        if listener in self._read_only_listeners:
            self._read_only_listeners.remove(listener)

    def _read_only_changed(self, reason: ReadOnlyReason | None) -> None:
        for listener in list(self._read_only_listeners):
            try:
                listener(reason)
            except Exception:  # a listener's trouble must not replace the write's own error
                log.warning("只读模式的通知没有送达", exc_info=True)

    def try_writable(self) -> bool:
        """Check again whether the data folder can be written; if so, leave read-only mode (reopening the
        database for writing when it was opened read-only) and write the settings kept meanwhile.
        True when writing works now. The window calls it on a timer and from its 重试 button."""
        old = self.store.read_only
        if old is None:
            return True
        reason = writable_problem(self.data_dir)
        if reason is not None:
            if reason.kind != old.kind:  # space came back, yet the folder is still not writable for another cause
                self.store.set_read_only(reason)
            return False
        log.info("数据文件夹 %s 又可以写入了，退出只读模式", self.data_dir)
        if not self.store.opened_read_only:
            self.store.set_read_only(None)  # tells the listeners
            self._write_kept_settings()
            return True
        try:  # the connection was opened read-only: a new one that can write
            fresh = Store(self.data_dir, on_migrate=backup.before_migration)
        except StoreError as exc:
            log.warning("数据文件夹看来可以写入了，但数据库仍无法以写入方式打开：%s", exc)
            return False
        self.store.close()
        self._use_store(fresh)
        self._write_kept_settings()
        self._read_only_changed(None)
        return True

    def _write_kept_settings(self) -> None:
        kept, self._kept_settings = self._kept_settings, {}
        for key, value in kept.items():
            try:
                self.store.set_setting(key, value)
            except StoreError as exc:
                log.warning("只读期间记下的设置 %s 没能写入：%s", key, exc)

    # ------------------------------------------------------------ genres

    def genres(self) -> list[Genre]:
        return self.library.latest()

    def genre_of(self, report: Report) -> Genre:
        """The genre shaped for the report: its parts are the report's sections (models/structure.py)."""
        return structure.shape(report, self.base_genre_of(report))

    def has_genre(self, genre_id: str, version: int | None = None) -> bool:
        """Whether this program knows the genre (any version, or exactly ``version``)."""
        return self.library.has(genre_id, version)

    def areas(self):
        return load_catalog()

    # ------------------------------------------------------------ creating

    def build_report(self, genre_id: str, *, unit: str, period: str, author: str = "", date: str = "",
                     areas: list[str] | None = None, extra: dict[str, str] | None = None) -> Report:
        """A new report in memory: front matter filled, one item per picked area, empty default items."""
        genre = self.library.get(genre_id)
        periods.parse_period(period)  # any genre takes any period; one whose titles fix it gets a finding
        if date:
            date = periods.parse_date(date).isoformat()
        report = Report(genre_id=genre.id, genre_version=genre.version)
        front = {"unit": unit, "period": period, "author": author, "date": date or _dt.date.today().isoformat()}
        front.update(extra or {})
        for key, value in front.items():
            if value and genre.front_field(key) is not None:
                report.values[f"front.{key}"] = clean_text(value).strip()
        picked = areas if areas is not None else [a.id for a in load_catalog()[:4]]
        for part in genre.parts:
            items: list[Item] = []
            if part.source == "areas":
                for area_id in picked:
                    area = get_area(area_id)
                    item = Item(id=report.new_item_id(), part=part.key, area=area.id, figures=list(area.figures))
                    items.append(item)
                    report.items[part.key] = items  # so new_item_id sees the ids taken
            else:
                for _ in range(part.default_items):
                    items.append(Item(id=report.new_item_id(), part=part.key))
                    report.items[part.key] = items
            report.items[part.key] = items
        structure.finish_new_report(report, genre)
        return report

    def create_report(self, genre_id: str, **kwargs) -> int:
        return self.store.insert_report(self.build_report(genre_id, **kwargs))

    def copy_as_next_period(self, rid: int) -> int:
        """复制为新一期: same genre, unit, areas and headings; period moved on; text kept for reuse."""
        report = self.load(rid)
        new = copy.deepcopy(report)
        new.id, new.created, new.updated, new.deleted = None, "", "", None
        period = report.get("front.period")
        with contextlib.suppress(periods.PeriodError):
            code = periods.next_period(period)
            genre = self.genre_of(report)
            while not genre.allows_period(code):  # a 上半年-only genre goes on to next year's 上半年
                code = periods.next_period(code)
            new.values["front.period"] = code
        new.values["front.date"] = checks.signing_date(new.values.get("front.period", "")).isoformat()
        # the officer's own title (a Word import's) moves on with the period; a year's title may name two
        # years (2024年度…及2025年工作计划), so it, or a title without the old period, is rebuilt from the genre
        title = report.get("front.title")
        try:
            old, now = periods.period_label(period), periods.period_label(new.values.get("front.period", ""))
            moves = bool(periods.parse_period(period)[1]) and title.count(old) == 1 and now != old
        except periods.PeriodError:
            moves = False
        if moves:
            new.values["front.title"] = title.replace(old, now)
        else:
            new.values.pop("front.title", None)
        new.values.pop(outline.ANNEX_ADDRESS, None)  # last period's 附件 统计表 is not this period's
        # the paragraphs carried over are last period's words: the checks ask for each to be rewritten
        carried = [a for a, v in new.values.items() if v.strip()
                   and (a in ("intro", "closing") or a.endswith((".lead", ".body")))]
        marks = {a: checks.fingerprint(new.values[a]) for a in carried}
        marks["front.date"] = checks.fingerprint(report.get("front.date"))  # flagged while still last period's date
        new.values[checks.REVIEW] = json.dumps(marks)
        for item in new.all_items():
            for fig in item.figures:  # figures are the new period's to collect (and to approve 按原样打印)
                new.values.pop(f"item.{item.id}.fig.{fig.key}", None)
                new.values.pop(f"item.{item.id}.fig.{fig.key}.asis", None)
        return self.store.insert_report(new)

    # ------------------------------------------------------------ reading

    def load(self, rid: int) -> Report:
        return self.store.load_report(rid)

    def is_shipped_genre(self, genre_id: str) -> bool:
        """A genre that comes with the program (read-only), as opposed to a unit template."""
        return self.library.is_shipped(genre_id)

    @staticmethod
    def package_kind(path: Path | str) -> str:
        """"template" for a 提纲包, "report" for anything else (the report reader then judges it)."""
        from models.templates import package_kind

        return package_kind(path)

    def report_exists(self, rid: int) -> bool:
        """Whether a report with this id is stored (in the recycle bin too)."""
        return self.store.report_exists(rid)

    def outline(self, report: Report, options: outline.OutlineOptions | None = None) -> list[outline.Block]:
        return outline.build_outline(report, self.genre_of(report), options)

    def check(self, report: Report) -> list[checks.Finding]:
        """Every finding, in document order: the report's own checks and the typed 同比 / 环比
        percentages its figures and the earlier period's do not bear out (models/compare.py)."""
        genre = self.genre_of(report)
        found = checks.run_checks(report, genre)
        claims = self.comparison_findings(report)
        return checks.in_document_order(found + claims, checks.field_order(report, genre)) if claims else found

    def title(self, report: Report) -> str:
        return outline.title_text(report, self.genre_of(report))

    def summaries(self, *, deleted: bool = False, ids: list[int] | None = None) -> list[ReportSummary]:
        """The list rows: every report (in the recycle bin with ``deleted``), most recently edited first,
        or just those of ``ids`` (among them, those in the list or the bin as ``deleted`` says), in that order."""
        self.refresh_index()
        if ids is None:
            return [self._summary(row) for row in self.store.list_reports(deleted=deleted)]
        return [self._summary(row) for row in self.store.list_rows(ids) if (row["deleted"] is not None) == deleted]

    def _summary(self, row: dict) -> ReportSummary:
        values = row["values"]
        genre = (self.library.get(row["genre_id"], row["genre_version"]).name
                 if self.library.has(row["genre_id"], row["genre_version"]) else row["genre_id"])
        return ReportSummary(row["id"], row["title"] or "（无标题）", values.get("front.unit", ""),
                             _period_label(values.get("front.period", "")), genre, row["updated"],
                             row["progress"] or 0, row["problems"] or 0, row["deleted"])

    def report_ids(self, query: str = "", *, deleted: bool = False, sort: str = "updated", descending: bool = True,
                   limit: int | None = None, offset: int = 0) -> list[int]:
        """The reports list (search results when ``query`` has words) as ids in order, a page at a time:
        the start page shows the first page at once and asks summaries() only for the rows it shows.

        ``sort``: updated, title, unit, period, genre (by name), progress or problems (LIST_SORTS).
        """
        if not offset:
            self.refresh_index()  # edited reports' list columns and search text, before the first page
        genres: list[str] = []
        if sort == "genre":
            names = {g: self.library.get(g).name if self.library.has(g) else g for g in self.store.genre_ids()}
            genres = sorted(names, key=lambda g: (names[g], g))
        return self.store.report_ids(clean_text(query), deleted=deleted, sort=sort, descending=descending,
                                     genres=genres, limit=limit, offset=offset)

    def report_count(self, *, deleted: bool = False) -> int:
        """How many reports are in the list (or, with ``deleted``, in the recycle bin)."""
        return self.store.count_reports(deleted=deleted)

    def refresh_index(self) -> None:
        for rid in self.store.stale_reports():
            report = self.load(rid)
            if not self.library.has(report.genre_id, report.genre_version):
                continue
            genre = self.genre_of(report)
            # the unit too: a speech prints no unit, yet officers search by it
            text = "\n".join([report.get("front.unit"), *outline.outline_text(outline.build_outline(report, genre))])
            self.store.save_index(rid, text=text, title=outline.title_text(report, genre),
                                  progress=checks.completion(report, genre),
                                  problems=len(checks.needs_attention(self.check(report))))

    def search(self, query: str, *, deleted: bool = False) -> list[ReportSummary]:
        self.refresh_index()
        return self.summaries(deleted=deleted, ids=self.store.search(clean_text(query), deleted=deleted))

    # ------------------------------------------------------------ editing

    def set_value(self, rid: int, address: str, value: str) -> str:
        return self.store.set_value(rid, address, clean_text(value))

    def set_values(self, rid: int, changes: dict[str, str]) -> str:
        return self.store.set_values(rid, {a: clean_text(v) for a, v in changes.items()})

    def add_item(self, report: Report, part: str, *, parent: str | None = None, after: str | None = None,
                 area: str | None = None) -> Item:
        """Insert a new item (or a point under ``parent``) after ``after`` or at the end; saved at once."""
        if parent:
            owner = report.find_item(parent)
            if owner is None or report.depth(owner) >= MAX_DEPTH:
                raise ValueError("不能再往下分级")
        item = Item(id=report.new_item_id(), part=part, parent=parent, area=area)
        if area:
            item.figures = list(get_area(area).figures)
        siblings = report.siblings(item)
        index = len(siblings)
        if after:
            index = next((n + 1 for n, s in enumerate(siblings) if s.id == after), index)
        siblings.insert(index, item)
        report.updated = self.store.replace_items(report.id, report)
        return item

    def remove_item(self, report: Report, item_id: str) -> tuple[Item, int, dict[str, str]]:
        """Remove an item and everything under it. Returns what undo needs to put it back."""
        item = report.find_item(item_id)
        if item is None:
            raise KeyError(item_id)
        siblings = report.siblings(item)
        index = siblings.index(item)
        ids = {i.id for i in item.walk()}
        values = {a: v for a, v in report.values.items() if a.startswith("item.") and a.split(".")[1] in ids}
        siblings.pop(index)
        for address in values:
            report.values.pop(address, None)
        report.updated = self.store.replace_items(report.id, report)
        return item, index, values

    def restore_item(self, report: Report, item: Item, index: int, values: dict[str, str]) -> None:
        """Undo of remove_item."""
        siblings = report.siblings(item)
        siblings.insert(min(index, len(siblings)), item)
        report.values.update(values)
        with self.store.transaction():
            self.store.replace_items(report.id, report)
            if values:
                self.store.set_values(report.id, values)

    def move_item(self, report: Report, item_id: str, delta: int) -> bool:
        """Move an item up (-1) or down (+1) among its siblings; numbering follows in the outline."""
        item = report.find_item(item_id)
        if item is None:
            raise KeyError(item_id)
        siblings = report.siblings(item)
        index = siblings.index(item)
        target = index + delta
        if not 0 <= target < len(siblings):
            return False
        siblings.insert(target, siblings.pop(index))
        report.updated = self.store.replace_items(report.id, report)
        return True

    # ------------------------------------------------------------ recycle bin

    def delete(self, rid: int) -> None:
        self.store.mark_deleted(rid, True)

    def restore(self, rid: int) -> None:
        self.store.mark_deleted(rid, False)

    def purge(self, rid: int) -> None:
        self.store.purge(rid)

    # ------------------------------------------------------------ packages

    def import_package(self, path: Path | str) -> int:
        report = package.read_package_file(path, self.library)  # validates everything first
        backup.maybe_backup(self.store, "import")  # the data as it was, when changed since the last backup
        templates.adopt_carried(self, report)  # the unit template a format-2 package carries
        return self.store.insert_report(report)

    def read_package(self, path: Path | str) -> Report:
        """A report package read and validated, not stored (check or export a file as it is)."""
        return package.read_package_file(path, self.library)

    def dump_package(self, rid: int, path: Path | str, report: Report | None = None) -> None:
        """Write report ``rid`` as a package; ``report``: the editor's copy, with text not yet saved
        (read-only mode: what is on the screen goes to another computer)."""
        report = report if report is not None else self.load(rid)
        package.write_package(path, report, self.genre_of(report), APP_VERSION)

    # ------------------------------------------------------------ settings

    def setting(self, key: str, default: str = "") -> str:
        if key in self._kept_settings:
            return self._kept_settings[key]
        return self.store.get_setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        """A preference (window size, last folder…). Read-only, it is kept in memory and written once
        the folder can be written again: a preference never stops the officer."""
        if self.store.read_only is None:
            try:
                self.store.set_setting(key, value)
                self._kept_settings.pop(key, None)
                return
            except ReadOnlyModeError:  # this very write found the folder unwritable
                pass
        self._kept_settings[key] = value

    # ------------------------------------------------------------ backups (models/backup.py)

    def backups(self) -> list[backup.BackupInfo]:
        """The automatic backups in <data>/备份/, newest first."""
        return backup.list_backups(self.store.folder)

    def backup_now(self, reason: str = "manual") -> backup.BackupInfo:
        return backup.make_backup(self.store, reason)

    def maybe_backup(self, reason: str = "timer") -> backup.BackupInfo | None:
        """The 30-minute timer: a backup only when something changed since the last one (read-only:
        nothing can have changed, and nothing could be written)."""
        if self.store.read_only is not None:
            return None
        return backup.maybe_backup(self.store, reason)

    def backup_to_folder(self, folder: Path | str) -> Path:
        """立即备份到…: a complete copy of the data in a folder the officer chose."""
        return backup.backup_to_folder(self.store, folder)

    def restore_backup(self, path: Path | str) -> backup.BackupInfo:
        """Replace all data with a backup; the current data is backed up first (returned)."""
        safety = backup.restore_backup(self.store, path)
        self.store.close()
        self._use_store(Store(self.store.folder, on_migrate=backup.before_migration))  # migrates an older backup
        return safety

    # ------------------------------------------------------------ version history (models/history.py)

    def snapshots(self, rid: int) -> list[history.Snapshot]:
        return history.snapshots(self.store, rid)

    def snapshot(self, rid: int, reason: str = "auto", *, force: bool = False) -> int | None:
        """On close, on export and on the editor's timer: only when changed since the last snapshot.
        Read-only, none is taken (the report cannot have changed) and None is returned."""
        if self.store.read_only is not None:
            return None
        try:
            return history.snapshot(self.store, self.library, rid, reason, force=force)
        except ReadOnlyModeError:
            log.info("报告 %s 的历史版本没有保存：数据文件夹无法写入", rid)
            return None

    def load_snapshot(self, sid: int) -> Report:
        return history.load_snapshot(self.store, self.library, sid)

    def snapshot_text(self, sid: int) -> str:
        return history.snapshot_text(self.store, self.library, sid)

    def restore_snapshot(self, rid: int, sid: int) -> Report:
        return history.restore_snapshot(self.store, self.library, rid, sid)
