"""The import summary: what 导入 Word 文件 recognised in each file, laid out for the officer to check.

One page per imported file (tabs when several were imported at once): the report as stored (title,
unit, period, genre), the headings and other pieces counted, the paragraphs that could not be
classified with where each one went, and what was adjusted. "打开这份总结" opens the report of the
page shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.api import one_line, periods
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from ui.style import GREEN_TEXT, ORANGE_TEXT

if TYPE_CHECKING:
    from models.api import ReportSummary

LEVEL_NAMES = {2: "二级标题（一）", 3: "三级标题 1.", 4: "四级标题（1）"}
EXCERPT_CHARS = 36  # an unclassified paragraph is shown up to here, then …
COUNT_COLUMNS = 3


def _label(text: str, *, name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def _excerpt(text: str) -> str:
    text = one_line(text).strip()
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "……"


def recognised_rows(summary, stored: ReportSummary | None) -> list[tuple[str, str]]:
    """(what, what was found) for the form at the top of a page. ``summary`` is the ImportSummary."""
    rows = [("标题", summary.title or "文件里没有找到标题")]
    if stored is not None and stored.title != summary.title:
        made = "（按体裁生成，可在“标题”一栏修改）" if not summary.title else ""
        rows.append(("导入后的标题", stored.title + made))
    genre = stored.genre if stored is not None else summary.genre_name
    if summary.genre_name:
        rows.append(("体裁", f"{genre}（从标题识别）"))
    else:
        rows.append(("体裁", f"{genre}（标题里没有识别出体裁，先按此体裁导入）"))
    unit = stored.unit if stored is not None and stored.unit else summary.unit
    rows.append(("单位", unit or "没有识别出，请打开后在“单位名称”一栏填写"))
    if summary.period:
        rows.append(("期间", periods.period_label_or(summary.period)))
    elif stored is not None and stored.period:
        rows.append(("期间", f"{stored.period}（标题里没有写明，按落款日期推定，请核对）"))
    if summary.speaker:
        rows.append(("署名行", summary.speaker))
    if summary.sign_unit or summary.sign_date:
        date = periods.date_label(summary.sign_date) if summary.sign_date else ""
        rows.append(("落款", "　".join(x for x in (summary.sign_unit, date) if x)))
    return rows


def count_lines(summary) -> list[str]:
    """The pieces found, one short line each (only those the file has)."""
    lines = [f"一级标题 {summary.sections} 个"]
    lines += [f"{LEVEL_NAMES[level]} {n} 条" for level, n in summary.items.items() if n and level in LEVEL_NAMES]
    if summary.intro_paragraphs:
        lines.append(f"导语 {summary.intro_paragraphs} 段")
    if summary.enumerations:
        lines.append(f"列举（一是……二是……）{summary.enumerations} 组")
    if summary.tables:
        extra = f"（其中数据表 {summary.figure_tables} 张）" if summary.figure_tables else ""
        lines.append(f"表格 {summary.tables} 张{extra}")
    if summary.figures:
        lines.append(f"正文中的数字 {summary.figures} 个")
    if summary.closing_paragraphs:
        lines.append(f"结束语 {summary.closing_paragraphs} 段")
    return lines




class SummaryPage(QScrollArea):
    """One imported file: recognised fields, counts, unclassified paragraphs, notes."""

    def __init__(self, file_name: str, summary, stored: ReportSummary | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        heading = _label(f"已从“{file_name}”导入为一份新总结，原文件没有改动。")
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for what, found in recognised_rows(summary, stored):
            form.addRow(f"{what}：", _label(found))
        layout.addLayout(form)

        layout.addSpacing(6)
        caption = _label("识别出的内容")
        caption.setStyleSheet("font-weight: bold;")
        layout.addWidget(caption)
        counts = QGridLayout()
        counts.setHorizontalSpacing(24)
        for n, line in enumerate(count_lines(summary)):
            counts.addWidget(_label(line, wrap=False), n // COUNT_COLUMNS, n % COUNT_COLUMNS)
        counts.setColumnStretch(COUNT_COLUMNS, 1)
        layout.addLayout(counts)

        layout.addSpacing(6)
        if summary.unclassified:
            warn = _label(f"有 {len(summary.unclassified)} 段没能判断是标题还是正文，已原样放在下面的位置，"
                          "打开后请核对（需要时改成标题或删除）：")
            warn.setStyleSheet(f"color: {ORANGE_TEXT};")
            layout.addWidget(warn)
            for u in summary.unclassified:
                layout.addWidget(_label(f"·“{_excerpt(u.text)}”→ 放在{u.placed_in}"))
        else:
            ok = _label("✓ 所有段落都已归类，没有遗漏。")
            ok.setStyleSheet(f"color: {GREEN_TEXT};")
            layout.addWidget(ok)
        for note in summary.notes:
            layout.addWidget(_label(f"· {note}", name="hint"))
        layout.addStretch(1)
        self.setWidget(body)


class ImportSummaryDialog(QDialog):
    """What was recognised, with 打开这份总结 / 关闭. ``opened`` is the report id to open, or None."""

    def __init__(self, results: list[tuple[int, str, object, ReportSummary | None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入 Word 文件")
        self.results = results
        self.opened: int | None = None
        layout = QVBoxLayout(self)
        if len(results) == 1:
            _rid, name, summary, stored = results[0]
            self.pages = [SummaryPage(name, summary, stored, self)]
            layout.addWidget(self.pages[0], 1)
            self.tabs = None
        else:
            layout.addWidget(_label(f"已导入 {len(results)} 个 Word 文件，每个文件一页："))
            self.tabs = QTabWidget(self)
            self.pages = []
            for _rid, name, summary, stored in results:
                page = SummaryPage(name, summary, stored, self)
                self.pages.append(page)
                self.tabs.addTab(page, name if len(name) <= 16 else name[:15] + "…")
            layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton("打开这份总结")
        self.open_button.setProperty("primary", True)
        self.open_button.setDefault(True)
        self.close_button = QPushButton("关闭")
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self._open)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(660, min(640, max(420, self.sizeHint().height())))

    def current_id(self) -> int:
        index = self.tabs.currentIndex() if self.tabs is not None else 0
        return self.results[index][0]

    def _open(self) -> None:
        self.opened = self.current_id()
        self.accept()

    @classmethod
    def run(cls, results: list[tuple[int, str, object, ReportSummary | None]], parent: QWidget | None = None
            ) -> int | None:
        """Show the summary; the id of the report to open, or None (tests monkeypatch this)."""
        dialog = cls(results, parent)
        dialog.exec()
        return dialog.opened
