"""What an editor may offer to do at a place: `fmt --fix`'s safe fixes of the entry under the
cursor in a .bib, and "add this DOI" on a DOI in a post that the library does not have.

No protocol here: `biblio.lsp.server` turns these answers into LSP code actions.
Positions are 0-based (line, character), as LSP counts.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from .. import rules
from ..bib import fmt
from ..bib.blocks import Entry, Library
from ..bib.reader import parse
from ..importers.crossref import parse_doi
from ..importers.dedupe import norm_doi
from ..rules.registry import Context


@dataclass
class Fix:
    title: str
    rule: str
    start: tuple[int, int]  # the entry's text, 0-based
    end: tuple[int, int]
    text: str  # the entry as `fmt --fix` writes it


def _span(e: Entry) -> tuple[tuple[int, int], tuple[int, int]]:
    start = (e.line - 1, e.col - 1)
    lines = e.text.split("\n")
    last = len(lines[-1]) + (start[1] if len(lines) == 1 else 0)
    return start, (start[0] + len(lines) - 1, last)


def _fixable(lib: Library, chosen) -> list:
    """The (rule, finding) pairs of a one-entry library that `fmt --fix` would apply."""
    return [(r, f) for r, f in rules.findings(Context(lib, ""), chosen)
            if r.fix is not None and isinstance(f, rules.Finding) and f.entry is not None
            and f.value not in (None, "")]


def _alone(lib: Library, e: Entry) -> Library:
    """A copy of the entry in a library of its own (the file's @strings kept)."""
    twin = copy.deepcopy(e, {id(lib.strings): lib.strings})
    return Library(lib.path, [twin], strings=lib.strings, newline=lib.newline)


def entry_fixes(text: str, path: str, line: int, chosen: rules.Selection | None = None,
                style: fmt.Style = fmt.DEFAULT) -> list[Fix]:
    """Each safe fix of the entry on `line`, and all of them at once when there are several;
    the new text is the entry as `biblio fmt --fix` would write it."""
    lib = parse(text, path)
    here = [e for e in lib.entries if e.line - 1 <= line <= e.line - 1 + e.text.count("\n")]
    if not here or fmt.syntax_errors(lib) or not fmt.formattable(here[0]):
        return []  # fmt refuses a file with syntax errors, and leaves such an entry alone
    e = here[0]
    start, end = _span(e)

    def written(one: Library) -> str:
        return fmt.canonical(one.entries[0], style, lib.newline)

    out = []
    found = _fixable(_alone(lib, e), chosen)
    for n, (r, f) in enumerate(found):
        one = _alone(lib, e)
        r2, f2 = _fixable(one, chosen)[n]
        what = r2.fix(f2.entry, f2)
        if what:
            out.append(Fix(f"Fix [{r.id}]: {what}", r.id, start, end, written(one)))
    if len(out) > 1:
        one = _alone(lib, e)
        if rules.apply_fixes(one, chosen):
            out.append(Fix(f"Fix all in '{e.key}' (fmt --fix)", "fmt", start, end,
                           written(one)))
    return out


# A DOI as written in prose or a link; what follows it at a sentence's end is not part of it.
_DOI_IN_TEXT = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?10\.\d{4,9}/[^\s\"'<>\]\[)(]+",
                          re.IGNORECASE)


def doi_at(line_text: str, char: int) -> str | None:
    """The DOI under the cursor, if any."""
    for m in _DOI_IN_TEXT.finditer(line_text):
        if m.start() <= char <= m.end():
            return parse_doi(m.group(0).rstrip(".,;:"))
    return None


def known_dois(lib: Library) -> set[str]:
    return {norm_doi(e.get("doi") or "") for e in lib.entries if e.get("doi")}


def missing_doi(line_text: str, char: int, lib: Library) -> str | None:
    """The DOI under the cursor when the library has no entry with it."""
    doi = doi_at(line_text, char)
    return doi if doi and norm_doi(doi) not in known_dois(lib) else None
