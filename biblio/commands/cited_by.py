"""`biblio cited-by KEY`: the posts that cite an entry."""

from __future__ import annotations

from pathlib import Path

import click

from .common import note, posts_option


def run(key: str, src: Path | None = None) -> list[tuple[str, int, int]]:
    """(post, line, col) of every citation of `key` in the posts (default: the configured
    folder), paths as `biblio rm` and `check --posts` show them."""
    from .. import config
    from ..document import posts

    return posts.citing({key}, config.find(), src).get(key, [])


@click.command("cited-by")
@click.argument("key")
@posts_option("src")
def cli(key, src):
    """List the posts citing KEY, one `path:line:col` per citation."""
    found = run(key, src)
    for path, line, col in found:
        click.echo(f"{path}:{line}:{col}")
    if not found:
        note(f"no post cites '{key}'" + _unknown(key))


def _unknown(key: str) -> str:
    """When `key` names no entry, what `biblio show KEY` would say of it (biblio.bib.keys):
    a post may cite a key the library lacks, so this is said, not refused."""
    from .. import config
    from ..bib import keys, library
    from ..diagnostics import BiblioError

    try:
        lib = library.load(config.bib_path(None))
    except BiblioError:
        return ""
    if lib.get(key) is not None:
        return ""
    d = keys.unknown(lib.path, key, lib.keys())
    return f"; {d.message} — {d.fix}"
