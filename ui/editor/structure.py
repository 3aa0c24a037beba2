"""The editor's structural edits (items, level-1 sections, heading forms, enumerations) and its
undo / redo routing.

A mixin of EditorWidget, kept apart so each file reads on its own: the methods use the editor's
report, service, autosaver, undo stack, form and signals. Every change goes through the service
(models/structure.py for sections, forms and enumerations) and the undo stack; the widgets only ask.
"""

from __future__ import annotations

import datetime as _dt
import logging

from models.api import ITEM_KIND, context, count_chars, fill
from ui import messages
from ui.editor.autosave import failure_message
from ui.editor.enumeration import paragraph_range
from ui.editor.section_form import FrontForm
from ui.editor.sections import (
    CLOSING,
    FRONT,
    INTRO,
    ITEM,
    PART,
    CharCounter,
    child_level,
    enumeration_addresses,
    find_section,
    item_key,
    parent_key,
    part_key,
)
from ui.editor.undo import AddItem, MoveItem, RemoveItem, StructureOp
from ui.qt import QApplication, QLineEdit, QMenu, QPlainTextEdit, QTextCursor, QWidget

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
        delta = self._item_step(item_id, delta)
        page = self.current
        if not delta or not self._push(MoveItem(self, item_id, delta)):
            return False
        if page == item_key(item_id):  # moved from its own page: stay there, under its new number
            self.show_section(page)
        self.status.emit(f"已{'上' if delta < 0 else '下'}移一位，编号已重新排好。按 Ctrl+Z 可以撤销。")
        return True

    def change_structure(self, op, show: str | None = None):
        """Run a structure change (``lambda svc, report: svc.add_section(report, …)``) through the undo
        stack; returns its models.structure.Change, or None when it failed (the officer was told).
        ``show``: the page to open afterwards (default: the one holding what was changed)."""
        cmd = StructureOp(self, op, show)
        if not self._push(cmd):
            return None
        if cmd.change is not None and cmd.change.note:
            self._tell(cmd.change.key, cmd.change.note)
        return cmd.change

    def _tell(self, key: str, note: str) -> None:
        """A note of the service (typed numbering removed) under what it concerns, and in the status bar."""
        if self.form is not None:
            for box in self.form.enum_boxes:
                if box.enum.id == key:
                    box.show_note("", note)
        self.status.emit(note)

    def _item_step(self, item_id: str, delta: int) -> int:
        """The move among all siblings that takes an item past the next item (not past an enumeration,
        which has no number: moving past it would change nothing the officer sees); 0 when at the end."""
        item = self.report.find_item(item_id)
        if item is None:
            return 0
        siblings = self.report.siblings(item)
        index = siblings.index(item)
        step = 1 if delta > 0 else -1
        target = index + step
        while 0 <= target < len(siblings) and siblings[target].kind != ITEM_KIND:
            target += step
        return target - index if 0 <= target < len(siblings) else 0

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
        """Called by the undo commands after the structure changed: renumber everything at once and
        build the page afresh (its buttons, enumerations and numbers follow the new structure)."""
        self.genre = self.service.genre_of(self.report)  # shaped for the report's sections as they are now
        alive = {i.id for i in self.report.all_items()}
        for address in list(self.autosaver.pending):
            if address.startswith("item.") and address.split(".")[1] not in alive:
                self.autosaver.discard(address)  # the item is gone; the undo command keeps its text
        self.counter = CharCounter(self.report)
        self.refresh()
        show = show or self.current
        if find_section(self.sections, show) is None:
            show = INTRO
        same_page = show == self.current
        scroll = self.scroll.verticalScrollBar().value() if same_page else 0
        self.current = ""
        self.show_section(show, row)
        if same_page:
            self.scroll.widget().adjustSize()
            self.scroll.verticalScrollBar().setValue(scroll)

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

    # ------------------------------------------------------------ a page's buttons

    def wire_form(self, form, section) -> None:
        """Connect a page's structure buttons (上移 / 下移 / 删除, 添加部分, 列举, 标题版式) to the changes."""
        form.move_requested.connect(lambda delta, s=section: self.move_here(s, delta))
        form.remove_requested.connect(lambda s=section: self.remove_here(s))
        form.make_enumeration_requested.connect(self.make_enumeration)
        form.add_enumeration_requested.connect(self.add_enumeration)
        if form.add_section_button is not None:
            form.add_section_button.setMenu(self.add_section_menu(form.add_section_button, self._index_after(section)))
        if isinstance(form, FrontForm):
            form.heading_form_changed.connect(self.set_heading_form)
        for box in form.enum_boxes:
            box.style_changed.connect(lambda enum_id, style: self.change_structure(
                lambda svc, report: svc.set_enumeration(report, enum_id, style=style)))
            box.layout_changed.connect(lambda enum_id, layout: self.change_structure(
                lambda svc, report: svc.set_enumeration(report, enum_id, layout=layout)))
            box.add_entry_requested.connect(self.add_entry)
            box.remove_entry_requested.connect(self.remove_entry)
            box.move_entry_requested.connect(self.move_entry)
            box.dissolve_requested.connect(self.dissolve_enumeration)
            box.remove_requested.connect(self.remove_enumeration)

    def move_here(self, section, delta: int) -> bool:
        if section.kind == PART:
            return self.move_section(section.part, delta)
        if section.kind == ITEM:
            return self.move_item(section.item_id, delta)
        return False

    def remove_here(self, section) -> bool:
        if section.kind == PART:
            return self.remove_section(section.part)
        if section.kind == ITEM:
            return self.remove_item(section.item_id)
        return False

    # ------------------------------------------------------------ level-1 sections

    def _section_keys(self) -> list[str]:
        return [p.key for p in self.genre.parts]

    def _index_after(self, section) -> int | None:
        """Where 添加部分 puts a blank section from a page: after its section; at the start from 基本信息
        and 导语, at the end from 结束语 (None)."""
        if section is None or section.kind == CLOSING:
            return None
        if section.kind in (FRONT, INTRO):
            return 0
        keys = self._section_keys()
        return keys.index(section.part) + 1 if section.part in keys else None

    def add_section_menu(self, parent: QWidget, index: int | None) -> QMenu:
        """添加部分: the genre's suggested parts (those already in the report marked), then a blank one."""
        menu = QMenu("添加部分", parent)
        ctx = context(self.report, self.genre)
        for part, used in self.service.suggested_parts(self.report):
            name = fill(part.title, ctx) if part.title else part.guide.label
            action = menu.addAction(f"{name}（已有）" if used else name)
            action.setToolTip(part.guide.guidance)
            action.triggered.connect(lambda _c=False, k=part.key: self.add_section(k))
        menu.addSeparator()
        blank = menu.addAction("空白部分（自己写标题）")
        blank.triggered.connect(lambda _c=False: self.add_section(None, index))
        menu.setToolTipsVisible(True)
        return menu

    def _add_section_menu_here(self, parent: QWidget) -> QMenu:
        """The 添加部分 button under the navigator: a blank section goes after the section shown."""
        section = find_section(self.sections, self.current)
        if section is not None and section.kind == ITEM:
            section = find_section(self.sections, part_key(section.part))
        return self.add_section_menu(parent, self._index_after(section))

    def add_section(self, from_part: str | None = None, index: int | None = None) -> str:
        """A new level-1 section from a genre part (at the genre's place) or blank (at ``index``, None:
        the end). Its page opens with the title ready to type. Returns its key ("" when it failed)."""
        change = self.change_structure(lambda svc, report: svc.add_section(report, from_part, index=index))
        if change is None:
            return ""
        title = self.form.fields.get(f"part.{change.key}.title") if self.form is not None else None
        if title is not None:
            title.focus_field()
        ask = "请填写这一部分的标题。" if from_part is None else ""
        self.status.emit(f"已添加一个部分，编号“一、二、”已自动重排。{ask}按 Ctrl+Z 可以撤销。")
        return change.key

    def move_section(self, key: str, delta: int) -> bool:
        keys = self._section_keys()
        if key not in keys or not 0 <= keys.index(key) + delta < len(keys):
            return False
        change = self.change_structure(lambda svc, report: svc.move_section(report, key, keys.index(key) + delta))
        if change is not None:
            self.status.emit(f"已{'上' if delta < 0 else '下'}移这一部分，编号已重新排好。按 Ctrl+Z 可以撤销。")
        return change is not None

    def move_section_to(self, key: str, to: int) -> bool:
        """A section dragged in the navigator to position ``to``."""
        keys = self._section_keys()
        if key not in keys or keys.index(key) == to:
            return False
        return self.change_structure(lambda svc, report: svc.move_section(report, key, to)) is not None

    def section_chars(self, key: str) -> int:
        section = find_section(self.sections, part_key(key))
        return self.counter.section(self.report, self.genre, section) if section is not None else 0

    def remove_section(self, key: str) -> bool:
        """删除部分: asks first when it holds text ("这一部分有N字内容……"); undoable."""
        section = find_section(self.sections, part_key(key))
        if section is None:
            return False
        if self.service.section_has_text(self.report, key):
            chars = self.section_chars(key)
            held = f"这一部分有{chars:,}字内容" if chars else "这一部分填有数据"
            text = f"{held}，删除后可以撤销（Ctrl+Z）。确定删除？"
            if not messages.confirm(self, f"删除“{section.full_title}”", text, "删除", danger=True):
                return False
        keys = self._section_keys()
        index = keys.index(key)
        rest = keys[:index] + keys[index + 1:]
        show = part_key(rest[min(index, len(rest) - 1)]) if rest else INTRO
        if self.change_structure(lambda svc, report: svc.remove_section(report, key), show=show) is None:
            return False
        self.status.emit(f"已删除“{section.full_title}”，编号已重新排好。按 Ctrl+Z 可以撤销。")
        return True

    # ------------------------------------------------------------ heading forms

    def set_heading_form(self, level: int, form: str) -> bool:
        change = self.change_structure(lambda svc, report: svc.set_heading_form(report, level, form or None))
        if change is not None:
            self.status.emit("已修改标题版式，预览和导出都会按新的版式排。按 Ctrl+Z 可以撤销。")
        return change is not None

    # ------------------------------------------------------------ enumerations

    def make_enumeration(self, address: str) -> str:
        """设为列举: the paragraphs selected in a body or lead become entries. Returns the enumeration id."""
        field = self.form.fields.get(address) if self.form is not None else None
        if not isinstance(field, QPlainTextEdit):
            return ""
        cursor = field.textCursor()
        span = None
        if cursor.hasSelection():
            doc = field.document()
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            first = doc.findBlock(start).blockNumber()
            last_block = doc.findBlock(end)
            last = last_block.blockNumber() - (1 if end == last_block.position() and end > start else 0)
            span = paragraph_range(field.toPlainText(), first, last)
        if span is None:
            message = "请先用鼠标选中要设为列举的几段（每段选中一部分即可），再点“设为列举”。"
            self.form.show_note(address, message)
            self.status.emit(message)
            return ""
        change = self.change_structure(lambda svc, report: svc.make_enumeration(report, address, *span))
        if change is None:
            return ""
        self.status.emit("已设为列举，序号由程序生成。按 Ctrl+Z 可以撤销。" if not change.note else change.note)
        return change.key

    def add_enumeration(self, owner: str) -> str:
        change = self.change_structure(lambda svc, report: svc.add_enumeration(report, owner, entries=["", ""]))
        if change is None:
            return ""
        enum = self.report.find_item(change.key)
        if enum is not None and enum.children:
            self._focus(f"item.{enum.children[0].id}.body")
        self.status.emit("已添加列举：逐项填写内容，序号“一是、二是……”由程序生成。")
        return change.key

    def add_entry(self, enum_id: str) -> str:
        change = self.change_structure(lambda svc, report: svc.add_entry(report, enum_id))
        if change is None:
            return ""
        self._focus(f"item.{change.key}.body")
        return change.key

    def move_entry(self, entry_id: str, to: int) -> bool:
        entry = self.report.find_item(entry_id)
        enum = self.report.find_item(entry.parent) if entry is not None and entry.parent else None
        if enum is None or not 0 <= to < len(enum.children):
            return False
        return self.change_structure(lambda svc, report: svc.move_entry(report, entry_id, to)) is not None

    def _confirm_removal(self, addresses: list[str], title: str, what: str) -> bool:
        chars = sum(count_chars(self.report.get(a)) for a in addresses)
        return not chars or messages.confirm(
            self, title, f"{what}有{chars:,}字内容，删除后可以撤销（Ctrl+Z）。确定删除？", "删除", danger=True)

    def remove_entry(self, entry_id: str) -> bool:
        if not self._confirm_removal([f"item.{entry_id}.body"], "删除这一项", "这一项"):
            return False
        change = self.change_structure(lambda svc, report: svc.remove_node(report, entry_id), show=self.current)
        return change is not None

    def remove_enumeration(self, enum_id: str) -> bool:
        enum = self.report.find_item(enum_id)
        if enum is None or not self._confirm_removal(enumeration_addresses(enum), "删除列举", "这个列举"):
            return False
        change = self.change_structure(lambda svc, report: svc.remove_node(report, enum_id), show=self.current)
        return change is not None

    def dissolve_enumeration(self, enum_id: str) -> bool:
        change = self.change_structure(lambda svc, report: svc.dissolve_enumeration(report, enum_id), show=self.current)
        if change is not None:
            self.status.emit("已取消列举：各项变回普通段落，序号照原样写进了正文。按 Ctrl+Z 可以撤销。")
        return change is not None

    def _focus(self, address: str) -> None:
        field = self.form.fields.get(address) if self.form is not None else None
        if field is not None:
            self.scroll.ensureWidgetVisible(field, 20, 40)
            field.focus_field()

    # ------------------------------------------------------------ typed numbering

    def entry_cleaned(self, address: str, value: str, note: str) -> None:
        """The autosaver took typed numbering off a heading, title or entry: the field shows the text as
        stored (keeping the cursor and the field's own undo) and a note under it says why."""
        if value:
            self.report.values[address] = value
        else:
            self.report.values.pop(address, None)
        self.counter.invalidate(address)
        field = self.form.fields.get(address) if self.form is not None else None
        if field is not None:
            _drop_prefix(field, value)
            self.form.show_note(address, note)
        self.status.emit(note)

    # ------------------------------------------------------------ the navigator's menu

    def section_menu(self, key: str) -> QMenu:
        """Right click in the navigator: what can be done with that section or item."""
        menu = QMenu(self)
        section = find_section(self.sections, key)
        if section is None:
            return menu
        if section.kind == PART:
            keys = self._section_keys()
            index = keys.index(section.part)
            if child_level(self.genre, section.part, 0) is not None:
                menu.addAction("添加条目").triggered.connect(lambda _c=False: self.add_item(key))
            up = menu.addAction("上移")
            up.setEnabled(index > 0)
            up.triggered.connect(lambda _c=False: self.move_section(section.part, -1))
            down = menu.addAction("下移")
            down.setEnabled(index < len(keys) - 1)
            down.triggered.connect(lambda _c=False: self.move_section(section.part, 1))
            menu.addSeparator()
            menu.addMenu(self.add_section_menu(menu, index + 1))
            menu.addAction("删除部分").triggered.connect(lambda _c=False: self.remove_section(section.part))
        elif section.kind == ITEM:
            owner = parent_key(self.sections, key)
            menu.addAction("添加条目").triggered.connect(
                lambda _c=False: self.add_item(owner, after=section.item_id))
            if child_level(self.genre, section.part, section.depth) is not None:
                menu.addAction("添加下一级").triggered.connect(lambda _c=False: self.add_item(key))
            up = menu.addAction("上移")
            up.setEnabled(bool(self._item_step(section.item_id, -1)))
            up.triggered.connect(lambda _c=False: self.move_item(section.item_id, -1))
            down = menu.addAction("下移")
            down.setEnabled(bool(self._item_step(section.item_id, 1)))
            down.triggered.connect(lambda _c=False: self.move_item(section.item_id, 1))
            menu.addAction("删除").triggered.connect(lambda _c=False: self.remove_item(section.item_id))
            menu.addSeparator()
            menu.addMenu(self.add_section_menu(menu, self._index_after(find_section(self.sections,
                                                                                    part_key(section.part)))))
        else:
            menu.addMenu(self.add_section_menu(menu, self._index_after(section)))
        return menu


def _drop_prefix(field: QWidget, value: str) -> None:
    """Remove what was cut off the start of a field's text without resetting it: the cursor stays where
    the officer was typing and Ctrl+Z in the field brings the number back."""
    line = isinstance(field, QLineEdit)
    edit = getattr(field, "edit", field)  # a figure field wraps its line
    old = edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText() if isinstance(edit, QPlainTextEdit) else ""
    if not old.endswith(value) or len(old) == len(value):
        field.set_value(value)
        return
    cut = len(old[: len(old) - len(value)].encode("utf-16-le")) // 2  # Qt counts UTF-16 units
    edit.blockSignals(True)
    if line:
        pos = edit.cursorPosition()
        edit.setSelection(0, cut)
        edit.del_()
        edit.setCursorPosition(max(0, pos - cut))
    else:
        cursor = QTextCursor(edit.document())
        cursor.setPosition(0)
        cursor.setPosition(cut, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
    edit.blockSignals(False)
