"""Locators in a cite's suffix (`, p. 33`, `, chap. 2`, `{pp. iv, vi-xi}`), recognised by the
terms of the CSL locale, as pandoc does."""

from __future__ import annotations

import functools
import re

from ..csl.locale import LOCATOR_LABELS, load, locale_file
from ..tocsl.tables import PUBSTATE

_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@functools.lru_cache(maxsize=8)
def locator_terms(locale: str = "en-US") -> tuple[tuple[str, str], ...]:
    """(term as written, CSL label) pairs from the locale, longest first."""
    pairs: dict[str, str] = {}
    for root in _locale_files(locale):
        for term in root.iter(f"{_CSL_NS}term"):
            name = term.get("name")
            if name not in LOCATOR_LABELS:
                continue
            forms = [term.text or ""] + [x.text for x in term if x.text]
            for form in forms:
                form = form.strip().lower()
                if form:
                    pairs.setdefault(form, name)
    return tuple(sorted(pairs.items(), key=lambda p: -len(p[0])))


# biblatex's publication states (`pubstate`), which the mapping writes as the CSL term of the
# same name ("in press"): localisation keys, printed in the output's language.
_STATES = frozenset(PUBSTATE.values())


@functools.lru_cache(maxsize=8)
def state_terms(locale: str = "en-US") -> dict[str, str]:
    """The locale's words for the publication states it names ("in press" → "sous presse"),
    as the engine reads the locale ("fr" is fr-FR, its fallbacks, its apostrophes)."""
    loc = load(locale, [])
    return {name: word for name in _STATES if (word := loc.term(name))}


def _locale_files(locale: str) -> list:
    """The trees of the locale, its language's, and en-US (the engine's, comments left out)."""
    wanted = [locale]
    if locale.split("-")[0] != locale:
        wanted.append(locale.split("-")[0])
    wanted.append("en-US")  # terms missing from a locale fall back to English
    return [root for n in dict.fromkeys(wanted) if (root := locale_file(n)) is not None]


_ROMAN = r"(?:[ivxlcdm]+|[IVXLCDM]+)"
_LOC_WORD = r"(?:[\w.()\[\]:/]*\d[\w.()\[\]:/]*|" + _ROMAN + r"\b)"
# ("--", "---": TeX's en and em dash, which pandoc's smart typography reads as one)
_LOC_VALUE = re.compile(_LOC_WORD + r"(?:\s*(?:-{1,3}|[–—&]|,(?=\s*" + _LOC_WORD + r"))\s*" +
                        _LOC_WORD + r")*")


def parse_locator(suffix: str, locale: str = "en-US") -> tuple[str, str, str]:
    """Split a cite's suffix into (label, locator, rest), as pandoc does.

    `, p. 33` -> ("page", "33", "");  `, pp. 33-35 and passim` -> ("page", "33-35", " and passim");
    `, 33` -> ("page", "33", "");  `, and passim` -> ("", "", ", and passim");
    `{pp. iv, vi-xi} etc` -> braces delimit the locator exactly.
    """
    text = suffix.lstrip()
    if text.startswith(","):
        text = text[1:].lstrip()
    if text.startswith("{"):
        close = _matching_brace(text)
        if close > 0:
            inner = text[1:close].strip()
            label, rest_inner = _take_label(inner, locale)
            return label or "page", rest_inner.strip(), text[close + 1:]
    label, after = _take_label(text, locale)
    if label:
        after = after.lstrip()
        if after.startswith("{"):
            close = _matching_brace(after)
            if close > 0:
                return label, after[1:close].strip(), after[close + 1:]
        m = _LOC_VALUE.match(after)
        if m:
            return label, m.group(0), after[m.end():]
        return "", "", suffix
    m = _LOC_VALUE.match(text)
    if m and text[:1].isdigit():
        return "page", m.group(0), text[m.end():]
    return "", "", suffix


def _take_label(text: str, locale: str) -> tuple[str, str]:
    low = text.lower()
    for form, label in locator_terms(locale):
        if low.startswith(form):
            end = len(form)
            # a label is a whole word: "p." then space/digit, "page" then space
            if end < len(text) and (text[end].isalnum() and form[-1].isalnum()):
                continue
            return label, text[end:]
    return "", text


def _matching_brace(text: str) -> int:
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1
