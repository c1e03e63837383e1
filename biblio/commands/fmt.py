"""`biblio fmt`: rewrite the .bib file in canonical form; `--fix` applies the rules' fixes."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import click

from ..diagnostics import Diagnostic, count
from .common import bib_option, encoding_option, note, report


@dataclass
class Result:
    path: str
    before: str
    after: str
    changed: int  # entries rewritten
    fixes: list[Diagnostic] = field(default_factory=list)
    notes: list[Diagnostic] = field(default_factory=list)  # entries left alone, and why
    written: bool = False
    hunks: list[tuple[int, str, str]] | None = None  # (line, old text, new text) per entry

    @property
    def differs(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff. Built entry by entry when it can be (a whole-file difflib on a
        large file with thousands of changes takes tens of seconds)."""
        a, b = f"{self.path} (original)", f"{self.path} (formatted)"
        if self.hunks is None:
            return "".join(difflib.unified_diff(self.before.splitlines(keepends=True),
                                                self.after.splitlines(keepends=True), a, b))
        out = [f"--- {a}\n", f"+++ {b}\n"]
        shift = 0
        for line, old, new in self.hunks:
            old_lines = old.splitlines(keepends=True)
            new_lines = new.splitlines(keepends=True)
            for h in difflib.unified_diff(old_lines, new_lines, n=3, lineterm="\n"):
                if h.startswith(("---", "+++")):
                    continue
                if h.startswith("@@"):
                    h = _shift_hunk(h, line - 1, line - 1 + shift)
                out.append(h if h.endswith("\n") else h + "\n\\ No newline at end of file\n")
            shift += len(new_lines) - len(old_lines)
        return "".join(out)


def _shift_hunk(header: str, old_base: int, new_base: int) -> str:
    m = re.match(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@", header)
    assert m is not None
    return (f"@@ -{int(m.group(1)) + old_base}{m.group(2) or ''} "
            f"+{int(m.group(3)) + new_base}{m.group(4) or ''} @@\n")


def _hunks(lib, changed) -> list[tuple[int, str, str]] | None:
    """Per-entry (line, old, new) when every changed entry starts a line, else None.

    Each side runs to the end of the entry's last line (the rest of that line is shared)."""
    from ..bib.blocks import Entry

    todo = {id(e) for e in changed}
    out = []
    blocks = lib.blocks
    for i, e in enumerate(blocks):
        if id(e) not in todo:
            continue
        if not isinstance(e, Entry) or not e.text or e.col != 1:
            return None
        tail = ""
        if i + 1 < len(blocks):
            nxt = blocks[i + 1].text
            cut = nxt.find("\n")
            tail = nxt if cut < 0 else nxt[:cut + 1]
            if cut < 0 and i + 2 < len(blocks):
                return None  # the entry's last line runs on into another block
        out.append((e.line, e.text + tail, _render(lib, e) + tail))
    return out


def _render(lib, e) -> str:
    return lib.written(e)


def _format(lib, style, fix: bool, chosen):
    from .. import rules
    from ..bib import fmt

    before = lib.render()
    fmt.format_library(lib, style)  # refuses (BiblioError) when the file has syntax errors
    fixes = rules.apply_fixes(lib, chosen) if fix else []
    outcome = fmt.format_library(lib, style)
    hunks = None if outcome.reordered else _hunks(lib, outcome.changed)
    return before, len(outcome.changed), fixes, outcome.skipped, hunks


def run(bib: str | None = None, encoding: str = "utf-8", *, write: bool = True,
        fix: bool = False) -> Result:
    """Format (and with `fix`, repair) the file; write it unless `write` is False."""
    from .. import config, rules
    from ..bib import fmt, library

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    where = str(cfg.source) if cfg.source else "pyproject.toml"
    style = fmt.Style.from_config(cfg.section("fmt"), where)
    chosen = rules.selection(cfg.section("check"), where=where) if fix else None
    if not write:
        lib = library.load(path, encoding)
        before, changed, fixes, notes, hunks = _format(lib, style, fix, chosen)
        return Result(str(path), before, lib.render(), changed, fixes, notes, hunks=hunks)
    with library.edit(path, encoding) as lib:
        before, changed, fixes, notes, hunks = _format(lib, style, fix, chosen)
        after = lib.render()
    return Result(str(path), before, after, changed, fixes, notes, written=before != after,
                  hunks=hunks)


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
    report(result.notes)
    for d in result.fixes:  # what was done, not a problem: shown unless -q
        note(d.format())
    if check_only or diff_only:
        if result.differs:
            click.echo(result.diff(), nl=False)
            note(f"would reformat {result.path} ({count(result.changed, 'entry', 'entries')})")
            if check_only:
                raise SystemExit(1)
        else:
            note(f"{result.path} is already canonical")
        return
    if result.written:
        note(f"reformatted {result.path} ({count(result.changed, 'entry', 'entries')}, "
             f"{count(len(result.fixes), 'fix', 'fixes')})")
    else:
        note(f"{result.path} is already canonical")
