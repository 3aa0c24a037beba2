"""Kill harness: real edits in a child process, killed (SIGKILL / TerminateProcess) at random moments.

Child modes (``python -m tests.reliability.kill_harness MODE ...``, run from the project folder):

``db DIR START``       open ReportService(DIR), print ``R``, then do edit START, START+1, … through the
                       service, printing ``C <n>`` on stdout right after edit n committed.
``file TARGET START``  write TARGET with models.atomic.write_bytes_atomic, payload(START), …, printing
                       ``C <k>`` after each write returned.
``docx DIR TARGET START``  export a report with export.docx.write_docx, the intro saying 版本<k>.

Edits are deterministic functions of (n, the report as stored) and item ids are made deterministic,
so the parent replays the same edits in a reference store and knows exactly what the database must
hold after edit n. After each kill the parent checks: PRAGMA integrity_check is ok, and the report
equals the reference after the last reported edit, or after the one following it (committed but
killed before it could say so). Anything else is a lost or half-applied edit.
"""

from __future__ import annotations

import itertools
import os
import random
import sqlite3
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RID = 1
_CHARS = "宣传工作总结理论学习新闻报道文明实践志愿服务群众活动开展组织推进落实成效明显基层队伍阵地建设"


# ------------------------------------------------------------------ the edits (child and parent)


def deterministic_ids() -> None:
    """Item ids: the smallest 8-hex-digit number not yet taken (the same in child and parent)."""
    from models.report import Report

    def new_item_id(self: Report) -> str:
        taken = {i.id for i in self.all_items()}
        return next(c for c in (f"{m:08x}" for m in itertools.count(1)) if c not in taken)

    Report.new_item_id = new_item_id


def initial_report(service):
    report = service.build_report("half_year", unit="示例镇", period="2024H1", author="李明", date="2024-07-05",
                                  areas=["theory", "news"])
    report.values["intro"] = "初始导语。"
    return report


def _text(rng: random.Random, n: int) -> str:
    roll = rng.random()
    if roll < 0.05:
        return ""
    length = rng.randint(500, 3000) if roll < 0.3 else rng.randint(5, 100)
    body = "".join(rng.choice(_CHARS) for _ in range(length))
    if rng.random() < 0.1:
        body = body[:3] + rng.choice(["\x0b", "\x00", "\r\n", "\ud800", "😀"]) + body[3:]
    return f"第{n}次修改：{body}"


def apply_edit(service, n: int) -> str:
    """Edit number n of the sequence; returns its kind. Depends only on n and the stored report."""
    rng = random.Random(n * 7919 + 17)
    report = service.load(RID)
    genre = service.genre_of(report)
    items = list(report.all_items())
    addresses = ["intro", *(f"part.{p.key}.lead" for p in genre.parts)]
    for item in items:
        addresses += [f"item.{item.id}.heading", f"item.{item.id}.body"]
        addresses += [f"item.{item.id}.fig.{f.key}" for f in item.figures]
    roll = rng.random()
    if roll < 0.12 and len(items) < 30:
        part = rng.choice([p.key for p in genre.parts if p.items])
        parent = None
        candidates = [i for i in items if i.part == part and report.depth(i) < 3]
        if candidates and rng.random() < 0.4:
            parent = rng.choice(candidates).id
        service.add_item(report, part, parent=parent)
        return "add"
    if roll < 0.22 and len(items) > 3:
        service.remove_item(report, rng.choice(items).id)
        return "remove"
    if roll < 0.30 and items:
        service.move_item(report, rng.choice(items).id, rng.choice((-1, 1)))
        return "move"
    if roll < 0.34:
        service.snapshot(RID, "auto")
        return "snapshot"
    if roll < 0.37:
        service.summaries()  # writes the lazy list/search index
        return "index"
    if roll < 0.55:
        changes = {rng.choice(addresses): _text(rng, n) for _ in range(rng.randint(2, 5))}
        service.set_values(RID, changes)
        return "batch"
    service.set_value(RID, rng.choice(addresses), _text(rng, n))
    return "value"


def db_state(conn: sqlite3.Connection) -> tuple:
    """What must survive: every report row and all values and items (not times or derived columns)."""
    return (
        tuple(conn.execute("SELECT id, genre_id, genre_version, deleted FROM reports ORDER BY id")),
        tuple(conn.execute("SELECT report_id, address, value FROM report_values ORDER BY report_id, address")),
        tuple(conn.execute("SELECT report_id, item_id, part, parent, position, area, figures FROM report_items"
                           " ORDER BY report_id, item_id")),
    )


def payload(k: int) -> bytes:
    """Distinct content of write k: 0.2–2.1 MB."""
    size = 200_000 + (k * 7919 % 20) * 100_000
    return f"{k:08d}".encode() * (size // 8)


# ------------------------------------------------------------------ child


def _say(text: str) -> None:
    os.write(1, (text + "\n").encode())


def child(argv: list[str]) -> int:
    from tests import netblock

    netblock.block()
    mode = argv[0]
    stop = time.monotonic() + 60  # never outlive a parent that died
    if mode == "db":
        from models.genres import GenreLibrary
        from models.service import ReportService

        deterministic_ids()
        service = ReportService(argv[1], library=GenreLibrary())
        _say("R")
        for n in itertools.count(int(argv[2])):
            apply_edit(service, n)
            _say(f"C {n}")
            if time.monotonic() > stop:
                break
        return 0
    if mode == "file":
        from models.atomic import write_bytes_atomic

        target = Path(argv[1])
        count = int(argv[3]) if len(argv) > 3 else 10**9
        _say("R")
        for k in range(int(argv[2]), int(argv[2]) + count):
            write_bytes_atomic(target, payload(k))
            _say(f"C {k}")
            if time.monotonic() > stop:
                break
        return 0
    if mode == "docx":
        from export.docx import write_docx
        from models.genres import GenreLibrary
        from models.service import ReportService

        service = ReportService(argv[1], library=GenreLibrary())
        report = initial_report(service)
        target = Path(argv[2])
        count = int(argv[4]) if len(argv) > 4 else 10**9
        _say("R")
        for k in range(int(argv[3]), int(argv[3]) + count):
            report.values["intro"] = f"版本{k}。" + "今年以来围绕中心工作抓宣传。" * (k % 7 * 40)
            write_docx(service.outline(report), target, fonts="standard")
            _say(f"C {k}")
            if time.monotonic() > stop:
                break
        return 0
    raise SystemExit(f"unknown mode {mode}")


# ------------------------------------------------------------------ parent


@dataclass
class Stats:
    kills: int = 0
    during_start: int = 0
    committed: int = 0  # edits / writes reported committed
    unreported: int = 0  # the edit after the last reported one had committed too
    torn: int = 0  # kills that left a half-written temp file (the write was cut midway)
    kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _spawn(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.Popen([sys.executable, "-m", "tests.reliability.kill_harness", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _kill_at_random(proc: subprocess.Popen, rng: random.Random, stats: Stats, *, early: float, late: float,
                    wait_ready: bool = True) -> list[int]:
    """Kill the child at a random moment; returns the numbers it reported committed."""
    seen = b""
    if not wait_ready or rng.random() < early:
        time.sleep(rng.uniform(0, 0.25))  # while starting: imports, opening, WAL recovery
        stats.during_start += 1
    else:
        seen = proc.stdout.readline()
        time.sleep(rng.uniform(0, late))
    running = proc.poll() is None
    proc.kill()
    proc.wait()
    out = seen + proc.stdout.read()
    err = proc.stderr.read().decode(errors="replace")
    proc.stdout.close()
    proc.stderr.close()
    if not running:
        raise AssertionError(f"the child ended on its own (exit {proc.returncode}):\n{err}")
    stats.kills += 1
    return [int(line.split()[1]) for line in out.decode().splitlines() if line.startswith("C ")]


def _check_sequence(done: list[int], start: int) -> int:
    assert done == list(range(start, start + len(done))), f"edits reported out of order: {done[:5]}…"
    return start + len(done) - 1


def run_db_kills(work: Path, kills: int, seed: int = 1) -> Stats:
    """Kill a child editing through the service ``kills`` times; verify the database after each kill."""
    from models.genres import GenreLibrary
    from models.report import Report
    from models.service import ReportService
    from models.store import Store

    started = time.monotonic()
    rng = random.Random(seed)
    stats = Stats()
    saved_id = Report.new_item_id
    deterministic_ids()
    library = GenreLibrary()
    try:
        child_dir, ref_dir = work / "child", work / "reference"
        ref = ReportService(ref_dir, library=library)
        ref.store.conn.execute("PRAGMA synchronous = OFF")  # the reference need not survive a crash
        assert ref.store.insert_report(initial_report(ref)) == RID
        first = Store(child_dir)
        assert first.insert_report(initial_report(ref)) == RID
        first.close()
        n_ref = 0  # edits applied to the reference
        for _ in range(kills):
            start = n_ref + 1
            done = _kill_at_random(_spawn("db", str(child_dir), str(start)), rng, stats, early=0.15, late=0.12)
            last = _check_sequence(done, start)
            stats.committed += len(done)
            # Check the database the way the next start would see it: read-only (the next child
            # recovers the WAL itself) or read-write (this connection recovers and checkpoints it).
            path = child_dir / "zongjie.db"
            if rng.random() < 0.5:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            else:
                conn = sqlite3.connect(path)
            try:
                check = conn.execute("PRAGMA integrity_check").fetchall()
                assert check == [("ok",)], f"integrity_check after kill {stats.kills}: {check}"
                assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
                actual = db_state(conn)
            finally:
                conn.close()
            while n_ref < last:
                n_ref += 1
                kind = apply_edit(ref, n_ref)
                stats.kinds[kind] = stats.kinds.get(kind, 0) + 1
            if actual != db_state(ref.store.conn):
                n_ref += 1
                kind = apply_edit(ref, n_ref)
                stats.kinds[kind] = stats.kinds.get(kind, 0) + 1
                assert actual == db_state(ref.store.conn), (
                    f"kill {stats.kills}: the database holds neither edit {last} (last reported) nor edit "
                    f"{last + 1}: an edit was lost or half applied")
                stats.unreported += 1
        ref.close()
    finally:
        Report.new_item_id = saved_id
    stats.seconds = time.monotonic() - started
    return stats


def _litter(folder: Path, target: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p != target]


def run_file_kills(work: Path, kills: int, seed: int = 2) -> Stats:
    """Kill a child rewriting one file with write_bytes_atomic; the file must always be whole."""
    from models.atomic import stale_temp_files, write_bytes_atomic

    started = time.monotonic()
    rng = random.Random(seed)
    stats = Stats()
    folder = work / "out"
    folder.mkdir(parents=True)
    target = folder / "工作总结.docx"
    write_bytes_atomic(target, payload(0))
    k_known = 0
    for _ in range(kills):
        start = k_known + 1
        done = _kill_at_random(_spawn("file", str(target), str(start)), rng, stats, early=0.1, late=0.15)
        last = _check_sequence(done, start) if done else k_known
        stats.committed += len(done)
        data = target.read_bytes()
        if data == payload(last):
            k_known = last
        else:
            assert data == payload(last + 1), f"kill {stats.kills}: the file is neither write {last} nor {last + 1}"
            k_known = last + 1
            stats.unreported += 1
        litter = _litter(folder, target)
        assert len(litter) <= 1 and set(litter) <= set(stale_temp_files(target)), f"litter: {litter}"
        stats.torn += len(litter)
    # the next complete write removes what a killed write left
    proc = _spawn("file", str(target), str(k_known + 1), "1")
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode(errors="replace")
    assert target.read_bytes() == payload(k_known + 1)
    assert _litter(folder, target) == []
    stats.seconds = time.monotonic() - started
    return stats


def docx_version(path: Path) -> int:
    """The k of the 版本<k> a complete document holds (raises if the file is not a whole .docx)."""
    import re

    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        xml = zf.read("word/document.xml").decode("utf-8")
    m = re.search(r"版本(\d+)。", xml)
    assert m, "the document has no version mark"
    return int(m.group(1))


def run_docx_kills(work: Path, kills: int, seed: int = 3) -> Stats:
    """Kill a child exporting with export.docx.write_docx; the .docx is always the old or the new one."""
    from models.atomic import stale_temp_files

    started = time.monotonic()
    rng = random.Random(seed)
    stats = Stats()
    folder = work / "docx"
    folder.mkdir(parents=True)
    target = folder / "总结.docx"
    proc = _spawn("docx", str(work / "docx-data"), str(target), "0", "1")  # one complete export first
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode(errors="replace")
    k_known = docx_version(target)
    for _ in range(kills):
        start = k_known + 1
        done = _kill_at_random(_spawn("docx", str(work / "docx-data"), str(target), str(start)), rng, stats,
                               early=0.0, late=0.6)
        last = _check_sequence(done, start) if done else k_known
        stats.committed += len(done)
        k = docx_version(target)
        assert k in (last, last + 1), f"kill {stats.kills}: document holds 版本{k}, expected {last} or {last + 1}"
        stats.unreported += k == last + 1
        k_known = k
        litter = _litter(folder, target)
        assert len(litter) <= 1 and set(litter) <= set(stale_temp_files(target)), f"litter: {litter}"
        stats.torn += len(litter)
    stats.seconds = time.monotonic() - started
    return stats


if __name__ == "__main__":
    sys.exit(child(sys.argv[1:]))
