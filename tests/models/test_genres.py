"""The genre templates in resources/templates/ and the errors a broken template gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.genres import GenreError, GenreLibrary, load_genre_file, parse_genre
from models.outline import context, fill, part_title, title_text
from models.report import Report
from tests.test_cli import cli  # python main.py … in a subprocess, without a display

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "resources" / "templates"

GENRES = {
    "half_year": "半年工作总结",
    "half_year_plan": "上半年工作总结暨下半年工作思路",
    "annual_plan": "年度工作总结及下年度工作计划",
    "media_centre": "融媒体中心半年工作总结和下一步工作安排",
    "speech": "宣传工作会议讲话材料",
}
VERSIONS = {"half_year": 1, "half_year_plan": 2, "annual_plan": 2, "media_centre": 1, "speech": 1}
COMMON_FRONT = {"unit", "period", "author", "date", "title"}
GUIDED = list(GENRES)


def _report(genre, **front: str) -> Report:
    report = Report(genre_id=genre.id, genre_version=genre.version)
    report.values.update({f"front.{k}": v for k, v in front.items()})
    return report


# ------------------------------------------------------------ the shipped genres


def test_library_offers_the_five_genres_in_order(library):
    assert [(g.id, g.name) for g in library.latest()] == list(GENRES.items())
    for genre in library.latest():
        assert genre.version == VERSIONS[genre.id]
        assert genre.source is not None and genre.source.name == f"{genre.id}.json"
        for older in range(1, genre.version):  # reports written with an older version reopen with it
            assert library.get(genre.id, older).source.name == f"{genre.id}@{older}.json"


@pytest.mark.parametrize("genre_id", list(GENRES))
def test_every_template_file_loads_on_its_own(genre_id):
    genre = load_genre_file(TEMPLATES / f"{genre_id}.json")
    assert genre.id == genre_id
    again = parse_genre(json.loads((TEMPLATES / f"{genre_id}.json").read_text(encoding="utf-8")), "x.json")
    assert again == genre


@pytest.mark.parametrize("genre_id", list(GENRES))
def test_front_fields_use_the_shared_keys(library, genre_id):
    genre = library.get(genre_id)
    keys = [f.key for f in genre.front]
    extra = {"meeting", "speaker"} if genre_id == "speech" else set()
    assert set(keys) == COMMON_FRONT | extra
    kinds = {f.key: f.kind for f in genre.front}
    assert kinds["period"] == "period" and kinds["date"] == "date"
    required = {f.key for f in genre.front if f.required}
    assert {"unit", "period", "date"} <= required
    assert "author" not in required and "title" not in required
    if genre_id == "speech":
        assert {"meeting", "speaker"} <= required
        assert "王明同志" in genre.front_field("speaker").guidance


@pytest.mark.parametrize("genre_id", GUIDED)
def test_every_field_has_guidance_and_an_example(library, genre_id):
    genre = library.get(genre_id)
    assert genre.intro.required and genre.intro.guidance and genre.intro.example
    assert genre.intro.suggested is not None
    assert genre.suggested is not None
    for part in genre.parts:
        assert part.guide.guidance and part.guide.example, part.key
        assert part.guide.suggested is not None, part.key
        assert part.items is not None, part.key
        assert part.items.guidance and part.items.example_heading, part.key
        if part.points:
            assert part.points.guidance and part.points.example_heading and part.points.example_body, part.key
        if part.lead:
            assert part.lead.guidance and part.lead.example, part.key
    if genre.closing:
        assert genre.closing.guidance and genre.closing.example


def test_half_year_plan_shape(library):
    genre = library.get("half_year_plan")
    assert genre.periods == ("H1",)
    assert genre.kind == "summary" and genre.signature
    themed, last = [p for p in genre.parts[:-1] if p.default], genre.parts[-1]
    assert len(themed) >= 4
    problems = genre.part("problems")  # suggested, not in a new report until the officer adds it
    assert not problems.default and problems.items.style == "run_in"
    assert all(p.source == "free" and p.items.style == "run_in" and p.points is None for p in themed)
    assert all(p.lead is not None and not p.lead.required for p in themed)  # 一是……二是…… paragraphs
    assert last.key == "plan" and last.items.style == "run_in" and last.min_items == 1
    report = _report(genre, unit="示例镇", period="2024H1")
    assert title_text(report, genre) == "示例镇2024年上半年宣传思想工作总结暨下半年工作思路"
    assert part_title(report, genre, "plan") == "下半年工作思路"


def test_annual_plan_shape(library):
    genre = library.get("annual_plan")
    assert genre.periods == ("",)
    highlights, problems, plan = genre.parts
    assert not problems.default and problems.items is not None
    assert highlights.source == "areas" and highlights.min_items == 1
    assert highlights.points is not None and highlights.points.style == "run_in"
    assert highlights.subpoints is None
    assert plan.source == "free" and plan.items.style == "run_in" and plan.points is None
    report = _report(genre, unit="示例县委宣传部", period="2024")
    assert title_text(report, genre) == "示例县委宣传部2024年度宣传工作总结及2025年工作计划"
    assert part_title(report, genre, "highlights") == "2024年度工作亮点"
    assert part_title(report, genre, "plan") == "2025年工作思路"


def test_media_centre_shape(library):
    genre = library.get("media_centre")
    assert genre.periods == ("H1", "H2")
    review, nxt = genre.parts
    assert review.source == "areas" and review.items.style == "own_line"
    assert review.points is not None and review.points.style == "run_in"
    assert nxt.lead is not None and nxt.lead.required and nxt.lead.label == "存在问题"
    assert nxt.source == "free" and nxt.items.style == "run_in" and nxt.min_items >= 1
    for code, half in (("2024H1", "上半年"), ("2024H2", "下半年")):
        report = _report(genre, unit="示例县融媒体中心", period=code)
        assert title_text(report, genre) == f"示例县融媒体中心2024年{half}工作总结和下一步工作安排"
        assert part_title(report, genre, "review") == f"{half}工作回顾"


def test_speech_shape(library):
    genre = library.get("speech")
    assert genre.kind == "speech"
    assert genre.periods == ("H1", "H2", "")
    assert genre.salutation == "同志们：" and not genre.signature
    assert genre.intro.label == "开场白"
    assert len(genre.parts) == 3 and all(p.items.style == "run_in" for p in genre.parts)
    assert genre.closing is not None and genre.closing.required and "同志们，" in genre.closing.guidance
    report = _report(genre, unit="示例县委宣传部", period="2024", meeting="全县宣传思想文化工作会议",
                     speaker="王明同志", date="2025-02-20")
    assert title_text(report, genre) == "在全县宣传思想文化工作会议上的讲话"
    assert fill(genre.subtitle, context(report, genre)) == "王明同志（2025年2月20日）"


def test_templates_command_lists_id_tab_name(tmp_path):
    r = cli("--data-dir", str(tmp_path / "d"), "templates")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"{gid}\t{name}" for gid, name in GENRES.items()]


# ------------------------------------------------------------ broken templates


def _half_year() -> dict:
    return json.loads((TEMPLATES / "half_year.json").read_text(encoding="utf-8"))


def _write(folder: Path, name: str, data: dict) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(GenreError) as exc:
        load_genre_file(path)
    return str(exc.value)


def _set(path: str, value):
    """A mutation of half_year.json: set (or with value None delete) the field at a dotted path."""

    def mutate(data: dict) -> None:
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is None:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _dupe_part_key(data: dict) -> None:
    data["parts"][2]["key"] = data["parts"][0]["key"]


def _dupe_front_key(data: dict) -> None:
    data["front"].append({"key": "author", "label": "第二个撰写人"})


def _drop_unit(data: dict) -> None:
    data["front"] = [f for f in data["front"] if f["key"] != "unit"]


BROKEN = [
    # (mutation, what the message must contain besides the file name)
    (_set("parts.1.title", None), ["parts[1].title", "应为非空文字"]),
    (_set("parts.0.items.style", "inline"), ["parts[0].items.style", "run_in", "own_line"]),
    (_set("parts.0.items.points.style", "bold"), ["parts[0].items.points.style"]),
    (_set("title", "{unit}{quarter}宣传工作总结"), ["字段 title ", "未知占位符", "quarter"]),
    (_set("parts.0.title", "{halfyear}宣传工作成效"), ["parts[0].title", "未知占位符", "halfyear"]),
    (_set("subtitle", "{speaker（{date}）"), ["subtitle", "花括号"]),
    (_dupe_part_key, ["字段 parts ", "key 重复", "results"]),
    (_dupe_front_key, ["字段 front ", "key 重复", "author"]),
    (_drop_unit, ["front", "unit"]),
    (_set("parts.0.items", None), ["parts[0].source"]),
    (_set("periods", ["H1", "H3"]), ["periods"]),
    (_set("parts.1.suggested_items", [5, 2]), ["parts[1].suggested_items"]),
    (_set("front.2.kind", "number"), ["front[2].kind"]),
    (_set("version", 0), ["version"]),
    (_set("parts.2.key", "next-steps"), ["parts[2].key"]),
    pytest.param(_set("parts.2.key", "下步"), ["parts[2].key"]),
    pytest.param(_set("id", "半年总结"), ["字段 id "]),
]


@pytest.mark.parametrize(("mutate", "expected"), BROKEN)
def test_broken_template_error_names_file_and_field(tmp_path, mutate, expected):
    data = _half_year()
    mutate(data)
    msg = _error(_write(tmp_path, "broken_genre.json", data))
    assert msg.startswith("体裁模板 broken_genre.json 的字段 ")
    for text in expected:
        assert text in msg


def test_not_json_and_not_utf8_name_the_file(tmp_path):
    bad = tmp_path / "cut.json"
    bad.write_text('{"schema": 1, "id": ', encoding="utf-8")
    msg = _error(bad)
    assert "cut.json" in msg and "第 1 行" in msg
    gbk = tmp_path / "gbk.json"
    gbk.write_bytes(json.dumps(_half_year(), ensure_ascii=False).encode("gbk"))
    assert "gbk.json" in _error(gbk) and "UTF-8" in _error(gbk)


def test_library_refuses_a_broken_file_in_its_folder(tmp_path):
    _write(tmp_path, "half_year.json", _half_year())
    broken = _half_year()
    broken["id"] = "other"
    broken["parts"][0]["items"]["style"] = "inline"
    _write(tmp_path, "other.json", broken)
    with pytest.raises(GenreError, match=r"other\.json.*parts\[0\]\.items\.style"):
        GenreLibrary(tmp_path)


def test_library_keeps_old_versions_and_refuses_duplicates(tmp_path):
    old = _half_year()
    new = _half_year()
    new["version"] = 2
    new["name"] = "半年工作总结（新版）"
    _write(tmp_path, "half_year@1.json", old)
    _write(tmp_path, "half_year.json", new)
    _write(tmp_path, "areas.json", {"not": "a genre"})  # the area catalog is skipped
    _write(tmp_path, "_draft.json", {"not": "a genre"})  # so are drafts
    lib = GenreLibrary(tmp_path)
    assert [g.key for g in lib.latest()] == ["half_year@2"]
    assert lib.get("half_year", 1).name == "半年工作总结"
    assert lib.has("half_year", 2) and not lib.has("half_year", 3)
    _write(tmp_path, "copy.json", new)
    with pytest.raises(GenreError, match="half_year@2"):
        GenreLibrary(tmp_path)
