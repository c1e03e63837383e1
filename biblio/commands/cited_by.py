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
        note(f"no post cites '{key}'")
