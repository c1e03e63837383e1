"""`biblio show KEY`: the entry's text exactly as stored in the file."""

from __future__ import annotations

import difflib

import click

from ..diagnostics import ERROR, BiblioError, Diagnostic
from .common import bib_option, encoding_option


def run(key: str, bib: str | None = None, encoding: str = "utf-8") -> str:
    from .. import config
    from ..bib import library

    path = config.bib_path(bib)
    lib = library.load(path, encoding)
    entry = lib.get(key)
    if entry is None:
        close = difflib.get_close_matches(key, lib.keys(), n=1)
        fix = f"did you mean '{close[0]}'?" if close else "run 'biblio list' to see the keys"
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "unknown-key",
                                     f"no entry '{key}' in {path}", fix))
    return entry.text.replace("\r\n", "\n") if entry.text else entry.canonical()


@click.command(name="show")
@click.argument("key")
@bib_option
@encoding_option
def cli(key: str, bib: str | None, encoding: str) -> None:
    """Print one entry as it is stored."""
    click.echo(run(key, bib, encoding))
