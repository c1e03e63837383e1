"""A .bib file in memory: its blocks in order, each with the exact text it was read from.

Entries, @string, @preamble, @comment, the free text between them and blocks that failed to
parse; `Library.render` writes unchanged blocks back exactly as they were read and changed
entries in canonical form. Reading is biblio.bib.reader's job, files biblio.bib.library's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..diagnostics import ERROR, BiblioError, Diagnostic
from . import bibvalue

BOM = b"\xef\xbb\xbf"
KEY_OK = re.compile(r"[^\s,{}()\"#%'=\\]+")  # what BibTeX accepts as an entry key


@dataclass(eq=False, slots=True)
class Block:
    """A piece of the file. `text` is exactly as read ('' for a block made in memory)."""

    text: str = ""
    line: int = 0
    col: int = 0
    offset: int = -1


@dataclass(eq=False, slots=True)
class Text(Block):
    """Free text between blocks: blank lines, `%` comments, anything BibTeX ignores."""


@dataclass(eq=False, slots=True)
class Comment(Block):
    """An `@comment{…}` block."""


@dataclass(eq=False, slots=True)
class Preamble(Block):
    """An `@preamble{…}` block."""
    raw: str = ""


@dataclass(eq=False, slots=True)
class StringDef(Block):
    """An `@string{name = value}` definition."""
    name: str = ""
    raw: str = ""


@dataclass(eq=False, slots=True)
class Failed(Block):
    """A block bibtexparser could not parse; written back verbatim."""

    reason: str = ""


@dataclass(eq=False, slots=True)
class Field:
    """One `name = value` of an entry, its value as written."""
    name: str  # as written
    raw: str  # the value as written: `{…}`, `"…"`, `2020`, `jan # {~1}`
    line: int = 0  # 1-based position of the name, filled in on demand by field_pos
    col: int = 0
    value_offset: int = -1  # where `raw` starts in the file text, likewise
    # The reader sets this to `raw` itself when raw is a plain value (one braced piece, one
    # quoted piece without braces, or a number): `f.plain_raw is f.raw` then says raw needs
    # no checking and its text is raw without its delimiters. Being the same object, it goes
    # stale by itself whenever raw is replaced.
    plain_raw: str | None = None

    def plain(self) -> str | None:
        """The value's text when it is one piece with no macro in it, else None."""
        raw = self.raw
        if self.plain_raw is raw:
            return raw[1:-1] if raw[:1] in ('{', '"') else raw
        return bibvalue.plain(raw)


@dataclass(eq=False, slots=True)
class Entry(Block):
    """An `@type{key, …}` entry: its fields in file order, kept as written."""
    type: str = "misc"
    key: str = ""
    fields: list[Field] = field(default_factory=list)
    changed: bool = True
    strings: dict[str, str] = field(default_factory=dict, repr=False)

    # -- reading --------------------------------------------------------------------------
    def names(self) -> list[str]:
        return [f.name.lower() for f in self.fields]

    def field(self, name: str) -> Field | None:
        name = name.lower()
        for f in self.fields:
            if f.name.lower() == name:
                return f
        return None

    def raw(self, name: str) -> str | None:
        f = self.field(name)
        return None if f is None else f.raw

    def get(self, name: str, default: str | None = None) -> str | None:
        """The field's text with `@string` macros resolved and outer delimiters removed."""
        f = self.field(name)
        if f is None:
            return default
        text = f.plain()
        if text is not None:
            return text
        try:
            return bibvalue.resolve(bibvalue.split(f.raw), self.strings)[0]
        except bibvalue.BadValue:
            return f.raw

    def __contains__(self, name: str) -> bool:
        return self.field(name) is not None

    def as_dict(self) -> dict[str, str]:
        """Every field (lower-case name → resolved text); the first of duplicates wins."""
        out: dict[str, str] = {}
        for f in self.fields:
            out.setdefault(f.name.lower(), self.get(f.name) or "")
        return out

    # -- changing -------------------------------------------------------------------------
    def set(self, name: str, value: str) -> None:
        """Set a field to plain text (stored braced)."""
        self.set_raw(name, bibvalue.braced(value))

    def set_raw(self, name: str, raw: str) -> None:
        f = self.field(name)
        if f is None:
            self.fields.append(Field(name.lower(), raw))
        elif f.raw != raw:
            f.raw = raw
        else:
            return
        self.changed = True

    def canonical(self, newline: str = "\n") -> str:
        """The entry in biblio's canonical style, its lines ended by `newline`.

        Line breaks inside a value are the value's own and keep their bytes.
        """
        lines = [f"@{self.type.lower()}{{{self.key},"]
        for f in self.fields:
            lines.append(f"  {f.name.lower()} = {bibvalue.canonical_raw(f.raw)},")
        lines.append("}")
        return newline.join(lines)


def new_entry(type: str, key: str, fields: dict[str, str] | None = None) -> Entry:
    entry = Entry(type=type.lower(), key=key)
    for name, value in (fields or {}).items():
        entry.set(name, value)
    return entry


@dataclass(eq=False, slots=True)
class Library:
    """A .bib file read into blocks, with how to write it back (encoding, BOM, newlines)."""
    path: str = "references.bib"
    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    encoding: str = "utf-8"
    bom: bytes = b""  # the byte-order mark the file starts with, written back as it was
    newline: str = "\n"
    strings: dict[str, str] = field(default_factory=dict)
    source_digest: str | None = None  # sha256 of the bytes read; None for a new file
    # How changed entries are written (biblio.bib.fmt sets it for a configured style).
    formatter: Callable[[Entry, str], str] | None = field(default=None, repr=False)

    @property
    def entries(self) -> list[Entry]:
        return [b for b in self.blocks if isinstance(b, Entry)]

    def get(self, key: str) -> Entry | None:
        for b in self.blocks:
            if isinstance(b, Entry) and b.key == key:
                return b
        return None

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def keys(self) -> list[str]:
        return [e.key for e in self.entries]

    def add(self, entry: Entry) -> Entry:
        """Append an entry at the end of the file; its key must be new."""
        if self.get(entry.key) is not None:
            raise KeyError(entry.key)
        entry.strings = self.strings
        entry.changed = True
        nl = self.newline
        if self.blocks:
            last = self.blocks[-1]
            if not isinstance(last, Text) or not last.text.endswith(nl):
                self.blocks.append(Text(text=nl + nl))
            elif not last.text.endswith(nl + nl):
                self.blocks.append(Text(text=nl))
        self.blocks.append(entry)
        self.blocks.append(Text(text=self.newline))
        return entry

    def remove(self, key: str) -> Entry:
        entry = self.get(key)
        if entry is None:
            raise KeyError(key)
        i = self.blocks.index(entry)
        del self.blocks[i]
        # Drop the blank gap the entry leaves when text around it is just whitespace.
        if 0 < i < len(self.blocks) and isinstance(self.blocks[i], Text) \
                and isinstance(self.blocks[i - 1], Text) and not self.blocks[i].text.strip():
            del self.blocks[i]
        # The last entry removed: the file ends with one newline, not a blank line.
        if i >= len(self.blocks) - 1 and i > 0 and isinstance(self.blocks[i - 1], Text) \
                and not self.blocks[-1].text.strip() and self.blocks[-1].text.count("\n") > 1:
            self.blocks[-1] = Text(text=self.newline)
        return entry

    def written(self, entry: Entry) -> str:
        """A changed entry as this file writes it: canonical, in the file's line endings."""
        if self.formatter is not None:
            return self.formatter(entry, self.newline)
        return entry.canonical(self.newline)

    def render(self) -> str:
        """The whole file as text: unchanged blocks verbatim, changed entries canonical."""
        parts = []
        for b in self.blocks:
            if isinstance(b, Entry) and b.changed:
                parts.append(self.written(b))
            else:
                parts.append(b.text)
        return "".join(parts)

    def to_bytes(self) -> bytes:
        try:
            data = self.render().encode(self.encoding)
        except LookupError as e:  # a new file in an encoding that is none, or not text
            raise BiblioError(Diagnostic(self.path, 1, 1, ERROR, "encoding",
                              f"cannot write the file in {self.encoding!r} ({e})",
                              "use a text encoding such as utf-8 or latin-1"),
                              exit_code=2) from None
        except UnicodeError as e:  # (idna's "label too long" is no UnicodeEncodeError)
            what = repr(e.object[e.start:e.end]) if isinstance(e, UnicodeEncodeError) else e
            raise BiblioError(Diagnostic(self.path, 1, 1, ERROR, "encoding",
                              f"a new value cannot be written in {self.encoding} ({what})",
                              "convert the file to UTF-8"), exit_code=2) from None
        return self.bom + data

