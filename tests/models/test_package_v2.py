"""Report package format 2: the report's own sections, heading forms and enumerations travel with it;
format 1 stays readable (and is still written when a report fits in it); bad format-2 files are refused."""

from __future__ import annotations

import json

import pytest

from models import outline
from models.package import PackageError, parse_package, to_package
from tests.reliability.test_corpus import chinese


def _structured(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024", date="2024-12-30", areas=["theory"])
    report = service.load(rid)
    service.remove_section(report, "problems")
    key = service.add_section(report, title="亮点工作", index=0).key
    item = service.add_item(report, key)
    service.set_text(report, f"item.{item.id}.heading", "打造宣讲品牌")
    service.add_enumeration(report, f"item.{item.id}", entries=["组建宣讲队", "开设专栏"], layout="run_in")
    service.set_heading_form(report, 3, "own_line")
    theory = report.items["results"][0]
    point = service.add_item(report, "results", parent=theory.id)
    service.set_text(report, f"item.{theory.id}.heading", "抓实理论学习")
    service.set_text(report, f"item.{point.id}.heading", "健全机制")
    service.set_text(report, f"item.{point.id}.body", "每月学习一次。")
    service.set_text(report, f"item.{theory.id}.fig.lectures", "24")
    service.set_text(report, "part.results.lead", "全年工作稳中有进。")
    return service.load(rid)


def _printed(service, report) -> list[str]:
    return outline.outline_text(service.outline(report))


def test_a_structured_report_round_trips_through_format_2(service, tmp_path):
    report = _structured(service)
    path = tmp_path / "r.json"
    service.dump_package(report.id, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 2 and "parts" not in data
    assert [s.get("title") for s in data["sections"]] == ["亮点工作", None, None]
    assert data["heading_forms"] == {"3": "own_line"}
    enum = data["sections"][0]["items"][0]["points"][0]
    assert (enum["kind"], enum["layout"], [e["text"] for e in enum["entries"]]) == (
        "enumeration", "run_in", ["组建宣讲队", "开设专栏"])
    again = service.load(service.import_package(path))
    assert _printed(service, again) == _printed(service, report)
    assert [s.part for s in again.sections] == [None, "results", "next"]
    assert again.heading_forms == {3: "own_line"}


def test_unchanged_structure_is_still_written_as_format_1(service, tmp_path):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    path = tmp_path / "r.json"
    service.dump_package(rid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 1 and list(data["parts"]) == ["results", "problems", "next"]


def test_format_one_lead_under_a_part_without_one_is_accepted(service, library):
    report = service.load(service.create_report("half_year", unit="示例镇", period="2024H1", areas=["theory"]))
    data = to_package(report, service.genre_of(report))
    data["parts"]["results"]["lead"] = "上半年，全镇宣传工作稳中有进。"
    data["parts"]["results"]["items"][0].update(heading="抓实理论学习", body="学习6次。")
    got = parse_package(json.dumps(data, ensure_ascii=False), library)
    text = outline.outline_text(outline.build_outline(got, library.get("half_year")))
    assert text[text.index("一、上半年宣传工作成效") + 1] == "上半年，全镇宣传工作稳中有进。"


def test_history_keeps_and_restores_the_structure(service):
    report = _structured(service)
    printed = _printed(service, report)
    sid = service.snapshot(report.id, "manual", force=True)
    service.remove_section(report, service.sections(report)[0].key)
    service.set_heading_form(report, 3, None)
    assert _printed(service, service.load(report.id)) != printed
    service.restore_snapshot(report.id, sid)
    assert _printed(service, service.load(report.id)) == printed


def test_copy_as_next_period_keeps_the_structure(service):
    report = _structured(service)
    new = service.load(service.copy_as_next_period(report.id))
    assert [s.part for s in new.sections] == [s.part for s in report.sections]
    assert new.heading_forms == report.heading_forms
    assert service.title(new) == "示例镇2025年宣传工作总结"


def _v2(service) -> dict:
    report = _structured(service)
    return to_package(report, service.genre_of(report))


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.update(parts={}), "无法识别的字段"),
    (lambda d: d.update(sections={}), "sections 应为列表"),
    (lambda d: d["sections"].append(dict(d["sections"][0])), "无效或重复"),
    (lambda d: d["sections"][0].update(key="a.b"), "无效或重复"),
    (lambda d: d["sections"][0].update(part="nonexistent"), "没有的部分"),
    (lambda d: d["sections"][0].update(color="red"), "格式不对"),
    (lambda d: d.update(sections=[{"key": f"s{n}"} for n in range(10_000)]), "超过上限"),
    (lambda d: d.update(heading_forms={"1": "run_in"}), "heading_forms"),
    (lambda d: d.update(heading_forms={"2": "sideways"}), "heading_forms"),
    (lambda d: d["sections"][0]["items"][0]["points"][0].update(style="roman"), "style 或 layout 无效"),
    (lambda d: d["sections"][0]["items"][0]["points"][0].update(script="x"), "格式不对的列举"),
    (lambda d: d["sections"][0]["items"][0]["points"][0]["entries"].append({"text": 1}), "应为文字"),
    (lambda d: d["sections"][0]["items"][0]["points"][0]["entries"].append({"id": "x", "evil": 1}), "格式不对的项"),
    (lambda d: d["sections"][0].update(title="字" * 2_000_001), "超过单项上限"),
    (lambda d: d["sections"][1]["items"][0]["points"][0].update(
        points=[{"points": [{"heading": "第五级"}]}]), "层级超过"),
])
def test_bad_format_2_packages_are_refused(service, library, change, words):
    data = _v2(service)
    change(data)
    with pytest.raises(PackageError) as info:
        parse_package(json.dumps(data, ensure_ascii=False), library)
    assert words in chinese(info.value)


def test_enumeration_is_no_item_in_format_1(service, library):
    data = _v2(service)
    data["format_version"] = 1
    data["parts"] = {s["key"]: {"items": s["items"]} for s in data.pop("sections") if s["part"]}
    data["parts"]["results"]["items"].append({"kind": "enumeration", "entries": []})
    data.pop("heading_forms")
    with pytest.raises(PackageError, match="格式不对的条目"):
        parse_package(json.dumps(data, ensure_ascii=False), library)
