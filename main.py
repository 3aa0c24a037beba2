"""宣传工作总结助手: no arguments start the desktop app; a command runs the headless CLI."""

from __future__ import annotations

import os
import sys


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal", "vnc")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _attach_console() -> None:
    """The windowed Windows executable given a command has no stdout: write to the console it was started from.

    Best effort (the prompt comes back before the output); scripts use zongjie-cli.exe (docs/windows.md).
    """
    if sys.platform != "win32" or sys.stdout is not None:
        return
    import ctypes

    if ctypes.windll.kernel32.AttachConsole(-1):  # ATTACH_PARENT_PROCESS
        sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115
        sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace")  # noqa: SIM115


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    positional, data_dir, skip = [], None, False
    for i, a in enumerate(argv):
        if skip:
            skip = False
        elif a == "--data-dir":
            data_dir, skip = (argv[i + 1] if i + 1 < len(argv) else None), True
        elif a.startswith("--data-dir="):
            data_dir = a.split("=", 1)[1]
        elif not a.startswith("--portable"):
            positional.append(a)
    if positional:  # a command (or -h): the headless CLI, no Qt imported
        _attach_console()
        from cli import run

        return run(argv)
    if not _has_display():
        print(
            "没有检测到图形显示（DISPLAY 未设置），无法打开窗口。\n"
            "可以在有桌面的电脑上双击启动，或使用命令行：python main.py --help",
            file=sys.stderr,
        )
        return 3
    from ui.app import run_gui

    return run_gui(data_dir=data_dir, portable="--portable" in argv)


if __name__ == "__main__":
    sys.exit(main())
