"""Portable mode in models/paths.py: a ``portable`` file next to the executable (or --portable) keeps the
data in ``数据`` beside it — for a USB stick. sys.frozen / sys.executable are faked as in the bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from models import paths


@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """A fake bundle: <tmp>/U盘/zongjie/宣传工作总结助手.exe, running frozen."""
    folder = tmp_path / "U盘" / "zongjie"
    (folder / "_internal" / "resources").mkdir(parents=True)
    exe = folder / "宣传工作总结助手.exe"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    return folder


def test_frozen_app_dir_and_resources(frozen):
    assert paths.app_dir() == frozen.resolve()
    assert paths.resource_dir() == frozen / "_internal" / "resources"


def test_marker_next_to_the_executable_keeps_data_beside_it(frozen):
    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.is_portable()
    assert paths.data_dir() == frozen.resolve() / "数据"


def test_without_marker_data_goes_to_the_user_folder(frozen):
    assert not paths.is_portable()
    data = paths.data_dir()
    assert frozen.resolve() not in data.parents
    from platformdirs import user_data_dir

    assert data == Path(user_data_dir(paths.APP_ID, appauthor=False, roaming=False))


def test_portable_switch_without_marker(frozen):
    assert paths.is_portable(force=True)
    assert paths.data_dir(portable=True) == frozen.resolve() / "数据"


def test_marker_elsewhere_does_not_count(frozen, monkeypatch):
    (frozen / "_internal" / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")  # not next to the exe
    monkeypatch.chdir(frozen / "_internal")  # nor the working directory
    assert not paths.is_portable()


def test_explicit_folder_and_environment_win_over_portable(frozen, tmp_path, monkeypatch):
    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir(tmp_path / "elsewhere") == (tmp_path / "elsewhere").resolve()
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "env"))
    assert paths.data_dir() == (tmp_path / "env").resolve()
    assert paths.data_dir(tmp_path / "arg", portable=True) == (tmp_path / "arg").resolve()


def test_symlinked_executable_resolves_to_the_bundle(frozen, tmp_path, monkeypatch):
    """A link on the desktop to the executable still finds the marker beside the real file."""
    link = tmp_path / "桌面" / "link.exe"
    link.parent.mkdir()
    try:
        link.symlink_to(frozen / "宣传工作总结助手.exe")
    except OSError:
        pytest.skip("no symbolic links here")
    monkeypatch.setattr(sys, "executable", str(link))
    (frozen / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.data_dir() == frozen.resolve() / "数据"


def test_from_source_the_project_folder_is_the_app_dir(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    root = Path(paths.__file__).resolve().parent.parent
    assert paths.app_dir() == root
    assert paths.resource_dir() == root / "resources"
