"""A post with some citation keys changed (`biblio rename`, `biblio merge`): every citation of
the old key — in clusters, narrative, `@{…}`, an HTML post's text, `nocite` — and nothing else
(code, URLs, e-mail addresses and other text stay as written)."""

from __future__ import annotations

import bisect
import re

from .posts import parse

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
    parsed = parse(norm, html=html, path=path)
    fm = parsed.front_matter if not html else None
    edits, dropped = _repeats(norm, starts, parsed.citations, mapping)
    for k in (c for cit in parsed.citations for c in cit.cites):
        if k.key not in mapping or (k.line, k.col) in dropped:
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


def _repeats(text: str, starts: list[int], citations, mapping: dict[str, str]):
    """The edits that take out a cite made a repeat by the change (`[@a; @b]` with b merged
    into a: `[@a]`), and where those cites were. Only a bare cite goes (no prefix, suffix,
    locator or `-`): one with its own locator says something the other does not. A cluster
    whose `;` count does not match its cites (a `;` inside an affix) is left as written."""
    edits: list[tuple[int, int, str]] = []
    dropped: set[tuple[int, int]] = set()
    for cit in citations:
        at = starts[cit.line - 1] + cit.col - 1
        if cit.narrative or not cit.raw.startswith("[") or text[at:at + len(cit.raw)] != cit.raw:
            continue
        pieces = cit.raw[1:-1].split(";")
        if len(pieces) != len(cit.cites):
            continue
        seen: dict[str, set[str]] = {}  # new key -> the keys written for it so far
        offset = at + 1
        for i, (piece, c) in enumerate(zip(pieces, cit.cites)):
            key = mapping.get(c.key, c.key)
            bare = not (c.prefix or c.suffix or c.locator or c.suppress_author)
            made = key in seen and any(k in mapping for k in seen[key] | {c.key})
            if i and bare and made:
                edits.append((offset - 1, offset + len(piece), ""))  # the ";" before it too
                dropped.add((c.line, c.col))
            seen.setdefault(key, set()).add(c.key)
            offset += len(piece) + 1
    return edits, dropped
