"""`biblio fmt`: rewrite the .bib file in canonical form; `--fix` applies the rules' fixes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import click

from ..diagnostics import Diagnostic
from .common import bib_option, encoding_option


@dataclass
class Result:
    path: str
    before: str
    after: str
    changed: int  # entries rewritten
    fixes: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)  # entries left alone, and why
    written: bool = False

    @property
    def differs(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
            f"{self.path} (original)", f"{self.path} (formatted)"))


def _format(lib, style, fix: bool, chosen) -> tuple[str, int, list, list]:
    from .. import fmt, rules

    before = lib.render()
    fmt.format_library(lib, style)  # refuses (BiblioError) when the file has syntax errors
    fixes = rules.apply_fixes(lib, chosen) if fix else []
    outcome = fmt.format_library(lib, style)
    return before, len(outcome.changed), fixes, outcome.skipped


def run(bib: str | None = None, encoding: str = "utf-8", *, write: bool = True,
        fix: bool = False) -> Result:
    """Format (and with `fix`, repair) the file; write it unless `write` is False."""
    from .. import config, fmt, library, rules

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    where = str(cfg.source) if cfg.source else "pyproject.toml"
    style = fmt.Style.from_config(cfg.section("fmt"), where)
    chosen = rules.selection(cfg.section("check"), where=where) if fix else None
    if not write:
        lib = library.load(path, encoding)
        before, changed, fixes, notes = _format(lib, style, fix, chosen)
        return Result(str(path), before, lib.render(), changed, fixes, notes)
    with library.edit(path, encoding) as lib:
        before, changed, fixes, notes = _format(lib, style, fix, chosen)
        after = lib.render()
    return Result(str(path), before, after, changed, fixes, notes, written=before != after)


@click.command(name="fmt")
@bib_option
@encoding_option
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 and show a diff when the file is not canonical.")
@click.option("--diff", "diff_only", is_flag=True, help="Write nothing; show what would change.")
@click.option("--fix", is_flag=True, help="Also apply the rules' automatic fixes (each reported).")
def cli(bib, encoding, check_only, diff_only, fix) -> None:
    """Rewrite the .bib file in canonical form (configured in [tool.biblio.fmt])."""
    result = run(bib, encoding, write=not (check_only or diff_only), fix=fix)
    for d in result.notes + result.fixes:
        click.echo(d.format(), err=True)
    if check_only or diff_only:
        if result.differs:
            click.echo(result.diff(), nl=False)
            click.echo(f"would reformat {result.path} ({result.changed} "
                       f"{'entry' if result.changed == 1 else 'entries'})", err=True)
            if check_only:
                raise SystemExit(1)
        else:
            click.echo(f"{result.path} is already canonical", err=True)
        return
    if result.written:
        click.echo(f"reformatted {result.path} ({result.changed} "
                   f"{'entry' if result.changed == 1 else 'entries'}, {len(result.fixes)} "
                   f"fix{'' if len(result.fixes) == 1 else 'es'})", err=True)
    else:
        click.echo(f"{result.path} is already canonical", err=True)
