"""biblio's CSL engine: `render(style, items, clusters) -> Result`."""

from __future__ import annotations

from biblio.csl.result import Entry, Result

__all__ = ["Entry", "Result", "render"]


def render(style, items, clusters=None, *, locale=None, output="html") -> Result:
    from biblio.csl.baseline import render as _render
    return _render(style, items, clusters, locale=locale, output=output)
