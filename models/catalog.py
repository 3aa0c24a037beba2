"""The work-area catalog (工作板块): resources/templates/areas.json.

Each area has a name, a hint for the item heading, guidance, and its typical figures with units.
A genre part with ``"source": "areas"`` builds one item per area the officer picked.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from models.atomic import os_error_text
from models.genres import GenreError, _Reader
from models.paths import resource_dir
from models.report import FigureDef


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    guidance: str
    example_heading: str
    figures: tuple[FigureDef, ...]


def parse_catalog(data: object, file: str = "areas.json") -> tuple[Area, ...]:
    r = _Reader(file, data)
    areas = []
    for a in r.items("areas"):
        figures = []
        for f in a.items("figures"):
            figures.append(FigureDef(key=f.str("key"), label=f.str("label"), unit=f.str("unit", "", allow_empty=True)))
        keys = [f.key for f in figures]
        if len(set(keys)) != len(keys):
            a.fail("指标 key 重复", "figures")
        areas.append(
            Area(
                id=a.str("id"),
                name=a.str("name"),
                guidance=a.str("guidance", "", allow_empty=True),
                example_heading=a.str("example_heading", "", allow_empty=True),
                figures=tuple(figures),
            )
        )
    ids = [a.id for a in areas]
    if len(set(ids)) != len(ids):
        r.fail("工作板块 id 重复", "areas")
    return tuple(areas)


@cache
def load_catalog(path: Path | None = None) -> tuple[Area, ...]:
    path = path or resource_dir() / "templates" / "areas.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        why = os_error_text(exc, reading=True) if isinstance(exc, OSError) else exc
        raise GenreError(f"工作板块目录 {path.name} 无法读取：{why}") from exc
    return parse_catalog(data, path.name)


def get_area(area_id: str) -> Area:
    for area in load_catalog():
        if area.id == area_id:
            return area
    raise KeyError(area_id)


def area_name(area_id: str | None) -> str:
    if not area_id:
        return ""
    try:
        return get_area(area_id).name
    except KeyError:
        return area_id
