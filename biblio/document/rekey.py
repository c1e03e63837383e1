"""A post with some citation keys changed (`biblio rename`, `biblio merge`): every citation of
the old key — in clusters, narrative, `@{…}`, an HTML post's text, `nocite` — and nothing else
(code, URLs, e-mail addresses and other text stay as written)."""

from __future__ import annotations

import bisect
import re

from .frontmatter import split_front_matter
from .posts import cited_keys

_KEY_CHAR = re.compile(r"[\w:.#$%&\-+?<>~/]")


def rekey(text: str, mapping: dict[str, str], *, html: bool = False,
          path: str = "<post>") -> tuple[str, int]:
    """(the post with each citation of a key in `mapping` changed to its new key, how many
    were changed). Line endings and a byte-order mark are kept."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    crlf = "\r\n" in body
    norm = body.replace("\r\n", "\n")
    starts = [0]
    for ln in norm.split("\n"):
        starts.append(starts[-1] + len(ln) + 1)
    edits: list[tuple[int, int, str]] = []
    fm = split_front_matter(norm, path)[0] if not html else None
    nocite_line = fm.line_of.get("nocite") if fm else None
    for k in cited_keys(norm, html=html, path=path):
        if k.key not in mapping or (nocite_line and k.line == nocite_line and k.col == 1):
            continue
        at = starts[k.line - 1] + k.col - 1  # the "@" (after a "-" for suppress-author)
        at = norm.index("@", at)
        edits.append(_key_edit(norm, at, k.key, mapping[k.key]))
    if fm and fm.lines and "nocite" in fm.meta:
        head = norm[:starts[fm.lines]] if fm.lines < len(starts) else norm
        for m in re.finditer(r"@(\{[^{}]*\}|[\w][\w:.#$%&\-+?<>~/]*)", head):
            key = m.group(1)[1:-1] if m.group(1).startswith("{") else m.group(1)
            if key in mapping and _in_nocite(head, m.start(), fm):
                edits.append(_key_edit(norm, m.start(), key, mapping[key]))
    if not edits:
        return text, 0
    # The edits are made on the text as it is, each line keeping its own line ending.
    crlfs = [m.start() - i for i, m in enumerate(re.finditer("\r\n", body))] if crlf else []

    def orig(i: int) -> int:
        return i + bisect.bisect_right(crlfs, i)

    out, last = [], 0
    for a, b, new in sorted(set(edits)):
        out += [body[last:orig(a)], new]
        last = orig(b)
    out.append(body[last:])
    return bom + "".join(out), len(set(edits))


def _key_edit(text: str, at: int, old: str, new: str) -> tuple[int, int, str]:
    """The edit that turns the key after the "@" at `at` into `new` (braced form kept, and
    braces added when the new key needs them)."""
    if text.startswith("@{", at):
        return at + 2, at + 2 + len(old), new
    plain = re.fullmatch(r"\w+(?:[:.#$%&\-+?<>~/]\w+)*", new) is not None
    return (at + 1, at + 1 + len(old), new) if plain else (at + 1, at + 1 + len(old),
                                                            "{" + new + "}")


def _in_nocite(head: str, offset: int, fm) -> bool:
    """Whether `offset` lies in the value of the front matter's `nocite` key."""
    line = head.count("\n", 0, offset) + 1
    first = fm.line_of["nocite"]
    later = [n for n in fm.line_of.values() if n > first]
    return first <= line < (min(later) if later else fm.lines)
