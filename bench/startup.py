"""Start-up: process start → main window shown with 1,000 stored reports, event loop running.

The app and the hello-world print READY from a zero-timer after ``window.show()`` when
ZONGJIE_BENCH_READY is set (ui/app.py, bench/hello/hello.py) and quit right after
(ZONGJIE_SMOKE_QUIT). Offscreen Qt platform. Frozen bundles when dist/zongjie exists (the hello-world
is frozen in the same run by the same PyInstaller), else both from source, which the table says.
The first run of each is reported apart; the budget figure is the median of the runs after it (the
commands take turns, so load from other processes hits both alike). As root on Linux one more run of
each follows a dropped page cache (sync; echo 3 > /proc/sys/vm/drop_caches): a start just after boot
(ZONGJIE_BENCH_DROP_CACHES=0 skips it). Budget: app ≤ 2 × hello-world.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench import support

RUNS = 9
REPORTS = 1000
TIMEOUT = 120


def _start(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
                            encoding="utf-8")
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "READY":
                elapsed = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"{cmd[0]} ended without READY (exit {proc.wait()})")
        proc.wait(timeout=TIMEOUT)
        return elapsed
    finally:
        if proc.poll() is None:
            proc.kill()


def measure(cmds: list[list[str]], runs: int = RUNS) -> list[tuple[float, float]]:
    """Per command: (first run, median of the others) in seconds.

    The commands take turns run by run, so a change in the machine's load hits them alike.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZONGJIE_BENCH_READY="1", ZONGJIE_SMOKE_QUIT="1")
    env.pop("ZONGJIE_DATA_DIR", None)
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for n, cmd in enumerate(cmds):
            times[n].append(_start(cmd, env))
    return [(t[0], support.median(t[1:])) for t in times]


DROP_CACHES = "/proc/sys/vm/drop_caches"


def cold(cmds: list[list[str]]) -> list[float] | None:
    """One run of each command with the page cache dropped first; None where that is not allowed."""
    if os.environ.get("ZONGJIE_BENCH_DROP_CACHES") == "0" or not os.access(DROP_CACHES, os.W_OK):
        return None
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ZONGJIE_BENCH_READY="1", ZONGJIE_SMOKE_QUIT="1")
    env.pop("ZONGJIE_DATA_DIR", None)
    out = []
    for cmd in cmds:
        os.sync()
        try:
            with open(DROP_CACHES, "w") as fh:
                fh.write("3\n")
        except OSError:
            return None
        out.append(_start(cmd, env))
    return out


def commands(data: Path) -> tuple[list[str], list[str], str]:
    """(app, hello-world, how) — frozen when the bundle exists and the hello-world freezes, else from source."""
    if support.app_frozen():
        hello = support.hello_dist()
        if hello is not None:
            return [str(support.APP_EXE), "--data-dir", str(data)], [str(support.HELLO_EXE)], "frozen"
    py = sys.executable
    return ([py, str(support.ROOT / "main.py"), "--data-dir", str(data)],
            [py, str(support.ROOT / "bench" / "hello" / "hello.py")],
            "from source (no dist/zongjie: run python3 dev.py build for the frozen figures)")


def run() -> list[tuple[str, str, str]]:
    data = support.data_folder(REPORTS)
    app_cmd, hello_cmd, how = commands(data)
    (hello_first, hello), (app_first, app) = measure([hello_cmd, app_cmd])
    ratio = app / hello
    verdict = "OK" if ratio <= 2 else "OVER BUDGET"
    rows = [
        (f"start-up hello-world ({how})", support.ms(hello), f"first run {support.ms(hello_first)}"),
        (f"start-up app, {REPORTS} reports ({how})", support.ms(app),
         f"{ratio:.2f}× hello-world (budget ≤ 2×) {verdict}; first run {support.ms(app_first)}"),
    ]
    dropped = cold([hello_cmd, app_cmd])
    if dropped:
        rows += [
            ("start-up hello-world, page cache dropped", support.ms(dropped[0]), "one run"),
            (f"start-up app, {REPORTS} reports, page cache dropped", support.ms(dropped[1]),
             f"{dropped[1] / dropped[0]:.2f}× hello-world; one run"),
        ]
    return rows
