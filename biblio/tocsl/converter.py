"""Whole libraries → CSL-JSON items: each entry's fields read once (@string macros resolved),
`crossref`/`xdata` inheritance, then `to_csl`."""

from __future__ import annotations

from .. import collector
from ..bib import bibvalue, inherit
from .entry import to_csl
from .values import Problem

# @xdata holds fields for other entries; @set groups entries: neither is a reference itself
NOT_REFERENCES = frozenset({"xdata", "set"})


def entry_fields(entry, strings: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """An Entry's fields (lower-case names → text with @string macros resolved)."""
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for fld in entry.fields:
        name = fld.name.lower()
        if name in out:
            continue
        text = fld.plain()  # one braced value (the common case), or a number
        if text is not None:
            out[name] = text
            continue
        try:
            value, undefined = bibvalue.resolve(bibvalue.split(fld.raw), strings)
        except bibvalue.BadValue as e:
            problems.append(Problem(entry.key, name, e.message, e.fix))
            continue
        for u in undefined:
            problems.append(Problem(entry.key, name, f"@string '{u}' is not defined",
                                    f"add @string{{{u} = {{…}}}} or put the value in braces"))
        out[name] = value
    return out, problems


class Converter:
    """Entries of one library → CSL-JSON items, each entry's fields read once, with
    `crossref`/`xdata` inheritance. Shared by `library_to_csl` and the posts' lazy items."""

    def __init__(self, lib, english: bool | None = None):
        self.lib = lib
        self.english = english
        self.entries = {e.key: e for e in lib.entries if e.type.lower() not in NOT_REFERENCES}
        self._all = {e.key: e for e in lib.entries}
        self._lower = {k.lower(): e for k, e in self._all.items()}
        self._fields: dict[str, tuple[dict, list[Problem]]] = {}
        self._inherited: dict = {}  # biblio.bib.inherit's ancestors, each resolved once

    def _fields_of(self, e) -> tuple[dict, list[Problem]]:
        if e.key not in self._fields:
            self._fields[e.key] = entry_fields(e, self.lib.strings)
        return self._fields[e.key]

    def _lookup(self, k: str):
        e = self._all.get(k) or self._lower.get(k.lower())
        return None if e is None else (e.type.lower(), self._fields_of(e)[0])

    def convert(self, key: str) -> tuple[dict | None, list[Problem]]:
        """The item of `key` and the problems met; (None, []) for no such reference."""
        e = self.entries.get(key)
        if e is None:
            return None, []
        fs, problems = self._fields_of(e)
        problems = list(problems)
        if "crossref" in fs or "xdata" in fs:
            fs, missing = inherit.inherit(e.key, e.type.lower(), fs, self._lookup,
                                          self._inherited)
            for m in missing:
                which = "crossref" if m in inherit.split_keys(fs.get("crossref", "")) \
                    else "xdata"
                problems.append(Problem(e.key, which, f"no entry '{m}' to inherit fields from",
                                        f"add an entry with key '{m}' or remove the {which}"))
        item, ps = to_csl(e.key, e.type, fs, self.english)
        return item, problems + ps


def library_to_csl(lib, keys: list[str] | None = None, english: bool | None = None
                   ) -> tuple[list[dict], list[Problem]]:
    """CSL-JSON items of `keys` (default: every entry), in that order, with crossref
    inheritance, and the problems met."""
    converter = Converter(lib, english)
    items, problems = [], []
    with collector.paused():
        for k in (keys if keys is not None else list(converter.entries)):
            item, ps = converter.convert(k)
            problems.extend(ps)
            if item is not None:
                items.append(item)
    return items, problems
