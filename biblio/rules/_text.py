"""Small text helpers for the rules: splitting at brace depth 0.

Stand-ins until biblio/names.py and biblio/titlecase.py (another branch) land on main.
"""

from __future__ import annotations

import re

_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def depth_zero_spans(text: str, sep: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` between matches of `sep` outside braces."""
    spans, start = [], 0
    braces = "{" in text
    for m in sep.finditer(text):
        at = m.start()
        if braces and text.count("{", 0, at) != text.count("}", 0, at):
            continue
        spans.append((start, at))
        start = m.end()
    spans.append((start, len(text)))
    return spans


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
    if "{" not in name:
        return [p.strip() for p in name.split(",")]
    return [name[a:b].strip() for a, b in depth_zero_spans(name, _COMMA)]


# A word: characters other than space and tie, with brace groups (nested up to 3 deep) inside.
_WORD = re.compile(r"(?:[^\s~{}]|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\})+")
_PLAIN_WORD = re.compile(r"[^\s~]+")


def words(text: str) -> list[tuple[int, str]]:
    """Words outside braces with offsets; a braced group counts as part of its word."""
    pattern = _WORD if "{" in text else _PLAIN_WORD
    return [(m.start(), m.group()) for m in pattern.finditer(text)]


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written as one string."""
    return frozenset(text.split())
