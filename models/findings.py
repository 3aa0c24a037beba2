"""A finding of the checks: where (field address and span), what, how bad, and what it means for print.

A module of its own so every producer of findings (models/checks.py, models/structure_checks.py,
the page checks of the paged layout) uses one type without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, INFO = "error", "warning", "info"
# What a finding means for the printed document (the export dialog shows them apart):
MISSING = "missing"  # not written yet: an empty item or field simply does not print (always a WARNING)
WRONG = "wrong"  # prints wrong: a blank (XX), a figure that is not a number, a date that does not exist
STYLE = "style"  # prints, but reads badly: a very long sentence, a section far over its length


@dataclass(frozen=True)
class Finding:
    address: str  # the field, e.g. item.3fa2c1d0.body
    label: str  # where it is, in words the officer knows: 二、存在的短板 ›（一）
    message: str
    severity: str = ERROR
    start: int = -1  # span in the field's text, -1 when the whole field
    end: int = -1
    kind: str = WRONG
    rule: str = ""  # which check found it: "required", "blank", "figure", "proofread.<id>" …
    fix: str | None = None  # a safe replacement for text[start:end], offered as one click
    blocking: bool = False  # export waits until it is fixed (or the figure is marked 按原样打印)

    def line(self) -> str:
        where = f"[{self.start}:{self.end}]" if self.start >= 0 else ""
        return f"{self.address}{where}\t{self.label}\t{self.message}"


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that stop an export (a figure that is not a number and not marked 按原样打印)."""
    return [f for f in findings if f.blocking]


EMPTY_NODE_RULES = ("empty_item", "empty_enum", "empty_entry")  # nothing written: removing them changes no print


def empty_item_ids(findings: list[Finding]) -> list[str]:
    """Ids of the items, enumerations and entries the findings call empty (删除所有空条目), in order."""
    ids = [f.address.split(".")[1] for f in findings if f.rule in EMPTY_NODE_RULES and f.address.startswith("item.")]
    return list(dict.fromkeys(ids))


def needs_attention(findings: list[Finding]) -> list[Finding]:
    """Errors and warnings: what 有N处待补 counts (information such as a long sentence does not)."""
    return [f for f in findings if f.severity != INFO]
