"""citeproc-py as-is behind the `render` signature: the baseline the conformance table compares to."""

from __future__ import annotations

import io
import warnings as _warnings
from typing import Any

from biblio.csl.result import Entry, Result


def render(style: str, items: list[dict[str, Any]], clusters=None, *, locale=None,
           output: str = "html") -> Result:
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    fmt = {"html": formatter.html, "text": formatter.plain}.get(output, formatter.plain)
    src = style if not style.lstrip().startswith("<") else io.BytesIO(style.encode("utf-8"))
    res = Result()
    with _warnings.catch_warnings(record=True) as caught:
        _warnings.simplefilter("always")
        csl = CitationStylesStyle(src, locale=locale or "en-US", validate=False)
        source = CiteProcJSON([dict(it) for it in items])
        bib = CitationStylesBibliography(csl, source, fmt)
        cites = []
        for cluster in clusters or []:
            c = Citation([_cite(x) for x in cluster])
            bib.register(c)
            cites.append(c)
        if clusters is None:
            for it in items:
                bib.register(Citation([CitationItem(str(it["id"]).lower())]))
        for c in cites:
            res.citations.append(str(bib.cite(c, lambda _: None)))
        if csl.root.bibliography is not None:
            for key, text in zip(bib.keys, bib.bibliography()):
                res.bibliography.append(Entry(key, str(text)))
    res.warnings = [str(w.message) for w in caught]
    return res


def _cite(x):
    from citeproc import CitationItem
    from citeproc.source import Locator

    if x.get("locator") in (None, ""):
        return CitationItem(str(x["id"]).lower())
    return CitationItem(str(x["id"]).lower(),
                        locator=Locator(str(x["locator"]), x.get("label") or "page"))
