"""The only module that reads or writes a .bib file.

`load` keeps every byte: the file becomes a list of blocks (entries, @string, @preamble,
@comment, the free text between them and blocks that failed to parse), each with its original
text, so that `save` writes unchanged blocks back exactly as they were read. Writes take a lock
file beside the .bib, go to a temp file in the same folder, are fsynced and renamed into place.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bibtexparser import model as bp
from bibtexparser.splitter import Splitter

from . import atomic, bibvalue, scan
from .diagnostics import ERROR, WARNING, BiblioError, Diagnostic

# bibtexparser logs every failed block as a warning; we report them as diagnostics instead.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

BOM = b"\xef\xbb\xbf"
LOCK_TIMEOUT = 60.0
_HEAD = re.compile(r"@(\w+)\s*[({]\s*([^,\s{}()=]*)")
_KEY_OK = re.compile(r"[^\s,{}()\"#%'=\\]+")


@dataclass(eq=False)
class Block:
    """A piece of the file. `text` is exactly as read ('' for a block made in memory)."""

    text: str = ""
    line: int = 0
    col: int = 0
    offset: int = -1


@dataclass(eq=False)
class Text(Block):
    """Free text between blocks: blank lines, `%` comments, anything BibTeX ignores."""


@dataclass(eq=False)
class Comment(Block):
    """An `@comment{…}` block."""


@dataclass(eq=False)
class Preamble(Block):
    raw: str = ""


@dataclass(eq=False)
class StringDef(Block):
    name: str = ""
    raw: str = ""


@dataclass(eq=False)
class Failed(Block):
    """A block bibtexparser could not parse; written back verbatim."""

    reason: str = ""


@dataclass(eq=False, slots=True)
class Field:
    name: str  # as written
    raw: str  # the value as written: `{…}`, `"…"`, `2020`, `jan # {~1}`
    line: int = 0  # 1-based position of the name, filled in on demand by _field_pos
    col: int = 0
    value_offset: int = -1  # where `raw` starts in the file text, likewise
    # The reader sets this to `raw` itself when raw is a plain value (one braced piece, one
    # quoted piece without braces, or a number): `f.plain_raw is f.raw`
    # then says raw needs no checking and its text is raw without its delimiters. Being the
    # same object, it goes stale by itself whenever raw is replaced.
    plain_raw: str | None = None

    def plain(self) -> str | None:
        """The value's text when it is plain (no macros, nothing nested), else None."""
        raw = self.raw
        if self.plain_raw is raw:
            return raw[1:-1] if raw[:1] in ('{', '"') else raw
        return bibvalue.plain(raw)


@dataclass(eq=False)
class Entry(Block):
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

    def delete(self, name: str) -> bool:
        f = self.field(name)
        if f is None:
            return False
        self.fields.remove(f)
        self.changed = True
        return True

    def canonical(self) -> str:
        """The entry in biblio's canonical style (LF line endings)."""
        lines = [f"@{self.type.lower()}{{{self.key},"]
        for f in self.fields:
            raw = bibvalue.canonical_raw(f.raw).replace("\r\n", "\n")
            lines.append(f"  {f.name.lower()} = {raw},")
        lines.append("}")
        return "\n".join(lines)


def new_entry(type: str, key: str, fields: dict[str, str] | None = None) -> Entry:
    entry = Entry(type=type.lower(), key=key)
    for name, value in (fields or {}).items():
        entry.set(name, value)
    return entry


@dataclass(eq=False)
class Library:
    path: str = "references.bib"
    blocks: list[Block] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    strings: dict[str, str] = field(default_factory=dict)
    source_digest: str | None = None  # sha256 of the bytes read; None for a new file
    # How changed entries are written (biblio.fmt sets it for a configured style).
    formatter: Callable[[Entry], str] | None = field(default=None, repr=False)

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

    def render(self) -> str:
        """The whole file as text: unchanged blocks verbatim, changed entries canonical."""
        parts = []
        for b in self.blocks:
            if isinstance(b, Entry) and b.changed:
                text = self.formatter(b) if self.formatter else b.canonical()
                parts.append(text.replace("\n", self.newline) if self.newline != "\n" else text)
            else:
                parts.append(b.text)
        return "".join(parts)

    def to_bytes(self) -> bytes:
        try:
            data = self.render().encode(self.encoding)
        except UnicodeEncodeError as e:
            raise BiblioError(Diagnostic(self.path, 1, 1, ERROR, "encoding",
                              f"a new value cannot be written in {self.encoding} "
                              f"({e.object[e.start:e.end]!r})",
                              "convert the file to UTF-8"), exit_code=2) from None
        return BOM + data if self.bom else data


# -- reading ---------------------------------------------------------------------------------

def _position(text: str, offset: int, line: int, line_start: int, upto: int) -> tuple[int, int]:
    """Advance (line, line_start) from offset `upto` to `offset`."""
    n = text.count("\n", upto, offset)
    if n:
        line += n
        line_start = text.rfind("\n", upto, offset) + 1
    return line, line_start


def _failed_reason(block: bp.ParsingFailedBlock) -> str:
    reason = getattr(block.error, "abort_reason", None) or str(block.error)
    return reason.strip()


def _explain_failure(reason: str, head: str) -> tuple[str, str, str]:
    """Turn bibtexparser's abort reason into (rule, message, fix) a person understands."""
    if "`)`" in reason:
        return ("unbalanced-braces", f"{head} is opened with '(' but never closed with ')'",
                "close it with ')' (or open it with '{' and close it with '}')")
    if 'closing `"`' in reason:
        return ("syntax", f"{head} has a quoted value that is never closed",
                "add the missing '\"'")
    if "closing" in reason or "end of file" in reason:
        return ("unbalanced-braces", f"{head} is never closed: a '}}' is missing",
                "add the missing '}' at the end of the entry (or of the value left open)")
    if "comma after entry key" in reason:
        return ("syntax", f"{head} has no comma after its key",
                "write '@type{key,' and then the fields")
    if "`=` after entry key" in reason:
        return ("syntax", f"{head} has text that is not a 'name = value' field",
                "write each field as 'name = {value},' and remove stray text")
    if "after a closed entry field" in reason:
        return ("missing-comma", f"{head}: a comma is missing between two fields",
                "add ',' after the previous field's value")
    return ("syntax", f"{head} could not be read ({reason.rstrip('. ')})",
            "fix the BibTeX syntax of this block")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Bulk work that makes many objects and no garbage (parsing, converting a whole file):
    the cyclic collector would walk the growing heap again and again for nothing."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def parse(text: str, path: str = "references.bib") -> Library:
    """Split BibTeX text into blocks and diagnostics. Never raises for bad BibTeX."""
    with paused_gc():
        return _parse(text, path)


def _parse(text: str, path: str) -> Library:
    lib = Library(path=path)
    lib.newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    found = scan.split(text)
    blocks, string_blocks = (_blocks_from_scan(text, found, lib) if found is not None
                             else _blocks_from_bibtexparser(text, lib))
    lib.blocks = blocks
    diags = lib.diagnostics

    for s in string_blocks:
        try:
            value, undefined = bibvalue.resolve(bibvalue.split(s.raw), lib.strings)
        except bibvalue.BadValue as e:
            diags.append(Diagnostic(path, s.line, s.col, ERROR, e.rule,
                                    f"@string '{s.name}': {e.message}", e.fix))
            continue
        lib.strings[s.name.lower()] = value
        for name in undefined:
            diags.append(_undefined(path, s.line, s.col, name, f"@string '{s.name}'"))
    _check_values(text, lib)
    _check_free_text(lib)
    diags.sort(key=lambda d: d.sort_key)
    return lib


class _Cursor:
    """Line and column of increasing offsets, and the free text left between blocks."""

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0
        self.blocks: list[Block] = []
        self.end = 0  # where the last block ended

    def where(self, offset: int) -> tuple[int, int]:
        self.line, self.line_start = _position(self.text, offset, self.line, self.line_start,
                                               self.pos)
        self.pos = offset
        return self.line, offset - self.line_start + 1

    def gap(self, upto: int) -> None:
        if upto > self.end:
            line, col = self.where(self.end)
            self.blocks.append(Text(text=self.text[self.end:upto], line=line, col=col,
                                    offset=self.end))

    def common(self, start: int, end: int) -> dict:
        self.gap(start)
        line, col = self.where(start)
        self.end = end
        return {"text": self.text[start:end], "line": line, "col": col, "offset": start}

    def finish(self) -> list[Block]:
        self.gap(len(self.text))
        return self.blocks


def _blocks_from_scan(text: str, found: list, lib: Library
                      ) -> tuple[list[Block], list[StringDef]]:
    cur = _Cursor(text)
    add = cur.blocks.append
    strings: list[StringDef] = []
    for kind, start, end, data in found:
        common = cur.common(start, end)
        if kind is scan.ENTRY:
            type_, key, pairs = data
            add(Entry(type=type_, key=key, fields=[Field(n, r, 0, 0, -1, r if p else None) for n, r, p in pairs],
                      changed=False, strings=lib.strings, **common))
        elif kind is scan.STRING:
            block = StringDef(name=data[0], raw=data[1], **common)
            strings.append(block)
            add(block)
        elif kind is scan.PREAMBLE:
            add(Preamble(raw=data, **common))
        else:
            add(Comment(**common))
    return cur.finish(), strings


def _blocks_from_bibtexparser(text: str, lib: Library) -> tuple[list[Block], list[StringDef]]:
    """The slow, thorough way: bibtexparser's splitter, its recovery and its error reasons."""
    path, diags = lib.path, lib.diagnostics
    cur = _Cursor(text)
    strings: list[StringDef] = []
    for b in Splitter(text).split().blocks:
        if isinstance(b, bp.ImplicitComment):
            continue  # free text is taken from the gaps between blocks, byte for byte
        raw = b.raw
        start = text.find(raw, cur.end)
        if start < 0:  # never expected; keep the bytes rather than guess
            continue
        common = cur.common(start, start + len(raw))
        bl, bc = common["line"], common["col"]
        inner = getattr(b, "ignore_error_block", None)
        if isinstance(b, bp.ParsingFailedBlock) and isinstance(inner, bp.Entry):
            block = _entry(inner, common, lib)
            dupes = sorted(getattr(b, "duplicate_keys", ()) or ())
            if dupes:
                for name in dupes:
                    f = [f for f in block.fields if f.name == name][-1]
                    diags.append(Diagnostic(path, *_field_pos(text, block, f), ERROR,
                                            "duplicate-field",
                                            f"field '{name}' appears more than once in "
                                            f"'{block.key}'", "keep one of them"))
            else:
                diags.append(Diagnostic(path, bl, bc, ERROR, "duplicate-key",
                                        f"the key '{block.key}' is used by an earlier entry",
                                        "give one of the entries another key"))
        elif isinstance(b, bp.ParsingFailedBlock):
            block = Failed(reason=_failed_reason(b), **common)
            m = _HEAD.match(raw)
            head = f"@{m.group(1)} '{m.group(2)}'" if m and m.group(2) else \
                f"'{raw.splitlines()[0].strip()[:40]}'"
            rule, msg, fix = _explain_failure(block.reason, head)
            diags.append(Diagnostic(path, bl, bc, ERROR, rule, msg, fix))
        elif isinstance(b, bp.Entry):
            block = _entry(b, common, lib)
        elif isinstance(b, bp.String):
            block = StringDef(name=b.key, raw=b.value, **common)
            strings.append(block)
        elif isinstance(b, bp.Preamble):
            block = Preamble(raw=b.value, **common)
        elif isinstance(b, bp.ExplicitComment):
            block = Comment(**common)
        else:
            block = Failed(reason="unknown block", **common)
        cur.blocks.append(block)
    return cur.finish(), strings


def _entry(b: bp.Entry, common: dict, lib: Library) -> Entry:
    fields = [Field(f.key, f.value) for f in b.fields]
    return Entry(type=b.entry_type, key=b.key, fields=fields, changed=False,
                 strings=lib.strings, **common)


_FIELD_HEAD = re.compile(r"\s*([^\s=,{}()\"#]+)\s*=\s*")


def _field_pos(text: str, entry: Entry, f: Field) -> tuple[int, int]:
    """Line and column of field `f`'s name; all fields of the entry are located at once."""
    if f.line or entry.offset < 0:
        return f.line, f.col
    line, line_start, pos = entry.line, entry.offset - entry.col + 1, entry.offset
    cursor = entry.offset + entry.text.find(",") + 1
    for g in entry.fields:
        m = _FIELD_HEAD.match(text, cursor)
        start = m.start(1) if m else cursor
        g.value_offset = text.find(g.raw, m.end() if m else cursor)
        line, line_start = _position(text, start, line, line_start, pos)
        pos = start
        g.line, g.col = line, start - line_start + 1
        if g.value_offset >= 0:
            cursor = g.value_offset + len(g.raw)
        while cursor < len(text) and text[cursor] in " \t\r\n":
            cursor += 1
        if cursor < len(text) and text[cursor] == ",":
            cursor += 1
    return f.line, f.col


def _line_col(text: str, offset: int, near: Block | None = None) -> tuple[int, int]:
    """Line and column of `offset`, counting from block `near` (before it) when given."""
    if near is not None and 0 <= near.offset <= offset:
        line, start = _position(text, offset, near.line, near.offset - near.col + 1,
                                near.offset)
        return line, offset - start + 1
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _macro_at(raw: str, name: str) -> int:
    """Offset of macro `name` in a raw value, outside braces and quotes."""
    m = re.search(r"(?:^|[\s#])(" + re.escape(name) + r")(?:$|[\s#])", raw)
    return m.start(1) if m else 0


def _undefined(path: str, line: int, col: int, name: str, where: str) -> Diagnostic:
    return Diagnostic(path, line, col, ERROR, "undefined-string",
                      f"{where} uses '{name}', which no @string defines",
                      f"add @string{{{name} = {{…}}}} or put the value in braces {{{name}}}")


def _check_values(text: str, lib: Library) -> None:
    """Catch what bibtexparser lets through: missing commas, bad values, undefined macros."""
    path, diags = lib.path, lib.diagnostics
    for e in lib.entries:
        if not _KEY_OK.fullmatch(e.key or ""):
            diags.append(Diagnostic(path, e.line, e.col, ERROR, "bad-key",
                                    f"the entry key {e.key!r} is empty or has characters "
                                    "BibTeX does not allow in keys",
                                    "use letters, digits and - _ : . / only"))
        for f in e.fields:
            raw = f.raw
            if f.plain_raw is raw or bibvalue.plain(raw) is not None:
                continue
            try:
                pieces = bibvalue.split(raw)
            except bibvalue.BadValue as err:
                _field_pos(text, e, f)
                at = f.value_offset
                line, col = _line_col(text, at + err.offset, e) if at >= 0 else (f.line, f.col)
                diags.append(Diagnostic(path, line, col, ERROR, err.rule,
                                        f"'{e.key}', field '{f.name}': {err.message}", err.fix))
                continue
            undefined = bibvalue.resolve(pieces, lib.strings)[1]
            if undefined:
                line, col = _field_pos(text, e, f)
                at = f.value_offset
                for name in undefined:
                    if at >= 0:
                        line, col = _line_col(text, at + _macro_at(f.raw, name), e)
                    diags.append(_undefined(path, line, col, name,
                                            f"'{e.key}', field '{f.name}'"))


_STRAY = re.compile(r"[{}=@]")


def _check_free_text(lib: Library) -> None:
    """Free text is a comment to BibTeX, but text that looks like BibTeX there is a mistake."""
    for b in lib.blocks:
        if not isinstance(b, Text) or not b.text.strip():
            continue
        for i, line in enumerate(b.text.split("\n")):
            stripped = line.strip()
            if not stripped or stripped.startswith("%") or not _STRAY.search(stripped):
                continue
            col = (b.col if i == 0 else 1) + len(line) - len(line.lstrip())
            lib.diagnostics.append(Diagnostic(
                lib.path, b.line + i, col, ERROR, "stray-text",
                f"text outside any entry: {stripped[:40]!r}",
                "remove it, move it into its entry, or start the line with '%' to keep it "
                "as a comment"))


def decode(data: bytes, path: str, encoding: str = "utf-8") -> tuple[str, bool]:
    bom = data.startswith(BOM)
    if bom:
        data = data[len(BOM):]
    try:
        return data.decode(encoding), bom
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise BiblioError(Diagnostic(
            path, line, col, ERROR, "encoding",
            f"not valid {encoding}: byte 0x{data[e.start]:02x} at byte offset "
            f"{e.start + (3 if bom else 0)}",
            "save the file as UTF-8, or pass --encoding with the file's real encoding "
            "(e.g. --encoding latin-1)")) from None
    except LookupError:
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "encoding",
                                     f"unknown encoding {encoding!r}",
                                     "use a Python codec name such as utf-8 or latin-1"),
                          exit_code=2) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io", "file not found",
                                     "create it, or point --bib at your .bib file"),
                          exit_code=2) from None
    except OSError as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"cannot read the file: {e.strerror}",
                                     "check the path and its permissions"),
                          exit_code=2) from None


def load(path: str | os.PathLike, encoding: str = "utf-8") -> Library:
    """Read a .bib file. Bad BibTeX becomes diagnostics; unreadable files raise BiblioError."""
    p = Path(path)
    data = _read(p)
    text, bom = decode(data, str(path), encoding)
    lib = parse(text, str(path))
    lib.encoding, lib.bom = encoding, bom
    lib.source_digest = hashlib.sha256(data).hexdigest()
    return lib


# -- writing ---------------------------------------------------------------------------------

def _lock_path(path: Path) -> Path:
    return path.with_name("." + path.name + ".lock")


@contextlib.contextmanager
def locked(path: str | os.PathLike, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive write lock of a .bib file (a lock file beside it)."""
    from filelock import FileLock, Timeout

    real = Path(os.path.realpath(path))
    try:
        with FileLock(str(_lock_path(real)), timeout=timeout):
            yield
    except Timeout:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "locked",
                                     f"another biblio process has held the lock for {timeout:.0f} s",
                                     f"wait for it, or remove {_lock_path(real)} if no biblio "
                                     "is running"), exit_code=2) from None


def write(library: Library, path: str | os.PathLike | None = None) -> None:
    """Write the library; the caller must hold `locked(path)`. Refuses if the file changed."""
    target = Path(os.path.realpath(path or library.path))
    data = library.to_bytes()
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    digest = None if current is None else hashlib.sha256(current).hexdigest()
    if digest != library.source_digest:
        raise BiblioError(Diagnostic(str(path or library.path), 1, 1, ERROR, "conflict",
                                     "the file changed on disk after biblio read it",
                                     "run the command again"), exit_code=2)
    atomic.remove_stale_temps(target)
    if current == data:
        return
    try:
        atomic.write_bytes(target, data)
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        hint = "free some disk space" if e.errno == errno.ENOSPC else "check the folder's permissions"
        raise BiblioError(Diagnostic(str(path or library.path), 1, 1, ERROR, "io",
                                     f"could not write the file ({reason}); it was left as it was",
                                     hint), exit_code=2) from None
    library.source_digest = hashlib.sha256(data).hexdigest()


def save(library: Library, path: str | os.PathLike | None = None) -> None:
    """Lock, check that nobody changed the file since it was read, write atomically."""
    with locked(path or library.path):
        write(library, path)


@contextlib.contextmanager
def edit(path: str | os.PathLike, encoding: str = "utf-8", create: bool = False
         ) -> Iterator[Library]:
    """Read-modify-write under one lock: `with edit(p) as lib: lib.add(...)` saves on exit."""
    with locked(path):
        if create and not Path(path).exists():
            lib = Library(path=str(path), encoding=encoding)
        else:
            lib = load(path, encoding)
        yield lib
        write(lib, path)


def warnings_only(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == WARNING]
