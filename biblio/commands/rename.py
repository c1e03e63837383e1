"""`biblio rename OLD NEW`: give an entry a new key, and every post that cites it the new key.

One change over many files: the entry's key, the `crossref`/`xdata`/`related` fields of other
entries that name it, and each citation in each post (clusters, narrative, `@{…}`, `nocite`),
written as one (every temp file first, then the renames; a failure puts back what was
replaced). `--dry-run` shows the change as a diff and writes nothing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from .. import config
from ..bib import atomic, library
from ..bib import keys as bib_keys
from ..bib.reader import KEY_OK
from ..diagnostics import ERROR, BiblioError, Diagnostic, count, usage
from ..document import posts
from ..document.rekey import rekey
from .common import bib_option, encoding_option, note, posts_option

# Fields whose value names other entries' keys (comma-separated lists for xdata and related).
LINK_FIELDS = ("crossref", "xdata", "related", "xref")


@dataclass
class Outcome:
    changes: dict[Path, tuple[bytes, bytes]] = field(default_factory=dict)  # path → (old, new)
    citations: int = 0
    mapping: dict[str, str] = field(default_factory=dict)  # old key → new key

    def write(self, lib, path, verb: str) -> None:
        """Write every changed file as one change (the caller holds the .bib's lock): the .bib
        checked for a save made since it was read, as every save is; on a failure nothing is
        left half-changed."""
        library.check_unchanged(lib, path)
        try:
            atomic.replace_all({p: data for p, (_, data) in self.changes.items()})
        except OSError as e:
            raise BiblioError(Diagnostic(str(getattr(e, "filename", None) or path), 1, 1,
                                         ERROR, "io", f"nothing was {verb}: {e}",
                                         "check the files' permissions and free space"),
                              exit_code=2) from None

    def diff(self) -> str:
        out = []
        for path, (old, new) in self.changes.items():
            out += difflib.unified_diff(old.decode("utf-8", "replace").splitlines(True),
                                        new.decode("utf-8", "replace").splitlines(True),
                                        f"a/{path}", f"b/{path}")
        return "".join(out)


def _usage(message: str, fix: str = "") -> BiblioError:
    return usage(message, fix)


def unknown_key(lib, key: str) -> BiblioError:
    return BiblioError(bib_keys.unknown(lib.path, key, lib.keys()))


def plan(mapping: dict[str, str], lib, cfg, folder: str | Path | None = None) -> Outcome:
    """What renaming every key of `mapping` changes: the .bib and the posts (nothing written)."""
    keys = {e.key.lower(): e.key for e in lib.entries}
    targets = {new.lower() for new in mapping.values()}
    if len(targets) != len(mapping):
        raise _usage("two keys would get the same new key")
    for old, new in mapping.items():
        if lib.get(old) is None:
            raise unknown_key(lib, old)
        if not KEY_OK.fullmatch(new):
            raise _usage(f"'{new}' is not a key BibTeX accepts",
                         "use letters, digits and - _ : . / only")
        taken = keys.get(new.lower())
        if taken is not None and taken not in mapping:
            e = lib.get(taken)
            raise BiblioError(Diagnostic(lib.path, e.line, e.col, ERROR, "duplicate-key",
                                         f"'{new}' is taken by the entry '{taken}' (keys ignore "
                                         "case)", "choose another key"))
    before = lib.to_bytes()
    for e in lib.entries:
        if e.key in mapping:
            e.key = mapping[e.key]
            e.changed = True
    return rewrite(mapping, lib, cfg, folder, before)


def rewrite(mapping: dict[str, str], lib, cfg, folder: str | Path | None,
            before: bytes) -> Outcome:
    """The change that makes every reference to an old key of `mapping` name its new key:
    the link fields of the library's entries (the .bib compared with `before`, its bytes as
    read) and the citations in every post. `biblio merge` shares it."""
    for e in lib.entries:
        for name in LINK_FIELDS:
            value = e.get(name)
            if value is None:
                continue
            parts = [p.strip() for p in value.split(",")]
            if any(p in mapping for p in parts):
                # dict: two old keys merged into one are named once
                e.set(name, ", ".join(dict.fromkeys(mapping.get(p, p) for p in parts)))
    out = Outcome()
    out.changes[Path(lib.path)] = (before, lib.to_bytes())
    where = posts.folder(cfg, folder)
    if where.is_dir():
        for rel in posts.find_posts(where, posts.patterns(cfg)):
            p = where / rel
            text = posts.read_post(p, where)
            new_text, n = rekey(text, mapping, html=posts.is_html(p), path=str(p))
            if n:
                raw = p.read_bytes()
                out.changes[p] = (raw, (b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf")
                                        else b"") + new_text.encode("utf-8"))
                out.citations += n
    return out


def run(old: str | None, new: str | None, *, bib: str | None = None,
        posts_folder: str | None = None, dry_run: bool = False, encoding: str = "utf-8",
        pattern: bool = False) -> Outcome:
    """Rename OLD to NEW, or with `pattern` every entry whose key is not what the configured
    key pattern (`[tool.biblio] key_pattern`) makes of it; the outcome's `mapping` says which."""
    cfg = config.find()
    path = config.bib_path(bib, cfg)
    if pattern:
        from .. import store

        made_by = store.key_pattern(cfg)  # (a mistake in it before the lock)
    with library.locked(path):
        lib = library.load(path, encoding)
        mapping = by_pattern(lib, made_by) if pattern else {old: new}
        outcome = plan(mapping, lib, cfg, posts_folder) if mapping else Outcome()
        outcome.mapping = mapping
        if not dry_run and mapping:
            outcome.write(lib, path, "renamed")
    return outcome


def by_pattern(lib, pattern: str | None) -> dict[str, str]:
    """old key → new key for each entry the key pattern names otherwise (the pattern `add`
    uses; a clash gets a, b, … as there). An entry whose key the pattern would give, with a
    clash's one- or two-letter suffix, keeps it."""
    from ..importers import keys

    entries = lib.entries
    made = {e.key: keys.make(pattern or keys.DEFAULT_PATTERN, lambda n, e=e: e.get(n) or "")
            for e in entries}
    if len(entries) > 1 and len(set(made.values())) == 1:
        one = next(iter(made.values()))
        raise BiblioError(Diagnostic(lib.path, 1, 1, ERROR, "key-pattern",
                                     f"key_pattern {pattern!r} gives every entry the same key "
                                     f"{one!r} (their keys would be {one}, {one}a, {one}b, …)",
                                     "use placeholders the entries have values for, such as "
                                     "{auth}{year}{shorttitle}"))
    fine = {e.key for e in entries
            if re.fullmatch(re.escape(made[e.key]) + "[a-z]{0,2}", e.key)}
    taken = set(fine)
    mapping = {}
    for e in entries:
        if e.key in fine:
            continue
        new = keys.unique(made[e.key], taken)
        taken.add(new)
        mapping[e.key] = new
    return mapping


@click.command(name="rename")
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option("--pattern", is_flag=True,
              help="Re-key every entry by [tool.biblio] key_pattern (the keys `add` makes), "
                   "listing old → new first.")
@posts_option("posts_folder")
@click.option("--dry-run", is_flag=True, help="Show the change as a diff; write nothing.")
@bib_option
@encoding_option
def cli(old, new, pattern, posts_folder, dry_run, bib, encoding) -> None:
    """Rename the entry OLD to NEW (or every entry, --pattern), and every citation of it in
    the posts."""
    if pattern == bool(old or new) or (not pattern and not (old and new)):
        raise _usage("give OLD and NEW, or --pattern alone",
                     "biblio rename OLD NEW, or biblio rename --pattern")
    outcome = run(old, new, bib=bib, posts_folder=posts_folder, dry_run=dry_run,
                  encoding=encoding, pattern=pattern)
    if pattern:
        for a, b in outcome.mapping.items():
            click.echo(f"{a} → {b}")
    if dry_run:
        click.echo(outcome.diff(), nl=False)
    files = max(0, len(outcome.changes) - 1)
    what = f"{old} → {new}" if not pattern else count(len(outcome.mapping), "key")
    note(f"{what}: {count(outcome.citations, 'citation')} in {count(files, 'post')}"
         + (" (dry run: nothing written)" if dry_run else ""))
