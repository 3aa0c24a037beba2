"""An undo command made before it is pushed: ``apply()`` runs the change once, so a failure raises to the
caller and nothing lands on the undo stack; the ``redo()`` that ``QUndoStack.push`` calls then skips it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.qt import QUndoCommand

if TYPE_CHECKING:
    from collections.abc import Callable


class AppliedCommand(QUndoCommand):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied = False

    def apply(self) -> None:
        self.forward()
        self._applied = True

    def redo(self) -> None:
        if self._applied:  # push() calls redo(); the change is already made by apply()
            self._applied = False
            return
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, step: Callable[[], None]) -> None:
        """Undo and redo: where a failure is shown (they run from a menu, nobody catches their errors)."""
        raise NotImplementedError

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError
