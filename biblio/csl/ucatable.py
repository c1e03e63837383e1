"""pyuca's collation table, built once per install instead of once per process.

pyuca parses its 1.8 MB `allkeys` text into a trie on every `Collator()`: about 90 ms, most of
a short command's time. The parsed table is saved (marshal) in the user's cache folder, keyed
by pyuca's table file (name, size, modification time), this module's code, biblio's and
Python's versions (paths.kept_file, which also prunes old files), and read back in a few
milliseconds. A missing, stale or unreadable cache just means building it again;
`BIBLIO_NO_CACHE=1` never reads or writes it, `BIBLIO_CACHE_DIR` moves it. Sort keys are the
same either way: the lookup below walks the same table the same way pyuca's does.

The ASCII characters' elements, all that an ASCII sort key needs, ship in biblio/csl/ucaascii.py
(made by `ascii_module`, held equal to pyuca's by the tests) and are used while pyuca's
collator.py and data are those they were made from: keying ASCII text finds no cache folder
and reads no file but collator.py. Another pyuca gets them from a cache of their own.
"""

from __future__ import annotations

import sys
from pathlib import Path

from biblio import paths
from biblio.csl import ucaascii


class _Trie:
    """pyuca's Trie over nested (value, {code point: node}) tuples: marshal reads those
    directly, where pyuca's node objects would have to be rebuilt one by one. A node of
    another shape (a saved file this module did not write) is found where a lookup walks:
    the table is then built again (`rebuild`), once, and the lookup made in it."""

    __slots__ = ("rebuild", "root")

    def __init__(self, root, rebuild=None):
        self.root, self.rebuild = root, rebuild

    def find_prefix(self, key):
        try:
            return self._find_prefix(key)
        except (TypeError, ValueError, IndexError, AttributeError):
            if self.rebuild is None:
                raise
        self.root, self.rebuild = self.rebuild(), None
        return self._find_prefix(key)

    def _find_prefix(self, key):
        node, found_at, found = self.root, 0, None
        for i, part in enumerate(key):
            if type(node) is not tuple or len(node) != 2:
                raise TypeError("not a node")
            children = node[1]
            if children is None:
                break
            node = children.get(part)
            if node is None:
                break
            if type(node) is not tuple or len(node) != 2:
                raise TypeError("not a node")
            if node[0]:
                found_at, found = i + 1, node[0]
        if found is not None and not _elements(found):
            raise TypeError("not collation elements")
        return key[:found_at], found, key[found_at:]


def _elements(value) -> bool:
    """Whether `value` is pyuca's collation elements (or implicit weights): lists of three
    ints."""
    return type(value) is list and all(
        type(e) is list and len(e) == 3 and all(type(w) is int for w in e) for e in value)


def _plain(node):
    return (node.value, {k: _plain(v) for k, v in node.children.items()}
            if node.children is not None else None)


def _kept(source: Path | None, kind: str) -> Path | None:
    """The cache file of `kind` made from pyuca's `source` (by its size and time, and this
    module's code: paths.code_stamp), or None."""
    return paths.kept_file("uca", kind, paths.code_stamp(str(source), __file__), b"") \
        if source is not None else None


def key_from_elements(elements) -> tuple:
    """A UCA sort key from collation elements: the non-zero weights of each of the four
    levels in turn, a 0 between levels (what pyuca's Collator computes)."""
    key: list = []
    if any(len(e) != 3 for e in elements):
        for level in range(4):
            if level:
                key.append(0)
            key.extend(e[level] for e in elements if len(e) > level and e[level])
        return tuple(key)
    # pyuca's elements have three weights: no fourth level, only its separator
    key.extend([w for e in elements if (w := e[0])])
    key.append(0)
    key.extend([w for e in elements if (w := e[1])])
    key.append(0)
    key.extend([w for e in elements if (w := e[2])])
    key.append(0)
    return tuple(key)


def ascii_elements() -> list:
    """The collation elements of each ASCII character, without loading the whole table (nor
    importing pyuca): the table written into biblio.csl.ucaascii when pyuca's collator.py
    and data are those it was made from, else a small cache of their own, named after
    collator.py (found without importing it)."""
    import importlib.util

    # The package's spec, not pyuca.collator's: finding a submodule imports its package, and
    # pyuca's __init__ imports the collator (3 ms of a `biblio render`).
    spec = importlib.util.find_spec("pyuca")
    folders = (spec.submodule_search_locations or []) if spec else []
    source = Path(folders[0]) / "collator.py" if folders else None
    if source is not None and _made_from(source, ucaascii.MADE_FROM[1]) == ucaascii.MADE_FROM:
        return ucaascii.ELEMENTS  # no cache to find: platformdirs alone is 4 ms
    path = _kept(source, "ascii")
    table = paths.read_kept(path)
    if isinstance(table, list) and len(table) == 128 and all(_elements(e) for e in table):
        return table
    c = collator()
    table = [c.collation_elements(chr(i)) for i in range(128)]
    paths.keep(path, table)
    return table


def _made_from(source: Path, data_name: str) -> tuple | None:
    """What the ASCII table depends on: the digest of pyuca's collator.py (its code, and which
    data file it reads) and that data file's name and size."""
    try:
        data = source.with_name(data_name)
        return (paths.sha256_hex(source.read_bytes()), data_name, data.stat().st_size)
    except OSError:
        return None


def ascii_module() -> str:
    """The text of biblio/csl/ucaascii.py for the pyuca installed (tests/csl/test_collate.py
    holds the file equal to it: when pyuca changes, write this out again)."""
    import importlib.util

    from pyuca import Collator

    c = Collator()
    source = Path(importlib.util.find_spec("pyuca").submodule_search_locations[0])
    made_from = _made_from(source / "collator.py", f"allkeys-{Collator.UCA_VERSION}.txt")
    rows = "".join(f"    {c.collation_elements(chr(i))!r},  # {i:#04x}\n" for i in range(128))
    return ('"""pyuca\'s collation elements of the 128 ASCII characters: the table ASCII sort keys\n'
            "are made from while pyuca is the one it was made from (MADE_FROM). Written by\n"
            'biblio.csl.ucatable.ascii_module; do not edit."""\n\n'
            f"MADE_FROM = {made_from!r}\n\n"
            f"ELEMENTS = [\n{rows}]\n")


def collator():
    """A pyuca Collator whose table comes from the cache when it can."""
    from pyuca import Collator

    source = Path(sys.modules[Collator.__module__].__file__).parent / (
        f"allkeys-{Collator.UCA_VERSION}.txt")
    path = _kept(source, "table")
    kept = paths.read_kept(path)

    def rebuild():  # a node of another shape found by a lookup: the table built again
        return _built(Collator, path)[1]

    if type(kept) is tuple and len(kept) == 2 and _elements(kept[1]):
        c = Collator.__new__(Collator)
        c.table, c.implicit_weights = _Trie(kept[0], rebuild), kept[1]
        return c
    # not there yet, or not a table this module saved: build it
    return _built(Collator, path)[0]


def _built(Collator, path):
    """pyuca's Collator, its table built from its text and saved in `path`, and that table's
    root as plain nodes."""
    c = Collator()
    root = _plain(c.table.root)
    paths.keep(path, (root, c.implicit_weights))
    return c, root
