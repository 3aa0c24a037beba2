"""Word import of a 30-page .docx vs python-docx's own Document() load of the same file (≤ 1 s, ≤ 3×),
and the whole 导入 Word 文件 (read, map onto a report, store it in the database: ≤ 1 s).

The file is written here with python-docx the way an officer types one: typed numbering
(一、（一）1.（1）), bold run-in headings, full-width indents, 一是… enumerations, a figure table
and a 落款. Both sides read the same file from disk, interleaved, in the same process; the figures
are medians of wall time (the budget), with the CPU-time ratio beside it (steadier on a busy
machine, where the longer task is preempted more often). A GB/T 9704 page holds 22 lines of 28
characters (616), so 30 pages ≈ 18,500 characters.
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from bench.support import PHRASES, ROOT

PAGES = 30
CHARS_PER_PAGE = 22 * 28
BUDGET_SECONDS = 1.0
BUDGET_RATIO = 3.0
ROUNDS = 11
_CN = "一二三四五六七八九十"
_INDENT = "\u3000\u3000"


def _sentences(rng: random.Random, count: int) -> str:
    return "；".join(rng.choice(PHRASES).format(n=rng.randint(3, 90), m=rng.randint(100, 9000))
                    for _ in range(count)) + "。"


def thirty_pages(path: Path) -> int:
    """Write the benchmark file; returns its number of characters."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rng = random.Random(11)
    doc = Document()
    chars = 0

    def add(text: str, bold_head: str = "", align=None) -> None:
        nonlocal chars
        para = doc.add_paragraph()
        if bold_head:
            para.add_run(_INDENT)
            para.add_run(bold_head).bold = True
            para.add_run(text)
        else:
            para.add_run(text)
        if align is not None:
            para.alignment = align
        chars += len(bold_head) + len(text.strip("\u3000"))

    add("示例县2024年度宣传思想文化工作总结", align=WD_ALIGN_PARAGRAPH.CENTER)
    add(_INDENT + "2024年，示例县宣传思想文化工作" + _sentences(rng, 3) + "现将全年工作总结如下：")
    section = 0
    while chars < PAGES * CHARS_PER_PAGE:
        add(f"{_INDENT}{_CN[section % 10]}、第{section + 1}方面工作扎实推进")
        for item in range(4):
            add(_sentences(rng, 3), bold_head=f"（{_CN[item]}）重点任务{item + 1}落实有力，成效明显。")
            for point in range(3):
                add(f"{_INDENT}{point + 1}.具体举措{point + 1}。" + _sentences(rng, 2))
            add(_INDENT + "".join(f"{_CN[n]}是{_sentences(rng, 1)}" for n in range(3)))
        section += 1
    table = doc.add_table(rows=12, cols=3)
    for r in range(12):
        row = ("工作板块", "指标", "数据") if r == 0 else (f"板块{r}", f"指标{r}", f"{rng.randint(3, 900)}场次")
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    add("\u3000" * 16 + "示例县委宣传部")
    add("\u3000" * 16 + "2024年12月20日")
    doc.save(str(path))
    return chars


def run() -> list[tuple[str, str, str]]:
    from docx import Document

    from models.wordimport import read_docx

    folder = ROOT / "build" / "bench-wordimport"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "thirty-pages.docx"
    chars = thirty_pages(path)
    result = read_docx(path)  # warm up imports and the genre cache
    Document(str(path))
    times: dict[str, list[float]] = {"import": [], "load": []}
    cpu: dict[str, list[float]] = {"import": [], "load": []}
    for _ in range(ROUNDS):
        for key, fn in (("import", lambda: read_docx(path)), ("load", lambda: Document(str(path)))):
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            times[key].append(time.perf_counter() - start)
            cpu[key].append(time.process_time() - start_cpu)
    ours = statistics.median(times["import"])
    load = statistics.median(times["load"])
    ratio = ours / load
    cpu_ratio = statistics.median(cpu["import"]) / max(statistics.median(cpu["load"]), 1e-9)
    stored = _import_and_store(path, folder)
    ok_time = "OK" if ours <= BUDGET_SECONDS else "OVER BUDGET"
    ok_ratio = "OK" if ratio <= BUDGET_RATIO else "OVER BUDGET"
    s = result.summary
    what = (f"{chars:,} characters ≈ {chars / CHARS_PER_PAGE:.0f} pages, {s.paragraphs} paragraphs, "
            f"median of {ROUNDS}")
    return [
        (f"python-docx Document() load ({what})", f"{load * 1000:.0f} ms", f"{path.stat().st_size // 1024} KB"),
        (f"Word import → tree and summary ({what})", f"{ours * 1000:.0f} ms",
         f"budget ≤ {BUDGET_SECONDS:.0f} s {ok_time}; {ratio:.2f}× the load (budget ≤ {BUDGET_RATIO:.0f}×) {ok_ratio}; "
         f"CPU time {cpu_ratio:.2f}×"),
        (f"导入 Word 文件: read + map + store a report ({what})", f"{stored * 1000:.0f} ms",
         f"budget ≤ {BUDGET_SECONDS:.0f} s {'OK' if stored <= BUDGET_SECONDS else 'OVER BUDGET'}"),
        ("recognised", f"{s.sections}+{sum(s.items.values())}", s.text()[:60] + "…"),
    ]


def _import_and_store(path: Path, folder: Path) -> float:
    """Median wall time of ReportService.import_docx into a fresh data folder (each round adds a report)."""
    import shutil

    from models.service import ReportService

    data = folder / "data"
    shutil.rmtree(data, ignore_errors=True)
    service = ReportService(data)
    try:
        service.import_docx(path)  # warm up: the mapping's modules, the first backup
        times = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            service.import_docx(path)
            times.append(time.perf_counter() - start)
    finally:
        service.close()
    return statistics.median(times)
