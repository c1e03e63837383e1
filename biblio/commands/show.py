"""`biblio show KEY`: the entry's text exactly as stored in the file."""

from __future__ import annotations

import click

from ..bib import keys
from .common import bib_option, encoding_option


def run(key: str, bib: str | None = None, encoding: str = "utf-8") -> str:
    from .. import config
    from ..bib import library

    path = config.bib_path(bib)
    lib = library.load(path, encoding)
    entry = keys.entry(lib, key, where=str(path))
    return entry.text.replace("\r\n", "\n") if entry.text else entry.canonical()


@click.command(name="show")
@click.argument("key")
@bib_option
@encoding_option
def cli(key: str, bib: str | None, encoding: str) -> None:
    """Print one entry as it is stored."""
    click.echo(run(key, bib, encoding))
