"""Workbooks (.xlsx) that open in WPS 表格 and Excel: the county 统计表 and the 工作台账.

openpyxl writes them in memory; the file is then written atomically (models.atomic), so a failed
export never leaves half a file. Fonts are named in Chinese (宋体 for cells, 黑体 for titles),
which both programs map to the installed fonts; numbers stay numbers (a 合计 can be re-checked
with SUM), and a value typed with 余 is shown "20余" through the number format, not as text.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from models.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from collections.abc import Sequence

    from models.catalog import Area
    from models.ledger import Entry
    from models.rollup import Rollup

BODY_FONT = "宋体"
TITLE_FONT = "黑体"
ROLLUP_SHEET = "统计表"
# Printing the 统计表: A4 landscape holds about PAGE_UNITS of Excel's column units at 100 %. A wider
# table prints at PRINT_SCALE % over several pages, broken between work areas, 序号 and 单位 repeated
# on each page (fitting 12 figures and their ranks on one page would print them at half size).
PAGE_UNITS = 105  # as LibreOffice prints it (A4 landscape, default margins)
PRINT_SCALE = 85
LEDGER_SHEET = "工作台账"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "title": Font(name=TITLE_FONT, size=16, bold=False),
        "head": Font(name=TITLE_FONT, size=11),
        "body": Font(name=BODY_FONT, size=11),
        "bold": Font(name=BODY_FONT, size=11, bold=True),
        "note": Font(name=BODY_FONT, size=10, color="555555"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
        "fill": PatternFill("solid", fgColor="EDEDED"),
    }


def _number_format(value: float, approx: bool) -> str:
    base = "0" if float(value).is_integer() else "0.0#"
    return f'{base}"余"' if approx else base


def _save(wb, path: Path | str) -> None:
    buf = io.BytesIO()
    wb.save(buf)
    write_bytes_atomic(Path(path), buf.getvalue())


def _chars(text: str) -> float:
    """Display width in Excel's units: a Chinese character counts as two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in str(text))


# ------------------------------------------------------------------ the county 统计表


def rollup_workbook(result: Rollup):
    """The roll-up as a workbook: sheet 统计表 (title, two header rows, a row per town, 合计, notes)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = ROLLUP_SHEET
    ncols = 2 + 2 * len(result.columns)
    # widths: 序号 narrow, 单位 as wide as the longest name, a figure as its name (up to 8 characters on
    # one line; the unit goes on the next)
    widths = {1: 6.0, 2: max(10, min(30, max((_chars(t.unit) for t in result.towns), default=8) + 2))}
    for n, column in enumerate(result.columns):
        widths[3 + 2 * n] = max(8, min(18, max(_chars(column.label), _chars(f"（{column.unit}）")) + 2))
        widths[4 + 2 * n] = 6
    breaks = _area_breaks(result, widths)
    # printed over several pages, 序号 and 单位 repeat on each: the title and the notes then start beside
    # them (else each page would show a slice of them) and end with the first page
    lead = 3 if breaks else 1
    page_end = max(breaks[0] if breaks else ncols, 2)
    ws.cell(1, lead, result.title).font = st["title"]
    ws.cell(1, lead).alignment = st["center"]
    ws.merge_cells(start_row=1, start_column=lead, end_row=1, end_column=page_end)
    ws.row_dimensions[1].height = 32
    # header: area names over their figures (row 2), figure and 排名 (row 3)
    for col, text in ((1, "序号"), (2, "单位")):
        ws.cell(2, col, text)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    n = 0
    while n < len(result.columns):
        area = result.columns[n].area
        width = 1
        while n + width < len(result.columns) and result.columns[n + width].area == area:
            width += 1
        first = 3 + 2 * n
        ws.cell(2, first, result.columns[n].area_name or "其他")
        ws.merge_cells(start_row=2, start_column=first, end_row=2, end_column=first + 2 * width - 1)
        n += width
    for n, column in enumerate(result.columns):
        ws.cell(3, 3 + 2 * n, _header(column.label, column.unit))  # the unit on a line of its own
        ws.cell(3, 4 + 2 * n, "排名")
    for row in (2, 3):
        for col in range(1, ncols + 1):
            cell = ws.cell(row, col)
            cell.font, cell.alignment, cell.border, cell.fill = st["head"], st["center"], st["border"], st["fill"]
    ws.row_dimensions[3].height = 48  # up to three lines: a long figure name wraps once, then the unit
    # one row per town
    for t, town in enumerate(result.towns):
        r = 4 + t
        ws.cell(r, 1, t + 1).alignment = st["center"]
        ws.cell(r, 2, town.unit).alignment = st["left"]
        for n in range(len(result.columns)):
            if n in town.values:
                value = town.values[n]
                cell = ws.cell(r, 3 + 2 * n, int(value) if float(value).is_integer() else value)
                cell.number_format = _number_format(value, n in town.approx)
                ws.cell(r, 4 + 2 * n, town.ranks[n])
            for col in (3 + 2 * n, 4 + 2 * n):
                ws.cell(r, col).alignment = st["center"]
        for col in range(1, ncols + 1):
            ws.cell(r, col).font, ws.cell(r, col).border = st["body"], st["border"]
    total_row = 4 + len(result.towns)
    ws.cell(total_row, 1, "合计")
    ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=2)
    for n, total in enumerate(result.totals):
        if total is not None:
            cell = ws.cell(total_row, 3 + 2 * n, int(total) if float(total).is_integer() else total)
            approx = any(n in t.approx for t in result.towns)
            cell.number_format = _number_format(total, approx)
    for col in range(1, ncols + 1):
        cell = ws.cell(total_row, col)
        cell.font, cell.border, cell.alignment = st["bold"], st["border"], st["center"]
    # what did not roll up, under the table
    notes = []
    if result.missing:
        notes.append(f"未报送单位（{len(result.missing)} 个）：{'、'.join(result.missing)}")
    notes.extend(f"未汇总：{p}" for p in result.problems)
    notes.extend(f"说明：{p}" for p in result.notes)
    if any(t.approx for t in result.towns):
        notes.append("说明：带“余”的数据按所写数字计入合计，合计也标“余”。")
    notes.append("排名按数值从高到低，数值相同名次相同；未填写的不参加排名。")
    for k, note in enumerate(notes):
        r = total_row + 2 + k
        ws.cell(r, lead, note).font = st["note"]
        ws.merge_cells(start_row=r, start_column=lead, end_row=r, end_column=max(page_end, lead))
        ws.cell(r, lead).alignment = st["left"]
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C4"
    ws.print_title_rows = "2:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if breaks:
        from openpyxl.worksheet.pagebreak import Break

        ws.print_title_cols = "A:B"
        ws.page_setup.scale = PRINT_SCALE
        for col in breaks:
            ws.col_breaks.append(Break(id=col))  # after this column, a new page
    else:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


def _header(label: str, unit: str) -> str:
    return f"{label}\n（{unit}）" if unit else label


def _area_breaks(result: Rollup, widths: dict[int, float]) -> list[int]:
    """The columns after which a printed page ends, between work areas, when the table is wider than
    a landscape page at PRINT_SCALE %; [] when it fits on one page at that scale."""
    room = PAGE_UNITS * 100 / PRINT_SCALE
    if sum(widths.values()) <= room:
        return []
    room -= widths[1] + widths[2]  # 序号 and 单位 are printed on every page
    breaks, used, n = [], 0.0, 0
    while n < len(result.columns):
        area = result.columns[n].area
        end = n
        while end < len(result.columns) and result.columns[end].area == area:
            end += 1
        size = sum(widths[3 + 2 * k] + widths[4 + 2 * k] for k in range(n, end))
        if used and used + size > room:
            breaks.append(2 + 2 * n)  # the last column of the page before this area
            used = 0.0
        used += size
        n = end
    return breaks


def write_rollup(result: Rollup, path: Path | str) -> None:
    """Write the 统计表 (WriteError, Chinese, when the file cannot be written)."""
    _save(rollup_workbook(result), path)


# ------------------------------------------------------------------ the 工作台账


def ledger_workbook(entries: Sequence[Entry], catalog: Sequence[Area], title: str = "工作台账"):
    """The 台账 as a sheet: 日期, 工作板块, 做了什么, then one column per figure used (in catalog order).

    It reads back through the import (the figure columns are named by area and label), so a 台账
    exported here and edited in WPS can be imported again.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = LEDGER_SHEET
    used = {(e.area, k) for e in entries for k in e.figures}
    figures = [(a, f) for a in catalog for f in a.figures if (a.id, f.key) in used]
    names = {a.id: a.name for a in catalog}
    headers = ["日期", "工作板块", "做了什么", *(f"{a.name}·{f.label}（{f.unit}）" if f.unit else
                                               f"{a.name}·{f.label}" for a, f in figures)]
    ws.cell(1, 1, title).font = st["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.cell(1, 1).alignment = st["center"]
    ws.row_dimensions[1].height = 30
    for c, h in enumerate(headers, start=1):
        cell = ws.cell(2, c, h)
        cell.font, cell.alignment, cell.border, cell.fill = st["head"], st["center"], st["border"], st["fill"]
    ws.row_dimensions[2].height = 36
    import datetime as _dt

    for r, e in enumerate(entries, start=3):
        cell = ws.cell(r, 1, _dt.date.fromisoformat(e.date))
        cell.number_format = "yyyy-mm-dd"
        ws.cell(r, 2, names.get(e.area, e.area))
        ws.cell(r, 3, e.text)
        for c, (a, f) in enumerate(figures, start=4):
            if a.id == e.area and f.key in e.figures:
                value = e.figures[f.key]
                ws.cell(r, c, int(value) if float(value).is_integer() else value).number_format = \
                    _number_format(value, False)
        for c in range(1, len(headers) + 1):
            cell = ws.cell(r, c)
            cell.font, cell.border = st["body"], st["border"]
            cell.alignment = st["left"] if c == 3 else st["center"]
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = max(20, min(60, max((_chars(e.text) for e in entries), default=20) + 2))
    for c in range(4, len(headers) + 1):
        ws.column_dimensions[get_column_letter(c)].width = max(10, min(18, _chars(headers[c - 1]) / 2 + 2))
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{max(2, len(entries) + 2)}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


def write_ledger(entries: Sequence[Entry], catalog: Sequence[Area], path: Path | str, title: str = "工作台账") -> None:
    _save(ledger_workbook(entries, catalog, title), path)
