"""导入 Word 文件 end to end on the service: a .docx becomes an ordinary stored report whose export
gives back the file's headings and text, and every sample survives export → import unchanged."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from export.docx import write_docx
from models import outline as ol
from models.numbering import enumeration_texts
from models.package import read_package_file
from models.report import ENTRY, ENUM, ITEM
from models.store_errors import StoreError
from models.text import paragraphs
from models.wordimport import WordImportError, read_docx
from tests.models import wordimport_fixtures as F
from tests.models.test_wordimport import cjk

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.json"))
# a heading number at the start of a printed paragraph: the program generates them, so a file whose
# headings had none (Heading styles) prints them after import; they are compared in the heading tree
_HEADING_NUMBER = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]"
                             r"|[（(]\d+[）)])")
_PARENS = str.maketrans("()", "（）")


def text_ratio(original: list[str], exported: list[str]) -> float:
    """difflib ratio of the CJK characters of two files' paragraphs, heading numbers left out."""
    a = cjk(_HEADING_NUMBER.sub("", t) for t in original)
    b = cjk(_HEADING_NUMBER.sub("", t) for t in exported)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def heading_tree(doc) -> list[tuple[int, str, str, int]]:
    """(level, number as printed, title, the level the file's numbering style stands for) per heading.

    A run-in heading sentence always ends with 。 in print (the outline's rule), so "……一新，" comes
    back as "……一新。": titles are compared without their end mark."""
    out = []
    for section in doc.sections:
        out.append((1, section.number, section.title, 1 if section.number else 0))
        out.extend((i.level, i.number.translate(_PARENS), i.title.rstrip("，、,"), i.rank) for i in section.walk())
    return out


def import_file(service, tmp_path: Path, name: str, data: bytes):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(data)
    rid, summary = service.import_docx(path)
    return service.load(rid), summary


def items_in_order(report) -> list:
    return [i for sec in report.sections for top in report.items.get(sec.key, []) for i in top.walk()]


def export_file(service, report, path: Path) -> bytes:
    write_docx(service.outline(report), path)
    return path.read_bytes()


@pytest.fixture(params=F.ALL, ids=lambda b: b.__name__)
def imported(request, service, tmp_path):
    fixture = request.param()
    report, summary = import_file(service, tmp_path, fixture.name, fixture.data)
    exported = export_file(service, report, tmp_path / f"{fixture.name}-export.docx")
    return fixture, report, summary, exported


# ------------------------------------------------------------------ officers' files


def test_export_gives_back_the_text(imported):
    fixture, _, _, exported = imported
    assert text_ratio(F.file_text(fixture.data), F.file_text(exported)) >= 0.99


def test_export_gives_back_the_headings(imported):
    fixture, _, _, exported = imported
    before = heading_tree(read_docx(fixture.data, name="a.docx").document)
    after = heading_tree(read_docx(exported, name="b.docx").document)
    assert [(lv, title) for lv, _, title, _ in after] == [(lv, title) for lv, _, title, _ in before]
    counters: dict[int, int] = {}
    for (level, number, _, rank), (_, printed, _, _) in zip(before, after, strict=True):
        counters = {lv: n for lv, n in counters.items() if lv < level} | {level: counters.get(level, 0) + 1}
        if rank == level:  # the file numbered this level the usual way: the same number comes back
            assert printed == number
        else:  # no number, or another level's style (1、 under 一、): the program numbers it for its level
            assert printed == ol.number_label(level, counters[level])


def test_front_and_back_fields(imported):
    fixture, report, _, _ = imported
    want = fixture.expected
    assert report.genre_id == want.genre
    title = "".join(b.text for b in ol.build_outline(report, _genre(report)) if b.kind == ol.TITLE)
    assert title == want.title
    if want.genre == "speech":
        assert report.get("front.meeting") == want.extra["meeting"]
        assert report.get("front.date") == want.extra["speaker_date"]
        assert report.get("front.speaker") == "李华同志"
    else:
        assert report.get("front.unit") == want.sign_unit
        assert report.get("front.period") == want.period
        assert report.get("front.date") == want.sign_date


def _genre(report):
    from models.genres import GenreLibrary

    return GenreLibrary().get(report.genre_id, report.genre_version)


def test_sections_items_and_forms(imported, service):
    fixture, report, _, _ = imported
    genre = service.genre_of(report)
    doc = read_docx(fixture.data, name="a.docx").document
    assert [s.key for s in report.sections] == [p.key for p in genre.parts]
    assert len(report.sections) == len(doc.sections)
    printed = [(b.level, b.heading.rstrip("。"), b.kind) for b in service.outline(report)
               if b.kind in (ol.HEADING, ol.ITEM) and b.level >= 2]
    wanted = [(i.level, i.title.rstrip("，、")) for i in doc.items()]
    assert [(lv, h) for lv, h, _ in printed] == wanted
    forms = {lv: {i.form for i in doc.items() if i.level == lv} for lv in (2, 3)}
    for level, kind in ((lv, k) for lv, _, k in printed if lv in (2, 3)):
        if len(forms[level]) == 1:  # one form in the file at this level: the report prints it that way
            assert kind == (ol.ITEM if forms[level] == {"run_in"} else ol.HEADING)


def test_run_in_heading_keeps_its_body(service, tmp_path):
    fixture = F.typed_numbers()
    report, _ = import_file(service, tmp_path, fixture.name, fixture.data)
    first = next(i for i in items_in_order(report) if i.kind == ITEM)
    assert report.get(f"item.{first.id}.heading") == "强化理论武装，凝聚思想共识。"
    assert report.get(f"item.{first.id}.body").startswith("镇党委中心组开展集中学习8次")
    assert report.heading_forms == {} or report.heading_forms.get(2) == "run_in"


def test_section_lead_and_points(service, tmp_path):
    fixture = F.heading_styles()
    report, _ = import_file(service, tmp_path, fixture.name, fixture.data)
    first = report.sections[0].key
    assert report.get(f"part.{first}.lead") == "乡党委坚持“第一议题”制度，全年组织中心组学习12次。"
    fixture = F.auto_numbers()
    report, _ = import_file(service, tmp_path, fixture.name, fixture.data)
    depths = sorted({report.depth(i) for i in report.all_items()})
    assert depths == [1, 2, 3]  # （一） → 1. → （1）


def test_a_section_like_a_genre_part_takes_that_part(service, tmp_path):
    fixture = F.typed_numbers()
    report, _ = import_file(service, tmp_path, fixture.name, fixture.data)
    parts = [s.part for s in report.sections]
    assert parts[0] == "results" and parts[1] == "problems"  # 上半年工作开展情况 · 存在的不足
    assert report.get("part.problems.title") == "存在的不足"  # the file's words, not the genre's 存在的短板
    assert report.get("part.results.title") == "上半年工作开展情况"
    assert parts[2] is None or parts[2] == "next"


def test_enumerations_become_enumeration_items(service, tmp_path):
    fixture = F.speech()
    report, summary = import_file(service, tmp_path, fixture.name, fixture.data)
    enums = [i for i in items_in_order(report) if i.kind == ENUM]
    assert [(e.style, e.layout, len(e.children)) for e in enums] == [("shi", "own_line", 6), ("shi", "run_in", 3),
                                                                    ("di", "own_line", 3)]
    assert all(c.kind == ENTRY for e in enums for c in e.children)
    first = enums[0].children[0]
    assert report.get(f"item.{first.id}.body").startswith("理论学习更加深入。")
    assert report.get("closing").startswith("同志们，做好下半年")
    assert summary.enumerations == 3


def test_a_table_that_is_not_a_figure_table_becomes_text(service, tmp_path):
    fixture = F.tables()
    report, summary = import_file(service, tmp_path, fixture.name, fixture.data)
    bodies = "\n".join(report.values.values())
    for row in ("上半年主要数据", "理论武装，宣讲场次，30场次", "七月，举办乡村文化节，乡文化站"):
        assert row in bodies
    assert any("表格" in note for note in summary.notes)


def test_figures_in_the_text_are_offered(service, tmp_path):
    fixture = F.typed_numbers()
    report, summary = import_file(service, tmp_path, fixture.name, fixture.data)
    first = next(i for i in items_in_order(report) if i.kind == ITEM)
    assert [(f.label, f.unit) for f in first.figures][:3] == [("开展集中学习", "次"), ("开展宣讲", "场次"),
                                                             ("覆盖群众", "人次")]
    assert first.figures[1].key == "lectures"  # 宣讲…场次 is the catalog's 开展宣讲: it can be rolled up
    assert not any(report.get(f"item.{first.id}.fig.{f.key}") for f in first.figures)  # offered, not filled
    assert not any(b.kind == ol.TABLE for b in service.outline(report))  # so the export adds no table
    assert any("主要数据" in note for note in summary.notes)


def test_unclassified_paragraph_lands_in_the_nearest_body(service, tmp_path):
    body = "".join([
        F.p("示范镇2024年上半年宣传工作总结", jc="center"),
        F.p("上半年，示范镇宣传工作围绕集镇改造和乡风建设两项任务推进，群众满意度有所提升。"),
        F.p("一、主要做法"),
        F.p("（一）办好田间课堂。全镇开展田间课堂宣讲22场次，覆盖种植户1300余人次。"),
        F.p("附带说明一条"),
        F.p("课堂讲义由镇农技站统一编印，分发到各村。"),
        F.p("二、下步打算"),
        F.p("继续办好田间课堂，争取覆盖全镇所有行政村。"),
        F.p("示范镇党委", jc="right"),
        F.p("2024年7月2日", jc="right"),
    ])
    report, summary = import_file(service, tmp_path, "stray", F.raw_docx(body))
    assert [u.text for u in summary.unclassified] == ["附带说明一条"]
    item = next(i for i in items_in_order(report) if i.kind == ITEM)
    assert report.get(f"item.{item.id}.body").split("\n")[1:] == ["附带说明一条", "课堂讲义由镇农技站统一编印，分发到各村。"]
    assert "1段未能归类" in summary.text() and "办好田间课堂" in summary.text()


def test_untitled_file_falls_back_to_half_year(service, tmp_path):
    body = "".join([
        F.p("今年以来，示范村宣传工作有序开展，村民参与热情较高。"),
        F.p("一、做了哪些事"),
        F.p("开展入户宣传45次，发放资料800余份。"),
    ])
    report, summary = import_file(service, tmp_path, "untitled", F.raw_docx(body))
    assert report.genre_id == "half_year"
    assert report.get("front.period")  # a period the title patterns can print
    assert "没有找到标题" in summary.text()


# ------------------------------------------------------------------ nothing stored on failure


def test_a_refused_file_stores_nothing(service, tmp_path):
    path = tmp_path / "旧文件.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    before = service.store.count_reports()
    with pytest.raises(WordImportError, match=r"另存为 \.docx"):
        service.import_docx(path)
    assert service.store.count_reports() == before


def test_a_failure_while_storing_stores_nothing(service, tmp_path, monkeypatch):
    fixture = F.speech()
    path = tmp_path / "speech.docx"
    path.write_bytes(fixture.data)

    def broken(*_args, **_kwargs):
        raise StoreError("磁盘已满")

    monkeypatch.setattr(service.store, "_write_items", broken)
    with pytest.raises(StoreError):
        service.import_docx(path)
    assert service.store.count_reports() == 0
    assert service.summaries() == []


# ------------------------------------------------------------------ round trip of every sample


@pytest.fixture(params=SAMPLES, ids=lambda p: p.stem)
def sample_trip(request, service, tmp_path):
    report = read_package_file(request.param, service.library)
    original = export_file(service, report, tmp_path / "original.docx")
    back, _ = import_file(service, tmp_path, request.param.stem, original)
    again = export_file(service, back, tmp_path / "again.docx")
    return report, back, original, again


def _text(report, address: str, children) -> str:
    """A body as printed: its paragraphs, then each enumeration among the children (ordinals generated)
    with the text after it. Typed 一是……二是…… in a sample's body comes back as an enumeration item;
    both print this same text."""
    paras = paragraphs(report.get(address))
    for child in children:
        if child.kind == ENUM:
            texts = enumeration_texts(report, child)
            paras += ["".join(texts)] if child.layout == "run_in" else texts
            paras += paragraphs(report.get(f"item.{child.id}.body"))
    return "\n".join(paras)


def _structure(service, report) -> list:
    """Title, front fields, 导语, sections (title, lead, forms, items with level, form, heading, body,
    area, filled figures, points), closing. The 落款 is front.unit and front.date."""
    genre = service.genre_of(report)

    def node(item, depth, part):
        get = report.get
        level = (None, part.items, part.points, part.subpoints)[depth]
        return ("item", depth, level.style if level else "", get(f"item.{item.id}.heading").rstrip("。"),
                _text(report, f"item.{item.id}.body", item.children), item.area,
                [(f.key, f.label, f.unit, get(f"item.{item.id}.fig.{f.key}")) for f in item.figures
                 if get(f"item.{item.id}.fig.{f.key}")],
                [node(c, depth + 1, part) for c in item.children if c.kind == ITEM])

    sections = []
    for part in genre.parts:
        items = report.items.get(part.key, [])
        sections.append((ol.section_heading(report, genre, part.key), _text(report, f"part.{part.key}.lead", items),
                         tuple(lv.style if lv else "" for lv in (part.items, part.points)),
                         [node(i, 1, part) for i in items if i.kind == ITEM]))
    printed = ("period", "date", "meeting", "speaker") if genre.kind == "speech" else ("unit", "period", "date")
    front = {k: report.get(f"front.{k}") for k in printed}  # a speech prints no unit: it cannot come back
    return [ol.title_text(report, genre), front, report.get("intro"), sections, report.get("closing")]


def test_sample_enumerations_are_recognised(sample_trip):
    report, back, _, _ = sample_trip
    made = [e for e in back.all_items() if e.kind == ENUM]
    if report.genre_id in ("annual_plan", "half_year_plan"):  # their bodies type 一是……二是……
        assert made
    for enum in made:
        assert enum.style in ("shi", "di", "seq", "yao") and len(enum.children) >= 2
        printed = "".join(enumeration_texts(back, enum))
        assert printed in "".join(report.values.values()).replace("\n", "")


def test_sample_round_trip_keeps_structure(sample_trip, service):
    report, back, _, _ = sample_trip
    assert back.genre_id == report.genre_id
    assert _structure(service, back) == _structure(service, report)


def test_sample_round_trip_prints_the_same(sample_trip, service):
    report, back, original, again = sample_trip
    def printed(r):  # addresses hold the item ids, which are new
        return [(b.kind, b.level, b.number, b.heading, b.text, b.rows) for b in service.outline(r)]

    assert printed(back) == printed(report)
    assert F.file_text(again) == F.file_text(original)


def test_sample_figure_table_goes_back_into_the_items(sample_trip):
    report, back, _, _ = sample_trip

    def filled(r):
        return sorted((i.area or "", f.key, r.get(f"item.{i.id}.fig.{f.key}")) for i in r.all_items()
                      for f in i.figures if r.get(f"item.{i.id}.fig.{f.key}"))
    assert filled(back) == filled(report)


def test_the_text_comparison_ignores_only_heading_numbers():
    assert text_ratio(["理论武装走深走实", "一是学习。"], ["一、理论武装走深走实", "一是学习。"]) == 1.0
    assert text_ratio(["一是学习。二是宣讲。"], ["学习。宣讲。"]) < 0.9  # enumeration ordinals count
    assert text_ratio(["理论武装走深走实", "正文一段。"], ["理论武装走深走实"]) < 0.9


def test_an_imported_report_is_an_ordinary_report(imported, service, tmp_path):
    """It passes the checks, lists, searches, and travels as a report package like any other."""
    _, report, _, _ = imported
    service.check(report)
    assert [s.id for s in service.summaries()] == [report.id]
    path = tmp_path / "package.json"
    service.dump_package(report.id, path)
    again = service.read_package(path)
    assert again.values == report.values
    assert again.sections == report.sections and again.heading_forms == report.heading_forms


def test_a_file_without_headings_keeps_all_its_text(service, tmp_path):
    body = "".join([
        F.p("示范社区2024年下半年宣传工作总结", jc="center"),
        F.p("下半年，示范社区围绕楼院治理开展宣传，居民参与度明显提高。"),
        F.p("社区组织“楼院议事会”12场，解决居民提出的问题30余个。"),
        F.p("总之，下半年宣传工作取得了一定成效，但仍有不足。"),
        F.p("示范社区党委", jc="right"),
        F.p("2024年12月28日", jc="right"),
    ])
    report, _ = import_file(service, tmp_path, "flat", F.raw_docx(body))
    exported = export_file(service, report, tmp_path / "flat-export.docx")
    assert text_ratio(F.file_text(F.raw_docx(body)), F.file_text(exported)) >= 0.99
    assert report.get("front.unit") == "示范社区党委" and report.get("front.date") == "2024-12-28"


def test_closing_words_of_a_summary_stay_at_the_end(service, tmp_path):
    body = "".join([
        F.p("示范镇2024年上半年宣传工作总结", jc="center"),
        F.p("上半年，示范镇宣传工作平稳推进。"),
        F.p("一、主要工作"),
        F.p("（一）抓好理论宣讲。组织宣讲16场次。"),
        F.p("二、下步打算"),
        F.p("（一）办好农家课堂。每月至少开课一次。"),
        F.p("总之，我们将继续努力，把宣传工作做得更好。"),
        F.p("示范镇党委", jc="right"),
        F.p("2024年7月1日", jc="right"),
    ])
    report, _ = import_file(service, tmp_path, "closing", F.raw_docx(body))
    printed = [b.plain for b in service.outline(report)]
    assert printed[-3] == "总之，我们将继续努力，把宣传工作做得更好。"  # before the 落款 unit and date
    assert printed[-2:] == ["示范镇党委", "2024年7月1日"]


def test_a_speech_with_a_sign_off_keeps_it_as_text(service, tmp_path):
    body = "".join([
        F.p("在全镇宣传工作会议上的讲话", jc="center"),
        F.p("同志们："),
        F.p("今天召开会议，总结上半年宣传工作。"),
        F.p("一、上半年工作回顾"),
        F.p("上半年全镇开展宣讲40场次。"),
        F.p("同志们，让我们一起努力。"),
        F.p("示范镇党委宣传委员", jc="right"),
        F.p("2024年7月9日", jc="right"),
    ])
    report, _ = import_file(service, tmp_path, "speech-signed", F.raw_docx(body))
    assert report.genre_id == "speech"
    assert report.get("closing").split("\n") == ["同志们，让我们一起努力。", "示范镇党委宣传委员", "2024年7月9日"]


def test_the_summary_counts_only_tables_that_became_data_as_data_tables(service, tmp_path):
    """A table turned into text was still announced as "（其中1张数据表）" next to the note that it is not
    one: the officer was told both."""
    fixture = F.tables()
    _report, summary = import_file(service, tmp_path, fixture.name, fixture.data)
    text = summary.text()
    assert "2张表格不是" in text and "张数据表）" not in text, text
