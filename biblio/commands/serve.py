"""`biblio serve [SRC]`: build the site, serve it on 127.0.0.1, rebuild and reload on change."""

from __future__ import annotations

import time
from pathlib import Path

import click

from .common import bib_option, encoding_option, output_option, report


def run(src=None, out=None, bib=None, style=None, locale=None, patterns=(), jobs=None,
        host: str = "127.0.0.1", port: int = 8000, on_build=None, encoding: str = "utf-8"):
    """Build, then serve and watch in the background: the running `biblio.site.serve.Server`."""
    from .. import config
    from ..site.build import options
    from ..site.serve import serve

    def make_opts():  # settings are read again for every build: editing them takes effect
        # A preview is HTML pages, and one broken post must not hold back the others.
        return options(src, out, bib, style, locale, "html", False, None, False, None, jobs,
                       patterns, False, keep_going=True, encoding=encoding)

    return serve(make_opts, host, port, config.find().source, on_build)


def _print(rep, problems) -> None:
    if rep is None:  # the build could not start (settings, style, .bib)
        report(problems)
        return
    report(rep.diagnostics)
    line = f"{rep.posts} posts: {len(rep.rendered)} rendered, {rep.cached} unchanged"
    if problems:
        line += f"; {len(problems)} error(s), shown over the page"
    click.echo(f"{line} ({rep.seconds:.2f} s)", err=True)


@click.command("serve")
@click.argument("src", required=False, type=click.Path(file_okay=False, path_type=Path))
@output_option("The folder to write the site into (default: [tool.biblio.build] out, "
               "else site/).", dir_okay=True)
@bib_option
@encoding_option
@click.option("--style", help="CSL style: a path or a style id (default apa: the project's styles/apa.csl, else biblio's APA 7).")
@click.option("--locale", help="CSL locale, e.g. en-US.")
@click.option("--glob", "patterns", multiple=True, help="Which files are posts (repeatable).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The interface to listen on (another one makes the preview public).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port (0: any free one).")
@click.option("-j", "--jobs", type=int, default=None, help="Worker processes (default: all cores).")
def cli(src, output, bib, encoding, style, locale, patterns, host, port, jobs):
    """Build the site, serve it, rebuild what changes and reload the open pages."""
    if host not in ("127.0.0.1", "localhost", "::1"):
        from ..diagnostics import WARNING, Diagnostic

        click.echo(Diagnostic("biblio", 0, 0, WARNING, "public-preview",
                              f"listening on {host or 'every interface'}: other machines can "
                              "see the preview", "serve on 127.0.0.1 (the default) to keep it "
                              "to this machine").format(), err=True)
    server = run(src, output, bib, style, locale, patterns, jobs, host, port, _print,
                 encoding=encoding)
    click.echo(f"serving {server.url} (Ctrl-C to stop)", err=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        server.close()
