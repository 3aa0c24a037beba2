"""Font schemes (字体方案) and the fonts installed on this computer, without Qt.

Two schemes:
- 标准: the fonts GB/T 9704 names: 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体. Many office PCs
  have them; they are licensed and never shipped with the program.
- 系统自带: what Windows (with Office or WPS) has anyway: 华文中宋 (or 宋体, bold), 仿宋, 楷体, 黑体.

``default_scheme(installed)`` picks 标准 when the GB2312 fonts are installed, otherwise 系统自带.
Every family also gets an entry in the document's font table with a ``w:altName`` fallback, so a
PC without the 标准 fonts shows the 系统自带 ones instead of whatever the word processor guesses.
The UI lists fonts with QFontDatabase and passes the families in; the CLI uses
``installed_families()`` below.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from export import layout

log = logging.getLogger(__name__)

STANDARD = "标准"
SYSTEM = "系统自带"


@dataclass(frozen=True)
class FontScheme:
    name: str
    title: str
    body: str
    kai: str
    hei: str
    song: str = "宋体"
    title_bold: bool = False  # 宋体 standing in for a heavy title face is set bold

    def family(self, role: str) -> str:
        return {layout.TITLE_FONT: self.title, layout.BODY_FONT: self.body, layout.KAI_FONT: self.kai,
                layout.HEI_FONT: self.hei, layout.SONG_FONT: self.song}[role]

    def families(self) -> list[str]:
        return list(dict.fromkeys(self.family(r) for r in layout.ROLES))


STANDARD_SCHEME = FontScheme(STANDARD, "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "黑体")
SYSTEM_SCHEME = FontScheme(SYSTEM, "华文中宋", "仿宋", "楷体", "黑体")
SYSTEM_SCHEME_SONG = FontScheme(SYSTEM, "宋体", "仿宋", "楷体", "黑体", title_bold=True)


@dataclass(frozen=True)
class FontInfo:
    """What the font table (word/fontTable.xml) says about a family."""

    alt: str  # w:altName: the family to use when this one is missing
    family: str = "modern"  # w:family: roman (serif) | swiss (sans) | modern (fixed pitch) | script
    pitch: str = "fixed"  # CJK fonts are fixed pitch
    panose: str = "02010609060101010101"
    charset: str = "86"  # GB2312
    english: str = ""  # the Windows/English family name
    aliases: tuple[str, ...] = field(default_factory=tuple)  # other names the same face goes by


FONT_INFO: dict[str, FontInfo] = {
    "方正小标宋简体": FontInfo("华文中宋", "script", "default", "02000000000000000000", english="FZXiaoBiaoSong-B05S",
                          aliases=("方正小标宋_GBK", "FZXiaoBiaoSong-B05")),
    "仿宋_GB2312": FontInfo("仿宋", english="FangSong_GB2312"),
    "楷体_GB2312": FontInfo("楷体", english="KaiTi_GB2312"),
    "华文中宋": FontInfo("宋体", "auto", "variable", "02010600040101010101", english="STZhongsong"),
    "仿宋": FontInfo("仿宋_GB2312", english="FangSong"),
    "楷体": FontInfo("楷体_GB2312", english="KaiTi"),
    "黑体": FontInfo("SimHei", english="SimHei"),
    "宋体": FontInfo("SimSun", "auto", "variable", "02010600030101010101", english="SimSun",
                   aliases=("新宋体", "NSimSun")),
}


def font_info(name: str) -> FontInfo:
    return FONT_INFO.get(name, FontInfo(alt="宋体"))


# ---------------------------------------------------------------- choosing a scheme


def _normalise(installed) -> set[str]:
    """Installed names plus the Chinese name of every face known by its English/file name."""
    names = {str(n).strip() for n in installed or () if str(n).strip()}
    lower = {n.lower() for n in names}
    for cn, info in FONT_INFO.items():
        others = (info.english, *info.aliases)
        if any(o and o.lower() in lower for o in others):
            names.add(cn)
    return names


def has_standard_fonts(installed) -> bool:
    names = _normalise(installed)
    return {"仿宋_GB2312", "楷体_GB2312"} <= names


def standard_scheme(installed=None) -> FontScheme:
    """标准; when the installed fonts are known and 方正小标宋简体 is not among them, its title
    falls back to the 系统自带 one so the title never comes out in a substitute."""
    if installed is None:
        return STANDARD_SCHEME
    names = _normalise(installed)
    if "方正小标宋简体" in names:
        return STANDARD_SCHEME
    title = system_scheme(installed)
    return FontScheme(STANDARD, title.title, STANDARD_SCHEME.body, STANDARD_SCHEME.kai, STANDARD_SCHEME.hei,
                      title_bold=title.title_bold)


def system_scheme(installed=None) -> FontScheme:
    """系统自带: 华文中宋 for the title when present (or when unknown), else 宋体 bold."""
    if installed is None:
        return SYSTEM_SCHEME
    names = _normalise(installed)
    if not names or "华文中宋" in names:
        return SYSTEM_SCHEME
    return SYSTEM_SCHEME_SONG


def default_scheme(installed_families) -> FontScheme:
    """标准 when 仿宋_GB2312 and 楷体_GB2312 are installed, else 系统自带."""
    if has_standard_fonts(installed_families):
        return standard_scheme(installed_families)
    return system_scheme(installed_families)


def scheme_by_name(name: str, installed=None) -> FontScheme:
    """'standard' / '标准' or 'system' / '系统自带' (the CLI's --fonts and the UI's setting)."""
    key = (name or "").strip().lower()
    if key in ("standard", STANDARD):
        return STANDARD_SCHEME
    if key in ("system", SYSTEM):
        return system_scheme(installed)
    raise ValueError(f"没有字体方案“{name}”，可选：{STANDARD}、{SYSTEM}")


def resolve_scheme(fonts, installed=None) -> FontScheme:
    """A FontScheme, a scheme name, or None (pick from the installed fonts)."""
    if isinstance(fonts, FontScheme):
        return fonts
    if fonts:
        return scheme_by_name(fonts, installed)
    return default_scheme(installed_families() if installed is None else installed)


# ---------------------------------------------------------------- installed fonts (no Qt)

# Windows font files of the faces above, for when the registry cannot be read.
_WINDOWS_FILES = {
    "simfang.ttf": "仿宋", "simkai.ttf": "楷体", "simhei.ttf": "黑体", "simsun.ttc": "宋体", "stzhongs.ttf": "华文中宋",
    "fzxbsjw.ttf": "方正小标宋简体", "仿宋_gb2312.ttf": "仿宋_GB2312", "楷体_gb2312.ttf": "楷体_GB2312",
    "fs_gb2312.ttf": "仿宋_GB2312", "kt_gb2312.ttf": "楷体_GB2312", "simfang_gb2312.ttf": "仿宋_GB2312",
}


def installed_families() -> set[str]:
    """Family names of the installed fonts; an empty set when they cannot be listed."""
    try:
        if sys.platform == "win32":
            return _normalise(_windows_families())
        return _normalise(_fontconfig_families())
    except Exception:  # listing fonts must never stop an export
        log.warning("无法列出已安装的字体，按没有装公文字体处理", exc_info=True)
        return set()


def _fontconfig_families() -> set[str]:
    exe = shutil.which("fc-list")
    if not exe:
        return set()
    out = subprocess.run([exe, ":", "family"], capture_output=True, timeout=20, check=False)
    text = out.stdout.decode("utf-8", errors="replace")
    return {name.strip().replace("\\-", "-") for line in text.splitlines() for name in line.split(",")
            if name.strip()}


def _windows_families() -> set[str]:
    names: set[str] = set()
    try:
        import winreg

        key_path = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
        for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            try:
                key = winreg.OpenKey(root, key_path)
            except OSError:
                continue
            with key:
                i = 0
                while True:
                    try:
                        value_name = winreg.EnumValue(key, i)[0]
                    except OSError:
                        break
                    i += 1
                    # "SimSun & NSimSun (TrueType)", "仿宋_GB2312 (TrueType)"
                    base = value_name.split(" (")[0]
                    names.update(p.strip() for p in base.split("&") if p.strip())
    except ImportError:
        pass
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    for folder in folders:
        try:
            for entry in os.scandir(folder):
                cn = _WINDOWS_FILES.get(entry.name.lower())
                if cn:
                    names.add(cn)
        except OSError:
            continue
    return names
