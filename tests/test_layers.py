"""The layer rules (docs/architecture.md): import-linter's contracts, and the two entry modules it cannot take as roots."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function (``from a import b`` counts as ``a``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_the_import_contracts_hold():
    run = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
                          "--no-cache"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_cli_uses_models_only_through_the_api_and_never_qt_or_sql():
    imported = _imports(ROOT / "cli.py")
    ours = {name for name in imported if name.split(".")[0] in ("models", "ui", "export")}
    assert {name for name in ours if name.startswith("models")} == {"models.api"}
    assert not {name for name in ours if name.startswith("ui")}
    assert not {name for name in imported if name.split(".")[0] in ("PySide6", "sqlite3", "sqlite_utils")}


def test_main_only_chooses_between_the_gui_and_the_cli():
    ours = {name for name in _imports(ROOT / "main.py") if name.split(".")[0] in ("models", "ui", "export", "cli")}
    assert ours == {"cli", "ui.app"}


def test_the_reader_sees_imports_in_every_form(tmp_path):
    """So the cli test above could fail: ``from models import store`` and a late import inside a function count."""
    path = tmp_path / "probe.py"
    path.write_text("from models import store\n\ndef f():\n    import sqlite3\n", encoding="utf-8")
    assert _imports(path) == {"models", "sqlite3"}
