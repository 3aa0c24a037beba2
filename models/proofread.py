"""Proofreading: the punctuation, date and wording slips a reader of the printed summary notices.

The rules are data (resources/checks/proofread.json): each has an id, a kind, a severity and a
Chinese message; ``regex`` rules carry their pattern and fix, the other kinds name an engine here
(pairs of brackets and quotes, dates, period words, long sentences) and carry its word lists.
Every issue has the exact span it is about and, where a fix is safe, the replacement text, so
the editor can select it and offer the correction as one click (``apply_fix``).
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from dataclasses import dataclass
from typing import Any

from models import numbering
from models.blanks import HAN
from models.paths import resource_dir

CJK_PUNCT = "，。、；：！？“”‘’（）《》【】〔〕「」『』…—·"
SEVERITIES = ("error", "warning", "info")
KINDS = ("regex", "doubled", "pairs", "dates", "period_words", "long_sentence", "typed_heading")
_SENTENCE_END = "。！？；"


@dataclass(frozen=True)
class Issue:
    rule: str  # the rule id in proofread.json
    start: int
    end: int
    message: str
    severity: str
    fix: str | None = None  # replacement for text[start:end]; None when no fix is safe


@dataclass(frozen=True)
class Scope:
    """What the rules need to know about the field: the report's period, and whether words for a
    later period are expected there (a 下半年工作思路 part) or would contradict the period."""

    period: str = ""  # 2024H1, 2024H2, 2024, 2024Q3; "" when unknown
    period_words: bool = False  # check 下半年 / 明年 … in this field
    body: bool = True  # paragraphs of text (导语, a lead, an item's body), not a heading or a title


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    message: str
    data: dict[str, Any]
    pattern: re.Pattern[str] | None = None
    fix: str | None = None


@functools.cache
def rules() -> tuple[Rule, ...]:
    """The rules from resources/checks/proofread.json, validated once."""
    data = json.loads((resource_dir() / "checks" / "proofread.json").read_text(encoding="utf-8"))
    out = []
    for raw in data.get("rules", []):
        rid = raw.get("id")
        if not isinstance(rid, str) or raw.get("kind") not in KINDS or raw.get("severity") not in SEVERITIES:
            raise ValueError(f"proofread.json: rule {rid!r} needs an id, a kind {KINDS} and a severity {SEVERITIES}")
        if not isinstance(raw.get("message"), str) or not raw["message"]:
            raise ValueError(f"proofread.json: rule {rid} needs a message")
        pattern = None
        if raw["kind"] == "regex":
            pattern = re.compile(raw["pattern"].replace("{han}", HAN).replace("{cjkp}", re.escape(CJK_PUNCT)))
        out.append(Rule(rid, raw["kind"], raw["severity"], raw["message"], raw, pattern, raw.get("fix")))
    if len({r.id for r in out}) != len(out):
        raise ValueError("proofread.json: rule ids must be unique")
    return tuple(out)


def rule(rule_id: str) -> Rule | None:
    """The rule with this id, or None when the data file leaves it out (its issues are then not reported)."""
    return next((r for r in rules() if r.id == rule_id), None)


def apply_fix(text: str, start: int, end: int, fix: str) -> str:
    """The text with the span replaced by the fix (what the one-click correction does)."""
    return text[:start] + fix + text[end:]


def proofread(text: str, scope: Scope | None = None) -> list[Issue]:
    """Every issue in the text, in order; where two rules find the same characters the earlier rule wins."""
    scope = scope or Scope()
    text = text or ""
    found: list[Issue] = []
    ran: set[str] = set()
    for r in rules():
        if r.kind in _SHARED:  # one pass of the engine serves every rule of its kind
            if r.kind in ran:
                continue
            ran.add(r.kind)
        found.extend(_ENGINES[r.kind](r, text, scope))
    kept: list[Issue] = []
    taken: list[tuple[int, int]] = []
    for issue in found:  # rule order: the first rule to claim characters keeps them
        if any(issue.start < e and s < issue.end for s, e in taken):
            continue
        kept.append(issue)
        if issue.end > issue.start and issue.severity != "info":  # a long sentence overlaps everything in it
            taken.append((issue.start, issue.end))
    return sorted(kept, key=lambda i: (i.start, i.end))


def _issue(r: Rule | None, start: int, end: int, text: str, fix: str | None, **extra: Any) -> list[Issue]:
    if r is None:
        return []
    message = r.message.format(text=text[start:end], fix=fix or "", **extra)
    return [Issue(r.id, start, end, message, r.severity, fix)]


# ---------------------------------------------------------------- engines


def _regex(r: Rule, text: str, scope: Scope) -> list[Issue]:
    assert r.pattern is not None
    spans = [(m.start(), m.end()) for m in r.pattern.finditer(text) if m.end() > m.start()]
    return [issue for start, end in spans for issue in _issue(r, start, end, text, r.fix)]


def _doubled(r: Rule, text: str, scope: Scope) -> list[Issue]:
    marks = r.data["marks"]  # strongest first: a run keeps its strongest mark (，。 → 。)
    out = []
    for m in re.finditer(f"[{re.escape(marks)}]{{2,}}", text):
        run = m.group()
        out.extend(_issue(r, m.start(), m.end(), text, min(run, key=marks.index)))
    return out


_OPEN = {"（": ("paren", True), "(": ("paren", False), "【": ("lent", True), "《": ("title", True),
         "〈": ("title1", True), "“": ("quote", True), "‘": ("squote", True), "〔": ("tort", True),
         "「": ("corner", True), "『": ("corner2", True), "［": ("square", True)}
_CLOSE = {"）": ("paren", True), ")": ("paren", False), "】": ("lent", True), "》": ("title", True),
          "〉": ("title1", True), "”": ("quote", True), "’": ("squote", True), "〕": ("tort", True),
          "」": ("corner", True), "』": ("corner2", True), "］": ("square", True)}
_PARTNER = {"paren": "（）", "lent": "【】", "title": "《》", "title1": "〈〉", "quote": "“”", "squote": "‘’",
            "tort": "〔〕", "corner": "「」", "corner2": "『』", "square": "［］"}
_HAN_RE = re.compile(f"[{HAN}]")
_NUMBERING = re.compile(r"(?:^|(?<=[\s，。；：、]))(\d{1,2}|[一二三四五六七八九十]{1,3})$")


def _pairs(r: Rule, text: str, scope: Scope) -> list[Issue]:
    """Brackets, title marks and quotation marks, paragraph by paragraph (the engine behind several rules)."""
    out: list[Issue] = []
    offset = 0
    for para in text.split("\n"):
        out.extend(_pairs_in(para, offset))
        offset += len(para) + 1
    return out


def _pairs_in(para: str, offset: int) -> list[Issue]:
    out: list[Issue] = []
    stack: list[tuple[str, str, int, bool]] = []  # (family, char, index, full width)
    has_han = bool(_HAN_RE.search(para))

    def add(rule_id: str, start: int, end: int, fix: str | None, **extra: Any) -> None:
        for issue in _issue(rule(rule_id), start, end, para, fix, **extra):
            out.append(Issue(issue.rule, start + offset, end + offset, issue.message, issue.severity, fix))

    for i, ch in enumerate(para):
        if ch == '"':
            if not has_han:
                continue
            closing = bool(stack) and stack[-1][0] == "quote"
            if closing:
                stack.pop()
            else:
                stack.append(("quote", ch, i, False))
            add("ascii_quote", i, i + 1, "”" if closing else "“")
            continue
        if ch in _OPEN:
            family, wide = _OPEN[ch]
            stack.append((family, ch, i, wide))
            continue
        if ch not in _CLOSE:
            continue
        family, wide = _CLOSE[ch]
        depth = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][0] == family), None)
        if depth is None:
            numbering = _NUMBERING.search(para[:i]) if family == "paren" else None
            if numbering:
                add("numbering", numbering.start(1), i + 1, f"（{numbering.group(1)}）")
            else:
                add("pair_unmatched", i, i + 1, None, partner=f"左边的“{_PARTNER[family][0]}”")
            continue
        for fam, _opener, at, _w in stack[depth + 1:]:  # openers left open inside this pair
            add("pair_unmatched", at, at + 1, None, partner=f"右边的“{_PARTNER[fam][1]}”")
        _fam, _opener, at, open_wide = stack[depth]
        del stack[depth:]
        if family != "paren":
            continue
        if open_wide != wide:  # （…) or (…）
            add("pair_mixed", i if not wide else at, (i if not wide else at) + 1, "）" if not wide else "（")
        elif not wide and has_han:
            inside = para[at + 1:i]
            near = para[at - 1:at] + para[i + 1:i + 2]
            if _HAN_RE.search(inside) or _HAN_RE.search(near):
                add("ascii_paren", at, i + 1, f"（{inside}）")
    for fam, _opener, at, _w in stack:
        add("pair_unmatched", at, at + 1, None, partner=f"右边的“{_PARTNER[fam][1]}”")
    return out


_DATE_CN = re.compile(r"(?<![\d.])(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?")
_DATE_ISO = re.compile(
    r"(?<![\d.\-/])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.\-/])"
)


def _dates(r: Rule, text: str, scope: Scope) -> list[Issue]:
    """Impossible dates (2月30日), leading zeros (2024年07月) and ISO dates in the text (2024-07-05)."""
    out: list[Issue] = []
    for m in _DATE_CN.finditer(text):
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        if not (y or d):  # 18月 alone may be a length of time; 07月 is still a date
            if mo.startswith("0") and mo != "0":
                out.extend(_issue(rule("date_zero"), m.start(), m.end(), text, f"{int(mo)}月"))
            continue
        if not _valid(y, mo, d):
            out.extend(_issue(rule("date_impossible"), m.start(), m.end(), text, None))
        elif mo.startswith("0") or (d and d.startswith("0")):
            fixed = (f"{y}年" if y else "") + f"{int(mo)}月" + (f"{int(d)}日" if d else "")
            out.extend(_issue(rule("date_zero"), m.start(), m.end(), text, fixed))
    for m in _DATE_ISO.finditer(text):
        near = text[m.start() - 1:m.start()] + text[m.end():m.end() + 1]
        if not _HAN_RE.search(near) and not _HAN_RE.search(text):
            continue
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        if _valid(y, mo, d):
            out.extend(_issue(rule("date_format"), m.start(), m.end(), text, f"{int(y)}年{int(mo)}月{int(d)}日"))
        else:
            out.extend(_issue(rule("date_impossible"), m.start(), m.end(), text, None))
    return out


def _valid(year: str | None, month: str, day: str | None) -> bool:
    mo = int(month)
    if not 1 <= mo <= 12:
        return False
    if day is None:
        return True
    days = calendar.monthrange(int(year), mo)[1] if year else (29 if mo == 2 else calendar.monthrange(2001, mo)[1])
    return 1 <= int(day) <= days


def _period_words(r: Rule, text: str, scope: Scope) -> list[Issue]:
    """Words of a later period where this period's results are told (下半年 in a 上半年 report)."""
    if not scope.period_words or not scope.period:
        return []
    from models import periods

    try:
        year, kind = periods.parse_period(scope.period)
        label = periods.period_label(scope.period)
    except periods.PeriodError:
        return []
    pattern = _later_words(r.id, kind, year)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if any(_covers(text, m.start(), m.end(), phrase) for phrase in r.data["inside"]):
            continue
        after = text[m.end():m.end() + 8]
        if any(word in after for word in r.data["forward_after"]):  # 下半年工作思路, 下半年的重点任务
            continue
        if any(marker in _sentence(text, m.start()) for marker in r.data["future_markers"]):
            continue
        out.extend(_issue(r, m.start(), m.end(), text, None, period=label))
    return out


@functools.cache
def _later_words(rule_id: str, kind: str, year: int) -> re.Pattern[str] | None:
    r = rule(rule_id)
    words = [w.format(year=year, next_year=year + 1) for w in (r.data["later"].get(kind, []) if r else [])]
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None


def _covers(text: str, start: int, end: int, phrase: str) -> bool:
    """Whether an occurrence of ``phrase`` contains the span [start, end)."""
    lo = max(0, end - len(phrase))
    return any(text.startswith(phrase, s) and s <= start and end <= s + len(phrase) for s in range(lo, start + 1))


def _sentence(text: str, index: int) -> str:
    start = max(text.rfind(c, 0, index) for c in _SENTENCE_END + "\n") + 1
    ends = [e for e in (text.find(c, index) for c in _SENTENCE_END + "\n") if e >= 0]
    return text[start:min(ends) if ends else len(text)]


_SENTENCE = re.compile(rf"[^{_SENTENCE_END}\n]+(?:[{_SENTENCE_END}]+[”’」』）]*)?")


def _long_sentences(r: Rule, text: str, scope: Scope) -> list[Issue]:
    limit = int(r.data["limit"])
    out = []
    for m in _SENTENCE.finditer(text):
        sentence = m.group()
        count = sum(1 for ch in sentence if not ch.isspace())
        if count > limit:
            start = m.start() + len(sentence) - len(sentence.lstrip())
            end = m.start() + len(sentence.rstrip())
            out.extend(_issue(r, start, end, text, None, count=count, limit=limit))
    return out


# enumeration ordinals open body sentences as a matter of course (一是……，首先，……): not headings
_CN = numbering.CN_DIGITS[1:] + "十"
_ORDINAL_WORDS = re.compile(f"[{_CN}]+[是要]|第|其[{_CN}]|首先|其次|再次|最后|一方面|另一方面")
_NUMERAL_START = re.compile(f"[0-9０-９{numbering.CN_DIGITS}十]")


def _typed_headings(r: Rule, text: str, scope: Scope) -> list[Issue]:
    """A body paragraph that opens with heading numbering (（一）, 一、, 1., ①): a heading typed or
    pasted into the text, which prints as an ordinary paragraph with a typed number. The span is the
    number (with the spaces after it), so the fix "" leaves the paragraph's words."""
    if not scope.body:
        return []
    out: list[Issue] = []
    offset = 0
    for para in text.split("\n"):
        rest, removed = numbering.strip_numbering(para)
        start = len(para) - len(para.lstrip(" \u3000\t"))
        if removed.endswith("、") and _NUMERAL_START.match(rest):
            removed = ""  # 1、2月份 and 一、二季度 name two months or quarters, not a first heading
        ordinal = _ORDINAL_WORDS.search(removed)
        if ordinal is not None:  # 一、一是…: only the heading number before the ordinal
            removed = removed[:ordinal.start()].rstrip()
            rest = para[start + len(removed):]
        if removed:
            end = len(para) - len(rest.lstrip(" \u3000\t"))
            out.extend(Issue(i.rule, i.start + offset, i.end + offset, i.message, i.severity, i.fix)
                       for i in _issue(r, start, end, para, r.fix, number=removed))
        offset += len(para) + 1
    return out


_SHARED = ("pairs", "dates")
_ENGINES = {"regex": _regex, "doubled": _doubled, "pairs": _pairs, "dates": _dates, "period_words": _period_words,
            "long_sentence": _long_sentences, "typed_heading": _typed_headings}
