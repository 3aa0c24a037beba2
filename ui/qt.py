"""The one module that imports PySide6 for the UI: ``from ui.qt import QWidget, Signal, Qt``.

Keeping every Qt import here (as Anki's aqt.qt does) means a Qt upgrade or a binding change
touches one file, and the rest of ui/ reads as plain application code.
"""

# ruff: noqa: F401, F403
from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import *
from PySide6.QtGui import *
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import *

QT_VERSION_TEXT: str = QtCore.qVersion()
