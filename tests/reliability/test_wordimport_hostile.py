"""Hostile and broken files given to 导入 Word 文件: each is refused with a Chinese message that says
what to do, within 5 s, with memory bounded (< 300 MB RSS), and nothing is written anywhere.

Each case runs in a fresh interpreter so its peak RSS is its own.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.models import wordimport_fixtures as F

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 5.0
RSS_LIMIT_MB = 300

_PROBE = """
import json, resource, sys, time
from models.wordimport import WordImportError, read_docx


def high_water_kb():
    # VmHWM starts afresh with the new program; ru_maxrss keeps the forking parent's peak on Linux
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


before = high_water_kb()
start = time.perf_counter()
try:
    result = read_docx(sys.argv[1])
    message = None
except WordImportError as exc:
    message = str(exc)
seconds = time.perf_counter() - start
peak = high_water_kb()
print(json.dumps({"message": message, "seconds": seconds, "before_kb": before, "peak_kb": peak}))
"""


def probe(path: Path, tmp_path: Path) -> dict:
    """Import ``path`` in a subprocess with its own empty home, data folder and working folder."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), ZONGJIE_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(home / "share"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), PYTHONDONTWRITEBYTECODE="1")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    before = sorted(p for p in tmp_path.rglob("*"))
    r = subprocess.run([sys.executable, "-c", _PROBE, str(path)], cwd=home, env=env, capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert sorted(p for p in tmp_path.rglob("*")) == before, "the import wrote files"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    return out


def refused(path: Path, tmp_path: Path, *expected: str) -> str:
    out = probe(path, tmp_path)
    message = out["message"]
    assert message, "the file was accepted"
    for words in expected:
        assert words in message, message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    assert out["seconds"] < TIME_LIMIT, out
    assert out["peak_kb"] / 1024 < RSS_LIMIT_MB, out
    return message


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    target = tmp_path / "in" / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    return target


def _zip(parts: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _docx_with(document: bytes | str) -> bytes:
    return F.raw_docx("", document=document if isinstance(document, str) else document.decode("utf-8"))


HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {F.W_NS}><w:body>'
TAIL = "<w:sectPr/></w:body></w:document>"


# ------------------------------------------------------------------ what the file is


def test_accepts_a_real_file_in_a_subprocess(tmp_path):
    path = write(tmp_path, "总结.docx", F.typed_numbers().data)
    out = probe(path, tmp_path)
    assert out["message"] is None and out["seconds"] < TIME_LIMIT


def test_not_a_zip(tmp_path):
    path = write(tmp_path, "总结.docx", "这只是一段文字，不是 Word 文档。\n".encode() * 50)
    refused(path, tmp_path, "不是有效的 Word 文档", "另存为 .docx")


def test_empty_file(tmp_path):
    refused(write(tmp_path, "总结.docx", b""), tmp_path, "空的")


def test_truncated_zip(tmp_path):
    data = F.typed_numbers().data
    refused(write(tmp_path, "总结.docx", data[: len(data) // 2]), tmp_path, "不是完整的 Word 文档")


def test_a_zip_that_is_not_a_word_document(tmp_path):
    refused(write(tmp_path, "总结.docx", _zip({"readme.txt": "你好"})), tmp_path, "不是 Word 文档")


def _cfb(*stream_names: str) -> bytes:
    """An OLE compound file (header sector + one directory sector) naming the given streams."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x3E)
    header[26:28] = struct.pack("<H", 3)
    header[28:30] = b"\xfe\xff"
    header[30:32] = struct.pack("<H", 9)
    directory = bytearray()
    for name in ("Root Entry", *stream_names):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le")
        entry[: len(encoded)] = encoded
        entry[64:66] = struct.pack("<H", len(encoded) + 2)
        entry[66] = 5 if name == "Root Entry" else 2
        directory += entry
    return bytes(header) + bytes(directory.ljust(512, b"\0")) + os.urandom(2048)


def test_password_protected_docx(tmp_path):
    data = _cfb("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces")
    message = refused(write(tmp_path, "总结.docx", data), tmp_path, "密码", "取消密码", ".docx")
    assert "加密" in message


def test_old_doc_renamed_docx(tmp_path):
    data = _cfb("WordDocument", "1Table", "\x05SummaryInformation")
    refused(write(tmp_path, "总结.docx", data), tmp_path, "旧版 .doc", "另存为 .docx")


@pytest.mark.parametrize(("name", "words"), [
    ("总结.doc", "旧版 Word 文档（.doc）"),
    ("总结.wps", "WPS 文字的专用格式"),
    ("总结.pdf", "PDF"),
    ("总结.docm", "含有宏"),
    ("总结.wpt", "WPS 文字模板"),
    ("总结.dotx", "Word 模板"),
    ("总结.txt", "纯文本"),
    ("总结", "无扩展名"),
])
def test_refused_by_extension(tmp_path, name, words):
    message = refused(write(tmp_path, name, F.typed_numbers().data), tmp_path, words)
    assert "请在 WPS 或 Word 中" in message and ".docx" in message


def test_pdf_renamed_docx(tmp_path):
    refused(write(tmp_path, "总结.docx", b"%PDF-1.7\n" + b"0" * 2000), tmp_path, "PDF")


def test_macro_document_renamed_docx(tmp_path):
    data = F.raw_docx(F.p("正文"), main="application/vnd.ms-word.document.macroEnabled.main+xml")
    refused(write(tmp_path, "总结.docx", data), tmp_path, "含有宏")


def test_too_many_parts(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for n in range(10_050):
            z.writestr(f"media/{n}.bin", b"")
    refused(write(tmp_path, "总结.docx", out.getvalue()), tmp_path, "部件")


# ------------------------------------------------------------------ zip bombs


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A small .docx whose document.xml inflates to 210 MB of valid XML (whitespace)."""
    path = tmp_path_factory.mktemp("bomb") / "总结.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        base = F.raw_docx(F.p("正文"))
        with zipfile.ZipFile(io.BytesIO(base)) as src:
            for info in src.infolist():
                if info.filename != "word/document.xml":
                    z.writestr(info.filename, src.read(info.filename))
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(HEAD.encode())
            chunk = b" " * (1024 * 1024)
            for _ in range(210):
                member.write(chunk)
            member.write(TAIL.encode())
    assert path.stat().st_size < 1024 * 1024
    return path


def test_zip_bomb(tmp_path, bomb):
    path = write(tmp_path, "总结.docx", bomb.read_bytes())
    refused(path, tmp_path, "超过 50 MB", "不读取")


def test_zip_bomb_that_lies_about_its_size(tmp_path, bomb):
    """The declared uncompressed size patched down to 4 KB: reading stops there and the checksum fails."""
    data = bytearray(bomb.read_bytes())
    name = b"word/document.xml"
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    lying = struct.pack("<I", 4096)
    # local header: sizes at offset 22; central directory entry: at offset 24 (both before the name)
    local = info.header_offset
    assert data[local + 30: local + 30 + len(name)] == name
    if struct.unpack("<I", data[local + 22: local + 26])[0] != 0xFFFFFFFF:
        data[local + 22: local + 26] = lying
    central, pos = -1, 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:
        if data[pos + 46: pos + 46 + len(name)] == name:
            central = pos
            break
        pos += 4
    assert central >= 0
    if struct.unpack("<I", data[central + 24: central + 28])[0] != 0xFFFFFFFF:
        data[central + 24: central + 28] = lying
    else:  # zip64: the real size is in the extra field
        extra_at = central + 46 + len(name)
        extra = data[extra_at: extra_at + struct.unpack("<H", data[central + 30: central + 32])[0]]
        at = extra.find(b"\x01\x00")
        data[extra_at + at + 4: extra_at + at + 12] = struct.pack("<Q", 4096)
    path = write(tmp_path, "总结.docx", bytes(data))
    refused(path, tmp_path, "损坏")


# ------------------------------------------------------------------ XML


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
                  + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9))
                  + f']><w:document {F.W_NS}><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>')


def test_entity_expansion_in_the_document(tmp_path):
    path = write(tmp_path, "总结.docx", _docx_with(BILLION_LAUGHS))
    refused(path, tmp_path, "DTD", "恶意")


def test_entity_expansion_in_styles(tmp_path):
    styles_bomb = BILLION_LAUGHS.replace("w:document", "w:styles")
    base = F.raw_docx(F.p("正文"))
    with zipfile.ZipFile(io.BytesIO(base)) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    parts["word/styles.xml"] = styles_bomb.encode()
    refused(write(tmp_path, "总结.docx", _zip(parts)), tmp_path, "DTD", "word/styles.xml")


def test_external_entity(tmp_path):
    xxe = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {F.W_NS}>'
           "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>")
    refused(write(tmp_path, "总结.docx", _docx_with(xxe)), tmp_path, "DTD")


def test_broken_xml(tmp_path):
    broken = HEAD + "<w:p><w:r><w:t>示例镇上半年宣传工作总结</w:t></w:r><w:p>"
    refused(write(tmp_path, "总结.docx", _docx_with(broken)), tmp_path, "已损坏", "word/document.xml")


def test_no_text(tmp_path):
    empty = HEAD + "<w:p/>" * 40 + '<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>' + TAIL
    refused(write(tmp_path, "总结.docx", _docx_with(empty)), tmp_path, "没有文字")


def test_two_thousand_pages(tmp_path):
    paragraph = F.p("全镇开展理论宣讲活动，组织党员干部深入村组宣讲政策，群众反响良好，各项工作稳步推进。")
    body = paragraph * (2000 * 25)
    refused(write(tmp_path, "总结.docx", F.raw_docx(body)), tmp_path, "超过 20,000 段", "只保留")


def test_one_enormous_paragraph(tmp_path):
    run = f'<w:r><w:t>{"宣传工作稳步推进。" * 11}</w:t></w:r>' * 25_000  # 2.5 million characters
    refused(write(tmp_path, "总结.docx", F.raw_docx(f"<w:p>{run}</w:p>")), tmp_path, "万字")


def test_a_paragraph_of_a_million_empty_runs(tmp_path):
    refused(write(tmp_path, "总结.docx", F.raw_docx("<w:p>" + "<w:r/>" * 1_000_000 + "</w:p>")), tmp_path, "结构异常")


def test_a_million_bookmarks_between_paragraphs_are_read_in_flat_memory(tmp_path):
    marks = '<w:bookmarkEnd w:id="1"/>' * 1_000_000
    path = write(tmp_path, "总结.docx", F.raw_docx(F.p("一、工作情况") + marks + F.p("开展宣讲12场次。")))
    out = probe(path, tmp_path)
    assert out["message"] is None and out["seconds"] < TIME_LIMIT and out["peak_kb"] / 1024 < RSS_LIMIT_MB
    assert (out["peak_kb"] - out["before_kb"]) / 1024 < 50, out
