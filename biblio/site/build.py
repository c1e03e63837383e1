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

from .. import __version__, collector, rules
from ..bib import atomic
from ..bib.library import load
from ..config import bib_path, find
from ..csl.memo import Memo
from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic, usage
from ..document import posts, render, sources, write_markdown
from ..document.entries import Items, open_items
from ..document.frontmatter import split_front_matter
from ..document.posts import DEFAULT_PATTERNS, citations_in, find_posts, read_post, survey
from ..document.profile import profile
from ..document.retractions import retracted_works
from ..document.settings import Settings, abbreviations_file, from_config
from ..paths import confined, inside, shown
from .bibliography import page


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


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
    keep_going: bool = False  # write the posts that rendered even when others failed
    bibliography: str | None = None  # the site's bibliography page, relative to `out`
    root: Path | None = None  # the project's root (front-matter paths are tried there)
    checks: object = None  # a rules.Selection: problems in a cited entry that stop a post
    encoding: str = "utf-8"  # of the .bib
    check_sources: bool = False  # ask whether cited works were retracted; fail such posts
    settings: dict = field(default_factory=dict)  # [tool.biblio]: the source check's settings
    abbreviations: dict | None = None  # the project's citation-abbreviations
    abbreviations_file: Path | None = None  # where they are read from (serve watches it)


def options(src, out, bib, style, locale, to, fragment, link_citations, allow_missing, scope,
            jobs, patterns, no_cache, keep_going=False, encoding="utf-8", bibliography=None,
            check_sources=None):
    """BuildOptions from the command line (`build`, `serve`) and `[tool.biblio.build]`."""
    config = find()
    conf = config.section("build")
    root = config.root
    src = posts.folder(config, src)
    out = shown(out or root / conf.get("out", "site"))
    real_out, real_src = os.path.realpath(out), os.path.realpath(src)
    if real_out == real_src:
        # The pages would be written beside the posts, and read as posts by the next build.
        raise usage(f"the output folder is the posts folder ({src})",
                    "write the site to a folder of its own (-o site)")
    if inside(real_src, real_out):
        # The same, a folder down: a post in posts/posts/ would be written into posts/.
        raise usage(f"the output folder {out} holds the posts folder ({src}): pages would be "
                    "written among the posts' files and read as posts by the next build",
                    "write the site to a folder of its own (-o site)")
    pats = tuple(patterns) or posts.patterns(config)
    base = from_config(config, style=style, locale=locale)
    return BuildOptions(
        src=src, out=out, bib=bib_path(bib, config), style=base.style, locale=base.locale,
        root=root, checks=rules.selection(config.section("check")),
        keep_going=keep_going, patterns=pats, to=to or conf.get("to", "html"),
        bibliography=bibliography or conf.get("bibliography") or None,
        standalone=not fragment and conf.get("standalone", True),
        link_citations=conf.get("link-citations", True) if link_citations is None
        else link_citations,
        allow_missing=allow_missing, scope=scope or conf.get("scope", "post"), jobs=jobs,
        use_cache=not no_cache, encoding=encoding,
        check_sources=conf.get("check-sources") is True if check_sources is None
        else check_sources, settings=config.settings, abbreviations=base.abbreviations,
        abbreviations_file=abbreviations_file(config))


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
        from ..diagnostics import count

        text = (f"{count(self.posts, 'post')}: {len(self.rendered)} rendered, {self.cached} "
                f"unchanged ({self.seconds:.2f} s)")
        if errors:
            text += f"; {count(errors, 'error')}, nothing written"
        elif warnings:
            text += f"; {count(warnings, 'warning')}"
        return text


def out_path(out: Path, rel: Path, to: str) -> Path:
    """Where a post's output goes; never outside `out`, by its text or through a symlink."""
    suffix = ".md" if to == "markdown" else ".html"
    target = (out / rel).with_suffix(suffix)
    root = os.path.abspath(out)  # (absolute: "." and "dry-needling.html" compare as text)
    norm = os.path.abspath(target)
    if rel.is_absolute() or ".." in rel.parts or not norm.startswith(root.rstrip(os.sep) + os.sep):
        raise BiblioError(Diagnostic(str(rel), 1, 1, ERROR, "out-path",
                                     f"the output {target} would be outside {out}",
                                     "keep posts inside the source folder"), exit_code=2)
    confined(target, out)
    return target


def write_atomic(path: Path, text: str) -> None:
    """Write a page atomically: readers see the old page or the new one.

    No fsync: output is regenerable, and 1,000 fsyncs would dominate a build.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(path, text.encode("utf-8"), durable=False)


def entry_hash(item: dict) -> str:
    return digest(json.dumps(item, sort_keys=True, ensure_ascii=False))[:16]


_HASHES: dict[int, tuple[dict, str]] = {}  # id(item) -> (the item, its hash), in a worker


def _entry_hash_of(item: dict) -> str:
    """entry_hash of an item of the worker's library, worked out once for all the posts that
    cite it (the pair holds the item, so its id stays its own)."""
    got = _HASHES.get(id(item))
    if got is None or got[0] is not item:
        got = _HASHES[id(item)] = (item, entry_hash(item))
    return got[1]


# ---------------------------------------------------------------------------------------------
# Workers: each loads the library once and renders posts handed to it.

_W: dict = {}


def _open_bib(paths: tuple[Path, ...]):
    """A post's own bibliographies, loaded once per worker."""
    libs = _W.setdefault("libs", {})
    key = tuple((str(p.resolve()), p.stat().st_mtime_ns) for p in paths)
    if key not in libs:
        libs[key] = open_items(paths)
    return libs[key]


def _init_worker(bib: str, settings: Settings, items=None, bib_hash: str = "",
                 encoding: str = "utf-8", forked: bool = False) -> None:
    """Load what rendering needs. `forked`: in a worker forked from the build, which keeps
    what the build loaded and rendered before the fork (the items, the engine's memo)."""
    same = bib_hash and _W.get("bib") == (bib, bib_hash)
    if items is None and same and "items" in _W:
        items = _W["items"]  # loaded by the parent before the fork: shared, not reloaded
    if not same:
        _HASHES.clear()  # (a --watch build's parent: the last library's items go)
    _W["items"] = items if items is not None else Items(load(bib, encoding))
    _W["bib"] = (bib, bib_hash)
    _W["settings"] = settings
    if not (same and forked and "memo" in _W):
        _W["memo"] = Memo()  # the engine's renderings shared between this worker's posts


def _init_pool_worker(parent: int, bib: str, settings: Settings, bib_hash: str,
                      encoding: str = "utf-8") -> None:
    _die_with_parent(parent)
    _init_worker(bib, settings, None, bib_hash, encoding, forked=True)


def _die_with_parent(parent: int) -> None:
    """Make a worker end when the build that started it is killed, not render on for nobody.

    Linux: the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG). Elsewhere,
    or if that call fails, a thread checks every second whether the parent is still there.
    """
    import signal
    import sys

    armed = False
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            armed = libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            armed = False
    if os.getppid() != parent:  # the parent died before the kernel was told
        os._exit(1)
    if not armed:
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def own_sources(text: str, post: Path, root: Path | None) -> tuple[Path, ...]:
    """The files a post's front matter names (its bibliographies, style, abbreviations): part
    of what its page depends on. A problem with them is reported when the post is rendered."""
    if not text.startswith("---") or not any(k in text for k in (
            "bibliography:", "csl:", "citation-abbreviations:")):
        return ()

    try:
        fm = split_front_matter(text.replace("\r\n", "\n"), str(post))[0]
        own = sources.resolve(fm, post.parent, root or Path.cwd())
    except BiblioError:
        return ()
    return own.bib + tuple(p for p in (own.style, own.abbreviations) if p)


def _render_one(task: tuple[str, str, str, str, str]) -> PostResult:
    rel, text, text_hash, out_rel, post = task
    items, settings = _W["items"], _W["settings"]
    res = PostResult(rel, out_rel, text_hash=text_hash)
    try:
        rendered = render(text, items, settings, path=post, open_bib=_open_bib,
                          memo=_W["memo"])
    except BiblioError as e:
        res.diagnostics = e.diagnostics
        return res
    res.output = rendered.text
    res.keys = rendered.keys
    own = _open_bib(rendered.bib) if rendered.bib else items
    res.entries = {k: _entry_hash_of(own[k]) for k in rendered.keys if k in own}
    res.diagnostics = rendered.diagnostics
    return res


# ---------------------------------------------------------------------------------------------


def global_hash(opts: BuildOptions) -> str:
    return digest(__version__, opts.style, opts.locale or "", opts.to, str(opts.standalone),
                  str(opts.link_citations), str(opts.allow_missing), opts.scope,
                  str(opts.bib.name), opts.encoding, str(opts.check_sources),
                  json.dumps(opts.abbreviations, sort_keys=True))


def _read_cache(path: Path) -> tuple[dict, Diagnostic | None]:
    """The cache, or {} with a warning naming the file when it is not one this build wrote."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError, RecursionError) as e:
        problem = f"cannot be read ({e.__class__.__name__})"
    else:
        if _cache_ok(data):
            return data, None
        problem = "does not have the shape biblio writes"
    return {}, Diagnostic(str(path), 1, 1, WARNING, "build-cache",
                          f"the build cache {problem}; every post is rendered again",
                          "nothing to do: this build writes it afresh")


def _strs(x, kind=str) -> bool:
    return all(isinstance(v, kind) for v in x)


def _cache_ok(data) -> bool:
    posts = data.get("posts") if isinstance(data, dict) else None
    if not (isinstance(posts, dict) and _strs([data.get("global"), data.get("bib")])
            and isinstance(data.get("stale", []), list) and _strs(data.get("stale", []))):
        return False
    for rel, p in posts.items():
        if not (isinstance(p, dict) and _strs([rel, p.get("text"), p.get("out")])
                and isinstance(p.get("keys"), list) and _strs(p["keys"])
                and isinstance(p.get("entries"), dict) and _strs(p["entries"].values())
                and _strs(p["entries"])):
            return False
    return True


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
    items_here = None  # the library, loaded only when references.bib changed
    retracted = None
    if opts.check_sources:
        items_here, retracted = _check_sources(opts)
        # What the check found shapes the pages: a change re-renders them.
        ghash = digest(ghash, json.dumps(sorted((k, repr(f)) for k, f in retracted.items())))
    cache_file = opts.out / CACHE_NAME
    cache, damaged = _read_cache(cache_file) if opts.use_cache else ({}, None)
    if damaged is not None:
        report.diagnostics.append(damaged)
    same_global = cache.get("global") == ghash and opts.scope == "post"
    old_posts = cache.get("posts", {}) if same_global else {}
    bib_changed = cache.get("bib") != bib_hash

    def current(key: str) -> str | None:
        nonlocal items_here
        if items_here is None:
            items_here = Items(load(opts.bib, opts.encoding))
        return entry_hash(items_here[key]) if key in items_here else None

    tasks, keep, made_by = [], {}, {}
    hashes: dict[str, str] = {}  # every post's text hash (with its own sources), this build
    for rel in posts:
        src_file = opts.src / rel
        try:
            text = read_post(src_file, opts.src)
        except BiblioError as e:
            if e.exit_code != 1:  # a post that leads outside the site, unreadable: stop here
                raise
            report.diagnostics += e.diagnostics
            continue
        th = digest(text)
        for own in own_sources(text, src_file, opts.root):
            try:  # a post's own .bib or style is part of what it depends on
                th = digest(th, own.read_bytes())
            except OSError:
                th = digest(th, "missing")
        target = out_path(opts.out, rel, opts.to)
        out_rel = target.relative_to(opts.out).as_posix()
        if out_rel in made_by:  # a.md and a.html: two posts cannot share one page
            report.diagnostics.append(Diagnostic(
                str(opts.src / rel), 1, 1, ERROR, "same-output",
                f"{opts.src / made_by[out_rel]} and {opts.src / rel} would both be written "
                f"to {target}", "rename one of them"))
            continue
        made_by[out_rel] = rel
        hashes[rel.as_posix()] = th
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

    if any(d.severity == ERROR for d in report.diagnostics):
        report.seconds = time.perf_counter() - t0
        return report
    settings = None
    if tasks or not posts:
        # The site's style, checked once before any post renders with it: one that cannot be
        # used stops the build (exit 2) instead of failing each post. Posts all unchanged, and
        # the style is not compiled (its text is in the cache's key, so it was checked when
        # they were made); a site with no posts yet checks it all the same.
        profile(opts.style)
    if tasks:
        settings = Settings(style=opts.style, locale=opts.locale,
                            link_citations=opts.link_citations,
                            allow_missing=opts.allow_missing, to=opts.to,
                            standalone=opts.standalone, bib_name=opts.bib.name,
                            root=opts.root, checks=opts.checks, retracted=retracted,
                            abbreviations=opts.abbreviations)
    if opts.scope == "site" and tasks:
        site = citations_in(opts.src, opts.patterns, exclude=opts.out)
        settings.site_keys = tuple(k for k in site if k != "*")

    if progress is not None and hasattr(progress, "start"):
        progress.start(len(tasks))
    results = _run(tasks, str(opts.bib), settings, opts.jobs, progress, items_here, bib_hash,
                   opts.encoding)
    for r in results:
        report.diagnostics += r.diagnostics
    report.rendered = [r.path for r in results if r.output is not None]
    if any(d.severity == ERROR for d in report.diagnostics) and not opts.keep_going:
        report.seconds = time.perf_counter() - t0
        return report
    # Before any page is written, the cache marks the pages about to be written as dirty and
    # lists every page an earlier build made that is no longer wanted: a build killed from
    # here on leaves a cache from which the next build renders and removes the right pages.
    wanted = {v["out"] for v in keep.values()} | {r.out for r in results}
    ours = {p["out"] for p in cache.get("posts", {}).values()} | set(cache.get("stale", []))
    stale = sorted(ours - wanted)
    if opts.use_cache and results:
        dirty = {**keep, **{r.path: {"text": "", "keys": [], "entries": {}, "out": r.out}
                            for r in results}}
        _write(cache_file, _cache_text(ghash, bib_hash, dirty, stale))
    for r in results:
        if r.output is None:  # failed (--keep-going): its last good page stays
            if r.path in old_posts:
                keep[r.path] = dict(old_posts[r.path], text="")  # rendered again next time
            continue
        _write(opts.out / r.out, r.output or "")
        keep[r.path] = {"text": r.text_hash, "keys": r.keys, "entries": r.entries,
                        "out": r.out}
    report.removed = _remove_stale(opts.out, stale)
    # The bibliography page shows what the posts' texts, the .bib and the options make: when
    # none of them changed and the page is still the one this cache recorded, it stays.
    page = None  # [what it shows, the digest of the page's bytes]
    if opts.bibliography:
        shows = digest(ghash, bib_hash, opts.bibliography, json.dumps(hashes, sort_keys=True))
        made = cache.get("bibliography") if same_global else None
        if isinstance(made, list) and made == [shows, _page_digest(opts)]:
            page = made
    if opts.use_cache:
        _write(cache_file, _cache_text(ghash, bib_hash, keep, [], page))
    _remove_temps(opts.out, [r.out for r in results] + stale + [CACHE_NAME])
    if opts.bibliography and page is None:
        made = _bibliography_page(opts, items_here, keep, retracted)
        if opts.use_cache:
            _write(cache_file, _cache_text(ghash, bib_hash, keep, [], [shows, made]))
    report.written = True
    report.seconds = time.perf_counter() - t0
    return report


def _check_sources(opts: BuildOptions):
    """build --check-sources: the library (as Items) and key → Retracted for every work the
    site cites that was retracted, in the site's library or a post's own."""
    own: set[Path] = set()
    # (a broken post, or a bibliography its front matter names but that is not there, is
    # reported when the post renders)
    cited, _ = survey(opts.src, opts.patterns, opts.out, root=opts.root or Path.cwd(),
                      bibs=own)
    lib = load(opts.bib, opts.encoding)
    libs = [lib] + [load(p) for p in sorted(own) if p.resolve() != opts.bib.resolve()]
    return Items(lib), retracted_works(libs, list(cited), opts.settings)


def _page_target(opts: BuildOptions) -> Path:
    return out_path(opts.out, Path(opts.bibliography).with_suffix(""), opts.to)


def _page_digest(opts: BuildOptions) -> str | None:
    """The digest of the bibliography page as it is on disk (None: there is none)."""
    try:
        return digest(_page_target(opts).read_bytes())
    except OSError:
        return None


def _bibliography_page(opts: BuildOptions, items, keep: dict, retracted=None) -> str:
    """Write the site's bibliography page when what it shows changed; the digest of its
    bytes."""
    target = _page_target(opts)
    rel = target.relative_to(opts.out).as_posix()
    if rel in {v.get("out") for v in keep.values()}:
        raise BiblioError(Diagnostic(str(opts.out / rel), 1, 1, ERROR, "same-output",
                                     f"the bibliography page {rel} is also a post's page",
                                     "give the bibliography page another name"), exit_code=2)
    if items is None:
        items = Items(load(opts.bib, opts.encoding))
    settings = Settings(style=opts.style, locale=opts.locale, to=opts.to, root=opts.root,
                        standalone=opts.standalone and opts.to == "html", retracted=retracted,
                        abbreviations=opts.abbreviations)
    html = page(opts.src, opts.out, opts.patterns, rel, items, settings,
                lambda post: out_path(opts.out, Path(post), opts.to).relative_to(opts.out)
                .as_posix())
    if opts.to == "markdown":
        html = write_markdown.inert(html)
    try:
        same = target.read_text(encoding="utf-8") == html
    except OSError:
        same = False
    if not same:
        _write(target, html)
    return digest(html.encode("utf-8"))


def _cache_text(ghash: str, bib_hash: str, posts: dict, stale: list[str],
                page: list | None = None) -> str:
    data = {"version": __version__, "global": ghash, "bib": bib_hash, "posts": posts,
            "stale": stale}
    if page is not None:  # the bibliography page: [what it shows, the digest of its bytes]
        data["bibliography"] = page
    return json.dumps(data, sort_keys=True)


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"could not write the page: {e.strerror or e}",
                                     "free some disk space or make the folder writable, then "
                                     "build again"), exit_code=2) from None


def _remove_stale(out: Path, names: list[str]) -> list[str]:
    """Delete pages an earlier build wrote that no post makes any more (only those: the
    cache says which files are ours)."""
    removed = []
    root = out.resolve()
    for name in names:
        target = (out / name).resolve()
        if root in target.parents and target.is_file():
            target.unlink()
            removed.append(name)
    return removed


def _remove_temps(out: Path, names: list[str]) -> None:
    """Temp files a killed build left beside its pages (`.a.html.k3j_9x2q.tmp`), which would
    otherwise be published; one listing per folder, not one per page."""
    import contextlib
    import re

    by_folder: dict[str, set[str]] = {}
    for n in names:
        folder, _, name = n.rpartition("/")
        by_folder.setdefault(folder, set()).add(name)
    temp = re.compile(r"\.(.+)\.[A-Za-z0-9_]+\.tmp")
    for folder, mine in by_folder.items():
        try:
            entries = os.listdir(out / folder)
        except OSError:
            continue
        for e in entries:
            m = temp.fullmatch(e)
            if m and m.group(1) in mine:
                with contextlib.suppress(OSError):
                    os.unlink(out / folder / e)


def _run(tasks, bib: str, settings: Settings, jobs: int | None, progress,
         items=None, bib_hash: str = "", encoding: str = "utf-8") -> list[PostResult]:
    if not tasks:
        return []
    import multiprocessing

    jobs = jobs or os.cpu_count() or 1
    results: list[PostResult] = []
    if jobs == 1 or len(tasks) < 8:
        _init_worker(bib, settings, items, bib_hash, encoding)
        with collector.frozen():  # what is loaded by now lives as long as the build
            for t in tasks:
                results.append(_render_one(t))
                if progress:
                    progress(1)
        return results
    from concurrent.futures import ProcessPoolExecutor

    ctx = None
    if "fork" in multiprocessing.get_all_start_methods():
        # Load the library once here; forked workers share it instead of each parsing it.
        ctx = multiprocessing.get_context("fork")
        _init_worker(bib, settings, items, bib_hash, encoding)
        # The first post is rendered here too, before the fork: what it had to load (the
        # engine's modules, the style, the locale, the collation table, the Markdown and YAML
        # parsers, its items) is then shared by every worker instead of loaded in each.
        results.append(_render_one(tasks[0]))
        if progress:
            progress(1)
        tasks = tasks[1:]
    # Small chunks: the last one handed out is what one worker still renders while the other
    # waits (a post takes some 10 ms; a chunk's round trip a fraction of that).
    chunk = max(1, min(16, len(tasks) // (jobs * 16)))
    # What is loaded by now (the library, its items, the modules) lives as long as the
    # workers do: frozen, the garbage collector no longer walks it over and over as the
    # rendering makes and drops its short-lived objects (a few % of a build's time).
    with collector.frozen(), ProcessPoolExecutor(
            max_workers=jobs, initializer=_init_pool_worker,
            initargs=(os.getpid(), bib, settings, bib_hash, encoding), mp_context=ctx) as ex:
        for r in ex.map(_render_one, tasks, chunksize=chunk):
            results.append(r)
            if progress:
                progress(1)
    return results


__all__ = ["BuildOptions", "BuildReport", "build", "write_atomic"]
