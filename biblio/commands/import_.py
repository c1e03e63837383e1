"""`biblio import FILE...`: bulk add from .bib, .ris and CSL-JSON .json files.

The duplicate rules of `biblio add` apply to each record, but a duplicate is skipped and
reported instead of stopping the import (`--merge` fills in missing fields instead). A file
that cannot be read stops everything before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import click

from .common import (
    FormerChoice,
    bib_option,
    deprecated,
    encoding_option,
    format_option,
    note,
    or_moved,
    report,
)

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

    from ..diagnostics import usage

    if given:
        return given
    kind = KINDS.get(Path(path).suffix.lower())
    if kind is None:
        raise usage(f"cannot tell the format of {path} from its name",
                    "use .bib, .ris or .json, or pass --from")
    return kind


def run(files, *, bib: str | None = None, fmt: str | None = None, merge: bool = False,
        encoding: str = "utf-8") -> Summary:
    from .. import config, store
    from ..importers import sources

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    pattern = store.key_pattern(cfg)
    records = []
    for f in files:
        records.extend(sources.from_file(f, kind_of(f, fmt)))
    outcomes, warnings = store.add(path, records,
                                   on_duplicate=store.MERGE if merge else store.SKIP,
                                   pattern=pattern, encoding=encoding,
                                   settings=cfg.settings)
    return Summary(str(path), outcomes, warnings)


INPUTS = ("bibtex", "ris", "csl-json")


@click.command(name="import")
@click.argument("files", nargs=-1, required=True)
@click.option("--from", "kind", type=click.Choice(INPUTS), default=None, callback=or_moved,
              help="The files' format (default: from the extension).")
@click.option("--merge", is_flag=True, help="Fill in missing fields of entries already there.")
@format_option(help="text (a summary on stderr, the new keys on stdout) or json (the summary "
                    "on stdout)", type=FormerChoice(("text", "json"), (INPUTS, "--from", "kind")))
@deprecated("--json", "--format json", "fmt", value="json")
@bib_option
@encoding_option
def cli(files, kind, merge, fmt, bib, encoding) -> None:
    """Add every entry of .bib, .ris or CSL-JSON files, skipping those already there."""
    summary = run(files, bib=bib, fmt=kind, merge=merge, encoding=encoding)
    if fmt == "json":
        click.echo(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
    else:
        for o in summary.outcomes:
            if o.status in ("duplicate", "unchanged"):
                note(f"{o.record.source}: skipped, already there as '{o.key}' "
                           f"({o.reason})")
            elif o.status == "added" and o.reason:
                note(f"{o.record.source}: added as '{o.key}' ({o.reason})")
            elif o.status == "merged":
                note(f"{o.record.source}: merged into '{o.key}': " + ", ".join(sorted(o.added)))
        note(summary.line())
        for o in summary.outcomes:
            if o.status == "added":
                click.echo(o.key)
    report(summary.warnings)
