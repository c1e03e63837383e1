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


def write_output(path, text: str) -> None:
    """Write a file the user asked for with -o (atomically: the old file or the new one), or
    say why not: exit 2, never an internal error."""
    import errno
    import os
    from pathlib import Path

    from .. import atomic
    from ..diagnostics import ERROR, BiblioError, Diagnostic

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.check_replaceable(target)
        atomic.write_bytes(target, text.encode("utf-8"))
    except atomic.NotWritable as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io", f"not written: {e.reason}",
                                     e.fix), exit_code=2) from None
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        fix = "free some disk space" if e.errno == errno.ENOSPC else \
            "check the path and the folder's permissions"
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"could not write the file ({reason})", fix),
                          exit_code=2) from None
