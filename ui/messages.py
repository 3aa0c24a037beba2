"""Small message boxes with Chinese buttons, called through this module so tests can monkeypatch them.

Widgets call ``messages.confirm(...)`` (not ``from ui.messages import confirm``): a test replaces
``ui.messages.confirm`` and no modal box ever blocks the run.
"""

from __future__ import annotations

from ui.qt import QMessageBox, QWidget


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if details:
        box.setDetailedText(details)
    return box


def confirm(parent: QWidget | None, title: str, text: str, ok_text: str = "确定", *,
            informative: str = "", danger: bool = False) -> bool:
    """Ask yes/no with a verb on the button (移到回收站 / 彻底删除), never a bare 是/否."""
    box = _box(parent, QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question, title, text)
    if informative:
        box.setInformativeText(informative)
    ok = box.addButton(ok_text, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
    # a destructive action must not be the default: Enter should not destroy anything
    box.setDefaultButton(cancel if danger else ok)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def info(parent: QWidget | None, title: str, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = _box(parent, QMessageBox.Icon.Critical, title, text, details)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    box.exec()
