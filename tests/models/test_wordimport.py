"""Importing .docx summaries written in different officers' styles into the neutral tree."""

from __future__ import annotations

import difflib
import re

import pytest

from models.wordimport import read_docx
from models.wordimport.tree import Enumeration, Item, Paragraph, Table
from tests.models import wordimport_fixtures as F

CJK = re.compile(r"[\u4e00-\u9fff]")


def tree(nodes) -> list:
    return [(n.number, n.heading, tree(n.children)) for n in nodes]


def cjk(texts) -> str:
    return "".join(CJK.findall("".join(texts)))


def in_order(source: str, target: str) -> float:
    """Share of the source's characters found in the target in the same order."""
    if not source:
        return 1.0
    matcher = difflib.SequenceMatcher(None, source, target, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(source)


@pytest.fixture(params=F.ALL, ids=lambda b: b.__name__, scope="module")
def imported(request):
    fixture = request.param()
    return fixture, read_docx(fixture.data, name=f"{fixture.name}.docx")


def test_heading_tree(imported):
    fixture, result = imported
    assert tree(result.document.sections) == fixture.expected.tree


def test_text_is_intact_and_in_order(imported):
    fixture, result = imported
    source = cjk(F.file_text(fixture.data))
    assert len(source) > 100
    assert in_order(source, cjk(result.document.lines())) >= 0.99


def test_front_and_back(imported):
    fixture, result = imported
    doc, want = result.document, fixture.expected
    assert "".join(doc.title_lines) == want.title
    assert (doc.title.unit, doc.title.period, doc.title.genre) == (want.unit, want.period, want.genre)
    assert (doc.sign_unit, doc.sign_date) == (want.sign_unit, want.sign_date)
    assert (doc.speaker.text if doc.speaker else "") == want.speaker
    assert doc.salutation == want.salutation
    assert doc.intro and all(isinstance(b, Paragraph) for b in doc.intro)
    for item in doc.items():
        if item.heading in want.forms:
            assert item.form == want.forms[item.heading], item.heading


def test_nothing_unclassified_in_clean_files(imported):
    _, result = imported
    assert result.document.unclassified == []
    assert "所有段落都已归类" in result.summary.text()


def test_run_in_items_keep_their_body(imported):
    fixture, result = imported
    for item in result.document.items():
        if item.form == "run_in":
            assert item.body and item.heading, (fixture.name, item.heading)
            first = item.body[0]
            text = first.text if isinstance(first, Paragraph) else "".join(first.texts())
            assert CJK.search(text)


def test_typed_numbers_figures_and_indents():
    fixture = F.typed_numbers()
    doc = read_docx(fixture.data, name="a.docx").document
    items = {i.heading: i for i in doc.items()}
    for heading, figures in fixture.expected.extra["figures"].items():
        assert [(f.label, f.value, f.unit) for f in items[heading].figures] == figures
    # full-width indents are layout, not text
    assert not any(line.startswith("\u3000") for line in doc.lines())
    # 1、 directly under 三、 sits at depth 2 and keeps the numbering the file printed
    third = doc.sections[2].children
    assert [(i.level, i.rank, i.number) for i in third] == [(2, 3, "1、"), (2, 3, "2、"), (2, 3, "3、")]


def test_automatic_numbers_come_from_numbering_xml():
    doc = read_docx(F.auto_numbers().data, name="b.docx").document
    first = doc.sections[0]
    assert first.number == "一、" and doc.sections[1].number == "二、"
    points = first.children[1].children
    assert [p.number for p in points] == ["1.", "2."]  # restarted under （二）
    assert [s.number for s in points[1].children] == ["（1）", "（2）"]
    assert points[1].children[0].form == "own_line"
    # own-line items carry the paragraphs that follow them
    second = doc.sections[1].children[0]
    assert second.form == "own_line" and second.body[0].text.startswith("年底前完成客户端改版")


def test_heading_styles_give_levels_and_leads():
    fixture = F.heading_styles()
    doc = read_docx(fixture.data, name="c.docx").document
    first = doc.sections[0]
    assert [b.text for b in first.lead] == [fixture.expected.extra["section_lead"][first.heading]]
    preach = first.children[1]
    assert preach.form == "own_line" and len(preach.body) == 2
    assert doc.sections[2].body and not doc.sections[2].children  # a section with text and no items


def test_bold_lead_without_number_is_an_item():
    doc = read_docx(F.bold_run_in().data, name="d.docx").document
    problems = doc.sections[1].children
    assert [(i.number, i.rank, i.form) for i in problems] == [("", 0, "run_in"), ("", 0, "run_in")]
    assert problems[0].body[0].text == "参加活动的多为退休居民，年轻居民参与较少。"
    # the bold part ends with a comma: the formatting, not the first 。, marks the heading
    first = doc.sections[0].children[0]
    assert first.body[0].text.startswith("社区对23个楼道宣传栏")


def test_speech_enumerations():
    fixture = F.speech()
    doc = read_docx(fixture.data, name="e.docx").document
    assert doc.title.meeting == fixture.expected.extra["meeting"]
    assert doc.speaker.name == "李华同志" and doc.speaker.date == fixture.expected.extra["speaker_date"]
    own = doc.sections[0].body
    assert isinstance(own[0], Paragraph) and isinstance(own[1], Enumeration)
    enum = own[1]
    assert not enum.run_together and [e.ordinal for e in enum.entries] == ["一是", "二是", "三是", "四是", "五是", "六是"]
    assert [f"{e.ordinal}{e.text}" for e in enum.entries] == F.SPEECH_ENTRIES
    together = doc.sections[1].body[0]
    assert isinstance(together, Enumeration) and together.run_together
    assert together.lead.endswith("存在的不足：") and len(together.entries) == fixture.expected.extra["run_together"]
    assert together.entries[1].text.startswith("基层宣传力量薄弱")
    di = doc.sections[2].children[1].body[1]
    assert isinstance(di, Enumeration) and di.family == "第" and len(di.entries) == 3
    assert [b.text for b in doc.closing] and doc.closing[0].text.startswith("同志们，")
    assert not doc.sign_unit and not doc.sign_date


def test_tables_stay_in_place_and_figure_tables_are_told_apart():
    fixture = F.tables()
    doc = read_docx(fixture.data, name="f.docx").document
    found = [(t.title, t.figure_table, len(t.rows)) for t in doc.tables()]
    assert found == fixture.expected.extra["tables"]
    first_item = doc.sections[0].children[0]
    assert isinstance(first_item.body[-1], Table) and first_item.body[-1].rows[1] == ["理论武装", "宣讲场次", "30场次"]
    summary = read_docx(fixture.data, name="f.docx").summary.text()
    assert "2张表格（其中1张数据表）" in summary


def test_messy_file():
    fixture = F.messy()
    result = read_docx(fixture.data, name="g.docx")
    doc = result.document
    assert doc.title_lines == fixture.expected.extra["title_lines"]
    heading, second = fixture.expected.extra["second_body"]
    point = next(i for i in doc.items() if i.heading == heading)
    assert [b.text for b in point.body][1] == second  # the manual line break started a new paragraph
    assert doc.sign_date_text == "2024年07月05日" and doc.sign_date == "2024-07-05"
    assert result.summary.paragraphs > len(list(doc.lines()))  # the empty spacing paragraphs were read
    assert "落款样例县文化馆，2024年7月5日" in result.summary.text()


def test_summary_counts_levels():
    result = read_docx(F.auto_numbers().data, name="b.docx")
    text = result.summary.text()
    assert "2个一级标题、4条二级标题、4条三级标题、2条四级标题" in text
    assert "单位：样例县融媒体中心" in text and "期间：2024年上半年" in text


def test_unclassified_paragraphs_are_kept_and_reported():
    body = "".join([
        F.p("示例镇2024年上半年宣传工作总结", jc="center"),
        F.p("上半年，示例镇宣传工作有序推进。"),
        F.p("一、主要工作"),
        F.p("（一）抓好理论学习。镇党委中心组学习6次。"),
        F.p("网络宣传"),  # a heading that lost its number
        F.p("公众号发布信息120条。"),
        F.p("二、下步打算"),
        F.p("继续抓好各项工作。"),
        F.p("示例镇党委", jc="right"),
        F.p("2024年7月5日", jc="right"),
        F.p("附件：上半年活动照片"),
    ])
    result = read_docx(F.raw_docx(body), name="u.docx")
    doc = result.document
    assert [u.text for u in doc.unclassified] == ["网络宣传", "附件：上半年活动照片"]
    assert doc.unclassified[0].placed_in == "“（一）抓好理论学习”的正文"
    assert doc.unclassified[1].placed_in == "“二、下步打算”的正文末尾"
    item = doc.sections[0].children[0]
    assert [b.text for b in item.body] == ["镇党委中心组学习6次。", "网络宣传", "公众号发布信息120条。"]
    assert item.body[1].unclassified
    assert doc.sections[1].body[-1].text == "附件：上半年活动照片"
    assert "2段未能归类，已原样放在“（一）抓好理论学习”的正文、“二、下步打算”的正文末尾，请导入后核对。" in result.summary.text()
    assert doc.sign_unit == "示例镇党委"


def test_items_before_any_section_get_an_implicit_one():
    body = "".join([F.p("示例镇宣传工作情况汇报", jc="center"), F.p("（一）理论学习。学习6次。"),
                    F.p("（二）新闻宣传。发稿20篇。")])
    doc = read_docx(F.raw_docx(body), name="x.docx").document
    assert len(doc.sections) == 1 and doc.sections[0].implicit
    assert [i.number for i in doc.sections[0].children] == ["（一）", "（二）"]
    assert "0个一级标题、2条二级标题" in read_docx(F.raw_docx(body), name="x.docx").summary.text()


def test_levels_deeper_than_four_stay_in_the_body():
    body = "".join([F.p("一、工作"), F.p("（一）学习"), F.p("1.中心组"), F.p("（1）集中学习"), F.p("①每月一次，全年12次。"),
                    F.p("②专题研讨4次。")])
    doc = read_docx(F.raw_docx(body), name="x.docx").document
    deepest = doc.sections[0].children[0].children[0].children[0]
    assert isinstance(deepest, Item) and deepest.level == 4
    assert [b.text for b in deepest.body] == ["①每月一次，全年12次。", "②专题研讨4次。"]


def test_word_and_wps_quirks():
    """A style-linked multilevel list whose numbering restarts, deleted revisions, and a text box."""
    numbering = F.abstract_num(0, [("chineseCounting", "%1、"), ("japaneseCounting", "（%2）")]) + F.num(1, 0) + \
        F.num(2, 0, {1: 1})
    body = "".join([
        F.p("机关工作", num=(1, 0)),
        F.p("学习", num=(1, 1)),
        F.p("宣传", num=(1, 1)),
        F.p("基层工作", num=(1, 0)),
        F.p("宣讲", num=(2, 1)),
        '<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
        '<w:delText>删掉的字</w:delText></w:r></w:del><w:r><w:t>的字。</w:t></w:r></w:p>',
    ])
    doc = read_docx(F.raw_docx(body, numbering=numbering), name="q.docx").document
    assert tree(doc.sections) == [("一、", "机关工作", [("（一）", "学习", []), ("（二）", "宣传", [])]),
                                  ("二、", "基层工作", [("（一）", "宣讲", [])])]
    assert doc.sections[1].children[0].body[0].text == "保留的字。"
