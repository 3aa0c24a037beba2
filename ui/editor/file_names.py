"""Default names for exported files: {单位}{期间}{体裁}.docx, safe on Windows. No Qt."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.api import periods

if TYPE_CHECKING:
    from models.api import Genre, Report

_ILLEGAL = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}
MAX_STEM = 100  # Windows paths stop at 260 characters; leave room for the folder


def safe_file_stem(text: str, fallback: str = "宣传工作总结") -> str:
    """Drop characters Windows forbids (\\ / : * ? " < > |), line breaks, trailing dots and spaces."""
    stem = _ILLEGAL.sub("", " ".join((text or "").split())).strip(" .")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem[:MAX_STEM].rstrip(" .") or fallback


def default_docx_name(report: Report, genre: Genre) -> str:
    """示例镇2024年上半年宣传工作总结.docx"""
    unit = report.get("front.unit").strip()
    period = periods.period_label_or(report.get("front.period"), "")
    return safe_file_stem(f"{unit}{period}{genre.short_name}", genre.short_name) + ".docx"
