"""Shared by the benchmarks: generated reports, the frozen bundles, the hello-world build, statistics."""

from __future__ import annotations

import functools
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models.paths import APP_NAME  # noqa: E402

EXE = ".exe" if os.name == "nt" else ""
APP_DIST = ROOT / "dist" / "zongjie"
APP_EXE = APP_DIST / f"{APP_NAME}{EXE}"
CLI_EXE = APP_DIST / f"zongjie-cli{EXE}"
HELLO_BUILD = ROOT / "build" / "bench-hello"
HELLO_DIST = HELLO_BUILD / "dist" / "hello"
HELLO_EXE = HELLO_DIST / f"hello{EXE}"

UNITS = ["示例镇", "东山街道", "河西乡", "城关镇", "县融媒体中心", "县委宣传部", "南湖社区", "北岭镇", "青石乡",
         "文化馆"]
PERIODS = ["2022H1", "2022H2", "2022", "2023H1", "2023H2", "2023", "2024H1", "2024H2", "2024", "2025H1"]
PHRASES = [
    "围绕学习宣传贯彻党的二十大精神，组织开展理论宣讲{n}场次，覆盖党员群众{m}人次",
    "依托新时代文明实践所（站），开展志愿服务活动{n}次，参与群众{m}人",
    "在县级以上媒体刊发稿件{n}篇，其中省级以上{m}篇",
    "组建“百姓名嘴”宣讲队伍，深入村组、企业、学校开展分众化宣讲",
    "加强网络阵地建设，运营政务新媒体账号{n}个，发布信息{m}条",
    "扎实开展文明村镇创建，评选表彰“好媳妇”“好邻居”{n}名",
    "落实意识形态工作责任制，专题研究意识形态工作{n}次",
    "组织送戏下乡、电影放映{n}场，丰富群众精神文化生活",
    "宣传队伍力量偏弱，基层宣传干部多为兼职，业务能力有待提升",
    "下一步，将持续深化理论武装，创新宣传方式，讲好本地故事",
]


def sentence(rng: random.Random, count: int) -> str:
    return "；".join(rng.choice(PHRASES).format(n=rng.randint(3, 90), m=rng.randint(100, 9000))
                    for _ in range(count)) + "。"


def fill(service, report, rng: random.Random, body_sentences: int = 3) -> None:
    """Fill a built report with plausible text (about 5 % of the reports never mention 宣讲 at all)."""
    genre = service.library.get(report.genre_id, report.genre_version)
    plain = rng.random() < 0.05
    pick = (lambda k: sentence(rng, k).replace("宣讲", "宣传")) if plain else (lambda k: sentence(rng, k))
    report.values["intro"] = "今年以来，" + pick(2)
    if genre.closing:
        report.values["closing"] = "同志们，" + pick(1)
    for part in genre.parts:
        if part.lead:
            report.values[f"part.{part.key}.lead"] = pick(1)
    for item in report.all_items():
        report.values[f"item.{item.id}.heading"] = pick(1)[:18].rstrip("；，。") + "，成效明显"
        report.values[f"item.{item.id}.body"] = pick(body_sentences)
        for fig in item.figures:
            report.values[f"item.{item.id}.fig.{fig.key}"] = str(rng.randint(1, 500))


def generate(service, count: int, *, seed: int = 7, index: bool = True) -> list[int]:
    """``count`` filled reports of every genre, written through Store.insert_report in one transaction."""
    rng = random.Random(seed)
    genres = service.genres()
    areas = [a.id for a in service.areas()]
    ids = []
    with service.store.transaction():
        for n in range(count):
            genre = genres[n % len(genres)]
            period = rng.choice([p for p in PERIODS if genre.allows_period(p)])
            picked = rng.sample(areas, k=min(len(areas), rng.randint(3, 6)))
            report = service.build_report(genre.id, unit=rng.choice(UNITS), period=period, author="李明",
                                          date="2024-07-05", areas=picked,
                                          extra={"meeting": "全县宣传思想文化工作会议", "speaker": "王明同志"})
            fill(service, report, rng)
            ids.append(service.store.insert_report(report))
    if index:
        service.refresh_index()  # as in a data folder in daily use: list summaries and search text computed
    return ids


def data_folder(count: int) -> Path:
    """A data folder with ``count`` reports, made once per run (cached in build/bench-data/)."""
    from models.service import ReportService

    folder = ROOT / "build" / "bench-data" / f"reports-{count}"
    marker = folder / ".complete"
    if not marker.exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        service = ReportService(folder)
        try:
            generate(service, count)
        finally:
            service.close()
        marker.write_text("ok")
    return folder


# ---------------------------------------------------------------- the frozen bundles


def app_frozen() -> bool:
    return APP_EXE.exists()


@functools.cache
def hello_dist() -> Path | None:
    """Freeze bench/hello/hello.py with the same PyInstaller (once per run); None if that fails."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(HELLO_BUILD / "dist"),
           "--workpath", str(HELLO_BUILD / "work"), str(ROOT / "bench" / "hello" / "hello.spec")]
    started = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0 or not HELLO_EXE.exists():
        print(r.stdout[-2000:], r.stderr[-2000:], file=sys.stderr)
        return None
    print(f"· hello-world frozen in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return HELLO_DIST


def folder_size(folder: Path) -> int:
    """Bytes of every file (symbolic links counted as links, as an unzipped folder holds them)."""
    total = 0
    for base, _dirs, files in os.walk(folder):
        for name in files:
            total += os.lstat(os.path.join(base, name)).st_size
    return total


def packed_size(folder: Path) -> int:
    """Size of ``tar czf`` of the folder (gzip level 6, as tar does by default)."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bundle.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=6) as tar:
            tar.add(folder, arcname=folder.name)
        return target.stat().st_size


# ---------------------------------------------------------------- figures


def mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return median(times), result
