"""The report package: one report as a versioned JSON file, for backup and moving between PCs.

The format is documented in docs/package-format.md. Reading validates the whole file before
anything is stored; every refusal is a PackageError with a Chinese message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from models.atomic import write_bytes_atomic
from models.genres import Genre, GenreLibrary
from models.report import MAX_DEPTH, FigureDef, Item, Report
from models.text import clean_text

FORMAT = "zongjie-report"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000  # one field; a 1 MB paste fits, a 60 MB string does not
MAX_ITEMS = 20_000
_ID = re.compile(r"^[0-9a-zA-Z_-]{1,32}$")
_META = {"format", "format_version", "app_version", "exported", "genre", "created", "updated", "front", "intro",
         "parts", "closing"}


class PackageError(ValueError):
    """The file is not an acceptable report package; nothing was stored."""


def _fail(msg: str) -> None:
    raise PackageError(msg)


def read_package_file(path: Path | str, library: GenreLibrary) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageError(f"无法读取文件 {path.name}：{exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        _fail(f"文件 {path.name} 有 {size // 1024 // 1024} MB，超过报告包上限 {MAX_FILE_BYTES // 1024 // 1024} MB，"
              "不像是本程序导出的报告包。")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackageError(f"无法读取文件 {path.name}：{exc.strerror or exc}") from exc
    return parse_package(raw, library, path.name)


def parse_package(raw: bytes | str, library: GenreLibrary, name: str = "报告包") -> Report:
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            _fail(f"{name} 超过报告包大小上限。")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            _fail(f"{name} 不是 UTF-8 编码的 JSON 文件，可能已损坏或不是报告包。")
    try:
        data = json.loads(raw)
    except RecursionError:
        _fail(f"{name} 的嵌套层次过深，不是有效的报告包。")
    except json.JSONDecodeError as exc:
        _fail(f"{name} 不是完整的 JSON（第 {exc.lineno} 行第 {exc.colno} 列出错），文件可能被截断或损坏。")
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
    unknown = set(data) - _META
    if unknown:
        _fail(f"{name} 含有无法识别的字段：{', '.join(sorted(unknown))}。")
    g = data.get("genre")
    if not isinstance(g, dict) or not isinstance(g.get("id"), str) or not isinstance(g.get("version"), int):
        _fail(f"{name} 缺少体裁信息（genre.id 和 genre.version）。")
    if not library.has(g["id"]):
        _fail(f"{name} 使用的体裁“{g['id']}”本程序没有，无法导入。")
    if not library.has(g["id"], g["version"]):
        _fail(f"{name} 使用的体裁“{g['id']}”第 {g['version']} 版本程序没有，请升级程序后再导入。")
    genre = library.get(g["id"], g["version"])
    report = Report(genre_id=genre.id, genre_version=genre.version)
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
    parts = data.get("parts", {})
    if not isinstance(parts, dict):
        _fail(f"{name} 的 parts 应为对象。")
    counter = {"items": 0}
    ids: set[str] = set()
    for key, part in parts.items():
        try:
            genre.part(key)
        except KeyError:
            _fail(f"{name} 含有体裁“{genre.name}”没有的部分“{key}”。")
        if not isinstance(part, dict) or set(part) - {"title", "lead", "items"}:
            _fail(f"{name} 的部分“{key}”格式不对（只允许 title、lead、items）。")
        if part.get("lead") and genre.part(key).lead is None:
            _fail(f"{name} 的部分“{key}”在体裁“{genre.name}”中没有导语段（lead）。")
        for field in ("title", "lead"):
            if field in part:
                report.values[f"part.{key}.{field}"] = _text(part[field], f"parts.{key}.{field}", name)
        report.items[key] = _items(part.get("items", []), key, None, 1, report, ids, counter, name)
    report.values = {k: v for k, v in report.values.items() if v != ""}
    return report


def _text(value: Any, where: str, name: str) -> str:
    if not isinstance(value, str):
        _fail(f"{name} 的 {where} 应为文字。")
    if len(value) > MAX_TEXT_CHARS:
        _fail(f"{name} 的 {where} 有 {len(value)} 个字符，超过单项上限 {MAX_TEXT_CHARS}。")
    return clean_text(value)


def _items(value: Any, part: str, parent: str | None, depth: int, report: Report, ids: set[str],
           counter: dict[str, int], name: str) -> list[Item]:
    if not isinstance(value, list):
        _fail(f"{name} 的部分“{part}”中 items/points 应为列表。")
    if value and depth > MAX_DEPTH:
        _fail(f"{name} 的条目层级超过 {MAX_DEPTH} 级（一、（一）1.（1）之外不再分级）。")
    out = []
    for raw in value:
        counter["items"] += 1
        if counter["items"] > MAX_ITEMS:
            _fail(f"{name} 的条目超过 {MAX_ITEMS} 条，不是正常的报告。")
        if not isinstance(raw, dict) or set(raw) - {"id", "area", "heading", "body", "figures", "points"}:
            _fail(f"{name} 的部分“{part}”中有格式不对的条目。")
        item_id = raw.get("id") or report.new_item_id()
        if not isinstance(item_id, str) or not _ID.match(item_id) or item_id in ids:
            _fail(f"{name} 的条目编号“{item_id}”无效或重复。")
        ids.add(item_id)
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
        item.children = _items(raw.get("points", []), part, item_id, depth + 1, report, ids, counter, name)
        out.append(item)
    return out


# ------------------------------------------------------------------ writing


def to_package(report: Report, genre: Genre, app_version: str = "") -> dict[str, Any]:
    get = report.get

    def item_dict(item: Item) -> dict[str, Any]:
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
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "genre": {"id": genre.id, "version": genre.version},
        "created": report.created,
        "updated": report.updated,
        "front": {f.key: get(f"front.{f.key}") for f in genre.front if get(f"front.{f.key}")},
        "intro": get("intro"),
        "parts": {},
    }
    for part in genre.parts:
        entry: dict[str, Any] = {}
        for field in ("title", "lead"):
            if get(f"part.{part.key}.{field}"):
                entry[field] = get(f"part.{part.key}.{field}")
        entry["items"] = [item_dict(i) for i in report.items.get(part.key, [])]
        data["parts"][part.key] = entry
    if genre.closing:
        data["closing"] = get("closing")
    return data


def package_bytes(report: Report, genre: Genre, app_version: str = "") -> bytes:
    return (json.dumps(to_package(report, genre, app_version), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_package(path: Path | str, report: Report, genre: Genre, app_version: str = "") -> None:
    write_bytes_atomic(Path(path), package_bytes(report, genre, app_version))
