"""Where resources and user data live (Qt-free).

Data directory, in order: ``--data-dir DIR``; ``ZONGJIE_DATA_DIR``; portable mode (a file named
``portable`` next to the executable keeps data in ``数据`` beside it, for a USB stick); else the
per-user data directory of the platform.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "宣传工作总结助手"
APP_ID = "zongjie"
ENV_DATA_DIR = "ZONGJIE_DATA_DIR"
PORTABLE_MARKER = "portable"
PORTABLE_FOLDER = "数据"


def app_dir() -> Path:
    """The folder of the executable when frozen, else the project folder."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resource_dir() -> Path:
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) / "resources" if base else app_dir() / "resources"


def is_portable(force: bool = False) -> bool:
    return force or (app_dir() / PORTABLE_MARKER).exists()


def data_dir(explicit: str | os.PathLike[str] | None = None, portable: bool = False) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    if is_portable(portable):
        return app_dir() / PORTABLE_FOLDER
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False, roaming=False))
