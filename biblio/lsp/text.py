"""What is at a place in a post, and what is wrong with a post, as the editor holds it.

Positions here are 0-based (line, character), as LSP counts, with characters as code points.
Which keys a post cites, and where, is `biblio.document.posts`'s answer; unknown keys are
reported by the very function `render` uses, so the editor and `biblio build` agree.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from .. import paths
from ..diagnostics import BiblioError, Diagnostic
from ..document import sources
from ..document.frontmatter import nocite_keys
from ..document.posts import cited_keys, is_html, parse
from ..document.render import missing_keys  # the unknown-key diagnostics `render` gives
from ..document.syntax import _CITE_RE, _KEY
from .index import Index

# `@` or `[@` (or `-@`) not inside a word or an e-mail address, then what is typed of the key.
_TYPED = re.compile(r"(?<![\w@])-?@(\{?)((?:" + _KEY + r")?[:.#$%&\-+?<>~/]?)$")


def typed_key(line: str, char: int) -> tuple[int, str] | None:
    """(where the typed key starts, what is typed) when the cursor follows `@` or `[@`."""
    m = _TYPED.search(line[:char])
    return None if m is None else (m.start(2), m.group(2))


def cite_at(text: str, path: str, line: int, char: int) -> str | None:
    """The key of the citation under the cursor, if any."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return None
    here = lines[line]
    try:
        found = [(k.key, k.col - 1) for k in cited_keys(text, html=is_html(path), path=path)
                 if k.line == line + 1]
    except BiblioError:  # front matter being edited: still answer for the line's citations
        found = [(m.group(2) or m.group(3), m.start() + len(m.group(1)))
                 for m in _CITE_RE.finditer(here)]
    for key, at in found:
        if here[at:at + 1] != "@":
            continue
        end = at + 1 + len(key) + (2 if here[at + 1:at + 2] == "{" else 0)
        if at <= char <= end:
            return key
    return None


def post_diagnostics(text: str, path: str, index: Index, root: Path) -> list[Diagnostic]:
    """What stops the post from building: front matter biblio cannot use, files it names that
    are not there, keys with no entry (with the likely one)."""
    try:
        fm, _, _, cits, _, _ = parse(text, html=is_html(path), path=path)
        folder = Path(path).parent
        own = sources.resolve(fm, folder if paths.is_dir(folder) else None, root)
    except BiblioError as e:
        return e.diagnostics
    items = index.own(own.bib) if own.bib else index.items
    settings = index.settings if not own.bib else replace(index.settings,
                                                          bib_name=own.bib[0].name)
    cited = [c.key for cit in cits for c in cit.cites]
    extra = [k for k in nocite_keys(fm.meta) if k != "*"]
    keys = list(dict.fromkeys(cited + extra))
    return missing_keys(cits, keys, items, fm, settings, path)
