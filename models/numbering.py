"""Generated ordinals of enumerations, and typed numbering recognised so it is never printed twice.

Numbers of headings (一、（一）1.（1）) and ordinals of enumerations (一是、第一，、首先，) are made at
output time from the order of the items. Officers still type or paste them ("（一）", "(1)", "1、",
"一是") at the start of a heading or an entry, so ``strip_numbering`` recognises what a heading or
an entry starts with and removes it: the service does that on entry (with a note), the checks offer
it as a fix for text stored before, and the outline leaves it out of print, so a printed page never
shows "（一）(1)".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.report import ENUM_STYLES
from models.text import paragraphs

if TYPE_CHECKING:
    from models.report import Item, Report

CN_DIGITS = "零一二三四五六七八九"

STYLE_NAMES = {  # what the officer picks from
    "shi": "一是、二是、三是",
    "yao": "一要、二要、三要",
    "di": "第一，第二，第三，",
    "seq": "首先，其次，再次，最后，",
    "fangmian": "一方面，另一方面，",
}
LAYOUT_NAMES = {"own_line": "每项单独成段", "run_in": "连成一段"}
SEQ_MAX = 4  # 首先、其次、再次、最后: more entries read badly
FANGMIAN_MAX = 2  # 一方面、另一方面


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九 (enough for any summary)."""
    if n < 1:
        raise ValueError(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    return str(n)


def ordinal(style: str, index: int, count: int) -> str:
    """The ordinal of the index-th (1-based) of ``count`` entries, with the punctuation that follows it."""
    if style not in ENUM_STYLES:
        style = "shi"
    if style == "shi":
        return f"{chinese_number(index)}是"
    if style == "yao":
        return f"{chinese_number(index)}要"
    if style == "di":
        return f"第{chinese_number(index)}，"
    if style == "seq":
        if index == 1:
            return "首先，"
        if index == count:
            return "其次，" if count == 2 else "最后，"
        return "其次，" if index == 2 else "再次，" if index == 3 else "此外，"
    # fangmian
    return "一方面，" if index == 1 else "另一方面，" if index == 2 else "同时，"


def style_limit(style: str) -> int | None:
    """How many entries the style reads well with (None: any number)."""
    return {"seq": SEQ_MAX, "fangmian": FANGMIAN_MAX}.get(style)


# ------------------------------------------------------------------ typed numbering

_CN = "一二三四五六七八九十"
_SPACE = "[ \u3000\t]*"
_TYPED = re.compile(
    "^" + _SPACE + "(?:"
    + "|".join([
        rf"[（(]{_SPACE}[{_CN}]+{_SPACE}[）)]",  # （一） (一)
        rf"[（(]{_SPACE}\d{{1,3}}{_SPACE}[）)]",  # （1） (1)
        rf"\d{{1,3}}{_SPACE}[）)]",  # 1） 1)
        rf"[{_CN}]+{_SPACE}[、.．]",  # 一、 一.
        r"\d{1,3}(?:、|[，,](?![0-9０-９]))",  # 1、 (not 1,000)
        r"\d{1,3}[.．](?![0-9０-９])",  # 1. 1． (not 1.2万)
        r"[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe]",  # ① ❶ ⓵
        r"[\u2488-\u249b]",  # ⒈
        r"[\u2474-\u2487]",  # ⑴
        rf"[{_CN}]+[是要](?=[^，,、。；;\s])",  # 一是 一要 (followed by the text, not by punctuation)
        rf"第[{_CN}]+[，,、：:]",  # 第一，
        r"其[一二三四五六七八九十]+[，,、：:]",  # 其一，
        r"(?:首先|其次|再次|最后|另一方面|一方面)[，,、：:]",  # 首先，
    ])
    + ")" + _SPACE
)


def strip_numbering(text: str) -> tuple[str, str]:
    """(text without the numbering typed at its start, what was removed); ("…", "") when there is none.

    Several numbers typed one after another ("一、（一）") are all removed. A decimal such as
    "1.2万人次" is text, not a number.
    """
    rest, removed = text, ""
    while True:
        m = _TYPED.match(rest)
        if not m or m.end() == 0 or not rest[m.end():].strip():
            break  # a heading that is only a number keeps it: there would be nothing left to print
        removed += rest[: m.end()]
        rest = rest[m.end():]
    return (rest, removed.strip()) if removed else (text, "")


def only_numbering(text: str) -> bool:
    """Whether the text is nothing but typed numbering ("（三）", "2."): strip_numbering keeps it, so it
    prints after the generated number ("二、（三）")."""
    m = _TYPED.match(text)
    return bool(text.strip()) and m is not None and not text[m.end():].strip()


def numbering_note(removed: str) -> str:
    """What the UI tells the officer after a typed number was removed."""
    return f"已去掉开头手工输入的编号“{removed}”：编号由程序自动生成，调整顺序时会自动重排。"


# ---------------------------------------------------------------- enumerations as printed

_STOPS = "。！？!?…"
_SEPARATORS = "；;"
_SOFT = "，、,：:"


def entry_paragraphs(report: Report, entry: Item) -> list[str]:
    """The paragraphs of an enumeration entry as printed: typed numbering left out, empty ones dropped."""
    paras = paragraphs(report.get(f"item.{entry.id}.body"))
    if paras:
        paras[0] = strip_numbering(paras[0])[0].strip()
    return [p for p in paras if p]


def _punctuate(text: str, last: bool, joined: bool) -> str:
    """Entries run together need a mark between them (；) and a full stop at the end; an entry on its
    own line needs an end mark. What the officer typed is kept when it is already a mark of that kind."""
    if not joined:
        return text if text[-1] in _STOPS + _SEPARATORS else text.rstrip(_SOFT) + "。"
    if last:
        return text if text[-1] in _STOPS else text.rstrip(_SOFT + _SEPARATORS) + "。"
    return text if text[-1] in _STOPS + _SEPARATORS else text.rstrip(_SOFT) + "；"


def enumeration_texts(report: Report, enum: Item) -> list[str]:
    """The printed entries of an enumeration, ordinals generated (empty entries take none)."""
    entries = [(e, paras) for e in enum.children if (paras := entry_paragraphs(report, e))]
    joined = enum.layout == "run_in"
    out = []
    for n, (_entry, paras) in enumerate(entries, start=1):
        text = "".join(paras) if joined else "\n".join(paras)
        head = ordinal(enum.style, n, len(entries))
        out.append(head + _punctuate(text, n == len(entries), joined))
    return out
