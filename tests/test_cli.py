"""The headless CLI, run as a user would: python main.py … in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          encoding="utf-8", env={**base, **(env or {})}, timeout=120)


def test_new_list_dump_import(tmp_path):
    d = str(tmp_path / "d")
    r = cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H1", "--author", "李明")
    assert r.returncode == 0, r.stderr
    rid = r.stdout.strip()
    assert rid.isdigit()
    listed = cli("--data-dir", d, "list").stdout.splitlines()
    assert listed[0].split("\t")[:2] == [rid, "示例镇2024年上半年宣传工作总结"]
    out = tmp_path / "r.json"
    assert cli("--data-dir", d, "dump", rid, "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["front"]["author"] == "李明"
    r = cli("--data-dir", d, "import", str(out))
    assert r.returncode == 0 and r.stdout.strip().splitlines()[-1] != rid
    assert len(cli("--data-dir", d, "list").stdout.splitlines()) == 2


def test_check_finds_planted_blank_and_exits_1(tmp_path):
    d = str(tmp_path / "d")
    rid = cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H1").stdout.strip()
    out = tmp_path / "r.json"
    cli("--data-dir", d, "dump", rid, "-o", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    data["intro"] = "今年以来，示例镇宣传工作扎实推进。现将有关情况总结如下："
    for part in data["parts"].values():
        for n, item in enumerate(part["items"]):
            item["heading"] = "工作扎实推进，成效较为明显"
            item["body"] = "围绕重点任务开展活动。"
            for fig in item.get("figures", []):
                fig["value"] = str(n + 3)
    first = data["parts"]["results"]["items"][0]
    first["body"] = "全年组织开展XX次理论宣讲。"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = cli("--data-dir", d, "check", str(out))
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"item.{first['id']}.body[6:8]\t") and "XX" in lines[0]
    first["body"] = "全年组织开展12次理论宣讲。"
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli("--data-dir", d, "check", str(out)).returncode == 0
    new = cli("--data-dir", d, "import", str(out)).stdout.split()[-1]
    assert cli("--data-dir", d, "check", new).returncode == 0


def test_malformed_package_is_refused_with_exit_2_and_store_unchanged(tmp_path):
    d = str(tmp_path / "d")
    cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H1")
    before = cli("--data-dir", d, "list").stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "zongjie-report", "format_version": 1, "genre": {"id": "half_year", "vers',
                   encoding="utf-8")
    r = cli("--data-dir", d, "import", str(bad))
    assert r.returncode == 2
    assert "错误" in r.stderr and "截断" in r.stderr and "Traceback" not in r.stderr
    assert cli("--data-dir", d, "list").stdout == before
    assert cli("--data-dir", d, "check", str(bad)).returncode == 2


def test_errors_are_chinese_and_exit_2(tmp_path):
    d = str(tmp_path / "d")
    r = cli("--data-dir", d, "new", "--genre", "nope", "--unit", "示例镇", "--period", "2024H1")
    assert r.returncode == 2 and "没有体裁" in r.stderr
    r = cli("--data-dir", d, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "明年")
    assert r.returncode == 2 and "无法识别" in r.stderr
    r = cli("--data-dir", d, "check", "42")
    assert r.returncode == 2 and "没有编号为 42" in r.stderr


def test_data_dir_from_environment(tmp_path):
    env = {"ZONGJIE_DATA_DIR": str(tmp_path / "env")}
    assert cli("new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H2", env=env).returncode == 0
    assert (tmp_path / "env" / "zongjie.db").exists()


def test_no_display_explains_instead_of_crashing(tmp_path):
    if sys.platform != "linux":
        return
    r = cli("--data-dir", str(tmp_path))
    assert r.returncode == 3
    assert "图形显示" in r.stderr and "--help" in r.stderr


def test_export_and_rollup_refuse_an_output_name_their_file_would_not_open_as(tmp_path):
    """-o 总结.txt used to get a Word file named .txt (WPS opens it as garbage); now refused, nothing written."""
    d = str(tmp_path / "d")
    sample = str(ROOT / "resources" / "samples" / "half_year.json")
    for args in (("export", sample, "-o", str(tmp_path / "总结.txt")),
                 ("export", sample, "-o", str(tmp_path / "总结")),
                 ("rollup", sample, "-o", str(tmp_path / "统计表.csv"))):
        r = cli("--data-dir", d, *args)
        assert r.returncode == 2, args
        assert "请" in r.stderr and ("以 .docx" in r.stderr or "以 .xlsx" in r.stderr), r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


def test_export_pdf_with_compare_says_the_columns_are_word_only(tmp_path):
    sample = str(ROOT / "resources" / "samples" / "half_year.json")
    out = tmp_path / "总结.pdf"
    r = cli("--data-dir", str(tmp_path / "d"), "export", sample, "-o", str(out), "--compare")
    assert r.returncode == 0 and out.exists()
    assert "--compare" in r.stderr and "Word" in r.stderr, r.stderr


def test_unknown_ids_say_which_command_lists_them(tmp_path):
    d = str(tmp_path / "d")
    r = cli("--data-dir", d, "dump", "7", "-o", str(tmp_path / "x.json"))
    assert r.returncode == 2 and "用 list 命令" in r.stderr
    r = cli("--data-dir", d, "template-save", "7", "--name", "提纲")
    assert r.returncode == 2 and "用 list 命令" in r.stderr
    r = cli("--data-dir", d, "template-delete", "unit_nope")
    assert r.returncode == 2 and "用 templates 命令" in r.stderr


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path, monkeypatch):
    """`list | head -1`: the reader closes the pipe early; the command ends quietly with 0."""
    import os
    import sys

    import cli

    data = str(tmp_path / "data")
    assert cli.run(["--data-dir", data, "new", "--genre", "half_year", "--unit", "示例镇", "--period", "2024H1"]) == 0
    read, write = os.pipe()
    os.close(read)  # nobody reads: the first write fails with EPIPE
    closed = os.fdopen(write, "w", encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", closed)
    try:
        assert cli.run(["--data-dir", data, "list"]) == 0
    finally:
        monkeypatch.undo()
        closed.close()
