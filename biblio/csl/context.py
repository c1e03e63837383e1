"""The evaluation context: one item, one cite, and what rendering has done so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from biblio.csl import dates, label, numbers
from biblio.csl.language import is_english
from biblio.csl.nodes import (
    _COMPUTED,
    _SHORT,
    DATE_VARS,
    IDENTIFIERS,
    NAME_VARS,
    NUMBER_VARS,
    tight_space,
)
from biblio.csl.rich import Node, parse_markup

_DOI_PREFIX = re.compile(r"(?i)doi:\s*|https?://(?:dx\.)?doi\.org/")


def link_target(var: str, value: str) -> str | None:
    """Where a DOI or URL variable links to: a web address or none, never a script.

    A DOI is linked as https://doi.org/10.…, whatever prefix it was written with; a PubMed
    or PubMed Central id to its page at the NCBI; anything else only when it is an http(s) URL
    with a host (`httpx:alert(1)` is not).
    """
    value = value.strip()
    if var == "DOI":
        m = _DOI_PREFIX.match(value)
        doi = value[m.end():] if m else value
        # "10.1021/…", or a short DOI "10/bbbbb" (shortdoi.org)
        if doi.startswith(("10.", "10/")) and not any(c.isspace() for c in doi):
            return "https://doi.org/" + doi
    if var == "PMID" and value.isdigit() and value.isascii():
        return "https://www.ncbi.nlm.nih.gov/pubmed/" + value
    if var == "PMCID" and re.fullmatch(r"PMC\d+", value):
        return "https://www.ncbi.nlm.nih.gov/pmc/articles/" + value
    if var not in ("DOI", "URL"):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc \
            and not any(c.isspace() or ord(c) < 32 for c in value):
        return value
    return None


# Number variables whose hyphen joins a range ("3-4" -> "3–4"): all but a report's or patent's
# number, one identifier hyphen and all, and the computed citation-number (and the page,
# which has its page-range-format too).
_RANGE_VARS = NUMBER_VARS - {"number", "citation-number", "page"}
_AMPERSAND = re.compile(r"\s*&\s*")
_NO_MARKUP = IDENTIFIERS
# The cite's pinpoint is printed once per cite: a style that reaches `locator` twice
# (a page macro, then a generic one) means one locator, as citeproc-js prints it.
_ONCE = frozenset(("locator",))


def is_turkic(lang: str) -> bool:
    """Turkish and Azeri case i/İ and ı/I in pairs of their own."""
    return lang.lower()[:2] in ("tr", "az") and lang[2:3] in ("", "-", "_")


_SITE = re.compile(r"^([a-z][a-z0-9+.-]*://)?([^/?#]+)", re.IGNORECASE)


def url_site(url: str) -> str:
    """The short form of a URL: its site ("https://www.who.int/rehab" -> "www.who.int",
    "https://plato.stanford.edu/entries/" -> "https://plato.stanford.edu"). CSL 1.0.2 has
    no short URL and would print the long one; styles that ask for it (annual-reviews and
    ten more) mean the site, as citeproc-js prints it (the scheme goes before "www.")."""
    m = _SITE.match(url.strip())
    if m is None:
        return url
    scheme, host = m.group(1) or "", m.group(2)
    return host if host.lower().startswith("www.") else scheme + host


@dataclass
class ItemState:
    """What disambiguation decided for one item."""

    add_names: dict = field(default_factory=dict)  # variable -> names to show
    given: dict = field(default_factory=dict)  # (variable, index) -> 0 / 1 initials / 2 full
    year_suffix: int | None = None
    disambiguate: int = 0  # how many disambiguate="true" tests pass, in document order


class Item:
    """A CSL-JSON item with parsed dates, cached for all its cites."""

    __slots__ = ("_dates", "_names", "_split", "data", "english", "filled", "id", "turkic",
                 "type")

    def __init__(self, data: dict, locale_english: bool, locale_turkic: bool = False):
        if isinstance(data.get("note"), str) and ":" in data["note"]:
            data = _note_fields(data)
        self.data = data
        # The fields with a value (nodes.absent asks whether a group's are all empty).
        self.filled = frozenset([k for k, v in data.items() if v not in (None, "", [])])
        self.id = str(data.get("id"))
        self.type = data.get("type") or ""
        self._dates: dict = {}
        self._names: dict = {}
        self._split: dict = {}  # id(name) -> (name, its parts, whether it is romanesque)
        lang = data.get("language")
        self.english = is_english(lang, unmarked=locale_english)
        self.turkic = is_turkic(lang) if isinstance(lang, str) and lang else locale_turkic

    def date(self, var):
        if var not in self._dates:
            self._dates[var] = dates.parse(self.data.get(var))
        return self._dates[var]

    def name_parts(self, name: dict, split, romanesque) -> tuple:
        """`split(name)` and `romanesque(parts)` of a name, worked out once per name: every
        mode (sort, citation, bibliography) prints the same names."""
        got = self._split.get(id(name))
        if got is None or got[0] is not name:
            parts = split(name)
            got = self._split[id(name)] = (name, parts, romanesque(parts))
        return got[1], got[2]

    def names(self, var):
        got = self._names.get(var)
        if got is None:
            v = self.data.get(var)
            got = [n for n in v if isinstance(n, dict)] if isinstance(v, list) else []
            self._names[var] = got
        return got


_NOTE_FIELD = re.compile(r"^\s*\{?:?([A-Za-z][\w-]*):\s*(.+?)\}?\s*$")


def _note_fields(data: dict) -> dict:
    """Zotero's "cheater syntax": `variable: value` lines in the note fill missing fields."""
    known = DATE_VARS | NAME_VARS | NUMBER_VARS | _TEXT_VARS
    out = dict(data)
    rest = []
    for line in data["note"].splitlines():
        m = _NOTE_FIELD.match(line)
        if not m or m.group(1).lower() not in known:
            rest.append(line)
            continue
        key, value = m.group(1).lower(), m.group(2).strip()
        if key in NAME_VARS:
            family, _, given = value.partition("||")
            name = {"family": family.strip(), "given": given.strip()} if given else {
                "literal": family.strip()}
            out[key] = list(out.get(key) or []) + [name] if key not in data else out[key]
        elif key not in data:
            out[key] = {"raw": value} if key in DATE_VARS else value
    out["note"] = "\n".join(rest)
    if not out["note"]:
        del out["note"]
    return out


_TEXT_VARS = frozenset(
    ["abstract", "annote", "archive", "archive_location", "archive-place", "authority", "call-number", "citation-label", "collection-title", "container-title", "container-title-short", "dimensions", "DOI", "event", "event-place", "event-title", "genre", "ISBN", "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "original-publisher", "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher", "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "section", "source", "status", "title", "title-short", "type", "URL", "version", "volume-title", "year-suffix"]
)


def suffix_letters(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


_NO_OPTS: dict = {}  # a context outside citation and bibliography (never written to)


class Ctx:
    def __init__(self, style, locale, item: Item, cite: dict | None = None,
                 mode: str = "citation", section=None, links: bool = False):
        self.style = style
        self.locale = locale
        self.item = item
        self.cite = cite or {}
        self.mode = mode
        self.section_name_opts = section.name_opts if section else _NO_OPTS
        self.suppressed: set = set()
        self.disamb: ItemState | None = None
        self.disamb_rule_initials = False
        self.called = 0
        self.rendered = 0
        self.year_suffix_calls = 0  # (a macro calling year-suffix is no implicit group)
        self.in_substitute = 0
        # The variables a substitute has printed so far: the rest of it prints each once
        # (suppressed for what follows the substitute; a label or a test still reads them)
        self.substituted: set = set()
        self.suppress_names = False
        self.count_names = False
        self.names_out = None
        self.sort_opts = None
        self.position = self.cite.get("position", "first")
        self.near_note = bool(self.cite.get("near-note"))
        self.citation_number = None
        self.year_suffix_done = False
        self.year_as_suffix = False  # a year collapsed to its suffix: "2022a, p. 100, b, p. 6"
        self.english = item.english
        self.turkic = item.turkic
        self.links = links
        self.first_names = None
        self.first_names_taken = False
        self.first_names_real = False
        self.name_lists = 0  # name lists rendered so far
        self.suppress_first_names = False
        self.prose_names = False  # a narrative cite's names: "and", never "&"
        self.sas = None
        self.sas_done = False
        self.first_names_data = None
        self.first_names_text = None
        self.vars_rendered: set = set()
        self.disamb_seen = 0
        self.collect = None  # a list to collect (variable, index, name) of shown names
        # Rendering a cite to see whether it is ambiguous: the date it was accessed tells when
        # the writer looked, not which work it is, so it is left out (disambiguate.py).
        self.ambiguity_form = False
        self.title_node = None  # the bibliography entry's title, to link when `links`

    @property
    def locale_turkic(self) -> bool:
        return is_turkic(self.locale.lang)

    # --- variables -------------------------------------------------------------------------
    def printed_in_substitute(self, var) -> bool:
        return bool(self.in_substitute) and var in self.substituted

    def raw(self, var):
        if var in self.suppressed:
            return None
        if var == "locator":
            return self.cite.get("locator")
        if var == "citation-number":
            return self.citation_number
        if var == "first-reference-note-number":
            return self.cite.get("first-reference-note-number")
        if var == "year-suffix":
            ys = self.disamb.year_suffix if self.disamb else None
            return suffix_letters(ys) if ys is not None else None
        if var in NAME_VARS:
            return self.item.names(var) or None
        if var in DATE_VARS:
            return self.item.date(var)
        if var == "page-first":
            page = self.item.data.get("page-first") or self.item.data.get("page")
            if page in (None, ""):
                return None
            return numbers.first_page(str(page))
        v = self.item.data.get(var)
        if v is None and var == "citation-label":
            v = self._trigraph()
        return v

    def _trigraph(self):
        d = self.item.date("issued")
        return label.label(self.item.names, self.item.data.get("title"),
                           d.start[0] if d and d.start else None)

    def text_variable(self, var, form="long"):
        if var in self.suppressed or self.printed_in_substitute(var):
            self.called += 1  # printed earlier by a substitute: empty here
            return None
        if var != "year-suffix":  # an empty year-suffix does not empty its group
            self.called += 1
        else:
            self.year_suffix_calls += 1
        if var in _ONCE and var in self.vars_rendered:
            return None
        value = full = None
        if form == "short":
            for alt in _SHORT.get(var, (var + "-short",)):
                value = self.item.data.get(alt)
                if value not in (None, ""):
                    break
        if value in (None, ""):
            # (a plain field, not suppressed here, is what raw would return)
            value = self.raw(var) if var in _COMPUTED else self.item.data.get(var)
            if var == "URL" and form == "short" and isinstance(value, str):
                full, value = value, url_site(value)  # (the link still goes to the page)
        if value in (None, "", []) or isinstance(value, (list, dates.DateVal)):
            return None
        self.rendered += 1
        self.vars_rendered.add(var)
        if self.in_substitute:
            self.substituted.add(var)
        if isinstance(value, (int, float)):
            value = str(value)
        if not isinstance(value, str):
            return None
        if var == "page" or (var == "locator" and self.cite.get("label", "page") == "page"):
            value = numbers.format_range(value, self.style.page_range_format,
                                         numbers.range_delimiter(self.locale))
        elif var in _RANGE_VARS and numbers.is_numeric(value):
            # "200-201", issue "3-4": a range of numbers, joined by the locale's range
            # delimiter (a style's "-" for AMA, fr-FR's no-break hyphen), as a page range is
            value = numbers.format_range(value, None, numbers.range_delimiter(self.locale))
        if "&" in value and var in NUMBER_VARS and numbers.is_numeric(value):
            value = _AMPERSAND.sub(f" {numbers.ampersand(self.locale)} ", value)
        if "\\-" in value:
            value = value.replace("\\-", "-")  # an escaped hyphen is not a range
        if var in _NO_MARKUP:
            url = link_target(var, full or value) if self.links else None
            return Node([value], link=url) if url else value
        if var == "citation-label" and self.want_year_suffix():
            return value + self.year_suffix_text()
        if var in ("citation-number", "year-suffix"):
            return value
        value = tight_space(value)
        if var == "title" and self.links and self.mode == "bibliography" \
                and self.title_node is None:
            self.title_node = Node([parse_markup(value)])
            return self.title_node
        return parse_markup(value)

    def number_value(self, var):
        self.called += 1  # (printed earlier by a substitute: called, and empty here)
        if var in self.suppressed or self.printed_in_substitute(var):
            return None
        if var in _ONCE and var in self.vars_rendered:
            return None
        v = self.raw(var)
        if v in (None, ""):
            return None
        self.rendered += 1
        self.vars_rendered.add(var)
        if self.in_substitute:
            self.substituted.add(var)
        if var == "page" and isinstance(v, str):
            return numbers.format_range(v, self.style.page_range_format,
                                        numbers.range_delimiter(self.locale))
        return v

    # --- year suffix -------------------------------------------------------------------------
    def want_year_suffix(self) -> bool:
        if self.style.uses_year_suffix or self.year_suffix_done or self.disamb is None:
            return False
        return self.disamb.year_suffix is not None and "year-suffix" not in self.suppressed

    def year_suffix_text(self) -> str:
        self.year_suffix_done = True
        return suffix_letters(self.disamb.year_suffix)

    # --- conditions --------------------------------------------------------------------------
    def position_subsequent(self) -> bool:
        return self.mode == "citation" and self.position != "first"

    def condition(self, attr, val) -> bool:
        if attr == "type":
            return self.item.type == val
        if attr == "variable":
            if val == "locator":
                return self.cite.get("locator") not in (None, "")
            if val == "citation-label":
                # the label made up for printing ("Nguy01") is not the item's: a style tests
                # whether the user gave one (citeproc-js too)
                return self.item.data.get(val) not in (None, "")
            v = self.raw(val) if val not in self.suppressed else self.item.data.get(val)
            if val == "citation-number":
                return v is not None
            return v not in (None, "", [])
        if attr == "is-numeric":
            v = self.raw(val)
            return numbers.is_numeric(v)
        if attr == "is-uncertain-date":
            d = self.item.date(val)
            return bool(d and d.circa)
        if attr == "position":
            if self.mode != "citation":
                return False
            pos = self.position
            if val == "first":
                return pos == "first"
            if val == "subsequent":
                return pos != "first"
            if val == "ibid":
                return pos in ("ibid", "ibid-with-locator")
            if val == "ibid-with-locator":
                return pos == "ibid-with-locator"
            if val == "near-note":
                return pos != "first" and self.near_note
            return False
        if attr == "disambiguate":
            self.disamb_seen += 1
            on = bool(self.disamb and self.disamb_seen <= self.disamb.disambiguate)
            return on == (val == "true")
        return False
