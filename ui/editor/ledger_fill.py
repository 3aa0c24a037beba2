"""从台账汇总: a work-area item takes the period's totals from the 工作台账 as its figures and a draft sentence.

The button sits under the item's figures; the change goes through the editor's undo stack like
an added or removed item, so Ctrl+Z puts the figures and the text back as they were. The draft
sentence ("上半年共开展宣讲12场次，受众3600余人次。") is added to the body as its own paragraph,
to be edited like any text the officer typed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.api import PeriodError, StoreError, periods
from ui.editor.sections import item_key
from ui.editor.undo import _Command
from ui.qt import QPushButton, QWidget

if TYPE_CHECKING:
    from ui.editor.editor import EditorWidget


def ledger_button(parent: QWidget) -> QPushButton:
    button = QPushButton("从台账汇总", parent)
    button.setToolTip("把工作台账中本期这个板块的合计填进下面的数据，并在正文末尾加一句草稿（可以 Ctrl+Z 撤销）")
    return button


class FillFromLedger(_Command):
    def __init__(self, host: EditorWidget, item_id: str, changes: dict[str, str]) -> None:
        super().__init__(host, "从台账汇总")
        self.item_id = item_id
        self.after = changes
        self.before = {a: host.report.get(a) for a in changes}

    def _write(self, values: dict[str, str]) -> None:
        host = self.host
        host.service.set_values(host.report_id, values)
        for address, value in values.items():
            if value:
                host.report.values[address] = value
            else:
                host.report.values.pop(address, None)
        host.current = ""  # the form is rebuilt from the report, so its fields show the new values
        host.structure_changed(item_key(self.item_id))

    def forward(self) -> None:
        self._write(self.after)

    def backward(self) -> None:
        self._write(self.before)


def fill_from_ledger(editor: EditorWidget, item_id: str) -> bool:
    """Put the 台账's totals of the report's period into the item; False (and why, in the status bar) if none."""
    report = editor.report
    item = report.find_item(item_id)
    if item is None or not item.area:
        return False
    period = report.get("front.period")
    try:
        label = periods.period_label(period)
        draft = editor.service.ledger_draft(item.area, period)
    except PeriodError:
        editor.status.emit("请先在“基本信息”里填好期间，才能从台账汇总。")
        return False
    except StoreError as exc:
        editor.status.emit(f"无法读取台账：{exc}")
        return False
    area = editor.service.areas()
    name = next((a.name for a in area if a.id == item.area), item.area)
    if not draft.entries or not draft.values:
        editor.status.emit(f"工作台账中{label}还没有“{name}”的数据，没有可汇总的。")
        return False
    changes = {f"item.{item.id}.fig.{key}": value for key, value in draft.values.items()
               if any(f.key == key for f in item.figures)}
    body_address = f"item.{item.id}.body"
    body = editor.report.get(body_address)
    if draft.sentence and draft.sentence not in body:
        changes[body_address] = f"{body.rstrip()}\n{draft.sentence}" if body.strip() else draft.sentence
    if all(report.get(a) == v for a, v in changes.items()):
        editor.status.emit("这一条的数据已经和台账一致。")
        return False
    if not editor._push(FillFromLedger(editor, item.id, changes)):
        return False
    editor.status.emit(f"已从台账填入{label}“{name}”的合计（{draft.entries} 条记录）和一句草稿，可以修改；"
                       "按 Ctrl+Z 可以撤销。")
    return True
