"""`biblio edit KEY`: open one entry in $EDITOR, check it, save it atomically.

The file is not locked while the editor is open (that can take minutes); instead the entry is
compared when saving, under the lock, and a change made meanwhile by someone else is refused.
An edit that does not parse, holds more than one entry, or takes a key another entry has is
shown with its errors and offered again; it is never saved.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import click

from .common import bib_option, encoding_option, report

HEADER = "% biblio edit: {key} in {path}. Save and close the editor to keep the changes.\n"


@dataclass
class Outcome:
    key: str  # the key after the edit
    changed: bool
    warnings: list


def editor_command() -> list[str]:
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    return shlex.split(editor)


def open_editor(text: str) -> str:
    """Let the person edit `text` in $VISUAL/$EDITOR; return what they saved."""
    from ..diagnostics import ERROR, BiblioError, Diagnostic

    fd, name = tempfile.mkstemp(prefix="biblio-edit-", suffix=".bib")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            code = subprocess.call([*editor_command(), name])
        except OSError as e:
            raise BiblioError(Diagnostic(name, 1, 1, ERROR, "editor", f"cannot start the "
                                         f"editor: {e.strerror}", "set $EDITOR to an editor "
                                         "command"), exit_code=2) from None
        if code != 0:
            raise BiblioError(Diagnostic(name, 1, 1, ERROR, "editor", f"the editor exited with "
                                         f"status {code}; nothing was saved", ""), exit_code=2)
        with open(name, encoding="utf-8") as f:
            return f.read()
    finally:
        os.unlink(name)


def validate(text: str, path: str, key: str, taken: set[str]):
    """The edited entry, or the diagnostics that say why it cannot be saved."""
    from ..bib import reader
    from ..diagnostics import ERROR, Diagnostic

    lib = reader.parse(text, path)
    errors = [d for d in lib.diagnostics if d.severity == ERROR]
    if errors:
        return None, errors
    entries = lib.entries
    if len(entries) != 1:
        what = "no entry" if not entries else f"{len(entries)} entries"
        return None, [Diagnostic(path, 1, 1, ERROR, "edit", f"the edit holds {what}",
                                 "keep exactly one entry")]
    entry = entries[0]
    if entry.key != key and entry.key.lower() in {k.lower() for k in taken}:
        return None, [Diagnostic(path, entry.line, entry.col, ERROR, "duplicate-key",
                                 f"the key '{entry.key}' is used by another entry",
                                 f"keep '{key}' or choose a free key")]
    return entry, []


def run(key: str, *, bib: str | None = None, encoding: str = "utf-8",
        edit: Callable[[str], str] = open_editor,
        again: Callable[[list], bool] = lambda diags: False) -> Outcome:
    """Edit the entry `key` with `edit(text) -> text`; `again(errors)` asks to retry."""
    from .. import config, store
    from ..bib import blocks, keys, library
    from ..diagnostics import ERROR, BiblioError, Diagnostic

    cfg = config.find()
    store.checks(cfg.settings)  # the settings' mistakes before the editor, not after the save
    path = config.bib_path(bib, cfg)
    lib = library.load(path, encoding)
    entry = keys.entry(lib, key)
    original = entry.text.replace("\r\n", "\n") if entry.text else entry.canonical()
    header = HEADER.format(key=key, path=path)
    text = header + original + "\n"
    taken = set(lib.keys()) - {key}
    while True:
        edited = edit(text)
        body = "\n".join(line for line in edited.split("\n")
                         if not line.startswith("% biblio edit"))
        if body.strip() == original.strip():
            return Outcome(key, False, [])
        new, errors = validate(body, str(path), key, taken)
        if new is not None:
            break
        # Lines of the edit → lines of the entry in the file, which is what the person knows.
        errors = [Diagnostic(d.path, d.line + entry.line - 1, d.col, d.severity, d.rule,
                             d.message, d.fix) for d in errors]
        if not again(errors):
            raise BiblioError(errors + [Diagnostic(str(path), entry.line, entry.col, ERROR,
                                                   "not-saved", f"'{key}' was left as it was",
                                                   "run 'biblio edit' again")])
        notes = "".join(f"% biblio edit: {d.message} — {d.fix}\n" for d in errors)
        text = header + notes + body.strip("\n") + "\n"
    with library.edit(path, encoding) as current:
        now = current.get(key)
        now_text = None if now is None else (now.text.replace("\r\n", "\n") if now.text
                                             else now.canonical())
        if now_text != original:
            raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "conflict",
                                         f"'{key}' changed in the file while it was being "
                                         "edited; your edit was not saved",
                                         "run 'biblio edit' again"), exit_code=2)
        if new.key != key and current.get(new.key) is not None:
            raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "duplicate-key",
                                         f"the key '{new.key}' was taken meanwhile",
                                         "run 'biblio edit' again"))
        i = current.blocks.index(now)
        replacement = blocks.Entry(type=new.type, key=new.key, fields=new.fields,
                                   strings=current.strings)
        replacement.changed = True
        current.blocks[i] = replacement
    warnings = store.check_saved(current, [new.key], cfg.settings)
    if new.key != key:
        from ..diagnostics import WARNING
        from ..document.posts import citing

        for post, line, col in citing({key}, cfg).get(key, []):
            warnings.append(Diagnostic(post, line, col, WARNING, "cited",
                                       f"'{key}' is cited here but is now '{new.key}'",
                                       f"change the citation to @{new.key}"))
    return Outcome(new.key, True, warnings)


@click.command(name="edit")
@click.argument("key")
@bib_option
@encoding_option
def cli(key, bib, encoding) -> None:
    """Edit one entry in $EDITOR; it is saved only when it is valid."""
    def again(errors) -> bool:
        report(errors)
        return click.confirm("The edit has errors. Edit it again?", default=True, err=True)

    outcome = run(key, bib=bib, encoding=encoding, again=again)
    if not outcome.changed:
        click.echo(f"{key}: no changes", err=True)
    click.echo(outcome.key)
    report(outcome.warnings)
