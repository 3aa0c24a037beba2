"""What the one-folder bundle keeps: the rules build.spec applies, kept here so the tests can read them.

PyInstaller's Qt hooks collect every plugin of each plugin type a Qt module may use, every Qt
translation, and the libraries those plugins link to. The app uses widgets, a local socket
(single instance: QLocalServer in QtNetwork), printing (QtPrintSupport: Qt's print dialog; the PDF
export paints with QtGui alone) and nothing else: no QML, no OpenGL, no TLS, no Wayland/EGL on
Linux. ``keep()`` decides per collected file (its path inside the bundle); ``orphans()`` then
finds the libraries that only the dropped files needed.

Standard library only (build.spec runs it inside PyInstaller; the tests import it directly).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable

# Python modules never imported at run time (PyInstaller hooks pull them in by collecting whole packages).
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "unittest", "pydoc", "doctest", "pdb", "lib2to3", "idlelib", "ensurepip", "venv",
    "distutils", "setuptools", "pip", "test",
    # nothing goes on the network: no TLS (libssl, libcrypto); hashlib falls back to its built-in hashes
    "ssl", "_ssl", "_hashlib",
    # lxml: python-docx uses lxml.etree only
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax", "lxml.builder", "lxml.cssselect",
    "lxml.doctestcompare", "lxml.usedoctest", "lxml.pyclasslookup",
    # Qt modules the app does not use (QtNetwork stays: QLocalServer/QLocalSocket for the single instance)
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2", "PySide6.QtQuickTest",
    "PySide6.QtQmlFeatures", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtUiTools", "PySide6.QtTest", "PySide6.QtSql", "PySide6.QtDBus", "PySide6.QtConcurrent",
    "PySide6.QtLabsStyleKit", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebChannel",
    "PySide6.QtWebSockets", "PySide6.QtPositioning", "PySide6.QtBluetooth", "PySide6.QtSerialPort",
    "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.Qt3DCore", "PySide6.QtVirtualKeyboard",
]

# Qt plugins kept, per plugin type and platform ("*" = every file of that type). A type not listed is dropped.
ALL = ("*",)
KEPT_PLUGINS: dict[str, dict[str, tuple[str, ...]]] = {
    # the windowing system; offscreen and minimal for tests, benchmarks and the smoke test
    "platforms": {"linux": ("qxcb", "qoffscreen", "qminimal"), "win32": ("qwindows", "qoffscreen", "qminimal"),
                  "darwin": ("qcocoa", "qoffscreen", "qminimal")},
    # widget styles (Windows 11 / Windows Vista look on Windows)
    "styles": {"linux": ALL, "win32": ALL, "darwin": ALL},
    # PNG is built into QtGui; ICO and SVG for icons
    "imageformats": {"linux": ("qico", "qsvg"), "win32": ("qico", "qsvg"), "darwin": ("qico", "qsvg")},
    "iconengines": {"linux": ("qsvgicon",), "win32": ("qsvgicon",), "darwin": ("qsvgicon",)},
    # Chinese input methods on Linux (IBus) and dead keys
    "platforminputcontexts": {"linux": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin")},
    # printers: on Linux the CUPS backend is a plugin (it links the system's libcups.so.2, present wherever
    # printing is set up); Qt 6 builds the Windows print backend into Qt6PrintSupport.dll, no plugin
    "printsupport": {"linux": ("cupsprintersupport",)},
}

# Qt translations kept: the Chinese strings of Qt's own dialogs and context menus.
KEPT_TRANSLATIONS = ("qtbase_zh_CN.qm",)

# Libraries never shipped: Qt modules the app does not use; OpenSSL, which Qt's hooks add for TLS in
# QtNetwork (the app only uses local sockets); on Windows the software OpenGL renderer and Direct3D shader
# compiler (widgets draw with the raster engine). build.spec fails if a shipped binary links to one.
_DROPPED_LIBRARY = re.compile(
    r"^(lib)?Qt6(Qml|Quick|Pdf|VirtualKeyboard|Multimedia|WebEngine|WebChannel|WebSockets|Designer|Wayland|WlShell|"
    r"EglFS|EglFs|Labs|Lottie|Help|UiTools|Test|Sql|Charts|DataVisualization|3D|Positioning|Bluetooth)"
    r"|^(opengl32sw|d3dcompiler_\d+|libEGL|libGLESv2)\.dll$"
    r"|^lib(ssl|crypto)([-.]\d+)*(-x64)?\.(so|dll|dylib)",
    re.IGNORECASE,
)

_PLUGIN_PATH = re.compile(r"^PySide6/(?:Qt/)?plugins/(?P<type>[^/]+)/(?P<file>[^/]+)$")
_TRANSLATION_PATH = re.compile(r"^PySide6/(?:Qt/)?translations/(?P<file>[^/]+)$")
_QML_PATH = re.compile(r"^PySide6/(?:Qt/)?(qml|metatypes|libexec|resources)/")


def platform_key(platform: str | None = None) -> str:
    platform = platform or sys.platform
    return "linux" if platform.startswith("linux") else platform


def plugin_stem(filename: str) -> str:
    """libqxcb.so → qxcb, qwindows.dll → qwindows, libqsvg.dylib → qsvg."""
    stem = filename.rsplit("/", 1)[-1]
    stem = re.sub(r"\.(so|dll|dylib)(\.\d+)*$", "", stem)
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str, platform: str | None = None) -> bool:
    """Whether the file collected at ``dest`` (its path inside the bundle, either slash) is shipped."""
    dest = dest.replace("\\", "/")
    plat = platform_key(platform)
    m = _PLUGIN_PATH.match(dest)
    if m:
        allowed = KEPT_PLUGINS.get(m["type"], {}).get(plat, ())
        return allowed == ALL or plugin_stem(m["file"]) in allowed
    m = _TRANSLATION_PATH.match(dest)
    if m:
        return m["file"] in KEPT_TRANSLATIONS
    if _QML_PATH.match(dest):
        return False
    return not _DROPPED_LIBRARY.search(dest.rsplit("/", 1)[-1])


def orphans(
    binaries: Iterable[tuple[str, str, str]],
    removed: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
) -> set[str]:
    """Destinations of libraries that only removed binaries needed.

    ``binaries`` are the kept (dest, source, typecode) entries, ``removed`` the dropped ones;
    ``imports_of(source)`` gives the resolved source paths a binary links to. A library is an orphan when
    some removed binary reaches it and no kept one does — conservative: whatever a hook added for
    loading at run time (not as a link dependency of a dropped file) stays.
    """
    kept = list(binaries)
    by_source = {_norm(src): dest for dest, src, _ in kept}

    def reach(roots: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        todo = [_norm(r) for r in roots]
        while todo:
            src = todo.pop()
            for dep in imports_of(src):
                dep = _norm(dep)
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    candidates = reach(src for _, src, _ in removed)
    # the roots are the kept files no dropped file links to: a candidate only kept alive by other
    # candidates (libpangocairo → libcairo, both there for the GTK theme) goes with them
    roots = [src for src in by_source if src not in candidates]
    needed = reach(roots)
    return {by_source[s] for s in candidates - needed if s in by_source}


def _norm(path: str) -> str:
    import os

    return os.path.normcase(os.path.realpath(path))


def version_info_text(version: str, *, product: str, exe_name: str, description: str, company: str = "") -> str:
    """A PyInstaller version-resource file (VSVersionInfo in its text form) with Chinese strings."""
    parts = [int(p) for p in re.findall(r"\d+", version)][:4]
    parts += [0] * (4 - len(parts))
    nums = tuple(parts)
    strings = {
        "CompanyName": company,
        "FileDescription": description,
        "FileVersion": version,
        "InternalName": exe_name,
        "LegalCopyright": "",
        "OriginalFilename": f"{exe_name}.exe",
        "ProductName": product,
        "ProductVersion": version,
    }
    kids = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# -*- coding: utf-8 -*-
VSVersionInfo(
  ffi=FixedFileInfo(filevers={nums}, prodvers={nums}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([
      StringTable('080404B0', [
          {kids}])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])])
  ]
)
"""
