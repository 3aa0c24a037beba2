"""Version history of one report: snapshots of the whole report package, kept in the database.

A snapshot is the report package (models/package.py, the same JSON an export writes) stored in
the ``snapshots`` table with its time and the reason. One is taken when a report is closed, when
it is exported, and every ``SNAPSHOT_INTERVAL_MS`` while it is edited (the UI timer) — each only
when the report changed since its last snapshot. Restoring a snapshot first snapshots the current
state, then replaces the report's values and items in one transaction, so nothing is ever lost.

The functions take the store and the genre library (the service passes its own), not the service:
the service calls history, so history calling back into the service would make a circle.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models import outline, package
from models.backup import retained

if TYPE_CHECKING:
    from models.genres import GenreLibrary
    from models.report import Report
    from models.store import Store

SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000  # the editor's timer that calls snapshot(..., "auto")

REASONS = {
    "auto": "编辑中自动保存",
    "close": "关闭时",
    "export": "导出时",
    "restore": "恢复前",
    "import": "导入时",
    "manual": "手动",
}
_KEEP_ALWAYS = {"export", "restore"}  # what was sent to superiors, and what a restore replaced
_KEEP_MAX_ALWAYS = 100


class HistoryError(ValueError):
    """A version cannot be shown or restored; the message is Chinese."""


@dataclass(frozen=True)
class Snapshot:
    id: int
    report_id: int
    time: str  # ISO, seconds
    reason: str
    size: int  # characters of the stored package

    @property
    def label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def time_text(self) -> str:
        t = _dt.datetime.fromisoformat(self.time)
        return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"


def _package(library: GenreLibrary, report: Report) -> tuple[str, str]:
    """(JSON text, digest of the content); the digest ignores times and the program version."""
    data = package.to_package(report, library.get(report.genre_id, report.genre_version))
    content = {k: v for k, v in data.items() if k not in ("updated", "app_version", "exported")}
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    return json.dumps(data, ensure_ascii=False), digest


def snapshot(store: Store, library: GenreLibrary, rid: int, reason: str = "auto", *, force: bool = False,
             now: _dt.datetime | None = None) -> int | None:
    """Snapshot a report when it changed since its last snapshot (or ``force``); returns the new id."""
    try:
        report = store.load_report(rid)
        text, digest = _package(library, report)
    except KeyError:  # the report is gone, or its genre version is unknown to this program
        return None
    if not force and store.last_snapshot_digest(rid) == digest:
        return None
    stamp = (now or _dt.datetime.now()).isoformat(timespec="seconds")
    with store.transaction():
        sid = store.add_snapshot(rid, stamp, reason, digest, text)
    prune(store, rid, now=now)
    return sid


def snapshots(store: Store, rid: int) -> list[Snapshot]:
    """Newest first."""
    return [Snapshot(r["id"], rid, r["time"], r["reason"], r["size"]) for r in store.list_snapshots(rid)]


def load_snapshot(store: Store, library: GenreLibrary, sid: int) -> Report:
    """The report as it was (read-only view: not stored)."""
    try:
        row = store.get_snapshot(sid)
    except KeyError:
        raise HistoryError("该历史版本已不存在。") from None
    try:
        report = package.parse_package(row["package"], library, "历史版本")
    except package.PackageError as exc:
        raise HistoryError(f"无法读取 {row['time']} 的历史版本：{exc}") from exc
    report.id = row["report_id"]
    return report


def snapshot_text(store: Store, library: GenreLibrary, sid: int) -> str:
    """The snapshot as the printed text (one line per paragraph), for the read-only view."""
    report = load_snapshot(store, library, sid)
    genre = library.get(report.genre_id, report.genre_version)
    return "\n".join(outline.outline_text(outline.build_outline(report, genre)))


def restore_snapshot(store: Store, library: GenreLibrary, rid: int, sid: int, *,
                     now: _dt.datetime | None = None) -> Report:
    """Make a report what it was at a snapshot. The current state is snapshotted first."""
    old = load_snapshot(store, library, sid)
    if old.id != rid:
        raise HistoryError("该历史版本不属于这份报告。")
    with store.transaction():  # the safety snapshot and the replacement succeed or fail together
        snapshot(store, library, rid, "restore", force=True, now=now)
        store.replace_report(rid, old)
    return store.load_report(rid)


def prune(store: Store, rid: int, *, now: _dt.datetime | None = None) -> int:
    """Thin a report's snapshots like the backups; export and restore snapshots are kept (the last 100)."""
    now = now or _dt.datetime.now()
    rows = snapshots(store, rid)
    normal = [s for s in rows if s.reason not in _KEEP_ALWAYS]
    keep_times = retained([_dt.datetime.fromisoformat(s.time) for s in normal], now)
    gone = [s.id for s in normal if _dt.datetime.fromisoformat(s.time) not in keep_times]
    kept_always = [s for s in rows if s.reason in _KEEP_ALWAYS]
    gone += [s.id for s in kept_always[_KEEP_MAX_ALWAYS:]]
    if gone:
        store.delete_snapshots(gone)
    return len(gone)
