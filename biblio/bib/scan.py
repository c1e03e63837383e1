"""A fast reader for well-formed BibTeX that agrees with bibtexparser 2's splitter.

Nearly every real .bib file is well formed, and for those a few regular expressions find the
same blocks, keys and raw values as bibtexparser's character-by-character splitter, several
times faster. At the first thing whose reading it is not sure of (a syntax error, a
`(`-delimited block, a duplicate key, an escaped delimiter where it matters) `split` returns
None, and biblio.bib.reader reads the whole file with bibtexparser instead, whose recovery and
error reasons stay the reference. tests/test_scan.py checks that whenever this module
answers, its answer is bibtexparser's.

`split(text)` returns the blocks in order as (kind, start, end, data) with text[start:end]
the block's exact text:
    ENTRY    data = (type lower-cased, key, [Field, ...]) with `plain_raw` set when the
             value is one braced piece (no escaped braces), one quoted piece without
             braces, or a number: its text needs no further reading or checking
    STRING   data = (name, raw value)
    PREAMBLE data = raw value (between the delimiters, not stripped)
    COMMENT  data = None
Free text between blocks is not returned: it is whatever lies between them.
"""

from __future__ import annotations

import re

from .blocks import Field

ENTRY, STRING, PREAMBLE, COMMENT = "entry", "string", "preamble", "comment"

_START = re.compile(r"@(\w*)[ \t]*(?=[{(])")  # bibtexparser's block start, anywhere
# Where bibtexparser aborts a block: a line whose first non-space is a block start. The spaces
# exclude "\n" (the last newline before the "@" starts the match) so that a run of blank lines
# is not scanned again from each of its newlines.
_LINE_START_BLOCK = re.compile(r"\n[^\S\n]*@\w*[ \t]*[{(]")
_BRACE = re.compile(r"(?<!\\)[{}]")  # an escaped brace is not a delimiter to bibtexparser
_KEY = re.compile(r'([^,{}"=@\\]*),')
_NAME = re.compile(r'([^,{}"=@\\]*)([=}])')
_SPACE = re.compile(r"\s*")
_FLAT = re.compile(r"\{[^{}\\]*\}")  # a braced value with nothing nested: the common case
_QUOTED = re.compile(r'"(?:[^"]|(?<=\\)")*(?<!\\)"')
_BARE = re.compile(r'[^\s,{}"#=@\\]+')
# A whole `name = value,` whose value is one simple piece: most fields of most files. A braced
# value may nest one level (`{The {DNA} of}`) and hold backslashes, but no `\{`, `\}` or `\\`,
# so that bibtexparser (for which an escaped brace is no brace) and BibTeX count alike.
_RUN = r"[^{}\\]*(?:\\[^{}\\][^{}\\]*)*"
_SIMPLE_FIELD = re.compile(r'([^,{}"=@\\]*)=\s*(\{' + _RUN + r'(?:\{' + _RUN + r'\}' + _RUN
                           + r')*\}|"[^"{}\\]*"|[^\s,{}"#=@\\]+)\s*([,}])')


def _close(text: str, i: int) -> int:
    """Index just past the `}` that closes the `{` at i, or -1."""
    depth = 0
    search = _BRACE.search
    while True:
        m = search(text, i)
        if m is None:
            return -1
        i = m.end()
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i


def _value(text: str, i: int) -> tuple[int, int, bool] | None:
    """(start, end, plain) of the value after `=` at i, ending before its `,` or `}`; None if
    unsure. Plain: one braced piece whose braces no backslash escapes (then bibtexparser's
    and BibTeX's brace counting agree)."""
    i = _SPACE.match(text, i).end()
    start, single = i, True
    while True:
        c = text[i:i + 1]
        if c == "{":
            m = _FLAT.match(text, i)
            end = m.end() if m else _close(text, i)
        elif c == '"':
            m = _QUOTED.match(text, i)
            if m is None:
                return None
            end = m.end()
            if text[end - 2:end + 1] == '{"}':  # bibtexparser reads {"} as a literal quote
                return None
        else:
            m = _BARE.match(text, i)
            if m is None:
                return None
            end = m.end()
        if end < 0:
            return None
        i = _SPACE.match(text, end).end()
        c = text[i:i + 1]
        if c == "#":
            i = _SPACE.match(text, i + 1).end()
            single = False
            continue
        if c == "," or c == "}":
            value = text[start:end]
            return start, end, (single and value[0] == "{"
                                and "\\{" not in value and "\\}" not in value)
        return None


def _entry(text: str, open_at: int, known: dict[str, str]
           ) -> tuple[int, str, list[Field]] | None:
    """(end, key, fields) of the `{`-delimited entry whose `{` is at open_at. `known` holds
    one copy of each field name: a 50k-entry file has half a million of them."""
    m = _KEY.match(text, open_at + 1)
    if m is None:
        return None
    key = m.group(1).strip()
    fields: list[Field] = []
    seen: set[str] = set()
    i = m.end()
    while True:
        m = _SIMPLE_FIELD.match(text, i)
        if m is not None:
            name = m.group(1).strip()
            if not name or name in seen:
                return None
            seen.add(name)
            value = m.group(2)
            plain = value if value[0] in '{"' or value.isdigit() else None
            fields.append(Field(known.setdefault(name, name), value, 0, 0, -1, plain))
            i = m.end()
            if m.group(3) == "}":
                return (i, key, fields)
            continue
        m = _NAME.match(text, i)
        if m is None:
            return None
        name = m.group(1).strip()
        if m.group(2) == "}":
            return (m.end(), key, fields) if not name else None
        if not name or name in seen:
            return None
        seen.add(name)
        span = _value(text, m.end())
        if span is None:
            return None
        value = text[span[0]:span[1]]
        fields.append(Field(known.setdefault(name, name), value, 0, 0, -1,
                            value if span[2] else None))
        i = _SPACE.match(text, span[1]).end()
        if text[i] == ",":
            i += 1


def split(text: str) -> list[tuple[str, int, int, object]] | None:
    """The blocks of `text`, or None when bibtexparser should read it."""
    out: list[tuple[str, int, int, object]] = []
    keys: set[str] = set()
    names: set[str] = set()
    known: dict[str, str] = {}
    find = text.find
    pos = 0
    while True:
        at = find("@", pos)
        if at < 0:
            return out
        m = _START.match(text, at)
        if m is None:  # "me@example.org" in a comment: no block starts here, for either reader
            pos = at + 1
            continue
        if text[m.end()] == "(":
            return None  # a (…) block: leave it to bibtexparser
        kind = m.group(1).lower()
        open_at = m.end()
        if kind.startswith(("comment", "preamble")):
            end = _close(text, open_at)
            if end < 0:
                return None
            data = text[open_at + 1:end - 1] if kind.startswith("preamble") else None
            out.append((PREAMBLE if data is not None else COMMENT, at, end, data))
        elif kind.startswith("string"):
            n = _NAME.match(text, open_at + 1)
            end = _close(text, open_at)
            if n is None or n.group(2) != "=" or end < 0:
                return None
            name = n.group(1).strip()
            if name in names:
                return None
            names.add(name)
            out.append((STRING, at, end, (name, text[n.end():end - 1].strip())))
        elif kind:
            found = _entry(text, open_at, known)
            if found is None:
                return None
            end, key, fields = found
            if key in keys:
                return None
            keys.add(key)
            out.append((ENTRY, at, end, (known.setdefault(kind, kind), key, fields)))
        else:
            return None
        if _LINE_START_BLOCK.search(text, at + 1, end):
            return None  # bibtexparser would cut this block short there
        pos = end
