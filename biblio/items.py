"""CSL-JSON items for the entries a post cites.

`csl_item(entry)` is the ONE place that turns a BibTeX entry into CSL-JSON for the post
pipeline. Until the mapping table (biblio.tocsl) lands it is a small stand-in covering the
sample blog's entry types; when biblio.tocsl exists it is used instead.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES = {
    "article": "article-journal", "book": "book", "inbook": "chapter",
    "incollection": "chapter", "inproceedings": "paper-conference",
    "conference": "paper-conference", "report": "report", "techreport": "report",
    "online": "webpage", "www": "webpage", "thesis": "thesis", "phdthesis": "thesis",
    "mastersthesis": "thesis", "misc": "document", "unpublished": "manuscript",
    "manual": "report", "booklet": "pamphlet", "dataset": "dataset", "software": "software",
}
_SUBTYPES = {"magazine": "article-magazine", "newspaper": "article-newspaper"}
_TEXT = {"title": "title", "journal": "container-title", "journaltitle": "container-title",
         "booktitle": "container-title", "publisher": "publisher",
         "institution": "publisher", "school": "publisher", "address": "publisher-place",
         "location": "publisher-place", "volume": "volume", "number": "issue",
         "edition": "edition", "doi": "DOI", "url": "URL", "eid": "number"}
_LATEX = [("\\&", "&"), ("---", "—"), ("--", "–"), ("\\%", "%"), ("\\_", "_"), ("~", "\u00a0")]


def csl_item(entry) -> dict[str, Any]:
    """CSL-JSON for one `biblio.library.Entry`."""
    try:  # the mapping table, once it is on main
        from biblio import tocsl  # type: ignore[attr-defined]
    except ImportError:
        tocsl = None
    if tocsl is not None and hasattr(tocsl, "to_csl"):
        return tocsl.to_csl(entry)
    return _stand_in(entry)


def _text(value: str) -> str:
    for a, b in _LATEX:
        value = value.replace(a, b)
    return re.sub(r"[{}]", "", value).strip()


def _names(value: str) -> list[dict[str, str]]:
    out = []
    for part in re.split(r"\s+and\s+(?![^{]*\})", value.strip()):
        part = part.strip()
        if part.startswith("{") and part.endswith("}"):
            out.append({"literal": _text(part[1:-1])})
        elif "," in part:
            family, given = part.split(",", 1)
            out.append({"family": _text(family), "given": _text(given)})
        else:
            words = part.split()
            out.append({"family": _text(words[-1]), "given": _text(" ".join(words[:-1]))}
                       if len(words) > 1 else {"literal": _text(part)})
    return out


def _date(value: str) -> dict | None:
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value.strip())
    if not m:
        return None
    return {"date-parts": [[int(x) for x in m.groups() if x]]}


def _stand_in(entry) -> dict[str, Any]:
    get = entry.get
    item: dict[str, Any] = {"id": entry.key}
    kind = (get("type") or "").lower()
    if kind in ("personal communication", "personal_communication"):
        item["type"] = "personal_communication"
    else:
        item["type"] = _SUBTYPES.get((get("entrysubtype") or "").lower()) or \
            _TYPES.get(entry.type, "document")
    for field, var in _TEXT.items():
        value = get(field)
        if value and var not in item:
            item[var] = _text(value)
    for field in ("author", "editor"):
        value = get(field)
        if value:
            item[field] = _names(value)
    if get("pages"):
        item["page"] = _text(get("pages")).replace("–", "-")
    issued = _date(get("date") or "") or (_date(get("year")) if get("year") else None)
    if issued:
        if get("month") and len(issued["date-parts"][0]) == 1 and get("month").isdigit():
            issued["date-parts"][0].append(int(get("month")))
        item["issued"] = issued
    accessed = _date(get("urldate") or "")
    if accessed:
        item["accessed"] = accessed
    return item
