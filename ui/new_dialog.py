"""新建总结: pick the genre or a unit template, fill the front matter, tick the work areas; the
service builds the rest.

The picker lists the shipped genres (内置体裁) and the unit templates (本单位提纲) in two groups.
The form is built from the genre's ``front`` fields, so a genre with 会议名称 / 讲话人 gets those
rows without any code knowing about speeches; the periods offered are ``Genre.period_choices``.
Unit, author and speaker are remembered.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from models.api import Genre, Report, StoreError, context, fill, periods
from ui.lists import hint_label
from ui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSize,
    QSpinBox,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from models.api import ReportService

REMEMBERED = ("unit", "author", "speaker")  # the same for every report a person writes


GENRE_GROUP, TEMPLATE_GROUP = "内置体裁", "本单位提纲"


class NewReportDialog(QDialog):
    def __init__(self, service: ReportService, parent: QWidget | None = None, template_id: str | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.report_id: int | None = None
        self.genres = service.genres()
        self.templates = [t.genre for t in service.unit_templates()]
        self._by_id = {g.id: g for g in [*self.genres, *self.templates]}
        self.fields: dict[str, QLineEdit] = {}
        self._typed: dict[str, str] = {k: service.setting(f"last_{k}") for k in REMEMBERED}
        self.year_spin: QSpinBox | None = None
        self.kind_combo: QComboBox | None = None
        self.date_edit: QDateEdit | None = None
        self.setWindowTitle("新建总结")
        self._build()
        index = self.genre_combo.findData(template_id or service.setting("last_genre"))
        if index < 0:
            index = self.genre_combo.findData(self.genres[0].id)
        self.genre_combo.setCurrentIndex(index)
        self._genre_changed(index)
        unit = self.fields.get("unit")
        if unit is not None and not unit.text():
            unit.setFocus()  # the one thing a first-time user must type

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self.genre_combo = QComboBox()
        self.genre_combo.setAccessibleName("体裁或本单位提纲")
        self._add_group(GENRE_GROUP, self.genres)
        self._add_group(TEMPLATE_GROUP, self.templates)
        self.genre_combo.setMaxVisibleItems(20)
        self.genre_combo.currentIndexChanged.connect(self._genre_changed)
        self.description = hint_label("")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.addRow("体裁或提纲", self.genre_combo)
        self.form.addRow("", self.description)
        self._fixed_rows = self.form.rowCount()

        self.area_tree = QTreeWidget()
        self.area_tree.setHeaderLabels(["工作板块", "常见数据"])
        self.area_tree.setRootIsDecorated(False)
        self.area_tree.setUniformRowHeights(True)
        self.area_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.area_tree.header().setStretchLastSection(True)
        remembered = [a for a in self.service.setting("last_areas").split(",") if a]
        catalog = self.service.areas()
        checked = set(remembered) if remembered else {a.id for a in catalog[:4]}
        for area in catalog:
            figures = "、".join(f"{f.label}（{f.unit}）" if f.unit else f.label for f in area.figures)
            item = QTreeWidgetItem([area.name, figures])
            item.setData(0, Qt.ItemDataRole.UserRole, area.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if area.id in checked else Qt.CheckState.Unchecked)
            item.setToolTip(0, area.guidance)
            item.setToolTip(1, f"写这一条时常用的数据：{figures}")
            item.setForeground(1, self.palette().placeholderText())
            item.setSizeHint(1, QSize(0, self.fontMetrics().height() + 8))  # column 0 keeps its text width
            self.area_tree.addTopLevelItem(item)
        self.area_tree.itemChanged.connect(lambda *_: self._update_preview())
        area_hint = hint_label("勾选本单位这一期做过的工作，每个板块生成一条“（一）（二）……”，"
                               "右边是写这条时常用的数据。以后在编辑时还可以增删。")
        self.areas_box = QGroupBox("工作板块")
        box = QVBoxLayout(self.areas_box)
        box.addWidget(area_hint)
        box.addWidget(self.area_tree, 1)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton("创建")
        self.ok_button.setProperty("primary", True)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.preview.setObjectName("banner")
        self.after = hint_label("")
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addSpacing(12)
        left.addWidget(self.preview)
        left.addWidget(self.after)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addWidget(self.areas_box, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(1000, 540)

    def _add_group(self, name: str, genres: list[Genre]) -> None:
        """A group heading (not selectable) and its entries, indented under it."""
        if not genres:
            return
        self.genre_combo.addItem(f"—— {name} ——", None)
        heading = self.genre_combo.model().item(self.genre_combo.count() - 1)
        heading.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading is not a choice
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        for g in genres:
            self.genre_combo.addItem(f"    {g.name}", g.id)
            if g.unit:
                self.genre_combo.setItemData(self.genre_combo.count() - 1, f"本单位提纲，第{g.version}版",
                                             Qt.ItemDataRole.ToolTipRole)

    @property
    def genre(self) -> Genre:
        return self._by_id.get(self.genre_combo.currentData()) or self.genres[0]

    def _remember_typed(self) -> None:
        for key, edit in self.fields.items():
            self._typed[key] = edit.text()

    def _genre_changed(self, index: int) -> None:
        """Rebuild the rows below 体裁 for this genre; what was typed carries over by field key."""
        self._remember_typed()
        year_kind = None
        if self.year_spin is not None and self.kind_combo is not None:
            year_kind = (self.year_spin.value(), self.kind_combo.currentData())
        date = self.date_edit.date() if self.date_edit else QDate.currentDate()
        while self.form.rowCount() > self._fixed_rows:
            self.form.removeRow(self._fixed_rows)
        self.fields.clear()
        self.year_spin = self.kind_combo = self.date_edit = None
        genre = self.genre
        if genre.unit:  # what the template holds, so the officer can tell it is the one asked for
            ctx = context(Report(genre.id, genre.version), genre)  # no period yet: its words left out
            names = "、".join(fill(p.title, ctx) or p.guide.label for p in genre.parts)
            self.description.setText(f"本单位提纲（第{genre.version}版）。各部分：{names}")
        else:
            self.description.setText(genre.description)
        for f in genre.front:
            if f.key == "title":  # generated from the other fields; editable later in the editor
                continue
            label = f.label + ("" if f.required else "（可不填）")
            if f.kind == "period":
                self.form.addRow(f.label, self._period_row(genre, year_kind))
            elif f.kind == "date":
                self.date_edit = QDateEdit(date)
                self.date_edit.setCalendarPopup(True)
                self.date_edit.setDisplayFormat("yyyy年M月d日")
                self.date_edit.setToolTip(f.guidance)
                self.date_edit.dateChanged.connect(self._update_preview)
                self.form.addRow(f.label, self.date_edit)
            else:
                edit = QLineEdit(self._typed.get(f.key, ""))
                edit.setPlaceholderText(f"如：{f.example}" if f.example else "")
                edit.setToolTip(f.guidance)
                edit.textChanged.connect(self._update_preview)
                self.fields[f.key] = edit
                self.form.addRow(label, edit)
        self.areas_box.setVisible(any(p.source == "areas" for p in genre.parts))
        self.after.setText(after_text(genre))
        self.error_label.hide()
        self._update_preview()

    def _period_row(self, genre: Genre, previous: tuple[int, str] | None) -> QWidget:
        # every period the genre can write a title for is offered; the first pick is one it is mainly for
        kinds = periods.period_kinds(genre.period_choices)
        declared = periods.period_kinds(genre.periods) or kinds
        year, kind = periods.default_period(_dt.date.today(), declared)
        if previous:
            year = previous[0]
            kind = previous[1] if previous[1] in declared else kind  # 下半年 does not carry over to an annual
        self.year_spin = QSpinBox()
        self.year_spin.setRange(periods.FIRST_YEAR, periods.LAST_YEAR)
        self.year_spin.setSuffix(" 年")
        self.year_spin.setValue(year)
        self.kind_combo = QComboBox()
        for code in kinds:
            self.kind_combo.addItem(periods.KINDS[code], code)
        self.kind_combo.setCurrentIndex(max(0, kinds.index(kind) if kind in kinds else 0))
        self.kind_combo.setEnabled(len(kinds) > 1)
        self.year_spin.valueChanged.connect(self._update_preview)
        self.kind_combo.currentIndexChanged.connect(self._update_preview)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.year_spin)
        box.addWidget(self.kind_combo, 1)
        return row

    # ------------------------------------------------------------ values

    def period_code(self) -> str:
        if self.year_spin is None or self.kind_combo is None:
            return ""
        return periods.period_code(self.year_spin.value(), self.kind_combo.currentData() or "")

    def set_period(self, year: int, kind: str) -> None:
        assert self.year_spin is not None and self.kind_combo is not None
        self.year_spin.setValue(year)
        index = self.kind_combo.findData(kind)
        if index >= 0:
            self.kind_combo.setCurrentIndex(index)

    def set_genre(self, genre_id: str) -> None:
        index = self.genre_combo.findData(genre_id)
        if index < 0:
            raise KeyError(genre_id)
        self.genre_combo.setCurrentIndex(index)

    def checked_areas(self) -> list[str]:
        out = []
        for n in range(self.area_tree.topLevelItemCount()):
            item = self.area_tree.topLevelItem(n)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.append(item.data(0, Qt.ItemDataRole.UserRole))
        return out

    def set_areas(self, area_ids: list[str]) -> None:
        for n in range(self.area_tree.topLevelItemCount()):
            item = self.area_tree.topLevelItem(n)
            wanted = item.data(0, Qt.ItemDataRole.UserRole) in area_ids
            item.setCheckState(0, Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def uses_areas(self) -> bool:
        return any(p.source == "areas" for p in self.genre.parts)

    def values(self) -> dict:
        """The keyword arguments for ReportService.create_report."""
        text = {k: e.text().strip() for k, e in self.fields.items()}
        date = self.date_edit.date().toString("yyyy-MM-dd") if self.date_edit else ""
        return {
            "unit": text.pop("unit", ""),
            "period": self.period_code(),
            "author": text.pop("author", ""),
            "date": date,
            "areas": self.checked_areas() if self.uses_areas() else None,
            "extra": {k: v for k, v in text.items() if v},
        }

    def problems(self) -> list[tuple[str, QWidget | None]]:
        """Missing or wrong inputs, as (Chinese message, widget to focus)."""
        out: list[tuple[str, QWidget | None]] = []
        for f in self.genre.front:
            edit = self.fields.get(f.key)
            if edit is not None and f.required and not edit.text().strip():
                out.append((f"请填写{f.label}", edit))
        try:
            periods.parse_period(self.period_code())
        except periods.PeriodError as exc:
            out.append((str(exc), self.year_spin))
        if self.uses_areas() and not self.checked_areas():
            out.append(("请至少勾选一个工作板块", self.area_tree))
        return out

    def missing_for_title(self) -> list[str]:
        """Labels of the required fields still empty: until they are typed the title would read 在上的讲话."""
        return [f.label for f in self.genre.front
                if f.required and f.key in self.fields and not self.fields[f.key].text().strip()]

    def _update_preview(self) -> None:
        self.error_label.hide()
        v = self.values()
        missing = self.missing_for_title()
        if missing:
            self.preview.setText(f"标题会自动生成，填好{'、'.join(missing)}后在这里显示。")
            return
        try:
            report = self.service.build_report(self.genre.id, **v)
            title = self.service.title(report)
        except (ValueError, KeyError):
            self.preview.setText("")
            return
        self.preview.setText(f"标题：<b>{_escape(title)}</b><br>（自动生成，以后可以修改）")

    # ------------------------------------------------------------ accept

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.error_label.setText("；".join(msg for msg, _ in problems) + "。")
            self.error_label.show()
            widget = problems[0][1]
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        v = self.values()
        try:
            self.report_id = self.service.create_report(self.genre.id, **v)
        except (ValueError, KeyError, StoreError) as exc:
            self.error_label.setText(f"没能创建：{exc}")
            self.error_label.show()
            return
        self.service.set_setting("last_genre", self.genre.id)
        for key in REMEMBERED:
            value = v["unit"] if key == "unit" else v["author"] if key == "author" else v["extra"].get(key)
            if value:
                self.service.set_setting(f"last_{key}", value)
        if v["areas"]:
            self.service.set_setting("last_areas", ",".join(v["areas"]))
        super().accept()

    @classmethod
    def get_new_report(cls, service: ReportService, parent: QWidget | None = None,
                       template_id: str | None = None) -> int | None:
        """Run the dialog (``template_id`` picked at first); the new report's id, or None when cancelled.
        Tests monkeypatch this."""
        dialog = cls(service, parent, template_id)
        try:
            return dialog.report_id if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def after_text(genre: Genre) -> str:
    """What 创建 builds, in this genre's own words (a speech has 开场白 and no 落款)."""
    parts = ["标题", genre.intro.label, "“一、（一）”各级序号"]
    if genre.signature:
        parts.append("落款")
    return f"创建后，程序按公文格式搭好框架：{'、'.join(parts)}都已排好，打开就可以逐项填写。"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
