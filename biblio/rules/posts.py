"""Which keys the posts cite, for `check --posts`: biblio.citations reads each post."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import ERROR, BiblioError, Diagnostic

POST_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd", ".html", ".htm")


def cited_keys(folder: str | Path) -> dict[str, tuple[str, int, int]]:
    """key -> (post, line, col) of its first citation, for every post under `folder`."""
    from ..citations import cited_keys as keys_in

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
        for key, line, col in keys_in(text, html=html, path=str(p)):
            out.setdefault(key, (str(p), line, col))
    return out
