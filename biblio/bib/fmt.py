"""Canonical formatting: one way to write every entry, configurable in [tool.biblio.fmt].

The default style is the one biblio.bib.library writes changed entries in (two-space indent,
lower-case names, braces, one field per line, trailing comma). `format_library` marks exactly the
entries whose text differs from their canonical form as changed, so `library.save` rewrites them
and leaves every other byte of the file alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic
from . import bibvalue
from .blocks import Entry, Library, Preamble, StringDef

SORTS = ("none", "key", "author-year")
# Fields whose whitespace matters (addresses, paths): never wrapped.
_VERBATIM = frozenset(("url", "doi", "eprint", "file", "verba", "verbb", "verbc", "pdf"))
_NAME_OK = re.compile(r"[A-Za-z][\w:.+-]*")
_WS = re.compile(r"[ \t\r\n]+")  # what BibTeX takes for a space (not U+00A0)


@dataclass(frozen=True)
class Style:
    indent: str = "  "
    quotes: bool = False  # delimit values with "…" instead of {…}
    field_case: str = "lower"  # "lower" or "upper"
    type_case: str = "lower"
    field_order: tuple[str, ...] = ()
    sort: str = "none"
    wrap: int = 0  # 0: never wrap long values

    @classmethod
    def from_config(cls, table: dict | None, where: str = "pyproject.toml") -> Style:
        """The style of a [tool.biblio.fmt] table; bad settings are a usage error (exit 2)."""
        table = dict(table or {})

        def bad(key: str, expected: str):
            return BiblioError(Diagnostic(where, 1, 1, ERROR, "config",
                                          f"[tool.biblio.fmt] {key} = {table[key]!r} is not valid",
                                          f"use {expected}"), exit_code=2)
        kw: dict = {}
        for key in table:
            if key not in ("indent", "delimiters", "field-case", "type-case", "field-order",
                           "sort", "wrap"):
                raise BiblioError(Diagnostic(where, 1, 1, ERROR, "config",
                                             f"[tool.biblio.fmt] has no setting {key!r}",
                                             "known: indent, delimiters, field-case, type-case, "
                                             "field-order, sort, wrap"), exit_code=2)
        if "indent" in table:
            v = table["indent"]
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 16:
                kw["indent"] = " " * v
            elif v == "tab":
                kw["indent"] = "\t"
            else:
                raise bad("indent", 'a number of spaces (0–16) or "tab"')
        if "delimiters" in table:
            if table["delimiters"] not in ("braces", "quotes"):
                raise bad("delimiters", '"braces" or "quotes"')
            kw["quotes"] = table["delimiters"] == "quotes"
        for key in ("field-case", "type-case"):
            if key in table:
                if table[key] not in ("lower", "upper"):
                    raise bad(key, '"lower" or "upper"')
                kw[key.replace("-", "_")] = table[key]
        if "field-order" in table:
            v = table["field-order"]
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise bad("field-order", 'a list of field names, e.g. ["author", "title"]')
            kw["field_order"] = tuple(x.lower() for x in v)
        if "sort" in table:
            if table["sort"] not in SORTS:
                raise bad("sort", '"none", "key" or "author-year"')
            kw["sort"] = table["sort"]
        if "wrap" in table:
            v = table["wrap"]
            if not isinstance(v, int) or isinstance(v, bool) or not (v == 0 or v >= 20):
                raise bad("wrap", "0 (never) or a line width of at least 20")
            kw["wrap"] = v
        return cls(**kw)


DEFAULT = Style()


def _quoted(text: str) -> bool:
    """Can `text` be delimited by quotes? Not when a '"' sits outside braces."""
    depth = 0
    for c in text:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0:
            return False
    return True


def value(raw: str, style: Style) -> str:
    """A raw value in the style's delimiters (macros and `#` concatenations stay as written)."""
    raw = bibvalue.canonical_raw(raw)
    if style.quotes and raw.startswith("{") and raw.endswith("}"):
        try:
            pieces = bibvalue.split(raw)
        except bibvalue.BadValue:
            return raw
        if len(pieces) == 1 and _quoted(pieces[0].text):
            return '"' + pieces[0].text + '"'
    return raw


def _wrap(head: str, raw: str, width: int, cont: str) -> str:
    """`head + raw` broken at spaces so lines stay within `width` where words allow."""
    if len(raw) < 2 or raw[0] not in '{"' or "\n" not in raw and len(head) + len(raw) < width:
        return head + raw
    words = _WS.split(raw.strip())
    lines, line = [], head + words[0]
    for w in words[1:]:
        if len(line) + 1 + len(w) > width:
            lines.append(line)
            line = cont + w
        else:
            line += " " + w
    lines.append(line)
    return "\n".join(lines)


def _ordered(entry: Entry, style: Style) -> list:
    if not style.field_order:
        return list(entry.fields)
    rank = {name: i for i, name in enumerate(style.field_order)}
    first = sorted((f for f in entry.fields if f.name.lower() in rank),
                   key=lambda f: rank[f.name.lower()])
    return first + [f for f in entry.fields if f.name.lower() not in rank]


def canonical(entry: Entry, style: Style = DEFAULT, newline: str = "\n") -> str:
    """The entry written in `style`, its lines ended by `newline` (a value's own line breaks
    keep their bytes, unless `wrap` reflows the value)."""
    if style == DEFAULT:
        return entry.canonical(newline)
    kind = entry.type.lower() if style.type_case == "lower" else entry.type.upper()
    lines = [f"@{kind}{{{entry.key},"]
    for f in _ordered(entry, style):
        name = f.name.lower() if style.field_case == "lower" else f.name.upper()
        raw = value(f.raw, style)
        head = f"{style.indent}{name} = "
        if style.wrap and f.name.lower() not in _VERBATIM:
            # _wrap's own breaks are "\n"; a value it leaves as it is has none
            wrapped = _wrap(head, raw, style.wrap - 1, style.indent * 2)
            lines.append(wrapped.replace("\n", newline) + ",")
        else:
            lines.append(f"{head}{raw},")
    lines.append("}")
    return newline.join(lines)


def formattable(entry: Entry) -> bool:
    """False for entries canonical form would damage (a `%` comment read into a field name)."""
    return all(_NAME_OK.fullmatch(f.name) for f in entry.fields)


@dataclass
class Outcome:
    changed: list[Entry] = field(default_factory=list)
    skipped: list[Diagnostic] = field(default_factory=list)
    reordered: bool = False


def syntax_errors(lib: Library) -> list[Diagnostic]:
    """Problems that make rewriting unsafe: everything the reader reports as an error,
    except a macro no @string defines (the value is kept as written)."""
    return [d for d in lib.diagnostics if d.severity == ERROR and d.rule != "undefined-string"]


def format_library(lib: Library, style: Style = DEFAULT) -> Outcome:
    """Mark every entry that is not in canonical form as changed; sort if the style says so."""
    errors = syntax_errors(lib)
    if errors:
        raise BiblioError(errors, exit_code=1)
    out = Outcome()
    if style != DEFAULT:
        lib.formatter = lambda e, newline: canonical(e, style, newline)
    for e in lib.entries:
        if not formattable(e):
            e.changed = False
            out.skipped.append(Diagnostic(lib.path, e.line, e.col, WARNING, "comment-in-entry",
                                          f"'{e.key}' has text between its fields that is not "
                                          "a field (a % comment?); fmt leaves it as it is",
                                          "move the comment above the entry"))
            continue
        if e.changed:
            out.changed.append(e)
            continue
        if e.text != lib.written(e):
            e.changed = True
            out.changed.append(e)
    if style.sort != "none":
        out.reordered = sort_entries(lib, style.sort)
    return out


def _squash(text: str) -> str:
    """Whitespace runs as one space, so wrapping a value never changes where it sorts."""
    return " ".join(_WS.split(text.strip()))


def _family(names: str) -> str:
    first = re.split(r" and ", _squash(names), maxsplit=1, flags=re.IGNORECASE)[0].strip()
    first = first.replace("{", "").replace("}", "")
    if "," in first:
        return first.split(",", 1)[0].strip().lower()
    return first.rsplit(" ", 1)[-1].lower()


def _year(e: Entry) -> str:
    m = re.search(r"\d{4}", e.get("year") or e.get("date") or "")
    return m.group() if m else "9999"


def sort_entries(lib: Library, how: str) -> bool:
    """Reorder the entries that follow the last @string/@preamble among their own places.

    Entries keep their bytes and the text between them stays where it is; entries above a
    macro definition stay put so that every macro is still defined before it is used.
    """
    blocks = lib.blocks
    start = 0
    for i, b in enumerate(blocks):
        if isinstance(b, (StringDef, Preamble)):
            start = i + 1
    slots = [i for i in range(start, len(blocks)) if isinstance(blocks[i], Entry)]
    entries = [blocks[i] for i in slots]
    if how == "key":
        def key(e: Entry):
            return (e.key.lower(), e.key)
    else:
        def key(e: Entry):
            who = e.get("author") or e.get("editor") or ""
            return (_family(who) if who else "~", _year(e),
                    _squash(e.get("title") or "").lower(), e.key.lower())
    ordered = sorted(entries, key=key)
    if ordered == entries:
        return False
    for i, e in zip(slots, ordered):
        blocks[i] = e
    return True
