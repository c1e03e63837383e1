"""`biblio build [SRC] [-o DIR]`: render every post of a site, only the ones that changed."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .common import (
    bib_option,
    deprecated,
    encoding_option,
    format_option,
    note,
    output_option,
    report,
)


def run(opts, progress=None):
    from ..site.build import build

    return build(opts, progress)


class _Bar:
    """A tqdm bar, made only when there is something to render (tqdm imported only then)."""

    def __init__(self):
        self.bar = None

    def start(self, total: int) -> None:
        if total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="post", desc="rendering", leave=False,
                            file=sys.stderr)

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@click.command("build")
@click.argument("src", required=False, type=click.Path(file_okay=False, path_type=Path))
@output_option("The folder to write the site into (default: [tool.biblio.build] out, "
               "else site/).", dir_okay=True)
@deprecated("--out", "-o/--output", "output", type=click.Path(file_okay=False, path_type=Path))
@bib_option
@encoding_option
@click.option("--style", help="CSL style: a path or a style id (default apa: the project's styles/apa.csl, else biblio's APA 7).")
@click.option("--locale", help="CSL locale, e.g. en-US.")
@click.option("--to", type=click.Choice(["html", "markdown"]), default=None,
              help="html (default): pages; markdown: citations replaced, for site generators.")
@click.option("--fragment", is_flag=True, help="HTML fragments rather than whole pages.")
@click.option("--link-citations/--no-link-citations", default=None,
              help="Link each citation to its entry (default: on).")
@click.option("--allow-missing", is_flag=True,
              help="Render unknown keys as pandoc does, (key?), with a warning.")
@click.option("--scope", type=click.Choice(["post", "site"]), default=None,
              help="Disambiguate (2020a/b, initials) per post or across the whole site.")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--glob", "patterns", multiple=True, help="Which files are posts (repeatable).")
@click.option("--no-cache", is_flag=True, help="Render every post again.")
@format_option(help="How to report: text (a summary on stderr) or json (the report on stdout)")
@click.option("--bibliography", "bibliography", metavar="PAGE", default=None,
              help="Also write PAGE (e.g. bibliography.html, inside the output folder): every "
                   "work the site cites, with links back to the posts citing it.")
@click.option("--keep-going", is_flag=True,
              help="Write the posts that render even when others fail (exit 1 all the same).")
@click.option("--check-sources/--no-check-sources", default=None,
              help="Ask Crossref (as check --online, with its cache) whether a cited work was "
                   "retracted: such a post fails, unless it cites the retraction notice too "
                   "(default: [tool.biblio.build] check-sources).")
@click.option("--watch", is_flag=True, help="Build again whenever a post or the .bib changes.")
def cli(src, output, bib, encoding, style, locale, to, fragment, link_citations, allow_missing,
        scope, jobs, patterns, no_cache, bibliography, keep_going, check_sources, fmt, watch):
    """Render every post in SRC (default: [tool.biblio.build] src, else posts/) into the
    output folder, re-rendering only what changed."""
    from ..site.build import options

    opts = options(src, output, bib, style, locale, to, fragment, link_citations, allow_missing,
                   scope, jobs, patterns, no_cache, keep_going, encoding, bibliography,
                   check_sources)
    code = _once(opts, fmt)
    if not watch:
        raise SystemExit(code)
    from watchfiles import watch as watch_changes

    note(f"watching {opts.src} and {opts.bib} (Ctrl-C to stop)")
    for _ in watch_changes(opts.src, opts.bib, watch_filter=lambda _c, p: not
                           Path(p).resolve().is_relative_to(opts.out.resolve())):
        _once(opts, fmt)


def _once(opts, fmt: str) -> int:
    from ..diagnostics import has_errors

    bar = _Bar() if fmt == "text" and sys.stderr.isatty() else None
    try:
        rep = run(opts, bar)
    finally:
        if bar is not None:
            bar.close()
    if fmt == "json":
        click.echo(json.dumps(rep.to_dict(), indent=2))
    else:
        report(rep.diagnostics)
        note(rep.summary())
    return 1 if has_errors(rep.diagnostics) else 0
