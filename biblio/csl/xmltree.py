"""CSL XML (a style, a locale file) as plain elements, parsed once per install.

The engine reads a style's and a locale's XML through a handful of element methods (tag, get,
text, children, find, findall, iter). Parsing with lxml costs its import (about 10 ms of a
`biblio render`) and a style's checks a few more; the tree that parsed and passed them is
saved (marshal) in the user cache folder, keyed by the XML's own bytes, what kind of file it is,
biblio's version and the code that made it, and read back in a fraction of that. A missing,
stale or unreadable cache just means parsing again, and an XML file that does not parse or
pass its checks is never saved: its error is the same located one every time.
`BIBLIO_NO_CACHE=1` never reads or writes the cache, `BIBLIO_CACHE_DIR` moves it.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable

from biblio import paths
from biblio.bib.atomic import write_bytes

_FORMAT = 1  # bump when the saved layout changes
# Trees kept: every edit of a style saves another, so past this many the oldest saved go (one
# still in use is saved again when next read).
_KEEP = 200


class XmlElement:
    """An element as lxml gives it, for what the engine asks of one: elements only (no
    comments or processing instructions), `tag` in lxml's `{namespace}name` form, and the
    attributes (`attrib`) with namespaced names written the same way."""

    __slots__ = ("attrib", "children", "sourceline", "tag", "text")

    def __init__(self, tag: str, attrib: dict, text: str | None, sourceline: int | None,
                 children: list[XmlElement]):
        self.tag, self.attrib, self.text = tag, attrib, text
        self.sourceline, self.children = sourceline, children

    def get(self, key: str, default=None):
        return self.attrib.get(key, default)

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
    return XmlElement(t[0], t[1], t[2], t[3], [_element(c) for c in t[4]])


def _stamp(parse: Callable) -> bytes:
    """What a saved tree depends on besides the XML: the saved layout, biblio's version, the
    interpreter's marshal, and the code that parsed and checked it (this module's file and the
    parser's), so a tree made by other code is never read back."""
    # (the version read from the package, which is imported before any module of it: importing
    # it here would close a cycle, biblio's __init__ reaching the engine through biblio.api)
    parts = [f"f{_FORMAT}", sys.modules["biblio"].__version__,
             f"py{sys.version_info[0]}.{sys.version_info[1]}", f"m{marshal.version}"]
    for name in dict.fromkeys((__name__, parse.__module__)):
        try:
            st = os.stat(sys.modules[name].__file__)
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except (KeyError, AttributeError, TypeError, OSError):
            return b""  # code that is not a file of its own: nothing to key a tree to
    return "|".join(parts).encode()


def load(kind: str, data: bytes, parse: Callable[[bytes], object]) -> XmlElement:
    """The tree of the XML `data` (a "style" or a "locale", say): from the cache when it has
    it, else `parse(data)` (an lxml root; it raises for XML it refuses, which is then not
    saved), converted and saved for the next process."""
    folder = paths.cache_dir("csl")
    stamp = _stamp(parse) if folder is not None else b""
    path = None
    if stamp:
        digest = paths.sha256_hex(kind.encode() + b"\0" + stamp + b"\0" + data)
        path = folder / f"{kind}-{digest}.marshal"
        try:
            with open(path, "rb") as f:
                return _element(marshal.loads(f.read()))
        except (OSError, EOFError, ValueError, TypeError, IndexError, RecursionError):
            pass  # not there yet, or unreadable: parse it
    tree = _plain(parse(data))
    if path is not None:
        _save(path, marshal.dumps(tree))
    return _element(tree)


def _save(path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data, durable=False)  # another process reads all of it or none
        _prune(path.parent)
    except OSError:
        pass  # a read-only cache folder: parse it again next time


def _prune(folder) -> None:
    """Keep the `_KEEP` trees saved last (down to three quarters of it, so that the folder is
    not listed at every save)."""
    names = [n for n in os.listdir(folder) if n.endswith(".marshal")]
    if len(names) <= _KEEP:
        return

    def saved(name: str) -> float:
        try:
            return os.stat(os.path.join(folder, name)).st_mtime
        except OSError:
            return 0.0
    for name in sorted(names, key=saved)[:len(names) - _KEEP * 3 // 4]:
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass  # gone already: another process pruned too
