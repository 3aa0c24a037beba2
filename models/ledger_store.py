"""The SQL of the 工作台账 (tables made by the ``_v5_ledger`` migration step).

It runs on the store's connection and inside its transactions, so a ledger change and a report
change share one database file, one backup and one lock. Every public method raises StoreError
(Chinese), never sqlite3.Error, like the Store itself.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from models.ledger import Entry
from models.store import now
from models.store_errors import sqlite_errors_as_store_errors

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.store import Store

_COLUMNS = "id, date, area, text, figures, created, updated, deleted"
_KEY = re.compile(r"^[A-Za-z0-9_]{1,64}$")  # catalog figure keys are ASCII (genres.py validates them)


def _entry(row: tuple) -> Entry:
    return Entry(id=row[0], date=row[1], area=row[2], text=row[3], figures=json.loads(row[4]), created=row[5],
                 updated=row[6], deleted=row[7])


def _figures_json(figures: dict[str, float]) -> str:
    return json.dumps({k: float(v) for k, v in figures.items()}, separators=(",", ":"))


@sqlite_errors_as_store_errors
class LedgerStore:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        self.path = store.path  # named in the Chinese error messages

    # ---------------------------------------------------------- writing

    def insert(self, entries: Iterable[Entry]) -> list[int]:
        """Store new entries in one transaction; returns their ids in order."""
        stamp = now()
        ids = []
        with self.store.transaction():
            for e in entries:
                cur = self.conn.execute(
                    "INSERT INTO ledger_entries (date, area, text, figures, created, updated)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (e.date, e.area, e.text, _figures_json(e.figures), e.created or stamp, stamp),
                )
                ids.append(int(cur.lastrowid))
        return ids

    def update(self, entry: Entry) -> None:
        with self.store.transaction():
            cur = self.conn.execute(
                "UPDATE ledger_entries SET date = ?, area = ?, text = ?, figures = ?, updated = ? WHERE id = ?",
                (entry.date, entry.area, entry.text, _figures_json(entry.figures), now(), entry.id),
            )
            if cur.rowcount == 0:
                raise KeyError(entry.id)

    def mark_deleted(self, ids: Iterable[int], deleted: bool) -> None:
        stamp = now() if deleted else None
        with self.store.transaction():
            self.conn.executemany("UPDATE ledger_entries SET deleted = ? WHERE id = ?", [(stamp, i) for i in ids])

    def purge(self, ids: Iterable[int]) -> None:
        with self.store.transaction():
            self.conn.executemany("DELETE FROM ledger_entries WHERE id = ?", [(i,) for i in ids])

    # ---------------------------------------------------------- reading

    def _where(self, start: str | None, end: str | None, area: str | None, deleted: bool) -> tuple[str, list]:
        conds = ["deleted IS NOT NULL" if deleted else "deleted IS NULL"]
        args: list = []
        if start:
            conds.append("date >= ?")
            args.append(start)
        if end:
            conds.append("date <= ?")
            args.append(end)
        if area:
            conds.append("area = ?")
            args.append(area)
        return " AND ".join(conds), args

    def entries(self, *, start: str | None = None, end: str | None = None, area: str | None = None,
                deleted: bool = False) -> list[Entry]:
        """Entries in a date range (inclusive, ISO) and area, oldest first (by date, then as entered)."""
        where, args = self._where(start, end, area, deleted)
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM ledger_entries WHERE {where} ORDER BY date, id", args)
        return [_entry(r) for r in rows]

    def get(self, entry_id: int) -> Entry:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM ledger_entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return _entry(row)

    def sums(self, *, start: str | None = None, end: str | None = None,
             area: str | None = None) -> dict[str, dict[str, float]]:
        """Area -> figure key -> sum over the live entries in range (one indexed query)."""
        where, args = self._where(start, end, area, False)
        out: dict[str, dict[str, float]] = {}
        for a, key, total in self.conn.execute(
            f"SELECT e.area, j.key, SUM(j.value) FROM ledger_entries e, json_each(e.figures) j"
            f" WHERE {where} GROUP BY e.area, j.key", args
        ):
            out.setdefault(a, {})[key] = total
        return out

    def latest(self, keys: Iterable[tuple[str, str]], *, start: str | None = None,
               end: str | None = None) -> dict[tuple[str, str], float]:
        """(area, key) -> the value of the latest-dated live entry in range that has it (stock figures)."""
        where, args = self._where(start, end, None, False)
        out = {}
        for a, key in keys:
            if not _KEY.match(key):
                continue
            path = f'$."{key}"'
            row = self.conn.execute(
                f"SELECT json_extract(figures, ?) FROM ledger_entries WHERE {where} AND area = ?"
                f" AND json_type(figures, ?) IS NOT NULL ORDER BY date DESC, id DESC LIMIT 1",
                [path, *args, a, path],
            ).fetchone()
            if row is not None:
                out[(a, key)] = row[0]
        return out

    def counts(self, *, start: str | None = None, end: str | None = None,
               area: str | None = None) -> dict[str, int]:
        where, args = self._where(start, end, area, False)
        return dict(self.conn.execute(f"SELECT area, count(*) FROM ledger_entries WHERE {where} GROUP BY area", args))

    def dates(self) -> list[str]:
        """One date per year that has live entries (for the period filter)."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT substr(date, 1, 4) || '-01-01' FROM ledger_entries WHERE deleted IS NULL")]

    def count_deleted(self) -> int:
        return self.conn.execute("SELECT count(*) FROM ledger_entries WHERE deleted IS NOT NULL").fetchone()[0]

    def signatures(self, start: str, end: str) -> set[tuple]:
        """(date, area, text, figures) of the live entries in range: an import skips rows already there."""
        return {(e.date, e.area, e.text, tuple(sorted(e.figures.items())))
                for e in self.entries(start=start, end=end)}
