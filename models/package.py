"""The report package: one report as a versioned JSON file, for backup and moving between PCs.

The format is documented in docs/package-format.md. Reading validates the whole file before
anything is stored; every refusal is a PackageError with a Chinese message.

Format 1 holds the genre's parts; format 2 the report's own sections, heading forms and
enumerations, and the unit template a report was written with (so it opens on another PC).
Writing uses format 1 whenever the report fits in it, so a release that knows only format 1
still reads what most reports export; both are read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from models import structure
from models.atomic import os_error_text, write_bytes_atomic
from models.genres import Genre, GenreLibrary
from models.report import (
    ENTRY,
    ENUM,
    ENUM_LAYOUTS,
    ENUM_STYLES,
    FORM_LEVELS,
    HEADING_FORMS,
    ITEM,
    MAX_DEPTH,
    FigureDef,
    Item,
    Report,
    Section,
)
from models.text import clean_text
from models.userjson import load_user_json

FORMAT = "zongjie-report"
FORMAT_VERSION = 2  # the newest this program reads and writes; 1 is still read (and written when it fits)
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000  # one field; a 1 MB paste fits, a 60 MB string does not
MAX_ITEMS = 20_000
MAX_SECTIONS = 500
_ID = re.compile(r"^[0-9a-zA-Z_-]{1,32}$")
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")
_META = {"format", "format_version", "app_version", "exported", "genre", "created", "updated", "front", "intro",
         "parts", "closing"}
_META_2 = (_META - {"parts"}) | {"sections", "heading_forms", "template"}


class PackageError(ValueError):
    """The file is not an acceptable report package; nothing was stored."""


def _fail(msg: str) -> None:
    raise PackageError(msg)


def read_package_file(path: Path | str, library: GenreLibrary) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageError(f"无法读取文件 {path.name}：{os_error_text(exc, reading=True)}。") from exc
    if size > MAX_FILE_BYTES:
        _fail(f"文件 {path.name} 有 {size // 1024 // 1024} MB，超过报告包上限 {MAX_FILE_BYTES // 1024 // 1024} MB，"
              "不像是本程序导出的报告包。")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackageError(f"无法读取文件 {path.name}：{os_error_text(exc, reading=True)}。") from exc
    return parse_package(raw, library, path.name)


def parse_package(raw: bytes | str, library: GenreLibrary, name: str = "报告包") -> Report:
    data = load_user_json(raw, name, "报告包", MAX_FILE_BYTES, PackageError)
    return _parse(data, library, name)


def _parse(data: Any, library: GenreLibrary, name: str) -> Report:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        _fail(f"{name} 不是本程序的报告包（缺少 \"format\": \"{FORMAT}\"）。")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        _fail(f"{name} 的 format_version 无效。")
    if version > FORMAT_VERSION:
        _fail(f"{name} 由更新版本的程序导出（格式 {version}），本程序只能读取格式 {FORMAT_VERSION}。"
              "请升级程序后再导入。")
    unknown = set(data) - (_META if version == 1 else _META_2)
    if unknown:
        _fail(f"{name} 含有无法识别的字段：{', '.join(sorted(unknown))}。")
    g = data.get("genre")
    if not isinstance(g, dict) or not isinstance(g.get("id"), str) or not isinstance(g.get("version"), int):
        _fail(f"{name} 缺少体裁信息（genre.id 和 genre.version）。")
    carried = _carried_template(data.get("template"), g, library, name) if version >= 2 else None
    if carried is None:
        if not library.has(g["id"]):
            _fail(f"{name} 使用的体裁“{g['id']}”本程序没有，无法导入。")
        if not library.has(g["id"], g["version"]):
            _fail(f"{name} 使用的体裁“{g['id']}”第 {g['version']} 版本程序没有，请升级程序后再导入。")
    genre = carried or library.get(g["id"], g["version"])
    report = Report(genre_id=genre.id, genre_version=genre.version)
    report.template = carried
    for key in ("created", "updated"):
        stamp = data.get(key, "")
        if not isinstance(stamp, str) or len(stamp) > 40:
            _fail(f"{name} 的 {key} 时间无效。")
        setattr(report, key, stamp)
    front = data.get("front", {})
    if not isinstance(front, dict):
        _fail(f"{name} 的 front 应为对象。")
    for key, value in front.items():
        if genre.front_field(key) is None:
            _fail(f"{name} 的 front 含有体裁“{genre.name}”没有的字段“{key}”。")
        report.values[f"front.{key}"] = _text(value, f"front.{key}", name)
    for key in ("intro", "closing"):
        if key in data:
            if key == "closing" and genre.closing is None:
                _fail(f"{name} 含有结束语，但体裁“{genre.name}”没有结束语。")
            report.values[key] = _text(data[key], key, name)
    counter = {"items": 0}
    ids: set[str] = set()
    if version == 1:
        _parts_v1(data.get("parts", {}), genre, report, ids, counter, name)
    else:
        _sections_v2(data.get("sections", []), genre, report, ids, counter, name)
        report.heading_forms = _heading_forms(data.get("heading_forms", {}), name)
    report.values = {k: v for k, v in report.values.items() if v != ""}
    return report


def _carried_template(value: Any, g: dict, library: GenreLibrary, name: str) -> Genre | None:
    """The unit template a format-2 package carries (validated in full), or None when it carries none."""
    if value is None:
        return None
    from models.templates import TemplateError, parse_definition

    try:
        template = parse_definition(value, library, f"{name} 附带的提纲")
    except TemplateError as exc:
        raise PackageError(str(exc)) from exc
    if (template.id, template.version) != (g["id"], g["version"]):
        _fail(f"{name} 附带的提纲（{template.id} 第 {template.version} 版）与报告所用的不一致。")
    return template


def _parts_v1(parts: Any, genre: Genre, report: Report, ids: set[str], counter: dict[str, int], name: str) -> None:
    if not isinstance(parts, dict):
        _fail(f"{name} 的 parts 应为对象。")
    for key, part in parts.items():
        try:
            genre.part(key)
        except KeyError:
            _fail(f"{name} 含有体裁“{genre.name}”没有的部分“{key}”。")
        if not isinstance(part, dict) or set(part) - {"title", "lead", "items"}:
            _fail(f"{name} 的部分“{key}”格式不对（只允许 title、lead、items）。")
        # any section may have a lead now, whether or not its genre part suggests one
        for field in ("title", "lead"):
            if field in part:
                report.values[f"part.{key}.{field}"] = _text(part[field], f"parts.{key}.{field}", name)
        report.items[key] = _items(part.get("items", []), key, None, 1, report, ids, counter, name, 1)


def _sections_v2(value: Any, genre: Genre, report: Report, ids: set[str], counter: dict[str, int],
                 name: str) -> None:
    if not isinstance(value, list):
        _fail(f"{name} 的 sections 应为列表。")
    if len(value) > MAX_SECTIONS:
        _fail(f"{name} 有 {len(value)} 个部分，超过上限 {MAX_SECTIONS}，不是正常的报告。")
    report.sections = []
    for n, sec in enumerate(value, start=1):
        if not isinstance(sec, dict) or set(sec) - {"key", "part", "title", "lead", "items"}:
            _fail(f"{name} 的第 {n} 个部分格式不对（只允许 key、part、title、lead、items）。")
        key, part = sec.get("key"), sec.get("part")
        if not isinstance(key, str) or not _KEY.match(key) or key in report.items:
            _fail(f"{name} 的第 {n} 个部分的 key“{key}”无效或重复。")
        if part is not None and (not isinstance(part, str) or structure.base_part(genre, part) is None):
            _fail(f"{name} 的第 {n} 个部分来自体裁“{genre.name}”没有的部分“{part}”。")
        report.sections.append(Section(key, part))
        for field in ("title", "lead"):
            if field in sec:
                report.values[f"part.{key}.{field}"] = _text(sec[field], f"sections[{n}].{field}", name)
        report.items[key] = _items(sec.get("items", []), key, None, 1, report, ids, counter, name, 2)


def _heading_forms(value: Any, name: str) -> dict[int, str]:
    if not isinstance(value, dict):
        _fail(f"{name} 的 heading_forms 应为对象。")
    out = {}
    for level, form in value.items():
        if level not in {str(lv) for lv in FORM_LEVELS} or form not in HEADING_FORMS:
            _fail(f"{name} 的 heading_forms 只能为二级、三级标题（\"2\"、\"3\"）选择 run_in 或 own_line。")
        out[int(level)] = form
    return out


def _text(value: Any, where: str, name: str) -> str:
    if not isinstance(value, str):
        _fail(f"{name} 的 {where} 应为文字。")
    if len(value) > MAX_TEXT_CHARS:
        _fail(f"{name} 的 {where} 有 {len(value)} 个字符，超过单项上限 {MAX_TEXT_CHARS}。")
    return clean_text(value)


def _new_id(raw: dict, report: Report, ids: set[str], name: str) -> str:
    item_id = raw.get("id") or report.new_item_id()
    while item_id in ids and "id" not in raw:  # generated ids are not yet in the report: avoid those taken
        item_id = report.new_item_id()
    if not isinstance(item_id, str) or not _ID.match(item_id) or item_id in ids:
        _fail(f"{name} 的条目编号“{item_id}”无效或重复。")
    ids.add(item_id)
    return item_id


def _count(counter: dict[str, int], name: str) -> None:
    counter["items"] += 1
    if counter["items"] > MAX_ITEMS:
        _fail(f"{name} 的条目超过 {MAX_ITEMS} 条，不是正常的报告。")


def _enumeration(raw: dict, part: str, parent: str | None, report: Report, ids: set[str],
                 counter: dict[str, int], name: str) -> Item:
    if set(raw) - {"id", "kind", "style", "layout", "entries", "after"}:
        _fail(f"{name} 的部分“{part}”中有格式不对的列举（只允许 id、kind、style、layout、entries、after）。")
    item_id = _new_id(raw, report, ids, name)
    style, layout = raw.get("style", "shi"), raw.get("layout", "own_line")
    if style not in ENUM_STYLES or layout not in ENUM_LAYOUTS:
        _fail(f"{name} 的列举 {item_id} 的 style 或 layout 无效（style：{'、'.join(ENUM_STYLES)}；"
              f"layout：{'、'.join(ENUM_LAYOUTS)}）。")
    enum = Item(id=item_id, part=part, parent=parent, kind=ENUM, style=style, layout=layout)
    if "after" in raw:
        report.values[f"item.{item_id}.body"] = _text(raw["after"], f"列举 {item_id}.after", name)
    entries = raw.get("entries", [])
    if not isinstance(entries, list):
        _fail(f"{name} 的列举 {item_id} 的 entries 应为列表。")
    for entry in entries:
        _count(counter, name)
        if not isinstance(entry, dict) or set(entry) - {"id", "text"}:
            _fail(f"{name} 的列举 {item_id} 中有格式不对的项（只允许 id、text）。")
        entry_id = _new_id(entry, report, ids, name)
        enum.children.append(Item(id=entry_id, part=part, parent=item_id, kind=ENTRY))
        if "text" in entry:
            report.values[f"item.{entry_id}.body"] = _text(entry["text"], f"列举项 {entry_id}", name)
    return enum


def _items(value: Any, part: str, parent: str | None, depth: int, report: Report, ids: set[str],
           counter: dict[str, int], name: str, version: int) -> list[Item]:
    if not isinstance(value, list):
        _fail(f"{name} 的部分“{part}”中 items/points 应为列表。")
    numbered = [raw for raw in value if not (isinstance(raw, dict) and raw.get("kind") == "enumeration")]
    if numbered and depth > MAX_DEPTH:
        _fail(f"{name} 的条目层级超过 {MAX_DEPTH} 级（一、（一）1.（1）之外不再分级）。")
    out = []
    for raw in value:
        _count(counter, name)
        if version >= 2 and isinstance(raw, dict) and raw.get("kind") == "enumeration":
            out.append(_enumeration(raw, part, parent, report, ids, counter, name))
            continue
        if not isinstance(raw, dict) or set(raw) - {"id", "area", "heading", "body", "figures", "points"}:
            _fail(f"{name} 的部分“{part}”中有格式不对的条目。")
        item_id = _new_id(raw, report, ids, name)
        area = raw.get("area")
        if area is not None and not isinstance(area, str):
            _fail(f"{name} 的条目 {item_id} 的 area 应为文字。")
        item = Item(id=item_id, part=part, parent=parent, area=area)
        for field in ("heading", "body"):
            if field in raw:
                report.values[f"item.{item_id}.{field}"] = _text(raw[field], f"条目 {item_id}.{field}", name)
        figures = raw.get("figures", [])
        if not isinstance(figures, list):
            _fail(f"{name} 的条目 {item_id} 的 figures 应为列表。")
        for fig in figures:
            if (not isinstance(fig, dict) or set(fig) - {"key", "label", "unit", "value"}
                    or not all(isinstance(fig.get(k, ""), str) for k in ("key", "label", "unit", "value"))
                    or not fig.get("key") or not fig.get("label")):
                _fail(f"{name} 的条目 {item_id} 有格式不对的数据项（需要 key、label，可选 unit、value）。")
            if any(f.key == fig["key"] for f in item.figures):
                _fail(f"{name} 的条目 {item_id} 的数据项 key“{fig['key']}”重复。")
            item.figures.append(FigureDef(fig["key"], clean_text(fig["label"]), clean_text(fig.get("unit", ""))))
            report.values[f"item.{item_id}.fig.{fig['key']}"] = _text(fig.get("value", ""), "数据", name)
        item.children = _items(raw.get("points", []), part, item_id, depth + 1, report, ids, counter, name, version)
        out.append(item)
    return out


# ------------------------------------------------------------------ writing


def needs_format_2(report: Report, genre: Genre) -> bool:
    """Whether the report holds what format 1 cannot: its own sections or heading forms, an
    enumeration, a unit template, or a section whose key is not a genre part."""
    base = structure.base_genre(genre)
    return (report.sections is not None or bool(report.heading_forms) or base.unit
            or any(i.kind != ITEM for i in report.all_items()))


def to_package(report: Report, genre: Genre, app_version: str = "") -> dict[str, Any]:
    """The package of a report (format 1 when it fits, else format 2); ``genre`` shaped or not."""
    get = report.get
    base = structure.base_genre(genre)
    version = 2 if needs_format_2(report, base) else 1

    def item_dict(item: Item) -> dict[str, Any]:
        if item.kind == ENUM:
            d = {"id": item.id, "kind": "enumeration", "style": item.style, "layout": item.layout,
                 "entries": [{"id": e.id, "text": get(f"item.{e.id}.body")} for e in item.children]}
            if get(f"item.{item.id}.body"):
                d["after"] = get(f"item.{item.id}.body")
            return d
        d: dict[str, Any] = {"id": item.id}
        if item.area:
            d["area"] = item.area
        d["heading"] = get(f"item.{item.id}.heading")
        d["body"] = get(f"item.{item.id}.body")
        if item.figures:
            d["figures"] = [
                {"key": f.key, "label": f.label, "unit": f.unit, "value": get(f"item.{item.id}.fig.{f.key}")}
                for f in item.figures
            ]
        if item.children:
            d["points"] = [item_dict(c) for c in item.children]
        return d

    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": version,
        "app_version": app_version,
        "genre": {"id": base.id, "version": base.version},
        "created": report.created,
        "updated": report.updated,
        "front": {f.key: get(f"front.{f.key}") for f in base.front if get(f"front.{f.key}")},
        "intro": get("intro"),
    }
    if base.unit:
        data["template"] = json.loads(base.definition)
    if report.heading_forms:
        data["heading_forms"] = {str(k): v for k, v in sorted(report.heading_forms.items())}
    sections = structure.sections(report, base)
    if version == 1:
        data["parts"] = {}
    else:
        data["sections"] = []
    for sec in sections:
        entry: dict[str, Any] = {"key": sec.key, "part": sec.part} if version == 2 else {}
        for field in ("title", "lead"):
            if get(f"part.{sec.key}.{field}"):
                entry[field] = get(f"part.{sec.key}.{field}")
        entry["items"] = [item_dict(i) for i in report.items.get(sec.key, [])]
        if version == 1:
            data["parts"][sec.key] = entry
        else:
            data["sections"].append(entry)
    if base.closing:
        data["closing"] = get("closing")
    return data


def package_bytes(report: Report, genre: Genre, app_version: str = "") -> bytes:
    return (json.dumps(to_package(report, genre, app_version), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_package(path: Path | str, report: Report, genre: Genre, app_version: str = "") -> None:
    write_bytes_atomic(Path(path), package_bytes(report, genre, app_version))
