"""What the import recognised, said in Chinese for the officer ("识别出3个一级标题、12条二级标题……")."""

from __future__ import annotations

from dataclasses import dataclass

from models import periods
from models.wordimport.tree import Document, Unclassified

_LEVEL_NAMES = {2: "二级标题", 3: "三级标题", 4: "四级标题"}


@dataclass(frozen=True)
class ImportSummary:
    title: str
    unit: str
    period: str
    genre_name: str
    speaker: str
    salutation: str
    intro_paragraphs: int
    sections: int
    items: dict[int, int]  # level → count
    enumerations: int
    tables: int
    figure_tables: int
    figures: int
    closing_paragraphs: int
    sign_unit: str
    sign_date: str
    paragraphs: int  # paragraphs in the file (empty ones included)
    unclassified: tuple[Unclassified, ...]
    notes: tuple[str, ...] = ()  # what the mapping into a report adjusted (models/wordimport/to_report.py)

    @classmethod
    def of(cls, doc: Document, paragraphs: int) -> ImportSummary:
        items: dict[int, int] = {}
        for item in doc.items():
            items[item.level] = items.get(item.level, 0) + 1
        tables = list(doc.tables())
        nodes = [n for s in doc.sections for n in (s, *s.walk())]
        return cls(title="".join(doc.title_lines), unit=doc.title.unit, period=doc.title.period,
                   genre_name=doc.title.genre_name, speaker=doc.speaker.text if doc.speaker else "",
                   salutation=doc.salutation, intro_paragraphs=sum(1 for _ in doc.intro),
                   sections=sum(1 for s in doc.sections if not s.implicit), items=dict(sorted(items.items())),
                   enumerations=sum(1 for _ in doc.enumerations()), tables=len(tables),
                   figure_tables=sum(1 for t in tables if t.figure_table),
                   figures=sum(len(n.figures) for n in nodes), closing_paragraphs=len(doc.closing),
                   sign_unit=doc.sign_unit, sign_date=doc.sign_date, paragraphs=paragraphs,
                   unclassified=tuple(doc.unclassified))

    def text(self) -> str:
        """One paragraph for the import dialog and the CLI."""
        parts = []
        if self.title:
            known = []
            if self.unit:
                known.append(f"单位：{self.unit}")
            if self.period:
                known.append(f"期间：{periods.period_label_or(self.period)}")
            if self.genre_name:
                known.append(f"体裁：{self.genre_name}")
            parts.append(f"标题“{self.title}”" + (f"（{'；'.join(known)}）" if known else ""))
        else:
            parts.append("没有找到标题")
        if self.speaker:
            parts.append(f"署名行“{self.speaker}”")
        if self.salutation:
            parts.append(f"称呼“{self.salutation}”")
        if self.intro_paragraphs:
            parts.append(f"导语{self.intro_paragraphs}段")
        heads = [f"{self.sections}个一级标题"]
        heads += [f"{n}条{_LEVEL_NAMES[level]}" for level, n in self.items.items() if n]
        parts.append("、".join(heads))
        if self.enumerations:
            parts.append(f"{self.enumerations}组列举（一是……二是……）")
        if self.tables:
            extra = f"（其中{self.figure_tables}张数据表）" if self.figure_tables else ""
            parts.append(f"{self.tables}张表格{extra}")
        if self.figures:
            parts.append(f"正文中{self.figures}个数字可作为数据")
        if self.closing_paragraphs:
            parts.append(f"结束语{self.closing_paragraphs}段")
        if self.sign_unit or self.sign_date:
            date = periods.date_label(self.sign_date) if self.sign_date else ""
            parts.append("落款" + "，".join(x for x in (self.sign_unit, date) if x))
        text = "识别出" + "；".join(parts) + "。"
        if self.unclassified:
            places = []
            for u in self.unclassified:
                if u.placed_in not in places:
                    places.append(u.placed_in)
            shown = "、".join(places[:3]) + ("等处" if len(places) > 3 else "")
            text += f"{len(self.unclassified)}段未能归类，已原样放在{shown}，请导入后核对。"
        else:
            text += "所有段落都已归类，没有遗漏。"
        return text + "".join(self.notes)
