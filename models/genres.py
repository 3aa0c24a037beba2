"""Genres (体裁) as data: the JSON templates in resources/templates/ and their validation.

A genre says what a document of its kind holds: front matter fields, the 导语, the parts (一级)
with their default titles, how items (二级) and their points (三级/四级) are laid out, guidance
and examples for the officer, and suggested lengths. Widgets and renderers read these objects;
no genre knowledge lives in code.

Every genre file carries ``id`` and ``version``. A report remembers both and always reopens with
the version it was written with, so older versions stay in the folder as ``<id>@<version>.json``.

The genre's parts are suggestions: a report has its own sections (models/structure.py), made from
the parts marked ``default`` unless the officer changes them. A unit template (本单位提纲,
models/templates.py) is a genre too, stored in the database instead of shipped; the library finds
both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.paths import resource_dir
from models.report import FigureDef

if TYPE_CHECKING:
    from collections.abc import Callable

SCHEMA = 1
ITEM_STYLES = ("run_in", "own_line")
KINDS = ("summary", "speech")
FRONT_KINDS = ("text", "period", "date")
PERIOD_KINDS = ("H1", "H2", "", "Q")
# Words that fix the period in a title pattern: a genre whose patterns hold none of them titles any period right
_PERIOD_WORDS = ("上半年", "下半年", "年度", "全年", "季度")


class GenreError(ValueError):
    """A template file is wrong; the message names the file and the field."""


@dataclass(frozen=True)
class Guide:
    """The officer-facing help attached to a field: label, 填写提示, a short example."""

    label: str
    guidance: str = ""
    example: str = ""
    required: bool = False
    suggested: tuple[int, int] | None = None  # suggested length in characters (min, max)


@dataclass(frozen=True)
class FrontField:
    key: str
    label: str
    kind: str = "text"
    required: bool = False
    guidance: str = ""
    example: str = ""


@dataclass(frozen=True)
class Level:
    """How one level of items is written: run in with its body, or heading on its own line."""

    label: str
    style: str = "run_in"
    guidance: str = ""
    example_heading: str = ""
    example_body: str = ""


@dataclass(frozen=True)
class Preset:
    """An item a new report starts with in a part (a unit template's required items and figures)."""

    heading: str = ""
    area: str | None = None
    figures: tuple[FigureDef, ...] = ()


@dataclass(frozen=True)
class Part:
    key: str
    title: str  # default title pattern, e.g. "{half}宣传工作成效"; the officer may edit it
    guide: Guide
    items: Level | None = None  # level 2
    points: Level | None = None  # level 3 under each item
    subpoints: Level | None = None  # level 4 under each point
    source: str = "free"  # "areas": one item per work area picked; "free": the officer adds items
    lead: Guide | None = None  # optional paragraph under the part heading, before the items
    min_items: int = 0
    default_items: int = 0
    suggested_items: tuple[int, int] | None = None
    default: bool = True  # in a new report's sections; False: only offered when the officer adds a section
    preset: tuple[Preset, ...] = ()


@dataclass(frozen=True)
class Genre:
    id: str
    version: int
    name: str
    short_name: str
    description: str
    kind: str
    periods: tuple[str, ...]
    title: str
    subtitle: str
    salutation: str
    signature: bool
    front: tuple[FrontField, ...]
    intro: Guide
    parts: tuple[Part, ...]
    closing: Guide | None
    suggested: tuple[int, int] | None = None
    source: Path | None = field(default=None, compare=False)
    unit: bool = False  # a unit template (本单位提纲) from the database, not a shipped genre
    based_on: tuple[str, int] | None = None  # unit template: the genre (id, version) it started from
    definition: str = field(default="", compare=False, repr=False)  # the JSON it was read from
    base: Genre | None = field(default=None, compare=False, repr=False)  # set when shaped for one report

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def part(self, key: str) -> Part:
        for p in self.parts:
            if p.key == key:
                return p
        raise KeyError(key)

    def allows_period(self, code: str) -> bool:
        """Whether the titles come out right for this period.

        Every genre takes every period; only a genre whose title patterns spell the period out
        (a literal 上半年 or 年度) is limited to the periods it declares, and the checks say so.
        """
        from models.periods import parse_period

        kind = parse_period(code)[1]
        return self.period_neutral or kind in self.periods or (kind.startswith("Q") and "Q" in self.periods)

    @property
    def period_neutral(self) -> bool:
        """No title pattern fixes the period: the period words come from placeholders only."""
        import string

        patterns = [self.title, self.subtitle, *(p.title for p in self.parts)]
        literal = "".join(text for pattern in patterns for text, *_ in string.Formatter().parse(pattern))
        return not any(word in literal for word in _PERIOD_WORDS)

    @property
    def period_choices(self) -> tuple[str, ...]:
        """The period kinds to offer: the declared ones first, then the rest when the titles allow them."""
        rest = tuple(k for k in PERIOD_KINDS if k not in self.periods) if self.period_neutral else ()
        return self.periods + rest

    def period_kinds_text(self) -> str:
        names = {"H1": "上半年", "H2": "下半年", "": "全年", "Q": "季度"}
        return "、".join(names[p] for p in self.periods)

    def front_field(self, key: str) -> FrontField | None:
        return next((f for f in self.front if f.key == key), None)


# ---------------------------------------------------------------- validation


class _Reader:
    """Reads one JSON object and reports errors with the file and the dotted field path."""

    def __init__(self, file: str, data: Any, path: str = "", what: str = "体裁模板") -> None:
        self.file, self.data, self.path, self.what = file, data, path, what
        if not isinstance(data, dict):
            self.fail("应为对象（{…}）")

    def fail(self, msg: str, key: str = "") -> None:
        where = ".".join(p for p in (self.path, key) if p) or "（根）"
        raise GenreError(f"{self.what} {self.file} 的字段 {where} 有误：{msg}")

    def sub(self, key: str, optional: bool = False) -> _Reader | None:
        value = self.data.get(key)
        if value is None:
            if optional:
                return None
            self.fail("缺少此字段", key)
        return _Reader(self.file, value, f"{self.path}.{key}" if self.path else key, self.what)

    def items(self, key: str, allow_empty: bool = False) -> list[_Reader]:
        value = self.data.get(key, [] if allow_empty else None)
        if not isinstance(value, list) or (not value and not allow_empty):
            self.fail("应为非空列表" if not allow_empty else "应为列表", key)
        base = f"{self.path}.{key}" if self.path else key
        return [_Reader(self.file, v, f"{base}[{i}]", self.what) for i, v in enumerate(value)]

    def str(self, key: str, default: str | None = None, allow_empty: bool = False) -> str:
        value = self.data.get(key, default)
        if value is None or not isinstance(value, str) or (not value.strip() and not allow_empty):
            self.fail("应为非空文字" if value is None or isinstance(value, str) else "应为文字", key)
        return value

    def int(self, key: str, default: int | None = None, minimum: int = 0) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            self.fail(f"应为不小于 {minimum} 的整数", key)
        return value

    def bool(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.fail("应为 true 或 false", key)
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value not in choices:
            self.fail(f"应为 {' / '.join(choices)} 之一", key)
        return value

    def range(self, key: str) -> tuple[int, int] | None:
        value = self.data.get(key)
        if value is None:
            return None
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
            and value[0] <= value[1]
        )
        if not ok:
            self.fail("应为 [最少, 最多] 两个整数", key)
        return value[0], value[1]

    def guide(self) -> Guide:
        return Guide(
            label=self.str("label"),
            guidance=self.str("guidance", "", allow_empty=True),
            example=self.str("example", "", allow_empty=True),
            required=self.bool("required"),
            suggested=self.range("suggested"),
        )

    def level(self) -> Level:
        return Level(
            label=self.str("label"),
            style=self.choice("style", ITEM_STYLES, "run_in"),
            guidance=self.str("guidance", "", allow_empty=True),
            example_heading=self.str("example_heading", "", allow_empty=True),
            example_body=self.str("example_body", "", allow_empty=True),
        )


_PLACEHOLDERS = {"unit", "period", "period_title", "year", "half", "next", "next_year", "meeting", "speaker", "date"}


def _check_pattern(r: _Reader, key: str, text: str) -> None:
    import string

    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        r.fail("花括号不成对", key)
    unknown = names - _PLACEHOLDERS
    if unknown:
        r.fail(f"未知占位符 {{{', '.join(sorted(unknown))}}}，可用：{', '.join(sorted(_PLACEHOLDERS))}", key)


def _part(r: _Reader) -> Part:
    items = r.sub("items", optional=True)
    points = items.sub("points", optional=True) if items else None
    subpoints = points.sub("points", optional=True) if points else None
    source = r.choice("source", ("free", "areas"), "free")
    if source == "areas" and items is None:
        r.fail("按工作板块生成事项的部分必须定义 items", "source")
    title = r.str("title")
    _check_pattern(r, "title", title)
    lead = r.sub("lead", optional=True)
    part = Part(
        key=r.str("key"),
        title=title,
        guide=r.guide(),
        items=items.level() if items else None,
        points=points.level() if points else None,
        subpoints=subpoints.level() if subpoints else None,
        source=source,
        lead=lead.guide() if lead else None,
        min_items=r.int("min_items", 0),
        default_items=r.int("default_items", 0),
        suggested_items=r.range("suggested_items"),
        default=r.bool("default", True),
        preset=tuple(_preset(p) for p in r.items("preset", allow_empty=True)),
    )
    if not (part.key.isascii() and part.key.isidentifier()):
        r.fail("只能用英文字母、数字和下划线", "key")
    return part


def _preset(r: _Reader) -> Preset:
    figures = []
    for f in r.items("figures", allow_empty=True):
        key = f.str("key")
        if not (key.isascii() and key.isidentifier()):
            f.fail("只能用英文字母、数字和下划线", "key")
        if any(x.key == key for x in figures):
            f.fail(f"数据项 key“{key}”重复", "key")
        figures.append(FigureDef(key=key, label=f.str("label"), unit=f.str("unit", "", allow_empty=True)))
    area = r.data.get("area")
    if area is not None and not isinstance(area, str):
        r.fail("应为文字", "area")
    return Preset(heading=r.str("heading", "", allow_empty=True), area=area or None, figures=tuple(figures))


def _periods(r: _Reader) -> tuple[str, ...]:
    value = r.data.get("periods", ["H1", "H2", ""])
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        r.fail("应为非空列表，如 [\"H1\", \"H2\"]", "periods")
    return tuple(value)


def parse_genre(data: Any, file: str = "<内存>", *, unit: bool = False, what: str = "体裁模板") -> Genre:
    r = _Reader(file, data, what=what)
    if r.int("schema") != SCHEMA:
        r.fail(f"本程序只认识模板格式 {SCHEMA}", "schema")
    front = []
    for fr in r.items("front"):
        key = fr.str("key")
        if not (key.isascii() and key.isidentifier()):  # a dot would break field addresses
            fr.fail("只能用英文字母、数字和下划线", "key")
        front.append(
            FrontField(
                key=fr.str("key"),
                label=fr.str("label"),
                kind=fr.choice("kind", FRONT_KINDS, "text"),
                required=fr.bool("required"),
                guidance=fr.str("guidance", "", allow_empty=True),
                example=fr.str("example", "", allow_empty=True),
            )
        )
    keys = [f.key for f in front]
    if "unit" not in keys:
        r.fail("必须包含 key 为 unit 的单位字段", "front")
    parts = tuple(_part(p) for p in r.items("parts"))
    part_keys = [p.key for p in parts]
    for name, seen in (("front", keys), ("parts", part_keys)):
        dupes = {k for k in seen if seen.count(k) > 1}
        if dupes:
            r.fail(f"key 重复：{', '.join(sorted(dupes))}", name)
    for key in ("title", "subtitle"):
        _check_pattern(r, key, r.str(key, "", allow_empty=key != "title"))
    closing = r.sub("closing", optional=True)
    genre = Genre(
        id=r.str("id"),
        version=r.int("version", minimum=1),
        name=r.str("name"),
        short_name=r.str("short_name", r.data.get("name")),
        description=r.str("description", "", allow_empty=True),
        kind=r.choice("kind", KINDS, "summary"),
        periods=_periods(r),
        title=r.str("title"),
        subtitle=r.str("subtitle", "", allow_empty=True),
        salutation=r.str("salutation", "", allow_empty=True),
        signature=r.bool("signature", True),
        front=tuple(front),
        intro=r.sub("intro").guide(),
        parts=parts,
        closing=closing.guide() if closing else None,
        suggested=r.range("suggested"),
        source=None if unit else Path(file),
        unit=unit,
        based_on=_based_on(r),
        definition=json.dumps(data, ensure_ascii=False, sort_keys=True),
    )
    bad = [p for p in genre.periods if p not in ("H1", "H2", "", "Q")]
    if bad:
        r.fail("只能包含 H1、H2、Q 和 \"\"（全年）", "periods")
    if not (genre.id.isascii() and genre.id.replace("_", "").isalnum()):
        r.fail("只能用英文字母、数字和下划线", "id")
    return genre


def _based_on(r: _Reader) -> tuple[str, int] | None:
    b = r.sub("based_on", optional=True)
    return (b.str("id"), b.int("version", minimum=1)) if b else None


def load_genre_file(path: Path) -> Genre:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise GenreError(f"体裁模板 {path.name} 不是 UTF-8 编码的文字文件") from exc
    except json.JSONDecodeError as exc:
        raise GenreError(f"体裁模板 {path.name} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from exc
    return parse_genre(data, path.name)


class GenreLibrary:
    """All genre versions found in a folder; the newest of each id is offered for new reports.

    ``units`` (set by models/templates.py on a per-service copy) finds unit templates in the
    database: ``get`` and ``has`` answer for both, ``latest`` lists the shipped genres only.
    """

    units: Callable[[str, int | None], Genre | None] | None = None

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or resource_dir() / "templates"
        self._all: dict[tuple[str, int], Genre] = {}
        for path in sorted(self.folder.glob("*.json")):
            if path.name.startswith("_") or path.stem == "areas":
                continue
            genre = load_genre_file(path)
            if (genre.id, genre.version) in self._all:
                raise GenreError(f"体裁模板 {path.name} 与另一文件的 id/version 重复：{genre.key}")
            self._all[(genre.id, genre.version)] = genre

    def latest(self) -> list[Genre]:
        newest: dict[str, Genre] = {}
        for genre in self._all.values():
            if genre.id not in newest or genre.version > newest[genre.id].version:
                newest[genre.id] = genre
        order = {"half_year": 0, "half_year_plan": 1, "annual_plan": 2, "media_centre": 3, "speech": 4}
        return sorted(newest.values(), key=lambda g: (order.get(g.id, 99), g.id))

    def get(self, genre_id: str, version: int | None = None) -> Genre:
        if version is None:
            for genre in self.latest():
                if genre.id == genre_id:
                    return genre
        elif (genre_id, version) in self._all:
            return self._all[(genre_id, version)]
        if self.units is not None and not self.is_shipped(genre_id):
            found = self.units(genre_id, version)
            if found is not None:
                return found
        raise KeyError(genre_id if version is None else (genre_id, version))

    def is_shipped(self, genre_id: str) -> bool:
        """A genre of this program (any version): its id is never a unit template's."""
        return any(gid == genre_id for gid, _ in self._all)

    def has(self, genre_id: str, version: int | None = None) -> bool:
        try:
            self.get(genre_id, version)
        except KeyError:
            return False
        return True
