"""`biblio check`'s rules: a registry (see registry.py) and the function that runs them.

Rule families live in one module each; importing this package registers them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..bib.blocks import Library
from ..diagnostics import ERROR, INFO, SEVERITIES, BiblioError, Diagnostic
from . import (  # noqa: F401 (importing a family registers its rules)
    fields,
    names,
    positions,
    references,
    required,
    sources,
    style,
    syntax,
    values,
)
from .registry import REGISTRY, Context, Finding, Rule, View

__all__ = ["BREAKING", "REGISTRY", "Context", "Finding", "Rule", "Selection", "entry_errors", "findings", "run",
           "selection"]


class Selection:
    """Which rules run and at what severity (from [tool.biblio.check] and --select/--ignore)."""

    def __init__(self, ids: set[str], severity: dict[str, str] | None = None):
        self.ids = ids
        self.severity = severity or {}

    def level(self, rule: Rule) -> str:
        return self.severity.get(rule.id, rule.severity)


def _expand(given: Iterable[str], where: str, path: str) -> set[str]:
    """Rule ids from ids, family names or "all"; unknown names are a usage error."""
    families = {r.family for r in REGISTRY.values()}
    out: set[str] = set()
    for name in given:
        name = name.strip().lower()
        if not name:
            continue
        if name == "all":
            out |= set(REGISTRY)
        elif name in REGISTRY:
            out.add(name)
        elif name in families:
            out |= {r.id for r in REGISTRY.values() if r.family == name}
        else:
            import difflib
            close = difflib.get_close_matches(name, [*REGISTRY, *families], n=1)
            fix = f"did you mean '{close[0]}'?" if close else \
                "run 'biblio check --list-rules' to see the rules"
            raise BiblioError(Diagnostic(path, 1, 1, ERROR, "config",
                                         f"{where}: unknown rule {name!r}", fix), exit_code=2)
    return out


def selection(settings: dict | None = None, select: Iterable[str] = (),
              ignore: Iterable[str] = (), where: str = "pyproject.toml") -> Selection:
    """Combine the config table ([tool.biblio.check]) with command-line --select/--ignore."""
    settings = settings or {}

    def listed(key: str) -> list[str]:
        value = settings.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BiblioError(Diagnostic(where, 1, 1, ERROR, "config",
                                         f"[tool.biblio.check] {key} must be a list of rule ids",
                                         f'write {key} = ["rule-id", …]'), exit_code=2)
        return value

    select = [s for v in select for s in v.split(",")]
    ignore = [s for v in ignore for s in v.split(",")]
    chosen = _expand(select or listed("select") or ["all"],
                     "--select" if select else "select", where)
    chosen -= _expand(listed("ignore"), "ignore", where)
    chosen -= _expand(ignore, "--ignore", where)
    levels = settings.get("severity", {})
    if not isinstance(levels, dict):
        raise BiblioError(Diagnostic(where, 1, 1, ERROR, "config",
                                     "[tool.biblio.check] severity must be a table",
                                     'write severity = { rule-id = "warning" }'), exit_code=2)
    severity: dict[str, str] = {}
    for name, level in levels.items():
        if level not in SEVERITIES:
            raise BiblioError(Diagnostic(where, 1, 1, ERROR, "config",
                                         f"severity of {name!r} must be one of "
                                         f"{', '.join(SEVERITIES)}, not {level!r}",
                                         f'write severity = {{ {name} = "warning" }} (or '
                                         '"error", "info")'),
                              exit_code=2)
        for rid in _expand([name], "severity", where):
            severity[rid] = level
    return Selection(chosen, severity)


def findings(ctx: Context, chosen: Selection | None = None
             ) -> list[tuple[Rule, Finding | Diagnostic]]:
    """Every problem the chosen rules find, with the rule that found it."""
    ids = set(REGISTRY) if chosen is None else chosen.ids
    scopes = ("entry", "online") if ctx.online is not None else ("entry",)
    entry_rules = [r for r in REGISTRY.values() if r.scope in scopes and r.id in ids]
    file_rules = [r for r in REGISTRY.values() if r.scope == "file" and r.id in ids]
    out: list[tuple[Rule, Finding | Diagnostic]] = []
    for r in file_rules:
        out.extend((r, f) for f in r.check(ctx))
    broken = _broken_entries(ctx.library)
    # Which rules apply depends only on the set of field names; entries share few such sets.
    applicable: dict[frozenset, list[Rule]] = {}
    for e in ctx.library.entries:
        if id(e) in broken:  # its fields cannot be trusted; the syntax error says enough
            continue
        view = View(e)
        shape = frozenset(view.fields)
        todo = applicable.get(shape)
        if todo is None:
            todo = applicable[shape] = [r for r in entry_rules
                                        if not r.needs or not r.needs.isdisjoint(shape)]
        for r in todo:
            for f in r.check(ctx, view):
                if f.entry is None:
                    f.entry = e
                out.append((r, f))
    return out


BREAKING = frozenset(("syntax", "unbalanced-braces", "missing-comma"))


def _broken_entries(library: Library) -> set[int]:
    """Entries the reader found syntax errors in (a missing comma folds two fields into one)."""
    lines = sorted(d.line for d in library.diagnostics
                   if d.rule in BREAKING and d.path == library.path)
    if not lines:
        return set()
    import bisect

    out = set()
    for e in library.entries:
        last = e.line + e.text.count("\n")
        i = bisect.bisect_left(lines, e.line)
        if i < len(lines) and lines[i] <= last:
            out.add(id(e))
    return out


def diagnostic(ctx: Context, rule: Rule, found: Finding | Diagnostic,
               chosen: Selection | None = None) -> Diagnostic:
    level = chosen.level(rule) if chosen else rule.severity
    if isinstance(found, Diagnostic):
        if found.severity == level and found.rule == rule.id:
            return found
        return Diagnostic(found.path, found.line, found.col, level, rule.id, found.message,
                          found.fix)
    if found.line:
        line, col = found.line, found.col
    elif found.entry is not None:
        line, col = positions.position(found.entry, found.field, found.at)
    else:
        line, col = 1, 1
    return Diagnostic(ctx.library.path, line, col, level, rule.id, found.message, found.fix)


def run(library: Library, chosen: Selection | None = None,
        cited: dict[str, tuple[str, int, int]] | None = None, online=None) -> list[Diagnostic]:
    """Check a loaded library; the diagnostics come sorted by position. `online`: the
    answers of the online stage, which the `sources` rules read (they run only with them)."""
    ctx = Context(library, "", cited, online=online)
    diags = [diagnostic(ctx, r, f, chosen) for r, f in findings(ctx, chosen)]
    # Problems the reader found under a rule id no rule claims are never dropped.
    diags += [d for d in library.diagnostics if d.rule not in REGISTRY]
    diags.sort(key=lambda d: d.sort_key)
    return diags


def entry_errors(library: Library, chosen_entries: list, chosen: Selection | None = None,
                 ctx: Context | None = None) -> list[Diagnostic]:
    """The error-severity problems of some entries: the reader's syntax errors inside them and
    what the entry rules find (at the severity `chosen` gives them). What stops a post that
    cites one of them from being published. `ctx`: the library's Context, when the caller
    keeps one across calls (a build asks once per post)."""
    out = []
    spans = [(e.line, e.line + e.text.count("\n")) for e in chosen_entries]
    for d in library.diagnostics:
        if d.severity == ERROR and any(a <= d.line <= b for a, b in spans):
            out.append(d)
    broken = _broken_entries(library)
    ctx = ctx or Context(library, "")
    ids = set(REGISTRY) if chosen is None else chosen.ids
    rules = [r for r in REGISTRY.values() if r.scope == "entry" and r.id in ids
             and (chosen.level(r) if chosen else r.severity) == ERROR]
    for e in chosen_entries:
        if id(e) in broken:
            continue
        view = View(e)
        for r in rules:
            if r.needs and r.needs.isdisjoint(view.fields):
                continue
            for f in r.check(ctx, view):
                f.entry = f.entry or e
                out.append(diagnostic(ctx, r, f, chosen))
    out.sort(key=lambda d: d.sort_key)
    return out


def apply_fixes(library: Library, chosen: Selection | None = None,
                max_passes: int = 5) -> list[Diagnostic]:
    """Apply the automatic fixes of the chosen rules; one Diagnostic per fix, saying what it did.

    A field is fixed at most once per pass (two rules may rewrite the same author list), and
    the rules run again until nothing more can be fixed.
    """
    done: list[Diagnostic] = []
    for _ in range(max_passes):
        ctx = Context(library, "")
        touched: set[int] = set()
        applied = 0
        for r, found in findings(ctx, chosen):
            if r.fix is None or isinstance(found, Diagnostic) or found.entry is None:
                continue
            if found.value is None or found.value == "":
                continue
            target = id(found.field) if found.field is not None else id(found.entry)
            if target in touched:
                continue
            where = diagnostic(ctx, r, found, chosen)
            what = r.fix(found.entry, found)
            if not what:
                continue
            touched.add(target)
            applied += 1
            done.append(Diagnostic(where.path, where.line, where.col, INFO, r.id,
                                   f"fixed '{found.entry.key}': {what}"))
        if not applied:
            break
    done.sort(key=lambda d: d.sort_key)
    return done
