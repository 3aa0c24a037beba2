"""The start page: the list of reports, search, and the buttons for what to do next.

It talks only to ReportService. Opening a report and the dialogs that belong to the whole
window (new, recycle bin, export) are asked for through signals; the main window wires them.
"""

from __future__ import annotations

import datetime as _dt
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.api import PackageError, PeriodError, ReportSummary, StoreError, period_end, periods, resource_dir
from ui import messages
from ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMenu,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPushButton,
    QShortcut,
    QSize,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.style import paint_pill, paint_progress, pill_size

if TYPE_CHECKING:
    from models.api import Report, ReportService
    from ui.qt import QPainter

SEARCH_DELAY_MS = 200
COLUMNS = ("标题", "单位", "期间", "体裁", "最后编辑", "完成度", "状态")
TITLE, UNIT, PERIOD, GENRE, UPDATED, PROGRESS, STATUS = range(len(COLUMNS))
WIDE_LIST = 1100  # px of the page from which the other columns get their full width
COLUMN_WIDTHS = {
    True: {UNIT: 130, PERIOD: 110, GENRE: 190, UPDATED: 110, PROGRESS: 120, STATUS: 110},
    False: {UNIT: 110, PERIOD: 100, GENRE: 140, UPDATED: 96, PROGRESS: 108, STATUS: 104},
}
ID_ROLE = Qt.ItemDataRole.UserRole
PROBLEMS_ROLE = Qt.ItemDataRole.UserRole + 2
# the service's list orders (ReportService.report_ids) behind the columns
SORT_KEYS = {TITLE: "title", UNIT: "unit", PERIOD: "period", GENRE: "genre", UPDATED: "updated",
             PROGRESS: "progress", STATUS: "problems"}
PAGE = 100  # ids of a search shown at once, and summaries read at once


def friendly_time(iso: str, now: _dt.datetime | None = None) -> str:
    """今天 14:32 / 昨天 09:10 / 2024-07-05: how people say when they last touched a file."""
    try:
        when = _dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    now = now or _dt.datetime.now()
    days = (now.date() - when.date()).days
    if days == 0:
        return f"今天 {when:%H:%M}"
    if days == 1:
        return f"昨天 {when:%H:%M}"
    return f"{when:%Y-%m-%d}"


def sample_files() -> list[Path]:
    folder = resource_dir() / "samples"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


class ReportListModel(QAbstractTableModel):
    """The reports list, read a page at a time so 10,000 reports cost what the visible rows cost.

    It holds the ids of the list in order and the summaries of the rows shown so far: a row's
    summary is asked for when the view first paints it, with the rest of its block of PAGE rows.
    A search gives its first PAGE ids at once and the others on fetchMore (the start page asks right
    after the first paint; the view asks when scrolled to the end). Sorting by a column asks the
    service for the ids in that order, keeping the selection.
    """

    loaded = Signal()  # more ids arrived (the rest of a search): the count in the footer changes

    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.query = ""
        self.ids: list[int] = []
        self.complete = True  # every id of the list is here (else fetchMore brings the rest)
        self.sort_key, self.descending = SORT_KEYS[UPDATED], True
        self._rows: dict[int, int] = {}
        self._summaries: dict[int, ReportSummary] = {}
        self._shown: dict[int, tuple[str, ...]] = {}

    # ------------------------------------------------------------ reading

    def load(self, query: str = "") -> None:
        """The list (the search results when ``query`` has words) from the start: the whole list's ids at
        once (one indexed read), a search's first page (a search of short words scans the texts)."""
        self.beginResetModel()
        self.query = query
        self._summaries.clear()
        self._shown.clear()
        limit = PAGE if query.split() else None
        self._set_ids(self.service.report_ids(query, sort=self.sort_key, descending=self.descending, limit=limit))
        self.complete = limit is None or len(self.ids) < limit
        self.endResetModel()

    def _set_ids(self, ids: list[int]) -> None:
        self.ids = list(ids)
        self._rows = {rid: row for row, rid in enumerate(self.ids)}

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.complete

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        """The rest of a search's results, after the first page."""
        if parent.isValid() or self.complete:
            return
        rest = self.service.report_ids(self.query, sort=self.sort_key, descending=self.descending,
                                       offset=len(self.ids))
        self.complete = True
        rest = [rid for rid in dict.fromkeys(rest) if rid not in self._rows]  # no row twice, whatever changed
        if rest:
            first = len(self.ids)
            self.beginInsertRows(QModelIndex(), first, first + len(rest) - 1)
            self.ids.extend(rest)
            self._rows.update((rid, first + n) for n, rid in enumerate(rest))
            self.endInsertRows()
        self.loaded.emit()

    def row_of(self, rid: int) -> int | None:
        return self._rows.get(rid)

    def summary(self, row: int) -> ReportSummary:
        """The row's summary, read with the rest of its block when first needed."""
        rid = self.ids[row]
        found = self._summaries.get(rid)
        if found is None:
            first = row - row % PAGE
            block = [i for i in self.ids[first:first + PAGE] if i not in self._summaries]
            self._summaries.update((s.id, s) for s in self.service.summaries(ids=block))
            # deleted since the list was read (the next refresh drops it): a row that says so
            found = self._summaries.setdefault(rid, ReportSummary(rid, "（已删除）", "", "", "", "", 0, 0))
        return found

    def _texts(self, row: int) -> tuple[str, ...]:
        """The row's cells as shown, formatted once (a repaint asks for each again)."""
        rid = self.ids[row]
        texts = self._shown.get(rid)
        if texts is None:
            s = self.summary(row)
            texts = self._shown[rid] = (s.title, s.unit, s.period, s.genre, friendly_time(s.updated),
                                        f"{s.progress}%", s.status)
        return texts

    def loaded_summaries(self) -> int:
        """How many rows' summaries have been read (the rest are read when shown)."""
        return len(self._summaries)

    # ------------------------------------------------------------ sorting

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self.sort_key, self.descending):
            return
        if self.ids:
            self.fetchMore()  # a layout change keeps the rows: all of them first (in the order they came)
        self.sort_key, self.descending = key, descending
        if not self.ids:
            return
        ids = self.service.report_ids(self.query, sort=key, descending=descending)
        if sorted(ids) != sorted(self.ids):  # the list changed meanwhile: read it afresh
            self.load(self.query)
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        moved = [self.ids[i.row()] for i in old]
        self._set_ids(ids)
        self.changePersistentIndexList(old, [self.index(self._rows[rid], i.column()) for rid, i in
                                             zip(moved, old, strict=True)])
        self.layoutChanged.emit()

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()]  # no summary needed: selection and opening by id stay cheap
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, PROBLEMS_ROLE):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(index.row())[col]
        s = self.summary(index.row())
        if role == PROBLEMS_ROLE:
            return s.problems
        if col == STATUS:
            if s.problems:
                return (f"还有 {s.problems} 处需要补充或修改（空着的必填内容、“XX”之类的占位符等）。"
                        "打开后可以逐条查看并定位。")
            return "必填内容都已填写，没有发现占位符，可以导出 Word。"
        if col == UPDATED:
            return s.updated.replace("T", " ")
        if col in (TITLE, GENRE, UNIT):
            return self.data(index)
        return None


class ReportDelegate(QStyledItemDelegate):
    """Paints the completion bar and the status pill; other cells as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() not in (PROGRESS, STATUS):
            super().paint(painter, option, index)
            return
        # draw the selection background and focus like any other cell, then our content
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if index.column() == PROGRESS:
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            color = option.palette.highlightedText().color() if selected else None
            paint_progress(painter, option.rect, int(str(index.data()).rstrip("%") or 0), color)
        else:
            paint_pill(painter, option.rect, str(index.data()), int(index.data(PROBLEMS_ROLE) or 0))

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() == STATUS:
            pill = pill_size(option.font, str(index.data()))
            size.setWidth(max(size.width(), pill.width() + 12))
            size.setHeight(max(size.height(), pill.height() + 8))
        return size


def copy_notice(service: ReportService, old: Report, new: Report) -> str:
    """What 复制为新一期 did, truthfully: the text is last period's (its numbers too) and its paragraphs are
    marked for rewriting, the figure fields are empty, the 落款 date is a new one."""
    try:
        period = periods.period_label(new.get("front.period"))
    except PeriodError:
        period = "下一期"
    marked = sum(1 for f in service.check(new) if f.rule == "stale" and f.address != "front.date")
    cleared = sum(1 for a, v in old.values.items() if ".fig." in a and not a.endswith(".asis") and v.strip())
    said = [f"正文沿用上一期，已标出 {marked} 段待改写的段落（改写后提示自动消失）" if marked else "正文沿用上一期"]
    numbers = "正文里的数字仍是上一期的，请逐一核改"
    said.append(f"数据栏已清空（{cleared} 项待填），{numbers}" if cleared else numbers)
    date = new.get("front.date")
    if date:
        end = period_end(new.get("front.period"))
        why = "本期最后一天，成文时请改为实际日期" if end is not None and end.isoformat() == date else "复制当天"
        with suppress(PeriodError):
            said.append(f"落款日期已改为{periods.date_label(date)}（{why}）")
    return f"已复制为{period}的新总结：" + "；".join(said) + "。双击它开始修改。"


class StartPage(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()
    recycle_requested = Signal()
    export_package_requested = Signal(int)
    import_package_requested = Signal()
    import_word_requested = Signal()  # 导入 Word 文件 (ui/import_actions.py)
    ledger_requested = Signal()  # 工作台账 (ui/ledger_window.py)
    changed = Signal()  # the list was refreshed (selection or content), for the main window's actions

    def __init__(self, service: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.writable = True  # read-only mode hides what would write (新建, 复制为新一期, 删除)
        self.model = ReportListModel(service, self)
        self.model.loaded.connect(self._rest_loaded)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        # the rest of a search's results, read right after its first page is painted
        self._rest_timer = QTimer(self)
        self._rest_timer.setSingleShot(True)
        self._rest_timer.setInterval(0)
        self._rest_timer.timeout.connect(self.model.fetchMore)
        self._keep_later: tuple[int, int | None] | None = None  # (id to select, the row chosen meanwhile)
        self._build()
        self.refresh()

    # ------------------------------------------------------------ layout

    def _build(self) -> None:
        title = QLabel("我的总结")
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索标题、单位或正文，如：理论宣讲")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.textChanged.connect(self._search_typed)
        self.search.returnPressed.connect(self._search_now)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.search)

        self.new_button = QPushButton("新建总结")
        self.new_button.setProperty("primary", True)
        self.new_button.setToolTip("按体裁新建一份总结（Ctrl+N）")
        self.open_button = QPushButton("打开")
        self.open_button.setToolTip("打开选中的总结继续编写（也可以双击）")
        self.copy_button = QPushButton("复制为新一期")
        self.copy_button.setToolTip("以选中的总结为底稿生成下一期：沿用单位、工作板块和正文（标出待改写的段落），"
                                    "数据栏清空待填，落款日期改为本期")
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("移到回收站，可以恢复（Delete 键）")
        self.recycle_button = QPushButton("回收站")
        self.recycle_button.setToolTip("查看、恢复已删除的总结")
        self.new_button.clicked.connect(self.new_requested)
        self.import_word_button = QPushButton("导入 Word 文件")
        self.import_word_button.setToolTip("把已有的总结（.docx）导入为一份可以修改的总结；也可以把文件拖到列表里"
                                           "（Ctrl+Shift+O）")
        self.import_word_button.clicked.connect(self.import_word_requested)
        self.open_button.clicked.connect(self.open_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.recycle_button.clicked.connect(self.recycle_requested)
        self.ledger_button = QPushButton("工作台账")
        self.ledger_button.setToolTip("平时随手记下每次活动和数字，写总结时按期间自动汇总（Ctrl+L）")
        self.ledger_button.clicked.connect(self.ledger_requested)
        buttons = QHBoxLayout()
        for b in (self.new_button, self.import_word_button, self.open_button, self.copy_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.ledger_button)
        buttons.addWidget(self.recycle_button)

        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        # only the two drawn columns go through Python to paint; the others are Qt's own cells
        self.delegate = ReportDelegate(self.table)
        for column in (PROGRESS, STATUS):
            self.table.setItemDelegateForColumn(column, self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(UPDATED, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for col in COLUMN_WIDTHS[True]:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._wide: bool | None = None
        self._fit_columns()
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self._build_empty())
        self.no_results = QLabel()
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_results.setObjectName("hint")
        self.no_results.setWordWrap(True)
        self.views.addWidget(self.no_results)

        self.footer = QLabel()
        self.footer.setObjectName("hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.footer)

    def _build_empty(self) -> QWidget:
        page = QWidget()
        logo = QLabel()
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon = QApplication.windowIcon()
        if not icon.isNull():
            logo.setPixmap(icon.pixmap(72, 72))
        heading = QLabel("还没有总结，从这里开始")
        heading.setObjectName("pageTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "点下面的按钮，选好体裁、单位和期间，程序会按公文格式搭好框架——\n"
            "标题、导语和“一、（一）1.”各级序号都会自动排好，您只需逐项填写，最后导出 Word。"
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        self.first_button = QPushButton("新建第一份总结")
        self.first_button.setObjectName("bigButton")
        self.first_button.setProperty("primary", True)
        self.first_button.clicked.connect(self.new_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.first_button)
        row.addStretch(1)
        self.sample_label = QLabel()
        self.sample_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample_label.linkActivated.connect(lambda _link: self.import_samples())
        samples = sample_files()
        if samples:
            self.sample_label.setText(
                f'想先看看写好的样子？<a href="samples">导入示例总结（{len(samples)} 份）</a>，看完可以删除。'
            )
        else:
            self.sample_label.hide()
        self.empty_word = QLabel('已经有写好的 Word 总结？<a href="word">导入 Word 文件</a>，或把 .docx 文件拖到这里')
        self.empty_word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_word.linkActivated.connect(lambda _link: self.import_word_requested.emit())
        self.empty_import = QLabel('从别的电脑带来了报告包（.json）？<a href="import">导入报告包</a>')
        self.empty_import.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_import.linkActivated.connect(lambda _link: self.import_package_requested.emit())
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(logo)
        layout.addWidget(heading)
        layout.addSpacing(8)
        layout.addWidget(text)
        layout.addSpacing(16)
        layout.addLayout(row)
        layout.addSpacing(16)
        layout.addWidget(self.sample_label)
        layout.addWidget(self.empty_word)
        layout.addWidget(self.empty_import)
        layout.addStretch(3)
        return page

    def _fit_columns(self) -> None:
        """Column widths for the window's width: on a 1024 px screen the title keeps room for ~20 characters."""
        wide = self.width() >= WIDE_LIST
        if wide == self._wide:
            return  # a column the officer widened by hand stays as it is
        self._wide = wide
        for col, width in COLUMN_WIDTHS[wide].items():
            self.table.setColumnWidth(col, width)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_columns()

    # ------------------------------------------------------------ data

    @property
    def query(self) -> str:
        return self.search.text().strip()

    def _search_typed(self, _text: str) -> None:
        self.show_notice("")  # the last notice (已复制… / 已移到回收站…) is about the list before this search
        self._search_timer.start()

    def _search_now(self) -> None:
        self._search_timer.stop()
        self.refresh()

    def set_writable(self, writable: bool) -> None:
        """Read-only mode began (False) or ended (True): the buttons that would write follow."""
        self.writable = writable
        total = self.model.rowCount()
        self._show_buttons(first_time=not total and not self.query, deleted=self.service.report_count(deleted=True))

    def _show_buttons(self, *, first_time: bool, deleted: int) -> None:
        # a first-time user sees one thing to do, not a row of disabled buttons and an empty search box
        for w in (self.new_button, self.import_word_button, self.open_button, self.copy_button, self.delete_button,
                  self.search):
            w.setVisible(not first_time)
        self.recycle_button.setVisible(not first_time or deleted > 0)
        if not self.writable:  # hidden, not disabled: the list would enable them again on a selection
            for w in (self.new_button, self.copy_button, self.delete_button):
                w.hide()
        self.first_button.setVisible(self.writable)

    def refresh(self, select_id: int | None = None) -> None:
        """Reload from the service (search results when a query is typed), keeping the selection.

        A search shows its first page at once; the rest is read right after (the footer then gives
        the count), and a selection kept from before is found there too.
        """
        self._search_timer.stop()
        keep = select_id if select_id is not None else self.selected_id()
        query = self.query
        self.model.load(query)
        total = self.model.rowCount()
        deleted = self.service.report_count(deleted=True)
        self.recycle_button.setText(f"回收站（{deleted}）" if deleted else "回收站")
        self._show_buttons(first_time=not total and not query, deleted=deleted)
        if total:
            self.views.setCurrentWidget(self.table)
        elif query:
            self.no_results.setText(f"没有找到包含“{query}”的总结。\n换个词试试，或清空搜索框查看全部。")
            self.views.setCurrentWidget(self.no_results)
        else:
            self.views.setCurrentIndex(1)
        self._keep_later = None
        if select_id is not None:
            self.select(select_id)  # asked for by name (a copy, an import): found wherever it is in the list
        elif keep is not None and self.model.row_of(keep) is not None:
            self.select(keep)
        if self.selected_id() is None and total:
            self.table.selectRow(0)
            if keep is not None and not self.model.complete:
                self._keep_later = (keep, self.selected_id())
        self._update_footer()
        self._update_buttons()
        if not self.model.complete:
            self._rest_timer.start()

    def _rest_loaded(self) -> None:
        """The rest of a search arrived: the count, and the report selected before if it is there."""
        self._update_footer()
        if self._keep_later is not None:
            keep, chosen = self._keep_later
            self._keep_later = None
            if self.selected_id() == chosen and self.model.row_of(keep) is not None:  # the officer chose no other
                self.select(keep)

    def _update_footer(self) -> None:
        total = self.model.rowCount()
        if not total:
            self.footer.setText("")
        elif not self.model.complete:
            self.footer.setText(f"已找到 {total} 份，正在查找其余的……")
        else:
            self.footer.setText((f"找到 {total} 份" if self.query else f"共 {total} 份") + "　·　双击或按回车打开")

    def select(self, rid: int) -> bool:
        row = self.model.row_of(rid)
        if row is None and not self.model.complete:
            self.model.fetchMore()
            row = self.model.row_of(rid)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return int(rows[0].data(ID_ROLE)) if rows else None

    def selected_summary(self) -> ReportSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.summary(rows[0].row()) if rows else None

    def visible_titles(self) -> list[str]:
        """Every title of the list as it is sorted (the rest of a search read first)."""
        self.model.fetchMore()
        return [self.model.summary(r).title for r in range(self.model.rowCount())]

    def show_notice(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for b in (self.open_button, self.copy_button, self.delete_button):
            b.setEnabled(has)
        self.changed.emit()

    # ------------------------------------------------------------ actions

    def _open_index(self, index: QModelIndex) -> None:
        rid = index.data(ID_ROLE)
        if rid is not None:
            self.open_requested.emit(int(rid))

    def open_selected(self) -> None:
        rid = self.selected_id()
        if rid is not None:
            self.open_requested.emit(rid)

    def copy_selected(self) -> int | None:
        summary = self.selected_summary()
        if summary is None:
            return None
        try:
            old = self.service.load(summary.id)
            new_id = self.service.copy_as_next_period(summary.id)
            notice = copy_notice(self.service, old, self.service.load(new_id))
        except StoreError as exc:
            messages.error(self, "复制失败", str(exc))
            return None
        self.search.clear()
        self.refresh(select_id=new_id)
        self.show_notice(notice)
        return new_id

    def delete_selected(self) -> bool:
        summary = self.selected_summary()
        if summary is None:
            return False
        if not messages.confirm(self, "移到回收站", f"把“{summary.title}”移到回收站？",
                                "移到回收站", informative="在“回收站”里可以随时恢复。"):
            return False
        row = self.table.currentIndex().row()
        self.service.delete(summary.id)
        self.refresh()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        self.show_notice(f"“{summary.title}”已移到回收站，需要时可以点“回收站”恢复。")
        return True

    def import_samples(self) -> list[int]:
        ids, failed = [], []
        for path in sample_files():
            try:
                ids.append(self.service.import_package(path))
            except (PackageError, StoreError) as exc:
                failed.append(f"{path.name}：{exc}")
        if failed:
            messages.error(self, "示例导入失败", "有示例没能导入：\n" + "\n".join(failed))
        if ids:
            self.refresh(select_id=ids[0])
            self.show_notice(f"已导入 {len(ids)} 份示例总结。双击打开看看，看完可以删除。")
        return ids

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        rid = int(index.data(ID_ROLE))
        menu = QMenu(self)
        menu.addAction("打开", lambda: self.open_requested.emit(rid))
        menu.addAction("复制为新一期", self.copy_selected)
        menu.addAction("导出报告包…", lambda: self.export_package_requested.emit(rid))
        menu.addSeparator()
        menu.addAction("删除（移到回收站）", self.delete_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))
