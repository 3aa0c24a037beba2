"""LibreOffice renders the export on the GB/T 9704 grid: 22 lines a page, 28 characters a line.

Every sample in resources/samples (or, while there are none, a report made with the CLI) is
exported, converted to PDF with soffice and read back with pdftotext -layout. On CI (env CI set)
missing tools fail the test; locally they skip it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path

import pytest

from export import layout as L
from models import outline as ol
from tests.export import rendering
from tests.export.conftest import export_docx, rich_report

pytestmark = pytest.mark.render


def _documents(service, folder: Path) -> list[tuple[str, Path, list[ol.Block]]]:
    from models.package import read_package_file

    docs = []
    for sample in sorted(rendering.SAMPLES.glob("*.json")):
        report = read_package_file(sample, service.library)
        path = folder / f"{sample.stem}.docx"
        export_docx(service, report, path)
        docs.append((sample.stem, path, service.outline(report)))
    if not docs:  # no samples yet: a report as the officer would make it
        report = rich_report(service)
        path = folder / "built.docx"
        export_docx(service, report, path)
        docs.append(("built", path, service.outline(report)))
    return docs


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _margin(lines: list[str]) -> int:
    return min(len(line) - len(line.lstrip(" ")) for line in lines)


def moved_by_keep_rules(this_page: list[tuple[str, int]], next_page: list[tuple[str, int]],
                        next_lines: list[rendering.Line]) -> int:
    """How many lines the page-break rules may have moved from the foot of a page to the next one.

    - A heading alone on its line and the table caption keep with the paragraph after them
      (w:keepNext): when that paragraph does not fit, they start the next page.
    - Widow and orphan control (w:widowControl): the paragraph that opens the next page may have
      left one line free at this page's foot: its first line, that would have stood alone there
      (it then has two lines or more on the next page), or the line that moved with its last line
      (it then continues from this page with exactly two lines).
    - The 落款 keeps with the end of the body: when it starts a new page, the body's last
      paragraph goes with it whole (w:keepLines), and the 附件说明 and the blank lines with it.
    So a page may end early by the headings that open the next page, plus one line; or, before
    the 落款's page, by the grid lines that stand above the 落款's last line there (all of them
    went together, and only that last line did not fit).
    """
    signature = [n for n, (kind, _) in enumerate(next_page) if kind in (ol.SIGN_UNIT, ol.SIGN_DATE)]
    if signature:
        return next_lines[signature[-1]].slot
    headings = sum(1 for _ in takewhile(lambda k: k[0] in ("heading", "table"), next_page))
    rest = next_page[headings:]
    if not rest:
        return headings
    first = rest[0][1]
    lines = sum(1 for _ in takewhile(lambda k: k[1] == first, rest))
    continues = headings == 0 and this_page and this_page[-1][1] == first
    return headings + (1 if (lines == 2 if continues else lines >= 2) else 0)


@dataclass
class Grid:
    """What the pages of one or more PDFs show, against the GB/T 9704 grid."""

    faults: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    full_28: int = 0
    full_total: int = 0
    first_26: int = 0
    first_total: int = 0

    def read(self, name: str, pdf: Path, blocks: list[ol.Block]) -> None:
        """Lines per page and characters per line of ``pdf``, and the page faults (rendering.page_faults)."""
        pages = rendering.pdf_pages(pdf)
        assert pages, name
        placed = rendering.pdf_lines(pdf)
        kinds = rendering.line_kinds(placed, blocks)
        self.faults += [f"{name}: {f}" for f in rendering.page_faults(placed, blocks)]
        # The tail (table, 落款) has its own line heights and blank lines: check the pages before it.
        # (Found by the kind of each line: the unit's name also stands in the title on page 1.)
        tail_kinds = (ol.TABLE, "row", ol.SIGN_UNIT, ol.SIGN_DATE)
        tail = next((n for n, page in enumerate(kinds) if any(k in tail_kinds for k, _ in page)), len(pages) - 1)
        tail = min(tail, len(pages) - 1)
        for n in range(tail):
            lines = rendering.text_lines(pages[n])
            blanks = 1 if n == 0 else 0  # the blank line under the title
            if n == tail - 1 and kinds[tail][0][0] in (ol.TABLE, ol.SIGN_UNIT) and placed[tail][0].slot == 0:
                blanks += 1  # the blank line before the table / 落款 ended this page
            assert len(lines) == len(placed[n]), f"{name} page {n + 1}: -layout and -bbox-layout disagree"
            full = 22 - blanks
            moved = moved_by_keep_rules(kinds[n], kinds[n + 1], placed[n + 1])
            assert full - moved <= len(lines) <= full, f"{name} page {n + 1}: {len(lines)} lines\n{pages[n]}"
            self.lines.append(f"{name} p{n + 1}: {len(lines)} lines" + (
                f" ({full - len(lines)} moved to the next page by a keep rule, {moved} allowed)"
                if len(lines) < full else ""))
            margin = _margin(lines)
            for i, line in enumerate(lines[:-1]):
                text = line.replace(" ", "")
                if len(text) == 29 and text[-1] in L.HANGING:
                    text = text[:-1]  # 、。， hanging in the right margin (允许标点溢出边界) is outside the 28
                if not text or not all(_is_cjk(ch) for ch in text):
                    continue
                indented = len(line) - len(line.lstrip(" ")) > margin
                next_indented = len(lines[i + 1]) - len(lines[i + 1].lstrip(" ")) > margin
                if next_indented:  # the paragraph's last line, or a heading: may be shorter
                    continue
                assert len(text) <= 28, f"{name} page {n + 1}: {len(text)} characters: {text}"
                if indented:
                    self.first_total += 1
                    self.first_26 += len(text) == 26
                else:
                    self.full_total += 1
                    self.full_28 += len(text) == 28

    def check(self) -> None:
        assert not self.faults, "\n".join(self.faults)  # no stranded heading or caption, 落款 never alone nor split
        assert self.full_total >= 10, "too few full body lines to judge"
        assert self.full_28 / self.full_total > 0.8, f"{self.full_28} of {self.full_total} full lines hold 28 characters"
        if self.first_total:
            assert self.first_26 / self.first_total > 0.7, (
                f"{self.first_26} of {self.first_total} first lines hold 26 characters")
        print("\n".join(self.lines), f"\nfull lines with 28 characters: {self.full_28}/{self.full_total}",
              f"first lines with 26: {self.first_26}/{self.first_total}")


def test_pages_follow_the_grid(tools, service, tmp_path):
    """The .docx as LibreOffice prints it."""
    docs = _documents(service, tmp_path)
    assert docs, "at least one document to render"
    grid = Grid()
    pdfs = rendering.to_pdfs([docx for _, docx, _ in docs], tmp_path / "pdf")
    for (name, _docx, blocks), pdf in zip(docs, pdfs, strict=True):
        grid.read(name, pdf, blocks)
    grid.check()


def test_pdf_export_pages_follow_the_grid(tools, service, tmp_path, qapp):
    """The PDF the app writes itself (export/pdf.py), read back the same way: the same grid, no page fault."""
    from export.pdf import write_pdf

    docs = _documents(service, tmp_path)
    grid = Grid()
    for name, _docx, blocks in docs:
        pdf = tmp_path / f"{name}.pdf"
        write_pdf(blocks, pdf)
        grid.read(name, pdf, blocks)
    grid.check()


def test_page_numbers_alternate_sides(tools, service, tmp_path):
    report = rich_report(service)
    for n in range(40):  # long enough for three pages
        report.values["intro"] = report.values["intro"] + "\n" + "宣传思想文化工作取得新进展，群众满意度不断提升。" * 3
        del n
    path = tmp_path / "long.docx"
    export_docx(service, report, path)
    pages = rendering.pdf_pages(rendering.to_pdf(path, tmp_path / "pdf"))
    assert len(pages) >= 3
    for n, page in enumerate(pages[:3], start=1):
        number = next(line for line in page.splitlines() if rendering.PAGE_NUMBER.match(line))
        assert number.strip().replace(" ", "") == f"—{n}—"
        body = [line for line in rendering.text_lines(page)]
        left = _margin(body)
        indent = len(number) - len(number.lstrip(" "))
        if n % 2:  # odd: right
            assert indent > left + 20
        else:  # even: left, one character in
            assert indent < left + 6
