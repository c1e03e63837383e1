"""Work one render call can take from an earlier one: a site's posts cite many of the same
works in the same style, and an entry, a sort key or an item's parsed names come out the same
each time.

The caller holds a `Memo` and passes it to every call that may share (one build worker, one
server). A value is kept under everything its rendering reads: the style and locale objects,
the output format and links, the item's content (its cleaned CSL-JSON, as marshal bytes: equal
bytes load as equal data, so two items share only when their content is the same) and the
item's state in this document (disambiguation, citation number, the previous entry's names for
subsequent-author-substitute). Equal content written differently (a string shared or not) only
misses; it never finds another item's value.
"""

from __future__ import annotations

import marshal


class Memo:
    """Renderings shared between render calls; cleared whole when it reaches `limit` values
    (a site of a thousand works fills a few thousand; a long-lived server starts afresh)."""

    def __init__(self, limit: int = 20_000):
        self.limit = limit
        self._values: dict = {}
        # id -> object for every object whose id is part of a key, kept for the memo's life (a
        # few styles and locales): its id then names no other object.
        self._pinned: dict[int, object] = {}

    def scope(self, *objects) -> tuple:
        """A key prefix for values made with these objects (style, locale, ...)."""
        for o in objects:
            self._pinned[id(o)] = o
        return tuple(id(o) for o in objects)

    def get(self, key):
        return self._values.get(key)

    def put(self, key, value) -> None:
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[key] = value

    def __len__(self) -> int:
        return len(self._values)


def content(data) -> bytes | None:
    """An item's content (or any plain value: the names an entry starts with) as a key, or
    None when it holds values marshal cannot write."""
    try:
        return marshal.dumps(data, 2)
    except ValueError:
        return None
