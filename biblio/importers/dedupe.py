"""Are two entries one work? The one answer for `biblio add` (is a new record already in the
library) and `biblio check`'s `duplicate-entry`: the same DOI, the same ISBN (whole books), or
the same title, year and first author unless their DOIs or volumes tell them apart.

Titles, names and DOIs are compared in a normal form: LaTeX decoded, ASCII-folded, lower-case,
punctuation dropped; DOIs without their `https://doi.org/` or `doi:` prefix; ISBNs as 13 digits.
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


# A whole book has an ISBN of its own; a chapter or paper shares its book's.
BOOKS = frozenset(("book", "mvbook", "collection", "mvcollection", "proceedings",
                   "mvproceedings", "reference", "mvreference"))
NOT_WORKS = frozenset(("xdata", "set"))  # field containers and groups, not works


def identifiers(kind: str, field: Callable[[str], str]) -> list[tuple[str, str]]:
    """What names one work for certain: ("DOI", doi), and ("ISBN", isbn) for a whole book."""
    doi = norm_doi(field("doi") or "")
    out = [("DOI", doi)] if doi else []
    if kind.lower() in BOOKS:
        out += [("ISBN", isbn) for isbn in norm_isbns(field("isbn") or "")]
    return out


def signature(field: Callable[[str], str]) -> tuple[str, str, str] | None:
    """(title, year, first author) in normal form; None without a title. An entry without a
    title (a magazine issue) is known by its journal instead; two undated entries of one
    title and first author (a web page added twice) are one work too."""
    title = normal_title(field)
    if not title:
        return None
    return title, keys.year(field), first_author(field)


def apart(a: Callable[[str], str], b: Callable[[str], str]) -> bool:
    """Whether two entries with one signature are still two works: their DOIs differ (a
    preprint and the article), or their volumes do (a multi-volume work)."""
    return told_apart(telling(a), telling(b))


def telling(field: Callable[[str], str]) -> tuple[str | None, ...]:
    """What `apart` compares, read once per entry: the DOI and the volume (None: not given)."""
    return tuple((field(name) or "").strip().lower() if field(name) else None
                 for name in ("doi", "volume"))


def told_apart(a: tuple[str | None, ...], b: tuple[str | None, ...]) -> bool:
    """`apart` on what `telling` read of each entry."""
    return any(x is not None and y is not None and x != y for x, y in zip(a, b))


def normal_title(field: Callable[[str], str]) -> str:
    return values.normal(field("title") or field("journal") or field("journaltitle"))


def first_author(field: Callable[[str], str]) -> str:
    """The first author's (else editor's) family name in normal form; "" when there is none."""
    people = field("author") or field("editor")
    names = keys.split_names(people) if people else []
    return values.normal(keys.family(names[0])) if names else ""


class Index:
    """The library's entries by identifier and by signature, for quick look-ups.

    Signatures (which decode LaTeX and fold names) are computed lazily, only for the entries
    of the years the new records have: checking one DOI against 10,000 entries then costs
    a few hundred signatures, not 10,000.
    """

    def __init__(self) -> None:
        self.by_id: dict[tuple[str, str], str] = {}
        self._by_year: dict[str, list[tuple[str, Callable[[str], str]]]] = {}
        self._sigs: dict[str, dict[tuple[str, str, str], list]] = {}

    @classmethod
    def build(cls, entries: Iterable) -> Index:
        index = cls()
        for e in entries:
            if e.type.lower() not in NOT_WORKS:
                index.add(e.key, _getter(e), e.type)
        return index

    def add(self, key: str, field: Callable[[str], str], kind: str = "") -> None:
        for ident in identifiers(kind, field):
            self.by_id.setdefault(ident, key)
        year = keys.year(field)
        self._by_year.setdefault(year, []).append((key, field))
        if year in self._sigs:
            sig = signature(field)
            if sig:
                self._sigs[year].setdefault(sig, []).append((key, field))

    def _year(self, year: str) -> dict[tuple[str, str, str], list]:
        if year not in self._sigs:
            sigs: dict[tuple[str, str, str], list] = {}
            for key, field in self._by_year.get(year, []):
                sig = signature(field)
                if sig:
                    sigs.setdefault(sig, []).append((key, field))
            self._sigs[year] = sigs
        return self._sigs[year]

    def find(self, field: Callable[[str], str], kind: str = "") -> tuple[str, str] | None:
        """(existing key, why) when the record is a work the library has, else None."""
        for ident in identifiers(kind, field):
            if ident in self.by_id:
                return self.by_id[ident], f"the same {ident[0]} {ident[1]}"
        sig = signature(field)
        if sig:
            for key, other in self._year(sig[1]).get(sig, []):
                if not apart(other, field):
                    return key, "the same title, year and first author"
        return None


def _getter(entry) -> Callable[[str], str]:
    return lambda name: entry.get(name) or ""
