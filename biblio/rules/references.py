"""References: macros, cross-references and citations that point at nothing; two entries
that are one work."""

from __future__ import annotations

from collections.abc import Callable

from ..bib.blocks import Entry
from ..bib.inherit import split_keys
from ..bib.keys import suggestion
from ..diagnostics import Diagnostic
from ..importers import dedupe, keys
from .registry import ERROR, INFO, WARNING, Context, View, rule


@rule("undefined-string", ERROR, "references",
      "a value uses an @string macro that no @string defines", scope="file")
def undefined_string(ctx: Context):
    return [d for d in ctx.library.diagnostics if d.rule == "undefined-string"]


def _suggest(key: str, ctx: Context) -> str:
    close = suggestion(key, [e.key for e in ctx.library.entries])
    return f"did you mean '{close}'?" if close else "add the entry, or correct the key"


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


@rule("crossref-cycle", ERROR, "references",
      "crossref or xdata leads back to the entry itself (biber refuses circular inheritance)",
      needs=("crossref", "xdata"))
def crossref_cycle(ctx: Context, e: View):
    cycles = getattr(ctx, "_cycles", None)
    if cycles is None:
        cycles = ctx._cycles = _inheritance_cycles(ctx)  # type: ignore[attr-defined]
    found = cycles.get(e.key.lower())
    if found is None:
        return
    size, members = found
    fix = "remove the crossref or xdata that closes the cycle"
    for name in ("crossref", "xdata"):
        f = e.fields.get(name)
        for key in split_keys(e.value(name) or "") if f is not None else ():
            if key.lower() == e.key.lower():
                yield e.find(f, f"'{e.key}' has {name} = '{key}': an entry cannot inherit "
                             "from itself", fix)
            elif key.lower() in members:
                yield e.find(f, f"'{e.key}' has {name} = '{key}', and '{key}' inherits from "
                             f"'{e.key}' in turn (a cycle of {size} entries)", fix)


def _inheritance_cycles(ctx: Context) -> dict[str, tuple[int, set[str]]]:
    """Each key (lower case) on a cycle of crossref/xdata links → (the cycle's size, its
    keys): the strongly connected groups of the links (Tarjan's walk, without recursion),
    and the entries that name themselves."""
    links = {k: [p.lower() for name in ("crossref", "xdata")
                 for p in split_keys(e.get(name) or "") if p.lower() in ctx.by_key]
             for k, e in ctx.by_key.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: dict[str, tuple[int, set[str]]] = {}
    for root, first in links.items():
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        walk = [(root, iter(first))]
        while walk:
            v, todo = walk[-1]
            for w in todo:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    walk.append((w, iter(links[w])))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                walk.pop()
                if walk:
                    low[walk[-1][0]] = min(low[walk[-1][0]], low[v])
                if low[v] == index[v]:
                    group = set()
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        group.add(w)
                        if w == v:
                            break
                    if len(group) > 1 or v in links[v]:
                        for w in group:
                            out[w] = (len(group), group)
    return out


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


# Copies of one work that an entry names one by one; the rest are counted in one more line. (A
# work in a thousand copies gave every pair at both entries: a million lines.)
NAMED = 5


@rule("duplicate-entry", WARNING, "references",
      "two entries for one work (the question `add` asks too, biblio.importers.dedupe): the same "
      "DOI, the same ISBN (books), or the same title, year and first author", scope="file")
def duplicate_entry(ctx: Context):
    works = [e for e in ctx.library.entries if e.type.lower() not in dedupe.NOT_WORKS]
    ids = {id(e): set(_ids(e)) for e in works}
    named: dict[int, list[tuple[Entry, Entry, Entry, str]]] = {}  # id → (other, a, b, why)
    more: dict[int, list] = {}  # id → [how many more, the first of them, why]

    def note(this: Entry, other: Entry, a: Entry, b: Entry, why: str, n: int = 1) -> None:
        """`this` and `other` are one work (and n - 1 more after `other`, in one go)."""
        mine = named.setdefault(id(this), [])
        if len(mine) < NAMED:
            mine.append((this, other, a, b, why))
            n -= 1
        if n and id(this) in more:
            more[id(this)][0] += n
        elif n:
            more[id(this)] = [n, other, why]

    def found(a: Entry, b: Entry, why: str) -> None:
        note(a, b, a, b, why)
        note(b, a, a, b, why)

    def every_pair(group: list[Entry], why: str) -> None:
        """Entries each of which is one work with every other (distinct keys): each is named
        with its first NAMED copies and counts the rest, without walking pair by pair."""
        for j, e in enumerate(group):
            others = [*range(min(j, NAMED + 1)), *range(j + 1, j + NAMED + 2)]
            others = [k for k in others if k < len(group)][:NAMED + 1]
            for n, k in enumerate(others):
                pair = (group[k], e) if k < j else (e, group[k])
                note(e, group[k], *pair, why, len(group) - 1 - NAMED if n == NAMED else 1)

    def distinct_keys(group: list[Entry]) -> bool:
        return len({e.key.lower() for e in group}) == len(group)  # (else duplicate-key's)

    # The surest reason first: a shared identifier (each pair once, at the first value the two
    # share), then the same title, year and first author for pairs that share none.
    id_groups = _groups(works, _ids)
    rank = {v: i for i, (v, _) in enumerate(id_groups)}
    for value, group in id_groups:
        why = f"the same {value[0]} {value[1]}"
        if distinct_keys(group) and all(len(ids[id(e)]) == 1 for e in group):
            every_pair(group, why)
            continue
        for i, b in enumerate(group):
            for a in group[:i]:
                # One key twice is duplicate-key's to report.
                if a.key.lower() == b.key.lower():
                    continue
                if len(ids[id(b)]) > 1 and min(ids[id(a)] & ids[id(b)], key=rank.get) != value:
                    continue  # reported at the value they share first
                found(a, b, why)
    # The first author is parsed only for entries whose year and title already match.
    why = "the same title, year and first author"
    for _, group in _groups(works, lambda e: _title_year(e)):
        for _, same in _groups(group, lambda e: [dedupe.first_author(_getter(e))]):
            told = [dedupe.telling(_getter(e)) for e in same]
            given = {tuple(x is not None for x in t) for t in told}
            if distinct_keys(same) and not any(ids[id(e)] for e in same) and len(given) == 1:
                # Each of DOI and volume given by every entry or by none: one work exactly
                # when they are the same (each set of equal ones is every pair).
                by: dict[tuple, list[Entry]] = {}
                for e, t in zip(same, told):
                    by.setdefault(t, []).append(e)
                for copies in by.values():
                    every_pair(copies, why)
                continue
            for i, b in enumerate(same):
                for j, a in enumerate(same[:i]):
                    if a.key.lower() == b.key.lower() or ids[id(a)] & ids[id(b)] or \
                            dedupe.told_apart(told[j], told[i]):
                        continue
                    found(a, b, why)
    out = []
    for e in works:
        for this, other, a, b, why in sorted(named.get(id(e), []), key=lambda p: p[1].line):
            out.append(Diagnostic(ctx.library.path, this.line, this.col, WARNING,
                                  "duplicate-entry", f"'{this.key}' and '{other.key}' (line "
                                  f"{other.line}) are one work: {why}",
                                  f"keep one with 'biblio merge {a.key} {b.key}', or tell the "
                                  "two apart"))
        if id(e) in more:
            n, other, why = more[id(e)]
            out.append(Diagnostic(ctx.library.path, e.line, e.col, WARNING, "duplicate-entry",
                                  f"'{e.key}' and {n} more entries are one work (the first of "
                                  f"them: '{other.key}', line {other.line}): {why}",
                                  "keep one with 'biblio merge', or tell them apart"))
    return out


def _getter(e: Entry) -> Callable[[str], str]:
    return lambda name: e.get(name) or ""


def _title_year(e: Entry) -> list[tuple[str, str]]:
    field = _getter(e)
    title = dedupe.normal_title(field)
    return [(keys.year(field), title)] if title else []
