"""The program's version, as the About box, report packages and the Windows file properties show it.

pyproject.toml's ``version`` is the one source; this constant repeats it because a PyInstaller
bundle carries no package metadata (importlib.metadata finds nothing there). A test fails when the
two differ, so a release changes pyproject.toml and then this line.
"""

APP_VERSION = "1.0.0"
