"""Where a post's bibliography, style and locale come from: the command line, then the post's
front matter, resolved as pandoc's resource path does (the post's folder, then the project
root). Every miss is a located error with the places tried or the close matches."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths, styles
from ..diagnostics import ERROR, BiblioError, Diagnostic
from .frontmatter import FrontMatter


@dataclass(frozen=True)
class Sources:
    """The bibliographies, style and locale a post's own front matter names."""
    bib: tuple[Path, ...] = ()  # the post's own bibliographies (empty: the site's)
    style: Path | None = None  # the post's own style
    locale: str | None = None  # the post's own locale, as the locale files name it
    abbreviations: Path | None = None  # its list of short forms (citation-abbreviations)


def resolve(fm: FrontMatter, post_dir: Path | None, root: Path) -> Sources:
    """The post's own sources from its front matter. Raises BiblioError (exit 1) at the
    front-matter value that names something that cannot be found."""
    meta = fm.meta
    bibs = meta.get("bibliography")
    bibs = [bibs] if isinstance(bibs, str) else (bibs or [])
    found = tuple(_file(fm, "bibliography", str(b), post_dir, root) for b in bibs)
    style = None
    csl = meta.get("csl")
    if csl:
        csl = str(csl)
        if csl.endswith(".csl") or "/" in csl:
            style = _file(fm, "csl", csl, post_dir, root)
        else:
            style = _relocated(fm, "csl", lambda: styles.find_style(csl, root))
    locale = meta.get("locale") or meta.get("lang")
    if locale:
        key = "locale" if meta.get("locale") else "lang"
        locale = _relocated(fm, key, lambda: styles.find_locale(str(locale)))
    short = meta.get("citation-abbreviations")
    short = _file(fm, "citation-abbreviations", str(short), post_dir, root) if short else None
    return Sources(found, style, locale, short)


def _file(fm: FrontMatter, key: str, name: str, post_dir: Path | None, root: Path) -> Path:
    p = Path(name).expanduser()
    tried = [p] if p.is_absolute() else [d / p for d in (post_dir, root) if d is not None]
    tried = list(dict.fromkeys(tried))
    for t in tried:
        if paths.is_file(t):
            return t
    places = " and ".join(str(t) for t in tried)
    raise BiblioError(fm.at(key, ERROR, "front-matter", f"{key}: no file '{name}' (looked in "
                            f"{places})", "correct the path: it is read from the post's "
                            "folder, then the project's root"))


def _relocated(fm: FrontMatter, key: str, find):
    """A style or locale look-up, its error moved to the front-matter value."""
    try:
        return find()
    except BiblioError as e:
        d = e.diagnostics[0]
        raise BiblioError(fm.at(key, ERROR, "front-matter", f"{key}: {d.message}", d.fix)
                          ) from None



def abbreviations(path: Path) -> dict:
    """A list of short forms (pandoc's `citation-abbreviations`: JSON, citeproc-js's format
    `{"default": {"container-title": {"Full title": "Abbrev"}}}`). A file that cannot be read
    or is not such JSON is a located error, exit 1."""
    import json

    def fail(line: int, col: int, message: str, exit_code: int = 1):
        return BiblioError(Diagnostic(str(path), line, col, ERROR, "abbreviations", message,
                                      'write {"default": {"container-title": {"Full title": '
                                      '"Abbrev"}}}'), exit_code=exit_code)

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise fail(1, 1, f"cannot read the abbreviations: {e.strerror or e}", 2) from None
    except UnicodeDecodeError:
        raise fail(1, 1, "the abbreviations are not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise fail(e.lineno, e.colno, f"the abbreviations are not JSON: {e.msg}") from None
    except ValueError:  # a number longer than Python reads (4,300 digits)
        raise fail(1, 1, "the abbreviations have a number with more digits than can be read "
                   "(4,300 at most)") from None
    except RecursionError:
        raise fail(1, 1, "the abbreviations are nested too deeply to be a list of them") \
            from None
    lists = data.get("default") if isinstance(data, dict) else None
    if not isinstance(lists, dict) or not all(isinstance(v, dict) for v in lists.values()):
        raise fail(1, 1, 'the abbreviations are not a "default" mapping of variables '
                   "(container-title, title, …) to mappings of full texts to short forms")
    return data
