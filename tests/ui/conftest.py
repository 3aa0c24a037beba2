"""Shared fixtures for the widget tests: offscreen Qt, a service on a temporary data folder, no modal boxes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest


class MessageLog:
    """Stands in for ui.messages: records every box; ``answer`` is what confirm() returns."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []  # (kind, title, text)
        self.answer = False

    def kinds(self) -> list[str]:
        return [c[0] for c in self.calls]

    def texts(self) -> str:
        return "\n".join(f"{title}: {text}" for _, title, text in self.calls)


@pytest.fixture(autouse=True)
def message_log(monkeypatch) -> MessageLog:
    """No test may block on a modal message box; each box is recorded instead."""
    from ui import messages

    log = MessageLog()

    def confirm(parent, title, text, ok_text="确定", *, informative="", danger=False):
        log.calls.append(("confirm", title, f"{text}\n{informative}"))
        return log.answer

    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "info", lambda parent, title, text: log.calls.append(("info", title, text)))
    monkeypatch.setattr(messages, "error",
                        lambda parent, title, text, details="": log.calls.append(("error", title, text)))
    return log


@pytest.fixture
def service(service, qapp):
    """The suite-wide service, but every window of the test is destroyed before the database closes,
    so no leftover timer (search, autosave, preview) can fire into a closed service in a later test."""
    yield service
    from ui.qt import QApplication, QEvent

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
