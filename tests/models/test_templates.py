"""Unit templates (本单位提纲): saved from a report, versioned, exported and imported as 提纲包, used for new
reports; and every bad 提纲包 refused with a Chinese message before anything is stored."""

from __future__ import annotations

import json

import pytest

from models import outline
from models.package import parse_package, to_package
from models.service import ReportService
from models.templates import FORMAT, TemplateError, template_package
from tests.reliability.test_corpus import chinese

SECTIONS = ["基础情况", "重点工作", "亮点工作", "常规工作", "不足及整改"]


def _county_report(service) -> object:
    """A report in the superior's outline: five sections of its own, figures, run-in （一）, a lead."""
    rid = service.create_report("annual_plan", unit="示例县委宣传部", period="2024", date="2024-12-20",
                                areas=["theory", "news"])
    report = service.load(rid)
    for sec in service.sections(report):
        if sec.key != "highlights":
            service.remove_section(report, sec.key)
    service.rename_section(report, "highlights", "重点工作")
    service.add_section(report, title="基础情况", index=0)
    for title in SECTIONS[2:]:
        service.add_section(report, title=title)
    service.set_heading_form(report, 2, "run_in")
    first = service.sections(report)[0].key
    service.set_text(report, f"part.{first}.lead", "全县共有12个乡镇。")
    return report


def _section_titles(service, report) -> list[str]:
    genre = service.genre_of(report)
    return [outline.part_title(report, genre, p.key) for p in genre.parts]


def _figures(report) -> list[list[tuple[str, str, str]]]:
    return [[(f.key, f.label, f.unit) for f in i.figures] for items in report.items.values() for i in items]


def _template_count(service) -> int:
    return service.store.conn.execute("SELECT count(*) FROM unit_templates").fetchone()[0]


def test_save_a_report_structure_and_write_a_new_report_with_it(service):
    report = _county_report(service)
    template = service.save_as_template(report, "示例县乡镇宣传工作总结提纲")
    assert template.unit and template.version == 1 and template.based_on == ("annual_plan", 2)
    listed = service.unit_templates()
    assert [(t.id, t.name, t.version) for t in listed] == [(template.id, "示例县乡镇宣传工作总结提纲", 1)]
    assert [g.id for g in service.genres()] == ["half_year", "half_year_plan", "annual_plan", "media_centre",
                                                "speech"]  # shipped genres only; templates listed beside them

    rid = service.create_report(template.id, unit="示例镇", period="2024", date="2024-12-25")
    new = service.load(rid)
    assert (new.genre_id, new.genre_version) == (template.id, 1)
    assert _section_titles(service, new) == SECTIONS
    assert _figures(new) == [[("study_sessions", "中心组集体学习", "次"), ("lectures", "开展宣讲", "场次"),
                              ("audience", "受众", "人次")],
                             [("central_media", "中央级媒体刊发", "篇"), ("provincial_media", "省级媒体刊发", "篇"),
                              ("city_media", "市级媒体刊发", "篇")]]
    genre = service.genre_of(new)
    assert all(p.items.style == "run_in" for p in genre.parts)  # the heading form travels with the template
    assert genre.part(genre.parts[1].key).guide.guidance == service.library.get("annual_plan").parts[0].guide.guidance
    assert service.title(new) == "示例镇2024年度宣传工作总结及2025年工作计划"


def test_template_package_round_trip_into_a_fresh_data_folder(service, tmp_path, library):
    template = service.save_as_template(_county_report(service), "示例县提纲")
    path = tmp_path / "提纲.json"
    service.export_template(template.id, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["format_version"] == 1 and data["template"]["id"] == template.id
    town = ReportService(tmp_path / "town", library=library)
    try:
        got = town.import_template(path)
        assert (got.id, got.version, got.name) == (template.id, 1, "示例县提纲")
        assert town.import_template(path).version == 1 and _template_count(town) == 1  # not stored twice
        mine = town.load(town.create_report(got.id, unit="示例镇", period="2024"))
        theirs = service.load(service.create_report(template.id, unit="示例镇", period="2024"))
        assert _section_titles(town, mine) == _section_titles(service, theirs) == SECTIONS
        assert _figures(mine) == _figures(theirs)
        assert [p.guide for p in town.genre_of(mine).parts] == [p.guide for p in service.genre_of(theirs).parts]
    finally:
        town.close()


def test_versions_a_report_reopens_with_the_one_it_was_written_with(service):
    report = _county_report(service)
    v1 = service.save_as_template(report, "示例县提纲")
    old = service.load(service.create_report(v1.id, unit="示例镇", period="2024"))
    service.rename_section(report, service.sections(report)[0].key, "全县概况")
    v2 = service.save_as_template(report, "示例县提纲（修订）", template_id=v1.id)
    assert (v2.id, v2.version) == (v1.id, 2)
    assert [(t.version, t.name) for t in service.unit_templates()] == [(2, "示例县提纲（修订）")]
    assert _section_titles(service, service.load(old.id))[0] == "基础情况"
    new = service.load(service.create_report(v1.id, unit="示例镇", period="2024"))
    assert _section_titles(service, new)[0] == "全县概况"
    edited = service.template_definition(v1.id)
    edited["parts"][0]["guidance"] = "写全县宣传干部和阵地的基本情况。"
    v3 = service.save_template(edited)
    assert v3.version == 3 and v3.parts[0].guide.guidance == "写全县宣传干部和阵地的基本情况。"


def test_delete_hides_a_template_but_its_reports_still_open(service):
    report = _county_report(service)
    used = service.save_as_template(report, "用过的提纲")
    rid = service.create_report(used.id, unit="示例镇", period="2024")
    unused = service.save_as_template(report, "没用过的提纲")
    assert service.delete_template(used.id) and service.delete_template(unused.id)
    assert service.unit_templates() == []
    assert not service.delete_template(unused.id)
    assert _section_titles(service, service.load(rid)) == SECTIONS  # its version is kept for it
    assert _template_count(service) == 1  # the unused one is gone for good
    assert not service.library.has(used.id)  # no longer offered for new reports


def test_shipped_genres_stay_read_only(service, tmp_path):
    with pytest.raises(TemplateError, match="内置体裁") as info:
        service.save_template(service.template_definition("half_year"))
    chinese(info.value)
    with pytest.raises(TemplateError, match="内置体裁不能删除"):
        service.delete_template("half_year")
    with pytest.raises(TemplateError, match="内置体裁"):
        service.save_as_template(_county_report(service), "x", template_id="speech")
    path = tmp_path / "half_year.json"
    service.export_template("half_year", path)  # a shipped genre can be written out as a 提纲包 to start from
    with pytest.raises(TemplateError, match="与本程序内置的体裁相同"):
        service.import_template(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["template"]["id"] = "county_half_year"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert service.import_template(path).name == "半年工作总结"


def test_a_different_template_under_a_version_already_here_becomes_the_next_version(service, tmp_path):
    template = service.save_as_template(_county_report(service), "示例县提纲")
    data = template_package(template)
    data["template"]["name"] = "另一份提纲"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    got = service.import_template(path)
    assert (got.id, got.version, got.name) == (template.id, 2, "另一份提纲")


def test_report_package_carries_its_unit_template_to_another_pc(service, tmp_path, library):
    template = service.save_as_template(_county_report(service), "示例县提纲")
    rid = service.create_report(template.id, unit="示例镇", period="2024", date="2024-12-25")
    report = service.load(rid)
    item = report.items[service.sections(report)[1].key][0]
    service.set_text(report, f"item.{item.id}.heading", "抓实理论学习")
    service.set_text(report, f"item.{item.id}.body", "中心组学习12次。")
    path = tmp_path / "报告.json"
    service.dump_package(rid, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format_version"] == 2 and data["template"]["id"] == template.id
    printed = outline.outline_text(service.outline(service.load(rid)))
    other = ReportService(tmp_path / "other", library=library)
    try:
        loose = parse_package(path.read_bytes(), other.library)  # check/export a file without storing it
        assert outline.outline_text(other.outline(loose)) == printed
        new = other.import_package(path)
        assert [t.id for t in other.unit_templates()] == [template.id]
        assert outline.outline_text(other.outline(other.load(new))) == printed
    finally:
        other.close()


# ------------------------------------------------------------------ bad 提纲包


def _good(service) -> dict:
    report = _county_report(service)
    item = report.items["highlights"][0]
    data = template_package(service.save_as_template(report, "示例县提纲"))
    data["template"]["id"] = "imported_outline"
    assert item.figures
    return data


def _deep(data: dict) -> None:
    level = data["template"]["parts"][0]["items"]
    while "points" in level:
        level = level["points"]
    level["points"] = {"label": "第五级"}


def _many(data: dict) -> None:
    data["template"]["parts"] = [{"key": f"p{n}", "title": "部分", "label": "部分"} for n in range(10_000)]


BAD = [
    (lambda d: d.update(macro="x"), "无法识别的字段"),
    (lambda d: d["template"].update(script="x"), "无法识别的字段"),
    (lambda d: d["template"]["parts"][0].update(onload="x"), "无法识别的字段"),
    (lambda d: d["template"]["parts"][0]["items"].update(color="red"), "无法识别的字段"),
    (lambda d: d["template"]["parts"][1]["preset"][0].update(formula="=1+1"), "无法识别的字段"),
    (lambda d: d["template"]["parts"][1]["preset"][0]["figures"][0].update(x=1), "无法识别的字段"),
    (_many, "超过上限"),
    (_deep, "超过四级"),
    (lambda d: d["template"]["parts"][0].update(guidance="字" * 1_000_000), "超过上限"),
    (lambda d: d["template"].update(name="名" * 100), "超过"),
    (lambda d: d["template"].update(id="half_year"), "内置的体裁相同"),
    (lambda d: d["template"].update(id="../etc"), "编号"),
    (lambda d: d.update(format_version=0), "过旧"),
    (lambda d: d.update(format_version=2), "请升级程序"),
    (lambda d: d.update(format_version="1"), "format_version 无效"),
    (lambda d: d.update(format="zongjie-report"), "不是本程序的提纲包"),
    (lambda d: d["template"]["parts"][0].update(title="{secret}"), "未知占位符"),
    (lambda d: d["template"]["parts"][1]["preset"][0].update(area="no_such_area"), "没有的工作板块"),
    (lambda d: d["template"].update(parts=[]), "非空列表"),
    (lambda d: d["template"].update(front=[{"key": "period", "label": "期间"}]), "unit"),
]


@pytest.mark.parametrize(("change", "words"), BAD)
def test_bad_template_packages_are_refused_and_nothing_is_stored(service, tmp_path, change, words):
    data = _good(service)
    change(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = (_template_count(service), service.store.revision())
    with pytest.raises(TemplateError) as info:
        service.import_template(path)
    assert words in chinese(info.value)
    assert (_template_count(service), service.store.revision()) == before


@pytest.mark.parametrize(("raw", "words"), [
    (b"", "不是完整的 JSON"),
    (b'{"format": "zongjie-outline", "format_version": 1, "templ', "截断"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
    (b"[" * 100_000, "嵌套层次过深"),
    (b"null", "不是本程序的提纲包"),
])
def test_malformed_template_files(service, tmp_path, raw, words):
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(TemplateError) as info:
        service.import_template(path)
    assert words in chinese(info.value)
    assert _template_count(service) == 0


def test_a_report_package_with_a_bad_carried_template_is_refused(service, library):
    template = service.save_as_template(_county_report(service), "示例县提纲")
    report = service.load(service.create_report(template.id, unit="示例镇", period="2024"))
    data = to_package(report, service.genre_of(report))
    data["template"]["parts"][0]["evil"] = 1
    from models.package import PackageError

    with pytest.raises(PackageError, match="无法识别的字段"):
        parse_package(json.dumps(data, ensure_ascii=False), library)
    data = to_package(report, service.genre_of(report))
    data["template"]["version"] = 9
    with pytest.raises(PackageError, match="不一致"):
        parse_package(json.dumps(data, ensure_ascii=False), library)
