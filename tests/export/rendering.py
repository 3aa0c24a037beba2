"""Render exported documents with LibreOffice and read the PDF back (render tests, screenshots).

LibreOffice is a third, strict reader of the .docx. The Chinese font names of the document are
not installed here, so a private fontconfig file maps them onto Noto CJK (仿宋/楷体/宋体 → Noto
Serif CJK SC, 黑体 → Noto Sans CJK SC, the title faces → Noto Serif CJK SC Bold) — close enough
in width for the grid checks and recognisable in screenshots. Each conversion uses its own
LibreOffice profile (-env:UserInstallation) so parallel runs do not clash.

    python -m tests.export.rendering      # regenerate docs/screenshots/export-<genre>.png
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
SCREENSHOTS = ROOT / "docs" / "screenshots"

SERIF = ("仿宋", "仿宋_GB2312", "楷体", "楷体_GB2312", "宋体", "新宋体")
HEAVY_SERIF = ("方正小标宋简体", "华文中宋")
SANS = ("黑体",)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def tools_missing() -> list[str]:
    missing = [] if soffice() else ["soffice"]
    missing += [t for t in ("pdftotext", "pdftoppm") if not shutil.which(t)]
    return missing


def _fontconfig_file(folder: Path) -> Path:
    def match(name: str, family: str, bold: bool = False) -> str:
        weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if bold else ""
        return (f'<match target="pattern"><test name="family"><string>{name}</string></test>'
                f'<edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>{weight}</match>')

    rules = [match(n, "Noto Serif CJK SC") for n in SERIF]
    rules += [match(n, "Noto Serif CJK SC", bold=True) for n in HEAVY_SERIF]
    rules += [match(n, "Noto Sans CJK SC") for n in SANS]
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' + "\n".join(rules)
                    + "\n</fontconfig>\n", encoding="utf-8")
    return conf


def to_pdf(docx: Path, outdir: Path) -> Path:
    """Convert with a private LibreOffice profile; returns the PDF path."""
    return to_pdfs([docx], outdir)[0]


def to_pdfs(docxs: list[Path], outdir: Path) -> list[Path]:
    """Several documents converted by one LibreOffice start (each start costs seconds)."""
    if not docxs:
        return []  # soffice without a file would wait for one
    exe = soffice()
    assert exe, "soffice not found"
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lo-", dir=outdir))
    env = dict(os.environ)
    if sys.platform.startswith("linux"):
        env["FONTCONFIG_FILE"] = str(_fontconfig_file(work))
    cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docxs)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=240 + 30 * len(docxs), env=env, check=False)
    shutil.rmtree(work, ignore_errors=True)
    pdfs = [outdir / (d.stem + ".pdf") for d in docxs]
    if result.returncode != 0 or not all(p.exists() for p in pdfs):
        raise RuntimeError(f"soffice failed ({result.returncode}): {result.stdout}\n{result.stderr}")
    return pdfs


def pdf_pages(pdf: Path) -> list[str]:
    """pdftotext -layout, one string per page."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, timeout=120, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


PAGE_NUMBER = re.compile(r"^\s*—\s*\d+\s*—\s*$")


def text_lines(page: str) -> list[str]:
    """The non-empty lines of a page without its page number line."""
    return [line for line in page.splitlines() if line.strip() and not PAGE_NUMBER.match(line)]


# ---------------------------------------------------------------- lines with their positions

TEXT_TOP_PT = 37 / 25.4 * 72  # the text area starts 37 mm from the top of the paper
TEXT_BOTTOM_PT = TEXT_TOP_PT + 225 / 25.4 * 72
GRID_PT = 28.95
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    """One printed line of the text area: its page (1-based), grid slot (0–21), left edge and text."""

    page: int
    slot: int
    x: float
    text: str  # words joined without spaces (CJK text has none; table cells run together)


def pdf_lines(pdf: Path) -> list[list[Line]]:
    """pdftotext -bbox-layout: the lines of every page, top to bottom, page numbers left out.

    Words on one baseline (table cells, a date split into words) are one line. The slot is the
    grid line the text sits on: (top of the glyphs − top of the text area) / 28.95 pt.
    """
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=120, check=True)
    root = etree.fromstring(out.stdout)
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        rows: dict[int, list[tuple[float, str]]] = {}
        for word in page.iter(f"{_XHTML}word"):
            y, x = float(word.get("yMin")), float(word.get("xMin"))
            if y > TEXT_BOTTOM_PT:  # the page number line under the text area
                continue
            key = next((k for k in rows if abs(k - y) < 3), round(y))
            rows.setdefault(key, []).append((x, word.text or ""))
        lines = []
        for y in sorted(rows):
            words = sorted(rows[y])
            slot = max(0, int((y - TEXT_TOP_PT) // GRID_PT))
            lines.append(Line(number, slot, words[0][0], "".join(w for _, w in words).replace(" ", "")))
        pages.append(lines)
    return pages


def printed_paragraphs(blocks) -> list[tuple[str, str]]:
    """(kind, text without spaces) of every printed paragraph, in the order the export sets them
    (export.layout.arrange: a long table may follow the 落款 as an attachment); a table gives its
    caption and one entry per row (kind "row"); the attachment's note under the body and its label
    are kinds "note" and "label". Blank spacer lines print nothing and are not listed."""
    from export import layout

    out = []
    for item in layout.arrange(blocks):
        if isinstance(item, layout.Table):
            out.extend(("row", "".join(r).replace(" ", "")) for r in item.rows)
        elif item.block is not None:
            kind = {layout.NOTE: "note", layout.LABEL: "label"}.get(item.role, item.block.kind)
            out.append((kind, item.text.replace(" ", "")))
    return out


def line_kinds(pages: list[list[Line]], blocks) -> list[list[tuple[str, int]]]:
    """Each line's (block kind, paragraph index), found by reading the printed text in order.

    The text of the lines, concatenated, is the text of the paragraphs concatenated; a line
    belongs to the paragraph its first character comes from. ("?", -1) where the text differs.
    """
    paras = printed_paragraphs(blocks)
    headers = {"".join(b.rows[0]).replace(" ", "") for b in blocks if b.kind == "table" and b.rows}
    stream, owner = "", []
    for n, (_kind, text) in enumerate(paras):
        stream += text
        owner += [n] * len(text)
    pos = 0
    result = []
    for page in pages:
        kinds = []
        for line in page:
            found = stream.find(line.text, pos, pos + len(line.text) + 40) if line.text else -1
            if found < 0:
                kinds.append(("header", -1) if line.text in headers else ("?", -1))  # a repeated header row
                continue
            pos = found + len(line.text)
            n = owner[found]
            kinds.append((paras[n][0], n))
        result.append(kinds)
    return result


def page_faults(pages: list[list[Line]], blocks) -> list[str]:
    """The page-break faults a reader of the printout notices (GB/T 9704 7.3.5 and house rules):

    - a heading standing alone on its line, or the table caption, at the foot of a page;
    - a page holding only the 落款, or fewer than two lines of text above the 落款 on its page;
    - the unit and the date of the 落款 on different pages;
    - a table of at most 8 rows broken across pages (rows of one line; the cells of a taller row
      interleave in the PDF's text, so a row broken in two is checked by its own test).
    """
    kinds = line_kinds(pages, blocks)
    faults = []
    sign_pages: dict[str, int] = {}
    table_pages: set[int] = set()
    rows = sum(len(b.rows) for b in blocks if b.kind == "table")
    for n, (page, page_kinds) in enumerate(zip(pages, kinds, strict=True), start=1):
        if not page:
            continue
        last_kind = page_kinds[-1][0]
        if n < len(pages) and last_kind in ("heading", "table"):
            what = "表格标题" if last_kind == "table" else "标题"
            faults.append(f"page {n}: {what} at the foot of the page: {page[-1].text}")
        for kind, _ in page_kinds:
            if kind in ("sign_unit", "sign_date"):
                sign_pages.setdefault(kind, n)
            if kind in ("table", "row", "header"):
                table_pages.add(n)
        signs = [k for k, _ in page_kinds if k in ("sign_unit", "sign_date")]
        if signs:
            others = len([k for k, _ in page_kinds if k not in ("sign_unit", "sign_date", "note")])
            if others == 0:
                faults.append(f"page {n}: only the 落款")
            elif others < 2:
                faults.append(f"page {n}: {others} line of text above the 落款")
    if len(set(sign_pages.values())) > 1:
        faults.append(f"落款 split: unit on page {sign_pages.get('sign_unit')}, date on page {sign_pages.get('sign_date')}")
    if rows and rows <= 8 and len(table_pages) > 1:
        faults.append(f"table of {rows} rows on pages {sorted(table_pages)}")
    return faults


def page_report(pages: list[list[Line]]) -> list[str]:
    """Per page: how many lines, and the grid slot of the last one (21 = the page is full)."""
    return [f"p{n}: {len(p)} lines, last on line {p[-1].slot + 1 if p else 0}" for n, p in enumerate(pages, 1)]


def first_page_png(pdf: Path, png: Path, dpi: int = 60) -> Path:
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=120)
    return png


def export_samples(outdir: Path, fonts: str | None = None) -> list[tuple[str, Path]]:
    """Every sample in resources/samples exported to outdir: [(genre id, docx path)]."""
    from models.package import read_package_file
    from models.service import ReportService
    from tests.export.conftest import export_docx

    service = ReportService(outdir / "data")
    try:
        out = []
        for sample in sorted(SAMPLES.glob("*.json")):
            report = read_package_file(sample, service.library)
            path = outdir / f"{sample.stem}.docx"
            export_docx(service, report, path, fonts=fonts)
            out.append((report.genre_id, path))
        return out
    finally:
        service.close()


def main() -> int:
    missing = tools_missing()
    if missing:
        print("missing:", ", ".join(missing))
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for genre_id, docx in export_samples(Path(tmp), fonts="standard"):
            pdf = to_pdf(docx, Path(tmp) / "pdf")
            png = first_page_png(pdf, SCREENSHOTS / f"export-{genre_id}.png")
            print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
