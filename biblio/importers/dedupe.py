"""Is a new record already in the library? Same DOI, or same title + year + first author.

Titles, names and DOIs are compared in a normal form: LaTeX decoded, ASCII-folded, lower-case,
punctuation dropped; DOIs without their `https://doi.org/` or `doi:` prefix; ISBNs as 13 digits.
The same normal forms decide `biblio check`'s `duplicate-entry`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from . import keys, values


def norm_doi(doi: str) -> str:
    doi = values.plain(doi).strip().lower()
    doi = re.sub(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", "", doi)
    return doi.rstrip(".")


def norm_isbns(text: str) -> list[str]:
    """The ISBNs of an `isbn` field (several may be listed) as 13 digits each: an ISBN-10 is
    978 + its first nine digits + a new check digit, as the ISBN agency converts them. What
    is not 10 or 13 characters long is left out (`bad-isbn` reports it)."""
    out = []
    for item in re.split(r"[,;]|\s{2,}", values.plain(text)):
        s = re.sub(r"[\s-]", "", item).upper()
        if len(s) == 10 and s[:9].isdigit():
            body = "978" + s[:9]
            check = -sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(body)) % 10
            out.append(body + str(check))
        elif len(s) == 13 and s.isdigit():
            out.append(s)
    return out


def signature(field: Callable[[str], str]) -> tuple[str, str, str] | None:
    """(title, year, first author) in normal form; None when there is no title. An entry
    without a title (a magazine issue) is known by its journal instead."""
    title = normal_title(field)
    if not title:
        return None
    return title, keys.year(field), first_author(field)


def normal_title(field: Callable[[str], str]) -> str:
    return values.normal(field("title") or field("journal") or field("journaltitle"))


def first_author(field: Callable[[str], str]) -> str:
    """The first author's (else editor's) family name in normal form; "" when there is none."""
    people = field("author") or field("editor")
    names = keys.split_names(people) if people else []
    return values.normal(keys.family(names[0])) if names else ""


class Index:
    """The library's entries by DOI and by signature, for quick look-ups.

    Signatures (which decode LaTeX and fold names) are computed lazily, only for the entries
    of the years the new records have: checking one DOI against 10,000 entries then costs
    a few hundred signatures, not 10,000.
    """

    def __init__(self) -> None:
        self.by_doi: dict[str, str] = {}
        self._by_year: dict[str, list[tuple[str, Callable[[str], str]]]] = {}
        self._sigs: dict[str, dict[tuple[str, str, str], str]] = {}

    @classmethod
    def build(cls, entries: Iterable) -> Index:
        index = cls()
        for e in entries:
            index.add(e.key, _getter(e))
        return index

    def add(self, key: str, field: Callable[[str], str]) -> None:
        doi = norm_doi(field("doi") or "")
        if doi:
            self.by_doi.setdefault(doi, key)
        year = keys.year(field)
        self._by_year.setdefault(year, []).append((key, field))
        if year in self._sigs:
            sig = signature(field)
            if sig:
                self._sigs[year].setdefault(sig, key)

    def _year(self, year: str) -> dict[tuple[str, str, str], str]:
        if year not in self._sigs:
            sigs: dict[tuple[str, str, str], str] = {}
            for key, field in self._by_year.get(year, []):
                sig = signature(field)
                if sig:
                    sigs.setdefault(sig, key)
            self._sigs[year] = sigs
        return self._sigs[year]

    def find(self, field: Callable[[str], str]) -> tuple[str, str] | None:
        """(existing key, why) when the record duplicates an entry, else None."""
        doi = norm_doi(field("doi") or "")
        if doi and doi in self.by_doi:
            return self.by_doi[doi], f"the same DOI {doi}"
        sig = signature(field)
        if sig:
            key = self._year(sig[1]).get(sig)
            if key is not None:
                return key, "the same title, year and first author"
        return None


def _getter(entry) -> Callable[[str], str]:
    return lambda name: entry.get(name) or ""
