"""Which keys the posts cite, for `check --posts`: biblio.citations reads each post."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import ERROR, BiblioError, Diagnostic

POST_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd", ".html", ".htm")


def cited_keys(folder: str | Path) -> dict[str, tuple[str, int, int]]:
    """key -> (post, line, col) of its first citation, for every post under `folder`
    (keys in a post's `nocite` count; the key "*" means every entry is cited)."""
    from ..citations import find_citations, nocite_keys

    root = Path(folder)
    if not root.exists():
        raise BiblioError(Diagnostic(str(root), 1, 1, ERROR, "io", "no such folder",
                                     "point --posts at the folder of your posts"), exit_code=2)
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.suffix.lower() in POST_SUFFIXES and p.is_file())
    out: dict[str, tuple[str, int, int]] = {}
    for p in files:
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise BiblioError(Diagnostic(str(p), 1, 1, ERROR, "io", f"cannot read the post: {e}",
                                         "save it as UTF-8"), exit_code=2) from None
        html = p.suffix.lower() in (".html", ".htm")
        fm, citations = find_citations(text, html=html, path=str(p))
        for c in (c for cit in citations for c in cit.cites):
            out.setdefault(c.key, (str(p), c.line, c.col))
        line = fm.line_of.get("nocite", 1)
        for key in nocite_keys(fm.meta):  # "*" (nocite: '@*') cites every entry
            out.setdefault(key, (str(p), line, 1))
    return out
