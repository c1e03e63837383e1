"""`biblio render POST [-o OUT]`: one post's citations and reference list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import bib_option, encoding_option, report, write_output


def run(post: Path, *, bib: str | None = None, style: str | None = None,
        locale: str | None = None, to: str = "html", standalone: bool = False,
        link_citations: bool = True, allow_missing: bool = False,
        encoding: str = "utf-8", check_sources: bool | None = None):
    """Render `post`; returns biblio.document.Rendered. A `bibliography` or `csl` in its
    front matter is read from the post's folder, then the project's root. `check_sources`
    (None: `[tool.biblio.build] check-sources`, the site's own answer): ask whether a cited
    work was retracted, as `build --check-sources` does."""
    from dataclasses import replace

    from .. import config, rules
    from ..bib.library import load
    from ..document import render, sources
    from ..document.entries import Items
    from ..document.posts import is_html, keys_of, parse, read_post
    from ..document.settings import from_config

    text = read_post(post)
    cfg = config.find()
    bib_file = config.bib_path(bib, cfg)
    settings = from_config(cfg, style=style, locale=locale, to=to, standalone=standalone,
                           link_citations=link_citations, allow_missing=allow_missing,
                           bib_name=Path(bib_file).name,
                           checks=rules.selection(cfg.section("check")))
    if check_sources is None:
        check_sources = cfg.section("build").get("check-sources") is True
    if check_sources:
        from ..document.retractions import retracted_works

        parsed = parse(text, html=is_html(post), path=str(post))
        own = sources.resolve(parsed.front_matter, post.parent, cfg.root).bib
        # The libraries the post's citations are read from: its own, else the site's.
        libs = [load(p) for p in own] or [load(bib_file, encoding=encoding)]
        keys = [c.key for c in keys_of(parsed, star=True)]
        settings = replace(settings, retracted=retracted_works(libs, keys, cfg.settings))
        if not own:
            return render(text, lambda: Items(libs[0]), settings, path=str(post))
    # The site's .bib is read only when the post does not name its own.
    return render(text, lambda: Items(load(bib_file, encoding=encoding)), settings,
                  path=str(post))


@click.command("render")
@click.argument("post", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of standard output.")
@bib_option
@encoding_option
@click.option("--style", help="CSL style: a path or a style id (default apa: the project's styles/apa.csl, else biblio's APA 7).")
@click.option("--locale", help="CSL locale, e.g. en-US.")
@click.option("--to", type=click.Choice(["html", "markdown"]), default="html", show_default=True,
              help="html: the post as HTML; markdown: the post with citations replaced.")
@click.option("--standalone", is_flag=True, help="A whole HTML page with a small stylesheet.")
@click.option("--link-citations/--no-link-citations", default=True, show_default=True,
              help="Link each citation to its entry in the reference list.")
@click.option("--allow-missing", is_flag=True,
              help="Render unknown keys as pandoc does, (key?), with a warning.")
@click.option("--check-sources/--no-check-sources", default=None,
              help="Ask Crossref (as check --online, with its cache) whether a cited work was "
                   "retracted: the post fails, unless it cites the retraction notice too "
                   "(default: [tool.biblio.build] check-sources).")
def cli(post, out, bib, encoding, style, locale, to, standalone, link_citations,
        allow_missing, check_sources):
    """Render one post's citations (APA 7 by default) and its reference list."""
    rendered = run(post, bib=bib, style=style, locale=locale, to=to, standalone=standalone,
                   link_citations=link_citations, allow_missing=allow_missing,
                   encoding=encoding, check_sources=check_sources)
    report(rendered.diagnostics)
    if out:
        from .. import config

        write_output(out, rendered.text, library=config.bib_path(bib))
    else:
        sys.stdout.write(rendered.text)
