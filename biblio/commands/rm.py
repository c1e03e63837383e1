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
    from .. import config
    from ..bib import keys as bib_keys
    from ..bib import library
    from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic
    from ..document import posts as document_posts

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    cited = document_posts.citing(set(keys), cfg, posts)  # (a bad --posts first: exit 2)
    with library.edit(path, encoding) as lib:
        bib_keys.entries(lib, keys)  # every key must name an entry, before what cites it
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
        inherited = _inheriting(lib, keys, force)
        if inherited and not force:
            raise BiblioError(inherited)
        notes += inherited
        for key in keys:
            lib.remove(key)
    return list(keys), notes


def _inheriting(lib, keys, force: bool) -> list:
    """The entries left that name a removed key in crossref, xdata or xref (keys ignore case,
    as check's missing-crossref reads them): each would be left without the fields it
    inherits, a missing-crossref error, and every post citing it would stop building."""
    from ..bib.inherit import split_keys
    from ..diagnostics import ERROR, WARNING, Diagnostic

    gone = {k.lower() for k in keys}
    out = []
    for e in lib.entries:
        if e.key.lower() in gone:
            continue
        for field in ("crossref", "xdata", "xref"):
            for key in split_keys(e.get(field) or ""):
                if key.lower() in gone:
                    out.append(Diagnostic(
                        lib.path, e.line or 1, e.col or 1, WARNING if force else ERROR,
                        "inherited", f"'{e.key}' has {field} = '{key}'" + (
                            ", and it was removed anyway" if force else
                            ", whose fields it inherits"),
                        f"correct '{e.key}' too" if force else
                        f"remove it from '{e.key}' first (or rm both), or pass --force"))
    return out


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
