"""Checks a report before it is printed: one list of findings for the checks panel, the export
dialog, the reports list (有N处待补) and the ``check`` command.

What is checked: empty required fields and items, leftover blanks (models.blanks), figures that
are not numbers (models.figures; these block export unless marked 按原样打印), figures the text
gives differently, proofreading (models.proofread), sections far over their suggested length, a
落款 date that cannot be the period's, and paragraphs still as 复制为新一期 carried them over.

Each finding carries the field address, the exact span where it has one (so the editor can jump
and select it), a severity (error / warning / info), a kind (missing: will not print; wrong: will
print wrong; style) and the rule that found it. The list is in document order. 错误 (error) is kept
for what prints wrong; what is not written yet (kind missing) is a 提醒 (warning): it does not print,
and 有N处待补 still counts it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import hashlib
import json
from typing import TYPE_CHECKING

from models import blanks, outline, periods, proofread, structure_checks
from models import figures as figures_mod
from models.blanks import BLANK, find_blanks
from models.catalog import area_name
from models.figures import figure_problem, printed_as_is
from models.findings import (  # re-exported: callers have always found them here
    ERROR as ERROR,
)
from models.findings import (
    INFO as INFO,
)
from models.findings import (
    MISSING as MISSING,
)
from models.findings import (
    STYLE as STYLE,
)
from models.findings import (
    WARNING as WARNING,
)
from models.findings import (
    WRONG as WRONG,
)
from models.findings import (
    Finding as Finding,
)
from models.findings import (
    blocking as blocking,
)
from models.findings import (
    needs_attention as needs_attention,
)
from models.outline import part_title
from models.text import count_chars

if TYPE_CHECKING:
    from models.genres import Genre
    from models.report import Item, Report

# the finding type and its severities and kinds live in models/findings.py (structure_checks uses
# them too); they are re-exported here, where callers have always found them
def blank_message(text: str, start: int, end: int) -> str:
    return f"有未填写的占位符{blanks.describe(text, start, end)}，请填上实际内容（不改会照原样印出来）"


def run_checks(report: Report, genre: Genre) -> list[Finding]:
    out: list[Finding] = []
    labels: dict[str, str] = {}
    period = report.get("front.period").strip()

    def text(address: str, label: str, required: bool, scope: proofread.Scope | None = None) -> None:
        """Required, blanks and (for the body text, given a scope) proofreading of one field."""
        labels[address] = label
        value = report.get(address)
        if required and not value.strip():
            out.append(Finding(address, label, "必填内容还没有填写", WARNING, kind=MISSING, rule="required"))
        spans = find_blanks(value)
        for start, end, _blank in spans:
            out.append(Finding(address, label, blank_message(value, start, end), ERROR, start, end, WRONG, "blank"))
        if scope is not None and value.strip():
            for issue in proofread.proofread(value, scope):
                if any(issue.start < e and s < issue.end for s, e, _ in spans):
                    continue  # the blank says it already (开展?次 is a blank, not a question mark)
                out.append(Finding(address, label, issue.message, issue.severity, issue.start, issue.end,
                                   _print_kind(issue), f"proofread.{issue.rule}", issue.fix))

    for f in genre.front:
        address = f"front.{f.key}"
        text(address, f.label, f.required)
        value = report.get(address).strip()
        if value and f.kind == "period":
            try:
                if not genre.allows_period(value):
                    out.append(Finding(address, f.label, f"“{genre.name}”只用于{genre.period_kinds_text()}，"
                                                         "标题和各部分的说法会对不上，请改期间或换体裁", rule="period"))
            except periods.PeriodError as exc:
                out.append(Finding(address, f.label, str(exc), rule="period"))
        if value and f.kind == "date":
            try:
                signed = periods.parse_date(value)
            except periods.PeriodError as exc:
                out.append(Finding(address, f.label, str(exc), rule="date"))
            else:
                early = _early_date(signed, period) if genre.signature else ""
                if early:
                    out.append(Finding(address, f.label, early, WARNING, rule="date_early"))
    text("intro", genre.intro.label, genre.intro.required, proofread.Scope(period, True))
    # Labels use the printed numbers, so the officer finds the place in the preview and on paper.
    part_numbers, item_numbers = outline.part_numbers(report, genre), outline.numbering(report, genre)
    for part in genre.parts:
        plabel = f"{part_numbers.get(part.key, '')}{part_title(report, genre, part.key)}"
        scope = proofread.Scope(period, not looks_ahead(part.guide.label, part_title(report, genre, part.key)))
        text(f"part.{part.key}.title", plabel, False, dataclasses.replace(scope, body=False))
        # a lead the genre does not declare is never printed, but a blank in it is still reported
        lead_label = f"{plabel} › {part.lead.label if part.lead else '导语段'}"
        text(f"part.{part.key}.lead", lead_label, bool(part.lead and part.lead.required), scope)
        items = report.items.get(part.key, [])
        filled = [i for i in items if not _empty(report, i)]
        if part.guide.required and part.key not in part_numbers:
            out.append(Finding(f"part.{part.key}.title", plabel, "本部分还没有填写内容", WARNING,
                               kind=MISSING, rule="empty_part"))
        elif part.items and len(filled) < part.min_items:
            out.append(Finding(f"part.{part.key}.title", plabel, f"至少需要写 {part.min_items} 条{part.items.label}",
                               WARNING, kind=MISSING, rule="min_items"))
        for i, item in enumerate(items, start=1):
            _check_item(report, item, plabel, item_numbers, i, out, text, 1, scope)
    if genre.closing:
        # the closing looks ahead by nature (同志们，做好下半年工作……): no period words there
        text("closing", genre.closing.label, genre.closing.required, proofread.Scope(period, False))
    out.extend(_over_length(report, genre, labels))
    out.extend(structure_checks.findings(report, genre))  # sections, enumerations, typed numbering
    for a in unchanged_since_copy(report):
        if a in labels:
            out.append(Finding(a, labels[a], _stale_message(report, a), WARNING, rule="stale"))
    return in_document_order(out, field_order(report, genre))


def _print_kind(issue: proofread.Issue) -> str:
    """What a proofreading issue means for print: the rule says (finding_kind), else information
    reads badly (style) and a warning prints wrong."""
    r = proofread.rule(issue.rule)
    kind = r.data.get("finding_kind") if r else None
    if kind in (WRONG, STYLE):
        return kind
    return STYLE if issue.severity == INFO else WRONG


def field_order(report: Report, genre: Genre) -> list[str]:
    """Every field address in the order the officer meets it: the front matter (the editor's first
    page), 导语, then part by part its title, lead and items (heading, body, figures, then the
    points under it), and the closing. Figures stand with their item, where they are typed, rather
    than in the 主要数据一览 table at the end of the print."""
    out = [f"front.{f.key}" for f in genre.front] + ["intro"]

    def item_fields(item: Item) -> None:
        out.extend([f"item.{item.id}.heading", f"item.{item.id}.body"])
        out.extend(f"item.{item.id}.fig.{fig.key}" for fig in item.figures)
        for child in item.children:
            item_fields(child)

    for part in genre.parts:
        out.extend([f"part.{part.key}.title", f"part.{part.key}.lead"])
        for item in report.items.get(part.key, []):
            item_fields(item)
    out.append("closing")
    return out


def in_document_order(findings: list[Finding], order: list[str]) -> list[Finding]:
    """Findings sorted by field (``order``) and then by position in the field; a finding about the
    whole field comes before those about a span of it; errors and warnings stay interleaved."""
    rank = {address: n for n, address in enumerate(order)}
    return sorted(findings, key=lambda f: (rank.get(f.address, len(rank)), f.start, f.end))


EARLY_DAYS = 60  # a summary is signed around the end of its period; two months before is a date left over
LENGTH_FACTOR = 2  # a section more than twice its suggested maximum is far too long


def period_end(code: str) -> _dt.date | None:
    """The last day of a period (2024H1 → 2024-06-30), None when the period cannot be read."""
    try:
        year, kind = periods.parse_period(code)
    except periods.PeriodError:
        return None
    month = {"H1": 6, "Q1": 3, "Q2": 6, "Q3": 9}.get(kind, 12)
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _early_date(signed: _dt.date, period: str) -> str:
    """Why a 落款 date cannot be right for the period, or "".

    复制为新一期 fills in the day of the copy, usually at the start of the new period: a summary of
    2024年下半年 signed in July is last period's habit, not the date the officer will hand it in.
    """
    end = period_end(period)
    if end is None or signed >= end - _dt.timedelta(days=EARLY_DAYS):
        return ""
    return (f"落款日期{periods.date_label(signed.isoformat())}比{periods.period_label(period)}结束早了很多，"
            "总结一般在期末前后成文（复制为新一期时这里填的是复制当天），请改成实际成文日期")


def today() -> _dt.date:
    return _dt.date.today()


def signing_date(period: str) -> _dt.date:
    """The 落款 date 复制为新一期 gives the new report: the day of the copy, unless that is so early in
    the period that it could not be the date of its summary (``_early_date`` would flag it); then the
    period's last day, the usual date of a summary."""
    now, end = today(), period_end(period)
    if end is not None and now < end - _dt.timedelta(days=EARLY_DAYS):
        return end
    return now


def _over_length(report: Report, genre: Genre, labels: dict[str, str]) -> list[Finding]:
    """A section (导语, a part, 结束语) more than LENGTH_FACTOR times its suggested maximum."""
    sections: list[tuple[str, list[str], tuple[int, int] | None]] = [("intro", ["intro"], genre.intro.suggested)]
    for part in genre.parts:
        fields = [f"part.{part.key}.lead"]
        for top in report.items.get(part.key, []):
            fields += [f"item.{i.id}.{name}" for i in top.walk() for name in ("heading", "body")]
        sections.append((f"part.{part.key}.title", fields, part.guide.suggested))
    if genre.closing:
        sections.append(("closing", ["closing"], genre.closing.suggested))
    out = []
    for address, fields, suggested in sections:
        if not suggested:
            continue
        total = sum(count_chars(report.get(a)) for a in fields)
        if total > LENGTH_FACTOR * suggested[1]:
            # on the part itself: its page shows the count (本节 N 字，建议 …) next to the text
            out.append(Finding(address, labels.get(address, ""),
                               f"这一部分有{total:,}字，建议{suggested[0]:,}–{suggested[1]:,}字，"
                               f"超出一倍以上，打印出来会很长，请精简或把次要内容删去", WARNING, kind=STYLE,
                               rule="length"))
    return out


REVIEW = "meta.review"  # {address: fingerprint} of the text a 复制为新一期 carried over


def fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def unchanged_since_copy(report: Report) -> list[str]:
    """Addresses whose text is still exactly what was copied from the previous period."""
    try:
        marks = json.loads(report.get(REVIEW) or "{}")
    except ValueError:
        return []
    if not isinstance(marks, dict):
        return []
    return [a for a, mark in marks.items() if report.get(a).strip() and fingerprint(report.get(a)) == mark]


def _stale_message(report: Report, address: str) -> str:
    if address == "front.date":
        try:
            shown = periods.date_label(report.get(address))
        except periods.PeriodError:
            shown = report.get(address)
        return f"落款日期和上一期一样（{shown}），请改成本期的成文日期"
    return "这段还是上一期的原文，请按本期情况改写（改动后提示消失）"


def _empty(report: Report, item: Item) -> bool:
    return outline.is_empty(report, item)


def looks_ahead(*names: str) -> bool:
    """A part or item about plans (下半年工作思路, 下步举措) or problems, where later periods are named."""
    words = proofread.rule("period_word")
    skip = words.data["skip_parts"] if words else []
    return any(w in name for name in names for w in skip)


def _check_item(report: Report, item: Item, parent_label: str, numbers: dict[str, str], index: int,
                out: list[Finding], text, depth: int, scope: proofread.Scope) -> None:
    if scope.period_words and looks_ahead(report.get(f"item.{item.id}.heading")):
        scope = proofread.Scope(scope.period, False)  # an item 下半年工作打算 inside a results part
    if item.kind != "item":  # enumerations and their entries: models/structure_checks.py
        return
    name = area_name(item.area)
    number = numbers.get(item.id, f"第{index}条")
    label = f"{parent_label} › {number}{name and '（' + name + '）'}"
    heading, body = f"item.{item.id}.heading", f"item.{item.id}.body"
    if _empty(report, item) and not any(report.get(f"item.{item.id}.fig.{f.key}") for f in item.figures):
        out.append(Finding(heading, label, "这一条还没有填写（空条目不会打印，不需要可删除）", WARNING,
                           kind=MISSING, rule="empty_item"))
        return
    has_children = bool(item.children)
    if depth == 1 and not report.get(heading).strip():
        out.append(Finding(heading, label, "标题句还没有填写", WARNING, kind=MISSING, rule="required"))
    text(heading, label, False, dataclasses.replace(scope, body=False))
    if not has_children and not report.get(body).strip():
        out.append(Finding(body, label, "正文还没有填写", WARNING, kind=MISSING, rule="required"))
    text(body, label, False, scope)
    for fig in item.figures:
        out.extend(_figure_findings(report, f"item.{item.id}.fig.{fig.key}", f"{label} › {fig.label}"))
    out.extend(_disagreements(report, item, label))
    for j, child in enumerate(item.children, start=1):
        _check_item(report, child, label, numbers, j, out, text, depth + 1, scope)


def _figure_findings(report: Report, address: str, label: str) -> list[Finding]:
    """A figure that is not a number: one blocking finding (on its blank when it holds one)."""
    value = report.get(address)
    problem = figure_problem(value)
    if not problem or printed_as_is(report, address):
        return []
    spans = find_blanks(value)
    if spans:
        start, end, _ = spans[0]
        return [Finding(address, label, blank_message(value, start, end), ERROR, start, end, WRONG, "figure",
                        blocking=True)]
    return [Finding(address, label, problem, ERROR, kind=WRONG, rule="figure", blocking=True)]


def _disagreements(report: Report, item: Item, label: str) -> list[Finding]:
    """A figure whose quantity the item's text gives differently (figure 24场次, text 宣讲20场次).

    A number in the text belongs to the one figure whose label shares the longest run of words
    with what precedes the number in its clause (a tie belongs to none); a figure is flagged only
    when the text has numbers of its unit that belong to it and none of them can be the same quantity.
    """
    figures = []
    for fig in item.figures:
        value = report.get(f"item.{item.id}.fig.{fig.key}")
        parsed = figures_mod.parse_figure(value)
        if parsed is not None and fig.unit:
            figures.append((fig, parsed))
    if not figures:
        return []
    found: list[tuple[str, figures_mod.Mention]] = []
    for node in item.walk():
        for name in ("heading", "body"):
            address = f"item.{node.id}.{name}"
            found.extend((address, m) for m in figures_mod.mentions(report.get(address)))
    related: dict[str, list[tuple[int, str, figures_mod.Mention]]] = {}
    for address, mention in found:
        scores = [(figures_mod.relatedness(fig.label, mention.context), fig) for fig, _ in figures
                  if figures_mod.same_unit(figures_mod.unit_scale(fig.unit)[1], mention.unit)]
        best = max((score for score, _ in scores), default=0)
        owners = [fig for score, fig in scores if score == best]
        if best >= 2 and len(owners) == 1:  # 市级以上媒体27篇 fits 中央级/省级/市级 alike: no one's number
            related.setdefault(owners[0].key, []).append((best, address, mention))
    out: list[Finding] = []
    for fig, parsed in figures:
        candidates = related.get(fig.key, [])
        if not candidates or any(figures_mod.agrees(parsed, fig.unit, m) for _, _, m in candidates):
            continue
        _score, address, mention = max(candidates, key=lambda c: c[0])
        shown = figures_mod.display(parsed.text, fig.unit)
        out.append(Finding(address, f"{label} › {fig.label}",
                           f"数据“{fig.label}”填的是{shown}，正文写的是“{mention.text}”，两处对不上，请核对后改成同一个数",
                           WARNING, mention.start, mention.end, WRONG, "agreement"))
    return out


def completion(report: Report, genre: Genre) -> int:
    """Percent of the required pieces written (front fields, 导语, each part's items).

    A field still holding a blank such as XX is not written yet, so the bar and the 待补 count agree.
    """

    def done(address: str) -> bool:
        text = report.get(address)
        return bool(text.strip()) and not BLANK.search(text)

    slots: list[bool] = [done(f"front.{f.key}") for f in genre.front if f.required]
    if genre.intro.required:
        slots.append(done("intro"))
    for part in genre.parts:
        # not enumerations; an empty item is not counted either: it does not print, so nothing of it is
        # missing (a part with no written item still counts as one missing piece when it needs items)
        items = [i for i in report.items.get(part.key, []) if i.kind == "item" and not _empty(report, i)]
        if part.lead and part.lead.required:
            slots.append(done(f"part.{part.key}.lead"))
        if not items:
            slots.append(part.min_items == 0)
        for item in items:
            slots.append(done(f"item.{item.id}.heading"))
            slots.append(done(f"item.{item.id}.body") or bool(item.children))
    if genre.closing and genre.closing.required:
        slots.append(done("closing"))
    return round(100 * sum(slots) / len(slots)) if slots else 100
