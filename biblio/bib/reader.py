"""BibTeX text → blocks and diagnostics (never raises for bad BibTeX).

Well-formed text is read by biblio.bib.scan; anything it is unsure of by bibtexparser's splitter,
whose recovery and error reasons stay the reference. Then the checks bibtexparser does not
make: values (a missing comma folded into the previous value, unbalanced braces), undefined
@string macros, bad keys and BibTeX-looking text outside any entry.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .. import collector
from ..diagnostics import ERROR, Diagnostic
from . import bibvalue, scan
from .blocks import (
    KEY_OK,
    Block,
    Comment,
    Entry,
    Failed,
    Field,
    Library,
    Preamble,
    StringDef,
    Text,
)

if TYPE_CHECKING:
    from bibtexparser import model as bp

_HEAD = re.compile(r"@(\w+)\s*[({]\s*([^,\s{}()=]*)")


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


def parse(text: str, path: str = "references.bib") -> Library:
    """Split BibTeX text into blocks and diagnostics. Never raises for bad BibTeX."""
    with collector.paused():
        return _parse(text, path)


def _parse(text: str, path: str) -> Library:
    lib = Library(path=path)
    lib.newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    found = scan.split(text)
    blocks, string_blocks = (_blocks_from_scan(text, found, lib) if found is not None
                             else _blocks_from_bibtexparser(text, lib))
    lib.blocks = blocks
    diags = lib.diagnostics

    budget = 10 * bibvalue.MAX_EXPANDED  # all @strings together, each within the value limit
    for s in string_blocks:
        try:
            value, undefined = bibvalue.resolve(bibvalue.split(s.raw), lib.strings)
            budget -= len(value)
            if budget < 0:
                raise bibvalue.BadValue(
                    f"the @strings expand to more than {10 * bibvalue.MAX_EXPANDED:,} "
                    "characters together", 0,
                    "write long texts once instead of joining @strings into one another",
                    rule="macro-too-long")
        except bibvalue.BadValue as e:
            diags.append(Diagnostic(path, s.line, s.col, ERROR, e.rule,
                                    f"@string '{s.name}': {e.message}", e.fix))
            if e.rule == "macro-too-long":
                lib.strings[s.name.lower()] = ""  # defined, so its users do not cascade
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
            type_, key, fields = data
            add(Entry(type=type_, key=key, fields=fields, changed=False, strings=lib.strings,
                      **common))
        elif kind is scan.STRING:
            block = StringDef(name=data[0], raw=data[1], **common)
            strings.append(block)
            add(block)
        elif kind is scan.PREAMBLE:
            add(Preamble(raw=data, **common))
        else:
            add(Comment(**common))
    return cur.finish(), strings


@functools.lru_cache(maxsize=1)
def _lean_splitter():
    """bibtexparser's splitter whose block handlers' aborts keep no traceback. The splitter
    keeps each aborted block's exception, and with it the frames it was raised in (their
    locals too): some 2 KB a block, 380 MB for 600 KB of broken blocks. (Made on first use:
    well-formed files never need bibtexparser, and its import is a tenth of a check's start.)"""
    import logging

    from bibtexparser.exceptions import BlockAbortedException
    from bibtexparser.splitter import Splitter

    # bibtexparser logs every failed block as a warning; we report them as diagnostics instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

    def lean(handler):
        def run(self, *args):
            try:
                return handler(self, *args)
            except BlockAbortedException as e:
                raise e.with_traceback(None) from None
        return run

    class LeanSplitter(Splitter):
        _open_block = lean(Splitter._open_block)
        _handle_entry = lean(Splitter._handle_entry)
        _handle_string = lean(Splitter._handle_string)
        _handle_preamble = lean(Splitter._handle_preamble)
        _handle_explicit_comment = lean(Splitter._handle_explicit_comment)

    return LeanSplitter


def _blocks_from_bibtexparser(text: str, lib: Library) -> tuple[list[Block], list[StringDef]]:
    """The slow, thorough way: bibtexparser's splitter, its recovery and its error reasons."""
    from bibtexparser import model as bp

    path, diags = lib.path, lib.diagnostics
    cur = _Cursor(text)
    strings: list[StringDef] = []
    for b in _lean_splitter()(text).split().blocks:
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
                    diags.append(Diagnostic(path, *field_pos(text, block, f), ERROR,
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


def field_pos(text: str, entry: Entry, f: Field) -> tuple[int, int]:
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


def _check_field_case(text: str, lib: Library, e: Entry) -> None:
    """Field names ignore case in BibTeX: `title` and `Title` in one entry are the same field
    twice (both readers compare names exactly; fmt would lower-case them into a duplicate)."""
    if len(e.fields) < 2:
        return
    seen: dict[str, str] = {}
    for f in e.fields:
        low = f.name.lower()
        first = seen.setdefault(low, f.name)
        if first != f.name:
            lib.diagnostics.append(Diagnostic(
                lib.path, *field_pos(text, e, f), ERROR, "duplicate-field",
                f"field '{f.name}' appears more than once in '{e.key}' (as '{first}' before: "
                "field names ignore case)", "keep one of them"))


def _check_values(text: str, lib: Library) -> None:
    """Catch what bibtexparser lets through: missing commas, bad values, undefined macros."""
    path, diags = lib.path, lib.diagnostics
    for e in lib.entries:
        if not KEY_OK.fullmatch(e.key or ""):
            diags.append(Diagnostic(path, e.line, e.col, ERROR, "bad-key",
                                    f"the entry key {e.key!r} is empty or has characters "
                                    "BibTeX does not allow in keys",
                                    "use letters, digits and - _ : . / only"))
        _check_field_case(text, lib, e)
        for f in e.fields:
            raw = f.raw
            if f.plain_raw is raw or bibvalue.plain(raw) is not None:
                continue
            try:
                pieces = bibvalue.split(raw)
            except bibvalue.BadValue as err:
                field_pos(text, e, f)
                at = f.value_offset
                line, col = _line_col(text, at + err.offset, e) if at >= 0 else (f.line, f.col)
                diags.append(Diagnostic(path, line, col, ERROR, err.rule,
                                        f"'{e.key}', field '{f.name}': {err.message}", err.fix))
                continue
            try:
                undefined = bibvalue.resolve(pieces, lib.strings)[1]
            except bibvalue.BadValue as err:
                line, col = field_pos(text, e, f)
                diags.append(Diagnostic(path, line, col, ERROR, err.rule,
                                        f"'{e.key}', field '{f.name}': {err.message}", err.fix))
                continue
            if undefined:
                line, col = field_pos(text, e, f)
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

