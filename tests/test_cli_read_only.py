"""The command line on a data folder that cannot be written (python main.py … in a subprocess): on a full
disk (a 2 MB tmpfs filled to ENOSPC) and on a read-only medium (a read-only bind mount) the read commands
work after a note on stderr; the write commands say why they cannot and exit with 2, nothing changed.
Needs root to mount (tests/mounts.py): CI runs as root and fails these if mounting is impossible."""

from __future__ import annotations

import json
import zipfile

import pytest

from tests import mounts
from tests.test_cli import cli

pytestmark = pytest.mark.mount


def _new(d: str, unit: str) -> str:
    r = cli("--data-dir", d, "new", "--genre", "half_year", "--unit", unit, "--period", "2024H1")
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def _reads_work(d: str, rid: str, out) -> None:
    listed = cli("--data-dir", d, "list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == [rid]
    assert "示例镇2024年上半年宣传工作总结" in listed.stdout
    assert "只读方式打开" in listed.stderr
    assert "half_year" in cli("--data-dir", d, "templates").stdout
    package = out / "报告包.json"
    assert cli("--data-dir", d, "dump", rid, "-o", str(package)).returncode == 0
    assert json.loads(package.read_text(encoding="utf-8"))["front"]["unit"] == "示例镇"
    assert cli("--data-dir", d, "check", rid).returncode in (0, 1)  # findings or none, never an error
    r = cli("--data-dir", d, "export", rid, "-o", str(out / "总结.docx"))
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out / "总结.docx") as z:
        assert "示例镇" in z.read("word/document.xml").decode("utf-8")
    r = cli("--data-dir", d, "export", rid, "-o", str(out / "总结.pdf"))
    assert r.returncode == 0, r.stderr
    assert (out / "总结.pdf").read_bytes().startswith(b"%PDF")


def _writes_refused(d: str, words: str, package) -> None:
    for args in (("new", "--genre", "half_year", "--unit", "别的镇", "--period", "2024H2"),
                 ("import", str(package))):
        r = cli("--data-dir", d, *args)
        assert r.returncode == 2, r.stdout + r.stderr
        assert "错误：现在是只读模式" in r.stderr and words in r.stderr and "没有丢失" in r.stderr
        assert "Traceback" not in r.stderr


def test_full_disk(tmp_path):
    out = tmp_path / "导出"
    out.mkdir()
    with mounts.tmpfs(tmp_path / "盘") as disk:
        d = str(disk / "数据")
        rid = _new(d, "示例镇")
        mounts.fill(disk)
        _reads_work(d, rid, out)
        _writes_refused(d, "磁盘已满", out / "报告包.json")
        assert len(cli("--data-dir", d, "list").stdout.splitlines()) == 1

        mounts.free(disk)
        r = cli("--data-dir", d, "import", str(out / "报告包.json"))
        assert r.returncode == 0 and "只读" not in r.stderr, r.stderr
        assert len(cli("--data-dir", d, "list").stdout.splitlines()) == 2


def test_read_only_medium(tmp_path):
    out = tmp_path / "导出"
    out.mkdir()
    data = tmp_path / "U盘" / "数据"
    rid = _new(str(data), "示例镇")
    before = (data / "zongjie.db").read_bytes()
    with mounts.read_only_bind(data):
        _reads_work(str(data), rid, out)
        _writes_refused(str(data), "只读的U盘、光盘或共享文件夹", out / "报告包.json")
    assert (data / "zongjie.db").read_bytes() == before
