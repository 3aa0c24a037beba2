"""Crash safety under SIGKILL: the database and exported files survive a kill at any moment.

See tests/reliability/kill_harness.py for what the child does and what is checked after each kill.
"""

from __future__ import annotations

import pytest

from tests.reliability import kill_harness


@pytest.mark.slow
def test_database_survives_200_kills_during_real_edits(tmp_path):
    stats = kill_harness.run_db_kills(tmp_path, kills=200)
    print(f"\n{stats}")
    assert stats.kills == 200
    assert stats.during_start >= 10  # some kills hit start-up and WAL recovery
    assert stats.committed >= 400  # the kills land among committed edits (thousands on a fast disk)
    assert {"value", "batch", "add", "remove", "move"} <= set(stats.kinds)


@pytest.mark.slow
def test_atomic_write_leaves_old_or_new_file_when_killed(tmp_path):
    stats = kill_harness.run_file_kills(tmp_path, kills=80)
    print(f"\n{stats}")
    assert stats.kills == 80
    assert stats.torn >= 10  # many kills cut a write midway


@pytest.mark.slow
def test_docx_export_is_whole_when_killed(tmp_path):
    pytest.importorskip("export.docx")
    stats = kill_harness.run_docx_kills(tmp_path, kills=20)
    print(f"\n{stats}")
    assert stats.kills == 20
