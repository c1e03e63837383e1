"""Syntax: what the reader (biblio.bib.library) reports, as rules that can be selected or ignored."""

from __future__ import annotations

from ..diagnostics import Diagnostic
from .registry import ERROR, Context, rule


def _reader(rule_id: str):
    def check(ctx: Context):
        return [d for d in ctx.library.diagnostics if d.rule == rule_id]
    return check


for _id, _what in (
    ("syntax", "BibTeX that cannot be read: a block without a key, a comma or '=' missing"),
    ("unbalanced-braces", "a '{' that is never closed, or a '}' that closes nothing"),
    ("missing-comma", "a comma missing between two fields"),
    ("stray-text", "text between entries that looks like BibTeX (garbage, a broken entry)"),
    ("duplicate-field", "the same field twice in one entry"),
    ("bad-key", "an entry key that is empty or has characters BibTeX does not allow"),
):
    rule(_id, ERROR, "syntax", _what, scope="file")(_reader(_id))


@rule("duplicate-key", ERROR, "syntax",
      "two entries with the same key (BibTeX keys ignore case)", scope="file")
def duplicate_key(ctx: Context):
    found = [d for d in ctx.library.diagnostics if d.rule == "duplicate-key"]
    reported = {(d.line, d.col) for d in found}
    first: dict[str, str] = {}
    for e in ctx.library.entries:
        low = e.key.lower()
        if low not in first:
            first[low] = e.key
        elif (e.line, e.col) not in reported and first[low] != e.key:
            found.append(Diagnostic(ctx.library.path, e.line, e.col, ERROR, "duplicate-key",
                                    f"the key '{e.key}' differs only in case from the earlier "
                                    f"'{first[low]}'; BibTeX treats them as the same key",
                                    "give one of the entries another key"))
    return found
