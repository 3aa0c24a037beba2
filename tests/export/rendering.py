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
from pathlib import Path

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
    exe = soffice()
    assert exe, "soffice not found"
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lo-", dir=outdir))
    env = dict(os.environ)
    if sys.platform.startswith("linux"):
        env["FONTCONFIG_FILE"] = str(_fontconfig_file(work))
    profile = (work / "profile").as_uri()
    cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
           "--outdir", str(outdir), str(docx)]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=240, env=env, check=False)
    pdf = outdir / (docx.stem + ".pdf")
    shutil.rmtree(work, ignore_errors=True)
    if result.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"soffice failed ({result.returncode}): {result.stdout}\n{result.stderr}")
    return pdf


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


def first_page_png(pdf: Path, png: Path, dpi: int = 60) -> Path:
    png.parent.mkdir(parents=True, exist_ok=True)
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=120)
    return png


def export_samples(outdir: Path, fonts: str | None = None) -> list[tuple[str, Path]]:
    """Every sample in resources/samples exported to outdir: [(genre id, docx path)]."""
    from export.docx import export_report
    from models.package import read_package_file
    from models.service import ReportService

    service = ReportService(outdir / "data")
    try:
        out = []
        for sample in sorted(SAMPLES.glob("*.json")):
            report = read_package_file(sample, service.library)
            path = outdir / f"{sample.stem}.docx"
            export_report(service, report, path, fonts=fonts)
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
