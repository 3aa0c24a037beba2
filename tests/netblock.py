"""No network in the tests: Internet sockets refuse to connect or send; local (AF_UNIX) sockets still work.

Used by tests/conftest.py for the whole run and by the child processes of the kill harness. Every
attempt is recorded, so a test that catches the error and carries on still fails (conftest checks).
"""

from __future__ import annotations

import socket

_INET = (socket.AF_INET, getattr(socket, "AF_INET6", socket.AF_INET))
attempts: list[str] = []


class NetworkBlocked(OSError):
    pass


def _refuse(what: str) -> None:
    attempts.append(what)
    raise NetworkBlocked(f"网络访问在测试中被禁止：{what}")


def block() -> None:
    if getattr(socket, "_zongjie_blocked", False):
        return
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_sendto = socket.socket.sendto

    def connect(self, address):
        if self.family in _INET:
            _refuse(f"connect {address!r}")
        return original_connect(self, address)

    def connect_ex(self, address):
        if self.family in _INET:
            _refuse(f"connect_ex {address!r}")
        return original_connect_ex(self, address)

    def sendto(self, data, *args):
        if self.family in _INET:
            _refuse(f"sendto {args[-1]!r}")
        return original_sendto(self, data, *args)

    def create_connection(address, *args, **kwargs):
        _refuse(f"create_connection {address!r}")

    def getaddrinfo(host, *args, **kwargs):
        _refuse(f"getaddrinfo {host!r}")

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.create_connection = create_connection
    socket.getaddrinfo = getaddrinfo
    socket._zongjie_blocked = True
