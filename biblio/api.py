"""The Python API: `biblio.render_post(text, library, ...)`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .post import Rendered, Settings, render


def items_of(library: Any) -> dict[str, dict]:
    """CSL-JSON items by key, from a Library, a .bib path, a list or a dict of CSL-JSON items."""
    from .items import Items
    from .library import Library, load

    if isinstance(library, (str, Path)):
        library = load(library)
    if isinstance(library, Library):
        return Items(library)
    if isinstance(library, Items):
        return library
    if isinstance(library, dict):
        return {str(k): dict(v, id=str(k)) for k, v in library.items()}
    return {str(it["id"]): dict(it) for it in library}


def find_style(name: str | None = None, root: Path | None = None) -> Path:
    from .styles import find_style as find

    return find(name, root or Path.cwd())


@functools.lru_cache(maxsize=16)
def _read_style(path: str) -> str:
    from .styles import read_style

    return read_style(path)


def style_text(name: str | None = None, root: Path | None = None) -> str:
    return _read_style(str(find_style(name, root)))


def render_post(text: str, library: Any, *, path: str = "<post>", style: str | None = None,
                locale: str | None = None, to: str = "html", standalone: bool = False,
                link_citations: bool = True, allow_missing: bool = False,
                html: bool | None = None, bib_name: str = "references.bib") -> Rendered:
    """Render one post's citations and reference list.

    `library`: a biblio Library, a path to a .bib file, or CSL-JSON items (list or dict by id).
    Returns `Rendered(text, keys, diagnostics, title)`; raises BiblioError for unknown keys
    unless `allow_missing`.
    """
    items = items_of(library)
    settings = Settings(style=style_text(style), locale=locale, to=to, standalone=standalone,
                        link_citations=link_citations, allow_missing=allow_missing,
                        bib_name=bib_name)
    return render(text, items, settings, path=path, html=html)
