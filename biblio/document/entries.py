"""The entries a post cites: CSL-JSON items converted on first use, and the problems in them
that must stop the post from being published.

A site cites a few of many entries, so `Items` converts an entry (through biblio.tocsl, with
crossref/xdata inheritance) only when a post asks for it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..bib.library import load
from ..diagnostics import Diagnostic
from ..rules import BREAKING, entry_errors
from ..tocsl import Converter


class Items(dict):
    """Key → CSL-JSON item for one or more Libraries (the first that has a key wins); `in`,
    `len` and iteration see every reference."""

    def __init__(self, *libs, english: bool = True):
        super().__init__()
        self.libraries = libs
        self.english = english  # is an entry that names no language English
        self._other: Items | None = None
        # rules.Selection (or None) -> keys whose entries were found to have no error under it
        self._clean: dict[object, set[str]] = {}
        self._index: list | None = None  # see checking()
        self._converters = [Converter(lib, english) for lib in libs]
        self._entries: dict[str, Any] = {}
        for conv in reversed(self._converters):
            self._entries.update({k: conv for k in conv.entries})

    def __contains__(self, key) -> bool:
        return key in self._entries

    def __missing__(self, key: str) -> dict[str, Any]:
        conv = self._entries.get(key)
        item = None if conv is None else conv.convert(key)[0]
        if item is None:
            raise KeyError(key)
        self[key] = item
        return item

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self):
        return self._entries.keys()

    def get(self, key, default=None):
        return self[key] if key in self._entries else default

    def checking(self) -> list:
        """Per library: (the library, key -> its entries with their places in the file, the
        rules' Context), made once for every post that asks."""
        if self._index is None:
            from ..rules import Context

            self._index = []
            for lib in self.libraries:
                by_key: dict[str, list] = {}
                for n, e in enumerate(lib.entries):
                    by_key.setdefault(e.key, []).append((n, e))
                self._index.append((lib, by_key, Context(lib, "")))
        return self._index

    def speaking(self, english: bool) -> Items:
        """These entries with entries that name no language taken as English or not."""
        if english == self.english:
            return self
        if self._other is None:
            self._other = Items(*self.libraries, english=english)
            self._other._other = self
        return self._other


def open_items(paths: tuple[Path, ...]) -> Items:
    """The items of the .bib files a post's front matter names."""
    return Items(*(load(p) for p in paths))


def errors(items, keys: list[str], checks=None) -> list[Diagnostic]:
    """Error-severity problems (`biblio check`'s rules, the reader's syntax errors) in the
    entries `keys`; none for items that are not a loaded .bib."""
    if not isinstance(items, Items):
        return []

    # An entry's errors depend on it and its library alone: a key found clean once (for the
    # same checks) is not checked again for the next post that cites it.
    clean = items._clean.setdefault(checks, set())
    wanted = set(keys) - clean
    if not wanted:
        return []
    out: list[Diagnostic] = []
    for lib, by_key, ctx in items.checking():
        chosen = sorted((x for k in wanted for x in by_key.get(k, ())), key=lambda x: x[0])
        out += entry_errors(lib, [e for _, e in chosen], checks, ctx)
    if not out:
        clean |= wanted
    return out


def hidden(items, keys: list[str]) -> dict[str, Diagnostic]:
    """Keys missing from the library because a syntax error swallowed their entry: key → the
    syntax error (a brace never closed reads the entries after it as its own text)."""
    if not keys or not isinstance(items, Items):
        return {}

    out: dict[str, Diagnostic] = {}
    for lib in items.libraries:
        breaks = sorted((d for d in lib.diagnostics if d.rule in BREAKING),
                        key=lambda d: d.line)
        if not breaks:
            continue
        text = lib.render()
        starts = [e.line for e in lib.entries]
        for key in keys:
            m = re.search(r"@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text)
            if m is None or key in out:
                continue
            line = text.count("\n", 0, m.start()) + 1
            before = [d for d in breaks if d.line <= line]
            # The error must come after the last entry that was read before the key.
            last_entry = max((s for s in starts if s <= line), default=0)
            if before and before[-1].line >= last_entry:
                out[key] = before[-1]
    return out
