"""CSL-JSON items for the entries posts cite, converted on first use.

A site cites a few of many entries, so `Items` converts an entry (through biblio.tocsl, with
crossref/xdata inheritance) only when a post asks for it.
"""

from __future__ import annotations

from typing import Any


class Items(dict):
    """Key → CSL-JSON item for a Library; `in`, `len` and iteration see every entry."""

    def __init__(self, lib):
        super().__init__()
        self._lib = lib
        self._entries = {e.key: e for e in lib.entries}
        self._lower = {k.lower(): e for k, e in self._entries.items()}
        self._fields: dict[str, dict] = {}

    def __contains__(self, key) -> bool:
        return key in self._entries

    def __missing__(self, key: str) -> dict[str, Any]:
        item = self._convert(self._entries[key])
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

    def _fields_of(self, e) -> dict[str, str]:
        from .tocsl import entry_fields

        if e.key not in self._fields:
            self._fields[e.key] = entry_fields(e, self._lib.strings)[0]
        return self._fields[e.key]

    def _convert(self, e) -> dict[str, Any]:
        # The same steps as tocsl.library_to_csl, for one entry (that one indexes the whole
        # library on every call).
        from . import crossref, tocsl

        fields = self._fields_of(e)
        if "crossref" in fields or "xdata" in fields:
            def lookup(k: str):
                p = self._entries.get(k) or self._lower.get(k.lower())
                return None if p is None else (p.type.lower(), self._fields_of(p))

            fields, _ = crossref.inherit(e.key, e.type.lower(), fields, lookup)
        item, _ = tocsl.to_csl(e.key, e.type, fields)
        return item
