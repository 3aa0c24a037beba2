"""The frozen bundle (python3 dev.py build → dist/zongjie) as a user gets it, with no network.

Runs when dist/zongjie exists; with CI or ZONGJIE_FROZEN_TESTS=1 set a missing bundle is a failure,
not a skip (dev.py test builds it first then). Every run of the bundle happens in a network namespace
with no interfaces (``unshare -rn``) and under strace, which records every socket the process and
its children create: only local (AF_UNIX) sockets are allowed.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools import bundle

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "zongjie"
EXE = ".exe" if os.name == "nt" else ""
APP_NAME = "宣传工作总结助手"
GENRES = ["half_year", "half_year_plan", "annual_plan", "media_centre", "speech"]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.json"))


def _required() -> bool:
    if os.environ.get("ZONGJIE_FROZEN_TESTS") == "0":
        return False
    return bool(os.environ.get("CI")) or os.environ.get("ZONGJIE_FROZEN_TESTS") == "1"


@pytest.fixture(scope="module")
def dist() -> Path:
    if not (DIST / f"{APP_NAME}{EXE}").exists():
        if _required():
            pytest.fail("dist/zongjie is missing: python3 dev.py build (CI / ZONGJIE_FROZEN_TESTS=1 need it)")
        pytest.skip("no frozen bundle (python3 dev.py build, or ZONGJIE_FROZEN_TESTS=1 python3 dev.py test)")
    if not _required():
        built = (DIST / f"{APP_NAME}{EXE}").stat().st_mtime
        sources = [ROOT / "main.py", ROOT / "cli.py", ROOT / "build.spec", ROOT / "tools" / "bundle.py"]
        for folder in ("models", "export", "ui", "resources"):
            sources += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        newer = [p for p in sources if p.exists() and p.stat().st_mtime > built]
        if newer:
            pytest.skip(f"dist/zongjie is older than {newer[0].relative_to(ROOT)}: python3 dev.py build")
    return DIST


@functools.cache
def _works(*cmd: str) -> bool:
    try:
        return subprocess.run([*cmd, "true"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "ZONGJIE_DATA_DIR")}
    env.update(extra)
    return env


def run_offline(cmd: list, tmp_path: Path, *, env: dict | None = None, timeout: int = 120,
                **kwargs) -> subprocess.CompletedProcess:
    """Run without a network; fail if the process (or a child) created an Internet socket."""
    cmd = [str(c) for c in cmd]
    log = tmp_path / f"strace-{len(list(tmp_path.glob('strace-*')))}.log"
    prefix: list[str] = []
    if sys.platform.startswith("linux") and _works("unshare", "-rn"):
        prefix += ["unshare", "-rn"]
    elif _required() and sys.platform.startswith("linux"):
        pytest.fail("unshare -rn is not available: cannot run the bundle without a network")
    traced = sys.platform.startswith("linux") and _works("strace", "-f", "-qq", "-o", os.devnull)
    if traced:
        prefix += ["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(log)]
    r = subprocess.run(prefix + cmd, capture_output=True, text=True, encoding="utf-8", errors="replace",
                       env=env or _env(), timeout=timeout, **kwargs)
    if traced and log.exists():
        internet = [ln for ln in log.read_text(errors="replace").splitlines() if re.search(r"socket\(AF_INET6?\b", ln)]
        assert not internet, f"the bundle tried to open Internet sockets: {internet}"
    return r


def test_cli_templates_from_both_executables(dist, tmp_path):
    for exe in (f"{APP_NAME}{EXE}", f"zongjie-cli{EXE}"):
        r = run_offline([dist / exe, "--data-dir", tmp_path / "d", "templates"], tmp_path)
        assert r.returncode == 0, r.stderr
        assert [line.split("\t")[0] for line in r.stdout.splitlines()] == GENRES
        assert "半年工作总结" in r.stdout and "宣传工作会议讲话材料" in r.stdout


def test_gui_starts_offscreen_and_quits(dist, tmp_path):
    data = tmp_path / "数据目录"
    r = run_offline([dist / f"{APP_NAME}{EXE}", "--data-dir", data], tmp_path,
                    env=_env(QT_QPA_PLATFORM="offscreen", ZONGJIE_SMOKE_QUIT="1", ZONGJIE_BENCH_READY="1"))
    assert r.returncode == 0, r.stderr
    if os.name != "nt":  # a windowed Windows executable may have no stdout to print READY on
        assert "READY" in r.stdout.split()
    assert (data / "zongjie.db").exists()
    assert "Traceback" not in r.stderr


def test_gui_starts_on_a_real_x_server(dist, tmp_path):
    """The xcb platform plugin and the X libraries the bundle ships (under Xvfb)."""
    if not shutil.which("xvfb-run"):
        if _required() and sys.platform.startswith("linux"):
            pytest.fail("xvfb-run missing (dev.py test installs xvfb)")
        pytest.skip("no xvfb-run")
    r = run_offline(["xvfb-run", "-a", dist / f"{APP_NAME}{EXE}", "--data-dir", tmp_path / "d"], tmp_path,
                    env=_env(QT_QPA_PLATFORM="xcb", ZONGJIE_SMOKE_QUIT="1", ZONGJIE_BENCH_READY="1"))
    assert r.returncode == 0, r.stderr
    assert "READY" in r.stdout.split()
    assert "Could not load the Qt platform plugin" not in r.stderr


def test_frozen_pdf_export_and_print_support(dist, tmp_path):
    """The frozen CLI paints a PDF without a display (QtGui in the bundle), and the print backend ships."""
    out = tmp_path / "讲话.pdf"
    r = run_offline([dist / f"zongjie-cli{EXE}", "--data-dir", tmp_path / "d", "export",
                     ROOT / "resources" / "samples" / "speech.json", "-o", out], tmp_path, env=_env())
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF") and b"/FontFile" in out.read_bytes()
    names = {p.name for p in (dist / "_internal").rglob("*")}
    assert any(re.match(r"(lib)?Qt6PrintSupport", n) for n in names)
    if sys.platform.startswith("linux"):
        assert "libcupsprintersupport.so" in names  # Ctrl+P reaches the CUPS printers


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_frozen_export_of_each_sample(dist, tmp_path, sample):
    """The frozen CLI writes the same document as the source does, and it passes the layout checks."""
    from models.package import read_package_file
    from models.service import ReportService
    from tests.export import test_docx_xml as checks
    from tests.export.conftest import export_docx, parts

    out = tmp_path / "冻结.docx"
    r = run_offline([dist / f"{APP_NAME}{EXE}", "--data-dir", tmp_path / "d", "export", sample, "-o", out,
                     "--fonts", "standard"], tmp_path)
    assert r.returncode == 0, r.stderr
    frozen = parts(out.read_bytes())

    service = ReportService(tmp_path / "src")
    try:
        export_docx(service, read_package_file(sample, service.library), tmp_path / "source.docx", fonts="standard")
    finally:
        service.close()
    source = parts((tmp_path / "source.docx").read_bytes())
    assert sorted(frozen) == sorted(source)
    from lxml import etree

    for name in source:
        if name != "docProps/core.xml":  # creation time
            assert etree.tostring(frozen[name]) == etree.tostring(source[name]), name

    from export import fonts

    doc = (fonts.STANDARD_SCHEME, frozen)
    names = ["test_no_theme_fonts_anywhere_in_styles", "test_body_characters_condensed_to_28_a_line",
             "test_normal_spacing_indent_alignment", "test_page_size_margins_and_grid",
             "test_footers_odd_right_even_left_with_page_field", "test_font_table_has_alt_names",
             "test_title_ignores_the_grid_and_keeps_one_grid_line"]
    ran = [n for n in names if hasattr(checks, n)]
    assert ran, "tests/export/test_docx_xml.py no longer has the layout checks this test reuses"
    for n in ran:
        getattr(checks, n)(doc)


def test_portable_marker_keeps_data_beside_the_executable(dist, tmp_path):
    """On a USB stick: the bundle copied, a file named portable next to the executable."""
    stick = tmp_path / "U盘" / "zongjie"
    stick.parent.mkdir()
    try:  # hard links: a copy in no time and no space
        linked = subprocess.run(["cp", "-al", str(dist), str(stick)], capture_output=True).returncode == 0
    except OSError:
        linked = False
    if not linked:
        shutil.rmtree(stick, ignore_errors=True)
        shutil.copytree(dist, stick, symlinks=True)
    (stick / "portable").write_text("", encoding="utf-8")
    home = tmp_path / "home"
    env = _env(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"), LOCALAPPDATA=str(home))
    r = run_offline([stick / f"zongjie-cli{EXE}", "new", "--genre", "half_year", "--unit", "示例镇", "--period",
                     "2024H1"], tmp_path, env=env, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (stick / "数据" / "zongjie.db").exists()
    assert not home.exists() or not any(home.rglob("zongjie.db"))
    r = run_offline([stick / f"zongjie-cli{EXE}", "list"], tmp_path, env=env)
    assert "示例镇2024年上半年宣传工作总结" in r.stdout


def test_bundle_contents(dist):
    internal = dist / "_internal"
    assert (dist / f"zongjie-cli{EXE}").exists()
    for sub in ("templates", "samples", "icons", "checks"):
        assert any((internal / "resources" / sub).iterdir()), sub
    assert {p.name for p in (internal / "resources" / "templates").glob("*.json")} >= {f"{g}.json" for g in GENRES}
    translations = sorted(p.name for p in internal.rglob("*.qm"))
    assert translations == ["qtbase_zh_CN.qm"]
    for path in internal.rglob("*"):
        rel = str(path.relative_to(internal)).replace("\\", "/")
        if path.is_symlink():
            assert path.exists(), f"dangling link {rel}"
        elif path.is_file() and "/plugins/" in f"/{rel}":
            assert bundle.keep(rel), f"{rel} should have been dropped"
    names = {p.name for p in internal.rglob("*")}
    assert not {n for n in names if re.match(r"lib(ssl|crypto)[-.]", n)}
    assert not {n for n in names if re.match(r"(lib)?Qt6(Qml|Quick|Pdf|Wayland|EglFS)", n)}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd")
def test_no_shipped_binary_misses_a_qt_library(dist):
    """A library the bundle dropped must not be one some shipped binary links to."""
    internal = dist / "_internal"
    wheel = {p.name for p in (Path(__import__("PySide6").__file__).parent / "Qt" / "lib").glob("*.so*")}
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    missing = {}
    for path in internal.rglob("*.so*"):
        if path.is_symlink() or not path.is_file():
            continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        lost = {m for m in re.findall(r"^\s*(\S+) => not found", out, re.M) if m in wheel}
        if lost:
            missing[str(path.relative_to(internal))] = sorted(lost)
    assert not missing
