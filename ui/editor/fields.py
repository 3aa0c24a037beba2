"""The input widgets of the forms. Each knows its field address and says when it changed.

Every field offers the same small protocol the editor relies on: ``address``, ``value()``,
``set_value()``, ``focus_field()``, ``select_span(start, end)`` and the signals ``changed(address)``
and ``left(address)`` (focus lost, so the editor saves at once).
"""

from __future__ import annotations

import re

from models.api import BLANK, clean_text, figure_display, figure_problem, figure_reading, unit_scale
from ui.qt import (
    QAction,
    QCheckBox,
    QColor,
    QEvent,
    QFocusEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMimeData,
    QPlainTextEdit,
    QRect,
    QResizeEvent,
    QShortcut,
    QSyntaxHighlighter,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)

WARN_STYLE = "color: #b3261e;"
_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points (they differ for rare characters)."""
    return len(text[:index].encode("utf-16-le")) // 2


def is_undo_key(event: QEvent) -> bool:
    """Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z, however the platform spells undo and redo."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    combo = event.keyCombination()
    ctrl = combo.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier
    return bool(event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                or (ctrl and combo.key() in (Qt.Key.Key_Z, Qt.Key.Key_Y)))


_EDITING_KEYS = (QKeySequence.StandardKey.Copy, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Paste,
                 QKeySequence.StandardKey.SelectAll, QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def is_window_key(widget: QWidget, event: QEvent) -> bool:
    """A key of one of the window's commands (Ctrl+E 导出 Word, Ctrl+P 预览 …) that a text field would
    keep for itself: with the X11 key scheme QLineEdit takes Ctrl+E as “end of line”, so Ctrl+E did
    nothing from a heading or a figure. Copy, paste, select all and undo stay the field's."""
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    combo = event.keyCombination()
    if not combo.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
        return False
    if any(event.matches(k) for k in _EDITING_KEYS):
        return False
    pressed = QKeySequence(combo)
    exact = QKeySequence.SequenceMatch.ExactMatch
    window = widget.window()
    for action in window.findChildren(QAction):
        if action.isEnabled() and any(s.matches(pressed) == exact for s in action.shortcuts()):
            return True
    return any(s.isEnabled() and s.key().matches(pressed) == exact for s in window.findChildren(QShortcut))


def one_line(text: str) -> str:
    """Join pasted lines (and drop the spaces around each break); spaces typed inside a line stay."""
    return _BREAK.sub("", clean_text(text)).replace("\t", " ")


class BlankHighlighter(QSyntaxHighlighter):
    """Marks leftover blanks (XX, ×××, 某某, □□) in red while the officer types."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.format = QTextCharFormat()
        self.format.setBackground(QColor("#fde2e1"))
        self.format.setForeground(QColor("#b3261e"))

    def highlightBlock(self, text: str) -> None:  # Qt override
        for match in BLANK.finditer(text):
            start = utf16_offset(text, match.start())
            self.setFormat(start, utf16_offset(text, match.end()) - start, self.format)


class TextField(QPlainTextEdit):
    """A multi-paragraph field: Enter starts a new paragraph; pasted text is cleaned first."""

    changed = Signal(str)
    left = Signal(str)
    MIN_LINES, MAX_HEIGHT = 4, 460
    LONG_TEXT = 3000  # characters beyond which the box is at its full height anyway

    def __init__(self, address: str, value: str = "", placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.setTabChangesFocus(True)  # Tab moves on to the next field, as in any office form
        self.setPlaceholderText(placeholder)
        self.set_value(value)
        self.highlighter = BlankHighlighter(self.document())
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._refit = QTimer(self)  # after a new width, once the layout has settled
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit)
        self.textChanged.connect(lambda: self.changed.emit(self.address))
        self._fit()

    def value(self) -> str:
        return self.toPlainText()

    def event(self, event: QEvent) -> bool:  # Qt override
        if is_undo_key(event) or is_window_key(self, event):
            # Let the window's 撤销/重做 action have the key: the editor undoes this field's typing
            # first and, when there is none left, the last add / remove / move. With no such action
            # the key comes back to this field as a normal key press. Likewise Ctrl+E (导出).
            event.ignore()
            return False
        return super().event(event)

    def set_value(self, value: str) -> None:
        self.blockSignals(True)
        self.setPlainText(value)
        self.blockSignals(False)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Word and web pages bring soft breaks (\x0b), NULs and \r; keep only printable text.
        if source.hasText():
            self.insertPlainText(clean_text(source.text()))

    def focus_field(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureCursorVisible()

    def select_span(self, start: int, end: int) -> None:
        text = self.toPlainText()
        cursor = self.textCursor()
        cursor.setPosition(utf16_offset(text, start))
        cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit(self.address)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        super().resizeEvent(event)
        # A new width re-wraps the text: without a refit the field kept its old height and scrolled inside
        # (the preview opening, a narrow window, a long text loaded before the field was shown).
        if event.size().width() != event.oldSize().width():
            self._refit.start()

    def wrapped_lines(self) -> int:
        """Lines the text takes at the field's width, measured directly: the plain-text layout's own count
        lags behind a re-wrap (a new width, the scroll bar appearing) and only covers the visible part."""
        text = self.toPlainText()
        if len(text) > self.LONG_TEXT:
            return 10**4  # surely taller than MAX_HEIGHT; measuring a huge paste would only cost time
        fm = self.fontMetrics()
        margin = self.document().documentMargin()
        width = max(40, int(self.width() - 2 * self.frameWidth() - 2 * margin - self.cursorWidth() - 2))
        rect = fm.boundingRect(QRect(0, 0, width, 10**6), int(Qt.TextFlag.TextWordWrap), text or " ")
        return max(1, round(rect.height() / fm.lineSpacing()))

    def _fit(self) -> None:
        # Grow with the text so the form reads like a page; very long text scrolls inside.
        lines = max(self.MIN_LINES, self.wrapped_lines() + 1)
        margins = 2 * self.frameWidth() + 2 * self.document().documentMargin()
        height = min(self.MAX_HEIGHT, int(lines * self.fontMetrics().lineSpacing() + margins))
        # no scroll bar while the box grows (it would take width, re-wrap the text and need one more line)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if height >= self.MAX_HEIGHT
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFixedHeight(height)


class LineField(QLineEdit):
    """A one-line field (heading sentence, unit name). Pasted line breaks are joined."""

    changed = Signal(str)
    left = Signal(str)

    def __init__(self, address: str, value: str = "", placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self._fixing = False
        self.setPlaceholderText(placeholder)
        self.set_value(value)
        self.textEdited.connect(self._clean)
        self.textChanged.connect(lambda _t: self.changed.emit(self.address))

    def value(self) -> str:
        return self.text()

    def event(self, event: QEvent) -> bool:  # Qt override
        if is_undo_key(event) or is_window_key(self, event):  # see TextField.event
            event.ignore()
            return False
        return super().event(event)

    def set_value(self, value: str) -> None:
        self.blockSignals(True)
        self.setText(one_line(value))
        self.blockSignals(False)

    def _clean(self, text: str) -> None:
        cleaned = one_line(text)
        if cleaned == text or self._fixing:
            return
        # Replace through insert() so Ctrl+Z still works (setText would clear the undo history).
        pos = len(one_line(text[: self.cursorPosition()]))
        self._fixing = True
        self.selectAll()
        self.insert(cleaned)
        self.setCursorPosition(pos)
        self._fixing = False

    def focus_field(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def select_span(self, start: int, end: int) -> None:
        text = self.text()
        a, b = utf16_offset(text, start), utf16_offset(text, end)
        self.setSelection(a, b - a)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit(self.address)


class FigureField(QWidget):
    """A figure with its unit, e.g. [ 24 ] 场次; below it what the checks read (7万余 → 70,000多人次), or
    why it is not a number with a 按原样打印 box (the mark lifts the block on export for this text).
    Beside it, when the same unit's earlier period is known, that value and the change (去年同期
    20场次 · +18%) with 写入同比句 (ui/editor/compare_hints.py fills these in)."""

    changed = Signal(str)
    left = Signal(str)
    asis_toggled = Signal(str, bool)  # address, 按原样打印 on / off
    sentence_requested = Signal(str)  # address: 写入同比句 for this figure

    def __init__(self, address: str, unit: str, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self._mark = ""  # the text approved for 按原样打印 (the .asis value), "" when none
        self.edit = LineField(address, value, "数字", self)
        self.edit.setFixedWidth(120)
        self.edit.setAccessibleName(f"数据（单位：{unit}）" if unit else "数据")
        self.unit_text = unit
        self.unit = QLabel(unit, self)
        self.reading = QLabel(self)
        self.reading.setObjectName("hint")
        self.warning = QLabel(self)
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.setWordWrap(True)
        self.asis = QCheckBox("按原样打印", self)
        self.asis.setToolTip("确实要印成这样（不是数字）时勾选：导出时不再拦下，文件里照原样印出")
        self.asis.toggled.connect(lambda on: self.asis_toggled.emit(self.address, on))
        self.note = QLabel(self)  # after 按原样打印: what will print
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.compare = QLabel(self)  # 去年同期 20场次 · +18%
        self.compare.setObjectName("hint")
        self.compare.setStyleSheet("font-size: 12px;")
        self.compare.hide()
        self.sentence_button = QToolButton(self)
        self.sentence_button.setText("写入同比句")
        self.sentence_button.setAutoRaise(True)
        self.sentence_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.sentence_button.setStyleSheet("QToolButton { color: #1f5fbf; font-size: 12px; padding: 0 2px; }")
        self.sentence_button.clicked.connect(lambda: self.sentence_requested.emit(self.address))
        self.sentence_button.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addSpacing(8)
        row.addWidget(self.reading)
        row.addSpacing(8)
        row.addWidget(self.compare)
        row.addWidget(self.sentence_button)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.warning)
        box.addWidget(self.asis)  # right under the reason, where the eye already is
        box.addWidget(self.note)
        self.edit.changed.connect(self._changed)
        self.edit.left.connect(self.left)
        self._show_problem()

    def _changed(self, address: str) -> None:
        self._show_problem()
        self.changed.emit(address)

    def _show_problem(self) -> None:
        value = self.edit.text().strip()
        problem = figure_problem(value)
        approved = bool(problem) and self._mark.strip() == value
        self.warning.setText("" if approved else problem)
        self.warning.setVisible(bool(problem) and not approved)
        self.asis.blockSignals(True)
        self.asis.setChecked(approved)
        self.asis.blockSignals(False)
        self.asis.setVisible(bool(problem))
        printed = figure_display(value, self.unit_text)
        self.note.setText(f"已选按原样打印：文件里会印成“{printed}”。" if approved else "")
        self.note.setVisible(approved)
        read = figure_reading(value) if not problem else ""
        shown = bool(read) and read != value
        self.reading.setText(f"即 {read}{self.unit_text if unit_scale(self.unit_text)[0] == 1 else ''}"
                             if shown else "")
        self.reading.setVisible(shown)

    def set_asis(self, mark: str) -> None:
        """The stored 按原样打印 mark (the figure text it approves)."""
        self._mark = mark or ""
        self._show_problem()

    def problem(self) -> str:
        return self.warning.text()

    def set_comparison(self, text: str, tip: str = "", sentence: str = "") -> None:
        """The earlier period's value and the change ("" hides it); ``sentence``: what 写入同比句 would
        write ("" hides the button, e.g. while the figure is empty)."""
        self.compare.setText(text)
        self.compare.setToolTip(tip)
        self.compare.setVisible(bool(text))
        self.sentence_button.setToolTip(f"在正文光标处写入：{sentence}（可以按 Ctrl+Z 撤销）" if sentence else "")
        self.sentence_button.setVisible(bool(text and sentence))

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: str) -> None:
        self.edit.set_value(value)
        self._show_problem()

    def focus_field(self) -> None:
        self.edit.focus_field()

    def select_span(self, start: int, end: int) -> None:
        self.edit.select_span(start, end)
