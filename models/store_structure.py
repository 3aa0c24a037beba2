"""SQL for the report structure and the unit templates, used by models/store.py.

Schema 4 (models/migrations.py) adds, without touching any existing row:
- ``reports.structure``: the report's own sections and heading forms as JSON; NULL for every report
  written before (the report then has its genre's parts, exactly as before);
- ``report_items.kind`` / ``report_items.options``: enumerations (一是……) and their entries live in
  the item tree; every existing row is an ordinary item (kind 'item');
- ``unit_templates``: 本单位提纲, one row per template version (the genre JSON of models/genres.py),
  so a report reopens with the template version it was written with.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from models.report import ENUM, ITEM, Report, Section

if TYPE_CHECKING:
    import sqlite3



# ------------------------------------------------------------------ the report structure


def structure_json(report: Report) -> str | None:
    """What ``reports.structure`` holds: None while the report keeps its genre's parts and forms."""
    if report.sections is None and not report.heading_forms:
        return None
    data: dict[str, Any] = {}
    if report.sections is not None:
        data["sections"] = [{"key": s.key, "part": s.part} for s in report.sections]
    if report.heading_forms:
        data["heading_forms"] = {str(level): form for level, form in sorted(report.heading_forms.items())}
    return json.dumps(data, ensure_ascii=False)


def apply_structure_json(report: Report, text: str | None) -> None:
    if not text:
        return
    data = json.loads(text)
    if "sections" in data:
        report.sections = [Section(s["key"], s.get("part")) for s in data["sections"]]
    report.heading_forms = {int(k): v for k, v in data.get("heading_forms", {}).items()}


def item_options(kind: str, style: str, layout: str) -> str:
    return json.dumps({"style": style, "layout": layout}) if kind == ENUM else "{}"


def read_options(kind: str | None, options: str | None) -> tuple[str, str, str]:
    """(kind, style, layout) of an item row."""
    kind = kind or ITEM
    data = json.loads(options or "{}") if kind == ENUM else {}
    return kind, data.get("style", ""), data.get("layout", "")


def write_structure(conn: sqlite3.Connection, rid: int, report: Report) -> None:
    conn.execute("UPDATE reports SET structure = ? WHERE id = ?", (structure_json(report), rid))


def read_structure(conn: sqlite3.Connection, rid: int, report: Report) -> None:
    row = conn.execute("SELECT structure FROM reports WHERE id = ?", (rid,)).fetchone()
    apply_structure_json(report, row[0] if row else None)


# ------------------------------------------------------------------ unit templates


class TemplateRows:
    """The unit-template table, mixed into Store (which provides ``conn`` and ``transaction``)."""

    conn: sqlite3.Connection

    def template_rows(self, *, deleted: bool = False) -> list[dict]:
        """Every stored version: id, version, name, definition, created, deleted (oldest first)."""
        cond = "" if deleted else " WHERE deleted IS NULL"
        rows = self.conn.execute(
            f"SELECT id, version, name, definition, created, deleted FROM unit_templates{cond} ORDER BY id, version"
        )
        keys = ("id", "version", "name", "definition", "created", "deleted")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def template_row(self, template_id: str, version: int | None = None) -> dict | None:
        """One version (the newest not deleted when ``version`` is None); deleted ones stay readable by version."""
        if version is None:
            row = self.conn.execute(
                "SELECT id, version, name, definition, created, deleted FROM unit_templates"
                " WHERE id = ? AND deleted IS NULL ORDER BY version DESC LIMIT 1", (template_id,)).fetchone()
        else:
            row = self.conn.execute(
                "SELECT id, version, name, definition, created, deleted FROM unit_templates"
                " WHERE id = ? AND version = ?", (template_id, version)).fetchone()
        if row is None:
            return None
        return dict(zip(("id", "version", "name", "definition", "created", "deleted"), row, strict=True))

    def template_max_version(self, template_id: str) -> int:
        row = self.conn.execute("SELECT max(version) FROM unit_templates WHERE id = ?", (template_id,)).fetchone()
        return row[0] or 0

    def insert_template(self, template_id: str, version: int, name: str, definition: str, created: str) -> None:
        with self.transaction():  # type: ignore[attr-defined]
            self.conn.execute(
                "INSERT INTO unit_templates (id, version, name, definition, created) VALUES (?, ?, ?, ?, ?)",
                (template_id, version, name, definition, created))

    def delete_template(self, template_id: str, stamp: str) -> bool:
        """Hide every version; versions no report (recycle bin included) uses are removed. False if unknown."""
        with self.transaction():  # type: ignore[attr-defined]
            cur = self.conn.execute("UPDATE unit_templates SET deleted = ? WHERE id = ? AND deleted IS NULL",
                                    (stamp, template_id))
            self.conn.execute(
                "DELETE FROM unit_templates WHERE id = ? AND version NOT IN"
                " (SELECT genre_version FROM reports WHERE genre_id = ?)", (template_id, template_id))
        return cur.rowcount > 0

    def undelete_template(self, template_id: str) -> None:
        with self.transaction():  # type: ignore[attr-defined]
            self.conn.execute("UPDATE unit_templates SET deleted = NULL WHERE id = ?", (template_id,))

    def template_in_use(self, template_id: str) -> int:
        """How many reports (recycle bin included) were written with any version of the template."""
        return self.conn.execute("SELECT count(*) FROM reports WHERE genre_id = ?", (template_id,)).fetchone()[0]
