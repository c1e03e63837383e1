"""References: macros, cross-references and citations that point at nothing; two entries
that are one work."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from ..bib.blocks import Entry
from ..diagnostics import Diagnostic
from ..importers import dedupe, keys
from .registry import ERROR, INFO, WARNING, Context, View, rule


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


def _ids(e: Entry) -> list[tuple[str, str]]:
    return dedupe.identifiers(e.type, _getter(e))


def _groups(entries: list[Entry], values: Callable[[Entry], list]) -> list[list[Entry]]:
    """Entries that share a value, in file order; groups of one left out."""
    by: dict = {}
    for e in entries:
        for v in values(e):
            by.setdefault(v, []).append(e)
    return [(v, group) for v, group in by.items() if len(group) > 1]


@rule("duplicate-entry", WARNING, "references",
      "two entries for one work (the question `add` asks too, biblio.importers.dedupe): the same "
      "DOI, the same ISBN (books), or the same title, year and first author", scope="file")
def duplicate_entry(ctx: Context):
    works = [e for e in ctx.library.entries if e.type.lower() not in dedupe.NOT_WORKS]
    found: dict[tuple[int, int], tuple[Entry, Entry, str]] = {}  # the surest reason first

    def pairs(groups, why: Callable[[str], str], apart=lambda a, b: False) -> None:
        for value, group in groups:
            for i, b in enumerate(group):
                for a in group[:i]:
                    # One key twice is duplicate-key's to report.
                    if a.key.lower() != b.key.lower() and not apart(a, b):
                        found.setdefault((id(a), id(b)), (a, b, why(value)))

    pairs(_groups(works, _ids), lambda v: f"the same {v[0]} {v[1]}")
    # The first author is parsed only for entries whose year and title already match.
    for _, group in _groups(works, lambda e: _title_year(e)):
        pairs(_groups(group, lambda e: [dedupe.first_author(_getter(e))]),
              lambda v: "the same title, year and first author",
              lambda a, b: dedupe.apart(_getter(a), _getter(b)))
    out = []
    for a, b, why in sorted(found.values(), key=lambda p: (p[0].line, p[1].line)):
        fix = f"keep one with 'biblio merge {a.key} {b.key}', or tell the two apart"
        for this, other in ((a, b), (b, a)):
            out.append(Diagnostic(ctx.library.path, this.line, this.col, WARNING,
                                  "duplicate-entry", f"'{this.key}' and '{other.key}' (line "
                                  f"{other.line}) are one work: {why}", fix))
    return out


def _getter(e: Entry) -> Callable[[str], str]:
    return lambda name: e.get(name) or ""


def _title_year(e: Entry) -> list[tuple[str, str]]:
    field = _getter(e)
    title = dedupe.normal_title(field)
    return [(keys.year(field), title)] if title else []
