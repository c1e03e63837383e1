"""`biblio search QUERY...`: entries whose key, authors, title, year or DOI match every word.

Words match anywhere, accents and case ignored (`muller` finds Müller); `author:`, `title:`,
`year:`, `key:`, `doi:`, `type:` limit a word to one field, and `year:2010-2015` is a range.
Parsing a 10,000-entry .bib takes seconds, so the searchable text of each entry is kept in
the user cache folder, keyed by the file's path and checked against its inode, size and
modification time.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import click

from .. import paths
from .common import bib_option, encoding_option, fit, format_option, report

FIELDS = ("key", "author", "title", "year", "doi", "type")
INDEX_VERSION = 2


@dataclass
class Hit:
    key: str
    type: str
    year: str
    author: str  # as readable text
    title: str
    doi: str
    line: int


def _row(e) -> dict:
    from ..importers.values import finding, fold

    row = {"key": e.key, "type": e.type.lower(), **finding(e),
           "doi": (e.get("doi") or "").strip(), "line": e.line}
    row["_n"] = {f: fold(row[f]) for f in FIELDS}
    return row


def _cache_file(path: Path) -> Path | None:
    import hashlib

    folder = paths.cache_dir("search")
    if folder is None:
        return None
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
    return folder / f"{digest}.json"


def rows(path: Path, encoding: str = "utf-8") -> tuple[list[dict], list]:
    """The searchable rows of every entry, from the cache when the file has not changed."""
    from ..bib import library

    try:
        st = path.stat()
    except OSError:
        st = None  # library.load says what is wrong
    # biblio saves by renaming a new file into place, so the inode changes on every save;
    # with the size and the modification time that catches edits by other programs too.
    stamp = [st.st_ino, st.st_size, st.st_mtime_ns, encoding, INDEX_VERSION] if st else None
    cache = _cache_file(path) if st else None
    if cache is not None:
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("stamp") == stamp and _rows_ok(data["rows"]):
                return data["rows"], []
        except (OSError, ValueError, KeyError, RecursionError):
            pass  # not there, or not an index this command wrote: read the .bib
    lib = library.load(path, encoding)
    out = [_row(e) for e in lib.entries]
    if cache is not None and not lib.diagnostics:
        try:
            from ..bib import atomic

            cache.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_bytes(cache, json.dumps({"stamp": stamp, "rows": out}).encode())
        except OSError:
            pass  # a cache we cannot write only costs time
    return out, lib.diagnostics


def _rows_ok(rows) -> bool:
    """Whether `rows` are _row's: each field text, its line a number, its folded fields
    text."""
    return isinstance(rows, list) and all(
        isinstance(r, dict) and all(isinstance(r.get(f), str) for f in FIELDS)
        and type(r.get("line")) is int and isinstance(r.get("_n"), dict)
        and all(isinstance(r["_n"].get(f), str) for f in FIELDS) for r in rows)


def matcher(query: list[str]):
    """A test row → bool for the query words (all must match)."""
    from ..importers.values import fold

    tests = []
    for word in query:
        name, _, value = word.partition(":")
        if value and name.lower() in FIELDS:
            name = name.lower()
        else:
            name, value = "", word
        value = fold(value)
        if not value:
            continue
        if name == "year" and re.fullmatch(r"\d{4}-\d{4}", value):
            lo, hi = value.split("-")
            tests.append(lambda r, lo=lo, hi=hi: r["year"][:4].isdigit()
                         and lo <= r["year"][:4] <= hi)
        elif name:
            tests.append(lambda r, n=name, v=value: v in r["_n"][n])
        else:
            tests.append(lambda r, v=value: any(v in t for t in r["_n"].values()))
    return lambda r: all(t(r) for t in tests)


def run(query, bib: str | None = None, encoding: str = "utf-8") -> tuple[list[Hit], list]:
    from .. import config
    from ..importers.values import fold

    path = config.bib_path(bib)
    found, diags = rows(Path(path), encoding)
    test = matcher(list(query))
    hits = []
    for r in found:
        if test(r):
            hits.append(Hit(r["key"], r["type"], r["year"], r["author"], r["title"], r["doi"],
                            r["line"]))
    words = {fold(q) for q in query}
    hits.sort(key=lambda h: 0 if h.key.lower() in words else 1)  # an exact key first
    return hits, diags


@click.command(name="search")
@click.argument("query", nargs=-1, required=True)
@format_option(("text", "json", "keys"),
               help="text (one entry a line), json, or keys (one key a line, for scripts)")
@bib_option
@encoding_option
def cli(query, fmt, bib, encoding) -> None:
    """Find entries by key, author, title, year or DOI (author:, year:2010-2015, …)."""

    hits, diags = run(query, bib, encoding)
    if fmt == "json":
        click.echo(json.dumps([asdict(h) for h in hits], indent=2, ensure_ascii=False))
    elif fmt == "keys":
        for h in hits:
            click.echo(h.key)
    else:
        for h in hits:
            first = h.author.split(";")[0].strip()
            click.echo(f"{fit(h.key, 32).ljust(32)}  {h.year[:6].ljust(6)}  "
                       f"{fit(first, 24).ljust(24)}  {fit(h.title, 70)}".rstrip())
    report([d for d in diags if d.severity == "error"])
    if not hits:
        raise SystemExit(1)
