"""The preview HTML follows layout.py and parses in QTextDocument the way the UI will use it."""

from __future__ import annotations

import pytest

from export import fonts
from export import layout as L
from export.preview import PX_PER_PT, render_html, text_width_px
from tests.export.test_docx_xml import ALL_KINDS

SCHEME = fonts.STANDARD_SCHEME


def test_html_carries_fonts_addresses_and_rules():
    html = render_html(ALL_KINDS, SCHEME)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "font-family:'方正小标宋简体'; font-size:22pt" in html
    assert "font-family:'黑体'; font-size:16pt" in html
    assert "font-family:'楷体_GB2312'; font-size:16pt" in html
    assert "font-family:'仿宋_GB2312'; font-size:16pt" in html
    indent = f"text-indent:{2 * L.CHAR_PITCH_PT * PX_PER_PT:.2f}px"
    assert indent in html
    assert f"line-height:{L.LINE_PT * PX_PER_PT:.0f}px; -qt-line-height-type:fixed" in html
    for address in ("front.title", "intro", "part.review.title", "item.b.heading", "item.b.body", "front.unit",
                    "front.date"):
        assert f'<a name="{address}">' in html
    assert '<table border="1"' in html and "<th" in html and "24场次" in html


def test_user_text_is_escaped():
    from models import outline as ol

    html = render_html([ol.Block(ol.PARA, '<b>"甲"&乙</b>', address="intro")], SCHEME)
    assert "&lt;b&gt;" in html and "<b>" not in html.split("<body", 1)[1]


def test_preview_in_qtextdocument(qapp):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextBlockFormat, QTextDocument

    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setTextWidth(text_width_px())
    doc.setHtml(render_html(ALL_KINDS, SCHEME, bold_level3=True))
    blocks = []
    b = doc.begin()
    while b.isValid():
        anchors = []
        it = b.begin()
        while not it.atEnd():
            fragment = it.fragment()
            anchors += [(fragment.position() - b.position(), name) for name in fragment.charFormat().anchorNames()]
            it += 1
        blocks.append((b.text(), b.blockFormat(), anchors, b))
        b = b.next()
    by_text: dict = {}
    for text, fmt, anchors, block in blocks:
        by_text.setdefault(text, (fmt, anchors, block))  # first occurrence: the title, not the 落款

    title_fmt, title_anchors, title_block = by_text["示例县融媒体中心"]
    assert title_fmt.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert ("front.title" in [n for _, n in title_anchors])
    assert title_block.begin().fragment().charFormat().fontPointSize() == pytest.approx(22)

    body_fmt, _, body_block = by_text["今年以来，中心坚持移动优先。现将有关情况总结如下："]
    assert body_fmt.alignment() & Qt.AlignmentFlag.AlignJustify
    assert body_fmt.textIndent() == pytest.approx(2 * L.CHAR_PITCH_PT * PX_PER_PT, abs=0.6)
    assert body_fmt.lineHeightType() == QTextBlockFormat.LineHeightTypes.FixedHeight.value
    assert body_fmt.lineHeight() == pytest.approx(L.LINE_PT * PX_PER_PT, abs=0.6)
    assert body_block.begin().fragment().charFormat().fontFamilies() == ["仿宋_GB2312"]

    # run-in item: heading sentence in 楷体, body in 仿宋, each with its own address
    _, item_anchors, item_block = by_text["（二）抓实理论学习，筑牢思想根基。中心党支部坚持“三会一课”制度。"]
    assert list(dict.fromkeys(n for _, n in item_anchors)) == ["item.b.heading", "item.b.body"]
    families = []
    it = item_block.begin()
    while not it.atEnd():
        families.append(it.fragment().charFormat().fontFamilies()[0])
        it += 1
    assert families[0] == "楷体_GB2312" and families[-1] == "仿宋_GB2312"

    sal_fmt, _, _ = by_text["同志们："]
    assert sal_fmt.alignment() & Qt.AlignmentFlag.AlignLeft and sal_fmt.textIndent() == 0

    unit_fmt = next(f for _, f, a, _ in blocks if "front.unit" in [n for _, n in a])
    assert unit_fmt.alignment() & Qt.AlignmentFlag.AlignRight
    unit_right, _ = L.signature_indents("示例县融媒体中心", "2024年7月5日")
    assert unit_fmt.rightMargin() == pytest.approx(unit_right * L.CHAR_PITCH_PT * PX_PER_PT, abs=0.6)

    assert doc.toPlainText().count("主要数据一览") == 1


def test_preview_lines_hold_28_characters(qapp):
    from PySide6.QtGui import QTextDocument

    from models import outline as ol

    text = "宣传思想文化工作取得新进展" * 8  # 104 characters
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setTextWidth(text_width_px())
    doc.setHtml(render_html([ol.Block(ol.PARA, text, address="intro")], SCHEME))
    doc.documentLayout()  # lays the document out
    block = doc.findBlock(0)
    layout = block.layout()
    lengths = [layout.lineAt(i).textLength() for i in range(layout.lineCount())]
    assert lengths[:3] == [26, 28, 28]


def test_blanks_marked_only_when_asked(qapp):
    """The screen preview shows leftover blanks (exactly models.checks.find_blanks) in red, escaped around."""
    from PySide6.QtGui import QTextDocument

    from export.preview import BLANK_CSS
    from models import outline as ol
    from models.checks import find_blanks

    blocks = [ol.Block(ol.PARA, "<b>开展XX场活动，某某同志&参加□□</b>", address="intro"),
              ol.Block(ol.TABLE, "主要数据一览", address="", rows=(("指标", "数值"), ("活动", "***")))]
    plain = render_html(blocks, SCHEME)
    assert BLANK_CSS not in plain  # the default (and so the Word export's rules) stays unmarked
    html = render_html(blocks, SCHEME, mark_blanks=True)
    body = html.split("<body", 1)[1]
    assert "<b>" not in body and "&lt;b&gt;" in body and "&amp;参加" in body
    marked = [part.split("</span>", 1)[0] for part in body.split(f'<span style="{BLANK_CSS}">')[1:]]
    assert marked == [b for _s, _e, b in find_blanks(blocks[0].text)] + ["***"]
    assert '<a name="intro">' in html

    doc = QTextDocument()
    doc.setHtml(html)
    text = doc.toPlainText()
    assert "<b>开展XX场活动，某某同志&参加□□</b>" in text  # the officer reads the same words
    block = doc.begin()
    reds, anchors = [], []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        fmt = fragment.charFormat()
        anchors += fmt.anchorNames()
        if fmt.background().color().name() == "#ffd6d6":
            reds.append(fragment.text())
        it += 1
    assert reds == ["XX", "某某", "□□"]
    assert anchors and set(anchors) == {"intro"}  # a click still maps back to the field
