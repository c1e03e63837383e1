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


# A whole book has an ISBN of its own; a chapter or paper shares its book's.
_BOOKS = frozenset(("book", "mvbook", "collection", "mvcollection", "proceedings",
                    "mvproceedings", "reference", "mvreference"))
_NOT_WORKS = frozenset(("xdata", "set"))  # field containers and groups, not works


def _dois(e: Entry) -> list[str]:
    doi = dedupe.norm_doi(e.get("doi") or "")
    return [doi] if doi else []


def _isbns(e: Entry) -> list[str]:
    return dedupe.norm_isbns(e.get("isbn") or "") if e.type.lower() in _BOOKS else []


def _groups(entries: list[Entry], values: Callable[[Entry], list]) -> list[list[Entry]]:
    """Entries that share a value, in file order; groups of one left out."""
    by: dict = {}
    for e in entries:
        for v in values(e):
            by.setdefault(v, []).append(e)
    return [(v, group) for v, group in by.items() if len(group) > 1]


def _apart(a: Entry, b: Entry) -> bool:
    """Whether two entries with one title, year and first author are still two works: their
    DOIs differ (a preprint and the article), or their volumes do (a multi-volume work)."""
    return any((a.get(name) or "").strip().lower() != (b.get(name) or "").strip().lower()
               for name in ("doi", "volume") if a.get(name) and b.get(name))


@rule("duplicate-entry", WARNING, "references",
      "two entries for one work: the same DOI, the same ISBN (books), or the same title, year "
      "and first author", scope="file")
def duplicate_entry(ctx: Context):
    works = [e for e in ctx.library.entries if e.type.lower() not in _NOT_WORKS]
    found: dict[tuple[int, int], tuple[Entry, Entry, str]] = {}  # the surest reason first

    def pairs(groups, why: Callable[[str], str], apart=lambda a, b: False) -> None:
        for value, group in groups:
            for i, b in enumerate(group):
                for a in group[:i]:
                    # One key twice is duplicate-key's to report.
                    if a.key.lower() != b.key.lower() and not apart(a, b):
                        found.setdefault((id(a), id(b)), (a, b, why(value)))

    pairs(_groups(works, _dois), lambda v: f"the same DOI {v}")
    pairs(_groups(works, _isbns), lambda v: f"the same ISBN {v}")
    # The first author is parsed only for entries whose year and title already match; without
    # a year, a title and an author say too little.
    for _, group in _groups(works, lambda e: _title_year(e)):
        pairs(_groups(group, lambda e: [dedupe.first_author(_getter(e))]),
              lambda v: "the same title, year and first author", _apart)
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
    year = keys.year(field)
    title = dedupe.normal_title(field) if year else ""
    return [(year, title)] if title else []
