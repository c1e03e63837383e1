"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import re

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



_BRACES = re.compile(r"[{}]")
_SPACES = re.compile(r"\s+")


def plain(text: str | None) -> str:
    """A field's text for a one-line listing: braces dropped, white space folded."""
    return _SPACES.sub(" ", _BRACES.sub("", text or "")).strip()


def year_of(entry) -> str:
    """The entry's year for a listing: `year`, else the year `date` starts with."""
    year = entry.get("year") or ""
    if not year:
        m = re.match(r"\s*(-?\d{1,4})", entry.get("date") or "")
        year = m.group(1) if m else ""
    return plain(year)


def fit(text: str, width: int) -> str:
    """`text` cut to `width` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
