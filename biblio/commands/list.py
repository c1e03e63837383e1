"""`biblio list`: one aligned line per entry — key, type, year, first author, title."""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

from ..importers.values import year_of
from .common import bib_option, encoding_option, exit_for, fit, plain, report


@dataclass
class Row:
    key: str
    type: str
    year: str
    author: str
    title: str


def first_author(names: str | None) -> str:
    """The family name of the first author (or editor), good enough for a listing."""
    if not names:
        return ""
    first = re.split(r"\s+and\s+", names.strip(), maxsplit=1)[0].strip()
    if first.startswith("{") and first.endswith("}"):
        return plain(first)
    first = plain(first)
    if "," in first:
        return first.split(",", 1)[0].strip()
    return first.rsplit(" ", 1)[-1]


def run(bib: str | None = None, encoding: str = "utf-8"):
    """The rows of the listing and the problems found while reading the file."""
    from .. import config
    from ..bib import library

    lib = library.load(config.bib_path(bib), encoding)
    rows = [Row(e.key, e.type.lower(), year_of(e),
                first_author(e.get("author") or e.get("editor")), plain(e.get("title")))
            for e in lib.entries]
    return rows, lib.diagnostics


@click.command(name="list")
@bib_option
@encoding_option
def cli(bib: str | None, encoding: str) -> None:
    """List the entries of the .bib file, one line each."""
    rows, diagnostics = run(bib, encoding)
    if rows:
        widths = [min(max(len(getattr(r, c)) for r in rows), cap)
                  for c, cap in (("key", 40), ("type", 16), ("year", 6), ("author", 24))]
        for r in rows:
            cells = [fit(r.key, widths[0]), fit(r.type, widths[1]), fit(r.year, widths[2]),
                     fit(r.author, widths[3])]
            line = "  ".join(c.ljust(w) for c, w in zip(cells, widths))
            click.echo(f"{line}  {fit(r.title, 80)}".rstrip())
    report(diagnostics)
    exit_for(diagnostics)
