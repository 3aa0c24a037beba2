"""The unit-template commands of the CLI, run as a user would (python main.py … in a subprocess)."""

from __future__ import annotations

import json

from tests.test_cli import cli


def _ok(*args: str) -> str:
    r = cli(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_save_dump_import_and_write_with_a_unit_template(tmp_path):
    county, town = ("--data-dir", str(tmp_path / "county")), ("--data-dir", str(tmp_path / "town"))
    rid = _ok(*county, "new", "--genre", "annual_plan", "--unit", "示例县委宣传部", "--period", "2024").strip()
    tid = _ok(*county, "template-save", rid, "--name", "示例县乡镇总结提纲").strip()
    assert tid.startswith("unit_")
    assert _ok(*county, "templates").splitlines()[-1] == f"{tid}\t示例县乡镇总结提纲\t本单位提纲 第1版"
    path = tmp_path / "提纲.json"
    _ok(*county, "template-dump", tid, "-o", str(path))
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "zongjie-outline"

    r = cli(*town, "import", str(path))
    assert (r.returncode, r.stdout.strip()) == (0, tid) and "示例县乡镇总结提纲" in r.stderr
    new = _ok(*town, "new", "--template", tid, "--unit", "示例镇", "--period", "2024H1").strip()
    listed = _ok(*town, "list").splitlines()
    assert listed[0].split("\t")[:2] == [new, "示例镇2024年上半年宣传工作总结及下半年工作计划"]
    report = tmp_path / "r.json"
    _ok(*town, "dump", new, "-o", str(report))
    assert json.loads(report.read_text(encoding="utf-8"))["template"]["id"] == tid
    assert _ok(*county, "import", str(report)).strip().isdigit()  # import tells report packages apart


def test_shipped_genre_dump_and_refusals(tmp_path):
    d = ("--data-dir", str(tmp_path / "d"))
    path = tmp_path / "half_year.json"
    _ok(*d, "template-dump", "half_year", "-o", str(path))
    r = cli(*d, "import", str(path))
    assert r.returncode == 2 and "内置的体裁相同" in r.stderr
    r = cli(*d, "new", "--template", "half_year", "--unit", "示例镇", "--period", "2024H1")
    assert r.returncode == 2 and "--genre half_year" in r.stderr
    r = cli(*d, "new", "--template", "nope", "--unit", "示例镇", "--period", "2024H1")
    assert r.returncode == 2 and "没有本单位提纲" in r.stderr
    r = cli(*d, "template-dump", "nope", "-o", str(path))
    assert r.returncode == 2 and "没有体裁或本单位提纲" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "zongjie-outline", "format_version": 7, "template": {}}', encoding="utf-8")
    r = cli(*d, "import", str(bad))
    assert r.returncode == 2 and "请升级程序" in r.stderr
    assert _ok(*d, "templates").splitlines()[0] == "half_year\t半年工作总结"
    r = cli(*d, "template-delete", "nope")
    assert r.returncode == 2 and "没有本单位提纲" in r.stderr
