"""The form on the right for one section, built from the genre data only.

基本信息 → one row per front field of the genre and the report's heading forms; 导语/结束语 → one
text field; a part → its place among the sections (上移 / 下移 / 删除 / 添加部分), heading, lead
paragraph, enumerations and list of items; an item → its place (上移 / 下移 / 删除), heading
sentence, body, enumerations, figures, points. The forms only show and ask (signals); the editor
makes the changes through the service and the undo stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from models.api import FORM_NAMES, context, fill, get_area
from ui.editor.child_list import ChildList
from ui.editor.enumeration import EnumerationBox, note_label
from ui.editor.fields import FigureField, LineField, TextField
from ui.editor.front_fields import DateField, PeriodField
from ui.editor.guide_box import GuideBox, hint_label
from ui.editor.ledger_fill import ledger_button
from ui.editor.sections import CLOSING, FRONT, INTRO, PART, Section, child_level, enumerations
from ui.qt import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from models.api import Area, Genre, Guide, Level, Report


@dataclass
class FormContext:
    report: Report
    genre: Genre
    areas: tuple[Area, ...]
    guide_open: bool = True
    # level 2/3 -> (the report's own form or None, the genre's default): ReportService.heading_forms
    heading_forms: dict[int, tuple[str | None, str]] = field(default_factory=dict)


def _caption(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: bold; margin-top: 10px;")
    label.setWordWrap(True)  # a long caption must not make the form wider than a narrow window
    return label


def _small_button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    # Qt makes every push button at least 80 px wide: a row of them would widen a narrow form
    button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 24)
    return button


class SectionForm(QWidget):
    guide_toggled = Signal(bool)
    next_requested = Signal()
    move_requested = Signal(int)  # this section or item: -1 up, +1 down
    remove_requested = Signal()  # this section or item
    make_enumeration_requested = Signal(str)  # the body or lead whose selected paragraphs become one
    add_enumeration_requested = Signal(str)  # owner: part.<key> or item.<id>

    def __init__(self, ctx: FormContext, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.section = ctx, section
        self.fields: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        self.enum_boxes: list[EnumerationBox] = []
        self.children_list: ChildList | None = None
        self.up_button = self.down_button = self.remove_button = None
        self.add_section_button: QToolButton | None = None
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

    def add_note(self, address: str) -> QLabel:
        """The line under a field that says typed numbering was removed (hidden until then)."""
        label = note_label(self)
        self.notes[address] = label
        self.box.addWidget(label)
        return label

    def show_note(self, address: str, text: str) -> bool:
        """Show a non-blocking note under the field of ``address``; False when this page has no place for it."""
        label = self.notes.get(address)
        if label is None:
            return any(box.show_note(address, text) for box in self.enum_boxes)
        label.setText(text)
        label.setVisible(bool(text))
        return True

    def add_place_bar(self, what: str, remove_text: str, can_up: bool, can_down: bool) -> QHBoxLayout:
        """上移 / 下移 / 删除 for this section or item, at the top of its page."""
        self.up_button = _small_button("上移", f"把这{what}往前移一位，编号自动重排", self)
        self.down_button = _small_button("下移", f"把这{what}往后移一位，编号自动重排", self)
        self.remove_button = _small_button(remove_text, f"删除这{what}及其中的内容（可以按 Ctrl+Z 撤销）", self)
        self.up_button.setEnabled(can_up)
        self.down_button.setEnabled(can_down)
        self.up_button.clicked.connect(lambda: self.move_requested.emit(-1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(1))
        self.remove_button.clicked.connect(self.remove_requested)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 4)
        row.setSpacing(6)
        for b in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        self.box.addLayout(row)
        return row

    def add_enumerations(self, address: str, owner: str) -> None:
        """Under a body or a lead: 设为列举 / 添加列举, then the enumerations this page owns."""
        make = _small_button("设为列举", "把上面选中的几段变成“一是……二是……”，序号自动生成", self)
        add = _small_button("添加列举", "在这里添加一组“一是……二是……”，逐项填写", self)
        self.add_note(address)
        make.clicked.connect(lambda: self.make_enumeration_requested.emit(address))
        add.clicked.connect(lambda: self.add_enumeration_requested.emit(owner))
        self.make_enum_button, self.add_enum_button = make, add
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(make)
        row.addWidget(add)
        row.addWidget(hint_label("选中几段后点“设为列举”，程序自动加“一是、二是……”，不用自己输入。", self), 1)
        self.box.addLayout(row)
        for n, enum in enumerate(enumerations(self.ctx.report, self.section), start=1):
            enum_box = EnumerationBox(self.ctx.report, enum, n, self)
            self.enum_boxes.append(enum_box)
            self.fields.update(enum_box.fields)
            self.box.addWidget(enum_box)

    def refresh(self) -> None:
        """Update what depends on other fields (placeholders showing the default titles)."""
        for enum_box in self.enum_boxes:
            enum_box.refresh()


class FrontForm(SectionForm):
    heading_form_changed = Signal(int, str)  # level 2/3, "own_line" / "run_in" / "" (the genre's)

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
                widget: QWidget = PeriodField(address, ctx.genre.period_choices, value, self)
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
        self.form_combos: dict[int, QComboBox] = {}
        if ctx.heading_forms:
            self.box.addWidget(self._heading_forms())
        self.finish()
        self.refresh()

    def _heading_forms(self) -> QGroupBox:
        """二级 / 三级标题: on their own line or run in, for this report (the genre's default named)."""
        group = QGroupBox("标题版式（本报告）", self)
        layout = QFormLayout(group)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        names = {2: "二级标题（（一）（二））", 3: "三级标题（1. 2.）"}
        for level, (form, default) in sorted(self.ctx.heading_forms.items()):
            combo = QComboBox(group)
            combo.setAccessibleName(names[level])
            combo.addItem(f"按体裁默认（{FORM_NAMES[default]}）", "")
            combo.addItem("单独成行", "own_line")
            combo.addItem("与正文连排（标题句后接正文）", "run_in")
            combo.setCurrentIndex(max(0, combo.findData(form or "")))
            combo.currentIndexChanged.connect(lambda _i, lv=level, c=combo: self.heading_form_changed.emit(
                lv, c.currentData() or ""))
            self.form_combos[level] = combo
            layout.addRow(f"{names[level]}：", combo)
        layout.addRow("", hint_label("单独成行：标题占一行，正文另起一段。与正文连排：标题句后面直接接正文，"
                                     "同在一段。一级标题（一、二、）总是单独成行。", group))
        return group

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
        keys = [p.key for p in ctx.genre.parts]
        index = keys.index(part.key)
        bar = self.add_place_bar("一部分", "删除这一部分", index > 0, index < len(keys) - 1)
        self.add_section_button = QToolButton(self)
        self.add_section_button.setText("添加部分 ▾")
        self.add_section_button.setToolTip("在这一部分后面添加一个部分：从本体裁的建议中选，或添加空白部分自己写标题")
        self.add_section_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_section_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.add_section_button.setMinimumHeight(self.up_button.sizeHint().height())
        bar.addWidget(self.add_section_button)
        self.add_guide(part.guide.guidance, part.guide.example)
        self.box.addWidget(_caption("这一部分的标题", self))
        address = f"part.{part.key}.title"
        title = self.add_field(LineField(address, ctx.report.get(address), "", self))
        title.setAccessibleName("部分标题")
        self.add_note(address)
        start = "不填就用灰色的默认标题；" if part.title else "请填写标题，如“基础情况”；"
        self.box.addWidget(hint_label(f"{start}编号“{section.number}”由程序自动加，不用自己输入。", self))
        if part.lead:
            lead = part.lead
            self.box.addWidget(_caption(f"{lead.label}{'（必填）' if lead.required else ''}", self))
            if lead.guidance:
                self.box.addWidget(hint_label(lead.guidance, self))
            address = f"part.{part.key}.lead"
            field = self.add_field(TextField(address, ctx.report.get(address),
                                             f"例如：{lead.example}" if lead.example else "", self))
            field.setAccessibleName(lead.label)
            self.add_enumerations(address, f"part.{part.key}")
        if part.items:
            label = part.items.label
            self.box.addWidget(_caption(f"各条{label}（编号（一）（二）…自动生成，双击一条进入编辑）", self))
            areas = [(a.id, a.name) for a in ctx.areas] if part.source == "areas" else None
            self.children_list = ChildList("添加一条", areas, self)
            self.box.addWidget(self.children_list)
        self.finish()
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        title = self.fields[f"part.{self.part.key}.title"]
        default = fill(self.part.title, context(self.ctx.report, self.ctx.genre))
        title.setPlaceholderText(default or "这一部分的标题，如“基础情况”“亮点工作”")


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
        siblings = [c for c in ctx.report.siblings(item) if c.kind == item.kind]
        index = siblings.index(item)
        what = {1: "一条", 2: "一点"}.get(section.depth, "一项")
        self.add_place_bar(what, f"删除这{what}", index > 0, index < len(siblings) - 1)
        self.add_guide(guidance, example)
        prefix = f"item.{item.id}"
        run_in = level.style == "run_in"
        heading_name = "标题句" if run_in else "小标题"
        self.box.addWidget(_caption(heading_name, self))
        heading = self.add_field(LineField(f"{prefix}.heading", ctx.report.get(f"{prefix}.heading"),
                                           f"例如：{example_heading}" if example_heading else "", self))
        heading.setAccessibleName(heading_name)
        self.add_note(f"{prefix}.heading")
        style_hint = ("标题句和正文连成一段，句末的句号由程序自动加。" if run_in
                      else "小标题单独成一行，末尾不要加句号。") + "编号由程序自动生成，不用自己输入。"
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
        self.add_enumerations(f"{prefix}.body", prefix)
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
