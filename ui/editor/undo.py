"""Undoable structural edits: add, remove and move items, and any change of the report's structure
(sections, heading forms, enumerations: models/structure.py). Text edits use each field's own undo.

A command runs once through ``apply()`` before it is pushed, so a failing write (database
locked) raises there and nothing lands on the stack. Later redo/undo report failures to the host.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from ui.applied_command import AppliedCommand
from ui.editor.sections import item_key, part_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from models.api import Change, Item, Report, ReportService, State

log = logging.getLogger(__name__)


class Host(Protocol):
    service: ReportService
    report: Report

    def structure_changed(self, show: str, row: str = "") -> None: ...

    def structure_failed(self, exc: Exception) -> None: ...


def owner_key(item: Item) -> str:
    return item_key(item.parent) if item.parent else part_key(item.part)


class _Command(AppliedCommand):
    def __init__(self, host: Host, text: str) -> None:
        super().__init__(text)
        self.host = host

    def _run(self, step) -> None:
        try:
            step()
        except Exception as exc:  # a failed write must reach the officer, not crash
            log.warning("撤销/重做“%s”没有完成", self.text(), exc_info=True)
            self.host.structure_failed(exc)


class AddItem(_Command):
    def __init__(self, host: Host, part: str, *, parent: str | None = None, after: str | None = None,
                 area: str | None = None) -> None:
        super().__init__(host, "添加一条")
        self.part, self.parent, self.after, self.area = part, parent, after, area
        self.item: Item | None = None
        self.removed: tuple[Item, int, dict[str, str]] | None = None

    def forward(self) -> None:
        svc, report = self.host.service, self.host.report
        if self.removed is None:
            self.item = svc.add_item(report, self.part, parent=self.parent, after=self.after, area=self.area)
        else:
            svc.restore_item(report, *self.removed)
        assert self.item is not None
        self.host.structure_changed(item_key(self.item.id))

    def backward(self) -> None:
        assert self.item is not None
        self.removed = self.host.service.remove_item(self.host.report, self.item.id)
        self.host.structure_changed(owner_key(self.item))


class RemoveItem(_Command):
    def __init__(self, host: Host, item_id: str, label: str) -> None:
        super().__init__(host, f"删除“{label}”")
        self.item_id = item_id
        self.removed: tuple[Item, int, dict[str, str]] | None = None

    def forward(self) -> None:
        self.removed = self.host.service.remove_item(self.host.report, self.item_id)
        self.host.structure_changed(owner_key(self.removed[0]))

    def backward(self) -> None:
        assert self.removed is not None
        self.host.service.restore_item(self.host.report, *self.removed)
        self.host.structure_changed(owner_key(self.removed[0]), self.item_id)


class MoveItem(_Command):
    def __init__(self, host: Host, item_id: str, delta: int) -> None:
        super().__init__(host, "上移" if delta < 0 else "下移")
        self.item_id, self.delta = item_id, delta

    def _move(self, delta: int) -> None:
        report = self.host.report
        self.host.service.move_item(report, self.item_id, delta)
        item = report.find_item(self.item_id)
        assert item is not None
        self.host.structure_changed(owner_key(item), self.item_id)

    def forward(self) -> None:
        self._move(self.delta)

    def backward(self) -> None:
        self._move(-self.delta)


def show_for(report: Report, key: str) -> str:
    """The navigator entry to show after a structure change: the item (or the item or section an
    enumeration or entry belongs to) or the section; "" (stay on the page shown, else 导语) when what
    was changed is gone, or for a change of the whole report (heading forms)."""
    if not key:
        return ""
    item = report.find_item(key)
    while item is not None and item.kind != "item":
        if item.parent is None:
            return part_key(item.part)
        item = report.find_item(item.parent)
    if item is not None:
        return item_key(item.id)
    if key in report.items or any(s.key == key for s in report.sections or []):
        return part_key(key)
    return ""  # gone (an addition undone): the page shown stays, if it is still there


class StructureOp(_Command):
    """A structure change of the service (``op(service, report) -> Change``): add / rename / move / remove a
    section, heading forms, enumerations. Undo puts ``Change.before`` back; redo the state undo saw."""

    def __init__(self, host: Host, op: Callable[[ReportService, Report], Change], show: str | None = None) -> None:
        super().__init__(host, "")
        self.op = op
        self.show = show  # the page to show after the change (a removed section's neighbour); None: show_for
        self.change: Change | None = None
        self.after: State | None = None

    def forward(self) -> None:
        svc, report = self.host.service, self.host.report
        if self.change is None:
            self.change = self.op(svc, report)
            self.setText(self.change.label)
        else:
            assert self.after is not None
            svc.restore_structure(report, self.after)
        self.host.structure_changed(self.show if self.show is not None else show_for(report, self.change.key))

    def backward(self) -> None:
        assert self.change is not None
        svc, report = self.host.service, self.host.report
        self.after = svc.capture_structure(report, self.change.before.touched)
        svc.restore_structure(report, self.change.before)
        self.host.structure_changed(show_for(report, self.change.key))

