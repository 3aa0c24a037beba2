"""Agreement of the paged layout with LibreOffice's rendering of the exported .docx.

Each document (every sample, and reports of 1–30 pages generated with the service and filled
with text written here for a fictional 示例镇) is exported with the Word exporter, converted to
PDF by LibreOffice (tests/export/rendering.py: Chinese font names mapped onto Noto CJK), and
each page's first line is read with ``pdftotext -bbox-layout``. The paged layout of the same
outline, measured with the same fonts (export/painter.py measures them with Qt), must give the
same page count and the same first line on ≥ 95 % of pages.

The layout is run with ``paged.DOCX_RULES``, the page rules the .docx carries (all of GB/T 9704's:
keep with next, the 落款 with the body's last paragraph, rows not split, widow control). To print
the figure, document by document, with every page that differs:

    python -m tests.export.paged_agreement
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.export import rendering

HANGING = "、。，．；：！？"

# ---------------------------------------------------------------- generated reports (own text)

TOPICS = ["乡村振兴", "基层治理", "移风易俗", "文明实践", "理论宣讲", "网络文明", "文化惠民", "志愿服务"]
MEDIA = ["县融媒体中心", "市级报纸", "省级电视台", "“示例镇发布”公众号", "《示例日报》"]
FRAGMENTS = [
    "围绕{t}工作，镇党委宣传办组织开展专题宣讲{n}场次，覆盖干部群众{m}人次",
    "依托村（社区）新时代文明实践站，推出“{t}微课堂”{n}期",
    "在{media}刊发稿件{n}篇，其中头版头条{k}篇",
    "组织“百姓宣讲团”深入田间地头、农家院落，用群众听得懂的话讲政策、讲变化",
    "建立“周排查、月研判”工作机制，全年排查风险点{n}个，整改完成率达到{p}%",
    "指导各村修订完善村规民约{n}部，推动红白喜事简办、新办",
    "开设“{t}”专栏，累计推送图文、短视频{m}条，阅读量突破{k}万次",
    "组织文艺小分队送戏下乡{n}场，放映公益电影{m}场次",
    "培训村级宣传员{n}人次，逐步形成一支懂政策、会写作、能拍摄的基层宣传队伍",
    "对照年初确定的目标任务逐项梳理，做到底数清、责任明、措施实——确保各项工作按时推进",
    "评选表彰“最美家庭”“好婆婆”“好邻居”等身边典型{n}名……",
    "会同农业服务中心编印《{t}政策问答》{m}册，发放到户",
]


def _sentence(rng: random.Random, count: int) -> str:
    parts = [rng.choice(FRAGMENTS).format(t=rng.choice(TOPICS), media=rng.choice(MEDIA), n=rng.randint(2, 96),
                                           m=rng.randint(100, 9800), k=rng.randint(1, 60), p=rng.randint(80, 100))
             for _ in range(count)]
    return "；".join(parts) + "。"


def generated_report(service, pages: int, seed: int = 1):
    """A filled report of about ``pages`` pages (annual plans for long ones, half-year summaries for
    short ones), built in memory with the service."""
    rng = random.Random(seed * 1000 + pages)
    short = pages <= 2  # one work area, no leads and no figures table: the frame alone takes half a page
    genre_id, period = ("annual_plan", "2025") if pages > 6 else ("half_year", "2024H1")
    areas = [a.id for a in service.areas()]
    report = service.build_report(genre_id, unit="示例镇党委宣传办", period=period, author="李明", date="2024-12-20",
                                  areas=areas[:1 if short else max(2, min(len(areas), pages + 1))])
    genre = service.library.get(genre_id)
    budget = pages * 470 - 420  # characters: about 470 a page once headings, blank lines and short last lines count
    report.values["intro"] = "今年以来，" + _sentence(rng, 1 if short else 2)
    if genre.closing and not short:
        report.values["closing"] = _sentence(rng, 1)
    for part in genre.parts:
        if part.lead and not short:
            report.values[f"part.{part.key}.lead"] = _sentence(rng, 1)
    items = list(report.all_items())
    if pages == 1:  # one part only: the parts left empty are not printed
        items = [i for i in items if i.part == genre.parts[0].key][:1]
    for item in items:
        report.values[f"item.{item.id}.heading"] = rng.choice(TOPICS) + "工作扎实推进，取得阶段性成效"
        for fig in item.figures if not short else ():
            report.values[f"item.{item.id}.fig.{fig.key}"] = str(rng.randint(1, 900))
    used = sum(len(v) for v in report.values.values())
    per_item = max((budget - used) // max(len(items), 1), 20)
    for item in items:
        paragraphs, size = [], 0
        while size < per_item:
            text = _sentence(rng, rng.randint(1, 3))
            paragraphs.append(text)
            size += len(text)
        report.values[f"item.{item.id}.body"] = "\n".join(paragraphs)
    return report


# ---------------------------------------------------------------- LibreOffice side


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>')
_FOLIO = re.compile(r"—\d+—")


def pdf_first_lines(pdf: Path) -> list[str]:
    """Each page's first line of text (page number excluded), read from the word boxes."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=120,
                         check=True).stdout.decode("utf-8")
    out = []
    for page in xml.split("<page ")[1:]:
        rows: dict[float, list[tuple[float, str]]] = {}
        for x, y, text in _WORD.findall(page):
            y_ = float(y)
            key = next((k for k in rows if abs(k - y_) < 2), y_)
            rows.setdefault(key, []).append((float(x), text))
        lines = [normalise("".join(t for _, t in sorted(words))) for _, words in sorted(rows.items())]
        lines = [line for line in lines if line and not _FOLIO.fullmatch(line)]
        out.append(lines[0] if lines else "")
    return out


def normalise(line: str) -> str:
    """Spaces out; a mark hanging in the margin out (LibreOffice drops some of them from the text)."""
    return re.sub(r"\s+", "", line).rstrip(HANGING)


# ---------------------------------------------------------------- the comparison


@dataclass
class Result:
    name: str
    layout_pages: int
    docx_pages: int
    matching: int  # pages whose first line agrees
    mismatches: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def same_count(self) -> bool:
        return self.layout_pages == self.docx_pages


@dataclass
class Agreement:
    results: list[Result]

    @property
    def pages(self) -> int:
        return sum(r.docx_pages for r in self.results)

    @property
    def matching(self) -> int:
        return sum(r.matching for r in self.results)

    @property
    def figure(self) -> float:
        return self.matching / self.pages if self.pages else 0.0

    @property
    def same_counts(self) -> int:
        return sum(r.same_count for r in self.results)

    def summary(self) -> str:
        rows = [f"{r.name}: {r.layout_pages} / {r.docx_pages} pages, first lines {r.matching}/{r.docx_pages}"
                for r in self.results]
        rows.append(f"page counts equal: {self.same_counts}/{len(self.results)} documents; "
                    f"first line equal on {self.matching}/{self.pages} pages = {self.figure:.1%}")
        return "\n".join(rows)


def documents(service, page_targets=(1, 2, 3, 5, 8, 12, 18, 24, 30)):
    """(name, report) for every sample and a generated report per page target."""
    from models.package import read_package_file

    out = [(s.stem, read_package_file(s, service.library)) for s in sorted(rendering.SAMPLES.glob("*.json"))]
    out += [(f"generated-{n}p", generated_report(service, n)) for n in page_targets]
    return out


def measure(service, folder: Path, docs=None, rules=None) -> Agreement:
    """Export, render and compare every document; ``rules`` default to the rules of the .docx."""
    from export import paged
    from export.docx import write_docx
    from export.painter import PagePainter
    from export.pdf import ensure_gui_app

    ensure_gui_app()
    rules = rules or paged.DOCX_RULES
    docs = docs if docs is not None else documents(service)
    docxs = []
    for name, report in docs:
        path = folder / f"{name}.docx"
        write_docx(service.outline(report), path)
        docxs.append(path)
    pdfs = rendering.to_pdfs(docxs, folder / "pdf")
    page_painter = PagePainter()
    results = []
    for (name, report), pdf in zip(docs, pdfs, strict=True):
        layout = page_painter.typesetter().layout(service.outline(report), rules=rules)
        ours = [normalise(line) for line in paged.first_lines(layout)]
        theirs = pdf_first_lines(pdf)
        matching = sum(a == b for a, b in zip(ours, theirs, strict=False))
        mismatches = [(n + 1, a, b) for n, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b]
        results.append(Result(name, len(ours), len(theirs), matching, mismatches))
    return Agreement(results)


def main() -> int:
    missing = rendering.tools_missing()
    if missing:
        print("missing:", ", ".join(missing))
        return 1
    from models.service import ReportService

    with tempfile.TemporaryDirectory() as tmp:
        service = ReportService(Path(tmp) / "data")
        try:
            agreement = measure(service, Path(tmp))
        finally:
            service.close()
    print(agreement.summary())
    for r in agreement.results:
        for n, ours, theirs in r.mismatches:
            print(f"  {r.name} p{n}: layout “{ours}” / LibreOffice “{theirs}”")
    return 0


if __name__ == "__main__":
    sys.exit(main())
