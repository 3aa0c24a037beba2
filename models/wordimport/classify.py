"""What one line of text is, from its words alone: numbering, enumerations, dates, the title,
the speaker line, the salutation, a run-in heading sentence, figures. No layout, no tree here."""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from models.wordimport.numbering import chinese_number

SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b"
HEADING_MAX = 40  # a heading sentence longer than this is body text that happens to be numbered
TITLE_MAX = 50
_FULL_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_CN = "一二三四五六七八九十百〇零两"
_CN_VALUE = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


_HAS_FULL_DIGITS = re.compile("[０-９．]")


def ascii_digits(text: str) -> str:
    return text.translate(_FULL_DIGITS) if _HAS_FULL_DIGITS.search(text) else text


def chinese_value(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; digits pass through."""
    text = ascii_digits(text)
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch in _CN_VALUE:
            current = current * 10 + _CN_VALUE[ch] if current else _CN_VALUE[ch]
        else:
            return 0
    return total + current


# ---------------------------------------------------------------- numbering typed in the text


@dataclass(frozen=True)
class Numbered:
    rank: int  # 1 一、  2 （一）  3 1.  4 （1）  5 ①
    number: str  # as printed in the file
    value: int
    rest: str  # the text after the number


_BRA = re.escape("（(〔【[［")
_KET = re.escape("）)〕】]］")
_NUMBERING = [
    (1, re.compile(rf"^([{_CN}]{{1,4}})\s*[、.．]")),
    (2, re.compile(rf"^[{_BRA}]\s*([{_CN}]{{1,4}})\s*[{_KET}]\s*[、.．]?")),
    (3, re.compile(r"^([0-9]{1,3})\s*(?:[、.](?![0-9])|．)")),
    (3, re.compile(r"^([⒈-⒛])")),
    (4, re.compile(rf"^[{_BRA}]\s*([0-9]{{1,3}})\s*[{_KET}]\s*[、.．]?")),
    (4, re.compile(r"^([0-9]{1,3})[)）](?![0-9])")),
    (4, re.compile(r"^([⑴-⒇])")),
    (5, re.compile(r"^([①-⑳])\s*[、.．]?")),
]
_ENCLOSED = {**{chr(0x2460 + n): n + 1 for n in range(20)}, **{chr(0x2474 + n): n + 1 for n in range(20)},
             **{chr(0x2488 + n): n + 1 for n in range(20)}}


@functools.lru_cache(maxsize=8192)
def numbered(text: str) -> Numbered | None:
    """"（一）抓实理论学习。" → rank 2, number "（一）", rest "抓实理论学习。"."""
    probe = ascii_digits(text[:12])
    for rank, pattern in _NUMBERING:
        m = pattern.match(probe)
        if not m:
            continue
        token = m.group(1)
        value = _ENCLOSED.get(token) or chinese_value(token)
        if value <= 0:
            continue
        rest = text[m.end():].lstrip(SPACES)
        if rank == 1 and rest[:1] in ("是", "要", "方"):  # 一是… is an enumeration, not 一、
            continue
        return Numbered(rank, text[: m.end()].rstrip(SPACES), value, rest)
    return None


def number_label(rank: int, value: int) -> str:
    """The canonical printed form of a number (used by tests and messages)."""
    return {1: f"{chinese_number(value)}、", 2: f"（{chinese_number(value)}）", 3: f"{value}.",
            4: f"（{value}）", 5: chr(0x2460 + value - 1) if 1 <= value <= 20 else f"{value})"}[rank]


# ---------------------------------------------------------------- enumerations 一是 / 第一 / 首先


@dataclass(frozen=True)
class Ordinal:
    family: str  # "是" 一是…, "要" 一要…, "第" 第一…, "序" 首先…
    index: int
    text: str  # the ordinal as written ("一是", "第二，" without the comma → "第二")
    start: int
    end: int  # where the entry's text begins


_ORDER_WORDS = {"首先": 1, "其次": 2, "再次": 3, "然后": 4, "最后": 99}
_BOUNDARY = frozenset("。；;：:！!？?，,“ \t\u3000")
# No look-behind at the front, so the regex engine can skip to the candidate characters; the clause
# boundary before an ordinal is checked in ordinals().
_ORD_RE = re.compile(
    r"(?P<cn>[一二三四五六七八九十]{1,3})(?P<fam>[是要])|第(?P<di>[一二三四五六七八九十]{1,3})(?=[，、,：:])"
    r"|(?P<seq>首先|其次|再次|最后)(?=[，、,：:])")


def ordinals(text: str) -> list[Ordinal]:
    """Every enumeration ordinal at a clause boundary, in order."""
    out = []
    for m in _ORD_RE.finditer(text):
        if m.start() and text[m.start() - 1] not in _BOUNDARY:
            continue
        end = m.end()
        if m.group("cn"):
            family, index, written = m.group("fam"), chinese_value(m.group("cn")), m.group(0)
        elif m.group("di"):
            family, index, written = "第", chinese_value(m.group("di")), m.group(0)
        else:
            family, index, written = "序", _ORDER_WORDS[m.group("seq")], m.group("seq")
        if family == "序" or (end < len(text) and text[end] in "，、,：:"):
            end += 1
        out.append(Ordinal(family, index, written, m.start(), end))
    return out


def _follows(prev: Ordinal, nxt: Ordinal) -> bool:
    if prev.family != nxt.family:
        return False
    if prev.family == "序":
        return nxt.index > prev.index
    return nxt.index == prev.index + 1


@functools.lru_cache(maxsize=8192)
def leading_ordinal(text: str) -> Ordinal | None:
    """An ordinal that starts the paragraph ("一是…", "第二，…", "首先，…")."""
    found = ordinals(text[:8])
    return found[0] if found and found[0].start == 0 else None


def follows(prev: Ordinal, nxt: Ordinal) -> bool:
    return _follows(prev, nxt)


def run_together(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"重点抓了三件事：一是…；二是…；三是…。" → (lead, [(ordinal, entry text), …]), when at
    least two ordinals of one family follow each other in the paragraph."""
    found = ordinals(text)
    best: list[Ordinal] = []
    for n, first in enumerate(found):
        if first.index != 1:
            continue
        chain = [first]
        for nxt in found[n + 1:]:
            if _follows(chain[-1], nxt):
                chain.append(nxt)
        if len(chain) > len(best):
            best = chain
    if len(best) < 2:
        return None
    lead = text[: best[0].start].rstrip(SPACES)
    entries = []
    for n, o in enumerate(best):
        stop = best[n + 1].start if n + 1 < len(best) else len(text)
        entries.append((o.text, text[o.end:stop].strip(SPACES)))
    return lead, entries


# ---------------------------------------------------------------- dates, speaker, salutation


_CN_DIGIT = "〇零○Ｏ一二三四五六七八九十"
_DATE = re.compile(rf"([0-9]{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*([0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*月\s*"
                   rf"([0-9]{{1,2}}|[{_CN_DIGIT}]{{1,3}})\s*日")


def _cn_date_part(text: str) -> int:
    if text.isdigit():
        return int(text)
    text = text.replace("○", "〇").replace("Ｏ", "〇")
    if len(text) == 4:  # 二〇二四: digit by digit
        return int("".join(str(_CN_VALUE.get(c, 0)) for c in text))
    return chinese_value(text)


def _iso(m: re.Match) -> str | None:
    try:
        day = _dt.date(_cn_date_part(m.group(1)), _cn_date_part(m.group(2)), _cn_date_part(m.group(3)))
    except ValueError:
        return None
    return day.isoformat()


def date_only(text: str) -> str | None:
    """"2024年07月05日" (alone on its line, spaces allowed) → "2024-07-05"."""
    probe = ascii_digits(text).strip(SPACES)
    m = _DATE.fullmatch(probe)
    return _iso(m) if m else None


def find_date(text: str) -> str | None:
    m = _DATE.search(ascii_digits(text))
    return _iso(m) if m else None


@dataclass(frozen=True)
class Speaker:
    name: str  # 张三同志 ("" when the line holds only the date)
    date: str  # ISO
    text: str


_SPEAKER = re.compile(rf"^(?P<name>[^（(]{{0,30}}?)[{SPACES}]*[（(][{SPACES}]*(?P<date>[^）)]+?)[{SPACES}]*[）)]$")


def speaker_line(text: str) -> Speaker | None:
    """"张三同志（2024年7月5日）" → Speaker("张三同志", "2024-07-05")."""
    m = _SPEAKER.match(text.strip(SPACES))
    if not m:
        return None
    iso = date_only(m.group("date"))
    return Speaker(m.group("name").strip(SPACES), iso, text.strip(SPACES)) if iso else None


_GREETING = re.compile(r"同志们|各位|领导|代表|朋友|大家|同事|来宾|同学")


def is_salutation(text: str) -> bool:
    """"同志们：", "各位领导、同志们：" (short, ends with a colon)."""
    text = text.strip(SPACES)
    return 2 <= len(text) <= 30 and text[-1] in "：:" and "。" not in text and (
        bool(_GREETING.search(text)) or len(text) <= 8)


_CLOSING = re.compile(r"^(?:同志们[，,！!]|总之[，,]|总而言之[，,]|综上所述[，,]|综上[，,])")


def is_closing_start(text: str) -> bool:
    return bool(_CLOSING.match(text))


# ---------------------------------------------------------------- headings and body


_SENTENCE_END = "。！？!?"


def split_heading(rest: str, emphasis: int = 0) -> tuple[str, str, str]:
    """A numbered line's text after its number → (heading, body, form).

    form is "own_line" (the line is the heading) or "run_in" (a heading sentence, then the body in
    the same paragraph). An emphasised lead (bold / 楷体) marks the heading when there is one;
    otherwise the heading sentence runs to the first 。. A first sentence longer than HEADING_MAX
    is not a heading: the whole text is the body of a run-in item with no heading.
    """
    rest = rest.strip(SPACES)
    if 0 < emphasis < len(rest) and emphasis <= HEADING_MAX + 10:
        return rest[:emphasis].rstrip(SPACES), rest[emphasis:].strip(SPACES), "run_in"
    cut = min((i for i in (rest.find(c) for c in _SENTENCE_END) if i >= 0), default=-1)
    if cut < 0 or cut == len(rest) - 1:
        if len(rest) <= TITLE_MAX + 10 or (cut < 0 and len(rest) <= HEADING_MAX * 2):
            return rest, "", "own_line"
        return "", rest, "run_in"
    if cut + 1 <= HEADING_MAX:
        return rest[: cut + 1], rest[cut + 1:].strip(SPACES), "run_in"
    return "", rest, "run_in"


def looks_like_lost_heading(text: str) -> bool:
    """A short line without punctuation in the middle of the body: a heading that lost its number,
    a caption, a note. It is kept in the body and reported as not classified."""
    text = text.strip(SPACES)
    return 0 < len(text) <= 25 and not re.search(r"[。；;！!？?，,：:、]", text) and not date_only(text)


# ---------------------------------------------------------------- figures in the text


class Figure(NamedTuple):
    label: str  # the words before the number ("开展宣讲"), a guess
    value: str  # as typed ("3600余", "5.7万")
    unit: str  # 场次, 人次, %
    text: str  # the phrase it was read from


_UNITS = ("万人次|万人|万次|万元|万册|万件|万条|万篇|人次|场次|篇次|户次|个|人|名|次|场|篇|条|件|期|家|处|支|所|"
          "座|部|项|批|类|块|份|户|元|幅|首|本|册|课|轮|组|队|位|%|％")
_DELIMS = r"，。；、：（）()“”《》,;:！？!?\s"
_FIGURE = re.compile(rf"(?P<value>[0-9]+(?:\.[0-9]+)?(?:余|多)?(?:万|亿)?(?:余|多)?)(?P<unit>{_UNITS})")
_DELIM = re.compile(rf"[{_DELIMS}]+|[0-9.]+")
_VERB = re.compile(r"开展|组织|举办|举行|召开|评选|选树|刊发|刊播|播发|发布|推送|推出|制作|覆盖|受众|培训|录制|"
                   r"开设|新增|建成|创建|放映|演出|审核|处置|发稿|参与|服务|惠及|宣讲")
_TRAILING = ("达到", "达", "为", "超过", "突破", "近", "约", "共", "累计", "分别")
_FILLER = ("今年以来", "截至目前", "上半年", "下半年", "全年", "年内", "目前", "累计", "共计", "总计", "合计", "先后",
           "其中", "等", "共", "已经", "已", "均", "并", "还", "全镇", "全县", "全区", "全市")


def _quoted(probe: str, start: int) -> str:
    """评选“最美庭院”60户: the quoted name before the number is the label."""
    window = probe[max(0, start - 40): start]
    if not window.endswith(("”", "》")):
        return ""
    opening = window.rfind("“" if window.endswith("”") else "《")
    return window[opening + 1: -1] if opening >= 0 else ""


def _label(clause: str) -> str:
    """The words of a figure: the clause before the number without time words, from its verb."""
    label = clause
    while label.startswith(_FILLER):
        shorter = next(label[len(w):] for w in _FILLER if label.startswith(w))
        if not shorter:  # "共计" alone: keep it rather than nothing
            break
        label = shorter
    while label.endswith(_TRAILING):
        label = next(label[: -len(w)] for w in _TRAILING if label.endswith(w))
    verbs = list(_VERB.finditer(label))
    if not verbs:
        return label[-8:]
    first = len(verbs) - 1
    while first and verbs[first - 1].end() == verbs[first].start():  # 开展宣讲: a run of verbs
        first -= 1
    return label[verbs[first].start():]


def figures(text: str) -> list[Figure]:
    """"开展宣讲12场次，覆盖群众3600余人次" → 开展宣讲 12 场次; 覆盖群众 3600余 人次."""
    probe = ascii_digits(text)
    out: list[Figure] = []
    stops: list[int] | None = None
    for m in _FIGURE.finditer(probe):
        start = m.start()
        if start and probe[start - 1] in "第.":  # 第3次 is an ordinal; .5 is the tail of a number
            continue
        if stops is None:  # where clauses end, once per text
            stops = [d.end() for d in _DELIM.finditer(probe)]
        found = bisect.bisect_right(stops, start) - 1
        clause_start = max(stops[found] if found >= 0 else 0, start - 40)
        clause = probe[clause_start: start]
        label = _label(clause) or _quoted(probe, start)
        unit = "%" if m.group("unit") == "％" else m.group("unit")
        out.append(Figure(label, m.group("value"), unit, clause + m.group(0)))
    return out


# ---------------------------------------------------------------- tables


_NUMERIC_CELL = re.compile(r"^[约近超逾]?[0-9][0-9,，.]*\s*(?:余|多)?\s*(?:万|亿)?\s*(?:余|多)?\s*"
                           r"[\u4e00-\u9fff%％]{0,3}$")


def is_numeric_cell(text: str) -> bool:
    return bool(_NUMERIC_CELL.match(ascii_digits(text).strip(SPACES)))


def is_figure_table(rows: list[list[str]]) -> bool:
    """A label column and at least one column of numbers (header row aside)."""
    data = [r for r in rows[1:] if any(c.strip() for c in r)]
    if len(data) < 1 or max((len(r) for r in rows), default=0) < 2:
        return False
    first = [r[0] for r in data if r and r[0].strip()]
    if not first or sum(is_numeric_cell(c) for c in first) > len(first) / 2:
        return False
    width = max(len(r) for r in data)
    for col in range(1, width):
        cells = [r[col] for r in data if col < len(r) and r[col].strip()]
        if cells and sum(is_numeric_cell(c) for c in cells) >= 0.7 * len(cells):
            return True
    return False


# ---------------------------------------------------------------- the title


@dataclass(frozen=True)
class GenreInfo:
    id: str
    name: str
    title: str  # the genre's title pattern, "{unit}{period}宣传工作总结"
    periods: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class TitleInfo:
    text: str
    unit: str = ""
    period: str = ""  # 2024H1 / 2024H2 / 2024 / 2024Q3
    genre: str = ""  # a genre id, a guess
    genre_name: str = ""
    exact: bool = False  # the title is exactly the genre's title pattern
    meeting: str = ""  # speech: 在…上的讲话


_PERIOD = re.compile(r"(?P<year>[0-9]{4})\s*年\s*(?:度\s*)?(?P<kind>上半年|下半年|第[一二三四1-4]季度|[一二三四1-4]季度"
                     r"|1\s*[-—–至到~～]\s*6\s*月(?:份)?|7\s*[-—–至到~～]\s*12\s*月(?:份)?|全年)?")
_HALF_ONLY = re.compile(r"(上半年|下半年)")
_SPEECH = re.compile(r"^[—－\-]*\s*在(?P<meeting>.+?)上的(?:讲话|发言|致辞|主持词|总结讲话)(?:材料|稿|提纲)?$")
_SUBJECT = re.compile(r"(?:关于)?(?=宣传|党委宣传|工作总结|总结|工作|思想)")


def _kind_code(kind: str) -> str:
    kind = ascii_digits(kind or "")
    if not kind or kind == "全年":
        return ""
    if kind == "上半年" or kind.replace(" ", "").startswith("1"):
        return "H1" if "季" not in kind else "Q1"
    if kind == "下半年" or kind.replace(" ", "").startswith("7"):
        return "H2"
    q = re.search(r"([一二三四1-4])季度", kind)
    if q:
        return f"Q{chinese_value(q.group(1))}"
    return ""


def recognise_title(text: str, genres: tuple[GenreInfo, ...] = (), fallback_year: int | None = None) -> TitleInfo:
    """"示例镇2024年上半年宣传工作总结" → unit 示例镇, period 2024H1, genre half_year."""
    title = re.sub(f"[{SPACES}]", "", ascii_digits(text))
    meeting = ""
    speech = _SPEECH.search(title) or _SPEECH.search(title.split("——")[-1]) if title else None
    if speech:
        meeting = speech.group("meeting")
    unit, period = "", ""
    m = _PERIOD.search(title)
    if m and 1990 <= int(m.group("year")) <= 2100:
        period = m.group("year") + _kind_code(m.group("kind"))
        unit = title[: m.start()].removeprefix("关于").strip("“”\"")
        if not unit:
            after = title[m.end():]
            s = _SUBJECT.search(after)
            unit = after[: s.start()] if s and s.start() > 0 else ""
    else:
        half = _HALF_ONLY.search(title)
        if half and fallback_year:
            period = f"{fallback_year}{_kind_code(half.group(1))}"
        if half:
            unit = title[: half.start()].removeprefix("关于")
    if speech:
        unit = ""
    genre = _guess_genre(title, period, bool(speech), genres)
    return TitleInfo(text=text.strip(SPACES), unit=unit, period=period, genre=genre[0].id if genre[0] else "",
                     genre_name=genre[0].name if genre[0] else "", exact=genre[1], meeting=meeting)


@functools.lru_cache(maxsize=32)
def _pattern(title: str) -> re.Pattern:
    fields = {"unit": r"(?P<unit>.+?)", "period": r"[0-9]{4}年(?:上半年|下半年|第[一二三四]季度)?",
              "year": r"[0-9]{4}", "next_year": r"[0-9]{4}", "half": r"(?:上半年|下半年)", "meeting": r".+?",
              "next": r".+?", "speaker": r".+?", "date": r".+?"}
    out, pos = "", 0
    for m in re.finditer(r"\{(\w+)\}", title):
        out += re.escape(title[pos: m.start()]) + fields.get(m.group(1), r".*?")
        pos = m.end()
    return re.compile("^" + out + re.escape(title[pos:]) + "$")


def _guess_genre(title: str, period: str, speech: bool, genres: tuple[GenreInfo, ...]) -> tuple[GenreInfo | None, bool]:
    kind = period[4:] if period else None
    fits = [g for g in genres if kind is None or kind in g.periods or (kind.startswith("Q") and "Q" in g.periods)]
    exact = [g for g in fits if _pattern(g.title).match(title)]
    if exact:
        return max(exact, key=lambda g: len(re.sub(r"\{\w+\}", "", g.title))), True
    by_id = {g.id: g for g in genres}
    plan = re.search(r"(?:暨|及|和|与).*(?:思路|计划|打算|安排|要点)", title)
    if speech or re.search(r"讲话|发言", title):
        choice = "speech"
    elif "融媒体" in title and kind in ("H1", "H2"):
        choice = "media_centre"
    elif kind == "H1" and plan:
        choice = "half_year_plan"
    elif kind == "" or (kind is None and re.search(r"年度|全年", title)):
        choice = "annual_plan"
    elif kind in ("H1", "H2"):
        choice = "half_year"
    else:
        choice = ""
    return by_id.get(choice), False
