"""Page breaks of the Word export, judged on LibreOffice's rendering (GB/T 9704 as printed).

Each case is an outline built so that, without the rule, the fault would happen: a heading due on
line 22 of page 1, a table caption due at the foot of the page, and so on. Body paragraphs of 26
characters fill exactly one line (2 characters of indent + 26 = 28), so the line each paragraph
lands on is known in advance; each test first checks that the case really puts the paragraph in
question where the fault would be, then that the rule moved it.

All cases are converted by one LibreOffice start (module fixture).
"""

from __future__ import annotations

import pytest

from export import fonts
from export.docx import render_docx
from models import outline as ol
from tests.export import rendering

pytestmark = pytest.mark.render

POOL = ("宣传思想文化工作取得新进展群众满意度不断提升理论学习走深走实新闻舆论引导有力网络阵地建设加强"
        "文明实践活动广泛开展基层队伍持续壮大")


def body(n: int, chars: int = 26) -> ol.Block:
    """A body paragraph of ``chars`` characters without punctuation (26: exactly one line)."""
    start = (n * 7) % len(POOL)
    return ol.Block(ol.PARA, (POOL * 4)[start:start + chars], address=f"p{n}")


def ones(k: int, start: int = 0) -> list[ol.Block]:
    return [body(start + i) for i in range(k)]


def heading(number: str, text: str, level: int = 1) -> ol.Block:
    return ol.Block(ol.HEADING, "", level, number, text, f"h.{text}")


def table(rows: int) -> ol.Block:
    """主要数据一览 with ``rows`` rows, the header included."""
    data = tuple((f"板块{i}", f"指标{i}", f"{i}场次") for i in range(1, rows))
    return ol.Block(ol.TABLE, ol.TABLE_TITLE, rows=(("工作板块", "指标", "数据"), *data))


TITLE = [ol.Block(ol.TITLE, "示例镇宣传工作分页测试文稿", address="front.title")]  # line 1; line 2 is blank
SIGN = [ol.Block(ol.SIGN_UNIT, "示例镇党委宣传办", address="front.unit"),
        ol.Block(ol.SIGN_DATE, "2024年7月5日", address="front.date")]

TALL = "甲乙丙丁戊己庚辛壬癸子丑"  # row i of the tall table prints only this character (and 板块)


def tall_table() -> ol.Block:
    """12 rows (more than are kept whole), each three lines tall: 板块X | X×30 | N场次."""
    data = tuple((f"板块{m}", m * 30, f"{i}场次") for i, m in enumerate(TALL, start=1))
    return ol.Block(ol.TABLE, ol.TABLE_TITLE, rows=(("工作板块", "指标", "数据"), *data))


CASES = {
    # title, blank, 19 lines (lines 3–21): the heading is due on line 22
    "heading_on_22": TITLE + ones(19) + [heading("二、", "第二部分工作情况"), body(50, 80), *ones(5, 60)] + SIGN,
    # title, blank, 18 lines (3–20), the blank before the table on 21: the caption is due on line 22
    "caption_on_22": TITLE + ones(18) + [table(6)] + SIGN,
    # 14 lines (3–16), blank, caption on 18: an 8-row table would break after about 5 rows
    "table_of_8": TITLE + ones(14) + [table(8), *ones(3, 70)] + SIGN,
    # 17 lines (3–19), then 4 lines due on 20–23: its last line would stand alone atop page 2
    "widow": TITLE + ones(17) + [body(40, 110), *ones(3, 70)] + SIGN,
    # 19 lines (3–21), then 3 lines due on 22–24: its first line would stand alone at the foot
    "orphan": TITLE + ones(19) + [body(40, 82), *ones(3, 70)] + SIGN,
    # the 落款 (blank, unit, date) due on lines 23–25, after a body that ends exactly on line 22:
    # a 4-line last paragraph (lines 19–22) …
    "body_ends_on_22": TITLE + ones(16) + [body(40, 110)] + SIGN,
    # … or one-line paragraphs to the end
    "one_liners_end_on_22": TITLE + ones(20) + SIGN,
    # body to line 20, blank on 21, unit on 22: the date would start page 2
    "signature_split": TITLE + ones(18) + SIGN,
    # a table of 12 rows (not kept whole) that would fit on page 1, but the 落款 after it would not:
    # set as an attachment after the 落款, on a page of its own
    "table_then_signature": TITLE + ones(10) + [table(12)] + SIGN,
    # a table of 12 three-line rows (the attachment's page): one row is bound to straddle the page end
    "tall_rows": TITLE + ones(8) + [tall_table()] + SIGN,
}


@pytest.fixture(scope="module")
def rendered(tools, tmp_path_factory):
    """Case name → (pages of lines, the kind of each line), all converted by one LibreOffice start."""
    folder = tmp_path_factory.mktemp("page-rules")
    paths = []
    for name, blocks in CASES.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render_docx(blocks, scheme=fonts.STANDARD_SCHEME))
        paths.append(path)
    out = {}
    for name, pdf in zip(CASES, rendering.to_pdfs(paths, folder / "pdf"), strict=True):
        pages = rendering.pdf_lines(pdf)
        out[name] = pages, rendering.line_kinds(pages, CASES[name])
    return out


def kinds_of(page_kinds: list[tuple[str, int]]) -> list[str]:
    return [kind for kind, _ in page_kinds]


def test_a_heading_due_on_line_22_starts_the_next_page(rendered):
    pages, kinds = rendered["heading_on_22"]
    # the 19 body lines fill lines 3–21: the heading would have been on line 22
    assert kinds_of(kinds[0]) == ["title"] + ["para"] * 19 and pages[0][-1].slot == 20
    assert kinds_of(kinds[1])[:2] == ["heading", "para"] and pages[1][0].slot == 0
    assert rendering.page_faults(pages, CASES["heading_on_22"]) == []


def test_a_caption_due_at_the_page_foot_goes_with_its_table(rendered):
    pages, kinds = rendered["caption_on_22"]
    assert kinds_of(kinds[0]) == ["title"] + ["para"] * 18 and pages[0][-1].slot == 19  # line 21: the blank
    assert kinds_of(kinds[1])[:3] == ["table", "row", "row"] and pages[1][0].slot == 0
    assert rendering.page_faults(pages, CASES["caption_on_22"]) == []


def test_widow_control_moves_a_second_line_with_the_last(rendered):
    pages, kinds = rendered["widow"]
    assert kinds_of(kinds[0]) == ["title"] + ["para"] * 19 and pages[0][-1].slot == 20  # 2 of its 4 lines
    assert [k for k in kinds[1][:3]] == [kinds[0][-1], kinds[0][-1], ("para", 19)]  # and 2 on page 2


def test_orphan_control_moves_a_lone_first_line(rendered):
    pages, kinds = rendered["orphan"]
    assert kinds_of(kinds[0]) == ["title"] + ["para"] * 19 and pages[0][-1].slot == 20
    assert kinds[1][:4] == [("para", 20)] * 3 + [("para", 21)] and pages[1][0].slot == 0


def test_a_table_of_8_rows_moves_whole_with_its_caption(rendered):
    pages, kinds = rendered["table_of_8"]
    assert kinds_of(kinds[0]) == ["title"] + ["para"] * 14 and pages[0][-1].slot == 15  # lines 18–22 were free
    assert kinds_of(kinds[1])[:9] == ["table"] + ["row"] * 8
    assert rendering.page_faults(pages, CASES["table_of_8"]) == []


def test_a_longer_table_breaks_between_rows_and_repeats_its_header(rendered):
    pages, kinds = rendered["tall_rows"]
    assert len(pages) == 3  # the body and the 落款; the attachment's two pages
    where = {m: {line.page for page in pages for line in page if m in line.text} for m in TALL}
    assert where[TALL[0]] == {2} and where[TALL[-1]] == {3}  # the table does cross the page end
    assert all(len(p) == 1 for p in where.values()), f"a row split across pages: {where}"
    assert kinds_of(kinds[2])[0] == "header"  # 工作板块 指标 数据 again at the top of page 3
    assert rendering.page_faults(pages, CASES["tall_rows"]) == []


def signature_page(pages, kinds) -> tuple[int, list[tuple[str, int]]]:
    n = next(n for n, page in enumerate(kinds) if any(k == ol.SIGN_UNIT for k, _ in page))
    return n, kinds[n]


def test_a_body_ending_on_line_22_sends_its_last_lines_with_the_signature(rendered):
    pages, kinds = rendered["body_ends_on_22"]
    n, page = signature_page(pages, kinds)
    assert n == 1
    body_lines = [k for k in page if k[0] == ol.PARA]
    assert len(body_lines) >= 2 and {i for _, i in body_lines} == {17}  # the last paragraph's lines
    assert kinds_of(page)[-2:] == [ol.SIGN_UNIT, ol.SIGN_DATE]
    assert rendering.page_faults(pages, CASES["body_ends_on_22"]) == []


def test_one_line_paragraphs_go_two_at_a_time_with_the_signature(rendered):
    pages, kinds = rendered["one_liners_end_on_22"]
    n, page = signature_page(pages, kinds)
    assert n == 1 and page == [("para", 19), ("para", 20), (ol.SIGN_UNIT, 21), (ol.SIGN_DATE, 22)]
    assert pages[0][-1].slot == 19  # page 1 gave up lines 21 and 22, not more
    assert rendering.page_faults(pages, CASES["one_liners_end_on_22"]) == []


def test_unit_and_date_never_part(rendered):
    pages, kinds = rendered["signature_split"]
    n, page = signature_page(pages, kinds)
    assert n == 1 and kinds_of(page) == ["para", "para", ol.SIGN_UNIT, ol.SIGN_DATE]
    assert rendering.page_faults(pages, CASES["signature_split"]) == []


def test_a_long_table_goes_after_the_signature_as_an_attachment(rendered):
    pages, kinds = rendered["table_then_signature"]
    assert len(pages) == 2
    # page 1: the body, 附件：主要数据一览 one line under it, then the 落款 (GB/T 9704 附件说明)
    assert kinds_of(kinds[0]) == ["title"] + ["para"] * 10 + ["note", ol.SIGN_UNIT, ol.SIGN_DATE]
    assert pages[0][11].text == "附件：主要数据一览" and pages[0][11].slot == pages[0][10].slot + 2
    # page 2: 附件 on line 1, the title on line 3, the table under it
    assert kinds_of(kinds[1])[:3] == ["label", "table", "row"] and kinds_of(kinds[1]).count("row") == 12
    assert pages[1][0].text == "附件" and pages[1][0].slot == 0 and pages[1][1].slot == 2
    assert rendering.page_faults(pages, CASES["table_then_signature"]) == []
