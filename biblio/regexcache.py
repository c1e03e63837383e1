"""Compiled regular expressions kept once per install, for the command line's process.

A command's start compiles some 230 regular expressions (biblio's own, click's, markdown-it's,
PyYAML's), the same ones every time: about 20 ms of a `biblio render` in `re`'s pure-Python
compiler. `install` fills `re`'s own cache (`re._cache`, where `re.compile` looks first) with
patterns rebuilt from the compiled form saved by an earlier process (`_sre.compile`, given the
code `re` made then); a pattern not saved yet is compiled as always and saved at exit, once a
pattern rebuilt from what is saved compares equal to `re`'s own (Pattern equality: pattern,
flags and code). The file is named after the interpreter's exact build; an interpreter whose
`re` is not the one this was written for (Python 3.11 to 3.13), or a file that cannot be read,
just means compiling as always. Only the command line installs it, never the library;
`BIBLIO_NO_CACHE=1` turns it off with every other cache.
"""

from __future__ import annotations

import atexit
import re
import sys

from . import paths

# Patterns kept: fewer than re's own cache holds (512), so filling it evicts nothing.
MOST = 400
# A process that compiled fewer patterns of its own than this saves nothing: the file is
# written when it matters (a first run, another command, an upgrade), not for the pattern some
# library builds anew in every process (markdown-it's character class from a set, whose order
# each process draws afresh).
FEWEST_NEW = 5
_UNSAVED = 1 | 128  # re.TEMPLATE (which warns when compiled) and re.DEBUG (which prints)


def _sre():
    """`re`'s compiler pieces this relies on, or None when this Python's differ."""
    try:
        import _sre
        compiler, parser = re._compiler, re._parser
        if not isinstance(re._cache, dict) or not callable(compiler._code) \
                or not callable(parser.parse):
            return None
    except (ImportError, AttributeError):
        return None
    return _sre


def _file(sre):
    # (sys.version names the build, with its date and compiler)
    stamp = f"{sys.implementation.cache_tag}|{sys.hexversion}|{sre.MAGIC}|{sre.CODESIZE}|" \
            f"{sys.version}"
    return paths.kept_file("re", "patterns", paths.code_stamp(__file__), stamp.encode())


def install() -> None:
    """Fill re's cache with the saved patterns; at exit, save the ones this process added."""
    sre = _sre()
    if sre is None:
        return
    path = _file(sre)
    if path is None:
        return
    saved = paths.read_kept(path)
    saved = saved if isinstance(saved, list) else []
    cache, known = re._cache, set()
    for entry in saved:
        try:
            pattern, flags, final, code, groups, groupindex, indexgroup = entry
            if not _groups_agree(groups, groupindex, indexgroup):
                continue  # a match would fail on them later: not an entry this module saved
            key = (type(pattern), pattern, flags)
            if key not in cache:
                cache[key] = sre.compile(pattern, final, code, groups, groupindex, indexgroup)
            known.add(key)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            continue  # not an entry this module saved
    atexit.register(_save, sre, path, saved, known)


def _groups_agree(groups, groupindex, indexgroup) -> bool:
    """Whether a saved entry's group tables are ones _compiled makes: `indexgroup` names each
    of the `groups` groups (None for a group without a name) as `groupindex` numbers them."""
    return type(groups) is int and type(groupindex) is dict and type(indexgroup) is tuple \
        and len(indexgroup) == groups + 1 and indexgroup[:1] == (None,) \
        and all(type(name) is str and type(n) is int and 0 < n <= groups
                and indexgroup[n] == name for name, n in groupindex.items()) \
        and sum(name is not None for name in indexgroup) == len(groupindex)


def _save(sre, path, saved: list, known: set) -> None:
    """Save, beside what was saved, the patterns this process compiled itself."""
    new = [k for k in list(re._cache)
           if k not in known and isinstance(k, tuple) and len(k) == 3]
    if len(new) < FEWEST_NEW:
        return
    entries = list(saved)
    for kind, pattern, flags in new:
        if not isinstance(flags, int) or flags & _UNSAVED:
            continue
        try:
            entry = _compiled(sre, pattern, flags)
            if sre.compile(pattern, *entry[2:]) != re._cache.get((kind, pattern, flags)):
                continue  # not the pattern re made: never saved
        except Exception:  # noqa: BLE001, S112 - whatever goes wrong, that pattern is not saved
            continue
        entries.append(entry)
    if len(entries) - len(saved) >= FEWEST_NEW:
        paths.keep(path, entries[-MOST:])


def _compiled(sre, pattern, flags: int) -> tuple:
    """What re._compiler.compile hands _sre.compile for `pattern`, with the pattern and the
    flags it was asked with first."""
    p = re._parser.parse(pattern, flags)
    code = re._compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # (the code's opcodes are ints of a subclass of int's, which marshal does not write)
    return (pattern, flags, int(flags | p.state.flags), [int(c) for c in code],
            p.state.groups - 1, groupindex, tuple(indexgroup))
