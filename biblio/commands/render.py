"""`biblio render POST [-o OUT]`: one post's citations and reference list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import bib_option, encoding_option, report


def run(post: Path, *, bib: str | None = None, style: str | None = None,
        locale: str | None = None, to: str = "html", standalone: bool = False,
        link_citations: bool = True, allow_missing: bool = False,
        encoding: str = "utf-8"):
    """Render `post`; returns biblio.post.Rendered. Front matter `bibliography` and `csl` are
    read relative to the post."""
    from ..api import style_text
    from ..citations import is_html, split_front_matter
    from ..config import bib_path, find
    from ..diagnostics import ERROR, BiblioError, Diagnostic
    from ..items import Items
    from ..library import load
    from ..post import Settings, render

    try:
        text = post.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise BiblioError(Diagnostic(str(post), 1, 1, ERROR, "io", f"cannot read the post: {e}",
                                     "check the path"), exit_code=2) from None
    config = find()
    meta = {} if is_html(post) else split_front_matter(text, str(post))[0].meta
    bib_file = bib_path(bib, config)
    if not bib and meta.get("bibliography"):
        first = meta["bibliography"]
        first = first[0] if isinstance(first, list) else first
        bib_file = post.parent / str(first)
    if not style and meta.get("csl"):
        style = str(post.parent / str(meta["csl"]))
    lib = load(bib_file, encoding=encoding)
    items = Items(lib)
    settings = Settings(style=style_text(style or config.section("build").get("style"),
                                         config.root),
                        locale=locale, to=to, standalone=standalone,
                        link_citations=link_citations, allow_missing=allow_missing,
                        bib_name=Path(bib_file).name)
    return render(text, items, settings, path=str(post))


@click.command("render")
@click.argument("post", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here (atomically) instead of standard output.")
@bib_option
@encoding_option
@click.option("--style", help="CSL style: a path or a style id (default styles/apa.csl).")
@click.option("--locale", help="CSL locale, e.g. en-US.")
@click.option("--to", type=click.Choice(["html", "markdown"]), default="html", show_default=True)
@click.option("--standalone", is_flag=True, help="A whole HTML page with a small stylesheet.")
@click.option("--link-citations/--no-link-citations", default=True, show_default=True,
              help="Link each citation to its entry in the reference list.")
@click.option("--allow-missing", is_flag=True,
              help="Render unknown keys as pandoc does, (key?), with a warning.")
def cli(post, out, bib, encoding, style, locale, to, standalone, link_citations,
        allow_missing):
    """Render one post's citations (APA 7 by default) and its reference list."""
    rendered = run(post, bib=bib, style=style, locale=locale, to=to, standalone=standalone,
                   link_citations=link_citations, allow_missing=allow_missing,
                   encoding=encoding)
    report(rendered.diagnostics)
    if out:
        from ..build import write_atomic

        write_atomic(out, rendered.text)
    else:
        sys.stdout.write(rendered.text)
