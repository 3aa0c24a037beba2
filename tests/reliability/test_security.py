"""No network, no code in data files, private files on POSIX."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest

from models import backup
from models.store import Store
from tests import netblock

ROOT = Path(__file__).resolve().parents[2]
# eval( / exec( as functions (not Qt's dialog.exec()), pickle / marshal / shelve, yaml.load, compile(
_DANGEROUS = re.compile(
    r"(?<![\w.])(?:eval|exec|compile|__import__)\s*\(|\b(?:pickle|cPickle|marshal|shelve|dill)\b|yaml\.(?:unsafe_)?load\b"
)


def _refused(call) -> None:
    before = len(netblock.attempts)
    with pytest.raises(OSError, match="网络访问在测试中被禁止"):
        call()
    del netblock.attempts[before:]  # expected here; any other attempt fails the test that made it


def test_internet_sockets_are_blocked():
    _refused(lambda: socket.create_connection(("example.com", 80), timeout=1))
    _refused(lambda: socket.getaddrinfo("example.com", 80))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        _refused(lambda: s.connect(("127.0.0.1", 9)))
        _refused(lambda: s.connect_ex(("10.0.0.1", 9)))
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        _refused(lambda: s.sendto(b"x", ("8.8.8.8", 53)))
    if socket.has_ipv6:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            _refused(lambda: s.connect(("::1", 9)))


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="AF_UNIX sockets")
def test_local_sockets_still_work(tmp_path):
    a, b = socket.socketpair()
    with a, b:
        a.sendall(b"ping")
        assert b.recv(4) == b"ping"
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)  # what QLocalServer / LibreOffice use
            conn, _ = server.accept()
            with conn:
                client.sendall(b"ok")
                assert conn.recv(2) == b"ok"


def _sources() -> list[Path]:
    files = [ROOT / "main.py", ROOT / "cli.py"]
    for folder in ("models", "export", "ui"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if f.exists()]


def test_no_code_is_ever_run_from_data():
    """Templates, packages and backups are data: no eval/exec/pickle anywhere in the program."""
    found = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if _DANGEROUS.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
    assert len(_sources()) > 10


def test_the_scan_catches_what_it_should():
    assert _DANGEROUS.search("data = eval(text)")
    assert _DANGEROUS.search("exec (code)")
    assert _DANGEROUS.search("import pickle")
    assert _DANGEROUS.search("yaml.load(f)")
    assert not _DANGEROUS.search("dialog.exec()")
    assert not _DANGEROUS.search("box.exec()")
    assert not _DANGEROUS.search("self.evaluate(x)")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_database_and_backups_are_private(tmp_path):
    old = os.umask(0o022)
    try:
        store = Store(tmp_path / "data")
        info = backup.make_backup(store, "manual")
        usb = tmp_path / "usb"
        usb.mkdir()
        copy = backup.backup_to_folder(store, usb)
        store.close()
    finally:
        os.umask(old)
    for path in (tmp_path / "data" / "zongjie.db", info.path, copy):
        assert path.stat().st_mode & 0o077 == 0, path
    for folder in (tmp_path / "data", info.path.parent):
        assert folder.stat().st_mode & 0o077 == 0, folder
