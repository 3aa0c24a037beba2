from __future__ import annotations

import json
import subprocess
import sys
import time

from models.session import Session, pid_alive, recovery_message
from tests.models.helpers import filled_report
from tests.reliability.kill_harness import ROOT


def _dead(pid):
    return False


def test_clean_exit_leaves_no_marker(service):
    session = Session(service.data_dir, pid=4242, alive=_dead)
    assert session.start() == []
    marker = json.loads(session.path.read_text(encoding="utf-8"))
    assert marker["pid"] == 4242 and marker["reports"] == []
    session.note_report(7)
    session.note_report(7)
    assert json.loads(session.path.read_text(encoding="utf-8"))["reports"] == [7]
    session.finish()
    assert not session.path.exists()
    assert Session(service.data_dir, pid=4243, alive=_dead).start() == []


def test_abnormal_end_is_reported_with_what_was_kept(service):
    rid = service.store.insert_report(filled_report(service))
    gone = service.create_report("half_year", unit="另一个镇", period="2024H2")
    first = Session(service.data_dir, pid=1001, alive=_dead)
    first.start()
    first.note_report(rid)
    first.note_report(gone)
    service.set_value(rid, "intro", "崩溃前最后保存的导语")
    service.purge(gone)
    # … the program is killed here: no finish()
    second = Session(service.data_dir, pid=1002, alive=_dead)
    crashed = second.start()
    assert [c.pid for c in crashed] == [1001] and crashed[0].reports == [rid, gone]
    message = recovery_message(service, crashed)
    updated = service.load(rid).updated
    assert "没有正常退出" in message
    assert "《示例镇2024年上半年宣传工作总结》" in message
    stamp = updated.replace("T", " ")
    assert f"{int(stamp[5:7])}月{int(stamp[8:10])}日 {stamp[11:]}" in message
    assert f"编号 {gone} 的报告：已不存在" in message
    assert "历史版本" in message
    assert first.path.exists()  # never removed before the officer saw the message
    second.acknowledge()
    assert not first.path.exists() and second.path.exists()
    second.finish()
    assert Session(service.data_dir, pid=1003, alive=_dead).start() == []  # reported once only


def test_running_window_is_not_a_crash(service):
    Session(service.data_dir, pid=2001, alive=_dead).start()
    assert Session(service.data_dir, pid=2002, alive=lambda pid: pid == 2001).start() == []


def test_marker_with_our_own_pid_from_an_earlier_boot_is_a_crash(service):
    old = Session(service.data_dir, pid=3001, alive=_dead)
    old.start()
    old.started = "2024-01-01T08:00:00"
    old._write()
    crashed = Session(service.data_dir, pid=3001, alive=_dead).start()
    assert [c.started for c in crashed] == ["2024-01-01T08:00:00"]


def test_unreadable_marker_and_no_reports(service):
    (service.data_dir / "会话-5555.json").write_text("{broken", encoding="utf-8")
    crashed = Session(service.data_dir, pid=5556, alive=_dead).start()
    message = recovery_message(service, crashed)
    assert "没有正常退出" in message and "没有打开或编辑任何报告" in message
    assert recovery_message(service, []) is None


def test_pid_alive():
    import os

    assert not pid_alive(os.getpid())  # our own id in a marker is from an earlier run
    assert not pid_alive(0)
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert pid_alive(proc.pid)
    finally:
        proc.kill()
        proc.wait()
    assert not pid_alive(proc.pid)


def test_a_killed_program_is_reported_at_the_next_start(service):
    rid = service.create_report("half_year", unit="示例镇", period="2024H1")
    code = (
        "import sys, time\n"
        "from models.service import ReportService\n"
        "from models.session import Session\n"
        f"svc = ReportService({str(service.data_dir)!r})\n"
        "s = Session(svc.data_dir); s.start()\n"
        f"s.note_report({rid}); svc.set_value({rid}, 'intro', '被杀前保存的导语')\n"
        "print('ok', flush=True); time.sleep(30)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"ok"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()
    time.sleep(0.05)
    crashed = Session(service.data_dir).start()
    assert [c.reports for c in crashed] == [[rid]]
    assert "已保存到" in recovery_message(service, crashed)
    assert service.load(rid).get("intro") == "被杀前保存的导语"
