"""Leftover blanks (占位符): the marks officers type where a number, a name or a title is still to come.

Officers write ``XX次``, ``*位领导``, ``打造“*”品牌``, ``创作《*》``, ``某镇``, ``202x年``, ``〇〇``,
``□□``, ``____``, an empty ``（ ）``, ``【待补充】`` or ``?场`` — and every one of them must be caught
before printing. Ordinary text that looks alike must not be: 某些, 某种程度上, 二〇二四年,
3×5米, 5*8米, X光, XL码, Windows XP, 李某 (an anonymised name in a 舆情 report), and 某年某月
inside quotation marks (a quoted format such as “某年某月某日”, not a date left empty).

One regular expression proposes candidates; a small filter decides the cases a regex cannot
(digits on both sides of ×, a surname before 某某, quotation marks around 某年). The word lists
live in resources/checks/blank_words.json.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Any

from models.paths import resource_dir

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
_DIGIT = "0-9０-９"
_X = "XxＸｘ"
_CN_NUMERALS = set("零一二三四五六七八九十百千万〇○")
_PAIRS = ("（）", "()", "【】", "[]", "〔〕", "“”", "《》", "〈〉", "‘’", "「」", "『』")
_PENDING_WORDS = "补|填|定|核|查|确认|更新|统计|完善|收集|补充"


@functools.cache
def words() -> dict[str, Any]:
    """The word lists (resources/checks/blank_words.json), read once."""
    data = json.loads((resource_dir() / "checks" / "blank_words.json").read_text(encoding="utf-8"))
    for key in ("mou_words", "mou_not", "mou_quoted_ok", "x_words"):
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) and w for w in data[key]):
            raise ValueError(f"blank_words.json: {key} must be a list of words")
    for key in ("surnames", "times_words", "measure"):
        if not isinstance(data.get(key), str):
            raise ValueError(f"blank_words.json: {key} must be a string of characters")
    return data


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@functools.cache
def _pattern() -> re.Pattern[str]:
    w = words()
    empty_pairs = "|".join(rf"{re.escape(a)}[ \t\u3000]*{re.escape(b)}" for a, b in _PAIRS)
    parts = [
        # a year still to be written: 202x, 20XX (before the lone-X rule, which would take the x alone)
        rf"(?P<year>(?<![{_DIGIT}{_LATIN}])(?:19|20|１９|２０)(?:[{_DIGIT}][{_X}]|[{_X}]{{2}})(?![{_DIGIT}{_LATIN}]))",
        rf"(?P<pending>【待[^】\n]*】|[\[〔（(][ \u3000]*待(?:{_PENDING_WORDS})[^\]〕）)\n]{{0,20}}[\]〕）)])",
        rf"(?P<empty>{empty_pairs}|\"\")",
        r"(?P<star>[*＊]+)",
        rf"(?P<x>(?<![{_LATIN}])[{_X}]+(?![{_LATIN}]))",
        r"(?P<times>[×✕╳]+)",
        rf"(?P<mou>某某+|某(?=(?:{_alternation(w['mou_words'])})))",
        r"(?P<circle>[〇○◯]{2,})",
        r"(?P<square>[□☐▢]+)",
        r"(?P<line>[_＿]+)",
        rf"(?P<ask>[?？]+(?=[{re.escape(w['measure'])}{_DIGIT}]))",
        rf"(?P<n>(?<![{_LATIN}{_DIGIT}])[Nn](?=[{re.escape(w['measure'])}]))",
    ]
    return re.compile("|".join(parts))


def _digit_beside(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether an ASCII or full-width digit stands right before / after the span (spaces skipped)."""
    before = text[:start].rstrip(" \u3000")
    after = text[end:].lstrip(" \u3000")
    digit = re.compile(f"[{_DIGIT}]")
    return bool(before and digit.match(before[-1])), bool(after and digit.match(after[0]))


def _inside_quotes(text: str, index: int) -> bool:
    """Between “ and ” of the same paragraph (a quoted wording, not the officer's own sentence)."""
    start = text.rfind("\n", 0, index) + 1
    before = text[start:index]
    return before.count("“") > before.count("”")


def _is_blank(m: re.Match[str], text: str) -> bool:
    kind, start, end = m.lastgroup, m.start(), m.end()
    token = m.group()
    w = words()
    if kind == "star":
        before, after = _digit_beside(text, start, end)
        return not (len(token) == 1 and before and after)  # 5*8米: a size, not a blank
    if kind == "x":
        if len(token) > 1:
            return True
        before, after = _digit_beside(text, start, end)
        if before or after:  # 3x5, x2
            return False
        return not text.startswith(tuple(w["x_words"]), end)  # X光, X射线
    if kind == "times":
        if len(token) > 1:
            return True
        before, after = _digit_beside(text, start, end)
        if before or after:  # 3×5米, ×2
            return False
        near = text[start - 1:start] + text[end:end + 1]
        return not (len(near) == 2 and all(c in w["times_words"] for c in near))  # 长×宽
    if kind == "mou":
        if len(token) == 1 and text.startswith(tuple(w["mou_not"]), end):
            return False  # 某市场, 某区域: ordinary words
        if len(token) == 1 and text[end:end + 1] in w["mou_quoted_ok"]:
            return not _inside_quotes(text, start)  # “某年某月某日”: a quoted format
        if len(token) > 1 and start > 0 and text[start - 1] in w["surnames"]:
            # 李某某: an anonymised name, unless a place or title follows (李某某同志 is still a blank)
            return text[end:].startswith(tuple(w["mou_words"]))
        return True
    if kind == "circle":
        around = text[start - 1:start] + text[end:end + 1]
        return not any(c in _CN_NUMERALS for c in around)  # 二〇〇八年
    if kind == "line":
        if len(token) > 1:
            return True
        around = text[start - 1:start] + text[end:end + 1]
        return not re.search(f"[{_LATIN}{_DIGIT}]", around)  # file_name
    return True


class BlankPattern:
    """Behaves like a compiled pattern (``finditer``, ``search``) so callers can treat it as one."""

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        text = text or ""
        for m in _pattern().finditer(text):
            if _is_blank(m, text):
                yield m

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


BLANK = BlankPattern()


def find_blanks(text: str) -> list[tuple[int, int, str]]:
    """(start, end, blank) of every leftover placeholder, in order."""
    return [(m.start(), m.end(), m.group()) for m in BLANK.finditer(text or "")]


def describe(text: str, start: int, end: int) -> str:
    """The blank as the officer should read it in a message: “某” shows with its word (某镇)."""
    blank = text[start:end]
    if blank.startswith("某") and len(blank) == 1:
        word = next((w for w in sorted(words()["mou_words"], key=len, reverse=True) if text.startswith(w, end)), "")
        return f"“{blank}{word}”里的“某”"
    if len(blank) >= 2 and blank[0] in "（(【[〔“《〈‘「『\"" and not blank[1:-1].strip(" \t\u3000"):
        return f"空着的“{blank}”"
    return f"“{blank}”"
