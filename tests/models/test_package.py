from __future__ import annotations

import json

import pytest

from models.package import FORMAT, PackageError, package_bytes, parse_package, read_package_file, to_package
from tests.models.helpers import filled_report


def _strip(data):
    """Ids and timestamps aside, two packages of the same report are equal."""
    data = json.loads(json.dumps(data))
    for key in ("created", "updated", "app_version"):
        data.pop(key, None)

    def walk(items):
        for item in items:
            item.pop("id", None)
            walk(item.get("points", []))

    for part in data["parts"].values():
        walk(part["items"])
    return data


def test_round_trip_through_the_store(service, tmp_path):
    report = filled_report(service)
    report.items["results"][0].children = []
    rid = service.store.insert_report(report)
    out = tmp_path / "r.json"
    service.dump_package(rid, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["genre"] == {"id": "half_year", "version": 1}
    new = service.import_package(out)
    again = tmp_path / "again.json"
    service.dump_package(new, again)
    assert _strip(json.loads(again.read_text(encoding="utf-8"))) == _strip(data)


def test_ids_are_optional_on_import(service, library):
    data = to_package(filled_report(service), library.get("half_year"))
    for part in data["parts"].values():
        for item in part["items"]:
            del item["id"]
    report = parse_package(json.dumps(data, ensure_ascii=False), library)
    assert len({i.id for i in report.all_items()}) == sum(len(p["items"]) for p in data["parts"].values())


def test_text_is_cleaned_on_import(service, library):
    data = to_package(filled_report(service), library.get("half_year"))
    data["intro"] = "第一行\r\n第二行\x0b第三行\x00"
    report = parse_package(json.dumps(data), library)
    assert report.get("intro") == "第一行\n第二行\n第三行"


def _refused(service, tmp_path, content: bytes, match: str):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = service.store.count_reports()
    values = service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0]
    with pytest.raises(PackageError, match=match):
        service.import_package(path)
    assert service.store.count_reports() == before
    assert service.store.conn.execute("SELECT count(*) FROM report_values").fetchone()[0] == values


def _good(service) -> dict:
    return to_package(filled_report(service), service.library.get("half_year"))


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda d: d.update(format="other"), "不是本程序的报告包"),
        (lambda d: d.update(format_version=99), "更新版本"),
        (lambda d: d.update(genre={"id": "nope", "version": 1}), "没有"),
        (lambda d: d.update(genre={"id": "half_year", "version": 9}), "第 9 版"),
        (lambda d: d.update(evil="x"), "无法识别的字段"),
        (lambda d: d["front"].update(unit=["列表"]), "应为文字"),
        (lambda d: d["front"].update(colour="红"), "没有的字段"),
        (lambda d: d["parts"].update(extra={"items": []}), "没有的部分"),
        (lambda d: d["parts"]["results"]["items"].append({"heading": 1}), "应为文字"),
        (lambda d: d["parts"]["results"]["items"][0].update(points=[{"points": [{"points": [{}]}]}]), "层级"),
        (lambda d: d["parts"]["problems"]["items"][1].update(id=d["parts"]["problems"]["items"][0]["id"]), "重复"),
        (lambda d: d["parts"]["results"]["items"][0]["figures"].append({"key": "x"}), "数据项"),
    ],
)
def test_malformed_packages_are_refused_and_store_unchanged(service, tmp_path, mutate, match):
    service.store.insert_report(filled_report(service))
    data = _good(service)
    mutate(data)
    _refused(service, tmp_path, json.dumps(data, ensure_ascii=False).encode(), match)


def test_truncated_and_hostile_files(service, tmp_path):
    good = json.dumps(_good(service), ensure_ascii=False).encode()
    _refused(service, tmp_path, good[: len(good) // 2], "截断")
    _refused(service, tmp_path, b"[" * 100_000 + b"]" * 100_000, "嵌套|不是本程序")
    _refused(service, tmp_path, b"\xff\xfe\x00garbage", "UTF-8")
    _refused(service, tmp_path, b"", "JSON")


def test_oversized_file_is_refused_before_reading(service, tmp_path, monkeypatch):
    from models import package

    monkeypatch.setattr(package, "MAX_FILE_BYTES", 1000)
    _refused(service, tmp_path, json.dumps(_good(service), ensure_ascii=False).encode(), "上限")


def test_oversized_field(service, tmp_path, monkeypatch):
    from models import package

    monkeypatch.setattr(package, "MAX_TEXT_CHARS", 100)
    data = _good(service)
    data["intro"] = "字" * 101
    _refused(service, tmp_path, json.dumps(data, ensure_ascii=False).encode(), "单项上限")


def test_missing_file(library, tmp_path):
    with pytest.raises(PackageError, match="无法读取"):
        read_package_file(tmp_path / "nope.json", library)


def test_package_bytes_are_readable_utf8(service):
    raw = package_bytes(filled_report(service), service.library.get("half_year"))
    assert "示例镇".encode() in raw and raw.endswith(b"\n")
