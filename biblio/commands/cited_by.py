"""`biblio cited-by KEY`: the posts that cite an entry."""

from __future__ import annotations

from pathlib import Path

import click


def run(key: str, src: Path) -> list[tuple[Path, int, int]]:
    from ..build import posts_citing

    return posts_citing(src, key)


@click.command("cited-by")
@click.argument("key")
@click.option("--posts", "src", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of posts (default: [tool.biblio.build] src, else posts/).")
def cli(key, src):
    """List the posts citing KEY, one `path:line:col` per citation."""
    from ..config import find

    config = find()
    if src is None:
        from .build import _rel

        src = _rel(config.root / config.section("build").get("src", "posts"))
    found = run(key, src)
    for path, line, col in found:
        click.echo(f"{path}:{line}:{col}")
    if not found:
        click.echo(f"no post cites '{key}'", err=True)
