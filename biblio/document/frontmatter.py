"""A post's YAML front matter: read, checked against what biblio understands, located.

Every problem is a diagnostic at the value's own line and column (`posts/a.md:3:15`). Keys
biblio does not use (title, tags, layout, …) belong to the site generator and are left alone;
a key that is a near miss of one of biblio's (`bibliograpy`) is an error, because the setting
the writer meant would otherwise be dropped without a word.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
from dataclasses import dataclass, field

from .. import paths
from ..diagnostics import ERROR, BiblioError, Diagnostic
from .syntax import _KEY

_FM_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# An alias may repeat a node; expanded, the metadata must stay this small (a YAML "billion
# laughs" of a few hundred bytes would otherwise expand to gigabytes).
MAX_NODES = 10_000


def _text(v) -> bool:
    return isinstance(v, str) and bool(v.strip())


def _texts(v) -> bool:
    return _text(v) or (isinstance(v, list) and bool(v) and all(_text(x) for x in v))


def _flag(v) -> bool:
    return isinstance(v, bool) or (isinstance(v, str) and v.strip().lower() in _FLAGS)


_FLAGS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}

# key -> (is the value acceptable, what it should be)
KEYS = {
    "bibliography": (_texts, "a path to a .bib file, or a list of paths"),
    "csl": (_text, "a path to a .csl file or a style id such as 'apa'"),
    "citation-abbreviations": (_text, "a path to a JSON file of abbreviations"),
    "locale": (_text, "a locale tag such as en-US"),
    "lang": (_text, "a language tag such as en-US"),
    "nocite": (_texts, "citations such as '@key1 @key2', a list of them, or '@*'"),
    "link-citations": (_flag, "true or false"),
    "reference-section-title": (lambda v: isinstance(v, (str, int, float)), "a heading text"),
    "suppress-bibliography": (_flag, "true or false"),
}


def flag(v) -> bool:
    """A checked true/false value (YAML's bool, or the words pandoc accepts)."""
    return v if isinstance(v, bool) else _FLAGS[str(v).strip().lower()]


@dataclass
class FrontMatter:
    """A post's front matter: its values and where each key stands in the file."""
    meta: dict = field(default_factory=dict)
    lines: int = 0  # how many lines it takes, delimiters included
    line_of: dict = field(default_factory=dict)  # top-level key -> 1-based line of the key
    where: dict = field(default_factory=dict)  # top-level key -> (line, col) of its value
    path: str = "<post>"

    def at(self, key: str, severity: str, rule: str, message: str, fix: str) -> Diagnostic:
        line, col = self.where.get(key, (self.line_of.get(key, 1), 1))
        return Diagnostic(self.path, line, col, severity, rule, message, fix)


def split_front_matter(text: str, path: str = "<post>") -> tuple[FrontMatter, str]:
    """(front matter, body with the front matter blanked out so line numbers still hold).

    Raises BiblioError (exit 1) for YAML that cannot be read or values of the wrong kind."""
    if not text.startswith(("---\n", "---\r\n")):
        return FrontMatter(path=path), text
    m = _FM_END.search(text, 4)
    if m is None:
        return FrontMatter(path=path), text
    meta, where = _load(text[4:m.start()], path)
    if not isinstance(meta, dict):
        return FrontMatter(path=path), text
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end + 1
    nlines = text[:end].count("\n")
    line_of = {k: where[k][2] for k in where}
    fm = FrontMatter(meta, nlines, line_of, {k: v[:2] for k, v in where.items()}, path)
    problems = check(fm)
    if problems:
        raise BiblioError(problems)
    return fm, "\n" * nlines + text[end:]


# A site's posts, each with its own front matter (a few hundred bytes kept for each): a
# thousand-post site keeps them all.
KEEP = 5000


def _load(block: str, path: str) -> tuple[object, dict]:
    """The YAML value, and for each top-level key (value line, value col, key line). A block
    read before comes from the user cache (see _kept), without PyYAML."""
    if not block.strip():
        return {}, {}
    kept = paths.kept_file("front-matter", "yaml", _stamp(),
                           block.encode("utf-8", "surrogatepass"))
    got = paths.read_kept(kept)
    if isinstance(got, list) and len(got) == 2 and _places(got[1]):
        try:
            return _unkept(got[0]), got[1]
        except (TypeError, ValueError, RecursionError):
            pass  # not a value this module saved: read the YAML
    value, where = _parse(block, path)
    try:
        paths.keep(kept, [_kept(value), where], most=KEEP)
    except (_NotKept, RecursionError):
        pass
    return value, where


# PyYAML is about 12 ms of a command's start. The front matter of a post changes far less than
# its text, so a block read once is kept in the user cache (keyed by its text, biblio's
# version, this module and PyYAML's files), as plain values marshal writes: dates as (y, m, d)
# tuples, which YAML's safe loader never makes itself. A value of any other kind (a datetime,
# a set, bytes, pairs) is not kept: such a block is read with PyYAML every time.
class _NotKept(Exception):
    pass


def _kept(v):
    if v is None or type(v) in (str, int, float, bool):
        return v
    if type(v) is list:
        return [_kept(x) for x in v]
    if type(v) is dict:
        return {_kept(k): _kept(x) for k, x in v.items()}
    if type(v) is datetime.date:
        return (v.year, v.month, v.day)
    raise _NotKept


def _unkept(v):
    if type(v) is list:
        return [_unkept(x) for x in v]
    if type(v) is dict:
        return {_unkept(k): _unkept(x) for k, x in v.items()}
    if type(v) is tuple:
        return datetime.date(*v)
    if v is None or type(v) in (str, int, float, bool):
        return v
    raise TypeError(type(v).__name__)


def _places(where) -> bool:
    """Whether `where` is _parse's places: key → (value line, value col, key line)."""
    return type(where) is dict and all(
        type(k) is str and type(v) is tuple and len(v) == 3 and all(type(n) is int for n in v)
        for k, v in where.items())


@functools.cache
def _stamp() -> bytes:
    import importlib.util

    spec = importlib.util.find_spec("yaml")  # found, not imported
    return paths.code_stamp(__file__, getattr(spec, "origin", None))


def _parse(block: str, path: str) -> tuple[object, dict]:
    """_load's answer from PyYAML."""
    import yaml

    def fail(line: int, col: int, message: str, fix: str):
        return BiblioError(Diagnostic(path, line, col, ERROR, "front-matter", message, fix))

    loader = None
    try:
        loader = yaml.SafeLoader(block)  # refuses control characters (a ReaderError) at once
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        size = _expanded_size(node)
        if size < 0:
            raise fail(2, 1, "the front matter cannot be read: an alias ('*name') stands inside "
                       "the value it names, which never ends", "write the value out")
        if size > MAX_NODES:
            raise fail(2, 1, f"the front matter expands to more than {MAX_NODES:,} values "
                       "(YAML aliases repeating each other)", "write the values out; remove "
                       "the '&anchor'/'*alias' chain")
        value = loader.construct_document(node)
    except yaml.YAMLError as e:
        # Where the construct the parser was reading began ("[" never closed), else where it
        # gave up.
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)
        line, col = (mark.line + 2, mark.column + 1) if mark else (2, 1)
        problem = getattr(e, "problem", None) or str(e).split("\n")[0]
        if isinstance(e, yaml.reader.ReaderError):  # located by offset, not by a mark
            line, col = _line_col(block, e.position)
            problem = f"the control character U+{e.character:04X} is not allowed in YAML" \
                if isinstance(e.character, int) else e.reason
        raise fail(line, col, f"the YAML front matter cannot be read: {problem}",
                   "fix the YAML between the --- lines (quote values with ':' or '[')") from None
    except (ValueError, OverflowError) as e:
        # YAML that parses but whose value does not exist: a date such as 2020-13-45.
        raise fail(*_bad_scalar(node), f"the front matter has a value that cannot be read: {e}",
                   "quote it to keep it as text (date: \"2020-13-45\"), or correct it") from None
    except RecursionError:
        raise fail(2, 1, "the front matter is nested too deeply",
                   "flatten the YAML between the --- lines") from None
    finally:
        if loader is not None:
            loader.dispose()
    if _has_surrogate(value):
        m = re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", block)
        raise fail(*(_line_col(block, m.start()) if m else (2, 1)),
                   "the front matter has an escape of half a UTF-16 pair (a lone surrogate), "
                   "which is not a character", "write the character itself, or \\U0001F600 "
                   "for a character beyond U+FFFF")
    where = {}
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                line = k.start_mark.line + 2
                if k.value in where and k.value in KEYS:
                    # The reader keeps the last value without a word; the writer may well
                    # have meant the first.
                    raise fail(line, k.start_mark.column + 1,
                               f"'{k.value}' is given twice (lines {where[k.value][2]} and "
                               f"{line}), and only the last would count", "keep one of them")
                where.setdefault(k.value, (v.start_mark.line + 2, v.start_mark.column + 1,
                                           line))
    return value, where


def _line_col(block: str, offset: int) -> tuple[int, int]:
    """Line (the block starts on the post's line 2) and column of an offset in the block."""
    offset = max(0, min(offset, len(block)))
    return block.count("\n", 0, offset) + 2, offset - (block.rfind("\n", 0, offset) + 1) + 1


def _bad_scalar(root) -> tuple[int, int]:
    """Where the first scalar that PyYAML cannot construct (a timestamp out of range) is."""
    import yaml

    loader = yaml.SafeLoader("")
    todo = [root]
    try:
        while todo:
            node = todo.pop(0)
            if isinstance(node, yaml.ScalarNode):
                try:
                    loader.construct_object(node, deep=True)
                except (ValueError, OverflowError, yaml.YAMLError):
                    return node.start_mark.line + 2, node.start_mark.column + 1
            elif isinstance(node, yaml.MappingNode):
                todo.extend(x for kv in node.value for x in kv)
            elif isinstance(node, yaml.SequenceNode):
                todo.extend(node.value)
    finally:
        loader.dispose()
    return 2, 1


def _has_surrogate(value) -> bool:
    todo = [value]
    while todo:
        v = todo.pop()
        if isinstance(v, str):
            if any("\ud800" <= c <= "\udfff" for c in v):
                return True
        elif isinstance(v, dict):
            todo.extend(v.keys())
            todo.extend(v.values())
        elif isinstance(v, (list, tuple, set)):
            todo.extend(v)
    return False


def _expanded_size(root) -> int:
    """How many nodes the document has once every alias is expanded (-1 for an alias inside
    its own value); iterative, memoised per node, so a hostile document costs its own size."""
    import yaml

    size: dict[int, int] = {}
    state: dict[int, int] = {}  # 1 on the stack, 2 done
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        nid = id(node)
        kids = []
        if isinstance(node, yaml.SequenceNode):
            kids = node.value
        elif isinstance(node, yaml.MappingNode):
            kids = [x for pair in node.value for x in pair]
        if done:
            size[nid] = min(MAX_NODES + 1, 1 + sum(size[id(k)] for k in kids))
            state[nid] = 2
            continue
        if state.get(nid) == 2:
            continue
        if state.get(nid) == 1:
            return -1  # an alias to its own ancestor
        state[nid] = 1
        stack.append((node, True))
        stack.extend((k, False) for k in kids if state.get(id(k)) != 2)
    return size[id(root)]


def check(fm: FrontMatter) -> list[Diagnostic]:
    """Wrong kinds of values, and near misses of biblio's keys."""
    out = []
    for key, value in fm.meta.items():
        if not isinstance(key, str):
            continue
        rule = KEYS.get(key)
        if rule is None:
            close = difflib.get_close_matches(key, list(KEYS), n=1, cutoff=0.8)
            if close and close[0] not in fm.meta:
                out.append(fm.at(key, ERROR, "front-matter",
                                 f"unknown front-matter key '{key}' (did you mean "
                                 f"'{close[0]}'?)", f"rename it to '{close[0]}'"))
            continue
        ok, wanted = rule
        if value is not None and not ok(value):
            shown = repr(value) if len(repr(value)) < 60 else type(value).__name__
            out.append(fm.at(key, ERROR, "front-matter",
                             f"'{key}' is {shown}, which biblio cannot use", f"give {wanted}"))
        elif key == "nocite" and value is not None:
            # Citations are read there as in the post: a bare key is text, and its entry
            # would be left out of the list without a word.
            for item in [value] if isinstance(value, str) else value:
                if not nocite_keys({"nocite": item}):
                    bare = item.strip().split()[0].lstrip("@")
                    out.append(fm.at(key, ERROR, "front-matter",
                                     f"nocite: {item!r} names no citation",
                                     f"write '@{bare}' (a key after '@'), or '@*' for every "
                                     "entry" if bare else "write '@key', or '@*' for every "
                                     "entry"))
    return out


def nocite_keys(meta: dict) -> list[str]:
    """Keys named in `nocite` (a string or list of `@key`s); "*" means every entry."""
    raw = meta.get("nocite")
    if raw is None:
        return []
    if isinstance(raw, list):
        raw = " ".join(str(x) for x in raw)
    keys = []
    for m in re.finditer(r"@(?:\{([^{}]*)\}|(\*|" + _KEY + r"))", str(raw)):
        keys.append(m.group(1) if m.group(1) is not None else m.group(2))
    return keys
