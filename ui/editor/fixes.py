"""Changes the checks offer as one click, each one undo step on the editor's stack: a finding's 修正
(proofreading, typed numbering), 按原样打印 for a figure, and 删除所有空条目.

A mixin of EditorWidget like StructureEditing (whose ``_push`` runs a command once and puts it on
the stack): the methods use the editor's report, service, form, checks panel and signals.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from models.api import apply_fix, empty_item_ids
from ui.editor.checks_panel import fix_text
from ui.editor.undo import _Command

if TYPE_CHECKING:
    from models.api import Change, Finding

log = logging.getLogger(__name__)

ASIS = ".asis"  # models.figures.asis_address: the 按原样打印 mark beside a figure


class FieldEdit(_Command):
    """One field's text replaced. With a span (start, old piece, new piece), undo and redo change only
    that piece when the text around it was edited since, so typing done after a 修正 is kept."""

    def __init__(self, host, address: str, before: str, after: str, label: str,
                 span: tuple[int, str, str] | None = None) -> None:
        super().__init__(host, label)
        self.address, self.before, self.after, self.span = address, before, after, span

    def _swap(self, whole_from: str, whole_to: str, piece_from: str, piece_to: str) -> None:
        current = self.host.report.get(self.address)
        value = whole_to
        if current != whole_from and self.span is not None:
            start = self.span[0]
            if current[start:start + len(piece_from)] == piece_from:
                value = current[:start] + piece_to + current[start + len(piece_from):]
        self.host.write_field(self.address, value)

    def forward(self) -> None:
        old, new = (self.span[1], self.span[2]) if self.span else ("", "")
        self._swap(self.before, self.after, old, new)

    def backward(self) -> None:
        old, new = (self.span[1], self.span[2]) if self.span else ("", "")
        self._swap(self.after, self.before, new, old)


def same_finding(a: Finding, b: Finding) -> bool:
    return (a.address, a.rule, a.start, a.end, a.fix) == (b.address, b.rule, b.start, b.end, b.fix)


class TextFixing:
    """修正, 按原样打印 and 删除所有空条目 through the undo stack."""

    def write_field(self, address: str, value: str) -> None:
        """Store one field now and show it: the report, the form, the checks (called by FieldEdit)."""
        self.service.set_values(self.report_id, {address: value})
        if value:
            self.report.values[address] = value
        else:
            self.report.values.pop(address, None)
        self.autosaver.discard(address)  # flushed before the command ran; nothing older may follow
        self.counter.invalidate(address)
        fields = self.form.fields if self.form is not None else {}
        if address.endswith(ASIS):
            figure = fields.get(address[: -len(ASIS)])
            if figure is not None:
                figure.set_asis(value)
        elif address in fields:
            fields[address].set_value(value)
        self.refresh()

    def apply_fix(self, finding: Finding) -> bool:
        """The finding's one-click fix, as one undo step. False when the text has changed since."""
        self.refresh()  # the panel may be up to a pause behind the typing
        if finding.fix is None or not any(same_finding(finding, f) for f in self.findings):
            self.status.emit("这一处已经改过了，不需要再修正。")
            return False
        before = self.report.get(finding.address)
        what = fix_text(finding, before)
        if finding.start >= 0:
            after = apply_fix(before, finding.start, finding.end, finding.fix)
            span = (finding.start, before[finding.start:finding.end], finding.fix)
        else:
            after, span = finding.fix, None
        if not self._push(FieldEdit(self, finding.address, before, after, f"修正：{what}", span)):
            return False
        self.status.emit(f"已修正：{what}。按 Ctrl+Z 可以撤销。")
        return True

    def set_figure_as_is(self, address: str, on: bool) -> bool:
        """按原样打印 for the figure at ``address`` (its text as it is now), or take the mark back."""
        value = self.report.get(address).strip()
        mark = address + ASIS
        before, after = self.report.get(mark), value if on else ""
        if before == after:
            return True
        label = f"按原样打印“{value}”" if on else f"取消按原样打印“{before}”"
        if not self._push(FieldEdit(self, mark, before, after, label)):
            return False
        self.status.emit(f"已选择{label}：导出时不再拦下它。按 Ctrl+Z 可以撤销。" if on
                         else f"已{label}：导出前请改成数字。")
        return True

    def remove_empty_items(self) -> Change | None:
        """删除所有空条目 in one undo step; None when there was nothing to remove or it failed."""
        self.refresh()
        if not empty_item_ids(self.findings):
            self.status.emit("没有空条目需要删除。")
            return None
        change = self.change_structure(lambda svc, report: svc.remove_empty_items(report))
        if change is not None:
            self.status.emit(f"已{change.label}，按 Ctrl+Z 可以撤销。")
        return change
