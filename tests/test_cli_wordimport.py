"""main.py import FILE.docx: a Word summary becomes a report (its id on stdout, what was recognised on
stderr); files that are not a readable .docx are refused in Chinese with exit code 2, nothing stored."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.models import wordimport_fixtures as F
from tests.test_cli import cli

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_import_docx_prints_the_new_id_and_the_summary(tmp_path):
    d = str(tmp_path / "data")
    path = tmp_path / "示例镇上半年总结.docx"
    path.write_bytes(F.typed_numbers().data)
    r = cli("--data-dir", d, "import", str(path))
    assert r.returncode == 0, r.stderr
    rid = r.stdout.strip()
    assert rid.isdigit()
    assert "识别出标题“示例镇2024年上半年宣传工作总结”" in r.stderr and "3个一级标题" in r.stderr
    listed = cli("--data-dir", d, "list").stdout
    assert f"{rid}\t示例镇2024年上半年宣传工作总结" in listed
    out = tmp_path / "again.docx"
    assert cli("--data-dir", d, "export", rid, "-o", str(out)).returncode == 0
    assert "强化理论武装，凝聚思想共识。镇党委中心组开展集中学习8次" in "".join(F.file_text(out.read_bytes()))


def test_a_docx_without_its_extension_is_told_by_its_bytes(tmp_path):
    d = str(tmp_path / "data")
    path = tmp_path / "总结"
    path.write_bytes(F.speech().data)
    r = cli("--data-dir", d, "import", str(path))
    assert r.returncode == 2
    assert "只能导入 Word 文档（.docx）" in r.stderr  # not the report package's "不是报告包" message


def _encrypted() -> bytes:
    return OLE + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512


def _macro_docx() -> bytes:
    return F.raw_docx(F.p("示例镇2024年上半年宣传工作总结"), main="application/vnd.ms-word.document.macroEnabled.main+xml")


@pytest.mark.parametrize(("name", "data", "words"), [
    ("上半年总结.doc", OLE + b"\0" * 600, "旧版 Word 文档（.doc）"),
    ("上半年总结.wps", b"\0" * 600, "WPS 文字的专用格式"),
    ("上半年总结.pdf", b"%PDF-1.7\n" + b"\0" * 100, "PDF 文件无法导入"),
    ("上半年总结.docm", _macro_docx(), "含有宏"),
    ("上半年总结.wpt", b"\0" * 600, "WPS 文字模板"),
    ("加密的总结.docx", _encrypted(), "设置了打开密码"),
    ("坏的总结.docx", b"PK\x03\x04" + b"\0" * 100, "压缩结构已损坏"),
])
def test_refused_files(tmp_path, name, data, words):
    d = str(tmp_path / "data")
    path = tmp_path / name
    path.write_bytes(data)
    r = cli("--data-dir", d, "import", str(path))
    assert r.returncode == 2
    assert r.stdout == ""
    assert r.stderr.startswith("错误：") and words in r.stderr, r.stderr
    assert "另存为 .docx" in r.stderr or "取消密码" in r.stderr or "损坏" in r.stderr
    assert cli("--data-dir", d, "list").stdout == ""


def test_report_packages_still_import(tmp_path):
    d = str(tmp_path / "data")
    new = cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示范镇", "--period", "2024H1").stdout.strip()
    package = tmp_path / "报告包.json"
    assert cli("--data-dir", d, "dump", new, "-o", str(package)).returncode == 0
    r = cli("--data-dir", d, "import", str(package))
    assert r.returncode == 0 and r.stdout.strip().isdigit() and r.stdout.strip() != new


def test_word_files_are_told_from_packages(tmp_path):
    from models.wordimport import is_word_file

    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    cases = {"总结.DOCX": b"", "总结": zipped.getvalue(), "旧总结": OLE, "扫描件": b"%PDF-1.4",
             "报告包.json": b'{"format": "zongjie-report"}', "报告包": b'{"format": "zongjie-report"}'}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert {name: is_word_file(tmp_path / name) for name in cases} == {
        "总结.DOCX": True, "总结": True, "旧总结": True, "扫描件": True, "报告包.json": False, "报告包": False}
    assert not is_word_file(tmp_path / "不存在.json")
