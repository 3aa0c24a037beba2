#!/usr/bin/env python3
"""Developer entry point, standard library only, the same on Windows and Linux.

    python3 dev.py run     set up .venv from the pinned requirements and start the app
    python3 dev.py test    set up .venv (and, on Debian as root, the render tools), lint, and run every test
    python3 dev.py lint    ruff, and lint-imports (the layer contracts in pyproject.toml)
    python3 dev.py build   PyInstaller one-folder bundle (build.spec) into dist/
    python3 dev.py bench   the benchmarks in bench/ (not part of the tests)
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
# Debian packages the render tests and screenshots need (LibreOffice, CJK fonts, pdftotext, Xvfb).
# Calc opens the roll-up .xlsx in its test.
DEBIAN_PACKAGES = ["libreoffice-writer-nogui", "libreoffice-calc-nogui", "fonts-noto-cjk", "poppler-utils", "xvfb",
                   "xauth", "libxcb-cursor0", "libegl1", "libgl1", "libxkbcommon-x11-0", "libxcb-icccm4",
                   "libxcb-keysyms1", "libxcb-shape0", "libxcb-render-util0", "libxcb-image0", "libdbus-1-3",
                   "libfontconfig1"]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(requirements: str) -> Path:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"需要 Python 3.11（当前 {sys.version.split()[0]}）。Python 3.11 is required.")
    py = venv_python()
    if not py.exists():
        print("· creating .venv", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    req = ROOT / requirements
    digest = hashlib.sha256(
        b"".join((ROOT / f).read_bytes() for f in ("requirements.txt", requirements))
    ).hexdigest()
    stamp = VENV / f".installed-{requirements}"
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"· installing {requirements}", flush=True)
        subprocess.check_call([str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(req)])
        stamp.write_text(digest)
    return py


def _calc_installed() -> bool:
    """LibreOffice Calc beside Writer: the roll-up .xlsx test opens the workbook with it."""
    exe = shutil.which("soffice")
    return exe is not None and any(Path(exe).resolve().parent.glob("*sclo.*"))


def ensure_debian_tools() -> None:
    """On Debian/Ubuntu as root, install what the render tests need if it is missing."""
    if sys.platform != "linux" or (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("Xvfb")
                                   and _calc_installed()):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("! LibreOffice / poppler-utils / Xvfb missing: install", " ".join(DEBIAN_PACKAGES), flush=True)
        return
    print("· installing Debian packages for the render tests", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.check_call(["apt-get", "update", "-qq"], env=env)
    subprocess.check_call(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *DEBIAN_PACKAGES], env=env)


def lint(py: Path, extra: list[str] | None = None) -> int:
    """ruff, then import-linter's contracts (docs/architecture.md, "Layers"); non-zero when either fails."""
    ruff = subprocess.call([str(py), "-m", "ruff", "check", ".", *(extra or [])], cwd=ROOT)
    # --no-cache: nothing written into the work tree; the check takes well under a second
    layers = subprocess.call([str(py), "-c", "from importlinter.cli import lint_imports_command as c; c()",
                              "--no-cache"], cwd=ROOT)
    return ruff or layers


def build(py: Path, extra: list[str] | None = None) -> int:
    """PyInstaller with build.spec: dist/zongjie/ (宣传工作总结助手 and zongjie-cli executables, _internal/)."""
    print("· building the bundle (build.spec → dist/zongjie)", flush=True)
    code = subprocess.call([str(py), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                            "build.spec", *(extra or [])], cwd=ROOT)
    if code == 0:
        size = sum(f.stat().st_size for f in (ROOT / "dist" / "zongjie").rglob("*") if f.is_file() and
                   not f.is_symlink())
        print(f"· dist/zongjie: {size / 1e6:.0f} MB", flush=True)
    return code


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "run"
    rest = argv[1:]
    if cmd == "run":
        py = ensure_venv("requirements.txt")
        return subprocess.call([str(py), str(ROOT / "main.py"), *rest])
    if cmd == "test":
        py = ensure_venv("requirements-dev.txt")
        ensure_debian_tools()
        # The whole suite includes the frozen bundle (tests/packaging/test_frozen.py), so it is built first
        # (about 25 s on 2 cores). ZONGJIE_FROZEN_TESTS=0 skips the build and those tests, for quick runs.
        frozen = os.environ.get("ZONGJIE_FROZEN_TESTS", "1") != "0"
        if frozen and build(py) != 0:
            print("! the bundle did not build; tests/packaging/test_frozen.py will fail", flush=True)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
        if frozen:
            env["ZONGJIE_FROZEN_TESTS"] = "1"  # a missing bundle is then a failure, not a skip
        linted = lint(py)
        tests = subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT, env=env)
        return tests or linted
    if cmd == "lint":
        return lint(ensure_venv("requirements-dev.txt"), rest)
    if cmd == "build":
        return build(ensure_venv("requirements-dev.txt"), rest)
    if cmd == "bench":
        py = ensure_venv("requirements-dev.txt")
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        return subprocess.call([str(py), "-m", "bench", *rest], cwd=ROOT, env=env)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
