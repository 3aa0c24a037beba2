"""本单位提纲: the list of unit templates (新建总结 / 重命名 / 删除 / 导出提纲包 / 导入提纲包) and the
dialog that saves an open report's structure as one (new, or the next version of its own template).

A unit template is stored by the service (models/templates.py); these dialogs only list, ask and
call it. The shipped genres are never listed here: they cannot be changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from models.api import Report, StoreError, TemplateError, WriteError, area_name, context, fill, number_label
from ui import messages
from ui.editor.file_names import safe_file_stem
from ui.lists import RecordListDialog, hint_label
from ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStandardPaths,
    Qt,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from models.api import Genre, ReportService

TEMPLATE_FILTER = "提纲包 (*.json);;所有文件 (*)"
FOLDER_SETTING = "last_template_dir"


def choose_open_template(parent: QWidget, folder: str) -> str:
    """File dialog for 导入提纲包; '' when cancelled. Tests monkeypatch this."""
    path, _ = QFileDialog.getOpenFileName(parent, "导入提纲包", folder, TEMPLATE_FILTER)
    return path


def choose_save_template(parent: QWidget, suggested: str) -> str:
    """File dialog for 导出提纲包; '' when cancelled. Tests monkeypatch this."""
    path, _ = QFileDialog.getSaveFileName(parent, "导出提纲包", suggested, TEMPLATE_FILTER)
    return path


def ask_name(parent: QWidget, title: str, label: str, text: str) -> str:
    """A one-line name; '' when cancelled. Tests monkeypatch this."""
    name, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return name.strip() if ok else ""


def template_folder(service: ReportService) -> str:
    folder = service.setting(FOLDER_SETTING)
    if folder and Path(folder).is_dir():
        return folder
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def outline_lines(genre: Genre) -> str:
    """The sections of a template as the officer will see them (一、基础情况), with their items' figures;
    the words a title takes from the period ({half}) are left out, as no period is chosen yet."""
    ctx = context(Report(genre.id, genre.version), genre)
    lines = []
    for n, part in enumerate(genre.parts, start=1):
        title = fill(part.title, ctx) or part.guide.label
        lines.append(f"{number_label(1, n)}{title}")
        for m, preset in enumerate(part.preset, start=1):
            heading = preset.heading or area_name(preset.area) or ""
            figures = "、".join(f"{f.label}（{f.unit}）" if f.unit else f.label for f in preset.figures)
            if heading or figures:
                lines.append(f"    {number_label(2, m)}{heading}{'  数据：' + figures if figures else ''}")
    return "\n".join(lines)


class TemplateListDialog(RecordListDialog):
    """管理本单位提纲: the unit templates, newest first, with what each holds beside the list."""

    columns = ("提纲名称", "版本", "保存时间", "已用它写")
    column_widths = (60, 150, 80)
    empty_text = ("还没有本单位提纲。\n打开一份总结、调整好各部分后，用“文件 → 保存为本单位提纲…”保存；\n"
                  "或点下面的“导入提纲包…”，导入上级发来的提纲。")
    start_size = (860, 480)

    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(service, parent)
        self.chosen: str | None = None
        self.new_button = QPushButton("用它新建总结…")
        self.new_button.setProperty("primary", True)
        self.new_button.clicked.connect(self.new_report)
        self.rename_button = QPushButton("重命名…")
        self.rename_button.clicked.connect(self.rename)
        self.delete_button = QPushButton("删除")
        self.delete_button.clicked.connect(self.delete)
        self.export_button = QPushButton("导出提纲包…")
        self.export_button.setToolTip("存成一个文件，发给各单位导入后按同一提纲写总结")
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton("导入提纲包…")
        self.import_button.setToolTip("导入上级或别的电脑发来的提纲包（.json）")
        self.import_button.clicked.connect(self.import_package)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMinimumWidth(300)
        self.details.setStyleSheet("QLabel { background: #f7faff; border: 1px solid #d5e3f5; border-radius: 4px;"
                                   " padding: 8px; }")
        self.notice = hint_label("")
        self.notice.hide()
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tree, 3)
        row.addWidget(self.details, 2)
        self.lay_out("本单位提纲",
                     "本单位提纲是按本单位（或上级要求）的写法保存的结构：各部分的标题和顺序、填写提示、各条的数据项。"
                     "新建总结时可以像体裁一样选用。修改提纲：用它写一份总结，调整结构后再“保存为本单位提纲”。",
                     [self.new_button, self.rename_button, self.delete_button, self.export_button,
                      self.import_button], body)
        self.layout().insertWidget(2, self.notice)

    # ------------------------------------------------------------ the list

    def rows(self) -> Iterable[QTreeWidgetItem]:
        for info in self.service.unit_templates():
            item = QTreeWidgetItem([info.name, f"第{info.version}版", info.created.replace("T", " ")[:16],
                                    f"{info.reports}份总结"])
            item.setData(0, Qt.ItemDataRole.UserRole, info.id)
            item.setToolTip(0, outline_lines(info.genre))
            yield item

    def selected_id(self) -> str | None:
        item = self.selected_item()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selection_changed(self) -> None:
        template_id = self.selected_id()
        for button in (self.new_button, self.rename_button, self.delete_button, self.export_button):
            button.setEnabled(template_id is not None)
        if template_id is None:
            self.details.setText("")
            return
        genre = self.service.get_template(template_id)
        self.details.setText(f"<b>{_escape(genre.name)}</b>（第{genre.version}版）<br><br>"
                             + _escape(outline_lines(genre)).replace("\n", "<br>").replace("    ", "&nbsp;" * 4))

    def select(self, template_id: str) -> None:
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item.data(0, Qt.ItemDataRole.UserRole) == template_id:
                self.tree.setCurrentItem(item)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # ------------------------------------------------------------ actions

    def new_report(self) -> None:
        self.chosen = self.selected_id()
        if self.chosen is not None:
            self.accept()

    def outcome(self) -> str | None:
        """The template to write a new report with (用它新建总结), or None."""
        return self.chosen

    def rename(self) -> None:
        template_id = self.selected_id()
        if template_id is None:
            return
        data = self.service.template_definition(template_id)
        name = ask_name(self, "重命名提纲", "新的名称：", data.get("name", ""))
        if not name or name == data.get("name"):
            return
        data["name"] = data["short_name"] = name
        try:
            genre = self.service.save_template(data)
        except (TemplateError, StoreError) as exc:
            messages.error(self, "没能重命名", str(exc))
            return
        self.refresh()
        self.select(template_id)
        self.show_notice(f"已重命名为“{genre.name}”（保存为第{genre.version}版；已写的总结不受影响）。")

    def delete(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        template_id, name = item.data(0, Qt.ItemDataRole.UserRole), item.text(0)
        if not messages.confirm(self, "删除提纲", f"确定删除提纲“{name}”吗？", "删除",
                                informative="删除后新建总结时不再列出它；已经用它写的总结不受影响，仍可打开和导出。",
                                danger=True):
            return
        try:
            self.service.delete_template(template_id)
        except (TemplateError, StoreError) as exc:
            messages.error(self, "没能删除", str(exc))
            return
        self.refresh()
        self.show_notice(f"已删除提纲“{name}”。")

    def export(self) -> str | None:
        template_id = self.selected_id()
        if template_id is None:
            return None
        genre = self.service.get_template(template_id)
        suggested = str(Path(template_folder(self.service)) / f"{safe_file_stem(genre.name)}.json")
        path = choose_save_template(self, suggested)
        if not path:
            return None
        if not path.lower().endswith(".json"):
            path += ".json"
        try:
            self.service.export_template(template_id, path)
        except (TemplateError, WriteError, StoreError, OSError) as exc:
            messages.error(self, "导出失败", f"提纲包没能写入：{exc}")
            return None
        self.service.set_setting(FOLDER_SETTING, str(Path(path).parent))
        self.show_notice(f"已导出提纲包：{path}\n把这个文件发给各单位，在“本单位提纲 → 导入提纲包…”中导入即可。")
        return path

    def import_package(self) -> str | None:
        path = choose_open_template(self, template_folder(self.service))
        if not path:
            return None
        self.service.set_setting(FOLDER_SETTING, str(Path(path).parent))
        try:
            genre = self.service.import_template(path)
        except (TemplateError, StoreError) as exc:
            messages.error(self, "导入失败", f"{Path(path).name} 没能导入，没有保存任何内容。\n\n{exc}")
            return None
        self.refresh()
        self.select(genre.id)
        self.show_notice(f"已导入提纲“{genre.name}”。选中它，点“用它新建总结…”即可按这个提纲写。")
        return genre.id


class SaveTemplateDialog(QDialog):
    """保存为本单位提纲: a name; for a report written with a unit template, update it or save a new one."""

    def __init__(self, service: ReportService, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.report = service, report
        self.saved: Genre | None = None
        self.setWindowTitle("保存为本单位提纲")
        genre = service.base_genre_of(report)
        self.own = None if service.is_shipped_genre(genre.id) else genre
        default = genre.name if self.own else f"{report.get('front.unit')}{genre.short_name}提纲"
        self.name = QLineEdit(default)
        self.name.setPlaceholderText("如：示例县乡镇宣传工作总结提纲")
        self.name.setAccessibleName("提纲名称")
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label("保存的是这份总结的结构：各部分的标题和顺序、填写提示、标题版式，"
                                    "以及各条的工作板块和数据项（带单位）。正文内容不会保存。"))
        layout.addWidget(QLabel("提纲名称："))
        layout.addWidget(self.name)
        self.update_radio = self.new_radio = None
        if self.own is not None:
            newest = service.get_template(self.own.id)
            self.update_radio = QRadioButton(
                f"更新“{newest.name}”（保存为第{newest.version + 1}版；已写的总结仍按原来的版本）")
            self.new_radio = QRadioButton("另存为一个新的提纲")
            self.update_radio.setChecked(True)
            layout.addWidget(self.update_radio)
            layout.addWidget(self.new_radio)
        self.keep_headings = QCheckBox("把各条的标题也存进提纲（用它新建的总结会带着这些条目）")
        layout.addWidget(self.keep_headings)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton("保存")
        self.ok_button.setProperty("primary", True)
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 0)

    def accept(self) -> None:
        update = self.update_radio is not None and self.update_radio.isChecked()
        try:
            self.saved = self.service.save_as_template(self.report, self.name.text(),
                                                       template_id=self.own.id if update else None,
                                                       keep_headings=self.keep_headings.isChecked())
        except (TemplateError, StoreError) as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()

    @classmethod
    def run(cls, service: ReportService, report: Report, parent: QWidget | None = None) -> Genre | None:
        """Show the dialog; the template saved, or None. Tests monkeypatch this."""
        dialog = cls(service, report, parent)
        try:
            return dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
