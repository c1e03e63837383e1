"""Every module imports on its own (a broken import fails here, not in a user's command), and
nothing below the CLI imports a command."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "biblio"
MODULES = sorted(".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
                 .removesuffix(".__init__") for p in PACKAGE.rglob("*.py")
                 if p.name != "__main__.py")  # __main__ runs the CLI


@pytest.mark.parametrize("name", MODULES)
def test_every_module_imports(name):
    importlib.import_module(name)


def test_nothing_below_the_cli_imports_a_command():
    for p in PACKAGE.rglob("*.py"):
        rel = p.relative_to(PACKAGE).as_posix()
        if rel.startswith("commands/") or rel in ("cli.py", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                mod = (node.module or "")
                assert "commands" not in mod.split("."), f"{rel} imports {mod}"
