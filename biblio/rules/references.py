"""References: macros, cross-references and citations that point at nothing."""

from __future__ import annotations

import difflib

from ..diagnostics import Diagnostic
from .registry import ERROR, INFO, Context, View, rule


@rule("undefined-string", ERROR, "references",
      "a value uses an @string macro that no @string defines", scope="file")
def undefined_string(ctx: Context):
    return [d for d in ctx.library.diagnostics if d.rule == "undefined-string"]


def _suggest(key: str, ctx: Context) -> str:
    close = difflib.get_close_matches(key, [e.key for e in ctx.library.entries], n=1)
    return f"did you mean '{close[0]}'?" if close else "add the entry, or correct the key"


@rule("missing-crossref", ERROR, "references",
      "crossref, xdata or xref names a key that no entry has", needs=("crossref", "xref", "xdata"))
def missing_crossref(ctx: Context, e: View):
    for name in ("crossref", "xref", "xdata"):
        f = e.fields.get(name)
        if f is None:
            continue
        for key in (e.value(name) or "").split(","):
            key = key.strip()
            if key and key.lower() not in ctx.by_key:
                yield e.find(f, f"'{e.key}' has {name} = {key!r}, but no entry has that key",
                             _suggest(key, ctx))


@rule("missing-citation", ERROR, "references",
      "a post cites a key that references.bib does not have (with --posts)", scope="file")
def missing_citation(ctx: Context):
    if ctx.cited is None:
        return []
    out = []
    for key, (path, line, col) in ctx.cited.items():
        if key != "*" and key.lower() not in ctx.by_key:
            out.append(Diagnostic(path, line, col, ERROR, "missing-citation",
                                  f"'@{key}' is cited but {ctx.library.path} has no such entry",
                                  _suggest(key, ctx)))
    return out


def _cited_with_parents(ctx: Context) -> set[str]:
    """Cited keys and, transitively, the entries they inherit from (crossref, xdata)."""
    todo = [k.lower() for k in ctx.cited or {}]
    seen: set[str] = set()
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        e = ctx.by_key.get(key)
        if e is None:
            continue
        for name in ("crossref", "xdata"):
            value = e.get(name)
            if value:
                todo.extend(k.strip().lower() for k in value.split(",") if k.strip())
    return seen


@rule("uncited-entry", INFO, "references",
      "an entry that no post cites (with --posts)")
def uncited_entry(ctx: Context, e: View):
    if ctx.cited is None or "*" in ctx.cited:
        return
    cited = getattr(ctx, "_cited_lower", None)
    if cited is None:
        cited = ctx._cited_lower = _cited_with_parents(ctx)  # type: ignore[attr-defined]
    if e.key.lower() not in cited:
        yield e.find(None, f"'{e.key}' is not cited in any post",
                     "cite it, or remove it if it is not needed")
