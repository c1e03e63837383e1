"""`biblio import FILE...`: bulk add from .bib, .ris and CSL-JSON .json files.

The duplicate rules of `biblio add` apply to each record, but a duplicate is skipped and
reported instead of stopping the import (`--merge` fills in missing fields instead). A file
that cannot be read stops everything before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import click

from .common import bib_option, encoding_option, report

KINDS = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "csl-json",
         ".csljson": "csl-json"}


@dataclass
class Summary:
    path: str
    outcomes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def line(self) -> str:
        parts = [f"{self.count('added')} added"]
        if self.count("merged"):
            parts.append(f"{self.count('merged')} merged")
        dupes = self.count("duplicate") + self.count("unchanged")
        if dupes:
            parts.append(f"{dupes} already there")
        review = sum(1 for o in self.outcomes if o.status == "added" and o.record.review)
        if review:
            parts.append(f"{review} to review")
        return f"{self.path}: " + ", ".join(parts)

    def to_dict(self) -> dict:
        return {"bib": self.path,
                "added": [o.key for o in self.outcomes if o.status == "added"],
                "merged": {o.key: sorted(o.added) for o in self.outcomes
                           if o.status == "merged"},
                "skipped": [{"source": o.record.source, "existing": o.key, "reason": o.reason}
                            for o in self.outcomes if o.status in ("duplicate", "unchanged")],
                "warnings": [d.to_dict() for d in self.warnings]}


def kind_of(path: str, given: str | None) -> str:
    from pathlib import Path

    from ..diagnostics import ERROR, BiblioError, Diagnostic

    if given:
        return given
    kind = KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "usage", "cannot tell the format from "
                                     "the file name", "use .bib, .ris or .json, or pass "
                                     "--format"), exit_code=2)
    return kind


def run(files, *, bib: str | None = None, fmt: str | None = None, merge: bool = False,
        encoding: str = "utf-8") -> Summary:
    from .. import config
    from ..importers import sources, store

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    records = []
    for f in files:
        records.extend(sources.from_file(f, kind_of(f, fmt)))
    outcomes, warnings = store.add(path, records,
                                   on_duplicate=store.MERGE if merge else store.SKIP,
                                   pattern=cfg.settings.get("key_pattern"), encoding=encoding,
                                   settings=cfg.settings)
    return Summary(str(path), outcomes, warnings)


@click.command(name="import")
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["bibtex", "ris", "csl-json"]),
              default=None, help="The files' format (default: from the extension).")
@click.option("--merge", is_flag=True, help="Fill in missing fields of entries already there.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@bib_option
@encoding_option
def cli(files, fmt, merge, as_json, bib, encoding) -> None:
    """Add every entry of .bib, .ris or CSL-JSON files, skipping those already there."""
    summary = run(files, bib=bib, fmt=fmt, merge=merge, encoding=encoding)
    if as_json:
        click.echo(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    else:
        for o in summary.outcomes:
            if o.status in ("duplicate", "unchanged"):
                click.echo(f"{o.record.source}: skipped, already there as '{o.key}' "
                           f"({o.reason})", err=True)
            elif o.status == "added" and o.reason:
                click.echo(f"{o.record.source}: added as '{o.key}' ({o.reason})", err=True)
            elif o.status == "merged":
                click.echo(f"{o.record.source}: merged into '{o.key}': "
                           + ", ".join(sorted(o.added)), err=True)
        click.echo(summary.line(), err=True)
        for o in summary.outcomes:
            if o.status == "added":
                click.echo(o.key)
    report(summary.warnings)
