"""Crossref: look a DOI up (`works/{doi}`) or a reference by its text; map a work to fields.

Only bibliographic facts are taken. Abstracts, subjects, references and funders are left out:
they are not needed to cite and abstracts are often under the publisher's copyright.
"""

from __future__ import annotations

import math
import os
import re
import urllib.parse

from ..csl import language as lang
from . import ImportFailed, Record, values
from .http import Client, NetworkError

DEFAULT_URL = "https://api.crossref.org"

_DOI = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)?"
                  r"(10\.\d{4,9}/\S+)$", re.IGNORECASE)

# Crossref type → (biblatex type, the field that holds container-title)
TYPES: dict[str, tuple[str, str | None]] = {
    "journal-article": ("article", "journal"),
    "book": ("book", "series"),
    "monograph": ("book", "series"),
    "edited-book": ("book", "series"),
    "reference-book": ("book", "series"),
    "book-set": ("book", "series"),
    "book-chapter": ("incollection", "booktitle"),
    "book-section": ("incollection", "booktitle"),
    "book-part": ("incollection", "booktitle"),
    "reference-entry": ("inreference", "booktitle"),
    "proceedings-article": ("inproceedings", "booktitle"),
    "proceedings": ("proceedings", "series"),
    "dataset": ("dataset", None),
    "dissertation": ("thesis", None),
    "report": ("report", "series"),
    "report-component": ("report", "series"),
    "posted-content": ("online", None),
    "standard": ("standard", None),
    "peer-review": ("misc", None),
    "component": ("misc", None),
    "other": ("misc", None),
}
# Where the publisher goes, per biblatex type.
PUBLISHER_FIELD = {"book": "publisher", "incollection": "publisher", "inreference": "publisher",
                   "inproceedings": "publisher", "proceedings": "publisher",
                   "dataset": "publisher", "thesis": "institution", "report": "institution",
                   "online": "organization", "standard": "organization", "misc": "publisher"}
# APA cites these by year only; the others keep the full date.
YEAR_ONLY = {"article", "book", "incollection", "inreference", "inproceedings", "proceedings",
             "thesis", "report"}


def parse_doi(text: str) -> str | None:
    """The DOI in `10.…`, `doi:10.…` or `https://doi.org/10.…`; None if it is not one."""
    text = text.strip()
    if "doi.org/" in text.lower():
        text = urllib.parse.unquote(text)
    m = _DOI.match(text)
    return m.group(1).rstrip(".") if m else None


def base_url(settings: dict) -> str:
    return (os.environ.get("BIBLIO_CROSSREF_URL") or settings.get("crossref_url")
            or DEFAULT_URL).rstrip("/")


def fetch(doi: str, client: Client, settings: dict) -> Record:
    url = f"{base_url(settings)}/works/{urllib.parse.quote(doi, safe='/:;()')}"
    try:
        data = client.get_json(url, polite=True)
    except NetworkError as e:
        if e.kind == "not-found":
            raise ImportFailed("not-found", f"Crossref has no record of the DOI {doi} "
                               "(HTTP 404)", "check the DOI; DataCite DOIs (datasets, "
                               "some preprints) are not in Crossref — add them with --bibtex"
                               ) from None
        raise network_failure(e) from None
    message = work(data.get("message")) if isinstance(data, dict) else None
    if not message or not message.get("DOI"):
        client.forget(url)
        raise ImportFailed("bad-response", f"the answer from Crossref for {doi} is not a work "
                           "record", "try again later", exit_code=2)
    record = to_record(message)
    record.source = f"doi:{doi}"
    return record


def search(text: str, client: Client, settings: dict, rows: int = 5) -> list[dict]:
    """Crossref's bibliographic query: the best candidate works for a reference's text."""
    url = f"{base_url(settings)}/works"
    try:
        data = client.get_json(url, {"query.bibliographic": text, "rows": rows}, polite=True)
    except NetworkError as e:
        raise network_failure(e) from None
    message = data.get("message") if isinstance(data, dict) else None
    items = message.get("items") if isinstance(message, dict) else None
    return [work(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def network_failure(e: NetworkError) -> ImportFailed:
    offline = ("check the connection; or paste the entry's BibTeX with --bibtex -, or the "
               "reference with --text \"…\" (read here when Crossref is out of reach)")
    fixes = {"offline": offline, "no-host": offline,
             "timeout": "try again later, or raise BIBLIO_HTTP_TIMEOUT",
             "unavailable": "try again in a few minutes",
             "malformed": "try again later; if it persists the service is broken"}
    return ImportFailed("network", e.message, fixes.get(e.kind, "try again later"), exit_code=2)


# -- mapping ---------------------------------------------------------------------------------

# The JSON type each field that biblio reads has in Crossref's schema. An answer with another
# (a proxy, a mirror or a damaged cache: `"published-print": true`, `"type": [...]`) is read as
# if that field were absent: a work with fewer facts, never a crash. Other fields are kept.
_TEXT = ("DOI", "type", "volume", "issue", "page", "article-number", "edition-number",
         "publisher", "publisher-location", "subtype", "language")
_TEXTS = ("title", "subtitle", "container-title", "ISBN", "ISSN")
_PEOPLE = ("author", "editor", "issn-type")  # lists of objects with text values
_DATES = ("issued", "published-print", "published-online", "published", "created")
_NOTICES = ("updated-by", "update-to")  # lists of {DOI, type, source, label, record-id, updated}
_NOTICE_TEXT = ("DOI", "type", "source", "label", "record-id")


def _text(v) -> str | None:
    if isinstance(v, str):
        return v
    return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _date_object(v) -> dict | None:
    parts = v.get("date-parts") if isinstance(v, dict) else None
    return {"date-parts": [p for p in parts if isinstance(p, list)]} \
        if isinstance(parts, list) else None


def _strings(v) -> list | None:
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else None


def _persons(v) -> list | None:
    return [{k: x for k, x in p.items() if isinstance(x, str)} for p in v
            if isinstance(p, dict)] if isinstance(v, list) else None


def _notices(v) -> list | None:
    return [_notice(u) for u in v if isinstance(u, dict)] if isinstance(v, list) else None


def _score(v) -> float | None:
    number = isinstance(v, (int, float)) and not isinstance(v, bool)
    return v if number and not math.isnan(v) else None


# Each field biblio reads, with what reads it as the type Crossref's schema gives it.
_READERS = ((_TEXT, _text), (_TEXTS, _strings), (_PEOPLE, _persons), (_DATES, _date_object),
            (_NOTICES, _notices), (("score",), _score))


def work(message) -> dict:
    """A Crossref work message with each field biblio reads of the type the schema gives it
    ({} when the message is no JSON object)."""
    if not isinstance(message, dict):
        return {}
    out = dict(message)
    for names, read in _READERS:
        for name in names:
            v = read(out.pop(name, None))
            if v is not None:
                out[name] = v
    return out


def _first(value) -> str:
    if isinstance(value, list):
        return next((str(v) for v in value if v), "")
    return str(value or "")


def _people(contributors) -> str:
    out = []
    for c in contributors or []:
        if not isinstance(c, dict):
            continue
        if c.get("family"):
            out.append(values.person(c["family"], c.get("given", ""), c.get("suffix", "")))
        elif c.get("name"):
            out.append(values.corporate(c["name"]))
        elif c.get("given"):
            out.append(values.corporate(c["given"]))
    return values.names(out)


def _date(message: dict) -> list[int]:
    for name in _DATES:
        parts = (message.get(name) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0] is not None:
            try:
                return [int(p) for p in parts[0] if p is not None]
            except (TypeError, ValueError, OverflowError):  # (a float infinity)
                continue
    return []


def _issn(message: dict) -> str:
    typed = message.get("issn-type") or []
    for kind in ("print", "electronic"):
        for t in typed:
            if isinstance(t, dict) and t.get("type") == kind and t.get("value"):
                return t["value"]
    return _first(message.get("ISSN"))


def _notice(u: dict) -> dict:
    out = {k: t for k in _NOTICE_TEXT if (t := _text(u.get(k))) is not None}
    updated = _date_object(u.get("updated"))
    return {**out, "updated": updated} if updated is not None else out


def to_record(m: dict) -> Record:
    """A Crossref work message → a Record with biblatex fields."""
    m = work(m)
    kind = m.get("type") or "other"
    btype, container_field = TYPES.get(kind, ("misc", None))
    r = Record(btype)
    r.set("author", _people(m.get("author")))
    editors = _people(m.get("editor"))
    r.set("editor", editors)
    r.set("title", values.title(_first(m.get("title")), _first(m.get("subtitle"))))
    containers = [c for c in m.get("container-title") or [] if c]
    if containers and container_field:
        # Chapters list [series, book] or [book]: the book is the last one.
        r.set(container_field, values.title(containers[-1]))
    date = _date(m)
    if date:
        if btype in YEAR_ONLY or len(date) == 1:
            r.set("year", str(date[0]))
        else:
            r.set("date", values.date(date))
    r.set("volume", values.escape(str(m.get("volume") or "")))
    r.set("number", values.escape(str(m.get("issue") or "")))
    page = str(m.get("page") or "")
    if page:
        r.set("pages", values.pages(page))
    elif m.get("article-number"):
        r.set("eid", values.escape(str(m["article-number"])))
    if m.get("edition-number"):
        r.set("edition", values.escape(str(m["edition-number"])))
    publisher = str(m.get("publisher") or "")
    if publisher and btype in PUBLISHER_FIELD:
        r.set(PUBLISHER_FIELD[btype], values.escape(publisher))
        if m.get("publisher-location") and btype in ("book", "incollection", "proceedings",
                                                      "inproceedings", "report"):
            r.set("location", values.escape(m["publisher-location"]))
    if btype == "thesis":
        r.set("type", "phdthesis")
    if btype == "online" and m.get("subtype") == "preprint":
        r.set("pubstate", "prepublished")
    if btype == "article":
        r.set("issn", _issn(m))
    isbn = _first(m.get("ISBN"))
    if isbn and btype in ("book", "incollection", "inreference", "proceedings",
                          "inproceedings"):
        r.set("isbn", isbn)
    r.set("doi", values.verbatim(str(m.get("DOI") or "")))
    r.set("langid", lang.babel(str(m.get("language") or "").lower().split("-")[0]))
    if not r.fields.get("title"):
        r.review.append("Crossref gave no title")
    r.updates = [u for u in m.get("updated-by") or [] if isinstance(u, dict)]
    return r
