"""BibTeX field values: split `{a} # macro # "b"` into pieces, resolve macros, write values back.

bibtexparser 2 hands us each value as raw text and does not check it; this module is where a
missing comma (`{Roe, Richard}` followed by `title = {…}` folded into one value) is caught.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April",
    "may": "May", "jun": "June", "jul": "July", "aug": "August",
    "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

_BRACE = re.compile(r"[{}]")
_BRACE_OR_QUOTE = re.compile(r'[{}"]')
_BARE = re.compile(r"[^\s#,{}\"=()]+")
_SPACE = re.compile(r"\s*")
_FIELD_START = re.compile(r"\s*[A-Za-z][\w:.+-]*\s*=")


class BadValue(Exception):
    """A field value that is not valid BibTeX; `offset` is where, within the raw value."""

    def __init__(self, message: str, offset: int, fix: str, rule: str = "syntax"):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.fix = fix
        self.rule = rule


@dataclass(frozen=True)
class Piece:
    """One piece of a BibTeX value: a braced or quoted string, a number, or a macro name."""
    kind: str  # "braced", "quoted", "number", "macro"
    text: str  # inner text for braced/quoted, the name or digits otherwise


def _closing_brace(raw: str, start: int) -> int:
    """Index of the `}` that closes the `{` at `start`, or -1."""
    depth = 0
    for m in _BRACE.finditer(raw, start):
        if m.group() == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _closing_quote(raw: str, start: int) -> int:
    """Index of the `"` that closes the quoted piece at `start`, or -1; raises BadValue for a
    `}` that closes no `{` inside the quotes (BibTeX rejects `"Smith} and {Jones"`)."""
    depth = 0
    for m in _BRACE_OR_QUOTE.finditer(raw, start + 1):
        c = m.group()
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                raise BadValue("unbalanced braces: a '}' closes nothing", m.start(),
                               "remove the extra '}' or add the '{' it closes",
                               rule="unbalanced-braces")
        elif depth == 0:
            return m.start()
    return -1


def plain(raw: str) -> str | None:
    """The text of a value that is one braced piece or a number (no macro, nothing to
    check), or None: most values, read without the full splitter."""
    if raw[:1] == "{" and raw[-1:] == "}":
        if raw.count("{") == 1 == raw.count("}") or _closing_brace(raw, 0) == len(raw) - 1:
            return raw[1:-1]
        return None
    return raw if raw.isdigit() else None


def split(raw: str) -> list[Piece]:
    """Split a raw value into its `#`-joined pieces; raise BadValue when it is malformed."""
    # Fast path: the common `{text}` with no nested braces.
    if raw.startswith("{") and raw.endswith("}") and raw.count("{") == 1 and raw.count("}") == 1:
        return [Piece("braced", raw[1:-1])]
    pieces: list[Piece] = []
    pos, n = 0, len(raw)
    if n == 0:
        raise BadValue("the field has no value", 0, "write a value such as {…} after '='")
    while True:
        pos = _SPACE.match(raw, pos).end()
        if pos >= n:
            raise BadValue("a value is missing after '#'", pos, "remove the '#' or add a value")
        c = raw[pos]
        if c == "{":
            end = _closing_brace(raw, pos)
            if end < 0:
                raise BadValue("unbalanced braces: a '{' is never closed", pos,
                               "add the missing '}'", rule="unbalanced-braces")
            pieces.append(Piece("braced", raw[pos + 1:end]))
            pos = end + 1
        elif c == '"':
            end = _closing_quote(raw, pos)
            if end < 0:
                raise BadValue('a quoted value is never closed', pos, 'add the missing \'"\'')
            pieces.append(Piece("quoted", raw[pos + 1:end]))
            pos = end + 1
        elif c == "}":
            raise BadValue("unbalanced braces: a '}' closes nothing", pos,
                           "remove the extra '}' or add the '{' it closes",
                           rule="unbalanced-braces")
        else:
            m = _BARE.match(raw, pos)
            if not m:
                raise BadValue(f"unexpected {c!r} in a value", pos,
                                  "enclose the value in braces {…}")
            word = m.group()
            pieces.append(Piece("number" if word.isdigit() else "macro", word))
            pos = m.end()
        after = _SPACE.match(raw, pos).end()
        if after >= n:
            return pieces
        if raw[after] == "#":
            pos = after + 1
            continue
        if _FIELD_START.match(raw, after):
            name = raw[after:].split("=", 1)[0].strip()
            raise BadValue(
                f"a comma is missing before field '{name}', so it was read as part of the "
                "previous value", pos, "add ',' at the end of the previous field",
                rule="missing-comma")
        raise BadValue(f"unexpected text after the value: {raw[after:after + 20]!r}", after,
                          "join pieces with '#' or enclose the whole value in braces {…}")


# The longest text a value may expand to through @string macros. Real values stay far below
# (a long abstract is some 10,000 characters); 800 bytes of @strings that each join the last
# twice would otherwise expand to gigabytes.
MAX_EXPANDED = 1_000_000


def resolve(pieces: list[Piece], strings: dict[str, str]) -> tuple[str, list[str]]:
    """Join pieces into the value's text; return it with the names of undefined macros.
    Raises BadValue (rule macro-too-long) when the text would pass MAX_EXPANDED characters."""
    if len(pieces) == 1 and pieces[0].kind != "macro":
        return pieces[0].text, []
    out, undefined = [], []
    size = 0
    for p in pieces:
        if p.kind != "macro":
            text = p.text
        else:
            name = p.text.lower()
            if name in strings:
                text = strings[name]
            elif name in MONTHS:
                text = MONTHS[name]
            else:
                undefined.append(p.text)
                text = p.text
        size += len(text)
        if size > MAX_EXPANDED:
            raise BadValue(f"the value expands to more than {MAX_EXPANDED:,} characters "
                           "through @string macros", 0,
                           "write the text once: @strings that join one another again and "
                           "again double at every step", rule="macro-too-long")
        out.append(text)
    return "".join(out), undefined


def braces_balanced(text: str) -> bool:
    depth = 0
    for m in _BRACE.finditer(text):
        depth += 1 if m.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def braced(text: str) -> str:
    """The raw form `{text}` of a plain value; refuse text whose braces do not balance."""
    if not braces_balanced(text):
        raise BadValue("unbalanced braces in the new value", 0, "balance '{' and '}'")
    return "{" + text + "}"


def canonical_raw(raw: str) -> str:
    """A value's raw text in canonical style: one quoted piece becomes braced, the rest stays."""
    if raw[:1] == "{" or raw[:1].isalpha():
        return raw  # a braced piece or a macro comes first: nothing to change (saves a split)
    try:
        pieces = split(raw)
    except BadValue:
        return raw
    if len(pieces) == 1 and pieces[0].kind in ("quoted", "number"):
        return "{" + pieces[0].text + "}"
    return raw
