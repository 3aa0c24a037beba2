from __future__ import annotations

import subprocess

import pytest

from export import fonts
from export import layout as L
from models import outline as ol


def test_layout_numbers():
    assert (L.PAGE_WIDTH, L.PAGE_HEIGHT) == (11906, 16838)  # A4
    assert (L.MARGIN_TOP, L.MARGIN_BOTTOM, L.MARGIN_LEFT, L.MARGIN_RIGHT) == (2098, 1984, 1587, 1474)
    assert pytest.approx(156 * 1440 / 25.4, abs=1) == L.TEXT_WIDTH
    assert pytest.approx(225 * 1440 / 25.4, abs=1) == L.TEXT_HEIGHT
    assert L.LINE_TWIPS == 579
    assert L.LINES_PER_PAGE * L.LINE_TWIPS <= L.TEXT_HEIGHT < (L.LINES_PER_PAGE + 1) * L.LINE_TWIPS
    assert L.pt_to_twips(29) * L.LINES_PER_PAGE > L.TEXT_HEIGHT  # why 28.95 and not 29
    assert L.CHAR_SPACING == -5
    assert L.CHARS_PER_LINE * L.CHAR_PITCH <= L.TEXT_WIDTH < (L.CHARS_PER_LINE + 1) * L.CHAR_PITCH
    assert (L.SIZE_2, L.SIZE_3, L.SIZE_4) == (22, 16, 14)
    assert L.half_points(L.SIZE_2) == 44
    assert L.page_number_text(3) == ("— ", "3", " —")


@pytest.mark.parametrize(("block", "style_id", "role"), [
    (ol.Block(ol.TITLE, "t"), "GwTitle", L.TITLE_FONT),
    (ol.Block(ol.SUBTITLE, "t"), "GwSubtitle", L.KAI_FONT),
    (ol.Block(ol.SALUTATION, "t"), "GwSalutation", L.BODY_FONT),
    (ol.Block(ol.PARA, "t"), "Normal", L.BODY_FONT),
    (ol.Block(ol.HEADING, "", 1, "一、", "h"), "GwHeading1", L.HEI_FONT),
    (ol.Block(ol.HEADING, "", 2, "（一）", "h"), "GwHeading2", L.KAI_FONT),
    (ol.Block(ol.ITEM, "b", 2, "（一）", "h。"), "GwItem2", L.BODY_FONT),
    (ol.Block(ol.SIGN_DATE, "2024年7月5日"), "GwSignature", L.BODY_FONT),
    (ol.Block(ol.TABLE, "主要数据一览"), "GwTableTitle", L.HEI_FONT),
])
def test_rule_for_each_block_kind(block, style_id, role):
    rule = L.rule_for(block)
    assert (rule.style_id, rule.role) == (style_id, role)


def test_run_in_level2_heading_is_kai():
    assert L.rule_for(ol.Block(ol.ITEM, "b", 2, "（一）", "h。")).head_role == L.KAI_FONT
    assert L.rule_for(ol.Block(ol.ITEM, "b", 3, "1.", "h。"), bold_level3=True).head_bold
    assert not L.rule_for(ol.Block(ol.ITEM, "b", 3, "1.", "h。")).head_bold


def test_text_width_counts_digits_as_half():
    assert L.text_width("2024年7月5日") == 6
    assert L.text_width("示例镇") == 3


# ---------------------------------------------------------------- schemes


def test_default_scheme_is_standard_when_gb2312_fonts_are_installed():
    installed = {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体", "宋体"}
    assert fonts.default_scheme(installed) == fonts.STANDARD_SCHEME


def test_default_scheme_english_names_count():
    assert fonts.default_scheme({"FangSong_GB2312", "KaiTi_GB2312", "FZXiaoBiaoSong-B05S"}).name == fonts.STANDARD


def test_standard_without_xiaobiaosong_keeps_the_gb2312_body():
    scheme = fonts.default_scheme({"仿宋_GB2312", "楷体_GB2312", "STZhongsong"})
    assert scheme.name == fonts.STANDARD and scheme.body == "仿宋_GB2312" and scheme.title == "华文中宋"


def test_default_scheme_is_system_otherwise():
    assert fonts.default_scheme({"SimSun", "FangSong", "KaiTi", "SimHei", "STZhongsong"}) == fonts.SYSTEM_SCHEME
    songti = fonts.default_scheme({"宋体", "仿宋", "楷体", "黑体"})
    assert songti.name == fonts.SYSTEM and songti.title == "宋体" and songti.title_bold
    assert fonts.default_scheme(set()) == fonts.SYSTEM_SCHEME  # unknown: 华文中宋 with its 宋体 fallback


def test_scheme_by_name():
    assert fonts.scheme_by_name("standard") == fonts.STANDARD_SCHEME
    assert fonts.scheme_by_name("标准") == fonts.STANDARD_SCHEME
    assert fonts.scheme_by_name("system").name == fonts.SYSTEM
    assert fonts.resolve_scheme(fonts.SYSTEM_SCHEME_SONG) is fonts.SYSTEM_SCHEME_SONG
    with pytest.raises(ValueError, match="字体方案"):
        fonts.scheme_by_name("comic")


def test_installed_families_from_fc_list(monkeypatch):
    class Done:
        stdout = "仿宋_GB2312\nNoto Sans CJK SC,Noto Sans CJK SC Regular\nSimHei\n".encode()

    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: Done())
    names = fonts.installed_families()
    assert {"仿宋_GB2312", "Noto Sans CJK SC", "SimHei", "黑体"} <= names


@pytest.mark.parametrize("failure", [FileNotFoundError("fc-list"), subprocess.TimeoutExpired("fc-list", 20),
                                     UnicodeError("bad")])
def test_installed_families_failure_is_an_empty_set(monkeypatch, failure):
    def boom(*args, **kwargs):
        raise failure

    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    monkeypatch.setattr(fonts.subprocess, "run", boom)
    assert fonts.installed_families() == set()


def test_installed_families_without_fc_list(monkeypatch):
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    assert fonts.installed_families() == set()


def test_windows_font_folder_fallback(monkeypatch, tmp_path):
    folder = tmp_path / "Fonts"
    folder.mkdir()
    for name in ("simfang.ttf", "SIMKAI.TTF", "other.ttf"):
        (folder / name).write_bytes(b"")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    names = fonts._windows_families()  # winreg is missing here: only the folder is read
    assert {"仿宋", "楷体"} <= names


def test_installed_families_here_is_a_set():
    assert isinstance(fonts.installed_families(), set)


# ---------------------------------------------------------------- arrange: the page decided once


def test_arrange_places_blank_lines_table_and_signature_once():
    from tests.export.test_docx_xml import ALL_KINDS

    placed = L.arrange(ALL_KINDS)
    kinds = [("table" if isinstance(p, L.Table) else (p.block.kind if p.block else "blank")) for p in placed]
    assert kinds == ["title", "title", "subtitle", "blank", "salutation", "para", "heading", "heading", "item",
                     "item", "item", "heading", "heading", "para", "blank", "table", "table", "blank",
                     "sign_unit", "sign_date"]
    table = next(p for p in placed if isinstance(p, L.Table))
    assert table.rows == (("工作板块", "指标", "数据"), ("理论武装", "开展宣讲", "24场次"))
    assert table.shares == L.TABLE_COLUMNS
    unit, date = placed[-2:]
    assert (unit.right, date.right) == L.signature_indents("示例县融媒体中心", "2024年7月5日")
    assert all(p.right == p.rule.right_chars for p in placed[:-2] if isinstance(p, L.Para))


def test_arrange_pads_short_rows_and_widths_fill_the_text_width():
    block = ol.Block(ol.TABLE, "主要数据一览", rows=(("a", "b", "c", "d"), ("e",)))
    caption, table, end = L.arrange([block])[1:]
    assert caption.block is block and caption.rule is L.TABLE_TITLE
    assert end.block is None  # Word wants a paragraph after a table that ends the document
    assert table.rows == (("a", "b", "c", "d"), ("e", "", "", "")) and table.columns == 4
    for n in (1, 2, 3, 4, 7):
        widths = L.table_widths(n)
        assert len(widths) == n and sum(widths) == L.TEXT_WIDTH
    assert L.table_widths(3)[:2] == [int(L.TEXT_WIDTH * 0.34), int(L.TEXT_WIDTH * 0.36)]


def test_a_lone_title_keeps_its_blank_line_and_an_empty_table_only_its_caption():
    assert [p.block.kind if p.block else "blank" for p in L.arrange([ol.Block(ol.TITLE, "t")])] == ["title", "blank"]
    placed = L.arrange([ol.Block(ol.TABLE, "主要数据一览")])
    assert not any(isinstance(p, L.Table) for p in placed)


def test_renderers_never_reach_the_service_or_the_widgets():
    """export/ renders the outline it is given: no module imports the service, the store or ui.

    Painting a page (the paged preview, the PDF) uses QtGui and QtCore — QPainter, QPdfWriter — but
    never a widget: the renderers stay usable without a window (the CLI writes PDFs headless)."""
    import ast
    from pathlib import Path

    for path in (Path(__file__).resolve().parents[2] / "export").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        bad = [n for n in names if n.startswith(("models.service", "models.store", "ui", "sqlite3"))
               or (n.startswith("PySide6") and n not in ("PySide6.QtGui", "PySide6.QtCore"))]
        assert not bad, f"{path.name} imports {bad}"


# ---------------------------------------------------------------- the 落款 keeps with the end of the body


def _chain(blocks):
    placed = L.arrange(blocks)
    return [("rows" if isinstance(p, L.Table) else (p.block.kind if p.block else "blank"), p.keep_next,
             p.keep_lines if isinstance(p, L.Para) else None) for p in placed]


SIGN = [ol.Block(ol.SIGN_UNIT, "示例镇党委"), ol.Block(ol.SIGN_DATE, "2024年7月5日")]


def test_signature_takes_two_one_line_paragraphs_along():
    blocks = [ol.Block(ol.TITLE, "t"), *(ol.Block(ol.PARA, "甲" * 20) for _ in range(4)), *SIGN]
    assert _chain(blocks) == [("title", False, False), ("blank", False, False), ("para", False, False),
                              ("para", False, False), ("para", True, False), ("para", True, True),
                              ("blank", True, False), ("sign_unit", True, False), ("sign_date", False, False)]


def test_a_paragraph_of_two_lines_or_more_suffices_and_it_keeps_its_lines_whatever_its_length():
    two = [ol.Block(ol.PARA, "甲" * 20), ol.Block(ol.PARA, "乙" * 40), *SIGN]  # 2 + 40 > 28: two lines
    assert [k for _, k, _ in _chain(two)] == [False, True, True, True, False]
    assert _chain(two)[1][2] is True  # two lines: kept together (widow control would anyway)
    # 8 lines: kept whole too, so Word, WPS and LibreOffice all move the same lines with the 落款
    long = [ol.Block(ol.PARA, "甲" * 20), ol.Block(ol.PARA, "乙" * 200), *SIGN]
    assert [(k, lines) for _, k, lines in _chain(long)][:2] == [(False, False), (True, True)]
    assert L.Para(L.BODY, ol.Block(ol.PARA, "乙" * 26)).lines == 1
    assert L.Para(L.BODY, ol.Block(ol.PARA, "乙" * 27)).lines == 2


def test_a_short_table_before_the_signature_moves_whole_with_it():
    rows = (("工作板块", "指标", "数据"), *((f"板块{i}", "指标", "1次") for i in range(5)))
    chain = _chain([ol.Block(ol.PARA, "甲"), ol.Block(ol.TABLE, "主要数据一览", rows=rows), *SIGN])
    table = next(k for kind, k, _ in chain if kind == "rows")
    assert table == (True,) * 6  # every row with the next, the last with the 落款
    assert chain[0][1] is False  # the rows hold two lines: no body paragraph needed


def test_a_long_table_of_a_signed_document_is_an_attachment_after_the_signature():
    rows = (("工作板块", "指标", "数据"), *((f"板块{i}", "指标", "1次") for i in range(11)))
    table_block = ol.Block(ol.TABLE, "主要数据一览", rows=rows)
    blocks = [ol.Block(ol.PARA, "甲" * 20), ol.Block(ol.PARA, "乙" * 20), table_block, *SIGN]
    placed = L.arrange(blocks)
    texts = [p.text if isinstance(p, L.Para) else "rows" for p in placed]
    assert texts == ["甲" * 20, "乙" * 20, "", "附件：主要数据一览", "", "示例镇党委", "2024年7月5日",
                     "附件", "", "主要数据一览", "", "rows", ""]
    # the 落款 keeps with the body's last two lines through the 附件说明 and the blank lines
    assert [p.keep_next for p in placed[:7]] == [True, True, True, True, True, True, False]
    label, title, table = placed[7], placed[9], placed[11]
    assert label.page_break and label.rule is L.ATTACHMENT_LABEL and label.role == L.LABEL
    assert placed[3].role == L.NOTE and placed[3].index == 2 and title.index == 2
    assert title.rule is L.TITLE and title.block is table_block
    assert table.keep_next == (True,) + (False,) * 11  # only the header keeps with the first row
    # unsigned, the table stays where it is
    unsigned = L.arrange(blocks[:3])
    assert not any(isinstance(p, L.Para) and p.page_break for p in unsigned)
    assert L.attachment_names(1) == ["附件"] and L.attachment_names(2) == ["附件1", "附件2"]


def test_no_body_no_chain_into_the_title():
    chain = _chain([ol.Block(ol.TITLE, "t"), *SIGN])
    assert chain == [("title", False, False), ("blank", False, False), ("blank", True, False),
                     ("sign_unit", True, False), ("sign_date", False, False)]
