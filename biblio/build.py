"""Build a site: find posts, render the changed ones in parallel, write them atomically.

The cache (`OUT/.biblio-cache.json`) records, per post, the hash of its text, the keys it cites
and a hash of each cited entry's CSL-JSON, under one hash of everything else that shapes the
output (style, locale, options, biblio's version). A rebuild re-renders a post only when its
text changed, an entry it cites changed, or that global hash changed; when references.bib has
not changed at all, the library is not even loaded.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, atomic
from .diagnostics import ERROR, WARNING, BiblioError, Diagnostic

if TYPE_CHECKING:  # the post pipeline is imported only when a post must be rendered
    from .post import Settings


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


DEFAULT_PATTERNS = ("**/*.md", "**/*.markdown", "**/*.html", "**/*.htm")
CACHE_NAME = ".biblio-cache.json"


@dataclass
class BuildOptions:
    src: Path
    out: Path
    bib: Path
    style: str = ""  # CSL XML
    locale: str | None = None
    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    to: str = "html"
    standalone: bool = True
    link_citations: bool = True
    allow_missing: bool = False
    scope: str = "post"  # or "site": disambiguate across every post
    jobs: int | None = None
    use_cache: bool = True


@dataclass
class PostResult:
    path: str  # relative to src
    out: str = ""  # relative to out
    keys: list[str] = field(default_factory=list)
    entries: dict[str, str] = field(default_factory=dict)
    text_hash: str = ""
    output: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class BuildReport:
    posts: int = 0
    rendered: list[str] = field(default_factory=list)
    cached: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    out: str = ""
    written: bool = False
    removed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        errors = [d for d in self.diagnostics if d.severity == ERROR]
        return {"posts": self.posts, "rendered": len(self.rendered), "cached": self.cached,
                "rendered_posts": self.rendered, "errors": [d.to_dict() for d in errors],
                "warnings": [d.to_dict() for d in self.diagnostics if d.severity != ERROR],
                "seconds": round(self.seconds, 3), "out": self.out, "written": self.written,
                "removed": self.removed}

    def summary(self) -> str:
        errors = sum(d.severity == ERROR for d in self.diagnostics)
        warnings = len(self.diagnostics) - errors
        text = (f"{self.posts} posts: {len(self.rendered)} rendered, {self.cached} unchanged"
                f" ({self.seconds:.2f} s)")
        if errors:
            text += f"; {errors} error(s), nothing written"
        elif warnings:
            text += f"; {warnings} warning(s)"
        return text


def find_posts(src: Path, patterns: tuple[str, ...], exclude: Path | None = None) -> list[Path]:
    """Post files under `src`, relative to it, sorted; hidden folders and `exclude` skipped.

    One walk of the tree (not one glob per pattern), so a no-op build of a big site stays fast.
    """
    import fnmatch

    ex = os.path.realpath(exclude) if exclude else None
    found = []
    for folder, dirs, files in os.walk(src):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and
                         (ex is None or os.path.realpath(os.path.join(folder, d)) != ex))
        rel_dir = os.path.relpath(folder, src)
        for name in files:
            if name.startswith("."):
                continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            if any(fnmatch.fnmatch(rel, p) or (p.startswith("**/") and
                                                fnmatch.fnmatch(rel, p[3:]))
                   for p in patterns):
                found.append(Path(rel))
    return sorted(found)


def out_path(out: Path, rel: Path, to: str) -> Path:
    """Where a post's output goes; never outside `out` (checked on the path's text)."""
    suffix = ".md" if to == "markdown" else ".html"
    target = (out / rel).with_suffix(suffix)
    root = os.path.normpath(out)
    norm = os.path.normpath(target)
    if rel.is_absolute() or ".." in rel.parts or not norm.startswith(root + os.sep):
        raise BiblioError(Diagnostic(str(rel), 1, 1, ERROR, "out-path",
                                     f"the output {target} would be outside {out}",
                                     "keep posts inside the source folder"), exit_code=2)
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write a page atomically: readers see the old page or the new one.

    No fsync: output is regenerable, and 1,000 fsyncs would dominate a build.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, text.encode("utf-8"), durable=False)


def entry_hash(item: dict) -> str:
    return digest(json.dumps(item, sort_keys=True, ensure_ascii=False))[:16]


# ---------------------------------------------------------------------------------------------
# Workers: each loads the library once and renders posts handed to it.

_W: dict = {}


def _library(path: Path):
    """A post's own bibliography, loaded once per worker."""
    from .items import Items
    from .library import load

    libs = _W.setdefault("libs", {})
    key = (str(path.resolve()), path.stat().st_mtime_ns)
    if key not in libs:
        libs[key] = Items(load(path))
    return libs[key]


def _init_worker(bib: str, settings: Settings, items=None, bib_hash: str = "") -> None:
    from .items import Items
    from .library import load

    same = bib_hash and _W.get("bib") == (bib, bib_hash)
    if items is None and same and "items" in _W:
        items = _W["items"]  # loaded by the parent before the fork: shared, not reloaded
    _W["items"] = items if items is not None else Items(load(bib))
    _W["bib"] = (bib, bib_hash)
    _W["settings"] = settings


def own_sources(text: str, post: Path) -> tuple[Path | None, Path | None]:
    """A post's own `bibliography` and `csl` from its front matter (paths relative to it)."""
    if not text.startswith("---") or ("bibliography:" not in text and "csl:" not in text):
        return None, None
    from .citations import split_front_matter

    try:
        meta = split_front_matter(text, str(post))[0].meta
    except BiblioError:
        return None, None  # reported when the post is rendered
    bib, csl = meta.get("bibliography"), meta.get("csl")
    if isinstance(bib, list):
        bib = bib[0] if bib else None
    return (post.parent / str(bib) if bib else None, post.parent / str(csl) if csl else None)


def _render_one(task: tuple[str, str, str, str, str]) -> PostResult:
    from dataclasses import replace

    from .post import render

    rel, text, text_hash, out_rel, post = task
    items, settings = _W["items"], _W["settings"]
    res = PostResult(rel, out_rel, text_hash=text_hash)
    try:
        own_bib, own_csl = own_sources(text, Path(post))
        if own_bib is not None:
            items = _library(own_bib)
            settings = replace(settings, bib_name=own_bib.name)
        if own_csl is not None:
            from .api import style_text

            settings = replace(settings, style=style_text(str(own_csl)))
        rendered = render(text, items, settings, path=rel)
    except BiblioError as e:
        res.diagnostics = e.diagnostics
        return res
    res.output = rendered.text
    res.keys = rendered.keys
    res.entries = {k: entry_hash(items[k]) for k in rendered.keys if k in items}
    res.diagnostics = rendered.diagnostics
    return res


# ---------------------------------------------------------------------------------------------


def global_hash(opts: BuildOptions) -> str:
    return digest(__version__, opts.style, opts.locale or "", opts.to, str(opts.standalone),
                  str(opts.link_citations), str(opts.allow_missing), opts.scope,
                  str(opts.bib.name))


def _read_cache(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def build(opts: BuildOptions, progress=None) -> BuildReport:
    """Render every post under opts.src that needs it into opts.out. Raises nothing for
    bad posts: their problems are in the report (and then nothing is written)."""
    t0 = time.perf_counter()
    report = BuildReport(out=str(opts.out))
    posts = find_posts(opts.src, opts.patterns, exclude=opts.out)
    report.posts = len(posts)
    try:
        bib_bytes = opts.bib.read_bytes()
    except OSError as e:
        raise BiblioError(Diagnostic(str(opts.bib), 1, 1, ERROR, "io",
                                     f"cannot read the bibliography: {e.strerror}",
                                     "give the .bib with --bib"), exit_code=2) from None
    bib_hash = digest(bib_bytes)
    ghash = global_hash(opts)
    cache_file = opts.out / CACHE_NAME
    cache = _read_cache(cache_file) if opts.use_cache else {}
    same_global = cache.get("global") == ghash and opts.scope == "post"
    old_posts = cache.get("posts", {}) if same_global else {}
    bib_changed = cache.get("bib") != bib_hash

    items_here = None  # the library, loaded only when references.bib changed

    def current(key: str) -> str | None:
        nonlocal items_here
        if items_here is None:
            from .items import Items
            from .library import load

            items_here = Items(load(opts.bib))
        return entry_hash(items_here[key]) if key in items_here else None

    tasks, keep = [], {}
    for rel in posts:
        src_file = opts.src / rel
        text = src_file.read_bytes().decode("utf-8-sig", errors="replace")
        th = digest(text)
        for own in own_sources(text, src_file):
            if own is not None:  # a post's own .bib or style is part of what it depends on
                try:
                    th = digest(th, own.read_bytes())
                except OSError:
                    th = digest(th, "missing")
        target = out_path(opts.out, rel, opts.to)
        out_rel = target.relative_to(opts.out).as_posix()
        old = old_posts.get(rel.as_posix())
        fresh = (old is not None and old.get("text") == th and target.exists())
        if fresh and bib_changed:
            fresh = all(current(k) == h for k, h in old.get("entries", {}).items()) and \
                all(k in old.get("entries", {}) for k in old.get("keys", []))
        if fresh:
            keep[rel.as_posix()] = old
            report.cached += 1
        else:
            tasks.append((rel.as_posix(), text, th, out_rel, str(src_file)))

    settings = None
    if tasks:
        from .post import Settings

        settings = Settings(style=opts.style, locale=opts.locale,
                            link_citations=opts.link_citations,
                            allow_missing=opts.allow_missing, to=opts.to,
                            standalone=opts.standalone, bib_name=opts.bib.name)
    if opts.scope == "site" and tasks:
        from .citations import cited_keys, is_html

        site = []
        for rel in posts:
            t = (opts.src / rel).read_text(encoding="utf-8-sig", errors="replace")
            site += [k.key for k in cited_keys(t, html=is_html(rel), path=str(rel))]
        settings.site_keys = tuple(dict.fromkeys(site))

    if progress is not None and hasattr(progress, "start"):
        progress.start(len(tasks))
    results = _run(tasks, str(opts.bib), settings, opts.jobs, progress, items_here, bib_hash)
    for r in results:
        shown = opts.src / r.path
        # A post's own diagnostics are shown under its path from here; those of another file
        # (the style or .bib its front matter names) keep theirs, with their line numbers.
        report.diagnostics += [_relocate(d, shown) if d.path == r.path else d
                               for d in r.diagnostics]
    report.rendered = [r.path for r in results if r.output is not None]
    if any(d.severity == ERROR for d in report.diagnostics):
        report.seconds = time.perf_counter() - t0
        return report
    for r in results:
        write_atomic(opts.out / r.out, r.output or "")
        keep[r.path] = {"text": r.text_hash, "keys": r.keys, "entries": r.entries,
                        "out": r.out}
    report.removed = _remove_stale(opts.out, cache.get("posts", {}), keep)
    new_cache = {"version": __version__, "global": ghash, "bib": bib_hash, "posts": keep}
    if opts.use_cache:
        write_atomic(cache_file, json.dumps(new_cache, sort_keys=True))
    report.written = True
    report.seconds = time.perf_counter() - t0
    return report


def _remove_stale(out: Path, old: dict, keep: dict) -> list[str]:
    """Delete pages this build wrote earlier for posts that are gone (only those: the cache
    says which files are ours)."""
    removed = []
    root = out.resolve()
    wanted = {v.get("out") for v in keep.values()}
    for rel, entry in old.items() if isinstance(old, dict) else ():
        name = entry.get("out") if isinstance(entry, dict) else None
        if rel in keep or not name or name in wanted:
            continue
        target = (out / name).resolve()
        if root in target.parents and target.is_file():
            target.unlink()
            removed.append(name)
    return removed


def _relocate(d: Diagnostic, shown: Path) -> Diagnostic:
    from dataclasses import replace

    return replace(d, path=shown.as_posix())


def _run(tasks, bib: str, settings: Settings, jobs: int | None, progress,
         items=None, bib_hash: str = "") -> list[PostResult]:
    if not tasks:
        return []
    import multiprocessing

    jobs = jobs or os.cpu_count() or 1
    results: list[PostResult] = []
    if jobs == 1 or len(tasks) < 8:
        _init_worker(bib, settings, items, bib_hash)
        for t in tasks:
            results.append(_render_one(t))
            if progress:
                progress(1)
        return results
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(tasks) // (jobs * 4)))
    ctx = None
    if "fork" in multiprocessing.get_all_start_methods():
        # Load the library once here; forked workers share it instead of each parsing it.
        ctx = multiprocessing.get_context("fork")
        _init_worker(bib, settings, items, bib_hash)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(bib, settings, None, bib_hash), mp_context=ctx) as ex:
        for r in ex.map(_render_one, tasks, chunksize=chunk):
            results.append(r)
            if progress:
                progress(1)
    return results


def posts_citing(src: Path, key: str, patterns: tuple[str, ...] = DEFAULT_PATTERNS,
                 exclude: Path | None = None) -> list[tuple[Path, int, int]]:
    """(post, line, col) of every citation of `key` under `src`."""
    from .citations import cited_keys, is_html

    found = []
    for rel in find_posts(src, patterns, exclude):
        text = (src / rel).read_text(encoding="utf-8-sig", errors="replace")
        for k in cited_keys(text, html=is_html(rel), path=str(rel)):
            if k.key == key:
                found.append((src / rel, k.line, k.col))
    return found


__all__ = ["WARNING", "BuildOptions", "BuildReport", "build", "find_posts", "posts_citing",
           "write_atomic"]
