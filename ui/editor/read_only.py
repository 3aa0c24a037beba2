"""The editor in read-only mode (the data folder cannot be written: models/readonly.py).

The fields stay readable, selectable and copyable but take no typing; the buttons that would change
the report's structure (添加 / 删除 / 上移 / 下移, 从台账汇总) are hidden; export, print and the
preview keep working. Text typed before the mode began and not yet saved stays in the fields and in
memory, and is written when writing works again (the autosaver is paused, then resumed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.qt import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPalette, QPlainTextEdit, QTextEdit

if TYPE_CHECKING:
    from ui.qt import QWidget


def set_form_read_only(form: QWidget | None, on: bool) -> None:
    """Make one section's form read-only (``on``) or editable again."""
    if form is None:
        return
    editable = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)  # the 落款 date is a spin box
    for field in getattr(form, "fields", {}).values():
        edits = [field] if isinstance(field, editable) else []
        for kind in editable:
            edits += field.findChildren(kind)
        for edit in edits:
            edit.setReadOnly(on)
            _look_read_only(edit, on)
        pickers = [field] if isinstance(field, QComboBox) else []  # the period: a list has no read-only state
        for widget in pickers + field.findChildren(QComboBox) + field.findChildren(QAbstractButton):
            widget.setEnabled(not on)  # buttons: e.g. 按原样打印 beside a figure
    children = getattr(form, "children_list", None)
    if children is not None:
        for name in ("add", "remove", "up", "down"):
            button = getattr(children, name, None)
            if button is not None:
                button.setVisible(not on)
    ledger = getattr(form, "ledger_button", None)
    if ledger is not None:
        ledger.setVisible(not on)


def _look_read_only(edit: QWidget, on: bool) -> None:
    """A grey field, so it is plain at a glance that typing is not possible now (and why, on hover)."""
    if on:
        if not hasattr(edit, "_palette_before_read_only"):
            edit._palette_before_read_only = (QPalette(edit.palette()), edit.toolTip())
        palette = QPalette(edit.palette())
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        edit.setPalette(palette)
        edit.setToolTip("只读模式：可以选中、复制，修改不会保存")
    elif hasattr(edit, "_palette_before_read_only"):
        palette, tip = edit._palette_before_read_only
        del edit._palette_before_read_only
        edit.setPalette(palette)
        edit.setToolTip(tip)


def unsaved_text(count: int) -> str:
    """The editor's banner while read-only: what happens to the text not yet saved ('' when none)."""
    if not count:
        return ""
    return (f"有 {count} 处修改还没有保存，仍显示在窗口中，没有丢失；恢复写入后会自动保存。"
            "在此之前请不要关闭程序（需要时可以先导出 Word 或报告包到别的位置）。")
