"""The site's bibliography page (`[tool.biblio.build] bibliography`, `build --bibliography`):
every work the site's posts cite, in the style, each entry with links back to the posts that
cite it and the lines where they do. Markup comes from the HTML writer, like every page."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..document import reference_list
from ..document.posts import citations_titled
from ..document.render import retracted
from ..document.settings import Settings
from ..document.write_html import bibliography_page


def page(src: Path, out: Path, patterns: tuple[str, ...], page_rel: str, items,
         settings: Settings, out_of) -> str:
    """The page's HTML. `out_of(rel)` is where the post `rel` (relative to `src`) is written,
    relative to `out`; `items` are the site's entries (key → CSL-JSON item)."""
    cited, titles = citations_titled(src, patterns, exclude=out)
    where: dict[str, dict[str, list[int]]] = {}  # key → post → lines
    for key, places in cited.items():
        if key == "*" or key not in items:
            continue
        for post, line, _ in places:
            lines = where.setdefault(key, {}).setdefault(post, [])
            if line not in lines:
                lines.append(line)
    if settings.retracted:  # the facts about these very works (a post's own .bib may give
        # one of their keys to another work, retracted)
        settings = replace(settings, retracted={k: f for k in where
                                                if (f := retracted(settings, items, k))})
    listed, _, _ = reference_list([items[k] for k in where], settings, "html")
    here = os.path.dirname(page_rel)
    rows = []
    for key, html in listed:
        links = []
        for post, lines in where[key].items():
            rel = Path(post).relative_to(src).as_posix()
            href = os.path.relpath(out_of(rel), here or ".").replace(os.sep, "/")
            links.append((href, titles[post], sorted(lines)))
        rows.append((key, html, links))
    return bibliography_page(rows, settings)

