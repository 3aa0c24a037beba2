"""Word automatic numbering: the number Word prints but the paragraph text does not hold.

A paragraph with ``w:numPr`` (its own, or from its style) refers to a ``w:num`` in
word/numbering.xml, which points at an ``w:abstractNum``; the level (``ilvl``) gives the
format (``numFmt``: chineseCounting 一, decimal 1, decimalEnclosedCircle ①…) and the pattern
(``lvlText``: "%1、", "（%1）", "%1."). Counters run per list and restart below the level that
advanced, as in Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ①–⑳
_PAREN = "".join(chr(c) for c in range(0x2474, 0x2488))  # ⑴–⒇
_FULLSTOP = "".join(chr(c) for c in range(0x2488, 0x249C))  # ⒈–⒛


def chinese_number(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (as Word's chineseCounting prints them)."""
    if n <= 0:
        return str(n)
    if n >= 1000:
        return str(n)
    out = ""
    h, rest = divmod(n, 100)
    t, u = divmod(rest, 10)
    if h:
        out += digits[h] + hundred
        if t == 0 and u:
            return out + digits[0] + digits[u]
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def _letters(n: int, upper: bool) -> str:
    base = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz"
    n -= 1
    return base[n % 26] * (n // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _table(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in one of Word's number formats (unknown formats print as decimal)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_number(n)
    if fmt in ("chineseLegalSimplified", "japaneseLegal", "koreanLegal"):
        return chinese_number(n, _LEGAL, "拾", "佰")
    if fmt == "ideographTraditional":
        return _table(_HEAVENLY, n)
    if fmt == "ideographZodiac":
        return _table(_EARTHLY, n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _table(_CIRCLED, n)
    if fmt == "decimalEnclosedParen":
        return _table(_PAREN, n)
    if fmt == "decimalEnclosedFullstop":
        return _table(_FULLSTOP, n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    style: str = ""  # a paragraph style linked to this level (Heading 1 → level 0)
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False  # w:isLgl: every %n in decimal


@dataclass
class Numbering:
    """numbering.xml, with the running counters of the paragraphs read so far."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: etree._Element | None) -> Numbering:
        out = cls()
        if root is None:
            return out
        for absn in root.iter(f"{W}abstractNum"):
            levels = {}
            for lvl in absn.iter(f"{W}lvl"):
                levels[_int(lvl.get(f"{W}ilvl"), 0)] = _level(lvl)
            out.abstract[absn.get(f"{W}abstractNumId") or ""] = levels
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId") or ""
            ref = num.find(f"{W}abstractNumId")
            out.nums[num_id] = ref.get(f"{W}val") if ref is not None else ""
            starts = {}
            for override in num.iter(f"{W}lvlOverride"):
                so = override.find(f"{W}startOverride")
                lvl = override.find(f"{W}lvl")
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                if lvl is not None:  # a whole level redefined for this list
                    out.abstract.setdefault(f"num:{num_id}", {})[ilvl] = _level(lvl)
                if so is not None:
                    starts[ilvl] = _int(so.get(f"{W}val"), 1)
            if starts:
                out.overrides[num_id] = starts
        return out

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level of a list that a paragraph style is linked to (for style-linked numbering)."""
        for ilvl, level in self._levels(num_id).items():
            if level.style == style_id:
                return ilvl
        return None

    def _levels(self, num_id: str) -> dict[int, Level]:
        levels = dict(self.abstract.get(self.nums.get(num_id, ""), {}))
        levels.update(self.abstract.get(f"num:{num_id}", {}))
        return levels

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at ``ilvl`` and return the printed number ("一、", "（二）")."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        levels = self._levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        key = self.nums[num_id]  # lists sharing an abstract definition continue one another
        counters = self._counters.setdefault(key, {})
        if num_id not in self._started and num_id in self.overrides:
            self._started.add(num_id)
            for lvl, start in self.overrides[num_id].items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        self._started.add(num_id)
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart and restart - 1 >= ilvl):
                del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for n in range(9, 0, -1):
            token = f"%{n}"
            if token not in text:
                continue
            lvl = n - 1
            fmt = "decimal" if level.legal and lvl != ilvl else levels.get(lvl, level).fmt
            value = counters.get(lvl, levels.get(lvl, Level()).start)
            text = text.replace(token, format_number(value, fmt))
        return text


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(el: etree._Element, tag: str) -> str | None:
    child = el.find(f"{W}{tag}")
    return child.get(f"{W}val") if child is not None else None


def _level(lvl: etree._Element) -> Level:
    restart = _val(lvl, "lvlRestart")
    legal = lvl.find(f"{W}isLgl")
    return Level(fmt=_val(lvl, "numFmt") or "decimal", text=_val(lvl, "lvlText") or "",
                 start=_int(_val(lvl, "start"), 1), style=_val(lvl, "pStyle") or "",
                 restart=_int(restart, 0) if restart is not None else None,
                 legal=legal is not None and legal.get(f"{W}val") not in ("0", "false"))
