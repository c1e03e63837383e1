"""Records → entries in the .bib: keys, duplicate rules, merging, all under one lock.

Everything between reading the file and writing it back happens inside `library.edit`, so
20 `biblio add` processes at once each see the entries the others wrote before them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from . import config, rules
from .bib import blocks, library, reader
from .diagnostics import ERROR, WARNING, BiblioError, Diagnostic, usage
from .importers import Record, keys
from .importers.dedupe import Index
from .importers.values import normal

REFUSE, SKIP, MERGE = "refuse", "skip", "merge"


@dataclass
class Outcome:
    """What happened to one record."""

    key: str
    status: str  # added, merged, duplicate (skipped), unchanged (merge added nothing)
    record: Record
    reason: str = ""  # for duplicates: why it is one; when added: why the key is not its own
    added: dict[str, str] = field(default_factory=dict)  # merge: fields filled in
    differs: dict[str, tuple[str, str]] = field(default_factory=dict)  # merge: kept, offered
    line: int = 0  # where the entry is in the file after saving


def add(path: str | os.PathLike, records: list[Record], *, key: str | None = None,
        on_duplicate: str = REFUSE, pattern: str | None = None, encoding: str = "utf-8",
        settings: dict | None = None, preloaded=None
        ) -> tuple[list[Outcome], list[Diagnostic]]:
    """Add the records; return what happened and the warnings the new entries raise.

    `settings` is the [tool.biblio] table (its `check` section selects the rules run after).
    `preloaded`: the library as read before taking the lock (saves parsing it twice); if the
    file changed since, `library.write` says so and it is read again under the lock.
    """
    path = str(path)
    if key is not None and len(records) != 1:
        raise usage(f"--key names one entry, but {len(records)} were given",
                    "add them one at a time")
    if key is not None and not blocks.KEY_OK.fullmatch(key):
        raise usage(f"{key!r} is not a valid key", "use letters, digits and - _ : . / only",
                    "bad-key")
    checks(settings)  # a mistake in [tool.biblio.check] stops the add before the save
    cleaned = strip_controls(records)
    with library.locked(path):
        lib = preloaded
        for attempt in (1, 2):
            if lib is None:
                lib = library.load(path, encoding) if os.path.exists(path) \
                    else blocks.Library(path=path, encoding=encoding)
            outcomes = _apply(lib, records, key, on_duplicate, pattern)
            try:
                library.write(lib, path)
                break
            except BiblioError as e:
                if attempt == 2 or [d.rule for d in e.diagnostics] != ["conflict"]:
                    raise
                lib = None  # someone saved between our read and our lock: read it again
    return outcomes, cleaned + _after(lib, outcomes, settings)


# C0 control characters but tab and line breaks, and DEL: a NUL from a CSL-JSON "\u0000" or
# a RIS file would otherwise be written raw into the .bib and from there into pages.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")


def strip_controls(records: list[Record]) -> list[Diagnostic]:
    """Remove control characters from the records' values; one warning per field touched."""
    out = []
    for r in records:
        for name, raw in list(r.fields.items()):
            found = sorted(set(_CONTROL.findall(raw)))
            if not found:
                continue
            r.fields[name] = _CONTROL.sub("", raw)
            where = r.source[:-len(f":{r.line}")] if r.source.endswith(f":{r.line}") \
                else (r.source or "<input>")
            codes = ", ".join(f"U+{ord(c):04X}" for c in found)
            out.append(Diagnostic(where, r.line, 1, WARNING, "control-character",
                                  f"{name} had control characters ({codes}); they were removed",
                                  "check the entry against its source"))
    return out


def _apply(lib, records: list[Record], key: str | None, on_duplicate: str,
           pattern: str | None) -> list[Outcome]:
    """Add or merge the records into `lib` in memory; raise when one is refused."""
    path = lib.path
    bad = [d for d in lib.diagnostics if d.severity == ERROR]
    if bad:
        raise BiblioError(bad + [Diagnostic(path, 1, 1, ERROR, "not-saved",
                                            "nothing was added while the file has errors",
                                            "fix them first (biblio check)")])
    index = Index.build(lib.entries)
    taken = {e.key.lower() for e in lib.entries}
    outcomes: list[Outcome] = []
    refused: list[Diagnostic] = []
    for r in records:
        dup = index.find(r.text, r.type)
        if dup:
            existing = lib.get(dup[0])
            if on_duplicate == MERGE and existing is not None:
                outcomes.append(_merge(existing, r, dup[1]))
            elif on_duplicate == SKIP:
                outcomes.append(Outcome(dup[0], "duplicate", r, dup[1]))
            else:
                line = existing.line if existing is not None and existing.line else 1
                refused.append(Diagnostic(
                    path, line, 1, ERROR, "duplicate",
                    f"{r.source or 'the new entry'} is already in the library as "
                    f"'{dup[0]}' ({dup[1]})",
                    f"cite '{dup[0]}', or pass --merge to fill in its missing fields"))
            continue
        if key is not None:
            if key.lower() in taken:
                e = next(e for e in lib.entries if e.key.lower() == key.lower())
                raise BiblioError(Diagnostic(path, e.line or 1, e.col or 1, ERROR,
                                             "duplicate-key",
                                             f"the key '{key}' is already used" + (
                                                 f" by '{e.key}' (keys ignore case)"
                                                 if e.key != key else ""),
                                             "choose another --key"))
            new_key = key
        elif r.key and blocks.KEY_OK.fullmatch(r.key) and r.key.lower() not in taken:
            new_key = r.key  # a key the source chose (BibTeX) is kept when it is free
        else:
            new_key = keys.unique(keys.make(pattern or keys.DEFAULT_PATTERN, r.text), taken)
        note = _key_note(r.key, new_key, key, taken)
        entry = blocks.Entry(type=r.type, key=new_key)
        for name, raw in r.ordered():
            entry.set_raw(name, raw)
        lib.add(entry)
        taken.add(new_key.lower())
        index.add(new_key, r.text, r.type)
        outcomes.append(Outcome(new_key, "added", r, note))
    if refused:
        raise BiblioError(refused)
    return outcomes


def _merge(entry, r: Record, reason: str) -> Outcome:
    """Fill only the fields the entry lacks; report the ones that differ, change none."""
    out = Outcome(entry.key, "merged", r, reason)
    for name, raw in r.ordered():
        if name in ("review",):
            continue
        current = entry.raw(name)
        if current is None:
            entry.set_raw(name, raw)
            out.added[name] = raw
        elif normal(entry.get(name) or "") != normal(r.text(name)):
            out.differs[name] = (current, raw)
    if not out.added:
        out.status = "unchanged"
    return out


def _after(lib, outcomes: list[Outcome], settings: dict | None) -> list[Diagnostic]:
    """Where the new entries landed, and what the checks say about them."""
    where = _entry_lines(lib)
    for o in outcomes:
        o.line = where.get(o.key, 0)
    touched = [o for o in outcomes if o.status in ("added", "merged")]
    review = {o.key: o.record.review for o in touched if o.status == "added" and o.record.review}
    return check_saved(lib, [o.key for o in touched], settings, review)


def _entry_lines(lib) -> dict[str, int]:
    """key → the line the entry starts on in the file as `lib` is saved."""
    line, where = 1, {}
    for b in lib.blocks:
        entry = isinstance(b, blocks.Entry)
        if entry:
            where[b.key] = line
        line += (b.canonical() if entry and b.changed else b.text).count("\n")
    return where


def check_saved(lib, keys: list[str], settings: dict | None = None,
                review: dict[str, list[str]] | None = None) -> list[Diagnostic]:
    """What the checks say about the entries `keys` of `lib` (just added, merged or edited),
    at their lines in the file as it is saved.

    Only those entries are checked, as a small file of their own (with the library's @string
    definitions), so that adding to a 10,000-entry library does not parse and check the whole
    file again. `review`: key → why a person should look at that entry (a warning each).
    """
    if not keys:
        return []
    where = _entry_lines(lib)
    body = "".join(b.text.replace("\r\n", "\n") + "\n" for b in lib.blocks
                   if isinstance(b, blocks.StringDef))
    starts: dict[str, int] = {}
    for key in keys:
        e = lib.get(key)
        starts[key] = body.count("\n") + 1
        body += (e.canonical() if e.changed else e.text.replace("\r\n", "\n")) + "\n\n"
    mini = reader.parse(body, lib.path)
    # The `review` field quotes the pasted text; the rules' complaints about it are noise.
    quoted = set()
    for e in mini.entries:
        f = e.field("review")
        if f is not None:
            quoted.add(reader.field_pos(body, e, f)[0])
    spans = {e.key: (e.line, e.line + e.text.count("\n")) for e in mini.entries}
    out = []
    for d in check(mini, spans, settings, review):
        if d.line in quoted and d.rule != "needs-review":
            continue
        key = next((k for k, (a, b) in spans.items() if a <= d.line <= b), None)
        if key is None:
            continue
        out.append(Diagnostic(d.path, where[key] + d.line - starts[key], d.col, d.severity,
                              d.rule, d.message, d.fix))
    return out


def key_pattern(cfg) -> str:
    """The key pattern `add`, `import`, `rename --pattern` and the language server use:
    `[tool.biblio] key_pattern`, else the default. A pattern with a mistake (an unknown
    placeholder or count, a stray brace, no placeholder: `importers.keys.problem`, the fields
    it knows being the check rules') is a config error at the setting (exit 2), before
    anything is fetched or written."""
    from .paths import shown
    from .rules.fields import known

    pattern = cfg.settings.get("key_pattern")
    if pattern is None:
        return keys.DEFAULT_PATTERN
    found = keys.problem(pattern, known())
    if found is not None:
        source = cfg.source or cfg.root / "pyproject.toml"
        line, col = config._locate(source, "", "key_pattern")
        raise BiblioError(Diagnostic(str(shown(source)), line, col, ERROR, "config",
                                     f"key_pattern {pattern!r}: {found[0]}", found[1]),
                          exit_code=2)
    return pattern


def checks(settings: dict | None = None) -> rules.Selection:
    """The rules `check` runs on entries just saved, from [tool.biblio.check]. A command that
    saves asks for them before it writes, so that a mistake in the settings (an unknown rule,
    a severity that is none) stops it with the file as it was (exit 2), not after the save."""
    return rules.selection((settings or {}).get("check") or {})


def check(saved, spans: dict[str, tuple[int, int]], settings: dict | None = None,
          review: dict[str, list[str]] | None = None) -> list[Diagnostic]:
    """The checks run on entries just saved: the one hook for the check rules.

    Errors and warnings of `biblio check` that fall inside those entries (`spans`: key →
    first and last line in `saved`), plus a warning for each entry that needs a person's
    review (`review`: key → why; parsed from text, or a doubtful match).
    """
    chosen = checks(settings)
    ranges = list(spans.values())
    out = [d for d in rules.run(saved, chosen)
           if d.severity in (ERROR, WARNING) and any(a <= d.line <= b for a, b in ranges)]
    for key, why in (review or {}).items():
        if key in spans:
            out.append(Diagnostic(saved.path, spans[key][0], 1, WARNING, "needs-review",
                                  f"'{key}' needs review: " + "; ".join(why),
                                  "check the entry, then delete its 'review' field"))
    out.sort(key=lambda d: d.sort_key)
    return out


def _key_note(own: str | None, new_key: str, given: str | None, taken: set[str]) -> str:
    """Why the entry did not get the key its source chose: said only when that is so."""
    if not own or new_key == own or given is not None:
        return ""  # no key of its own, it got it, or the user chose one with --key
    if not blocks.KEY_OK.fullmatch(own):
        return f"its own key '{own}' is not one BibTeX accepts"
    return f"its own key '{own}' is taken"


# What adding warns about at once (`biblio add`, the editor's "add this DOI"): a work the
# post should not lean on. (A correction is for
# `check --online`: usually harmless, and not worth stopping a writer mid-task.)
WARN_AT_ONCE = ("retracted", "expression-of-concern")


def standing(outcomes, path: str, cfg, offline: bool = False, cache: bool = True) -> list:
    """Warnings for the works just added that were retracted or are under an expression of
    concern. A work Crossref gave us is judged by its record's `updated-by`; a DOI read from a
    file is asked about as `check --online` would (its cache, its time budget). With
    --offline nothing is asked; when asking fails, one line says so and the add stands."""
    from . import online
    from .importers.crossref import parse_doi
    from .rules import sources

    new = [o for o in outcomes if o.status in ("added", "merged")]
    dois = {o.key: (parse_doi(o.record.text("doi")) or "").lower() for o in new}
    known = {o.key: online.notices_of(o.record.updates) for o in new
             if o.record.updates is not None}
    ask = sorted({dois[o.key] for o in new if dois[o.key] and o.key not in known})
    out = []
    if ask and not offline:
        client, opts = online.session(cfg.settings, cfg.section("check"), cache=cache)
        answers = online.gather(ask, {}, client, opts)
        for o in new:
            if o.key not in known and dois[o.key] in answers.notices:
                known[o.key] = answers.notices[dois[o.key]]
        if answers.failures:
            f = answers.failures[0]
            out.append(Diagnostic(path, 0, 0, WARNING, "network",
                                  f"could not check whether {f.subject} was retracted: "
                                  f"{f.error.message}", "run 'biblio check --online' later"))
    for o in new:
        for rule_id in WARN_AT_ONCE:
            for n in sources.standing(known.get(o.key, []), rule_id):
                message, fix = sources.describe(n, rule_id)
                out.append(Diagnostic(path, o.line or 1, 1, WARNING, rule_id,
                                      f"'{o.key}' ({dois[o.key]}): {message}", fix))
    return out
