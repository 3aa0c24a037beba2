"""The schema steps (models/migrations.py): every old version opens, keeps its data and reaches the current one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from models import migrations
from models import store as store_module
from models.store import SCHEMA_VERSION, Store, StoreError

ROOT = Path(__file__).resolve().parents[2]


def _database_at(folder: Path, version: int) -> Path:
    """A database file as a program of schema ``version`` left it, with one report when it can hold one."""
    path = folder / "zongjie.db"
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    for step in migrations.STEPS[:version]:
        step(db)
    conn.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        conn.execute("INSERT INTO reports (genre_id, genre_version, created, updated) VALUES ('half_year', 1, 'a', 'b')")
        conn.execute("INSERT INTO report_values VALUES (1, 'front.unit', '示例镇')")
    conn.close()
    return path


def test_the_version_is_the_number_of_steps():
    assert len(migrations.STEPS) == SCHEMA_VERSION
    assert [n for n, _ in migrations.pending(0)] == list(range(1, SCHEMA_VERSION + 1))
    assert migrations.pending(SCHEMA_VERSION) == []


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_every_older_version_is_brought_up_to_date_keeping_its_data(tmp_path, version):
    _database_at(tmp_path, version)
    seen: list[int] = []
    store = Store(tmp_path, on_migrate=lambda _store, old: seen.append(old))
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert seen == ([version] if version else [])  # the hook (a backup) runs before anything changes
        if version:
            assert store.load_report(1).get("front.unit") == "示例镇"
        assert {"reports", "report_values", "report_items", "settings", "report_search", "snapshots",
                "revision"} <= set(store.table_names())
    finally:
        store.close()


def test_a_failing_step_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    _database_at(tmp_path, SCHEMA_VERSION)

    def broken(db: sqlite_utils.Database) -> None:
        db["reports"].add_column("half_done", str)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, broken))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError):
        Store(tmp_path)
    conn = sqlite3.connect(tmp_path / "zongjie.db")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "half_done" not in {row[1] for row in conn.execute("PRAGMA table_info(reports)")}
    finally:
        conn.close()


def test_sqlite_utils_is_loaded_only_to_migrate(tmp_path):
    """Its import costs ≈ 80 ms (plugin machinery); an ordinary start, with an up-to-date file, needs none."""
    probe = ("import sys; from models.store import Store; Store(sys.argv[1]).close(); "
             "print('sqlite_utils' in sys.modules)")
    _database_at(tmp_path, 1)

    def loaded() -> str:
        run = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                             check=True)
        return run.stdout.strip()

    assert loaded() == "True"  # version 1 → current: the steps run on sqlite-utils
    assert loaded() == "False"  # now up to date
