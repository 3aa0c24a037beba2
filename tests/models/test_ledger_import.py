"""Importing an officer's own 台账 sheet: the header found, columns guessed and remembered, bad rows named."""

from __future__ import annotations

import datetime as _dt

import openpyxl
import pytest

from export.xlsx import write_ledger
from models.catalog import load_catalog
from models.ledger import Entry
from models.ledger_import import AREA, DATE, FIG, TEXT, UNIT, TableError, target_label


def _xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _mapped(service, table):
    mapping = service.guess_ledger_mapping(table)
    return mapping, {table.headers[c]: t for c, t in mapping.columns.items()}


HEADER = ["序号", "日期", "类别", "活动内容", "宣讲场次", "受众人次", "省级", "市级", "备注"]


def test_an_xlsx_with_a_title_row_imports_the_good_rows_and_names_the_bad_ones(service, tmp_path):
    path = _xlsx(tmp_path / "台账.xlsx", [
        ["东山镇2024年宣传工作台账"],
        HEADER,
        [1, _dt.datetime(2024, 3, 5, 9, 30), "理论宣讲", "到东山村讲惠民政策", 2, "120", None, None, ""],
        [2, "2024.3.8", "新闻宣传", "春耕备耕稿件", None, None, 1, 2, "见报"],
        [3, 45400, "理论", "农家夜校", 1, "80余", None, None, ""],  # Excel serial day number: 2024-04-18
        [4, "2024年13月5日", "理论", "日期写错", 1, "80", None, None, ""],
        [5, "2024/04/01", "不知道", "类别写错", 1, "80", None, None, ""],
        [6, "2024/04/02", "理论", "人数写成汉字", 1, "八十", None, None, ""],
        [7, "2024/04/03", "新闻宣传", "新闻行填了宣讲", 2, None, None, None, ""],
        [None, None, None, None, None, None, None, None, None],
        [8, "", "理论", "没有日期", 1, 1, None, None, ""],
    ])
    table = service.read_ledger_table(path)
    assert table.header_row == 2
    mapping, by_header = _mapped(service, table)
    assert by_header == {"日期": DATE, "类别": AREA, "活动内容": TEXT, "宣讲场次": f"{FIG}theory.lectures",
                         "受众人次": f"{FIG}theory.audience", "省级": f"{FIG}news.provincial_media",
                         "市级": f"{FIG}news.city_media"}
    result = service.import_ledger(table, mapping)
    assert result.added == 3
    lines = [p.line() for p in result.problems]
    assert [p.row for p in result.problems] == [6, 7, 8, 9, 11]
    assert "第6行：日期“2024年13月5日”无法识别" in lines[0]
    assert "第7行：工作板块“不知道”对不上任何板块" in lines[1]
    assert lines[2] == "第8行：“受众人次”一列的“八十”不是数字"
    assert "第9行：板块是“新闻宣传”，但“宣讲场次”一列是“理论武装”的数据" in lines[3]
    assert lines[4] == "第11行：没有日期"
    entries = service.ledger_entries()
    assert [(e.date, e.area, e.text, e.figures) for e in entries] == [
        ("2024-03-05", "theory", "到东山村讲惠民政策", {"lectures": 2, "audience": 120}),
        ("2024-03-08", "news", "春耕备耕稿件", {"provincial_media": 1, "city_media": 2}),
        ("2024-04-18", "theory", "农家夜校", {"lectures": 1, "audience": 80}),
    ]
    again = service.import_ledger(table, mapping)
    assert again.added == 0 and again.duplicates == [3, 4, 5]  # nothing is stored twice


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_the_encodings_office_programs_write(service, tmp_path, encoding):
    text = ("日期,板块,内容,场次,参与人数\n"
            "2024-05-01,志愿服务,清洁家园,1,30\n"
            "2024/5/2,文化惠民,送戏下乡,2,500\n"
            "20240503,文明实践,敬老院慰问,1,25\n")
    path = tmp_path / "台账.csv"
    path.write_bytes(text.encode(encoding))
    table = service.read_ledger_table(path)
    mapping, by_header = _mapped(service, table)
    assert by_header["场次"] == f"{UNIT}场次" and by_header["参与人数"] == f"{UNIT}人"
    result = service.import_ledger(table, mapping)
    assert result.added == 3 and not result.problems
    got = [(e.date, e.area, e.figures) for e in service.ledger_entries()]
    assert got == [
        ("2024-05-01", "practice", {"volunteer_events": 1, "served": 30}),  # 参与人数 is 服务群众, not the team
        ("2024-05-02", "culture", {"performances": 2, "beneficiaries": 500}),
        ("2024-05-03", "practice", {"volunteer_events": 1, "served": 25}),
    ]


def test_the_mapping_chosen_once_is_remembered_for_the_next_file(service, tmp_path):
    rows = [["时间", "事项", "数量"], ["2024-03-01", "中心组学习", 1]]
    table = service.read_ledger_table(_xlsx(tmp_path / "a.xlsx", rows))
    mapping = service.guess_ledger_mapping(table)
    assert mapping.target(2) == "" and mapping.default_area == ""  # 数量 says nothing: not imported
    mapping.columns[2] = f"{FIG}theory.study_sessions"
    mapping.default_area = "theory"
    assert service.import_ledger(table, mapping).added == 1
    later = service.read_ledger_table(_xlsx(tmp_path / "b.xlsx", [*rows[:1], ["2024-04-01", "专题学习", 2]]))
    remembered = service.guess_ledger_mapping(later)
    assert remembered.columns == {0: DATE, 1: TEXT, 2: f"{FIG}theory.study_sessions"}
    assert remembered.default_area == "theory"
    assert service.import_ledger(later, remembered).added == 1
    assert service.ledger_totals("2024H1")["theory"].values == {"study_sessions": 3}


def test_an_exported_ledger_imports_back_as_the_same_entries(service, tmp_path, library):
    from models.service import ReportService

    for e in [Entry("2024-03-05", "theory", "宣讲", {"lectures": 2, "audience": 120}),
              Entry("2024-03-06", "news", "稿件", {"central_media": 1, "provincial_media": 3}),
              Entry("2024-03-07", "new_media", "推文", {"views": 1.25})]:
        service.add_ledger_entry(e)
    path = tmp_path / "导出.xlsx"
    write_ledger(service.ledger_entries(), load_catalog(), path)
    other = ReportService(tmp_path / "other", library=library)
    try:
        table = other.read_ledger_table(path)
        result = other.import_ledger(table, other.guess_ledger_mapping(table))
        assert result.added == 3 and not result.problems
        key = [(e.date, e.area, e.text, e.figures) for e in service.ledger_entries()]
        assert [(e.date, e.area, e.text, e.figures) for e in other.ledger_entries()] == key
    finally:
        other.close()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("旧.xls", b"\xd0\xcf\x11\xe0", "另存为"),
    ("坏.xlsx", b"not a zip", "无法作为 .xlsx"),
    ("空.csv", b"", "空的"),
    ("只有表头.csv", "日期,内容\n".encode(), "只有表头"),
    ("台账.docx", b"x", "不是 .xlsx 或 .csv"),
])
def test_a_file_that_is_not_a_ledger_table_is_refused_in_chinese(service, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError, match=words):
        service.read_ledger_table(path)


def test_without_a_date_column_nothing_is_imported(service, tmp_path):
    table = service.read_ledger_table(_xlsx(tmp_path / "a.xlsx", [["内容", "场次"], ["宣讲", 1]]))
    mapping = service.guess_ledger_mapping(table)
    with pytest.raises(TableError, match="日期"):
        service.import_ledger(table, mapping)
    assert service.ledger_entries() == []


def test_every_target_has_a_chinese_name():
    from models.ledger_import import targets

    names = [target_label(t, load_catalog()) for t in targets(load_catalog())]
    assert names[:4] == ["不导入", "日期", "工作板块", "做了什么"]
    assert "数据：理论武装·开展宣讲（场次）" in names and len(set(names)) == len(names)


@pytest.mark.parametrize(("cell", "iso"), [
    ("2024.3.5", "2024-03-05"), ("2024/03/05", "2024-03-05"), ("2024年3月5日", "2024-03-05"), ("2024-3-5", "2024-03-05"),
    ("2024.03.05 14:30", "2024-03-05"), ("20240305", "2024-03-05"), (45356, "2024-03-05"), ("45356", "2024-03-05"),
    (45356.5, "2024-03-05"), (_dt.datetime(2024, 3, 5, 9, 0), "2024-03-05"), (_dt.date(2024, 3, 5), "2024-03-05"),
    ("２０２４．３．５", "2024-03-05"),
])
def test_dates_as_officers_type_them(cell, iso):
    from models.ledger_import import _as_date

    assert _as_date(cell).isoformat() == iso


@pytest.mark.parametrize("cell", ["2024.2.30", "3月5日", "明天", 12, "2024-13-01"])
def test_what_is_not_a_whole_date_is_not_read(cell):
    from models.ledger_import import _as_date

    assert _as_date(cell) is None
