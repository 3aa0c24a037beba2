"""Unit templates (本单位提纲): a report's structure saved under a name, reused for new reports.

A unit template is a genre (models/genres.py) that lives in the database instead of the program:
the same JSON, with its own ``id`` and ``version``, plus ``based_on`` (the genre it started from)
and, per part, ``preset`` items (the items and figures with units a new report starts with).
Changing a template stores a new version; a report keeps the version it was written with, as it
does with the shipped genres, which stay read-only.

A template travels as a template package (提纲包, docs/package-format.md): one JSON file with
``"format": "zongjie-outline"``. Reading validates all of it before anything is stored.
"""

from __future__ import annotations

import copy
import datetime as _dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models import structure
from models.atomic import os_error_text, write_bytes_atomic
from models.genres import GenreError, parse_genre
from models.report import ITEM
from models.text import clean_text
from models.userjson import load_user_json

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.genres import Genre, GenreLibrary
    from models.report import Report
    from models.service import ReportService
    from models.store import Store

FORMAT = "zongjie-outline"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_SECTIONS = 100
MAX_STRING = 20_000  # one guidance text; a page of guidance is ~1,000 characters
MAX_LIST = 200  # front fields, presets of a part, figures of a preset
MAX_NAME = 60
ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
_PACKAGE = {"format", "format_version", "app_version", "exported", "template"}
_GUIDE = {"label", "guidance", "example", "required", "suggested"}
_FIELDS: dict[str, set[str]] = {
    "root": {"schema", "id", "version", "name", "short_name", "description", "kind", "periods", "title", "subtitle",
             "salutation", "signature", "suggested", "front", "intro", "parts", "closing", "based_on"},
    "front": {"key", "label", "kind", "required", "guidance", "example"},
    "guide": _GUIDE,
    "part": _GUIDE | {"key", "title", "items", "source", "lead", "min_items", "default_items", "suggested_items",
                      "default", "preset"},
    "level": {"label", "style", "guidance", "example_heading", "example_body", "points"},
    "preset": {"heading", "area", "figures"},
    "figure": {"key", "label", "unit"},
    "based_on": {"id", "version"},
}


class TemplateError(ValueError):
    """A template or template package that cannot be used; the message is Chinese, nothing was stored."""


def _fail(msg: str) -> None:
    raise TemplateError(msg)


# ------------------------------------------------------------------ validation


def _check_strings(value: Any, where: str, name: str) -> None:
    if isinstance(value, str):
        if len(value) > MAX_STRING:
            _fail(f"{name} 的 {where} 有 {len(value)} 个字符，超过上限 {MAX_STRING}，不像是提纲。")
    elif isinstance(value, list):
        if len(value) > MAX_LIST and where != "parts":
            _fail(f"{name} 的 {where} 有 {len(value)} 项，超过上限 {MAX_LIST}。")
        for n, v in enumerate(value):
            _check_strings(v, f"{where}[{n}]", name)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_strings(v, f"{where}.{k}" if where else k, name)


def _only(data: Any, kind: str, where: str, name: str) -> None:
    if not isinstance(data, dict):
        _fail(f"{name} 的 {where or '提纲'} 应为对象（{{…}}）。")
    unknown = set(data) - _FIELDS[kind]
    if unknown:
        _fail(f"{name} 的 {where or '提纲'} 含有无法识别的字段：{', '.join(sorted(unknown))}。")


def _check_level(data: Any, where: str, name: str, level: int) -> None:
    _only(data, "level", where, name)
    if "points" in data:
        if level >= 4:
            _fail(f"{name} 的 {where}.points 层级超过四级（一、（一）1.（1）之外不再分级）。")
        _check_level(data["points"], f"{where}.points", name, level + 1)


def _check_fields(data: Any, name: str) -> None:
    """Unknown fields anywhere, nesting deeper than four levels, too many parts or too long strings."""
    _only(data, "root", "", name)
    _check_strings(data, "", name)
    for n, f in enumerate(data.get("front") or []):
        _only(f, "front", f"front[{n}]", name)
    for key in ("intro", "closing"):
        if data.get(key) is not None:
            _only(data[key], "guide", key, name)
    if data.get("based_on") is not None:
        _only(data["based_on"], "based_on", "based_on", name)
    parts = data.get("parts")
    if isinstance(parts, list) and len(parts) > MAX_SECTIONS:
        _fail(f"{name} 有 {len(parts)} 个部分，超过上限 {MAX_SECTIONS}，不像是提纲。")
    for n, part in enumerate(parts if isinstance(parts, list) else []):
        where = f"parts[{n}]"
        _only(part, "part", where, name)
        if part.get("lead") is not None:
            _only(part["lead"], "guide", f"{where}.lead", name)
        if part.get("items") is not None:
            _check_level(part["items"], f"{where}.items", name, 2)
        for m, preset in enumerate(part.get("preset") or []):
            _only(preset, "preset", f"{where}.preset[{m}]", name)
            for k, fig in enumerate(preset.get("figures") or []):
                _only(fig, "figure", f"{where}.preset[{m}].figures[{k}]", name)


def parse_definition(data: Any, library: GenreLibrary, name: str = "提纲") -> Genre:
    """A unit template from its JSON, validated in full (TemplateError in Chinese)."""
    _check_fields(data, name)
    tid = data.get("id")
    if not isinstance(tid, str) or not ID.match(tid):
        _fail(f"{name} 的编号（id）“{tid}”无效：只能用小写英文字母、数字和下划线，以字母开头，2 到 40 个字符。")
    if library.is_shipped(tid):
        _fail(f"{name} 的编号“{tid}”与本程序内置的体裁相同。内置体裁不能被替换；"
              f"如要在它的基础上修改，请把 id 改成别的名字（如 {tid}_unit）后再导入。")
    try:
        genre = parse_genre(data, name, unit=True, what="提纲")
    except GenreError as exc:
        raise TemplateError(str(exc)) from exc
    if len(genre.name) > MAX_NAME:
        _fail(f"{name} 的名称超过 {MAX_NAME} 个字。")
    from models.catalog import load_catalog

    areas = {a.id for a in load_catalog()}
    for part in genre.parts:
        for preset in part.preset:
            if preset.area is not None and preset.area not in areas:
                _fail(f"{name} 的部分“{part.guide.label}”用了本程序没有的工作板块“{preset.area}”。")
    return genre


def read_template_package(raw: bytes | str, library: GenreLibrary, name: str = "提纲包") -> Genre:
    data = load_user_json(raw, name, "提纲包", MAX_FILE_BYTES, TemplateError)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        _fail(f"{name} 不是本程序的提纲包（缺少 \"format\": \"{FORMAT}\"）。")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        _fail(f"{name} 的 format_version 无效。")
    if version < FORMAT_VERSION:
        _fail(f"{name} 的格式版本 {version} 过旧，本程序读取格式 {FORMAT_VERSION}。请用新版本程序重新导出。")
    if version > FORMAT_VERSION:
        _fail(f"{name} 由更新版本的程序导出（格式 {version}），本程序只能读取格式 {FORMAT_VERSION}。"
              "请升级程序后再导入。")
    unknown = set(data) - _PACKAGE
    if unknown:
        _fail(f"{name} 含有无法识别的字段：{', '.join(sorted(unknown))}。")
    for key in ("app_version", "exported"):
        if not isinstance(data.get(key, ""), str) or len(data.get(key, "")) > 40:
            _fail(f"{name} 的 {key} 无效。")
    return parse_definition(data.get("template"), library, name)


def read_template_file(path: Path | str, library: GenreLibrary) -> Genre:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            _fail(f"文件 {path.name} 超过提纲包大小上限 {MAX_FILE_BYTES // 1024 // 1024} MB，"
                  "不像是本程序导出的提纲包。")
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"无法读取文件 {path.name}：{os_error_text(exc, reading=True)}。") from exc
    return read_template_package(raw, library, path.name)


def package_kind(path: Path | str) -> str:
    """"report" or "template": which package a file is (by its ``format``); "" when it is neither
    (the report package reader then says what is wrong with it)."""
    path = Path(path)
    try:
        if path.stat().st_size > 50 * 1024 * 1024:
            return ""
        head = path.read_bytes()
    except OSError:
        return ""
    match = re.search(rb'"format"\s*:\s*"([a-z-]+)"', head)
    if not match:
        return ""
    return {"zongjie-report": "report", FORMAT: "template"}.get(match.group(1).decode(), "")


# ------------------------------------------------------------------ writing


def definition(genre: Genre) -> dict[str, Any]:
    return json.loads(genre.definition)


def template_package(genre: Genre, app_version: str = "") -> dict[str, Any]:
    """The 提纲包 of a unit template or of a shipped genre (its id must then be changed to import it)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "exported": _dt.datetime.now().isoformat(timespec="seconds"),
        "template": definition(genre),
    }


def write_template_package(path: Path | str, genre: Genre, app_version: str = "") -> None:
    text = json.dumps(template_package(genre, app_version), ensure_ascii=False, indent=2) + "\n"
    write_bytes_atomic(Path(path), text.encode("utf-8"))


def _pattern(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")  # the officer's braces are text, not placeholders


def _level_json(level: Any, fallback: dict[str, Any] | None) -> dict[str, Any]:
    data = {k: v for k, v in (fallback or {}).items() if k != "points"}
    data.setdefault("label", level.label)
    data["style"] = level.style
    return data


def definition_from_report(report: Report, genre: Genre, *, template_id: str, version: int, name: str,
                           keep_headings: bool = False) -> dict[str, Any]:
    """The unit template of a report's structure: its sections (titles, guidance, heading forms, leads'
    guidance) and, per section, its top-level items' work areas and figures (with headings if asked)."""
    base = structure.base_genre(genre)
    shaped = structure.shape(report, base)
    data = definition(base)
    base_parts = {p["key"]: p for p in data.get("parts", [])}
    parts = []
    for n, sec in enumerate(structure.sections(report, base), start=1):
        part = shaped.part(sec.key)
        custom = " ".join(report.get(f"part.{sec.key}.title").split())
        if not custom and not part.title:
            _fail(f"第{n}个部分还没有标题，请先填写标题，再保存为提纲。")
        src = copy.deepcopy(base_parts.get(sec.part or "", {}))
        entry: dict[str, Any] = src or {
            "label": custom or structure.BLANK_GUIDE.label,
            "guidance": structure.BLANK_GUIDE.guidance,
        }
        entry["key"] = sec.key
        entry["title"] = _pattern(custom) if custom else part.title
        if custom and not src:
            entry["label"] = custom
        entry["default"] = True
        items = _level_json(part.items, src.get("items"))
        points = _level_json(part.points, (src.get("items") or {}).get("points"))
        points["points"] = _level_json(part.subpoints, ((src.get("items") or {}).get("points") or {}).get("points"))
        items["points"] = points
        entry["items"] = items
        if report.get(f"part.{sec.key}.lead").strip() and "lead" not in entry:
            entry["lead"] = {"label": structure.GENERIC_LEAD.label, "guidance": structure.GENERIC_LEAD.guidance}
        presets = []
        for item in report.items.get(sec.key, []):
            if item.kind != ITEM:
                continue
            heading = " ".join(report.get(f"item.{item.id}.heading").split()) if keep_headings else ""
            if item.area or item.figures or heading:
                preset: dict[str, Any] = {}
                if heading:
                    preset["heading"] = heading
                if item.area:
                    preset["area"] = item.area
                if item.figures:
                    preset["figures"] = [{"key": f.key, "label": f.label, "unit": f.unit} for f in item.figures]
                presets.append(preset)
        if presets:
            entry["preset"] = presets
            entry["source"] = "free"
        else:
            entry.pop("preset", None)
        parts.append(entry)
    if not parts:
        _fail("这份报告还没有任何部分，无法保存为提纲。")
    name = " ".join(clean_text(name).split())
    if not name:
        _fail("请给提纲起一个名字，如“示例县乡镇宣传工作总结提纲”。")
    data.update(id=template_id, version=version, name=name, short_name=name, parts=parts,
                description=f"本单位提纲，由“{structure.base_genre(genre).name}”的一份报告保存。",
                based_on={"id": base.based_on[0], "version": base.based_on[1]} if base.based_on
                else {"id": base.id, "version": base.version})
    return data


# ------------------------------------------------------------------ the library side


class UnitTemplates:
    """Finds unit templates in the database for a GenreLibrary (``library.units``)."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store
        self._parsed: dict[str, Genre] = {}

    def __call__(self, template_id: str, version: int | None) -> Genre | None:
        row = self._store().template_row(template_id, version)
        return self.genre(row) if row else None

    def genre(self, row: dict) -> Genre | None:
        digest = hashlib.sha256(row["definition"].encode("utf-8")).hexdigest()
        if digest not in self._parsed:
            try:
                self._parsed[digest] = parse_genre(json.loads(row["definition"]), row["name"], unit=True,
                                                   what="提纲")
            except (GenreError, ValueError):  # validated when stored; a damaged row must not stop the program
                return None
        return self._parsed[digest]


def attach(service: ReportService, library: GenreLibrary) -> GenreLibrary:
    """A copy of ``library`` that also finds the unit templates of the service's (current) store."""
    lib = copy.copy(library)
    lib.units = UnitTemplates(lambda: service.store)
    return lib


@dataclass(frozen=True)
class TemplateInfo:
    """One unit template in a list: the newest version, and how many reports were written with it."""

    id: str
    version: int
    name: str
    created: str
    reports: int
    genre: Genre


class TemplateMixin:
    """The unit-template API of ReportService (models/service.py inherits it). See docs/architecture.md."""

    def unit_templates(self: ReportService) -> list[TemplateInfo]:
        """The unit templates (newest version of each, deleted ones left out), newest first."""
        units = self.library.units
        newest: dict[str, dict] = {}
        for row in self.store.template_rows():
            newest[row["id"]] = row
        out = []
        for row in newest.values():
            genre = units.genre(row) if isinstance(units, UnitTemplates) else None
            if genre is not None:
                out.append(TemplateInfo(row["id"], row["version"], row["name"], row["created"],
                                        self.store.template_in_use(row["id"]), genre))
        return sorted(out, key=lambda t: (t.created, t.id), reverse=True)

    def get_template(self: ReportService, template_id: str, version: int | None = None) -> Genre:
        """A unit template or a shipped genre (read-only); KeyError when there is none."""
        return self.library.get(template_id, version)

    def _store_template(self: ReportService, data: dict[str, Any], name: str = "提纲") -> Genre:
        genre = parse_definition(data, self.library, name)
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        self.store.insert_template(genre.id, genre.version, genre.name, text,
                                   _dt.datetime.now().isoformat(timespec="seconds"))
        return self.library.get(genre.id, genre.version)

    def save_as_template(self: ReportService, report: Report, name: str, *, template_id: str | None = None,
                         keep_headings: bool = False) -> Genre:
        """Save a report's structure as a new unit template, or as the next version of ``template_id``."""
        if template_id is None:
            template_id = f"unit_{secrets.token_hex(4)}"
        elif self.library.is_shipped(template_id):
            _fail("内置体裁不能修改，请另存为本单位提纲。")
        version = self.store.template_max_version(template_id) + 1
        data = definition_from_report(report, self.base_genre_of(report), template_id=template_id,
                                      version=version, name=name, keep_headings=keep_headings)
        return self._store_template(data)

    def template_definition(self: ReportService, template_id: str, version: int | None = None) -> dict[str, Any]:
        """The JSON of a template (or shipped genre) to edit; save it with ``save_template``."""
        return definition(self.library.get(template_id, version))

    def save_template(self: ReportService, data: dict[str, Any]) -> Genre:
        """Store an edited template as its next version (a new template when its id is new)."""
        data = copy.deepcopy(data)
        tid = data.get("id")
        if isinstance(tid, str) and self.library.is_shipped(tid):
            _fail("内置体裁不能修改。请先“另存为本单位提纲”，再修改那一份。")
        if isinstance(tid, str):
            data["version"] = self.store.template_max_version(tid) + 1
        return self._store_template(data)

    def delete_template(self: ReportService, template_id: str) -> bool:
        """Remove a unit template from the list; the versions reports were written with stay, so those
        reports still open. False when there is no such template."""
        if self.library.is_shipped(template_id):
            _fail("内置体裁不能删除。")
        return self.store.delete_template(template_id, _dt.datetime.now().isoformat(timespec="seconds"))

    def export_template(self: ReportService, template_id: str, path: Path | str) -> None:
        from models.version import APP_VERSION

        write_template_package(path, self.library.get(template_id), APP_VERSION)

    def import_template(self: ReportService, path: Path | str) -> Genre:
        """Read a 提纲包 (validated in full first) and store it. The same template again is not stored
        twice; a different one under a version this PC already has becomes the next version here."""
        genre = read_template_file(path, self.library)
        return self.adopt_template(genre)

    def adopt_template(self: ReportService, genre: Genre) -> Genre:
        """Store a validated unit template unless this PC has it already; returns the stored one."""
        row = self.store.template_row(genre.id, genre.version)
        text = json.dumps(json.loads(genre.definition), ensure_ascii=False, sort_keys=True)
        if row is not None and json.loads(row["definition"]) == json.loads(text):
            if row["deleted"]:  # imported again after it was deleted: back in the list
                self.store.undelete_template(genre.id)
            return self.library.get(genre.id, genre.version)
        data = json.loads(text)
        if row is not None:
            data["version"] = self.store.template_max_version(genre.id) + 1
        return self._store_template(data)


def adopt_carried(service: ReportService, report: Report) -> None:
    """Before a report read from a package is stored: store the unit template it carries (unless this
    PC has it) and point the report at the version stored."""
    if report.template is None:
        return
    stored = service.adopt_template(report.template)
    report.genre_id, report.genre_version, report.template = stored.id, stored.version, None
