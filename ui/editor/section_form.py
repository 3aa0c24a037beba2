"""The form on the right for one section, built from the genre data only.

基本信息 → one row per front field of the genre; 导语/结束语 → one text field; a part → its
heading, lead paragraph and list of items; an item → heading sentence, body, figures, points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from models.api import context, fill, get_area
from ui.editor.child_list import ChildList
from ui.editor.fields import FigureField, LineField, TextField
from ui.editor.front_fields import DateField, PeriodField
from ui.editor.guide_box import GuideBox, hint_label
from ui.editor.ledger_fill import ledger_button
from ui.editor.sections import CLOSING, FRONT, INTRO, PART, Section, child_level
from ui.qt import QFormLayout, QGridLayout, QHBoxLayout, QLabel, QPushButton, Qt, QVBoxLayout, QWidget, Signal

if TYPE_CHECKING:
    from models.api import Area, Genre, Guide, Level, Report


@dataclass
class FormContext:
    report: Report
    genre: Genre
    areas: tuple[Area, ...]
    guide_open: bool = True


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: bold; margin-top: 10px;")
    label.setWordWrap(True)  # a long caption must not make the form wider than a narrow window
    return label


class SectionForm(QWidget):
    guide_toggled = Signal(bool)
    next_requested = Signal()

    def __init__(self, ctx: FormContext, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.section = ctx, section
        self.fields: dict[str, QWidget] = {}
        self.children_list: ChildList | None = None
        self.setMaximumWidth(900)  # long lines across a wide screen are hard to read
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(16, 12, 16, 16)
        self.box.setSpacing(6)
        self.header = QLabel(section.full_title, self)
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 17px; font-weight: bold; color: #202124;")
        self.box.addWidget(self.header)

    def finish(self) -> None:
        # 下一项 → under the form: the way on is visible where the officer finished typing
        self.next_button = QPushButton(self)
        self.next_button.setToolTip("保存并打开左边目录中的下一项（也可以直接点左边的目录）")
        self.next_button.clicked.connect(self.next_requested)
        self.next_button.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 14, 0, 0)
        row.addStretch(1)
        row.addWidget(self.next_button)
        self.box.addLayout(row)
        self.box.addStretch(1)

    def set_next(self, title: str) -> None:
        """Name the section that 下一项 opens; "" hides the button (the last section)."""
        button = getattr(self, "next_button", None)
        if button is not None:
            button.setText(f"下一项：{title}  →" if title else "")
            button.setVisible(bool(title))

    def add_guide(self, guidance: str, example: str) -> None:
        if guidance or example:
            guide = GuideBox(guidance, example, self.ctx.guide_open, self)
            guide.toggled.connect(self.guide_toggled)
            self.box.addWidget(guide)

    def add_field(self, widget: QWidget) -> QWidget:
        self.fields[widget.address] = widget
        self.box.addWidget(widget)
        return widget

    def refresh(self) -> None:
        """Update what depends on other fields (placeholders showing the default titles)."""


class FrontForm(SectionForm):
    def __init__(self, ctx: FormContext, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(ctx, section, parent)
        self.add_guide("这些信息用于标题、落款和文件名。带 * 的必须填写。", "")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(4)
        for f in ctx.genre.front:
            address = f"front.{f.key}"
            value = ctx.report.get(address)
            if f.kind == "period":
                widget: QWidget = PeriodField(address, ctx.genre.periods, value, self)
            elif f.kind == "date":
                widget = DateField(address, value, self)
            else:
                widget = LineField(address, value, f"例如：{f.example}" if f.example else "", self)
            widget.setAccessibleName(f.label)
            self.fields[address] = widget
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            if f.guidance:
                column.addWidget(hint_label(f.guidance, self))
            form.addRow(f"{f.label}{' *' if f.required else ''}：", column)
        self.box.addLayout(form)
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        title = self.fields.get("front.title")
        if isinstance(title, LineField):
            genre = self.ctx.genre
            title.setPlaceholderText("自动：" + fill(genre.title, context(self.ctx.report, genre)))


class TextForm(SectionForm):
    """导语 or 结束语: one multi-paragraph field."""

    def __init__(self, ctx: FormContext, section: Section, guide: Guide, parent: QWidget | None = None) -> None:
        super().__init__(ctx, section, parent)
        self.add_guide(guide.guidance, guide.example)
        address = section.kind
        self.box.addWidget(_caption(f"{guide.label}{'（必填）' if guide.required else ''}", self))
        field = self.add_field(TextField(address, ctx.report.get(address), f"在这里写{guide.label}……", self))
        field.setAccessibleName(guide.label)
        self.box.addWidget(hint_label("按回车键另起一段。", self))
        self.finish()


class PartForm(SectionForm):
    def __init__(self, ctx: FormContext, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(ctx, section, parent)
        part = ctx.genre.part(section.part)
        self.part = part
        self.add_guide(part.guide.guidance, part.guide.example)
        self.box.addWidget(_caption("这一部分的标题", self))
        title = self.add_field(LineField(f"part.{part.key}.title", ctx.report.get(f"part.{part.key}.title"), "", self))
        title.setAccessibleName("部分标题")
        self.box.addWidget(hint_label(f"不填就用灰色的默认标题；编号“{section.number}”由程序自动加。", self))
        if part.lead:
            lead = part.lead
            self.box.addWidget(_caption(f"{lead.label}{'（必填）' if lead.required else ''}", self))
            if lead.guidance:
                self.box.addWidget(hint_label(lead.guidance, self))
            address = f"part.{part.key}.lead"
            field = self.add_field(TextField(address, ctx.report.get(address),
                                             f"例如：{lead.example}" if lead.example else "", self))
            field.setAccessibleName(lead.label)
        if part.items:
            label = part.items.label
            self.box.addWidget(_caption(f"各条{label}（编号（一）（二）…自动生成，双击一条进入编辑）", self))
            areas = [(a.id, a.name) for a in ctx.areas] if part.source == "areas" else None
            self.children_list = ChildList("添加一条", areas, self)
            self.box.addWidget(self.children_list)
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        title = self.fields[f"part.{self.part.key}.title"]
        title.setPlaceholderText(fill(self.part.title, context(self.ctx.report, self.ctx.genre)))


class ItemForm(SectionForm):
    def __init__(self, ctx: FormContext, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(ctx, section, parent)
        item = ctx.report.find_item(section.item_id)
        assert item is not None
        level = child_level(ctx.genre, section.part, section.depth - 1)
        assert level is not None
        area = None
        if item.area:
            try:
                area = get_area(item.area)
            except KeyError:
                area = None
        guidance = "\n".join(t for t in (area.guidance if area else "", level.guidance) if t)
        example_heading, example_body = item_example(area, level)
        example = "".join(t for t in (example_heading and example_heading + "。", example_body) if t)
        self.add_guide(guidance, example)
        prefix = f"item.{item.id}"
        run_in = level.style == "run_in"
        heading_name = "标题句" if run_in else "小标题"
        self.box.addWidget(_caption(heading_name, self))
        heading = self.add_field(LineField(f"{prefix}.heading", ctx.report.get(f"{prefix}.heading"),
                                           f"例如：{example_heading}" if example_heading else "", self))
        heading.setAccessibleName(heading_name)
        style_hint = ("标题句和正文连成一段，句末的句号由程序自动加。" if run_in
                      else "小标题单独成一行，末尾不要加句号。")
        self.box.addWidget(hint_label(style_hint, self))
        self.box.addWidget(_caption("正文", self))
        if example_body:
            body_placeholder = f"例如：{example_body}"
        elif area is not None and area.figures:
            body_placeholder = "写具体做法、活动名称和数字，如" + "、".join(f.label for f in area.figures) + "……"
        else:
            body_placeholder = "写具体做法、活动名称和数字……"
        body = self.add_field(TextField(f"{prefix}.body", ctx.report.get(f"{prefix}.body"), body_placeholder, self))
        body.setAccessibleName("正文")
        # the figures advice only where there are figure boxes below to fill
        figures_hint = "数字请写阿拉伯数字，如 24场次、3100余人次。" if item.figures else ""
        self.box.addWidget(hint_label("按回车键另起一段。" + figures_hint, self))
        if item.figures:
            self.box.addWidget(_caption("主要数据（选填，会汇总成文末的“主要数据一览”表）", self))
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            for row, fig in enumerate(item.figures):
                address = f"{prefix}.fig.{fig.key}"
                widget = FigureField(address, fig.unit, ctx.report.get(address), self)
                widget.edit.setAccessibleName(fig.label)
                self.fields[address] = widget
                label = QLabel(f"{fig.label}：", self)
                # as tall as the box beside it, so the words sit on the line of the number, not above it
                label.setFixedHeight(widget.edit.sizeHint().height())
                grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(widget, row, 1)
            grid.setColumnStretch(1, 1)
            self.box.addLayout(grid)
            if item.area:  # 从台账汇总 (ui/editor/ledger_fill.py; the editor connects it)
                self.ledger_button = ledger_button(self)
                grid.addWidget(self.ledger_button, len(item.figures), 1, Qt.AlignmentFlag.AlignLeft)
        sub = child_level(ctx.genre, section.part, section.depth)
        if sub is not None:
            numbers = "1. 2. 3." if section.depth == 1 else "（1）（2）"
            self.box.addWidget(_caption(f"分几点写（{sub.label}，编号 {numbers} 自动生成；内容少可以不分）", self))
            self.children_list = ChildList("添加一点", None, self)
            self.box.addWidget(self.children_list)
        self.finish()


def item_example(area: Area | None, level: Level) -> tuple[str, str]:
    """(example heading, example body) for an item's 填写提示 and placeholders.

    The level's example body belongs to the level's own example heading (a 理论武装 sentence in
    half_year). Under another work area's heading it would read as nonsense (“压实工作责任，守好
    意识形态阵地。镇党委中心组上半年开展集体学习6次……”), so it is then left out.
    """
    area_heading = area.example_heading if area is not None else ""
    if area_heading and area_heading != level.example_heading:
        return area_heading, ""
    return area_heading or level.example_heading, level.example_body


def build_form(ctx: FormContext, section: Section, parent: QWidget | None = None) -> SectionForm:
    if section.kind == FRONT:
        return FrontForm(ctx, section, parent)
    if section.kind == INTRO:
        return TextForm(ctx, section, ctx.genre.intro, parent)
    if section.kind == CLOSING and ctx.genre.closing:
        return TextForm(ctx, section, ctx.genre.closing, parent)
    if section.kind == PART:
        return PartForm(ctx, section, parent)
    return ItemForm(ctx, section, parent)
