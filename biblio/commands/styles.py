"""`biblio styles list | search QUERY | show ID`: the CSL styles biblio can use — the project's
own styles/ folder and the official repository's 10,844 (biblio/styles/catalogue.py)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from .. import config, styles
from ..styles import StyleInfo
from ..styles.catalogue import FORMATS, licence_name
from .common import FormerChoice, deprecated, format_option, note, or_moved

SAMPLE = Path(styles.__file__).with_name("sample.bib")  # the sample blog's references.bib


def list_styles(root: Path | None = None, *, format: str | None = None,
                field: str | None = None) -> list[StyleInfo]:
    """The project's styles, then every official style, by id; optionally one format or field."""
    found = styles.project_styles(root) + styles.official()
    return [s for s in found if (not format or s.format == format)
            and (not field or field in s.fields)]


def search_styles(query: str, root: Path | None = None, *, format: str | None = None,
                  field: str | None = None) -> list[StyleInfo]:
    """The styles matching `query` (catalogue.search), the project's own first."""
    return (styles.search(query, styles.project_styles(root, containing=query), format=format,
                          field=field)
            + styles.search(query, format=format, field=field))


def line(s: StyleInfo) -> str:
    via = f"  [dependent on {s.parent}]" if s.parent else ""
    return f"{s.id:<40} {s.format or '-':<11} {s.title}{via}"


def as_json(found: list[StyleInfo]) -> str:
    return json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=2)


def show(name: str, root: Path | None = None, bib: str | None = None) -> str:
    """What a style is and the sample blog's references (or `bib`'s entries) rendered in it."""
    info = styles.describe(name, root)
    issns = [f"ISSN {i}" for i in info.issn] + [f"eISSN {i}" for i in info.eissn]
    parent = ""
    if info.parent:
        up = styles.info(info.parent)
        parent = f"{info.parent} ({up.title})" if up else info.parent
    rows = [("title", info.title), ("short title", info.short),
            ("parent", parent or "none (independent style)"),
            ("format", info.format), ("fields", ", ".join(info.fields)),
            ("locale", info.locale), ("ISSN", ", ".join(issns)),
            ("licence", f"{licence_name(info.licence)} ({info.licence})"
             if info.licence.startswith("http") else info.licence)]
    out = [info.id] + [f"  {k + ':':<13}{v}" for k, v in rows if v]
    sample = Path(bib) if bib else SAMPLE
    out += ["", f"{'The sample blog' if not bib else sample.name}'s references in this style:",
            ""]
    out += [f"  {text}" for text in rendered(styles.read_style(name, root), sample)]
    return "\n".join(out)


def rendered(style: str, bib: Path) -> list[str]:
    """Every entry of `bib` in `style` as text: the reference list, or for a style without one,
    each entry's first note or citation."""
    from .. import tocsl
    from ..bib import library
    from ..csl import render
    from ..document import reference_list
    from ..document.profile import profile
    from ..document.settings import Settings

    lib = library.load(bib)
    items, _ = tocsl.library_to_csl(lib, english=profile(style).english(None))
    listed, _, _ = reference_list(items, Settings(style=style), "text")
    if listed:
        return [text for _, text in listed]
    notes = render(style, items, [[{"id": it["id"]}] for it in items], output="text")
    return notes.citations


@click.group(name="styles")
def cli() -> None:
    """List, search and describe the CSL styles biblio can use."""


# `--format` is what is printed, as in every command; the citation format, which `--format`
# named before, is `--citation-format` (the old spelling still taken for a release).
def _options(f):
    for option in reversed((
        click.option("--citation-format", "citation_format", type=click.Choice(FORMATS),
                     default=None, callback=or_moved,
                     help="Only styles of this citation format."),
        click.option("--field", default=None, help="Only styles of this field (e.g. medicine)."),
        format_option(help="text (one style a line) or json",
                      type=FormerChoice(("text", "json"), (FORMATS, "--citation-format",
                                                           "citation_format"))),
        deprecated("--json", "--format json", "fmt", value="json"),
    )):
        f = option(f)
    return f


@cli.command(name="list")
@_options
def list_cli(citation_format: str | None, field: str | None, fmt: str) -> None:
    """Every style: the project's styles/ folder, then the official ones."""
    found = list_styles(config.find().root, format=citation_format, field=field)
    click.echo(as_json(found) if fmt == "json" else "\n".join(map(line, found)))


@cli.command(name="search")
@click.argument("query", nargs=-1, required=True)
@_options
def search_cli(query: tuple[str, ...], citation_format: str | None, field: str | None,
               fmt: str) -> None:
    """Styles whose title, short title, id, ISSN, field or format contain every word."""
    found = search_styles(" ".join(query), config.find().root, format=citation_format,
                          field=field)
    if fmt == "json":
        click.echo(as_json(found))
    elif found:
        click.echo("\n".join(map(line, found)))
    else:
        note(f"no style matches '{' '.join(query)}'")
        raise SystemExit(1)


@cli.command(name="show")
@click.argument("style_id")
@click.option("--bib", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Render this .bib file's entries instead of the sample blog's.")
def show_cli(style_id: str, bib: str | None) -> None:
    """A style's title, parent, format, fields and licence, and references rendered in it."""
    click.echo(show(style_id, config.find().root, bib=bib))
