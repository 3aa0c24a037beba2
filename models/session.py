"""The session marker: tells, at the next start, that the program did not exit cleanly.

At start the program writes ``会话-<pid>.json`` in the data folder (the pid, the start time and
the ids of the reports opened or edited, updated when that set grows) and removes it on a clean
exit. A marker whose process is no longer running means that run ended abnormally (crash, power
cut, task manager): ``Session.start`` returns it and ``recovery_message`` says, in Chinese, which
reports were being edited and up to when they were saved. Nothing is recovered silently: every
edit is already in the database (one transaction per edit), the message tells the officer so and
points to the version history; the old marker is removed only once the message was shown
(``Session.acknowledge``).
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from models.atomic import write_bytes_atomic
from models.log import suppress_logged

if TYPE_CHECKING:
    from models.service import ReportService

log = logging.getLogger(__name__)

MARKER_PREFIX = "会话-"
MARKER_SUFFIX = ".json"


@dataclass
class CrashedSession:
    path: Path
    pid: int
    started: str  # ISO time, "" when the marker could not be read
    reports: list[int] = field(default_factory=list)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs now (another window of the program, most likely)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return False  # a marker with our own id is from an earlier boot
    if os.name == "nt":  # pragma: no cover - Windows only; os.kill(pid, 0) would terminate it there
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError as exc:  # cannot tell: treat it as gone, so its unsaved work is mentioned rather than hidden
        log.warning("无法确认进程 %s 是否还在运行：%s", pid, exc)
        return False
    return True


class Session:
    def __init__(self, data_dir: Path | str, *, pid: int | None = None,
                 alive=pid_alive) -> None:
        self.data_dir = Path(data_dir)
        self.pid = pid or os.getpid()
        self.path = self.data_dir / f"{MARKER_PREFIX}{self.pid}{MARKER_SUFFIX}"
        self.started = _dt.datetime.now().isoformat(timespec="seconds")
        self.reports: list[int] = []
        self._alive = alive
        self._crashed: list[CrashedSession] = []

    def start(self) -> list[CrashedSession]:
        """Find markers of runs that ended abnormally, then write ours."""
        self._crashed = self.previous()
        self._write()
        return self._crashed

    def previous(self) -> list[CrashedSession]:
        out = []
        for path in sorted(self.data_dir.glob(f"{MARKER_PREFIX}*{MARKER_SUFFIX}")):
            if path == self.path and self._is_ours(path):
                continue
            try:
                pid = int(path.name[len(MARKER_PREFIX):-len(MARKER_SUFFIX)])
            except ValueError:
                continue
            if pid != self.pid and self._alive(pid):
                continue  # another running window; its marker is not ours to judge
            out.append(_read_marker(path, pid))
        return out

    def _is_ours(self, path: Path) -> bool:
        try:
            return json.loads(path.read_text(encoding="utf-8")).get("started") == self.started
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("无法读取运行标记 %s：%s", path, exc)
            return False

    def note_report(self, rid: int) -> None:
        """A report was opened or edited in this run (the marker is rewritten only when the set grows)."""
        if rid in self.reports:
            return
        self.reports.append(rid)
        self._write()

    def acknowledge(self) -> None:
        """The officer saw the message about earlier runs: remove their markers."""
        for crashed in self._crashed:
            if crashed.path != self.path:
                with suppress_logged(log, f"删除上次运行的标记 {crashed.path}", OSError):
                    crashed.path.unlink(missing_ok=True)
        self._crashed = []

    def finish(self) -> None:
        """Clean exit: remove our marker."""
        with suppress_logged(log, f"删除本次运行的标记 {self.path}", OSError):
            self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        data = {"pid": self.pid, "started": self.started, "reports": self.reports}
        # a marker that cannot be written must not stop the program
        with suppress_logged(log, f"写入运行标记 {self.path}", OSError):
            self.data_dir.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _read_marker(path: Path, pid: int) -> CrashedSession:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        reports = [int(r) for r in data.get("reports", [])]
        return CrashedSession(path, pid, str(data.get("started", "")), reports)
    except (OSError, ValueError, TypeError, AttributeError) as exc:  # a damaged marker still says "a run crashed"
        log.warning("运行标记 %s 无法读取：%s", path, exc)
        return CrashedSession(path, pid, "")


def _time_text(iso: str) -> str:
    try:
        t = _dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso or "未知时间"
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M:%S}"


def recovery_message(service: ReportService, crashed: list[CrashedSession]) -> str | None:
    """The Chinese message about earlier runs that did not exit cleanly, or None when there were none."""
    if not crashed:
        return None
    lines = []
    for c in crashed:
        when = f"（{_time_text(c.started)}启动）" if c.started else ""
        lines.append(f"上次运行{when}没有正常退出，可能是程序崩溃、断电或被强制关闭。")
        if not c.reports:
            lines.append("当时没有打开或编辑任何报告，数据不受影响。")
            continue
        lines.append("当时正在编辑的报告：")
        for rid in c.reports:
            try:
                report = service.load(rid)
            except KeyError:
                lines.append(f"  · 编号 {rid} 的报告：已不存在（已被彻底删除）。")
                continue
            try:
                title = service.title(report) or "（无标题）"
            except KeyError:
                title = f"编号 {rid} 的报告"
            state = "（在回收站中）" if report.deleted else ""
            lines.append(f"  · 《{title}》{state}：内容已保存到 {_time_text(report.updated)}，均已保留。")
    lines.append("")
    lines.append("本程序每输入一处都会立即保存，因此只有退出前最后一两秒的输入可能没有保存。"
                 "请打开上述报告核对；如需回到更早的内容，可在“历史版本”中查看和恢复，"
                 "或在“备份与恢复”中使用自动备份。")
    return "\n".join(lines)
