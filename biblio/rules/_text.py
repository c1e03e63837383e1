"""Small text helpers for the rules: splitting at brace depth 0.

Stand-ins until biblio/names.py and biblio/titlecase.py (another branch) land on main.
"""

from __future__ import annotations

import re

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def depth_zero_spans(text: str, sep: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` between matches of `sep` outside braces."""
    depths = _depths(text)
    spans, start = [], 0
    for m in sep.finditer(text):
        if depths[m.start()] == 0:
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return spans


def _depths(text: str) -> list[int]:
    out, d = [], 0
    for c in text:
        if c == "{":
            out.append(d)
            d += 1
        elif c == "}":
            d -= 1
            out.append(d)
        else:
            out.append(d)
    out.append(d)
    return out


def split_names(text: str) -> list[tuple[int, str]]:
    """The names of a BibTeX name list with their offsets: split at ' and ' outside braces."""
    if " and " not in text.lower() and "\n" not in text and "\t" not in text:
        return [(0, text)]
    return [(a, text[a:b]) for a, b in depth_zero_spans(text, _AND)]


_COMMA = re.compile(r",")


def name_parts(name: str) -> list[str]:
    """A name's comma-separated parts (outside braces), stripped."""
    if "," not in name:
        return [name.strip()]
    return [name[a:b].strip() for a, b in depth_zero_spans(name, _COMMA)]


_WORD = re.compile(r"[^\s~]+")


def words(text: str) -> list[tuple[int, str]]:
    """Words outside braces with offsets; a braced group counts as part of its word."""
    out: list[tuple[int, str]] = []
    depth, start = 0, -1
    for i, c in enumerate(text):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if depth == 0 and c in " \t\n\r~":
            if start >= 0:
                out.append((start, text[start:i]))
                start = -1
        elif start < 0:
            start = i
    if start >= 0:
        out.append((start, text[start:]))
    return out


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written as one string."""
    return frozenset(text.split())
