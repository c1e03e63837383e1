"""CSL XML (a style, a locale file) as plain elements, parsed once per install.

The engine reads a style's and a locale's XML through a handful of element methods (tag, get,
text, children, find, findall, iter). Parsing with lxml costs its import (about 10 ms of a
`biblio render`) and a style's checks a few more; the tree that parsed and passed them is
saved (marshal) in the user cache folder, keyed by the XML's own bytes, what kind of file it is,
biblio's version and the code that made it, lxml's included (paths.code_stamp), and read
back in a fraction of that. A missing,
stale or unreadable cache just means parsing again, and an XML file that does not parse or
pass its checks is never saved: its error is the same located one every time.
`BIBLIO_NO_CACHE=1` never reads or writes the cache, `BIBLIO_CACHE_DIR` moves it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from biblio import paths

_FORMAT = 1  # bump when the saved layout changes


class XmlElement:
    """An element as lxml gives it, for what the engine asks of one: elements only (no
    comments or processing instructions), `tag` in lxml's `{namespace}name` form, and the
    attributes (`attrib`) with namespaced names written the same way."""

    __slots__ = ("attrib", "children", "get", "sourceline", "tag", "text")

    def __init__(self, tag: str, attrib: dict, text: str | None, sourceline: int | None,
                 children: list[XmlElement]):
        self.tag, self.attrib, self.text = tag, attrib, text
        self.sourceline, self.children = sourceline, children
        # `el.get(name, default)`: the attributes' own method, without a call of ours (a
        # style's compiling asks some 18,000 times)
        self.get = attrib.get

    def keys(self) -> list[str]:
        return list(self.attrib)

    def items(self) -> list[tuple[str, str]]:
        return list(self.attrib.items())

    def __iter__(self):
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)

    def find(self, tag: str) -> XmlElement | None:
        """The first child named `tag` (one step: lxml's paths are not read)."""
        for c in self.children:
            if c.tag == tag:
                return c
        return None

    def findall(self, tag: str) -> list[XmlElement]:
        return [c for c in self.children if c.tag == tag]

    def findtext(self, tag: str, default: str | None = None) -> str | None:
        el = self.find(tag)
        return default if el is None else (el.text or "")

    def iter(self, tag: str | None = None):
        """This element and every one below it, in document order (named `tag`, if given)."""
        todo = [self]
        while todo:
            el = todo.pop()
            if tag is None or el.tag == tag:
                yield el
            todo.extend(reversed(el.children))


def _plain(el) -> tuple:
    """An lxml element as nested tuples, which marshal writes and reads directly."""
    return (el.tag, dict(el.attrib), el.text, el.sourceline,
            tuple(_plain(c) for c in el if isinstance(c.tag, str)))


def _element(t: tuple) -> XmlElement:
    """The element of _plain's tuple `t`; TypeError for anything else (a cache file this
    module did not write), before the engine could trip over it."""
    if type(t) is not tuple or len(t) != 5:
        raise TypeError("not an element")
    tag, attrib, text, line, children = t
    if type(tag) is not str or type(attrib) is not dict or type(children) is not tuple \
            or not (text is None or type(text) is str) \
            or not (line is None or type(line) is int) \
            or not all(type(k) is str and type(v) is str for k, v in attrib.items()):
        raise TypeError("not an element")
    return XmlElement(tag, attrib, text, line, [_element(c) for c in children])


@functools.cache
def _lxml_file() -> str | None:
    """lxml's own file, found without importing it: another lxml may parse differently."""
    import importlib.util

    return getattr(importlib.util.find_spec("lxml"), "origin", None)


def load(kind: str, data: bytes, parse: Callable[[bytes], object]) -> XmlElement:
    """The tree of the XML `data` (a "style" or a "locale", say): from the cache when it has
    it, else `parse(data)` (an lxml root; it raises for XML it refuses, which is then not
    saved), converted and saved for the next process."""
    stamp = paths.code_stamp(__file__, sys.modules[parse.__module__].__file__, _lxml_file())
    path = paths.kept_file("csl", f"{kind}{_FORMAT}", stamp, data)
    tree = paths.read_kept(path)
    if tree is not None:
        try:
            return _element(tree)
        except (TypeError, IndexError, KeyError, RecursionError):
            pass  # not a tree this module saved: parse it
    tree = _plain(parse(data))
    paths.keep(path, tree)
    return _element(tree)
