"""Fictional towns' report packages for the roll-up tests and bench: written with the service and the package writer."""

from __future__ import annotations

import random
from pathlib import Path

TOWNS = [
    "青禾镇", "石桥镇", "云溪乡", "柳湾镇", "松岭乡", "白沙镇", "枫林镇", "梅坞乡", "竹园镇", "荷塘镇",
    "鹿鸣乡", "金坪镇", "银杏乡", "桂花镇", "杏林镇", "芦花乡", "月湖镇", "星桥镇", "龙泉乡", "凤栖镇",
    "雁山镇", "茶岭乡", "麦田镇", "栗园乡", "橙溪镇", "桃源乡", "泉水镇", "沙洲乡", "榕树镇", "稻香镇",
]
AREAS = ["theory", "news", "practice", "culture"]


def write_town_packages(service, folder: Path, period: str = "2024H1", seed: int = 3,
                        towns: list[str] | None = None) -> dict[str, dict[tuple[str, str], int]]:
    """One package per town in ``folder`` (<town>.json); returns each town's figures as written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[tuple[str, str], int]] = {}
    for town in towns or TOWNS:
        report = service.build_report("half_year", unit=town, period=period, author="宣传委员",
                                      date="2024-07-05", areas=AREAS)
        report.values["intro"] = f"{town}坚持围绕中心抓宣传，上半年各项工作有序推进。现将有关情况总结如下："
        figures: dict[tuple[str, str], int] = {}
        for item in report.all_items():
            report.values[f"item.{item.id}.heading"] = "立足本镇实际，扎实推进工作"
            report.values[f"item.{item.id}.body"] = f"{town}结合农时节令开展活动，群众参与热情较高。"
            for fig in item.figures:
                if rng.random() < 0.85:  # some towns leave a figure out
                    value = rng.randint(0, 400)
                    report.values[f"item.{item.id}.fig.{fig.key}"] = str(value)
                    figures[(item.area or "", fig.key)] = value
        service.store.insert_report(report)  # through the store as an officer's own database would
        rid = max(r["id"] for r in service.store.list_reports())
        service.dump_package(rid, folder / f"{town}.json")
        written[town] = figures
    return written
