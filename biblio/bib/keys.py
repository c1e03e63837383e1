"""Which entry a key the user typed names: the one answer every command gives.

A typed key names the entry whose key it is exactly. Citations are matched exactly by pandoc,
biber and JabRef (only BibTeX's own duplicate check ignores case), so a post citing `@bk2`
does not build against an entry `BK2`; a command that accepted `bk2` would act on an entry the
post's citation does not reach. A key that differs from an entry's only in case is therefore
not a match, and the error names that entry first (`did you mean 'BK2'?`): `check` refuses two
keys that differ only in case (`duplicate-key`), so there is at most one such entry.

`rm`, `rename`, `merge`, `edit`, `show`, `export --keys`, `cited-by` and the posts' citations
(`render`, `build`, `check --posts`, the language server) all ask here.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..diagnostics import ERROR, BiblioError, Diagnostic


def same_but_case(key: str, keys: Iterable[str]) -> str | None:
    """The key of `keys` that differs from `key` in case only (None when none does)."""
    low = key.casefold()
    return next((k for k in keys if k != key and k.casefold() == low), None)


def suggestion(key: str, keys: Iterable[str]) -> str | None:
    """The key the user most likely meant by `key`, which names no entry: the one differing in
    case only, else the closest spelling, else one sharing its first six letters."""
    keys = list(keys)
    found = same_but_case(key, keys)
    if found is None:
        close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
        found = close[0] if close else None
    if found is None:
        found = next((k for k in keys if k.lower().startswith(key.lower()[:6])), None)
    return found


def unknown(path: str, key: str, keys: Iterable[str], *, line: int = 1, col: int = 1,
            where: str = "", fix: str = "run 'biblio search' to find the key") -> Diagnostic:
    """The `unknown-key` error for `key`, with the likeliest key (or `fix`) as the fix."""
    keys = list(keys)
    close = suggestion(key, keys)
    if close is not None and close.casefold() == key.casefold():
        hint = f"did you mean '{close}'? (keys are case-sensitive, as in pandoc's citations)"
    else:
        hint = f"did you mean '{close}'?" if close else fix
    return Diagnostic(str(path), line, col, ERROR, "unknown-key",
                      f"no entry '{key}'" + (f" in {where}" if where else ""), hint)


def entry(lib, key: str, *, where: str = ""):
    """The entry of `lib` that the typed `key` names; an `unknown-key` error (exit 1) if none."""
    found = lib.get(key)
    if found is None:
        raise BiblioError(unknown(lib.path, key, lib.keys(), where=where))
    return found


def entries(lib, keys: Iterable[str]) -> list:
    """The entries `keys` name, in that order; every unknown key reported at once."""
    out, missing = [], []
    names = None
    for k in keys:
        e = lib.get(k)
        if e is None:
            names = lib.keys() if names is None else names
            missing.append(unknown(lib.path, k, names))
        else:
            out.append(e)
    if missing:
        raise BiblioError(missing)
    return out
