"""arXiv: an identifier (2101.00001, arXiv:hep-th/9901001v2) → an @online preprint entry.

The export API answers in Atom. A preprint is cited with arXiv's own DOI (10.48550/arXiv.…),
as APA 7 asks; the published version, when arXiv knows it, is named in `note`.
"""

from __future__ import annotations

import os
import re

from . import ImportFailed, Record, values
from .crossref import network_failure
from .http import Client, NetworkError

DEFAULT_URL = "https://export.arxiv.org/api"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"

_NEW = r"\d{4}\.\d{4,5}"
_OLD = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ID = re.compile(rf"^(?:arxiv:\s*|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)?"
                 rf"({_NEW}|{_OLD})(v\d+)?(?:\.pdf)?$", re.IGNORECASE)
_BARE_OLD_NEEDS_PREFIX = re.compile(rf"^{_OLD}", re.IGNORECASE)


def parse_id(text: str) -> str | None:
    """The arXiv id (with its version, if given) in `text`; None if it is not one."""
    text = text.strip()
    m = _ID.match(text)
    if not m:
        m2 = re.match(r"^10\.48550/arxiv\.(.+)$", text, re.IGNORECASE)
        return parse_id(m2.group(1)) if m2 else None
    if _BARE_OLD_NEEDS_PREFIX.match(text):
        return None  # `math/0101001` alone is too likely a path; ask for `arXiv:` first
    return m.group(1) + (m.group(2) or "")


def base_url(settings: dict) -> str:
    return (os.environ.get("BIBLIO_ARXIV_URL") or settings.get("arxiv_url")
            or DEFAULT_URL).rstrip("/")


def fetch(arxiv_id: str, client: Client, settings: dict) -> Record:
    import xml.etree.ElementTree as ET

    url = f"{base_url(settings)}/query"
    params = {"id_list": arxiv_id, "max_results": "1"}
    try:
        body = client.get(url, params, accept="application/atom+xml")
    except NetworkError as e:
        if e.kind == "not-found":
            raise ImportFailed("not-found", f"arXiv has no record of {arxiv_id} (HTTP 404)",
                               "check the identifier") from None
        raise network_failure(e) from None
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        client.forget(url, params)
        raise ImportFailed("network", f"the answer from arXiv for {arxiv_id} is not valid "
                           f"Atom XML ({e})", "try again later", exit_code=2) from None
    entry = root.find(f"{ATOM}entry")
    if entry is None or "/api/errors" in (entry.findtext(f"{ATOM}id") or ""):
        client.forget(url, params)
        raise ImportFailed("not-found", f"arXiv has no record of {arxiv_id}",
                           "check the identifier (e.g. 2101.00001 or arXiv:hep-th/9901001)")
    record = to_record(entry)
    record.source = f"arXiv:{arxiv_id}"
    return record


def to_record(entry) -> Record:
    """One Atom `<entry>` element → a Record."""
    r = Record("online")
    people = [_person(a.findtext(f"{ATOM}name") or "") for a in entry.findall(f"{ATOM}author")]
    r.set("author", values.names(people))
    r.set("title", values.title(entry.findtext(f"{ATOM}title") or ""))
    published = (entry.findtext(f"{ATOM}published") or "")[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        r.set("date", published)
    abs_id = (entry.findtext(f"{ATOM}id") or "").rsplit("/abs/", 1)[-1]
    bare = re.sub(r"v\d+$", "", abs_id)
    r.set("eprint", values.verbatim(bare))
    r.set("eprinttype", "arxiv")
    primary = entry.find(f"{ARXIV}primary_category")
    if primary is not None and primary.get("term"):
        r.set("eprintclass", values.verbatim(primary.get("term", "")))
    if bare:
        r.set("doi", values.verbatim(f"10.48550/arXiv.{bare}"))
    published_as = []
    if entry.findtext(f"{ARXIV}journal_ref"):
        published_as.append(values.escape(entry.findtext(f"{ARXIV}journal_ref") or ""))
    if entry.findtext(f"{ARXIV}doi"):
        published_as.append("doi:" + values.escape(entry.findtext(f"{ARXIV}doi") or ""))
    if published_as:
        r.set("note", "Published as " + ", ".join(published_as))
    return r


def _person(name: str) -> str:
    """arXiv names are `Given Family` in one string."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return values.escape(words[0])
    i = len(words) - 1
    while i > 1 and words[i - 1][:1].islower():  # von particles stay with the family name
        i -= 1
    if words[-1].rstrip(".").lower() in ("jr", "sr", "ii", "iii", "iv") and len(words) > 2:
        return values.person(words[-2], " ".join(words[:-2]), words[-1])
    return values.person(" ".join(words[i:]), " ".join(words[:i]))
