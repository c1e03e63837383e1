"""The Python API: `biblio.render_post(text, library, ...)`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .bib.blocks import Library
from .bib.library import load
from .document import Rendered, Settings, render
from .document.entries import Items
from .styles import find_locale, read_style


def items_of(library: Any) -> dict[str, dict]:
    """CSL-JSON items by key, from a Library, a .bib path, a list or a dict of CSL-JSON items."""
    if isinstance(library, (str, Path)):
        library = load(library)
    if isinstance(library, Library):
        return Items(library)
    if isinstance(library, Items):
        return library
    if isinstance(library, dict):
        return {str(k): dict(v, id=str(k)) for k, v in library.items()}
    return {str(it["id"]): dict(it) for it in library}


def render_post(text: str, library: Any, *, path: str = "<post>", style: str | None = None,
                locale: str | None = None, to: str = "html", standalone: bool = False,
                link_citations: bool = True, allow_missing: bool = False,
                html: bool | None = None, bib_name: str = "references.bib",
                root: Path | None = None, keep_front_matter: bool = True,
                checks=None, memo=None) -> Rendered:
    """Render one post's citations and reference list.

    `library`: a biblio Library, a path to a .bib file, or CSL-JSON items (list or dict by id).
    `root`: the project's folder (front-matter paths are tried there after the post's own).
    `keep_front_matter`: with `to="markdown"`, whether the post's YAML stays at its top.
    `checks`: a `biblio.rules.Selection` of the rules whose errors in a cited entry stop the
    post (default: every rule, at its own severity).
    `memo`: a `biblio.csl.memo.Memo` kept across the posts of one site, so the engine renders
    a work they share once (the page is the same without it).
    Returns `Rendered(text, keys, diagnostics, title)`; raises BiblioError for front matter
    biblio cannot use, unknown keys (unless `allow_missing`) and cited entries with errors.
    """
    items = items_of(library)
    settings = Settings(style=read_style(style, root), locale=find_locale(locale), to=to,
                        standalone=standalone, link_citations=link_citations,
                        allow_missing=allow_missing, bib_name=bib_name, root=root,
                        keep_front_matter=keep_front_matter, checks=checks)
    return render(text, items, settings, path=path, html=html, memo=memo)
