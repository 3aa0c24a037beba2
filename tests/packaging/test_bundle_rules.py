"""The exclusion lists build.spec applies (tools/bundle.py): what the bundle keeps and drops."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tools import bundle

ROOT = Path(__file__).resolve().parents[2]
PYSIDE = Path(__import__("PySide6").__file__).resolve().parent


def _imports_of_our_code() -> set[str]:
    """Every module our own code imports (module level or inside functions)."""
    names: set[str] = set()
    files = [ROOT / "main.py", ROOT / "cli.py"]
    for package in ("models", "export", "ui"):
        files += sorted((ROOT / package).rglob("*.py"))
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_no_module_we_import_is_excluded():
    excluded = set(bundle.EXCLUDED_MODULES)
    hits = {name for name in _imports_of_our_code()
            if any(name == e or name.startswith(e + ".") for e in excluded)}
    assert not hits, f"excluded in tools/bundle.py but imported by the app: {sorted(hits)}"


@pytest.mark.parametrize("module", ["PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork",
                                    "PySide6.QtPrintSupport",
                                    "lxml.etree", "lxml._elementpath", "sqlite3", "docx", "sqlite_utils", "hashlib",
                                    "ctypes", "encodings.gbk", "encodings.utf_8"])
def test_what_the_app_needs_is_not_excluded(module):
    assert not any(module == e or module.startswith(e + ".") for e in bundle.EXCLUDED_MODULES)


def _plugins_here() -> list[str]:
    base = PYSIDE / "Qt" / "plugins" if (PYSIDE / "Qt" / "plugins").is_dir() else PYSIDE / "plugins"
    return [str(p.relative_to(PYSIDE.parent)).replace("\\", "/") for p in base.rglob("*") if p.is_file()]


def test_plugins_kept_from_this_pyside6():
    kept = {bundle.plugin_stem(p) for p in _plugins_here() if bundle.keep(p)}
    if sys.platform.startswith("linux"):
        assert {"qxcb", "qoffscreen", "qminimal", "qico", "qsvg", "qsvgicon", "ibusplatforminputcontextplugin",
                "composeplatforminputcontextplugin", "cupsprintersupport"} <= kept  # Ctrl+P reaches CUPS printers
        assert not kept & {"qwayland", "qeglfs", "qlinuxfb", "qvnc", "qgtk3", "qxdgdesktopportal", "qopensslbackend",
                           "qcertonlybackend", "qjpeg", "qtiff", "qwebp", "qgif", "qsqlite",
                           "qtvirtualkeyboardplugin", "qevdevmouseplugin", "qnetworkmanager", "qxcb-glx-integration"}
    for path in _plugins_here():
        kind = path.split("/")[-2]
        if kind in {"qmltooling", "tls", "networkinformation", "sqldrivers", "designer", "generic",
                    "egldeviceintegrations", "multimedia", "position", "webview"}:
            assert not bundle.keep(path), path


def test_only_the_chinese_qtbase_translation():
    folder = PYSIDE / "Qt" / "translations" if (PYSIDE / "Qt" / "translations").is_dir() else PYSIDE / "translations"
    names = [p.name for p in folder.glob("*.qm")]
    assert "qtbase_zh_CN.qm" in names  # the wheel has it, so the bundle gets it
    kept = [n for n in names if bundle.keep(f"PySide6/Qt/translations/{n}")]
    assert kept == ["qtbase_zh_CN.qm"]


@pytest.mark.parametrize(("dest", "shipped"), [
    # Windows wheel layout
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/plugins/platforms/qoffscreen.dll", True),
    ("PySide6/plugins/platforms/qdirect2d.dll", False),
    ("PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
    ("PySide6/plugins/imageformats/qico.dll", True),
    ("PySide6/plugins/imageformats/qjpeg.dll", False),
    ("PySide6/plugins/tls/qschannelbackend.dll", False),
    ("PySide6/plugins/networkinformation/qnetworklistmanager.dll", False),
    ("PySide6/translations/qtbase_zh_CN.qm", True),
    ("PySide6/translations/qt_zh_CN.qm", False),
    ("PySide6/translations/qtbase_zh_TW.qm", False),
    ("PySide6/Qt6Core.dll", True),
    ("PySide6/Qt6Network.dll", True),
    ("PySide6/Qt6Widgets.dll", True),
    ("PySide6/Qt6PrintSupport.dll", True),  # Qt 6's Windows print backend is inside it (no printsupport plugin)
    ("PySide6/QtPrintSupport.pyd", True),
    ("PySide6/Qt6Qml.dll", False),
    ("PySide6/Qt6Quick.dll", False),
    ("PySide6/Qt6Pdf.dll", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/d3dcompiler_47.dll", False),
    ("PySide6/libcrypto-3-x64.dll", False),
    ("python311.dll", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
])
def test_windows_paths(dest, shipped):
    assert bundle.keep(dest, "win32") is shipped


@pytest.mark.parametrize(("dest", "shipped"), [
    ("PySide6/Qt/lib/libQt6Core.so.6", True),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", True),
    ("PySide6/Qt/lib/libQt6DBus.so.6", True),
    ("PySide6/Qt/lib/libQt6PrintSupport.so.6", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("libcups.so.2", True),
    ("PySide6/Qt/lib/libicudata.so.73", True),
    ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
    ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
    ("PySide6/Qt/lib/libQt6QmlModels.so.6", False),
    ("PySide6/Qt/qml/QtQuick/qmldir", False),
    ("libssl.so.3", False),
    ("libcrypto.so.3", False),
    ("libk5crypto.so.3", True),
    ("libpython3.11.so.1.0", True),
    ("resources/templates/half_year.json", True),
    ("docx/templates/default.docx", True),
])
def test_linux_paths(dest, shipped):
    assert bundle.keep(dest, "linux") is shipped


def test_orphans_go_with_the_plugins_that_needed_them():
    links = {
        "/q/libqgtk3.so": ["/sys/libgtk.so", "/sys/libcairo.so"],
        "/sys/libgtk.so": ["/sys/libcairo.so", "/sys/libglib.so"],
        "/sys/libcairo.so": ["/sys/libpixman.so"],
        "/q/libqxcb.so": ["/sys/libglib.so", "/sys/libxcb.so"],
        "/py/_ssl.so": [],
    }
    kept = [("PySide6/Qt/plugins/platforms/libqxcb.so", "/q/libqxcb.so", "BINARY"),
            ("libgtk.so", "/sys/libgtk.so", "BINARY"), ("libcairo.so", "/sys/libcairo.so", "BINARY"),
            ("libpixman.so", "/sys/libpixman.so", "BINARY"), ("libglib.so", "/sys/libglib.so", "BINARY"),
            ("libxcb.so", "/sys/libxcb.so", "BINARY"),
            ("libhook-added.so", "/sys/libhook-added.so", "BINARY")]  # added by a hook, linked by nobody: stays
    removed = [("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/q/libqgtk3.so", "BINARY")]
    gone = bundle.orphans(kept, removed, lambda src: links.get(src, []))
    assert gone == {"libgtk.so", "libcairo.so", "libpixman.so"}


class _Struct:
    """Stands in for PyInstaller's version-resource classes where pefile (Windows only) is missing."""

    def __init__(self, *args, **kwargs):
        self.args, self.kwargs = args, kwargs


_STUBS = {name: type(name, (_Struct,), {}) for name in
          ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
           "VarStruct")}


def test_version_resource_is_chinese():
    text = bundle.version_info_text("1.0.0", product="宣传工作总结助手", exe_name="宣传工作总结助手",
                                    description="宣传工作总结助手")
    from PyInstaller.utils.misc import decode  # how PyInstaller reads the file build.spec writes

    assert decode(text.encode("utf-8")) == text
    try:  # PyInstaller reads the file by eval() in this module's namespace
        from PyInstaller.utils.win32 import versioninfo
    except ImportError:
        info = eval(text, dict(_STUBS))
        ffi = info.kwargs["ffi"].kwargs
        assert ffi["filevers"] == (1, 0, 0, 0) and ffi["prodvers"] == (1, 0, 0, 0)
        table = info.kwargs["kids"][0].args[0][0]
        name, structs = table.args
        strings = dict(s.args for s in structs)
        translation = info.kwargs["kids"][1].args[0][0].args
    else:
        info = eval(text, vars(versioninfo))
        assert isinstance(info, versioninfo.VSVersionInfo)
        table = info.kids[0].kids[0]
        name, strings = table.name, {s.name: s.val for s in table.kids}
        translation = (info.kids[1].kids[0].name, info.kids[1].kids[0].kids)
    assert name == "080404B0"  # Chinese (PRC), Unicode
    assert translation == ("Translation", [0x0804, 1200])
    assert strings["ProductName"] == "宣传工作总结助手"
    assert strings["FileDescription"] == "宣传工作总结助手"
    assert strings["OriginalFilename"] == "宣传工作总结助手.exe"
    assert strings["ProductVersion"] == "1.0.0"


def test_spec_is_windowed_one_folder_without_upx():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    calls = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            calls.setdefault(node.func.id, []).append(node)
    assert "COLLECT" in calls and len(calls["EXE"]) == 2  # one folder, two executables sharing it
    consoles = sorted(ast.literal_eval(k.value) for call in calls["EXE"] for k in call.keywords if k.arg == "console")
    assert consoles == [False, True]
    assert "upx=False" in spec and "upx=True" not in spec
    assert "bundle.keep" in spec and "bundle.orphans" in spec and "bundle.EXCLUDED_MODULES" in spec


def test_icon_files():
    icons = ROOT / "resources" / "icons"
    ico = (icons / "app.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 5
    for size in (16, 32, 48, 256):
        png = (icons / f"app-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == size
    assert (icons / "app.png").exists()
