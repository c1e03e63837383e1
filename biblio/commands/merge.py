"""`biblio merge KEEP DROP`: one entry for a work that has two (what `check`'s
`duplicate-entry` finds).

KEEP gets the fields only DROP has; where both have a field and the values differ, the
user chooses (asked in a terminal, else `--prefer keep|drop`). Every citation of DROP in every
post, and every `crossref`/`xdata`/`related` field naming it, then names KEEP — the same
rewrite `biblio rename` makes — and DROP is removed, all written as one change.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click

from .. import config
from ..bib import library
from ..bib.blocks import Entry
from ..diagnostics import ERROR, BiblioError, Diagnostic, count, usage
from ..importers import dedupe
from ..rules.positions import position
from .common import bib_option, encoding_option, note, posts_option
from .rename import LINK_FIELDS, Outcome, rewrite, unknown_key

PREFER = ("keep", "drop")


@dataclass(frozen=True)
class Conflict:
    """A field both entries have, with values that differ (raw, as written)."""

    field: str
    keep: str
    drop: str


@dataclass
class Merged:
    outcome: Outcome
    added: list[str] = field(default_factory=list)  # fields only DROP had
    taken: list[str] = field(default_factory=list)  # conflicts settled with DROP's value


def _text(value: str) -> str:
    return " ".join(value.split())


# How two values of a field are compared: equal here means no conflict to ask about.
SAME: dict[str, Callable[[str], object]] = {
    "doi": dedupe.norm_doi,
    "isbn": dedupe.norm_isbns,
}


def conflicts(keep: Entry, drop: Entry) -> list[Conflict]:
    out = []
    for f in drop.fields:
        name = f.name.lower()
        mine = keep.field(name)
        if mine is None:
            continue
        same = SAME.get(name, _text)
        if same(keep.get(name) or "") != same(drop.get(name) or ""):
            out.append(Conflict(name, mine.raw, f.raw))
    return out


def plan(keep_key: str, drop_key: str, lib, cfg, folder: str | Path | None = None, *,
         prefer: str | None = None, choose: Callable[[Conflict], str] | None = None) -> Merged:
    """What merging changes: the .bib and the posts (nothing written). `prefer` settles every
    conflict; else `choose` is asked about each; with neither, conflicts are a usage error."""
    keep, drop = lib.get(keep_key), lib.get(drop_key)
    for key, entry in ((keep_key, keep), (drop_key, drop)):
        if entry is None:
            raise unknown_key(lib, key)
    if keep is drop:
        raise usage(f"'{keep_key}' and '{drop_key}' are one entry",
                    "name two different entries")
    found = conflicts(keep, drop)
    if found and prefer is None and choose is None:
        raise BiblioError([_unsettled(lib, keep, drop, c) for c in found], exit_code=2)
    before = lib.to_bytes()
    merged = Merged(Outcome())
    unsettled = {c.field: c for c in found}
    for f in drop.fields:
        name = f.name.lower()
        if keep.field(name) is None:
            keep.set_raw(name, f.raw)
            merged.added.append(name)
        elif name in unsettled and (prefer or choose(unsettled.pop(name))) == "drop":
            keep.set_raw(name, f.raw)
            merged.taken.append(name)
    for name in LINK_FIELDS:  # KEEP naming itself or DROP would make it its own parent
        keys = _keys(keep.get(name))
        rest = [k for k in keys if k.lower() not in (keep.key.lower(), drop.key.lower())]
        if rest == keys:
            continue
        if rest:
            keep.set(name, ", ".join(rest))
        else:
            keep.fields.remove(keep.field(name))
            keep.changed = True
    lib.remove(drop.key)
    merged.outcome = rewrite({drop.key: keep.key}, lib, cfg, folder, before)
    return merged


def _keys(value: str | None) -> list[str]:
    return [k.strip() for k in (value or "").split(",") if k.strip()]


def _unsettled(lib, keep: Entry, drop: Entry, c: Conflict) -> Diagnostic:
    line, col = position(drop, drop.field(c.field))
    return Diagnostic(lib.path, line, col, ERROR, "merge-conflict",
                      f"'{drop.key}' has {c.field} = {_short(c.drop)}, '{keep.key}' has "
                      f"{_short(c.keep)}", "choose with --prefer keep or --prefer drop, or run "
                      "'biblio merge' in a terminal to choose field by field")


def _short(raw: str, n: int = 60) -> str:
    raw = _text(raw)
    return raw if len(raw) <= n else raw[: n - 1] + "…"


def run(keep: str, drop: str, *, prefer: str | None = None,
        choose: Callable[[Conflict], str] | None = None, bib: str | None = None,
        posts_folder: str | None = None, dry_run: bool = False,
        encoding: str = "utf-8") -> Merged:
    cfg = config.find()
    path = config.bib_path(bib, cfg)
    with library.locked(path):
        lib = library.load(path, encoding)
        merged = plan(keep, drop, lib, cfg, posts_folder, prefer=prefer, choose=choose)
        if not dry_run:
            merged.outcome.write(lib, path, "merged")
    return merged


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _ask(keep: str, drop: str) -> Callable[[Conflict], str]:
    def ask(c: Conflict) -> str:
        click.echo(f"{c.field}:\n  k) {keep}: {_short(c.keep, 200)}\n"
                   f"  d) {drop}: {_short(c.drop, 200)}", err=True)
        answer = click.prompt("keep which value", type=click.Choice(["k", "d"]), err=True)
        return "keep" if answer == "k" else "drop"
    return ask


@click.command(name="merge")
@click.argument("keep")
@click.argument("drop")
@click.option("--prefer", type=click.Choice(PREFER), default=None,
              help="Where both entries have a field, take KEEP's or DROP's value "
                   "(asked field by field when stdin is a terminal).")
@posts_option("posts_folder")
@click.option("--dry-run", is_flag=True, help="Show the change as a diff; write nothing.")
@bib_option
@encoding_option
def cli(keep, drop, prefer, posts_folder, dry_run, bib, encoding) -> None:
    """Merge the entry DROP into KEEP, cite KEEP wherever DROP was cited, remove DROP."""
    choose = _ask(keep, drop) if prefer is None and stdin_is_terminal() else None
    merged = run(keep, drop, prefer=prefer, choose=choose, bib=bib,
                 posts_folder=posts_folder, dry_run=dry_run, encoding=encoding)
    if dry_run:
        click.echo(merged.outcome.diff(), nl=False)
    n, files = merged.outcome.citations, len(merged.outcome.changes) - 1
    fields = "".join(f"; {what}: {', '.join(names)}" for what, names in (
        ("added", merged.added), (f"{drop}'s value taken", merged.taken)) if names)
    note(f"{drop} → {keep}{fields}; {count(n, 'citation')} in {count(files, 'post')}"
         + (" (dry run: nothing written)" if dry_run else ""))
