"""Citation keys from a pattern: `{auth}{year}{shorttitle}` → `cagnie2013physiologic`.

Placeholders: `{auth}` family name of the first author (or editor; a corporate author gives
its acronym: American Physical Therapy Association → apta), `{authors}` two family names or
the first and `etal`, `{year}`, `{shorttitle}` / `{shorttitle:N}` the first N words of the
title that are not articles or prepositions. Everything else in the pattern is literal.
Keys are lower-case ASCII (Müller → muller, Łukasz → lukasz); a taken key gets a, b, … z, aa.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from ..tocsl import names
from . import values

DEFAULT_PATTERN = "{auth}{year}{shorttitle}"
SKIP_WORDS = frozenset(["a", "an", "the", "and", "or", "but", "nor", "of", "on", "in", "at", "to",
                        "for", "from", "with", "by", "as", "about", "into", "over", "under", "is",
                        "are", "was", "were", "be", "der", "die", "das", "den", "dem", "ein",
                        "eine", "und", "le", "la", "les", "l", "un", "une", "des", "du", "de",
                        "et", "el", "los", "las", "y", "il", "lo", "gli", "i"])
_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\d+))?\}")


def split_names(text: str) -> list[str]:
    """A BibTeX name list → its names (split on `and` outside braces)."""
    return names.split_names(text)


def family(name: str) -> str:
    """The family name (without `von` particles) of one BibTeX name; a corporate name whole."""
    parsed = names.parse_name(name)[0]
    return parsed.get("family") or parsed.get("literal") or parsed.get("given") or ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", values.ascii_fold(text).lower())


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", values.plain(name)) if w]
    significant = [w for w in words if w.lower() not in SKIP_WORDS]
    if significant and len(significant[0]) > 1 and significant[0].isupper():
        return _slug(significant[0])  # "APTA Public Policy": the name's own short form
    if len(significant) < 2:
        return _slug(" ".join(words))
    return _slug("".join(w[0] for w in significant))


def auth(names_text: str) -> str:
    names = split_names(names_text)
    if not names:
        return ""
    first = names[0]
    return _person_slug(first)


def authors(names_text: str) -> str:
    names = split_names(names_text)
    if len(names) > 2:
        return auth(names[0]) + "etal"
    return "".join(_person_slug(n) for n in names)


def _person_slug(name: str) -> str:
    parsed = names.parse_name(name)[0]
    if "literal" in parsed:
        return acronym(parsed["literal"])
    return _slug(parsed.get("family") or parsed.get("given") or "")


def title_words(title: str, n: int) -> str:
    words = re.split(r"[^\w]+", values.ascii_fold(values.plain(title)).lower())
    kept = [w for w in words if w and w not in SKIP_WORDS]
    return "".join(kept[:n])


def year(fields: Callable[[str], str]) -> str:
    m = re.search(r"\d{4}", fields("year") or fields("date") or "")
    return m.group() if m else ""


# The placeholders that are not field names; `{shorttitle:N}` and `{title:N}` take a count.
NAMED = ("auth", "authors", "year", "shorttitle", "title")
COUNTED = ("shorttitle", "title")
_TOKEN = re.compile(r"\{([^{}]*)\}")


def problem(pattern: str, fields: Collection[str]) -> tuple[str, str] | None:
    """What is wrong with a key pattern, and how to fix it; None when nothing is. A placeholder
    must be one of NAMED or a field name of `fields` (`{journal}`), a count a whole number from
    1 on, on `{shorttitle:N}` or `{title:N}` only; and the pattern must hold a placeholder, or
    every entry would get the same key."""
    import difflib

    listing = ("use {auth}, {authors}, {year}, {shorttitle}, {shorttitle:N}, {title}, "
               "{title:N} or a field name such as {journal}")
    tokens = list(_TOKEN.finditer(pattern))
    rest = _TOKEN.sub("", pattern)
    if "{" in rest or "}" in rest:
        return "a brace that opens or closes no placeholder", \
            "write each placeholder as {name} or {name:N}"
    if not tokens:
        return "no placeholder: every entry would get the same key", listing
    for t in tokens:
        m = re.fullmatch(r"(\w+)(?::(.*))?", t.group(1).strip())
        name = m.group(1).lower() if m else ""
        if not m or (name not in NAMED and name not in fields):
            close = difflib.get_close_matches(name or t.group(1), NAMED, n=1, cutoff=0.6)
            return f"unknown placeholder {t.group()}", \
                (f"did you mean {{{close[0]}}}? " if close else "") + listing
        count = m.group(2)
        if count is not None and (name not in COUNTED or not count.isdecimal()
                                  or int(count) < 1):
            return f"{t.group()}: " + (f"{{{name}}} takes no count" if name not in COUNTED
                                       else "the count must be a whole number from 1 on"), \
                "write {shorttitle:N} or {title:N} with N = 1, 2, 3 …"
    return None


def make(pattern: str, field: Callable[[str], str]) -> str:
    """The key the pattern gives for an entry whose field text `field(name)` returns."""
    people = field("author") or field("editor")

    def fill(m: re.Match) -> str:
        name, n = m.group(1).lower(), int(m.group(2) or 1)
        if name == "auth":
            return auth(people)
        if name == "authors":
            return authors(people)
        if name == "year":
            return year(field)
        if name == "shorttitle":
            return title_words(field("title") or field("journal"), n)
        if name == "title":
            return title_words(field("title") or field("journal"), n if m.group(2) else 99)
        return _slug(field(name))

    key = _PLACEHOLDER.sub(fill, pattern or DEFAULT_PATTERN)
    key = re.sub(r"[^a-z0-9_:.\-]+", "", values.ascii_fold(key).lower()).strip("_:.-")
    return key or "anon"


def unique(key: str, taken: Collection[str]) -> str:
    """`key`, or `key` + a, b, … z, aa, ab … — the first not in `taken` (case-insensitive)."""
    lowered = {k.lower() for k in taken}
    if key.lower() not in lowered:
        return key
    n = 0
    while True:
        suffix, i = "", n
        while True:
            suffix = chr(ord("a") + i % 26) + suffix
            i = i // 26 - 1
            if i < 0:
                break
        if (key + suffix).lower() not in lowered:
            return key + suffix
        n += 1
