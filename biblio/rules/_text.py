"""Small text helpers for the rules: words with their offsets, word lists.

Name lists are split by biblio.tocsl.names (`name_spans`, `name_parts`), the same splitter tocsl uses,
so a check and the conversion always see the same names.
"""

from __future__ import annotations

import re

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
