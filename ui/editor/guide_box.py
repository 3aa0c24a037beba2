"""填写提示 and 示例 in a foldable box, and the grey hint lines under fields."""

from __future__ import annotations

from ui.qt import QLabel, Qt, QToolButton, QVBoxLayout, QWidget, Signal

HINT_STYLE = "color: #5f6368;"


class GuideBox(QWidget):
    """填写提示 and 示例 in a box the officer can fold away."""

    toggled = Signal(bool)

    def __init__(self, guidance: str, example: str = "", opened: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QToolButton(self)
        self.button.setText("填写提示")
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setStyleSheet("QToolButton { border: none; font-weight: bold; color: #1a5fb4; }")
        parts = []
        if guidance:
            parts.append(_html(guidance))
        if example:
            parts.append(f"<b>示例：</b>{_html(example)}")
        self.body = QLabel("<br><br>".join(parts), self)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setStyleSheet("QLabel { background: #f4f8fd; border: 1px solid #d5e3f5; border-radius: 4px;"
                                " padding: 8px; color: #333; }")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.body)
        self.button.toggled.connect(self._toggle)
        self.button.setChecked(opened)
        self._toggle(opened)

    def _toggle(self, opened: bool) -> None:
        self.button.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.body.setVisible(opened)
        self.toggled.emit(opened)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


def hint_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label
