"""biblio's CSL engine: `render(style, items, clusters) -> Result`."""

from __future__ import annotations

from biblio.csl.result import Entry, Result

__all__ = ["Entry", "Result", "render"]


def render(style, items, clusters=None, *, locale=None, output="html", links=False) -> Result:
    """Render citation clusters and the bibliography of `items` (CSL-JSON) with a CSL style.

    style: CSL XML text or a path. clusters: citation clusters in document order, each a list
    of cites {"id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only",
    "note"}; None renders the bibliography of all items. output: "html", "text" or "markdown".
    links: make DOIs and http(s) URLs links (off by default, as in the CSL test suite).
    """
    from biblio.csl.engine import render as _render

    return _render(style, items, clusters, locale=locale, output=output, links=links)
