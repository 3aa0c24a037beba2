"""The Word export end to end (outline from the service → write_docx): read-back, text hygiene, safe writing, the CLI."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from export import fonts
from export import layout as L
from export.docx import iter_render_docx, render_docx
from models import atomic
from models import outline as ol
from models.atomic import WriteError
from models.text import clean_text
from tests.export.conftest import NS, export_docx, parts, rich_report, style

ROOT = Path(__file__).resolve().parents[2]


def expected_paragraphs(blocks: list[ol.Block]) -> list[str]:
    """outline_text(blocks) with the blank spacer paragraphs the export adds, where it adds them:
    after the title group, before the table title, before the 落款. A table of more than
    TABLE_KEEP_ROWS rows in a signed document is an attachment (GB/T 9704 附件): “附件：<title>”
    one blank line under the body, and after the 落款, on a new page, 附件 / blank / title / blank / table."""
    signed = any(b.kind in (ol.SIGN_UNIT, ol.SIGN_DATE) for b in blocks)
    attached = [b for b in blocks if signed and b.kind == ol.TABLE and len(b.rows) > L.TABLE_KEEP_ROWS]
    texts = ol.outline_text(blocks)
    out: list[str] = []
    prev = ""
    for block, text in zip(blocks, texts, strict=True):
        if prev in (ol.TITLE, ol.SUBTITLE) and block.kind not in (ol.TITLE, ol.SUBTITLE):
            out += [""] * L.BLANK_AFTER_TITLE
        if block in attached:
            continue
        if block.kind == ol.TABLE:
            out += [""] * L.BLANK_BEFORE_TABLE
        if block.kind in (ol.SIGN_UNIT, ol.SIGN_DATE) and prev not in (ol.SIGN_UNIT, ol.SIGN_DATE):
            for table in attached:
                out += ["", f"附件：{table.text}"]
            out += [""] * L.BLANK_BEFORE_SIGNATURE
        out.append(text)
        prev = block.kind
    if blocks and blocks[-1].kind in (ol.TITLE, ol.SUBTITLE):
        out += [""] * L.BLANK_AFTER_TITLE
    for table in attached:
        out += ["附件", "", table.text, ""]
    if attached or (blocks and blocks[-1].kind == ol.TABLE):
        out.append("")  # a paragraph must follow a table at the end of the body
    return out


@pytest.mark.parametrize(("genre_id", "period"), [("half_year", "2024H2"), ("half_year_plan", "2024H1"),
                                                   ("annual_plan", "2024"), ("media_centre", "2024H1"),
                                                   ("speech", "2024H1")])
def test_read_back_equals_outline_text(service, tmp_path, genre_id, period):
    report = rich_report(service, genre_id, period)
    blocks = service.outline(report)
    path = tmp_path / "out.docx"
    export_docx(service, report, path, fonts="standard")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts == expected_paragraphs(blocks)
    assert [t for t in texts if t] == [t for t in ol.outline_text(blocks) if t]
    if any(b.kind == ol.TABLE for b in blocks):
        table = docx.Document(str(path)).tables[0]
        rows = next(b.rows for b in blocks if b.kind == ol.TABLE)
        assert [[c.text for c in r.cells] for r in table.rows] == [list(r) for r in rows]


def test_samples_read_back(service, tmp_path):
    from models.package import read_package_file

    samples = sorted((ROOT / "resources" / "samples").glob("*.json"))
    if not samples:
        pytest.skip("no samples yet")
    for sample in samples:
        report = read_package_file(sample, service.library)
        path = tmp_path / f"{sample.stem}.docx"
        export_docx(service, report, path)
        texts = [p.text for p in docx.Document(str(path)).paragraphs]
        assert texts == expected_paragraphs(service.outline(report)), sample.name


def test_export_does_not_change_the_report(service, tmp_path):
    report = rich_report(service)
    before = copy.deepcopy(report)
    export_docx(service, report, tmp_path / "a.docx", figures_table=False, bold_level3=True)
    assert report == before


def test_figures_table_option(service, tmp_path):
    report = rich_report(service)
    export_docx(service, report, tmp_path / "with.docx")
    export_docx(service, report, tmp_path / "without.docx", figures_table=False)
    assert len(docx.Document(str(tmp_path / "with.docx")).tables) == 1
    assert len(docx.Document(str(tmp_path / "without.docx")).tables) == 0


def test_progress_goes_up_to_100_then_bytes(service, tmp_path):
    report = rich_report(service)
    seen: list[int] = []
    export_docx(service, report, tmp_path / "p.docx", progress=seen.append)
    assert seen[0] == 0 and seen[-1] == 100 and seen == sorted(seen)
    steps = list(iter_render_docx(service.outline(report), scheme=fonts.SYSTEM_SCHEME))
    assert isinstance(steps[-1], bytes) and all(isinstance(s, int) for s in steps[:-1])
    assert steps[-2] == 100


def test_default_scheme_from_installed_fonts(service, tmp_path, monkeypatch):
    report = rich_report(service)
    monkeypatch.setattr(fonts, "installed_families", lambda: {"仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "黑体"})
    export_docx(service, report, tmp_path / "std.docx")
    normal = style(parts((tmp_path / "std.docx").read_bytes())["word/styles.xml"], "Normal")
    assert normal.find("w:rPr/w:rFonts", NS).get(f"{{{NS['w']}}}eastAsia") == "仿宋_GB2312"
    monkeypatch.setattr(fonts, "installed_families", lambda: {"SimSun", "FangSong", "KaiTi", "SimHei"})
    export_docx(service, report, tmp_path / "sys.docx")
    styles = parts((tmp_path / "sys.docx").read_bytes())["word/styles.xml"]
    assert style(styles, "Normal").find("w:rPr/w:rFonts", NS).get(f"{{{NS['w']}}}eastAsia") == "仿宋"
    assert style(styles, "GwTitle").find("w:rPr/w:rFonts", NS).get(f"{{{NS['w']}}}eastAsia") == "宋体"


# ---------------------------------------------------------------- hygiene

DIRTY = "第一段\x00文字\x0b第二段\x0c第三段\r\n第四段\ud800完\x07"


def test_dirty_fields_stored_through_the_service_export_clean(service, tmp_path):
    """Text is cleaned once, where it enters the service; what is stored then exports as it is."""
    report = rich_report(service)
    item = report.items["results"][0]
    rid = service.store.insert_report(report)
    service.set_values(rid, {
        "intro": DIRTY,
        f"item.{item.id}.heading": "标题\x00带\ud800控制符",
        f"item.{item.id}.body": "正文\x0b续\r\n再续\ufffe",
        "front.unit": "示例镇\x00党委",
        "front.author": "李\x00明\ud800",
    })
    service.set_value(rid, "front.title", "示例镇\x0b宣传工作\ud800总结")
    report = service.load(rid)
    path = tmp_path / "dirty.docx"
    export_docx(service, report, path)
    d = docx.Document(str(path))
    texts = [p.text for p in d.paragraphs]
    for text in texts:
        assert text == clean_text(text) and "\n" not in text
    # each line break of a field starts a new paragraph
    i = texts.index("第一段文字")
    assert texts[i:i + 4] == ["第一段文字", "第二段", "第三段", "第四段完"]
    assert any(t.startswith("（一）标题带控制符。正文") for t in texts)
    assert "续" in texts and "再续" in texts
    assert texts[0] == "示例镇 宣传工作总结"
    assert d.core_properties.author == "李明"
    assert texts[-2] == "示例镇党委"


def test_raw_blocks_with_control_characters_never_raise():
    """Blocks that bypassed the service (and its cleaning) still export: the text is cleaned where
    XML refuses it. Splitting a field into paragraphs is the outline's job, so a raw block with line
    breaks prints as one paragraph."""
    blocks = [ol.Block(ol.TITLE, "标\x00题\ud800"), ol.Block(ol.PARA, "甲\x0b乙\x0c丙\r\n丁"),
              ol.Block(ol.ITEM, "正\x01文", 2, "（一）", "标\x1f题。"),
              ol.Block(ol.TABLE, "主要数据一览", rows=(("a\x00", "b\ud800", "c\x0b"),)),
              ol.Block(ol.SIGN_UNIT, "单\x00位"), ol.Block(ol.SIGN_DATE, "2024年7月5日\x0c")]
    data = render_docx(blocks, scheme=fonts.SYSTEM_SCHEME, title="t" * 1000 + "\x00", author="\ud800" * 300)
    import io

    d = docx.Document(io.BytesIO(data))
    assert [p.text for p in d.paragraphs] == ["标题", "", "甲 乙 丙 丁", "（一）标题。正文", "", "主要数据一览",
                                              "", "单位", "2024年7月5日"]
    assert len(d.core_properties.title) == 255


# ---------------------------------------------------------------- safe writing


def _old_file(folder: Path) -> Path:
    old = folder / "总结.docx"
    old.write_bytes(b"old contents")
    return old


def test_read_only_folder(service, tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    old = _old_file(folder)
    report = rich_report(service)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):  # root ignores permissions: simulate what the OS would say
            def refuse(*args, **kwargs):
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
            real_access = os.access
            monkeypatch.setattr(atomic.os, "access",
                                lambda p, mode: False if Path(p) == folder else real_access(p, mode))
        with pytest.raises(WriteError) as err:
            export_docx(service, report, old)
        message = str(err.value)
        assert "只读" in message or "权限" in message or "无法覆盖" in message
        assert old.read_bytes() == b"old contents"
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["总结.docx"]


def test_missing_folder(service, tmp_path):
    with pytest.raises(WriteError) as err:
        export_docx(service, rich_report(service), tmp_path / "拔出的U盘" / "总结.docx")
    assert "不存在" in str(err.value)


def test_failed_replace_keeps_the_old_file(service, tmp_path, monkeypatch):
    old = _old_file(tmp_path)

    def broken(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(WriteError) as err:
        export_docx(service, rich_report(service), old)
    assert "总结.docx" in str(err.value)
    assert old.read_bytes() == b"old contents"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["总结.docx"]  # no temp file left


def test_overwrites_an_existing_file(service, tmp_path):
    old = _old_file(tmp_path)
    export_docx(service, rich_report(service), old)
    assert zipfile.is_zipfile(old)


# ---------------------------------------------------------------- CLI


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120, check=False)


def test_cli_export(tmp_path):
    d = str(tmp_path / "d")
    r = _cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H1",
             "--author", "李明", "--date", "2024-07-05")
    assert r.returncode == 0, r.stderr
    package = tmp_path / "r.json"
    assert _cli("--data-dir", d, "dump", r.stdout.strip(), "-o", str(package)).returncode == 0
    data = json.loads(package.read_text(encoding="utf-8"))
    data["intro"] = "今年以来，示例镇宣传工作扎实推进。现将有关情况总结如下："
    for part in data["parts"].values():
        for item in part["items"]:
            item["heading"] = "工作扎实推进，成效较为明显"
            item["body"] = "围绕重点任务开展活动。"
    package.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.docx"
    r = _cli("--data-dir", d, "export", str(package), "-o", str(out), "--fonts", "standard")
    assert r.returncode == 0, r.stderr
    xml = parts(out.read_bytes())
    normal = style(xml["word/styles.xml"], "Normal")
    assert normal.find("w:rPr/w:rFonts", NS).get(f"{{{NS['w']}}}eastAsia") == "仿宋_GB2312"
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "示例镇2024年上半年宣传工作总结" and texts[-1] == "2024年7月5日"
    r = _cli("--data-dir", d, "export", str(package), "-o", str(tmp_path / "sys.docx"), "--fonts", "system",
             "--no-table")
    assert r.returncode == 0, r.stderr


def test_cli_export_to_missing_folder_is_a_chinese_error(tmp_path):
    d = str(tmp_path / "d")
    rid = _cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H1").stdout.strip()
    r = _cli("--data-dir", d, "export", rid, "-o", str(tmp_path / "nope" / "a.docx"))
    assert r.returncode == 2
    assert "错误" in r.stderr and "不存在" in r.stderr and "Traceback" not in r.stderr
