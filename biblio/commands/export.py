"""`biblio export --to csl-json|ris|bibtex|biblatex [KEY...]`: entries in another format.

CSL-JSON goes through `biblio.tocsl`, the same mapping the site build uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import click

from .common import bib_option, encoding_option, report, write_output

FORMATS = ("csl-json", "ris", "bibtex", "biblatex")


@dataclass
class Output:
    text: str
    diagnostics: list = field(default_factory=list)


def select(lib, keys, path: str):
    """The entries named (all when none), in the order named; unknown keys are an error."""
    from ..bib import keys as bib_keys

    return bib_keys.entries(lib, keys) if keys else lib.entries


def run(to: str, keys=(), bib: str | None = None, encoding: str = "utf-8") -> Output:
    from .. import config
    from ..bib import library
    from ..diagnostics import WARNING, Diagnostic

    path = config.bib_path(bib)
    lib = library.load(path, encoding)
    entries = select(lib, keys, str(path))
    diags = [d for d in lib.diagnostics if d.severity == "error"]
    if to == "csl-json":
        from ..exporters import csljson

        items, problems = csljson.export(lib, [e.key for e in entries])
        for p in problems:
            e = lib.get(p.key)
            diags.append(Diagnostic(str(path), e.line if e else 1, 1, WARNING, "csl-mapping",
                                    f"'{p.key}'" + (f", field '{p.field}'" if p.field else "")
                                    + f": {p.message}", p.fix))
        return Output(json.dumps(items, indent=2, ensure_ascii=False) + "\n", diags)
    if to == "ris":
        from ..exporters import ris

        return Output(ris.export(entries), diags)
    from ..exporters import bibtex

    convert = bibtex.to_bibtex if to == "bibtex" else bibtex.to_biblatex
    blocks = []
    for e in entries:
        etype, fields = convert(e, lib.strings)
        blocks.append(bibtex.render(etype, e.key, fields))
    return Output("\n\n".join(blocks) + ("\n" if blocks else ""), diags)


@click.command(name="export")
@click.argument("keys", nargs=-1)
@click.option("--to", "to", type=click.Choice(FORMATS), required=True,
              help="The format to write.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of stdout.")
@bib_option
@encoding_option
def cli(keys, to, output, bib, encoding) -> None:
    """Write entries (all, or the KEYs given) as CSL-JSON, RIS, BibTeX or biblatex."""
    out = run(to, keys, bib, encoding)
    if output:
        from .. import config

        write_output(output, out.text, library=config.bib_path(bib))
    else:
        click.echo(out.text, nl=False)
    report(out.diagnostics)
