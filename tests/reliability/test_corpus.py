"""Bad input an officer (or a broken file) can give the program.

Each case checks that the officer gets a Chinese message where they would see one, and that
nothing is lost: the store is unchanged, or the field is saved intact.
"""

from __future__ import annotations

import errno
import json
import re
import shutil
from pathlib import Path

import pytest

from models import atomic, periods
from models import store as store_module
from models.atomic import WriteError, write_bytes_atomic
from models.checks import figure_problem
from models.genres import GenreError, GenreLibrary
from models.package import MAX_ITEMS, PackageError, package_bytes, parse_package, to_package
from models.periods import PeriodError
from models.report import Item
from models.store import ReadOnlyDatabaseError, Store, _is_network_path
from models.text import count_chars
from tests.models.helpers import filled_report

CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese(message: object) -> str:
    text = str(message)
    assert CJK.search(text), f"not a Chinese message: {text!r}"
    return text


def _snapshot_store(service) -> tuple:
    conn = service.store.conn
    return (conn.execute("SELECT count(*) FROM reports").fetchone()[0],
            tuple(conn.execute("SELECT report_id, address, value FROM report_values ORDER BY 1, 2")),
            tuple(conn.execute("SELECT report_id, item_id, position FROM report_items ORDER BY 1, 2")))


@pytest.fixture
def rid(service):
    return service.store.insert_report(filled_report(service))


# ------------------------------------------------------------------ pasted text


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("第一行\x0b第二行", "第一行\n第二行"),  # Word soft line break
        ("空\x00字符", "空字符"),  # NUL
        ("响铃\x07退格\x08转义\x1b删除\x7f", "响铃退格转义删除"),
        ("孤立\ud800代理\udfff字符", "孤立代理字符"),  # lone surrogates (from broken clipboards)
        ("分页\x0c符", "分页\n符"),
        ("Windows\r\n换行\r旧Mac", "Windows\n换行\n旧Mac"),
        ("非字符\ufffe\uffff", "非字符"),
        ("C1控制\x85\x9f字符", "C1控制字符"),
        ("制表\t保留", "制表\t保留"),
    ],
)
def test_control_characters_are_cleaned_when_stored(service, rid, pasted, stored):
    before = service.load(rid)
    service.set_value(rid, "intro", pasted)
    after = service.load(rid)
    assert after.get("intro") == stored
    assert {k: v for k, v in after.values.items() if k != "intro"} == {
        k: v for k, v in before.values.items() if k != "intro"}
    service.set_values(rid, {"closing": pasted, f"item.{after.items['results'][0].id}.body": pasted})
    assert service.load(rid).get(f"item.{after.items['results'][0].id}.body") == stored
    json.loads(package_bytes(service.load(rid), service.genre_of(after)))  # still exports as valid JSON


def test_a_one_megabyte_paste_is_stored_and_read_back(service, rid):
    text = ("今年以来，示例镇围绕中心工作抓宣传，群众反响良好。\n" * 40_000)[:1_000_000]
    service.set_value(rid, "intro", text)
    report = service.load(rid)
    assert report.get("intro") == text and len(report.get("intro")) == 1_000_000
    assert count_chars(report.get("intro")) > 900_000
    # checked without trouble; the only finding is that a million characters is far too long for a 导语
    assert service.outline(report) and [(f.address, f.rule) for f in service.check(report)] == [("intro", "length")]
    again = parse_package(package_bytes(report, service.genre_of(report)), service.library)
    assert again.get("intro") == text


def test_emoji_are_kept(service, rid):
    text = "点赞👍🏻 国旗🇨🇳 家庭👨‍👩‍👧 笑脸😀 数学𝔸 生僻字𠀀"
    service.set_value(rid, "intro", text)
    report = service.load(rid)
    assert report.get("intro") == text
    assert parse_package(package_bytes(report, service.genre_of(report)), service.library).get("intro") == text
    assert text in "\n".join(b.plain for b in service.outline(report))


def test_ten_thousand_items_in_one_report(service):
    report = service.build_report("half_year", unit="示例镇", period="2024H1", date="2024-07-05", areas=[])
    report.values["intro"] = "导语。"
    items = [Item(id=f"{n:08x}", part="results") for n in range(1, 10_001)]
    report.items["results"] = items
    for item in items:
        report.values[f"item.{item.id}.heading"] = f"第{item.id}项工作"
        report.values[f"item.{item.id}.body"] = "开展活动。"
    rid = service.store.insert_report(report)
    loaded = service.load(rid)
    assert [i.id for i in loaded.items["results"]] == [i.id for i in items]
    blocks = service.outline(loaded)
    numbered = [b for b in blocks if b.kind == "item" and b.address.startswith("item.")]
    assert len(numbered) >= 10_000
    assert len({b.number for b in numbered}) == len(numbered)  # every item keeps its own number
    result_ids = {f"item.{i.id}." for i in items}
    findings = service.check(loaded)
    assert not [f for f in findings if f.address[: len("item.") + 9] in result_ids]
    assert service.summaries()[0].id == rid
    service.set_value(rid, f"item.{items[5000].id}.body", "改一条")
    assert service.load(rid).get(f"item.{items[5000].id}.body") == "改一条"
    data = to_package(loaded, service.genre_of(loaded))
    assert len(data["parts"]["results"]["items"]) == 10_000 <= MAX_ITEMS


# ------------------------------------------------------------------ figures and dates


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("-5", "不能为负数"),
        ("－12", "不能为负数"),
        ("1000000000000000", "数值过大"),
        ("1e15", "不是数字"),
        ("十二", "不是数字"),
        ("12个", "不是数字"),
        ("1,234", ""),
        ("20余", ""),
        ("5.7", ""),
        ("", ""),
    ],
)
def test_figures(service, rid, value, problem):
    message = figure_problem(value)
    assert (problem in message) if problem else message == ""
    if problem:
        chinese(message)
    item = service.load(rid).items["results"][0]
    address = f"item.{item.id}.fig.{item.figures[0].key}"
    service.set_value(rid, address, value)
    report = service.load(rid)
    assert report.get(address) == value  # saved as typed: the check tells, it never rewrites
    found = [f for f in service.check(report) if f.address == address]
    assert bool(found) == bool(problem)
    if problem:
        assert problem in found[0].message


@pytest.mark.parametrize(("value", "words"), [("2024-02-30", "不存在"), ("2023-02-29", "不存在"),
                                              ("明天", "无法识别"), ("2024/13/01", "不存在"), ("", "无法识别")])
def test_invalid_dates(service, value, words):
    with pytest.raises(PeriodError, match=words) as info:
        periods.parse_date(value)
    chinese(info.value)
    count = service.store.count_reports()
    if value:
        with pytest.raises(PeriodError):
            service.create_report("half_year", unit="示例镇", period="2024H1", date=value)
    assert service.store.count_reports() == count


@pytest.mark.parametrize("value", ["2024H3", "24H1", "上半年", "1800", "2024Q5"])
def test_invalid_periods(service, value):
    with pytest.raises(PeriodError, match="无法识别") as info:
        service.create_report("half_year", unit="示例镇", period=value)
    chinese(info.value)
    assert service.store.count_reports() == 0


def test_a_date_typed_into_the_report_is_a_finding_not_a_loss(service, rid):
    service.set_value(rid, "front.date", "明天")
    report = service.load(rid)
    assert report.get("front.date") == "明天"
    assert any(f.address == "front.date" and "无法识别" in f.message for f in service.check(report))


# ------------------------------------------------------------------ where files are written


@pytest.fixture
def target(tmp_path):
    folder = tmp_path / "导出"
    folder.mkdir()
    path = folder / "2024年上半年宣传工作总结.docx"
    path.write_bytes(b"the old document")
    return path


def _only_target_left(path: Path) -> None:
    assert path.read_bytes() == b"the old document"
    assert [p.name for p in path.parent.iterdir() if not p.name.startswith("~$")] == [path.name]


def test_read_only_folder(target, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    monkeypatch.setattr(atomic.os, "access", lambda path, mode: False)
    with pytest.raises(WriteError, match="没有权限") as info:
        write_bytes_atomic(target, b"new")
    assert "换一个保存位置" in chinese(info.value)
    monkeypatch.undo()
    _only_target_left(target)


def test_missing_folder(tmp_path):
    with pytest.raises(WriteError, match="不存在或无法访问") as info:
        write_bytes_atomic(tmp_path / "拔出的U盘" / "总结.docx", b"new")
    chinese(info.value)


def test_disk_full(target, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(WriteError, match="磁盘空间不足") as info:
        write_bytes_atomic(target, b"new" * 1000)
    assert "原文件未被改动" in chinese(info.value)
    monkeypatch.undo()
    _only_target_left(target)


def test_file_open_in_word_or_wps(target, monkeypatch):
    (target.parent / f"~${target.name[2:]}").write_bytes(b"owner")

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(WriteError, match="Word 或 WPS") as info:
        write_bytes_atomic(target, b"new")
    chinese(info.value)
    monkeypatch.undo()
    _only_target_left(target)


def test_read_only_existing_file_without_owner_file(target, monkeypatch):
    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(WriteError, match="无法覆盖") as info:
        write_bytes_atomic(target, b"new")
    assert "Word 或 WPS" in chinese(info.value)
    monkeypatch.undo()
    _only_target_left(target)


def test_package_dump_errors_reach_the_officer(service, rid, tmp_path):
    with pytest.raises(WriteError, match="不存在") as info:
        service.dump_package(rid, tmp_path / "没有的文件夹" / "r.json")
    chinese(info.value)


# ------------------------------------------------------------------ the database's place


def test_read_only_database(tmp_path, monkeypatch):
    Store(tmp_path).close()
    before = (tmp_path / "zongjie.db").read_bytes()
    monkeypatch.setattr(store_module, "_writable", lambda path: False)
    with pytest.raises(ReadOnlyDatabaseError) as info:
        Store(tmp_path)
    assert "只读" in chinese(info.value)
    assert (tmp_path / "zongjie.db").read_bytes() == before


def test_sqlite_read_only_error_is_explained(tmp_path, monkeypatch):
    import sqlite3

    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = 8
    assert "只读" in chinese(store_module.describe_sqlite_error(tmp_path / "zongjie.db", error))
    error.sqlite_errorcode = 13
    assert "磁盘空间不足" in store_module.describe_sqlite_error(tmp_path / "zongjie.db", error).args[0]
    error.sqlite_errorcode = 5
    assert "占用" in store_module.describe_sqlite_error(tmp_path / "zongjie.db", error).args[0]


@pytest.mark.parametrize(("path", "network"), [
    ("\\\\server\\share\\数据", True),
    ("//server/share/数据", True),
    ("/home/user/数据", False),
    ("C:\\Users\\li\\数据", False),
])
def test_network_paths_are_recognised(path, network):
    assert _is_network_path(Path(path)) is network


def test_network_folder_uses_a_rollback_journal(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "_is_network_path", lambda path: True)
    store = Store(tmp_path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    store.close()


def test_missing_data_folder_that_cannot_be_created(tmp_path, monkeypatch):
    blocker = tmp_path / "是文件"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(store_module.StoreError, match="无法创建数据文件夹") as info:
        Store(blocker / "数据")
    chinese(info.value)


# ------------------------------------------------------------------ report packages


def _good_package(service) -> dict:
    report = filled_report(service)
    return to_package(report, service.genre_of(report))


def _refused(service, tmp_path, content: bytes | str, words: str = "") -> str:
    path = tmp_path / "导入.json"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    before = _snapshot_store(service)
    with pytest.raises(PackageError) as info:
        service.import_package(path)
    assert _snapshot_store(service) == before
    assert service.backups() == []  # refused before anything, even a backup, was written
    message = chinese(info.value)
    assert words in message
    return message


@pytest.mark.parametrize(("content", "words"), [
    (b"", "不是完整的 JSON"),
    (b"{", "不是完整的 JSON"),
    (b"not json at all", "不是完整的 JSON"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (b"null", "不是本程序的报告包"),
    (b"[1, 2, 3]", "不是本程序的报告包"),
    (b'"zongjie-report"', "不是本程序的报告包"),
    (b"[" * 100_000, "嵌套层次过深"),
    (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "嵌套层次过深"),
])
def test_malformed_packages(service, tmp_path, content, words):
    _refused(service, tmp_path, content, words)


def test_truncated_package(service, tmp_path):
    raw = json.dumps(_good_package(service), ensure_ascii=False).encode("utf-8")
    for cut in (len(raw) // 2, len(raw) - 1, 10):
        _refused(service, tmp_path, raw[:cut], "截断或损坏")


def test_oversized_package_is_refused_without_reading_it(service, tmp_path):
    path = tmp_path / "巨大.json"
    with open(path, "wb") as fh:  # a sparse 60 MB file: nothing is really written
        fh.truncate(60 * 1024 * 1024)
    before = _snapshot_store(service)
    with pytest.raises(PackageError, match="超过报告包上限") as info:
        service.import_package(path)
    chinese(info.value)
    assert _snapshot_store(service) == before


def test_a_sixty_megabyte_string(service, tmp_path):
    data = _good_package(service)
    data["intro"] = "字" * (60 * 1024 * 1024 // 3)  # 60 MB as UTF-8
    raw = json.dumps(data, ensure_ascii=False)
    with pytest.raises(PackageError, match="超过") as info:
        parse_package(raw.encode("utf-8"), service.library)
    chinese(info.value)
    with pytest.raises(PackageError, match="超过单项上限"):
        parse_package(raw, service.library)  # the text, not the bytes: the field limit stops it
    assert service.store.count_reports() == 0


def _variant(service, change) -> str:
    data = _good_package(service)
    change(data)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d["genre"].update(id="no_such_genre"), "本程序没有"),
    (lambda d: d["genre"].update(version=99), "请升级程序"),
    (lambda d: d.update(format_version=3), "更新版本的程序导出"),  # 2 is the current format
    (lambda d: d.update(format_version=10**30), "更新版本的程序导出"),
    (lambda d: d.update(format_version="1"), "format_version 无效"),
    (lambda d: d.update(format_version=True), "format_version 无效"),
    (lambda d: d.update(format="other"), "不是本程序的报告包"),
    (lambda d: d.update(macro="eval('1')"), "无法识别的字段"),
    (lambda d: d.update(front=[]), "front 应为对象"),
    (lambda d: d["front"].update(unit=12), "应为文字"),
    (lambda d: d["front"].update(secret="x"), "没有的字段"),
    (lambda d: d.update(parts={"nonexistent": {"items": []}}), "没有的部分"),
    (lambda d: d["parts"]["results"].update(items={}), "应为列表"),
    (lambda d: d["parts"]["results"]["items"].append(d["parts"]["results"]["items"][0]), "无效或重复"),
    (lambda d: d["parts"]["results"]["items"][0].update(id="../../etc"), "无效或重复"),
    (lambda d: d["parts"]["results"]["items"][0].update(figures=[{"key": "x"}]), "格式不对的数据项"),
    (lambda d: d["parts"]["results"]["items"][0].update(
        points=[{"points": [{"points": [{"heading": "第四级"}]}]}]), "层级超过"),
    (lambda d: d["parts"]["results"].update(items=[{}] * (MAX_ITEMS + 1)), "条目超过"),
    (lambda d: d.update(created=["x"]), "时间无效"),
])
def test_hostile_packages(service, tmp_path, change, words):
    _refused(service, tmp_path, _variant(service, change), words)


def test_store_unchanged_by_refused_package_when_reports_exist(service, rid, tmp_path):
    service.set_value(rid, "intro", "已有的内容")
    _refused(service, tmp_path, "{", "JSON")
    assert service.load(rid).get("intro") == "已有的内容"


# ------------------------------------------------------------------ genre templates


def _templates(tmp_path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "templates", folder)
    return folder


def test_genre_template_with_a_wrong_field_names_file_and_field(tmp_path):
    folder = _templates(tmp_path)
    path = folder / "half_year.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["parts"][1]["title"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GenreError) as info:
        GenreLibrary(folder)
    message = chinese(info.value)
    assert "half_year.json" in message and "parts[1].title" in message


def test_genre_template_that_is_not_json(tmp_path):
    folder = _templates(tmp_path)
    (folder / "speech.json").write_text('{"id": "speech",', encoding="utf-8")
    with pytest.raises(GenreError, match=r"speech\.json") as info:
        GenreLibrary(folder)
    assert "第 1 行" in chinese(info.value)


def test_genre_template_wrong_type(tmp_path):
    folder = _templates(tmp_path)
    path = folder / "half_year.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["front"] = {"unit": "x"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GenreError) as info:
        GenreLibrary(folder)
    assert "half_year.json" in chinese(info.value) and "front" in str(info.value)


# ------------------------------------------------------------------ the database fails while editing


def test_database_full_keeps_the_saved_text_and_says_why(service, rid):
    service.set_value(rid, "intro", "已保存的导语")
    conn = service.store.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # SQLite's own "disk full"
    before = _snapshot_store(service)
    with pytest.raises(store_module.StoreError, match="磁盘空间不足") as info:
        service.set_values(rid, {"closing": "字" * 500_000, "intro": "没能保存的导语"})
    chinese(info.value)
    assert _snapshot_store(service) == before and not conn.in_transaction
    conn.execute("PRAGMA max_page_count = 1073741823")
    service.set_value(rid, "intro", "空间恢复后保存的导语")
    assert service.load(rid).get("intro") == "空间恢复后保存的导语"


def test_database_locked_by_another_program(service, rid):
    import sqlite3

    service.store.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(service.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(store_module.StoreError, match="占用") as info:
            service.set_value(rid, "intro", "被挡住的修改")
        chinese(info.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    service.set_value(rid, "intro", "之后的修改")
    assert service.load(rid).get("intro") == "之后的修改"
