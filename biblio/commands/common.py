"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import click

from ..diagnostics import Diagnostic

bib_option = click.option(
    "--bib", "bib", type=click.Path(dir_okay=False), default=None,
    help="The .bib file (default: [tool.biblio] bib, else ./references.bib).")
encoding_option = click.option(
    "--encoding", default="utf-8", show_default=True, help="Text encoding of the .bib file.")


def report(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics to stderr, one per line, in file order."""
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        click.echo(d.format(), err=True)


def exit_for(diagnostics: list[Diagnostic]) -> None:
    """Exit 1 when the user's data has errors."""
    from ..diagnostics import has_errors

    if has_errors(diagnostics):
        raise SystemExit(1)

