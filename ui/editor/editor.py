"""The report editor: section tree on the left, the section's form in the middle, the pages on the right.

The editor holds the report in memory; every keystroke updates it at once (so counts, checks and
the preview read the latest text) and hands the field to the autosaver, which writes it through
ReportService. Structural edits (add / remove / move items) go through the undo stack.

The preview is the paged layout of the export's outline (ui/editor/preview_pane.py): it follows
typing after PREVIEW_MS (the layout keeps the lines of unchanged paragraphs, so a 30-page report
costs a few ms; bench/paged_bench.py measures keystroke to repaint), and its page-level findings
(a heading at a page foot, a 落款 alone …) join the checks panel, laid out even while the preview is
closed (then after PAGE_CHECKS_MS). Printing (Ctrl+P) and the PDF export draw the same pages.
"""

from __future__ import annotations

import copy
import logging
import time
from typing import TYPE_CHECKING

from models.api import StoreError, field_order, needs_attention, suppress_logged
from ui.editor.autosave import Autosaver
from ui.editor.checks_panel import ChecksPanel
from ui.editor.compare_hints import FigureComparing
from ui.editor.fields import FigureField, LineField
from ui.editor.fixes import TextFixing
from ui.editor.ledger_fill import fill_from_ledger
from ui.editor.navigator import Navigator, navigator_panel
from ui.editor.preview_pane import PreviewPane
from ui.editor.read_only import set_form_read_only, unsaved_text
from ui.editor.section_form import FormContext, SectionForm, build_form
from ui.editor.sections import (
    FRONT,
    INTRO,
    ITEM,
    PART,
    CharCounter,
    Section,
    build_sections,
    count_line,
    find_section,
    item_key,
    next_section,
    section_of,
    section_states,
    suggested,
)
from ui.editor.structure import StructureEditing
from ui.history_dialog import AutoSnapshot
from ui.qt import (
    QApplication,
    QFontDatabase,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QPushButton,
    QScrollArea,
    QShortcut,
    QSplitter,
    Qt,
    QTimer,
    QUndoStack,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from models.api import Finding, ReportService

log = logging.getLogger(__name__)

REFRESH_MS = 300  # navigator marks, counts and checks follow typing after this pause
PREVIEW_MS = 15  # the pages follow sooner: one layout for keys that arrive together (key repeat, a fast typist)
PAGE_CHECKS_MS = 1000  # with the preview closed, the page-level checks lay the pages out after this pause
# Opening the preview shares the width out: below NARROW_WIDTH (a 1366 laptop, a 1024 screen) the section
# tree narrows to NARROW_TREE; of the rest the form, where the officer writes, gets FORM_SHARE (more if its
# fields need it) and the page the remainder, never less than MIN_PREVIEW.
NARROW_WIDTH = 1600
NARROW_TREE = 220
MIN_PREVIEW = 300
FORM_SHARE = 0.55
GUIDE_SETTING = "editor.guide_open"
PREVIEW_SETTING = "editor.preview_open"
PAGE_CHECKS = "page"  # the checks panel's source name for the page-level findings


class EditorWidget(StructureEditing, TextFixing, FigureComparing, QWidget):
    saved = Signal(str)  # 14:32:05
    title_changed = Signal(str)
    status = Signal(str)
    status_done = Signal(str)  # a status message that no longer holds (the problem it named is fixed)
    save_failed = Signal(str)
    preview_updated = Signal()  # the pages were laid out again (and repainted when shown)

    def __init__(self, service: ReportService, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.report_id = service, report_id
        self.read_only = None  # why the data cannot be written (read-only mode), None when it can
        self.report = service.load(report_id)
        self.genre = service.genre_of(self.report)
        self.counter = CharCounter(self.report)
        # typed numbering ("（一）", "一是") is taken off headings, titles and entries as they are saved
        self.autosaver = Autosaver(service, report_id, self,
                                   cleaner=lambda address, value: self.service.clean_entry(self.report, address, value))
        self.autosaver.cleaned.connect(self.entry_cleaned)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._save_failed)
        self.autosaver.recovered.connect(self._save_recovered)
        # history versions: every few minutes while it changes, on close and after each export
        self.history = AutoSnapshot(service, report_id, parent=self)
        self.history.failed.connect(self.status)
        self.undo_stack = QUndoStack(self)
        self.form: SectionForm | None = None
        self.current = ""
        self.findings: list[Finding] = []
        self.sections: list[Section] = []
        self.states: dict[str, str] = {}
        self.refresh_ms = 0.0
        self._said: dict[str, str] = {}  # "finding" / "save": the status message shown about it
        self._said_finding: Finding | None = None
        self._title = service.title(self.report)
        self._scheme = None
        self._tree_width = 0  # the tree's width before the preview narrowed it
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self._page_checks_timer = QTimer(self)
        self._page_checks_timer.setSingleShot(True)
        self._page_checks_timer.setInterval(PAGE_CHECKS_MS)
        self._page_checks_timer.timeout.connect(self._update_preview)
        self.preview_ms = 0.0  # outline + layout + repaint of the last preview update
        self._laid_out: list | None = None  # the outline the pages show
        self._build()
        self.refresh()
        start = service.setting(f"editor.section.{report_id}", "")
        self.show_section(start if find_section(self.sections, start) else self._first_section())
        QApplication.instance().focusChanged.connect(self._focus_changed)
        # opened on first show: before it the splitter has no real sizes to share out (the tree got squeezed)
        self._preview_on_show = self.service.setting(PREVIEW_SETTING, "0") == "1"

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        self.title_label = QLabel(self._title, self)
        self.title_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.preview_button = QPushButton("预览", self)
        self.preview_button.setCheckable(True)
        self.preview_button.setToolTip("在右侧逐页显示打印出来的样子（F4）")
        self.preview_button.toggled.connect(self.set_preview_visible)
        self.print_button = QPushButton("打印…", self)
        self.print_button.setToolTip("按公文格式直接打印（Ctrl+P）")
        self.print_button.clicked.connect(self.print_report)
        self.export_button = QPushButton("导出 Word…", self)
        self.export_button.setProperty("primary", True)
        self.export_button.setToolTip("导出为公文格式的 Word 文件（Ctrl+E）")
        self.export_button.clicked.connect(self.show_export_dialog)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 6, 8, 2)
        bar.addWidget(self.title_label, 1)
        bar.addWidget(self.preview_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)

        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #fff4d6; border: 1px solid #e8c36a; color: #6b4500;"
                                  " padding: 6px 10px; border-radius: 4px; }")
        self.banner.hide()

        self.navigator = Navigator(self)
        self.navigator.section_selected.connect(self.show_section)
        self.navigator.menu_requested.connect(lambda key, pos: self.section_menu(key).exec(pos))
        self.navigator.section_dropped.connect(self.move_section_to)
        self.checks = ChecksPanel(self)
        self.checks.finding_activated.connect(self.jump_to_finding)
        self.checks.fix_requested.connect(self.apply_fix)
        self.checks.set_text_source(lambda address: self.report.get(address))
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(navigator_panel(self.navigator, self._add_section_menu_here))
        left.addWidget(self.checks)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        self.count_label.setContentsMargins(16, 4, 16, 0)
        self.count_label.setWordWrap(True)  # unwrapped, it alone kept the form ~440 px wide beside the preview
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        center = QWidget(self)
        center_box = QVBoxLayout(center)
        center_box.setContentsMargins(0, 0, 0, 0)
        center_box.setSpacing(0)
        center_box.addWidget(self.count_label)
        center_box.addWidget(self.scroll, 1)

        self.preview = PreviewPane(self, page_painter=self._page_painter())
        self.preview.address_clicked.connect(self.jump_to)
        self.preview.hide()

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 0)
        # a window that grows (maximised after the preview opened) gives the form and the page FORM_SHARE
        self.splitter.setStretchFactor(1, round(20 * FORM_SHARE))
        self.splitter.setStretchFactor(2, 20 - round(20 * FORM_SHARE))
        self.splitter.setSizes([290, 700, 0])

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addLayout(bar)
        box.addWidget(self.banner)
        box.addWidget(self.splitter, 1)

        # Ctrl+P prints (the main window's 文件 › 打印…); F4 opens and closes the pages beside the form
        shortcut = QShortcut(QKeySequence("F4"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.toggle_preview)

    def _first_section(self) -> str:
        return FRONT if self.states.get(FRONT) != "complete" else INTRO

    # ------------------------------------------------------------ sections and forms

    def show_section(self, key: str, row: str = "") -> None:
        """Show one section's form; pending edits are written first."""
        if key == self.current and self.form is not None:
            if row and self.form.children_list is not None:
                self.form.children_list.select(row)
            return
        section = find_section(self.sections, key)
        if section is None:
            return
        self.autosaver.flush()
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        ctx = FormContext(self.report, self.genre, self.service.areas(),
                          self.service.setting(GUIDE_SETTING, "1") == "1", self.service.heading_forms(self.report))
        form = build_form(ctx, section)
        self.wire_form(form, section)
        self.wire_comparison(form)  # 去年同期 beside each figure, 写入同比句
        for field in form.fields.values():
            field.changed.connect(lambda _a, f=field: self._field_changed(f))
            field.left.connect(lambda _a: self.autosaver.flush())
            if isinstance(field, FigureField):
                field.set_asis(self.report.get(f"{field.address}.asis"))
                field.asis_toggled.connect(self.set_figure_as_is)
        form.guide_toggled.connect(lambda on: self._remember(GUIDE_SETTING, "1" if on else "0"))
        form.next_requested.connect(self.show_next_section)
        if getattr(form, "ledger_button", None) is not None:
            form.ledger_button.clicked.connect(lambda _c=False, i=section.item_id: fill_from_ledger(self, i))
        if form.children_list is not None:
            lst = form.children_list
            lst.add_requested.connect(lambda area, k=key: self.add_item(k, area or None, after=lst.current_id()))
            lst.remove_requested.connect(self.remove_item)
            lst.move_requested.connect(self.move_item)
            lst.open_requested.connect(lambda item_id: self.show_section(item_key(item_id)))
        self.form, self.current = form, key
        set_form_read_only(form, self.read_only is not None)
        self.scroll.setWidget(form)
        self.navigator.select(key)
        self._update_form()
        if row and form.children_list is not None:
            form.children_list.select(row)
        self._update_counts()
        if self.preview.isVisible():
            self.preview.show_address(self._section_addresses(section))
        self._remember(f"editor.section.{self.report_id}", key)

    def show_next_section(self) -> None:
        """下一项: the section after this one in the tree (基本信息 → 导语 → 一、→（一）…)."""
        after = next_section(self.sections, self.current)
        if after is not None:
            self.show_section(after.key)
            self.scroll.verticalScrollBar().setValue(0)

    def _remember(self, key: str, value: str) -> None:
        # A preference is not worth an error box: while the database is locked it is simply not kept.
        with suppress_logged(log, f"保存编辑器设置 {key}", StoreError):
            self.service.set_setting(key, value)

    def _section_addresses(self, section: Section) -> list[str]:
        if section.kind == FRONT:
            return ["front.title"]
        if section.kind == PART:
            return [f"part.{section.part}.title"]
        if section.kind == ITEM:
            return [f"item.{section.item_id}.heading", f"item.{section.item_id}.body"]
        return [section.kind]

    def _update_form(self) -> None:
        form = self.form
        if form is None:
            return
        section = find_section(self.sections, self.current)
        if section is None:
            return
        form.section = section
        form.header.setText(section.full_title)
        after = next_section(self.sections, self.current)
        form.set_next(after.title if after is not None else "")
        form.refresh()
        if form.children_list is not None:
            rows = [(c.item_id, c.title, self.states.get(c.key, "empty")) for c in section.children]
            form.children_list.set_rows(rows)

    # ------------------------------------------------------------ typing

    def _field_changed(self, field: QWidget) -> None:
        address, value = field.address, field.value()
        if self.report.get(address) == value:
            return
        self.report.values[address] = value
        self.counter.invalidate(address)
        self.autosaver.change(address, value)
        self._refresh_timer.start()
        if self.preview.isVisible():
            self._preview_timer.start()

    def refresh(self) -> None:
        """Recompute what follows the text: numbering, marks, findings, counts, title, preview."""
        started = time.perf_counter()
        self._refresh_timer.stop()
        self.findings = self.service.check(self.report)
        self.sections = build_sections(self.report, self.genre)
        # information (a long sentence) is listed in the panel but marks no section, as it counts in no 待补
        self.states = section_states(self.report, self.genre, self.sections, needs_attention(self.findings))
        self.navigator.set_sections(self.sections, self.states)
        self.navigator.select(self.current)
        self.checks.set_order(field_order(self.report, self.genre))
        self.checks.set_findings(self.findings)
        said = self._said_finding
        if said is not None and not any((f.address, f.rule, f.message) == (said.address, said.rule, said.message)
                                        for f in self.findings):
            self._said_finding = None
            self._unsay("finding")
        self._update_form()
        self.update_comparison()  # asks the service only when a figure (or the period, unit, items) changed
        self._update_counts()
        if self.preview.isVisible():
            self._update_preview()
        else:  # the page-level checks still read the layout, at a quiet moment (a huge paste costs seconds)
            self._page_checks_timer.start()
        title = self.service.title(self.report)
        if title != self._title:
            self._title = title
            self.title_label.setText(title)
            self.title_changed.emit(title)
        self.refresh_ms = (time.perf_counter() - started) * 1000

    def _update_counts(self) -> None:
        section = find_section(self.sections, self.current)
        total = self.counter.total(self.report, self.genre, self.sections)
        if section is None or section.kind == FRONT:
            text = count_line(0, None, total, self.genre.suggested, show_section=False)
        else:
            own = self.counter.section(self.report, self.genre, section)
            text = count_line(own, suggested(self.genre, section), total, self.genre.suggested)
        self.count_label.setText(text)

    # ------------------------------------------------------------ saving

    def flush(self) -> bool:
        """Write pending edits now. False when the write failed (the text stays in memory)."""
        return self.autosaver.flush()

    def _saved(self, stamp: str) -> None:
        self.saved.emit(stamp)

    def set_read_only(self, reason) -> None:
        """Read-only mode (a ReadOnlyReason) or writable again (None): see ui/editor/read_only.py."""
        self.read_only = reason
        set_form_read_only(self.form, reason is not None)
        if reason is not None:
            self.autosaver.pause()
            text = unsaved_text(len(self.autosaver.pending))
            self.banner.setText(text)
            self.banner.setVisible(bool(text))
            return
        if self.autosaver.resume():  # what was kept is written now
            self.banner.hide()

    def _save_failed(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()
        self._said["save"] = message
        self.status.emit(message)
        self.save_failed.emit(message)

    def _save_recovered(self) -> None:
        self.banner.hide()
        self._unsay("save")

    def _unsay(self, about: str) -> None:
        """Take back a status message whose problem is gone (the bar would show it for seconds more)."""
        text = self._said.pop(about, "")
        if text:
            self.status_done.emit(text)

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        if self._preview_on_show:
            self._preview_on_show = False
            self.set_preview_visible(True)

    def hideEvent(self, event) -> None:  # Qt override
        self.flush()  # leaving the editor page (back to the list) must not wait for the timer
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        if self.flush():
            self.history.closed()
        super().closeEvent(event)

    # ------------------------------------------------------------ jumping

    def jump_to(self, address: str, start: int = -1, end: int = -1) -> bool:
        """Show the section of a field address, focus the field and select [start, end) if given."""
        key = section_of(address, self.report)
        if not key or find_section(self.sections, key) is None:
            return False
        self.show_section(key)
        field = self.form.fields.get(address) if self.form else None
        if field is None:
            return False
        self.scroll.ensureWidgetVisible(field, 20, 40)
        field.focus_field()
        if start >= 0:
            field.select_span(start, end)
        return True

    def jump_to_finding(self, finding: Finding) -> None:
        if finding.rule.startswith("page."):
            self._show_page_finding(finding)
            return
        start, end = finding.start, finding.end
        field = None
        if self.jump_to(finding.address, start, end) and start < 0 and self.form is not None:
            field = self.form.fields.get(finding.address)
        # A whole one-line value is wrong (“六次” for a figure): select it, so what is typed replaces it
        # instead of being added to it.
        if isinstance(field, FigureField | LineField) and field.value():
            field.select_span(0, len(field.value()))
        self._said["finding"], self._said_finding = f"{finding.label}：{finding.message}", finding
        self.status.emit(self._said["finding"])

    # ------------------------------------------------------------ preview

    def toggle_preview(self) -> None:
        self.preview_button.toggle()

    def set_preview_visible(self, visible: bool) -> None:
        if self.preview_button.isChecked() != visible:
            self.preview_button.setChecked(visible)  # re-enters through toggled
            return
        self.preview.setVisible(visible)
        self.preview_button.setText("关闭预览" if visible else "预览")
        self._remember(PREVIEW_SETTING, "1" if visible else "0")
        if not visible and self._tree_width:  # the tree gets back what it gave up for the preview
            sizes = self.splitter.sizes()
            width, self._tree_width = self._tree_width, 0
            if width > sizes[0]:
                self.splitter.setSizes([width, max(0, sum(sizes) - width), 0])
        if visible:
            sizes = self.splitter.sizes()
            if sizes[2] < MIN_PREVIEW:
                self._tree_width = sizes[0]
                self.splitter.setSizes(self._preview_sizes(sizes))
            self._update_preview()
            self._show_current()

    def _preview_sizes(self, sizes: list[int]) -> list[int]:
        """Tree, form and preview widths when the preview opens: the form gets the larger share, at
        least its minimum width (no sideways scrolling), and the page the rest but never less than
        MIN_PREVIEW; below NARROW_WIDTH the tree gives up some room. A window too narrow for both
        halves them."""
        total = sum(sizes)
        tree = min(sizes[0], NARROW_TREE) if total < NARROW_WIDTH else sizes[0]
        rest = total - tree
        form_min = self.form.minimumSizeHint().width() if self.form is not None else 0
        needed = form_min + self.scroll.verticalScrollBar().sizeHint().width() + 2
        center = max(rest // 2, min(max(round(FORM_SHARE * rest), needed), rest - MIN_PREVIEW))
        return [tree, center, rest - center]

    def _page_painter(self):
        """The painter of the pages, in the font scheme the export dialog last used (else this computer's)."""
        from export import fonts
        from export.painter import PagePainter

        families = list(QFontDatabase.families())
        scheme = fonts.resolve_scheme(self.service.setting("export.font_scheme", "") or None, families)
        return PagePainter(scheme, families)

    def _update_preview(self) -> None:
        """Lay the outline out again (only changed paragraphs are set anew), repaint, and hand the
        page-level findings to the checks panel."""
        started = time.perf_counter()
        self._preview_timer.stop()
        self._page_checks_timer.stop()
        blocks = self.service.outline(self.report)
        if blocks == self._laid_out:  # the checks' refresh after the pages already followed the typing
            return
        self._laid_out = blocks
        self.preview.set_outline(blocks, long_limit=self._long_limit())
        if self.preview.isVisible():
            self.preview.view.area.viewport().repaint()
        self.checks.set_extra_findings(PAGE_CHECKS, self.preview.findings())
        self.preview_ms = (time.perf_counter() - started) * 1000
        self.preview_updated.emit()

    def _long_limit(self) -> int | None:
        suggested = self.genre.suggested
        return suggested[1] if suggested else None

    def _show_current(self) -> None:
        """Show in the pages the field being edited (or the section's first printed line)."""
        if not self.preview.isVisible():
            return
        field = self._focused_field()
        if field is not None and self.preview.show_address([field.address]):
            return
        section = find_section(self.sections, self.current)
        if section is not None:
            self.preview.show_address(self._section_addresses(section))

    def _focused_field(self):
        widget = QApplication.focusWidget()
        fields = set(self.form.fields.values()) if self.form is not None else set()
        while widget is not None and widget is not self:
            if widget in fields:
                return widget
            widget = widget.parentWidget()
        return None

    def _focus_changed(self, _old, now) -> None:
        if now is not None and self.preview.isVisible() and self.isAncestorOf(now):
            field = self._focused_field()
            if field is not None:
                self.preview.show_address([field.address])

    def _show_page_finding(self, finding: Finding) -> None:
        """A page-level finding: its field in the form, its page in the preview (opened if closed)."""
        self.jump_to(finding.address)
        self.set_preview_visible(True)
        self.preview.show_finding(finding)
        self.status.emit(f"{finding.label}：{finding.message}")

    # ------------------------------------------------------------ print

    def print_report(self) -> bool:
        """Qt's print dialog, then the pages as the preview shows them (A4, no scaling). False when
        nothing was printed (cancelled, or the officer went back to fill in what is missing)."""
        from ui import messages
        from ui.editor.printing import print_document

        self.flush()
        self.refresh()
        missing = len(self.findings)  # what the checks panel and the export dialog count as 待补
        if missing and not messages.confirm(
            self, "还有待补的内容", f"还有 {missing} 处待补（未填写的内容或“XX”之类的占位符），会照原样打印出来。"
            "仍要打印吗？", "仍要打印", informative="可以先点左下方清单里的一条，补完后再打印。",
        ):
            return False
        self._update_preview()  # the pages of the text as it is now (with the preview closed they may lag)
        document = self.preview.view.document
        try:
            printed = print_document(document, self.preview.page_painter, self, title=self._title)
        except OSError as exc:
            messages.error(self, "没有打印", f"{exc}。请检查打印机是否开机、已连接，然后再试。")
            return False
        if printed:
            self.status.emit(f"已发送到打印机：共 {len(document.pages)} 页")
        return printed

    # ------------------------------------------------------------ export

    def show_export_dialog(self, fmt: str = "docx") -> None:
        """导出 Word (``fmt`` "docx") or 导出 PDF ("pdf"): the same dialog, the format chosen."""
        from ui.editor.export_dialog import ExportDialog

        self.flush()
        self.refresh()
        # The export works on a copy: nothing it does can change the report being edited.
        dialog = ExportDialog(self.service, copy.deepcopy(self.report), self,
                              remove_empty=self._remove_empty_for_export)
        dialog.fix_requested.connect(self.jump_to_finding)
        dialog.set_format(fmt)
        dialog.export_finished.connect(lambda ok, _path: ok and self.history.exported())
        dialog.exec()
        self._follow_font_scheme()

    def _follow_font_scheme(self) -> None:
        """The pages take the font scheme the export dialog last used (标准 / 系统自带)."""
        painter = self._page_painter()
        if painter.scheme != self.preview.page_painter.scheme:
            self.preview.view.set_page_painter(painter)
            self._laid_out = None
            self._update_preview()

    def _remove_empty_for_export(self):
        """删除所有空条目 from the export dialog: one undo step here; the dialog gets the report as it is now."""
        return copy.deepcopy(self.report) if self.remove_empty_items() is not None else None

    # ------------------------------------------------------------ for the main window

    def title(self) -> str:
        return self._title
