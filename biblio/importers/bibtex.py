"""BibTeX text (a pasted entry, a .bib file) → records, its values kept as written."""

from __future__ import annotations

from ..bib import bibvalue, reader
from ..diagnostics import has_errors
from . import ImportFailed, Record


def read(text: str, path: str) -> list[Record]:
    """Every entry in `text`; the first BibTeX error raises ImportFailed at its line."""
    lib = reader.parse(text, path)
    if has_errors(lib.diagnostics):
        d = next(d for d in lib.diagnostics if d.severity == "error")
        raise ImportFailed(d.rule, d.message, d.fix, d.line, d.col)
    records = []
    for e in lib.entries:
        r = Record(e.type.lower(), source=f"{path}:{e.line}", key=e.key, line=e.line)
        for f in e.fields:
            name = f.name.lower()
            if name in r.fields:
                continue
            r.fields[name] = _self_contained(f.raw, lib.strings)
        records.append(r)
    if not records:
        raise ImportFailed("empty", "no BibTeX entry found", "paste an entry such as "
                           "@article{key, title = {…}}")
    return records


def _self_contained(raw: str, strings: dict[str, str]) -> str:
    """Inline @string macros the source defined (the library may not define them)."""
    try:
        pieces = bibvalue.split(raw)
    except bibvalue.BadValue:
        return raw
    if not any(p.kind == "macro" and p.text.lower() in strings for p in pieces):
        return bibvalue.canonical_raw(raw)
    try:
        return bibvalue.braced(bibvalue.resolve(pieces, strings)[0])
    except bibvalue.BadValue:  # too long once expanded: left as written, for check to report
        return raw
