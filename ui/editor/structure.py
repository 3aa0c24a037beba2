"""The editor's structural edits (add / remove / move items) and its undo / redo routing.

A mixin of EditorWidget, kept apart so each file reads on its own: the methods use the editor's
report, service, autosaver, undo stack, form and signals.
"""

from __future__ import annotations

import datetime as _dt
import logging

from ui import messages
from ui.editor.autosave import failure_message
from ui.editor.sections import FRONT, ITEM, CharCounter, find_section, item_key
from ui.editor.undo import AddItem, MoveItem, RemoveItem, StructureOp
from ui.qt import QApplication, QLineEdit, QPlainTextEdit, QWidget

log = logging.getLogger(__name__)


class StructureEditing:
    """Add / remove / move through the undo stack; undo() and redo() for the 编辑 menu."""

    _structure_error = False  # set by structure_failed() while an undo / redo runs
    _stepping = False  # inside QUndoStack.undo() / redo(): the stack must not be cleared under it
    _stale_stack = False  # a failed undo / redo reloaded the report: clear the stack once it returns

    def add_item(self, owner: str, area: str | None = None, after: str | None = None) -> str:
        """Add an item to a part ("part:<key>") or a point to an item ("item:<id>"). Returns its id."""
        section = find_section(self.sections, owner)
        if section is None:
            return ""
        parent = section.item_id if section.kind == ITEM else None
        cmd = AddItem(self, section.part, parent=parent, after=after or None, area=area)
        if not self._push(cmd):
            return ""
        new_id = cmd.item.id if cmd.item else ""
        heading = self.form.fields.get(f"item.{new_id}.heading") if self.form else None
        if heading is not None:
            heading.focus_field()  # ready to type the heading sentence
        self.status.emit("已添加一条，编号会自动排好。请填写标题句和正文。")
        return new_id

    def remove_item(self, item_id: str) -> bool:
        section = find_section(self.sections, item_key(item_id))
        if section is None:
            return False
        label = section.title
        if self._has_text(item_id) and not messages.confirm(
            self, "删除这一条", f"确定删除“{label}”吗？", "删除",
            informative="删除后可以按 Ctrl+Z（撤销）恢复。", danger=True,
        ):
            return False
        if not self._push(RemoveItem(self, item_id, label)):
            return False
        self.status.emit(f"已删除“{label}”，按 Ctrl+Z 可以撤销。")
        return True

    def move_item(self, item_id: str, delta: int) -> bool:
        if not self._push(MoveItem(self, item_id, delta)):
            return False
        self.status.emit(f"已{'上' if delta < 0 else '下'}移一位，编号已重新排好。按 Ctrl+Z 可以撤销。")
        return True

    def change_structure(self, op):
        """Run a structure change (``lambda svc, report: svc.add_section(report, …)``) through the undo
        stack; returns its models.structure.Change, or None when it failed (the officer was told)."""
        cmd = StructureOp(self, op)
        return cmd.change if self._push(cmd) else None

    def _has_text(self, item_id: str) -> bool:
        item = self.report.find_item(item_id)
        ids = {i.id for i in item.walk()} if item else set()
        return any(v.strip() for a, v in self.report.values.items() if a.startswith("item.")
                   and a.split(".")[1] in ids)

    def _push(self, cmd) -> bool:
        self.autosaver.flush()  # the store must hold the latest text before the tree is rewritten
        try:
            cmd.apply()
        except Exception as exc:  # shown to the officer; the report is reloaded
            log.warning("结构修改没有完成", exc_info=True)
            self.structure_failed(exc)
            return False
        self.undo_stack.push(cmd)
        self._structure_saved()
        return True

    def _structure_saved(self) -> None:
        """The service wrote the item tree at once: the status bar shows 已保存 hh:mm:ss as after typing
        (not while typed text is still waiting for a write that failed)."""
        if not self.autosaver.has_pending():
            self.saved.emit(_dt.datetime.now().strftime("%H:%M:%S"))

    def structure_changed(self, show: str, row: str = "") -> None:
        """Called by the undo commands after the item tree changed: renumber everything at once."""
        self.genre = self.service.genre_of(self.report)  # shaped for the report's sections as they are now
        alive = {i.id for i in self.report.all_items()}
        for address in list(self.autosaver.pending):
            if address.startswith("item.") and address.split(".")[1] not in alive:
                self.autosaver.discard(address)  # the item is gone; the undo command keeps its text
        self.counter = CharCounter(self.report)
        self.refresh()
        if find_section(self.sections, self.current) is None or show != self.current:
            self.current = "" if find_section(self.sections, self.current) is None else self.current
            self.show_section(show, row)
        elif row and self.form is not None and self.form.children_list is not None:
            self.form.children_list.select(row)

    def structure_failed(self, exc: Exception) -> None:
        """A structural write failed: reload the stored report and lay the unsaved text over it."""
        self._structure_error = True
        message = failure_message(exc).replace("暂时无法保存", "操作没有完成")
        try:
            fresh = self.service.load(self.report_id)
        except Exception:  # keep working on the copy in memory
            log.warning("结构修改失败后重新读取报告 %s 也没有成功", self.report_id, exc_info=True)
            fresh = None
        if fresh is not None:
            fresh.values.update(self.autosaver.pending)
            self.report = fresh
            self.counter = CharCounter(fresh)
            if self._stepping:  # clearing now would delete the running command: Qt crashes
                self._stale_stack = True
            else:
                self.undo_stack.clear()  # its commands point at items of the old copy
            current = self.current
            self.current = ""
            self.refresh()
            self.show_section(current if find_section(self.sections, current) else FRONT)
        self.banner.setText(message)
        self.banner.show()
        self.status.emit(message)

    # ------------------------------------------------------------ undo / redo

    def _focused_text(self) -> QWidget | None:
        widget = QApplication.focusWidget()
        if widget is not None and self.isAncestorOf(widget) and isinstance(widget, QPlainTextEdit | QLineEdit):
            return widget
        return None

    def _text_field_can(self, redo: bool) -> QWidget | None:
        """The focused text field when it has typing of its own to undo / redo (it goes first)."""
        field = self._focused_text()
        if field is None:
            return None
        owner = field.document() if isinstance(field, QPlainTextEdit) else field
        return field if (owner.isRedoAvailable() if redo else owner.isUndoAvailable()) else None

    def _text_step(self, redo: bool) -> bool:
        """Undo/redo inside the focused text field, if it has something to undo."""
        field = self._text_field_can(redo)
        if field is None:
            return False
        field.redo() if redo else field.undo()
        return True

    def step_text(self, redo: bool = False) -> str:
        """What 撤销 / 重做 would act on when it is an add / remove / move (the undo stack's text, e.g.
        删除“（二）…”); "" when it would undo typing in the focused field, or there is nothing to do."""
        if self._text_field_can(redo) is not None:
            return ""
        stack = self.undo_stack
        if redo:
            return stack.redoText() if stack.canRedo() else ""
        return stack.undoText() if stack.canUndo() else ""

    def _step_stack(self, redo: bool) -> bool:
        """QUndoStack.redo() / undo(); False when the write failed (structure_failed() has reported it)."""
        self._structure_error = self._stale_stack = False
        self._stepping = True
        try:
            self.undo_stack.redo() if redo else self.undo_stack.undo()
        finally:
            self._stepping = False
        if self._stale_stack:
            self._stale_stack = False
            self.undo_stack.clear()  # its commands point at items of the old copy
        return not self._structure_error

    def undo(self) -> None:
        """Undo typing in the focused field when it has any, else the last add / remove / move."""
        if self._text_step(redo=False):
            return
        if self.undo_stack.canUndo():
            self.flush()
            text = self.undo_stack.undoText()
            if self._step_stack(redo=False):  # a failed write has already said why in the banner
                self._structure_saved()
                self.status.emit(f"已撤销：{text}")
        else:
            self.status.emit("没有可以撤销的操作")

    def redo(self) -> None:
        if self._text_step(redo=True):
            return
        if self.undo_stack.canRedo():
            self.flush()
            text = self.undo_stack.redoText()
            if self._step_stack(redo=True):  # a failed write has already said why in the banner
                self._structure_saved()
                self.status.emit(f"已重做：{text}")
        else:
            self.status.emit("没有可以重做的操作")
