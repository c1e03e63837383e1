"""CSL-JSON items for the entries posts cite, converted on first use.

A site cites a few of many entries, so `Items` converts an entry (through biblio.tocsl, with
crossref/xdata inheritance) only when a post asks for it.
"""

from __future__ import annotations

from typing import Any


class Items(dict):
    """Key → CSL-JSON item for a Library; `in`, `len` and iteration see every reference."""

    def __init__(self, lib):
        from .tocsl import Converter

        super().__init__()
        self._converter = Converter(lib)
        self._entries = self._converter.entries

    def __contains__(self, key) -> bool:
        return key in self._entries

    def __missing__(self, key: str) -> dict[str, Any]:
        item = self._converter.convert(key)[0]
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
