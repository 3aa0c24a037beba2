"""Figures as officers write them: 7万余, 1.2万, 3,600, 20余, 近百, 超过50, 100%, 3.5亿.

A figure is kept and printed exactly as typed; ``parse_figure`` reads it as a number with a scale
(万, 亿, %) and a qualifier (余, 近, 超过, 约 …) so the checks can compare it with the text. A value
that is not a number (letters, 十二, a minus sign) is an error that blocks export until the officer
fixes it or marks it 按原样打印: the mark is stored at ``<figure address>.asis`` and holds the very
text that was approved, so a later edit of the figure is checked again.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.paths import resource_dir

if TYPE_CHECKING:
    from models.report import Report

MAX_FIGURE = 10**10
SCALES = {"": 1.0, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12, "%": 1.0}
# before the number: at most (近), at least (超过), about (约)
BELOW = ("将近", "接近", "不足", "不到", "近")
ABOVE = ("超过", "多于", "超", "逾", "上")
ABOUT = ("大约", "约")
AFTER_ABOVE = ("以上", "余", "多", "+", "＋")
AFTER_ABOUT = ("左右",)
_PRE = "|".join(BELOW + ABOVE + ABOUT)
_POST = "|".join(re.escape(q) for q in AFTER_ABOVE + AFTER_ABOUT)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"^(?P<pre>{_PRE})?(?:(?P<num>{_NUM})(?P<scale>万亿|亿|万|千)?|(?P<word>百|千|万|亿))"
    rf"(?P<pct>%)?(?P<post>{_POST})?(?P<pct2>%)?$"
)
_WIDE = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_CN_NUMERALS = re.compile("[零〇一二两三四五六七八九十百千万亿]")
_LETTERS = re.compile("[A-Za-zＡ-Ｚａ-ｚ]")
_NEGATIVE = ("-", "－", "−", "负")
_UNIT_TAIL = re.compile(r"^(?:\d[\d,.]*)(?:万|亿)?(?P<unit>[\u4e00-\u9fff]{1,3})$")


@dataclass(frozen=True)
class Figure:
    text: str  # as typed, trimmed: this is what prints
    number: float  # the digits read: 7 in 7万余, 100 in 近百
    scale: str = ""  # "", 百, 千, 万, 亿, %
    qualifier: str = ""  # 余, 近, 超过, 约, 左右 … ("" for an exact figure)
    step: float = 1.0  # the place of the last written digit: 10 for 20余, 0.1 for 3.6万

    @property
    def value(self) -> float:
        """The quantity itself: 70000 for 7万余, 36000 for 3.6万 (a percentage stays 100 for 100%)."""
        return self.number * SCALES[self.scale]

    def interval(self, multiplier: float = 1.0) -> tuple[float, float]:
        """The range of quantities the figure stands for, in units × ``multiplier``.

        20余 → [20, 30], 近百 → [90, 100], 约3000 → [2500, 3500], 7万余 → [70000, 80000].
        """
        v = self.value * multiplier
        step = self.step * SCALES[self.scale] * multiplier
        q = self.qualifier
        if q in BELOW:
            return v - step, v
        if q in ABOVE or q in AFTER_ABOVE:
            return v, v + step
        if q in ABOUT or q in AFTER_ABOUT:
            return v - step / 2, v + step / 2
        return v, v


def _step(digits: str) -> float:
    """Place value of the last significant digit: 20 → 10, 4200 → 100, 3.6 → 0.1, 7 → 1."""
    digits = digits.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def parse_figure(value: str) -> Figure | None:
    """The figure read as a number, or None when it is empty or not a number officers write."""
    text = (value or "").strip()
    m = _FIGURE.match(text.translate(_WIDE).replace(" ", ""))
    if not text or not m:
        return None
    if m.group("pct") and m.group("pct2"):
        return None
    qualifier = m.group("pre") or m.group("post") or ""
    if m.group("word"):  # 近百, 上千, 近万: only with a qualifier in front
        if not m.group("pre"):
            return None
        return Figure(text, 1.0, m.group("word"), qualifier, 0.1)
    scale = m.group("scale") or ""
    if m.group("pct") or m.group("pct2"):
        if scale:
            return None
        scale = "%"
    return Figure(text, float(m.group("num").replace(",", "")), scale, qualifier, _step(m.group("num")))


def figure_problem(value: str) -> str:
    """Why a figure is not a number, in Chinese, or "" when it is one (or is empty)."""
    v = (value or "").strip()
    if not v:
        return ""
    asis = "；确实要这样印，可以选“按原样打印”"
    if v.startswith(_NEGATIVE):
        return "数据不能为负数，请填写实际数量（减少的情况写进正文）"
    figure = parse_figure(v)
    if figure is None:
        if _CN_NUMERALS.search(v) and not re.search(r"\d", v):
            return f"“{v}”不是数字，请用阿拉伯数字填写，如“十二”写成 12{asis}"
        if _LETTERS.search(v):
            return f"“{v}”不是数字：里面有字母，请只填阿拉伯数字，如 12、5.7、20余、7万余{asis}"
        tail = _UNIT_TAIL.match(v.translate(_WIDE))
        if tail:
            return (f"“{v}”不是数字：“{tail.group('unit')}”是单位，数据后面会自动印上单位，这里只填数字，"
                    f"如 {v[:tail.start('unit')]}{asis}")
        return f"“{v}”不是数字，请用阿拉伯数字填写，如 12、5.7、3,600、20余、7万余、近百、超过50、100%{asis}"
    if figure.value >= MAX_FIGURE:
        return f"“{v}”数值过大，请核对单位（可改用“万”“亿”为单位）"
    return ""


def _plain(number: float) -> str:
    """70000 → 70,000; 0.5 → 0.5 (no float noise such as 12000.000000001)."""
    rounded = round(number, 6)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    whole, _, decimals = f"{rounded:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}.{decimals}"


def reading(value: str) -> str:
    """How the checks read a figure, for the officer to confirm while typing: 7万余 → 70,000多, 近百 →
    接近100, 约3000 → 约3,000; "" when there is nothing to explain (24, 3,600, 100%) or it is not a number."""
    figure = parse_figure(value)
    if figure is None or (figure.scale in ("", "%") and not figure.qualifier):
        return ""
    shown = _plain(figure.value) + ("%" if figure.scale == "%" else "")
    q = figure.qualifier
    if q in ("不足", "不到"):
        return f"不到{shown}"
    if q in BELOW:
        return f"接近{shown}"
    if q in ABOUT or q in AFTER_ABOUT:
        return f"约{shown}"
    if q in ("余", "多", "+", "＋"):
        return f"{shown}多"
    if q == "以上":
        return f"{shown}以上"
    if q in ABOVE:
        return f"超过{shown}"
    return shown


def display(value: str, unit: str) -> str:
    """The figure as printed in the table: typed text plus unit, never doubled (6次 + 次, 3.6万 + 万人)."""
    value = value.strip()
    if not unit or value.endswith(unit):
        return value
    figure = parse_figure(value)
    if figure and figure.scale and figure.scale != "%" and unit.startswith(figure.scale):
        return value + unit[len(figure.scale):]
    return value + unit


def unit_scale(unit: str) -> tuple[float, str]:
    """万人次 → (10000, 人次): the multiplier a figure's unit carries and the unit counted."""
    for word in ("万亿", "亿", "万", "千"):
        if unit.startswith(word) and len(unit) > len(word):
            return SCALES[word], unit[len(word):]
    return 1.0, unit


def asis_address(figure_address: str) -> str:
    """Where the 按原样打印 mark of a figure is stored (item.<id>.fig.<key>.asis)."""
    return f"{figure_address}.asis"


def printed_as_is(report: Report, figure_address: str) -> bool:
    """The officer chose 按原样打印 for exactly the text the figure holds now."""
    value = report.get(figure_address).strip()
    return bool(value) and report.get(asis_address(figure_address)).strip() == value


# ---------------------------------------------------------------- the same quantity in the text


@dataclass(frozen=True)
class Mention:
    """A quantity written in a paragraph: 宣讲20场次 → 20场次 at [start, end), with what precedes it."""

    start: int
    end: int
    text: str  # 20场次
    figure: Figure
    unit: str  # 场次
    context: str  # the words before it in its clause (宣讲), quotes removed


@functools.cache
def _agreement_data() -> dict[str, Any]:
    data = json.loads((resource_dir() / "checks" / "figures.json").read_text(encoding="utf-8"))
    for key in ("units", "generic"):
        if not isinstance(data.get(key), list) or not all(isinstance(w, str) and w for w in data[key]):
            raise ValueError(f"figures.json: {key} must be a list of words")
    return data


@functools.cache
def _mention_pattern() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(_agreement_data()["units"], key=len, reverse=True))
    return re.compile(
        rf"(?<![\d.,])(?P<figure>(?:{_PRE})?(?:{_NUM})(?:万亿|亿|万|千)?(?:余|多)?)(?P<unit>{units})"
    )


_CLAUSE_END = "，。；！？、：,;:!?\n"
_QUOTES = str.maketrans("", "", "“”‘’《》「」『』\"'（）()【】")


def mentions(text: str) -> list[Mention]:
    """Every number-with-unit in the text, with the words of its clause before it."""
    out: list[Mention] = []
    previous = 0
    for m in _mention_pattern().finditer(text or ""):
        figure = parse_figure(m.group("figure"))
        if figure is None:
            continue
        clause = max(text.rfind(c, 0, m.start()) for c in _CLAUSE_END) + 1
        context = text[max(clause, previous):m.start()].translate(_QUOTES)
        out.append(Mention(m.start(), m.end(), m.group(), figure, m.group("unit"), context))
        previous = m.end()
    return out


def same_unit(a: str, b: str) -> bool:
    """场 and 场次 count the same thing; 人 and 人次 do not."""
    return a == b or any(a in group and b in group for group in _agreement_data()["same_unit"])


def relatedness(label: str, context: str) -> int:
    """Length of the longest run of characters the figure's label and the words before a number share,
    after dropping words every sentence has (开展, 累计 …): 开展宣讲 / 开展“微宣讲” → 2 (宣讲)."""
    for word in sorted(_agreement_data()["generic"], key=len, reverse=True):
        label, context = label.replace(word, " "), context.replace(word, " ")
    best = 0
    for i in range(len(label)):
        for j in range(i + best + 1, len(label) + 1):
            piece = label[i:j]
            if " " in piece or piece not in context:
                break
            best = j - i
    return best


def agrees(figure: Figure, unit: str, mention: Mention) -> bool:
    """Whether the figure (with its unit, e.g. 万次) and the mention can be the same quantity."""
    multiplier, _base = unit_scale(unit)
    if figure.scale and unit.startswith(figure.scale):
        multiplier = 1.0  # 3.6万 typed into a 万人次 figure: one 万, not two
    lo, hi = figure.interval(multiplier)
    mlo, mhi = mention.figure.interval()
    slack = 1e-9 * max(abs(hi), abs(mhi), 1.0)
    return lo <= mhi + slack and mlo <= hi + slack
