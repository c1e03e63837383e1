"""`biblio rm KEY...`: remove entries; refused while a post cites one, unless --force.

Posts and what they cite are `biblio.document.posts`'s answer, the one `cited-by`, `check
--posts` and `build` use.
"""

from __future__ import annotations

import click

from .common import bib_option, encoding_option, posts_option, report


def run(keys, *, bib: str | None = None, force: bool = False, posts: str | None = None,
        encoding: str = "utf-8") -> tuple[list[str], list]:
    """Remove the entries; return the removed keys and warnings (citations left dangling)."""
    import difflib

    from .. import config
    from ..bib import library
    from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic
    from ..document import posts as document_posts

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    cited = document_posts.citing(set(keys), cfg, posts)
    notes = []
    for key, places in cited.items():
        for post, line, col in places:
            severity = WARNING if force else ERROR
            notes.append(Diagnostic(post, line, col, severity, "cited",
                                    f"'{key}' is cited here" + (", and was removed anyway"
                                                                if force else ""),
                                    "remove the citation too" if force else
                                    "remove the citation first, or pass --force"))
    if cited and not force:
        raise BiblioError(notes)
    with library.edit(path, encoding) as lib:
        unknown = []
        for key in keys:
            if lib.get(key) is None:
                close = difflib.get_close_matches(key, lib.keys(), n=1)
                unknown.append(Diagnostic(str(path), 1, 1, ERROR, "unknown-key",
                                          f"no entry '{key}'", f"did you mean '{close[0]}'?"
                                          if close else "run 'biblio search' to find the key"))
        if unknown:
            raise BiblioError(unknown)
        for key in keys:
            lib.remove(key)
    return list(keys), notes


@click.command(name="rm")
@click.argument("keys", nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Remove even when a post cites the entry.")
@posts_option()
@bib_option
@encoding_option
def cli(keys, force, posts, bib, encoding) -> None:
    """Remove entries (refused while a post cites one, unless --force)."""
    removed, notes = run(keys, bib=bib, force=force, posts=posts, encoding=encoding)
    for key in removed:
        click.echo(key)
    report(notes)
