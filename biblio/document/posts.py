"""What a post is, where the posts are, and what each one cites: the one answer that `build`,
`render`, `rm`, `cited-by` and `check --posts` all use.

A post is a Markdown (`.md`, `.markdown`, `.qmd`, `.rmd`) or HTML (`.html`, `.htm`) file; files
and folders whose names start with "." are skipped. The folder is `[tool.biblio.build] src`
(default `posts/`), and `[tool.biblio.build] patterns` may narrow which files count.

Markdown is parsed with markdown-it-py, and citations are recognised by two inline rules inside
its parser, so code spans, code blocks, autolinks, raw HTML and backslash escapes are never
looked into. HTML posts are walked with Python's html.parser, text nodes only.
"""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import NamedTuple

from .. import paths
from ..diagnostics import ERROR, BiblioError, Diagnostic
from ..paths import confined, inside, shown
from . import sources
from .frontmatter import FrontMatter, nocite_keys, split_front_matter
from .read_markdown import NoteRef, parse_markdown
from .syntax import Citation

MARKDOWN_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES
DEFAULT_PATTERNS = tuple(f"**/*{s}" for s in SUFFIXES)
DEFAULT_FOLDER = "posts"


class CitedKey(NamedTuple):
    key: str
    line: int  # 1-based, in the whole file (front matter included)
    col: int  # 1-based, of the "@"


def is_html(path: str | Path) -> bool:
    return str(path).lower().endswith(HTML_SUFFIXES)


def is_post(rel: str, patterns: tuple[str, ...] = DEFAULT_PATTERNS) -> bool:
    """Whether a path (relative to the posts folder, '/'-separated) names a post."""
    if not rel.lower().endswith(SUFFIXES) or any(p.startswith(".") for p in rel.split("/")):
        return False
    return any(fnmatch.fnmatch(rel, p) or (p.startswith("**/") and fnmatch.fnmatch(rel, p[3:]))
               for p in patterns)


def folder(config, option: str | Path | None = None) -> Path:
    """The posts folder: `--posts`/SRC when given, else `[tool.biblio.build] src`, else
    `posts/` beside the settings file; one above the project is refused (`bounded`)."""
    if option:
        return bounded(shown(option), config)
    return bounded(shown(config.root / str(config.section("build").get("src", DEFAULT_FOLDER))),
                   config, setting=True)


def bounded(where: Path, config, setting: bool = False) -> Path:
    """`where`, a posts folder (or one post), when it is not above the project: the file
    system's root, the home folder, or a folder holding the project's own (the settings'
    folder, else the working one) would have every file below it read as a post — all of
    the disk's. Refused (exit 2) before anything is read; every command's posts come here."""
    real = os.path.realpath(where)
    top = os.path.realpath(config.root)
    try:
        home = os.path.realpath(Path.home())
    except (RuntimeError, KeyError):  # no home folder to be found
        home = None
    if os.path.dirname(real) == real:
        what = "is the file system's root"
    elif real == home:
        what = "is the home folder"
    elif real != top and inside(top, real):
        what = f"is above the project's folder ({shown(config.root)})"
    else:
        return where
    message = (f"the posts folder {where} {what}: every file below it would be read as a post")
    fix = "name the folder that holds the posts (--posts posts), or run biblio in it"
    if setting and config.source is not None:
        from ..config import _locate

        line, col = _locate(config.source, "build", "src")
        raise BiblioError(Diagnostic(str(shown(config.source)), line, col, ERROR, "usage",
                                     message, fix.replace("(--posts posts)",
                                                          '(src = "posts")')), exit_code=2)
    from ..diagnostics import usage

    raise usage(message, fix)


def patterns(config) -> tuple[str, ...]:
    return tuple(config.section("build").get("patterns", DEFAULT_PATTERNS))


def find_posts(src: Path, pats: tuple[str, ...] = DEFAULT_PATTERNS,
               exclude: Path | None = None) -> list[Path]:
    """Post files under `src`, relative to it, sorted; hidden files and folders and `exclude`
    skipped. One walk of the tree, so a no-op build of a big site stays fast. A symbolic link
    is followed only when what it points to is inside `src`."""
    root = os.path.realpath(src)
    ex = os.path.realpath(exclude) if exclude else None
    found = []
    for here, dirs, files in os.walk(src):
        keep = []
        for d in sorted(dirs):
            real = os.path.realpath(os.path.join(here, d))
            if d.startswith(".") or real == ex or not inside(real, root):
                continue
            keep.append(d)
        dirs[:] = keep
        rel_dir = os.path.relpath(here, src)
        for name in files:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            if is_post(rel, pats):
                found.append(Path(rel))
    return sorted(found)


def read_post(path: Path, src: Path | None = None) -> str:
    """A post's text. A post that is a symbolic link to a file outside its folder `src` is
    refused (exit 2): publishing it could publish any file the build can read."""
    if src is not None:
        confined(path, src)
    try:
        return paths.read_bytes(path).decode("utf-8-sig")
    except OSError as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"cannot read the post: {e.strerror}", "check the file"),
                          exit_code=2) from None
    except UnicodeDecodeError as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"the post is not UTF-8 (byte {e.start})",
                                     "save it as UTF-8"), exit_code=2) from None


class Parsed(NamedTuple):
    front_matter: FrontMatter
    body: str
    tokens: list | None  # markdown-it tokens (None for HTML)
    citations: list[Citation]  # in source order
    note_refs: list[NoteRef]  # the author's footnote references in the running text
    env: dict  # markdown-it's environment: the footnotes' contents


def parse(text: str, *, html: bool = False, locale: str = "en-US",
          path: str = "<post>") -> Parsed:
    """A post's front matter, body, markdown tokens, citations and footnotes.

    Raises BiblioError for front matter biblio cannot use."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if html:
        from .read_html import parse_html  # html.parser: 2 ms a Markdown post need not pay

        return Parsed(FrontMatter(path=path), text, None, parse_html(text, locale), [], {})
    fm, body = split_front_matter(text, path)
    loc = fm.meta.get("locale") or fm.meta.get("lang") or locale
    tokens, cites, env, refs = parse_markdown(body, str(loc) if loc else locale)
    return Parsed(fm, body, tokens, cites, refs, env)


def cited_keys(text: str, *, html: bool = False, path: str = "<post>",
               star: bool = False) -> list[CitedKey]:
    """Every key a post cites, where: `[(key, line, col)]` in source order.

    Keys listed in the front matter's `nocite` count too (at that line); `@*` (every entry)
    is given as the key "*" only when `star`."""
    return keys_of(parse(text, html=html, path=path), star)


def keys_of(parsed: Parsed, star: bool) -> list[CitedKey]:
    fm = parsed.front_matter
    out = [CitedKey(c.key, c.line, c.col) for cit in parsed.citations for c in cit.cites]
    line = fm.line_of.get("nocite", 1)
    out += [CitedKey(k, line, 1) for k in nocite_keys(fm.meta) if star or k != "*"]
    return out


def citations_in(src: Path, pats: tuple[str, ...] = DEFAULT_PATTERNS,
                 exclude: Path | None = None) -> dict[str, list[tuple[str, int, int]]]:
    """key -> [(post, line, col)] for every citation in every post under `src` (`src` may
    also be a single post). `nocite: '@*'` gives the key "*". Raises BiblioError for a folder
    that does not exist, a post that cannot be read or front matter biblio cannot use."""
    return _found(*survey(src, pats, exclude))


def _found(found, problems):
    if problems:
        raise BiblioError(problems, exit_code=max(_EXIT.get(d.rule, 1) for d in problems))
    return found


def citations_titled(src: Path, pats: tuple[str, ...] = DEFAULT_PATTERNS,
                     exclude: Path | None = None):
    """`citations_in`, and each post's title (path → title), from one reading of the posts."""
    titles: dict[str, str] = {}
    return _found(*survey(src, pats, exclude, titles=titles)), titles


_EXIT = {"io": 2, "outside-folder": 2}


def survey(src: Path, pats: tuple[str, ...] = DEFAULT_PATTERNS, exclude: Path | None = None,
           root: Path | None = None, titles: dict[str, str] | None = None,
           bibs: set[Path] | None = None
           ) -> tuple[dict[str, list[tuple[str, int, int]]], list[Diagnostic]]:
    """What `citations_in` finds, and each post's problems as diagnostics rather than an
    error. With `root`, the files, style and locale each front matter names are looked up
    too (as `render` will), for `check --posts`, and the bibliographies found are added to
    `bibs`; with `titles`, each post's title (its front matter's, else its file name) is put
    there, read in the same pass."""
    if paths.is_file(src):
        files = [src]
    elif paths.is_dir(src):
        files = [src / rel for rel in find_posts(src, pats, exclude)]
    else:
        raise BiblioError(Diagnostic(str(src), 1, 1, ERROR, "io", "no such folder of posts",
                                     "give the folder with --posts, or set "
                                     "[tool.biblio.build] src"), exit_code=2)
    found: dict[str, list[tuple[str, int, int]]] = {}
    problems: list[Diagnostic] = []
    for p in files:
        try:
            text = read_post(p, None if paths.is_file(src) else src)
            html = is_html(p)
            parsed = parse(text, html=html, path=str(p))
            for k in keys_of(parsed, star=True):
                found.setdefault(k.key, []).append((str(p), k.line, k.col))
            if root is not None and not html:
                own = sources.resolve(parsed.front_matter, p.parent, root)
                if own.abbreviations is not None:  # read as render reads it: said the same
                    sources.abbreviations(own.abbreviations)
                if bibs is not None:
                    bibs.update(own.bib)
            if titles is not None:
                title = parsed.front_matter.meta.get("title")
                titles[str(p)] = str(title) if title else p.stem
        except BiblioError as e:
            problems += e.diagnostics
    return found, problems


def citing(keys, config, option: str | Path | None = None) -> dict[str, list[tuple[str, int, int]]]:
    """key → [(post, line, col)] for each of `keys` a post cites: what `rm`, `edit` and
    `cited-by` ask. No posts folder (the default one absent) means no citations."""
    where = folder(config, option)
    if option is None and not where.exists():
        return {}
    found = citations_in(where, patterns(config))
    return {k: v for k, v in found.items() if k in keys}
