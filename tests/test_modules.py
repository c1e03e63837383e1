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


def _import_graph() -> dict[str, set[str]]:
    """module → the project modules it imports (at any level, deferred and type-only ones
    included: a cycle of any kind is a knot a reader has to untie)."""
    mods = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts)
            .removesuffix(".__init__"): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        pkg = m if p.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = pkg.split(".")[:len(pkg.split(".")) - node.level + 1] if node.level \
                    else []
                target = ".".join(base + ([node.module] if node.module else []))
                for a in node.names:
                    sub = f"{target}.{a.name}"
                    if sub in mods:
                        edges[m].add(sub)
                    elif target in mods and target != m:
                        edges[m].add(target)
            elif isinstance(node, ast.Import):
                edges[m] |= {a.name for a in node.names if a.name in mods}
    return edges


def test_no_import_cycle():
    edges = _import_graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:  # depth-first; a module met again on the path is a cycle
        state[m] = 1
        path.append(m)
        for n in sorted(edges[m]):
            assert state.get(n) != 1, " → ".join(path[path.index(n):] + [n])
            if n not in state:
                visit(n)
        path.pop()
        state[m] = 2

    for m in sorted(edges):
        if m not in state:
            visit(m)


# The stages, lowest first (the README's module table in this order). A unit — a package
# under biblio/ or a top-level module — imports only from its own modules and from lower
# stages; units of one stage do not import each other.
STAGES = [
    ("diagnostics",),  # a located problem, the error that carries them
    ("paths", "collector"),  # where a path really leads; when the garbage collector runs
    ("regexcache",),  # compiled regular expressions kept once per install (the CLI's)
    ("config",),  # [tool.biblio] settings
    ("bib",),  # the .bib file: read, hold, write
    ("csl",),  # the CSL engine (pure)
    ("styles",),  # finding styles and locales
    ("tocsl",),  # BibTeX entries → CSL-JSON items
    ("importers",),  # sources → records
    ("rules", "exporters", "online"),  # checks; entries → other formats; sources on the web
    ("store",),  # records → checked entries in the .bib
    ("document",),  # one post → one page
    ("site", "lsp"),  # many posts; an editor
    ("commands",),  # one module per verb
    ("cli", "api"),  # the ways in: the command line, the Python API
    ("__main__", "integrations"),  # python -m biblio; Python-Markdown and MkDocs
]


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "biblio"


def test_every_unit_has_a_stage():
    units = {_unit(m) for m in _import_graph()} - {"biblio"}
    staged = {u for stage in STAGES for u in stage}
    assert units == staged, f"not staged: {units - staged}; gone: {staged - units}"


def test_no_import_runs_back_up_the_stages():
    """The package import graph against the stage order. The package root is the public
    face: it holds `__version__` (anyone may import it) and hands `render_post` to the API."""
    level = {u: i for i, stage in enumerate(STAGES) for u in stage}
    wrong = []
    for m, targets in _import_graph().items():
        a = _unit(m)
        for t in targets:
            b = _unit(t)
            if a == b or b == "biblio" or a == "biblio":
                continue
            if level[b] >= level[a]:
                wrong.append(f"{m} ({a}, stage {level[a]}) imports {t} ({b}, stage {level[b]})")
    assert not wrong, "\n".join(sorted(wrong))
