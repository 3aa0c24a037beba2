"""Importing the officer's own 台账 sheet (.xlsx, .csv) into the 工作台账.

Three steps, so the UI can show each: ``read_table`` finds the header row and the data rows;
``guess_mapping`` says what each column is (日期, 工作板块, 做了什么, or one figure), from a
mapping remembered for these header names or from the names themselves; ``parse_rows`` turns the
rows into entries and reports every bad row in Chinese with its row number as the sheet shows it.
The good rows are imported, the bad ones listed, and nothing is stored twice.

How officers name columns and categories is data: resources/templates/_ledger_words.json.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from models import periods
from models.atomic import os_error_text
from models.ledger import Entry, LedgerError, is_stock, normalize
from models.ledger_numbers import parse_amount
from models.paths import resource_dir

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from models.catalog import Area
    from models.report import FigureDef

MAX_ROWS = 50_000
MAX_FILE_BYTES = 30 * 1024 * 1024
HEADER_SCAN = 15  # rows above the header (a title, a unit line) that are skipped
DATE, AREA, TEXT, SKIP = "date", "area", "text", ""
FIG, UNIT = "fig:", "unit:"  # fig:<area>.<key> one figure; unit:<unit> the row's area's figure in that unit
EMPTY_CELLS = {"", "-", "—", "–", "/", "／", "无", "0.0"}
_EXCEL_EPOCH = _dt.date(1899, 12, 30)


class TableError(ValueError):
    """The file cannot be read as a table; the message is Chinese and says what to do."""


@dataclass
class Table:
    name: str  # the file name, for messages
    headers: list[str]
    rows: list[tuple[int, list[object]]]  # (row number as the sheet shows it, cells)
    header_row: int = 1


@dataclass
class Mapping:
    columns: dict[int, str] = field(default_factory=dict)  # column index -> DATE / AREA / TEXT / fig:… / unit:…
    default_area: str = ""  # for rows without an area column or with the cell empty

    def target(self, column: int) -> str:
        return self.columns.get(column, SKIP)


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str

    def line(self) -> str:
        return f"第{self.row}行：{self.message}"


@dataclass
class Parsed:
    entries: list[tuple[int, Entry]] = field(default_factory=list)  # (row, entry)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[int] = field(default_factory=list)  # rows already in the 台账


@cache
def words() -> dict:
    return json.loads((resource_dir() / "templates" / "_ledger_words.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ reading the file


def read_table(path: Path | str) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TableError(f"无法读取文件 {path.name}：{os_error_text(exc, reading=True)}。") from exc
    if size > MAX_FILE_BYTES:
        raise TableError(f"文件 {path.name} 超过 {MAX_FILE_BYTES // 1024 // 1024} MB，不像是台账表格。")
    if suffix in (".xls", ".et", ".wps"):
        raise TableError(f"{path.name} 是旧格式的表格。请在 WPS 表格或 Excel 中“另存为”.xlsx 格式后再导入。")
    if suffix in (".xlsx", ".xlsm"):
        grid = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        grid = _read_csv(path)
    else:
        raise TableError(f"{path.name} 不是 .xlsx 或 .csv 表格，无法导入台账。")
    return _table(path.name, grid)


def _read_xlsx(path: Path) -> list[list[object]]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise TableError(f"{path.name} 无法作为 .xlsx 表格打开（{exc}）。文件可能已损坏，或者其实是别的格式。") from exc
    try:
        sheets = [wb.active, *[ws for ws in wb.worksheets if ws is not wb.active]]
        for ws in sheets:
            if ws is None:
                continue
            grid = []
            for n, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if n > MAX_ROWS + HEADER_SCAN:
                    raise TableError(f"{path.name} 超过 {MAX_ROWS} 行，请分成几个文件导入。")
                grid.append(list(row))
            if any(any(_text(c) for c in row) for row in grid):
                return grid
        raise TableError(f"{path.name} 是空的，没有可导入的行。")
    finally:
        wb.close()


def _read_csv(path: Path) -> list[list[object]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 reads every GBK file (WPS and Excel save CSV as GBK)
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(f"{path.name} 的文字编码无法识别（不是 UTF-8 也不是 GBK）。请在表格软件中另存为 CSV 再试。")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if len(rows) > MAX_ROWS + HEADER_SCAN:
        raise TableError(f"{path.name} 超过 {MAX_ROWS} 行，请分成几个文件导入。")
    return [list(r) for r in rows]


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return unicodedata.normalize("NFKC", str(cell)).strip()


def _table(name: str, grid: list[list[object]]) -> Table:
    if not any(any(_text(c) for c in row) for row in grid):
        raise TableError(f"{name} 是空的，没有可导入的行。")
    header_at = _header_row(grid)
    headers = [_text(c) for c in grid[header_at]]
    width = max(len(headers), *(len(r) for r in grid[header_at + 1:])) if len(grid) > header_at + 1 else len(headers)
    headers += [""] * (width - len(headers))
    headers = [h or f"第{i + 1}列" for i, h in enumerate(headers)]
    rows = []
    for n, row in enumerate(grid[header_at + 1:], start=header_at + 2):
        cells = list(row) + [None] * (width - len(row))
        if any(_text(c) for c in cells):
            rows.append((n, cells))
    if not rows:
        raise TableError(f"{name} 只有表头，没有可导入的行。")
    return Table(name, headers, rows, header_at + 1)


def _header_row(grid: list[list[object]]) -> int:
    """The first row that names columns (日期, 内容 …); titles and blank lines above it are skipped."""
    known = [w for key in ("date", "area", "text") for w in words()["columns"][key]]
    first_filled = None
    for n, row in enumerate(grid[:HEADER_SCAN]):
        cells = [_text(c) for c in row if _text(c)]
        if len(cells) < 2:
            continue
        if first_filled is None:
            first_filled = n
        if any(any(w in c for w in known) for c in cells) and not any(_as_date(c) for c in row):
            return n
    return first_filled if first_filled is not None else 0


# ------------------------------------------------------------------ guessing the mapping


def _core(header: str) -> tuple[str, str]:
    """(header without brackets and unit words, the unit it names or "")."""
    text = re.sub(r"[（(【\[].*?[）)】\]]", lambda m: m.group()[1:-1], header)
    unit = ""
    for word, u in sorted(words()["units"].items(), key=lambda kv: -len(kv[0])):
        if text.endswith(word) or (word in text and len(word) >= 2):
            unit, text = u or unit, text.replace(word, "")
            break
    for u in ("万人次", "人次", "场次", "篇", "次", "人", "条", "件", "个", "场"):
        if not unit and text.endswith(u) and len(text) > len(u):
            unit, text = u, text[: -len(u)]
    return re.sub(r"[\s:：/、_·\-]", "", text), unit


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def _units_agree(a: str, b: str) -> bool:
    return not a or not b or a in b or b in a


def _figure_for(header: str, catalog: Sequence[Area]) -> str:
    """fig:<area>.<key> when the header names one figure ("宣讲场次", "省级", "受众(人次)"), else ""."""
    core, unit = _core(header)
    if len(core) < 2:
        return ""
    best, best_score, tie = "", 0.0, False
    mine = _bigrams(core)
    for area in catalog:
        for fig in area.figures:
            if not _units_agree(unit, fig.unit):
                continue
            label = _bigrams(fig.label)
            shared = len(mine & label)
            score = shared / min(len(mine), len(label)) if shared else 0.0
            if core in fig.label:
                score = max(score, 1.0)
            if score > best_score:
                best, best_score, tie = f"{FIG}{area.id}.{fig.key}", score, False
            elif score == best_score and score > 0:
                tie = True
    return best if best_score >= 0.5 and not tie else ""


def guess_column(header: str, catalog: Sequence[Area], taken: set[str]) -> str:
    cols = words()["columns"]
    _core_text, unit = _core(header)
    if any(w == header or w in header for w in cols["skip"]):
        return SKIP
    if unit or header in words()["units"]:
        return _figure_for(header, catalog) or (f"{UNIT}{unit}" if unit else SKIP)
    for role in (DATE, AREA, TEXT):
        if role not in taken and any(w in header for w in cols[role]):
            return role
    return _figure_for(header, catalog)


def guess_mapping(table: Table, catalog: Sequence[Area], remembered: dict[str, str] | None = None) -> Mapping:
    """What each column holds: the remembered choice for a header name first, then a guess from the name.

    Columns left unknown by their names are guessed from their content: dates for 日期, the longest
    texts for 做了什么.
    """
    mapping = Mapping()
    taken: set[str] = set()
    remembered = remembered or {}
    valid = {f"{FIG}{a.id}.{f.key}" for a in catalog for f in a.figures}
    for n, header in enumerate(table.headers):
        target = remembered.get(header)
        if target is None or (target.startswith(FIG) and target not in valid) or target in taken:
            target = guess_column(header, catalog, taken)
        if target in (DATE, AREA, TEXT):
            taken.add(target)
        if target:
            mapping.columns[n] = target
    sample = table.rows[:30]
    free = [n for n in range(len(table.headers)) if n not in mapping.columns]
    if DATE not in taken:
        for n in free:
            if sample and sum(1 for _r, cells in sample if _as_date(cells[n])) >= max(1, len(sample) // 2):
                mapping.columns[n] = DATE
                free.remove(n)
                break
    if TEXT not in taken and free:
        def length(n: int) -> float:
            return sum(len(_text(cells[n])) for _r, cells in sample if not _number(cells[n])) / max(1, len(sample))
        best = max(free, key=length)
        if length(best) >= 2:
            mapping.columns[best] = TEXT
    return mapping


def remembered_form(table: Table, mapping: Mapping) -> dict[str, str]:
    """The mapping as {header name: target}, to remember for the next file with these headers."""
    return {h: mapping.target(n) for n, h in enumerate(table.headers) if not re.fullmatch(r"第\d+列", h)}


# ------------------------------------------------------------------ cells


def _number(cell: object) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


def _as_date(cell: object) -> _dt.date | None:
    """A date cell: a real date, an Excel serial day number, or text such as 2024.3.5, 2024/03/05,
    2024年3月5日, 20240305 (a time after it is ignored)."""
    if isinstance(cell, _dt.datetime):
        return cell.date()
    if isinstance(cell, _dt.date):
        return cell
    if _number(cell):
        return _serial(float(cell))
    text = _text(cell)
    if not text:
        return None
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return _serial(float(text))
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    text = re.split(r"[\sT]", text, maxsplit=1)[0]
    m = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?", text)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _serial(value: float) -> _dt.date | None:
    # Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 1990–2100 is all a 台账 needs
    if not 32874 <= value <= 73415:
        return None
    return _EXCEL_EPOCH + _dt.timedelta(days=int(value))


# ------------------------------------------------------------------ rows → entries


def target_label(target: str, catalog: Sequence[Area]) -> str:
    """How the mapping dialog and the messages name a target."""
    if target == DATE:
        return "日期"
    if target == AREA:
        return "工作板块"
    if target == TEXT:
        return "做了什么"
    if target.startswith(UNIT):
        return f"数据：按本行板块，以“{target[len(UNIT):]}”计"
    if target.startswith(FIG):
        area_id, _, key = target[len(FIG):].partition(".")
        for area in catalog:
            if area.id == area_id:
                for fig in area.figures:
                    if fig.key == key:
                        return f"数据：{area.name}·{fig.label}（{fig.unit}）" if fig.unit else \
                            f"数据：{area.name}·{fig.label}"
    return "不导入"


def targets(catalog: Sequence[Area]) -> list[str]:
    """Every target a column can have, in the order the mapping dialog lists them."""
    units = sorted({f.unit for a in catalog for f in a.figures if f.unit}, key=lambda u: (len(u), u))
    return [SKIP, DATE, AREA, TEXT, *(f"{UNIT}{u}" for u in units),
            *(f"{FIG}{a.id}.{f.key}" for a in catalog for f in a.figures)]


def match_area(value: object, catalog: Sequence[Area]) -> str | None:
    """The work area a category cell names: 理论武装 / 理论宣讲 / 志愿服务 / theory … or None."""
    text = _text(value)
    if not text:
        return None
    for area in catalog:
        if text in (area.id, area.name):
            return area.id
    aliases = words()["areas"]
    best, best_len = None, 0
    for area in catalog:
        for word in [area.name, *aliases.get(area.id, [])]:
            if (word in text or (len(text) >= 2 and text in word)) and len(word) > best_len:
                best, best_len = area.id, len(word)
    return best


def _resolve_unit(area: Area, unit: str) -> FigureDef | None:
    """The area's figure a generic column (场次, 人数) fills: same unit first, then a near one (人 → 人次);
    a count of how often before a count of how many (参与人数 is 服务群众, not 注册志愿者)."""
    exact = [f for f in area.figures if f.unit == unit]
    near = [f for f in area.figures if unit and f.unit and f.unit != unit and (unit in f.unit or f.unit in unit)]
    ranked = ([f for f in exact if not is_stock(f)] + [f for f in near if not is_stock(f)]
              + [f for f in exact if is_stock(f)] + [f for f in near if is_stock(f)])
    return ranked[0] if ranked else None


def parse_rows(table: Table, mapping: Mapping, catalog: Sequence[Area],
               existing: Iterable[tuple] = ()) -> Parsed:
    """Entries from the rows; each bad row becomes a RowProblem (Chinese, with the sheet's row number).

    ``existing`` holds the signatures of entries already stored (LedgerStore.signatures): such rows,
    and rows repeated within the file, are listed as duplicates and not imported again.
    """
    out = Parsed()
    areas = {a.id: a for a in catalog}
    seen = set(existing)
    columns = sorted(mapping.columns.items())
    if not any(t == DATE for _c, t in columns):
        raise TableError("还没有指定哪一列是“日期”。")
    if not any(t == TEXT or t.startswith((FIG, UNIT)) for _c, t in columns):
        raise TableError("还没有指定“做了什么”或任何数据列，没有可导入的内容。")
    for row, cells in table.rows:
        problem = _row(row, cells, columns, table.headers, mapping.default_area, areas)
        if isinstance(problem, str):
            out.problems.append(RowProblem(row, problem))
            continue
        entry = problem
        signature = (entry.date, entry.area, entry.text, tuple(sorted(entry.figures.items())))
        if signature in seen:
            out.duplicates.append(row)
            continue
        seen.add(signature)
        out.entries.append((row, entry))
    return out


def _row(row: int, cells: list[object], columns: list[tuple[int, str]], headers: list[str], default_area: str,
         areas: dict[str, Area]) -> Entry | str:
    date = None
    area_id, area_cell = None, ""
    text_parts: list[str] = []
    fixed: list[tuple[str, str, object, str]] = []  # (area, key, cell, header)
    by_unit: list[tuple[str, object, str]] = []
    for col, target in columns:
        cell = cells[col] if col < len(cells) else None
        if target == DATE:
            if _text(cell):
                date = _as_date(cell)
                if date is None:
                    return f"日期“{_text(cell)}”无法识别，请写作 2024-03-05、2024.3.5 或 2024年3月5日"
        elif target == AREA:
            area_cell = _text(cell)
            area_id = match_area(cell, list(areas.values())) if area_cell else None
            if area_cell and area_id is None:
                return (f"工作板块“{area_cell}”对不上任何板块（{'、'.join(a.name for a in areas.values())}），"
                        "请改成其中之一")
        elif target == TEXT:
            if _text(cell):
                text_parts.append(_text(cell))
        elif target.startswith(FIG):
            a, _, key = target[len(FIG):].partition(".")
            if _text(cell) not in EMPTY_CELLS:
                fixed.append((a, key, cell, headers[col]))
        elif target.startswith(UNIT) and _text(cell) not in EMPTY_CELLS:
            by_unit.append((target[len(UNIT):], cell, headers[col]))
    if date is None:
        return "没有日期"
    if not 1990 <= date.year <= 2100:
        return f"日期“{date.isoformat()}”不在合理范围内"
    if area_id is None:
        owners = {a for a, _k, _c, _h in fixed}
        if len(owners) == 1:
            area_id = owners.pop()
        elif default_area:
            area_id = default_area
        else:
            return "没有写工作板块，无法判断属于哪个板块（可在“列对应”中指定板块列，或选一个统一的板块）"
    area = areas.get(area_id)
    if area is None:
        return f"工作板块“{area_id}”不存在"
    figures: dict[str, float] = {}
    for a, key, cell, header in fixed:
        fig = next((f for f in areas[a].figures if f.key == key), None) if a in areas else None
        if fig is None:
            continue
        if a != area.id:
            return f"板块是“{area.name}”，但“{header}”一列是“{areas[a].name}”的数据，请核对"
        amount = parse_amount(cell, fig.unit)
        if amount is None:
            return f"“{header}”一列的“{_text(cell)}”不是数字"
        figures[key] = figures.get(key, 0.0) + amount.value
    for unit, cell, header in by_unit:
        fig = _resolve_unit(area, unit)
        if fig is None:
            return f"“{area.name}”没有以“{unit}”计的数据，“{header}”一列的“{_text(cell)}”无处可放"
        amount = parse_amount(cell, fig.unit)
        if amount is None:
            return f"“{header}”一列的“{_text(cell)}”不是数字"
        figures[fig.key] = figures.get(fig.key, 0.0) + amount.value
    entry = Entry(date=date.isoformat(), area=area.id, text="；".join(text_parts), figures=figures)
    try:
        return normalize(entry, area)
    except (LedgerError, periods.PeriodError) as exc:
        return str(exc)
