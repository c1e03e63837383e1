"""The library as an editor sees it: keys ranked for completion, each entry's formatted
reference, its check findings and its line — loaded once, and again when the .bib changes.

No protocol here: `biblio.lsp.server` turns these answers into LSP messages.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import paths, rules
from ..bib import library
from ..bib.reader import parse
from ..diagnostics import BiblioError, Diagnostic
from ..document import reference_list
from ..document.entries import Items
from ..document.profile import profile
from ..document.settings import Settings
from ..importers.values import finding, fold


@dataclass
class Row:
    key: str
    line: int  # 1-based line of the entry in the .bib
    col: int
    key_l: str  # the key, lower case
    author: str  # normalised: ASCII, lower case
    rest: str  # title and year, normalised


def _rows(lib) -> list[Row]:
    out = []
    for e in lib.entries:
        found = finding(e)  # what `biblio search` matches too
        out.append(Row(e.key, e.line, e.col, e.key.lower(), fold(found["author"]),
                       f"{fold(found['title'])} {fold(found['year'])}"))
    return out


_PARTS = re.compile(r"[a-z]+|\d+")


def _subsequence(q: str, s: str) -> bool:
    it = iter(s)
    return all(c in it for c in q)


def rank(rows: list[Row], typed: str, limit: int = 50) -> list[Row]:
    """The entries a writer typing `@typed` most likely means, best first: the key starting
    with it, containing it, every word of it (letters, digits) in the authors (then anywhere
    in author, title and year: `smith2020`), the key's letters in order."""
    q = typed.lower()
    if not q:
        return sorted(rows, key=lambda r: r.key_l)[:limit]
    parts = _PARTS.findall(q)
    scored = []
    for r in rows:
        k = r.key_l
        if k.startswith(q):
            s = 0
        elif q in k:
            s = 1
        elif parts and all(p in r.author or p in k for p in parts):
            s = 2
        elif parts and all(p in k or p in r.author or p in r.rest for p in parts):
            s = 3
        elif _subsequence(q, k):
            s = 4
        else:
            continue
        scored.append((s, len(k), k, r))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored[:limit]]


class Index:
    """One .bib, reloaded when its file changes on disk (size, mtime or inode)."""

    def __init__(self, bib: Path, settings: Settings, checks: rules.Selection | None = None):
        self.bib = bib
        self.settings = settings
        self.checks = checks
        self._stamp: tuple | None = None
        self.lib = None
        self.rows: list[Row] = []
        self.by_key: dict[str, Row] = {}
        self.problems: list[Diagnostic] = []  # why the .bib could not be read
        self._items: Items | None = None
        self._refs: dict[tuple[str, str], str] = {}
        self._findings: dict[str, list[Diagnostic]] | None = None
        self._own: dict[tuple, Items] = {}

    def refresh(self) -> None:
        stamp = paths.stamp(self.bib)
        if stamp == self._stamp and self.lib is not None:
            return
        self._stamp = stamp
        self._items, self._refs, self._findings = None, {}, None
        try:
            self.lib = library.load(self.bib)
            self.problems = []
        except BiblioError as e:  # missing, unreadable, not UTF-8: an empty library, said
            self.lib = parse("", str(self.bib))
            self.problems = e.diagnostics
        self.rows = _rows(self.lib)
        self.by_key = {}
        for r in self.rows:
            self.by_key.setdefault(r.key, r)

    @property
    def items(self) -> Items:
        if self._items is None:
            english = profile(self.settings.style).english(self.settings.locale)
            self._items = Items(self.lib).speaking(english)
        return self._items

    def own(self, paths: tuple[Path, ...]) -> Items:
        """The items of the .bib files a post's front matter names (loaded once per change)."""
        from ..document.entries import open_items

        stamp = tuple((str(p), os.stat(p).st_mtime_ns) for p in paths)
        if stamp not in self._own:
            self._own = {stamp: open_items(paths)}
        return self._own[stamp]

    def keys(self) -> list[str]:
        return list(self.by_key)

    def reference(self, key: str, output: str = "text") -> str:
        """The entry as the style lists it (APA by default); "" when it cannot be formatted."""
        if (key, output) not in self._refs:
            text = ""
            item = self.items.get(key)
            if item is not None:
                listed = reference_list([item], self.settings, output)[0]
                text = listed[0][1] if listed else ""
            self._refs[(key, output)] = text
        return self._refs[(key, output)]

    def findings(self, key: str) -> list[Diagnostic]:
        """What `biblio check` says about the entry `key`."""
        if self._findings is None:
            spans = [(e.line, e.line + e.text.count("\n"), e.key) for e in self.lib.entries]
            by_key: dict[str, list[Diagnostic]] = {}
            for d in rules.run(self.lib, self.checks):
                for first, last, k in spans:
                    if first <= d.line <= last:
                        by_key.setdefault(k, []).append(d)
                        break
            self._findings = by_key
        return self._findings.get(key, [])


def check_text(text: str, path: str, checks: rules.Selection | None = None) -> list[Diagnostic]:
    """`biblio check` on the text of a .bib as it is in the editor (saved or not)."""
    return rules.run(parse(text, path), checks)
