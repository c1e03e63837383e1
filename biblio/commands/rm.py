"""`biblio rm KEY...`: remove entries; refused while a post cites one, unless --force.

Posts are found under `[tool.biblio] posts` (default `posts/`); citations are read with
`biblio.citations`, the scanner the site build uses.
"""

from __future__ import annotations

from pathlib import Path

import click

from .common import bib_option, encoding_option, report

POST_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd", ".html", ".htm")


def posts_folder(cfg, option: str | None) -> Path:
    if option:
        return Path(option)
    return cfg.root / str(cfg.settings.get("posts", "posts"))


def citations_of(keys: set[str], folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    """key → [(post, line, col)] for each of `keys` some post cites."""
    from .. import citations
    from ..diagnostics import ERROR, BiblioError, Diagnostic

    found: dict[str, list[tuple[str, int, int]]] = {}
    if not folder.exists():
        return found
    files = [folder] if folder.is_file() else sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in POST_SUFFIXES and p.is_file())
    for p in files:
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise BiblioError(Diagnostic(str(p), 1, 1, ERROR, "io", f"cannot read the post: "
                                         f"{e}", "check the file"), exit_code=2) from None
        for c in citations.cited_keys(text, html=citations.is_html(p), path=str(p)):
            if c.key in keys:
                found.setdefault(c.key, []).append((str(p), c.line, c.col))
    return found


def run(keys, *, bib: str | None = None, force: bool = False, posts: str | None = None,
        encoding: str = "utf-8") -> tuple[list[str], list]:
    """Remove the entries; return the removed keys and warnings (citations left dangling)."""
    import difflib

    from .. import config, library
    from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    cited = citations_of(set(keys), posts_folder(cfg, posts))
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
@click.option("--posts", default=None, help="The posts folder (default: [tool.biblio] posts, "
              "else posts/).")
@bib_option
@encoding_option
def cli(keys, force, posts, bib, encoding) -> None:
    """Remove entries (refused while a post cites one, unless --force)."""
    removed, notes = run(keys, bib=bib, force=force, posts=posts, encoding=encoding)
    for key in removed:
        click.echo(key)
    report(notes)
