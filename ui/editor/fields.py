"""The input widgets of the forms. Each knows its field address and says when it changed.

Every field offers the same small protocol the editor relies on: ``address``, ``value()``,
``set_value()``, ``focus_field()``, ``select_span(start, end)`` and the signals ``changed(address)``
and ``left(address)`` (focus lost, so the editor saves at once).
"""

from __future__ import annotations

import re

from models.api import BLANK, clean_text, figure_problem
from ui.qt import (
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
    QSyntaxHighlighter,
    Qt,
    QTextCharFormat,
    QTextCursor,
    QTimer,
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
        if is_undo_key(event):
            # Let the window's 撤销/重做 action have the key: the editor undoes this field's typing
            # first and, when there is none left, the last add / remove / move. With no such action
            # the key comes back to this field as a normal key press.
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
        if is_undo_key(event):  # see TextField.event
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
    """A figure with its unit, e.g. [ 24 ] 场次, and a warning when it is not a number."""

    changed = Signal(str)
    left = Signal(str)

    def __init__(self, address: str, unit: str, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self.edit = LineField(address, value, "数字", self)
        self.edit.setFixedWidth(120)
        self.edit.setAccessibleName(f"数据（单位：{unit}）" if unit else "数据")
        self.unit = QLabel(unit, self)
        self.warning = QLabel(self)
        self.warning.setStyleSheet(WARN_STYLE)
        self.warning.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.unit)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.warning)
        self.edit.changed.connect(self._changed)
        self.edit.left.connect(self.left)
        self._show_problem()

    def _changed(self, address: str) -> None:
        self._show_problem()
        self.changed.emit(address)

    def _show_problem(self) -> None:
        problem = figure_problem(self.edit.text())
        self.warning.setText(problem)
        self.warning.setVisible(bool(problem))

    def problem(self) -> str:
        return self.warning.text()

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: str) -> None:
        self.edit.set_value(value)
        self._show_problem()

    def focus_field(self) -> None:
        self.edit.focus_field()

    def select_span(self, start: int, end: int) -> None:
        self.edit.select_span(start, end)
