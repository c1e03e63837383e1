"""biblio's benchmark harness: biblio beside pandoc, citeproc-js, bibtexparser and pybtex.

    python benchmarks/run.py                      # every job, 5 rounds (takes a while)
    python benchmarks/run.py --jobs parse,cli --sizes 1k,10k --rounds 7
    python benchmarks/run.py --markdown out.md --json out.json

Every measurement is a fresh process (`measure`), so biblio and its anchors are timed the same
way, start-up included, and peak memory is that process's own (wait4's ru_maxrss). The tools of
a job run in alternation, A B C A B C …, after one warm-up run each (`compare`), so drift on a
shared machine hits them alike; we report min/median/max, peak memory and the ratio of biblio's
median to each anchor's median, never a lone absolute time. A tool that is not installed, or a
biblio stage that is not in this checkout yet, is skipped with a message.

Other benchmark scripts should reuse the helpers rather than time things their own way:

    from benchmarks.run import measure, compare, Tool
    stats = compare([Tool("biblio", [...argv...]), Tool("pandoc", [...], anchor=True)], rounds=5)
    stats["biblio"].median, stats["biblio"].peak_mb

Benchmarks are run by hand; CI never runs them and no test asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
PY = sys.executable
APA = ROOT / "styles" / "apa.csl"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "biblio-bench"
SIZES = {"1k": 1000, "10k": 10_000, "50k": 50_000}
SEED = 1


# --- measuring ---------------------------------------------------------------------------

@dataclass
class Sample:
    wall: float  # seconds
    peak_mb: float  # the process's peak resident set (children it waited for included)
    inner_ms: float | None  # the time the process reports for its own work, if it does
    rc: int
    stderr: str = ""
    cpu: float | None = None  # user + system seconds of the process and its children


GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def measure(argv: list[str], *, cwd: str | Path | None = None, env: dict | None = None,
            timeout: float | None = None) -> Sample:
    """Run argv once in a fresh process; its wall time, peak memory and self-reported time.

    The process may print a JSON line `{"ms": …}` as the last line of stderr (work.py and the
    citeproc-js driver do): that becomes `inner_ms`. stdout is discarded. Peak memory comes
    from GNU time when it is installed: a child forked straight from this Python process would
    inherit our own resident size as its high-water mark, so ru_maxrss of wait4 is only the
    fallback (and then an overestimate for small tools).
    """
    with tempfile.TemporaryDirectory() as tmp:
        err_path, rss_path = Path(tmp) / "err", Path(tmp) / "rss"
        full = [GNU_TIME, "-f", "%M %U %S", "-o", str(rss_path), *argv] if GNU_TIME else argv
        with open(err_path, "wb") as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(full, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
            timer = None
            if timeout:
                timer = threading.Timer(timeout, lambda: os.killpg(p.pid, signal.SIGKILL))
                timer.start()
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            if timer:
                timer.cancel()
        p.returncode = rc = os.waitstatus_to_exitcode(status)
        text = err_path.read_text(encoding="utf-8", errors="replace")
        peak_kb = usage.ru_maxrss
        cpu = usage.ru_utime + usage.ru_stime
        if GNU_TIME and rss_path.exists():
            # the last line; earlier ones are GNU time's notes ("Command exited with …")
            last = (rss_path.read_text().strip().splitlines() or [""])[-1].split()
            if len(last) == 3 and last[0].isdigit():
                peak_kb, cpu = int(last[0]), float(last[1]) + float(last[2])
    inner = None
    last = text.strip().rsplit("\n", 1)[-1] if text.strip() else ""
    if last.startswith("{"):
        try:
            inner = float(json.loads(last)["ms"])
        except (ValueError, KeyError, TypeError):
            inner = None
    return Sample(wall, peak_kb / 1024, inner, -9 if rc == -signal.SIGKILL else rc, text[-2000:],
                  cpu)


@dataclass
class Tool:
    """One contender in a job. `before` runs untimed before every run (e.g. clear a cache)."""

    name: str
    argv: list[str]
    anchor: bool = False
    cwd: str | Path | None = None
    env: dict | None = None
    before: Callable[[], None] | None = None
    note: str = ""


@dataclass
class Stats:
    name: str
    anchor: bool
    n: int = 0
    min: float = 0.0
    median: float = 0.0
    max: float = 0.0
    peak_mb: float = 0.0
    inner_ms: float | None = None
    error: str = ""
    note: str = ""
    timed_out: float = 0.0  # the timeout, when the tool did not finish within it
    cpu: float | None = None  # median CPU seconds (user + system, children included)
    walls: list[float] = field(default_factory=list)
    inners: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    def add(self, s: Sample) -> None:
        self.walls.append(s.wall)
        self.n = len(self.walls)
        self.min, self.max = min(self.walls), max(self.walls)
        self.median = statistics.median(self.walls)
        self.peak_mb = max(self.peak_mb, s.peak_mb)
        if s.cpu is not None:
            self.cpus.append(s.cpu)
            self.cpu = statistics.median(self.cpus)
        if s.inner_ms is not None:
            self.inners.append(s.inner_ms)
            self.inner_ms = statistics.median(self.inners)


def _once(tool: Tool, timeout: float | None) -> Sample:
    if tool.before:
        tool.before()
    return measure(tool.argv, cwd=tool.cwd, env=tool.env, timeout=timeout)


def _failed(s: Sample) -> str:
    if s.rc == -9:
        return "timed out"
    if s.rc == 3 and "skipped:" in s.stderr:
        return s.stderr.split("skipped:", 1)[1].strip().splitlines()[0]
    tail = s.stderr.strip().splitlines()[-1:] or [""]
    return f"exit {s.rc}: {tail[0][:160]}"


def compare(tools: list[Tool], rounds: int = 5, *, budget: float = 300.0,
            timeout: float | None = 1800.0, log: Callable[[str], None] = lambda _: None
            ) -> dict[str, Stats]:
    """Time `tools` in alternation: one warm-up each, then `rounds` rounds A B C A B C …
    (4× as many when every tool's warm-up took under 0.25 s).

    A tool whose warm-up shows that `rounds` runs would take more than `budget` seconds gets
    fewer rounds (at least 1; the table shows n); one whose warm-up alone took longer than
    the budget keeps that warm-up as its only sample. A failing tool is reported, not timed.
    """
    stats = {t.name: Stats(t.name, t.anchor, note=t.note) for t in tools}
    want: dict[str, int] = {}
    warm: dict[str, float] = {}
    for t in tools:
        s = _once(t, timeout)
        if s.rc != 0:
            stats[t.name].error = _failed(s)
            if s.rc == -9 and timeout:
                stats[t.name].error = f"did not finish in {timeout:.0f} s"
                stats[t.name].timed_out = timeout
            log(f"  {t.name}: {stats[t.name].error}")
            continue
        if s.wall > budget:
            stats[t.name].add(s)
            want[t.name] = 0
            log(f"  {t.name}: warm-up {s.wall:.1f}s is over the budget; kept as the only run")
        else:
            want[t.name] = max(1, min(rounds, int(budget // max(s.wall, 1e-9))))
            warm[t.name] = s.wall
    if warm and max(warm.values()) < 0.25:
        # a job of quick tools only gets more rounds: noise moves these medians most
        want = {name: rounds * 4 if n else 0 for name, n in want.items()}
    for r in range(max(want.values(), default=0)):
        for t in tools:
            if want.get(t.name, 0) > r:
                s = _once(t, timeout)
                if s.rc != 0:
                    stats[t.name].error = _failed(s)
                    want[t.name] = 0
                    continue
                stats[t.name].add(s)
        log(f"  round {r + 1}: " + ", ".join(f"{n} {st.walls[-1]:.3f}s" for n, st in
                                             stats.items() if st.walls and want.get(n, 0) > r))
    return stats


# --- the jobs ---------------------------------------------------------------------------

@dataclass
class Job:
    name: str  # "parse 10k"
    group: str  # parse, format, build, cli
    size: int  # entries or posts: for the growth check
    tools: list[Tool]
    primary: str = ""  # the biblio tool a goal is about; anchors' ratios are of it
    note: str = ""  # what the data is like (the engine jobs: how ambiguous its names are)
    bib_bytes: int = 0  # for the memory goal
    skipped: list[str] = field(default_factory=list)  # "tool: why"
    results: dict[str, Stats] = field(default_factory=dict)


def pandoc_path() -> str | None:
    exe = shutil.which("pandoc")
    try:
        import pypandoc

        exe = pypandoc.get_pandoc_path() or exe
    except (ImportError, OSError):  # not installed, or no binary: fall back to PATH
        return exe
    return exe


def node_driver() -> tuple[str | None, str]:
    """(why not, '') or (None, driver path) for the citeproc-js anchor."""
    node = shutil.which("node")
    driver = BENCH / "citeproc-js" / "driver.js"
    if not node:
        return "node is not installed", ""
    if not (BENCH / "citeproc-js" / "node_modules" / "citeproc").is_dir():
        return "citeproc-js is not installed (cd benchmarks/citeproc-js && npm install)", ""
    return None, str(driver)


def locales_dir() -> str | None:
    try:
        import citeproc

        d = Path(citeproc.__file__).parent / "data" / "locales"
        return str(d) if d.is_dir() else None
    except ImportError:
        return None


def has_module(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def biblio_env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def biblio_commands() -> set[str]:
    sys.path.insert(0, str(ROOT))
    try:
        from biblio.cli import COMMANDS
    finally:
        sys.path.pop(0)
    return set(COMMANDS)


def work(job: str, arg: str | Path, name: str, **kw) -> Tool:
    return Tool(name, [PY, str(BENCH / "work.py"), job, str(arg)], env=biblio_env(), **kw)


def _gen():
    sys.path.insert(0, str(BENCH))
    try:
        import gen
    finally:
        sys.path.pop(0)
    return gen


def bib_file(work_dir: Path, n: int) -> Path:
    gen = _gen()
    path = work_dir / f"bib-{n}-s{SEED}-v{gen.VERSION}.bib"
    if not path.exists():
        gen.write_bib(path, n, seed=SEED)
    return path


def csl_json(work_dir: Path, bib: Path) -> Path | None:
    """pandoc's CSL-JSON of `bib`: the input of citeproc-js and of biblio's engine-only job."""
    out = bib.with_suffix(".json")
    if not out.exists():
        exe = pandoc_path()
        if not exe:
            return None
        subprocess.run([exe, "-f", "biblatex", "-t", "csljson", str(bib), "-o", str(out)],
                       check=True)
    return out


def jobs_parse(work_dir: Path, size: str) -> Job:
    bib = bib_file(work_dir, SIZES[size])
    job = Job(f"parse {size}", "parse", SIZES[size], [], bib_bytes=bib.stat().st_size)
    for name, what in (("biblio load", "load"), ("biblio load+check", "check"),
                       ("biblio load+normalize+check", "normalize-check")):
        why = _available(what)
        if why:
            job.skipped.append(f"{name}: {why}")
        else:
            job.tools.append(work(what, bib, name))
            job.primary = name
    if "check" in biblio_commands():
        # what users run: the command, its report printed (its peak memory is issue 16's goal)
        job.tools.append(Tool("biblio check (the command)", [str(console_script(work_dir)),
                                                              "check", "--bib", str(bib)],
                              cwd=work_dir, env=biblio_env()))
    if has_module("bibtexparser"):
        job.tools.append(work("bibtexparser", bib, "bibtexparser 2 (bare parse)", anchor=True))
    else:
        job.skipped.append("bibtexparser: not installed")
    if has_module("pybtex"):
        job.tools.append(work("pybtex", bib, "pybtex", anchor=True))
    else:
        job.skipped.append("pybtex: not installed (pip install pybtex)")
    exe = pandoc_path()
    if exe:
        job.tools.append(Tool("pandoc -f biblatex -t csljson",
                              [exe, "-f", "biblatex", "-t", "csljson", str(bib),
                               "-o", os.devnull], anchor=True))
    else:
        job.skipped.append("pandoc: not installed (pip install pypandoc_binary)")
    return job


def _available(what: str) -> str | None:
    """Why work.py's `what` cannot run in this checkout (None: it can). Run in a subprocess so
    this process never imports biblio."""
    code = (f"import sys; sys.path.insert(0, {str(BENCH)!r}); sys.path.insert(0, {str(ROOT)!r});"
            f"import work; r = work.available({what!r}); print(r or '')")
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode:
        return f"cannot import: {out.stderr.strip().splitlines()[-1:]}"
    return out.stdout.strip() or None


def jobs_format(work_dir: Path, size: str) -> Job:
    bib = bib_file(work_dir, SIZES[size])
    job = Job(f"format {size}", "format", SIZES[size], [], bib_bytes=bib.stat().st_size)
    items = csl_json(work_dir, bib)
    if "format" in biblio_commands():
        job.tools.append(Tool("biblio format --all", [str(console_script(work_dir)), "format",
                                                      "--all", "--bib", str(bib)],
                              cwd=work_dir, env=biblio_env()))
        job.primary = "biblio format --all"
    else:
        why = _available("format")
        if why:
            job.skipped.append(f"biblio format: {why}")
        else:
            job.tools.append(work("format", bib, "biblio load+tocsl+render"))
            job.primary = "biblio load+tocsl+render"
    if items and not _available("render"):
        job.tools.append(work("render", items, "biblio render (CSL-JSON in)",
                              note="engine only, on pandoc's CSL-JSON"))
        job.primary = job.primary or "biblio render (CSL-JSON in)"
    exe = pandoc_path()
    if exe:
        nocite = work_dir / "nocite.md"
        nocite.write_text("---\nnocite: '@*'\n---\n", encoding="utf-8")
        # APA's own given-name rule (primary-name-with-initials, global and quadratic in
        # pandoc) and the by-cite rule: pandoc's slow spot and pandoc
        for name, style in (("pandoc --citeproc, APA's own rule", APA),
                            ("pandoc --citeproc, by-cite rule", apa_by_cite(work_dir))):
            job.tools.append(Tool(name, [exe, str(nocite), "-t", "html", "--citeproc",
                                         "--bibliography", str(bib), "--csl", str(style),
                                         "-o", os.devnull], anchor=True))
    else:
        job.skipped.append("pandoc: not installed (pip install pypandoc_binary)")
    why, driver = node_driver()
    loc = locales_dir()
    if why or not items or not loc:
        job.skipped.append(f"citeproc-js: {why or 'needs pandoc (for CSL-JSON) and citeproc-py (locales)'}")
    else:
        job.tools.append(Tool("citeproc-js (CSL-JSON in)",
                              ["node", driver, "--style", str(APA), "--locales", loc,
                               "--items", str(items), "--quiet"], anchor=True,
                              note="CSL-JSON made by pandoc beforehand"))
    return job


def jobs_build(work_dir: Path, posts: int, cites: int = 10, entries: int = 1000) -> Job:
    bib = bib_file(work_dir, entries)
    site = work_dir / f"site-{posts}x{cites}-{bib.stem}"
    if not site.exists():
        _gen().write_site(site, posts=posts, cites=cites, bib=bib, seed=SEED)
    job = Job(f"build {posts} posts", "build", posts, [], bib_bytes=bib.stat().st_size)
    if "build" in biblio_commands():
        out = site / "_bench_out"

        def clean() -> None:
            for name in ("_bench_out", ".biblio-cache", "_site", ".biblio"):
                shutil.rmtree(site / name, ignore_errors=True)

        argv = [PY, "-m", "biblio", "build", "posts", "--out", str(out)]
        job.tools.append(Tool("biblio build, cold", argv, cwd=site, env=biblio_env(),
                              before=clean))
        job.tools.append(Tool("biblio build, nothing changed", argv, cwd=site,
                              env=biblio_env()))
        job.primary = "biblio build, cold"
    else:
        job.skipped.append("biblio build: the build command is not in this checkout")
    exe = pandoc_path()
    if exe:
        # pandoc has no site mode: once per post, on as many cores as biblio may use.
        script = site / "pandoc-each.sh"
        script.write_text(
            "mkdir -p _pandoc_out\n"
            f"find posts -name '*.md' -print0 | xargs -0 -n 1 -P {os.cpu_count() or 1} "
            f"sh -c 'exec \"{exe}\" \"$0\" --citeproc --bibliography references.bib "
            f"--csl \"{APA}\" -s -o \"_pandoc_out/$(basename \"$0\" .md).html\"'\n",
            encoding="utf-8")
        job.tools.append(Tool(f"pandoc --citeproc, per post, {os.cpu_count()} at a time",
                              ["sh", str(script)], cwd=site, anchor=True))
    else:
        job.skipped.append("pandoc: not installed (pip install pypandoc_binary)")
    return job


BY_CITE = 'givenname-disambiguation-rule="by-cite"'


def apa_by_cite(work_dir: Path) -> Path:
    """styles/apa.csl with by-cite given-name disambiguation instead of APA's global
    primary-name-with-initials rule: pandoc's time without the rule's quadratic part."""
    out = work_dir / "apa-by-cite.csl"
    text = APA.read_text(encoding="utf-8")
    changed = text.replace('givenname-disambiguation-rule="primary-name-with-initials"', BY_CITE)
    if changed == text:
        raise SystemExit("styles/apa.csl no longer names primary-name-with-initials")
    out.write_text(changed, encoding="utf-8")
    return out


ENGINE_DATA = {"realistic": "realistic ambiguity (census surnames)",
               "high": "high ambiguity (gen.py)"}


def engine_data(work_dir: Path, kind: str, n: int) -> Path | None:
    """{"items", "clusters"} for the engine job, and beside it the same items as CSL-JSON and
    a Markdown document with the same citations for pandoc. None: the data needs pandoc."""
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import ambiguity
    finally:
        sys.path.pop(0)
    job = work_dir / f"engine-{kind}-{n}.json"
    if job.exists():
        return job
    if kind == "realistic":
        items = ambiguity.realistic_items(n, seed=SEED)
    else:
        made = csl_json(work_dir, bib_file(work_dir, n))
        if made is None:
            return None
        items = json.loads(made.read_text(encoding="utf-8"))
    clusters = ambiguity.clusters(items, n)
    job.with_suffix(".items.json").write_text(json.dumps(items), encoding="utf-8")
    paras = ["Text [" + "; ".join(f"@{c['id']}" + (f", p. {c['locator']}" if "locator" in c
                                                    else "") for c in cl) + "]."
             for cl in clusters]
    job.with_suffix(".md").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    job.write_text(json.dumps({"items": items, "clusters": clusters}), encoding="utf-8")
    return job


def jobs_engine(work_dir: Path, kind: str, size: str) -> Job:
    n = SIZES[size]
    job = Job(f"engine {size}, {ENGINE_DATA[kind]}", "engine", n, [])
    data = engine_data(work_dir, kind, n)
    if data is None:
        job.skipped.append("everything: the high-ambiguity data is made by pandoc (not "
                           "installed)")
        return job
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import ambiguity
    finally:
        sys.path.pop(0)
    share = ambiguity.collisions(json.loads(data.read_text(encoding="utf-8"))["items"])["share"]
    job.note = f"{share:.0%} of first authors share a surname with another person"
    why = _available("cites")
    if why:
        job.skipped.append(f"biblio engine: {why}")
    else:
        job.tools.append(work("cites", data, "biblio engine (CSL-JSON in)"))
        job.primary = "biblio engine (CSL-JSON in)"
    exe = pandoc_path()
    if exe:
        for name, style in (("pandoc, APA's own rule", APA),
                            ("pandoc, by-cite rule", apa_by_cite(work_dir))):
            job.tools.append(Tool(name, [exe, str(data.with_suffix(".md")), "-t", "html",
                                         "--citeproc", "--csl", str(style), "--bibliography",
                                         str(data.with_suffix(".items.json")), "-o",
                                         os.devnull], anchor=True))
    else:
        job.skipped.append("pandoc: not installed (pip install pypandoc_binary)")
    return job


def with_baseline(job: Job, base: Path, label: str) -> None:
    """Add, beside each biblio tool of the job, the same run on another checkout (`base`, e.g.
    the commit work started from) as an anchor: before and after in one alternating run."""
    for t in list(job.tools):
        if t.anchor or not t.env or t.env.get("PYTHONPATH") != str(ROOT):
            continue
        job.tools.append(Tool(f"{t.name} [{label}]", t.argv, anchor=True, cwd=t.cwd,
                              env={**t.env, "PYTHONPATH": str(base)}, before=t.before,
                              note=f"the same on {label}"))


def console_script(work_dir: Path) -> Path:
    """A `biblio` script like the one `pip install` writes, so the CLI jobs time what users
    run (`python -m biblio` would add runpy's import on top)."""
    script = work_dir / "bin" / "biblio"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(f"#!{PY}\nimport re\nimport sys\nfrom biblio.cli import main\n"
                      "if __name__ == '__main__':\n"
                      "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                      "    sys.exit(main())\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def jobs_cli(work_dir: Path) -> list[Job]:
    bib = bib_file(work_dir, 10_000)
    exe = str(console_script(work_dir))
    base = Tool("python -c pass", [PY, "-c", "pass"], anchor=True)
    help_ = Job("CLI start: --help", "cli", 0, [
        Tool("biblio --help", [exe, "--help"], env=biblio_env()), base],
        primary="biblio --help")
    lst = Job("CLI: list 10k", "cli", 10_000, [
        Tool("biblio list (10k)", [exe, "list", "--bib", str(bib)], env=biblio_env()), base],
        primary="biblio list (10k)", bib_bytes=bib.stat().st_size)
    return [help_, lst]


def jobs_start(work_dir: Path) -> list[Job]:
    """The commands a writer runs by hand, on the project's sample (posts/ and
    references.bib), bytecode compiled (compileall first; the warm-up run would write it)."""
    sample = work_dir / "sample"
    shutil.rmtree(sample, ignore_errors=True)
    shutil.copytree(ROOT / "posts", sample / "posts")
    shutil.copy(ROOT / "references.bib", sample / "references.bib")
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "biblio")], check=False,
                   capture_output=True)
    exe = str(console_script(work_dir))
    base = Tool("python -c pass", [PY, "-c", "pass"], anchor=True)
    render = Job("start: render the sample post", "start", 0, [
        Tool("biblio render posts/dry-needling.md", [exe, "render", "posts/dry-needling.md"],
             cwd=sample, env=biblio_env()), base], primary="biblio render posts/dry-needling.md")
    check = Job("start: check the sample", "start", 0, [
        Tool("biblio check", [exe, "check"], cwd=sample, env=biblio_env()), base],
        primary="biblio check")
    return [render, check]


# --- reporting --------------------------------------------------------------------------

def _t(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def _r(x: float) -> str:
    return f"{x:.2f}×" if x >= 0.1 else f"{x:.3f}×"


def ratio_cell(job: Job, st: Stats) -> str:
    res = job.results
    prim = res.get(job.primary)
    if st.anchor:
        if st.timed_out and prim and prim.n and not prim.error:
            return f"< {_r(prim.median / st.timed_out)}"
        if prim and prim.n and not prim.error and st.n and not st.error:
            return _r(prim.median / st.median)
        return ""
    if st.error or not st.n:
        return ""
    cells = []
    anchors = [a for a in res.values() if a.anchor]
    firsts = [a.name.split(" ")[0].rstrip(",") for a in anchors]
    for a in anchors:
        # an anchor's first word names it, unless two anchors share it (pandoc's two rules,
        # biblio before and after): then its whole name
        first = a.name.split(" ")[0].rstrip(",")
        label = a.name if firsts.count(first) > 1 else first
        if a.n and not a.error:
            cpu = (f" (CPU {_r(st.cpu / a.cpu)})" if st.cpu and a.cpu else "")
            cells.append(f"{_r(st.median / a.median)}{cpu} {label}")
        elif a.timed_out:
            cells.append(f"< {_r(st.median / a.timed_out)} {label}")
    return ", ".join(cells)


def markdown_table(jobs: list[Job]) -> str:
    rows = ["| job | tool | n | min | median | max | CPU | peak MB | ratio |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for job in jobs:
        for st in job.results.values():
            if st.error:
                rows.append(f"| {job.name} | {st.name} | – | – | {st.error} | – | – | – | "
                            f"{ratio_cell(job, st)} |")
                continue
            cpu = _t(st.cpu) if st.cpu is not None else "–"
            rows.append(f"| {job.name} | {st.name} | {st.n} | {_t(st.min)} | {_t(st.median)} | "
                        f"{_t(st.max)} | {cpu} | {st.peak_mb:.0f} | {ratio_cell(job, st)} |")
        for s in job.skipped:
            rows.append(f"| {job.name} | {s.split(':', 1)[0]} | – | – | skipped: "
                        f"{s.split(':', 1)[1].strip()} | – | – | – | |")
    rows.append("")
    for job in jobs:
        if job.note:
            rows.append(f"{job.name}: {job.note}.  ")
    rows.append("Wall time of one fresh process, start-up included; n = measured runs after one "
                "warm-up, in alternation. ratio = biblio's median ÷ the anchor's median (below 1: "
                "biblio is faster); on an anchor's row it is the job's main biblio row ÷ that "
                "anchor, with the ratio of CPU times in brackets. CPU = median user + system "
                "time (children included): steadier than "
                "wall time when the machine is shared. Peak MB = maximum resident set of the "
                "process (and its children).")
    return "\n".join(rows)


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {"python": platform.python_version()}
    exe = pandoc_path()
    if exe:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False).stdout
        versions["pandoc"] = out.split("\n", 1)[0].split()[-1]
    if shutil.which("node"):
        versions["node"] = subprocess.run(["node", "--version"], capture_output=True,
                                          text=True, check=False).stdout.strip()
        pkg = BENCH / "citeproc-js" / "node_modules" / "citeproc" / "package.json"
        if pkg.exists():
            versions["citeproc-js"] = json.loads(pkg.read_text())["version"]
    for mod in ("bibtexparser", "pybtex"):
        from importlib.metadata import PackageNotFoundError, version

        with contextlib.suppress(PackageNotFoundError):
            versions[mod] = version(mod)
    head = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %cI"],
                          capture_output=True, text=True, check=False).stdout.split()
    if not head and (ROOT / "COMMIT").exists():  # an exported copy (git archive) of a commit
        head = (ROOT / "COMMIT").read_text().split()
    return {"date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "commit": " ".join(head) or "?",
            "cores": os.cpu_count(), "cpu": cpu, "os": platform.platform(),
            "load": os.getloadavg()[0], **versions}


def _header(metas: list[dict]) -> str:
    m = metas[0]
    anchors = ", ".join(f"{k} {v}" for k, v in m.items()
                        if k in ("pandoc", "citeproc-js", "node", "bibtexparser", "pybtex"))
    runs = "; ".join(f"{x['date']} (biblio {x.get('commit', '?')}, load average {x['load']:.1f})"
                     for x in metas)
    return (f"Machine: {m['cores']} cores ({m['cpu']}), {m['os']}, Python {m['python']}. "
            f"Anchors: {anchors}. Run{'s' if len(metas) > 1 else ''}: {runs}.")


def report(jobs: list[Job], metas: list[dict]) -> str:
    from goals import goals_markdown  # a sibling module: run.py runs as a script

    return (_header(metas) + "\n\n" + markdown_table(jobs) + "\n\n" + goals_markdown(jobs)
            + "\n")


def to_json(jobs: list[Job], meta: dict) -> str:
    return json.dumps({"meta": meta, "jobs": [
        {"name": j.name, "group": j.group, "size": j.size, "primary": j.primary,
         "note": j.note, "bib_bytes": j.bib_bytes, "skipped": j.skipped,
         "results": {k: asdict(v) for k, v in j.results.items()}} for j in jobs]}, indent=1)


def from_json(paths: list[Path]) -> tuple[list[Job], list[dict]]:
    """Jobs of several runs (a later file's job replaces an earlier one of the same name)."""
    jobs: dict[str, Job] = {}
    metas = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        metas.append(data["meta"])
        for j in data["jobs"]:
            results = {k: Stats(**v) for k, v in j.pop("results").items()}
            jobs[j["name"]] = Job(tools=[], results=results, **j)
    order = ["parse", "format", "engine", "build", "cli", "start"]
    return sorted(jobs.values(), key=lambda j: (order.index(j.group), j.size)), metas


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--jobs", default="parse,format,engine,build,cli,start",
                   help="comma-separated groups: parse, format, engine, build, cli, start")
    p.add_argument("--sizes", default="1k,10k,50k", help="parse: sizes of the .bib")
    p.add_argument("--format-sizes", default="1k,10k", help="format: sizes of the .bib")
    p.add_argument("--posts", default="100,1000", help="build: numbers of posts")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--budget", type=float, default=300.0,
                   help="seconds one tool may take in one job before it gets fewer rounds")
    p.add_argument("--timeout", type=float, default=1200.0,
                   help="seconds after which one run is stopped (and reported as such)")
    p.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where the data goes")
    p.add_argument("--json", type=Path, help="write the raw results here")
    p.add_argument("--markdown", type=Path, help="write the table and the goals here")
    p.add_argument("--skip", default="", metavar="NAMES",
                   help="comma-separated tool names (or their first words) to leave out")
    p.add_argument("--engine-sizes", default="1k,10k", help="engine: numbers of references")
    p.add_argument("--engine-data", default="realistic,high",
                   help="engine: realistic (census surnames), high (gen.py's names)")
    p.add_argument("--baseline", type=Path, metavar="DIR",
                   help="another checkout of biblio (e.g. `git worktree add DIR <commit>`): "
                        "each biblio tool also runs on it, as an anchor, in the same rounds")
    p.add_argument("--baseline-label", default="before", help="its name in the table")
    p.add_argument("--merge", type=Path, nargs="+", metavar="JSON",
                   help="run nothing: one table from the --json files of earlier runs")
    a = p.parse_args(argv)
    if a.merge:
        jobs, metas = from_json(a.merge)
        text = report(jobs, metas)
        print(text)
        if a.markdown:
            a.markdown.write_text(text, encoding="utf-8")
        return 0
    a.work.mkdir(parents=True, exist_ok=True)
    groups = a.jobs.split(",")
    sizes = [s for s in a.sizes.split(",") if s]
    jobs: list[Job] = []
    if "parse" in groups:
        jobs += [jobs_parse(a.work, s) for s in sizes]
    if "format" in groups:
        jobs += [jobs_format(a.work, s) for s in a.format_sizes.split(",") if s]
    if "build" in groups:
        jobs += [jobs_build(a.work, int(n)) for n in a.posts.split(",") if n]
    if "engine" in groups:
        jobs += [jobs_engine(a.work, kind, size) for kind in a.engine_data.split(",") if kind
                 for size in a.engine_sizes.split(",") if size]
    if "cli" in groups:
        jobs += jobs_cli(a.work)
    if "start" in groups:
        jobs += jobs_start(a.work)
    if a.baseline:
        for job in jobs:
            with_baseline(job, a.baseline.resolve(), a.baseline_label)
        if "start" in groups:  # bytecode compiled on both sides, as jobs_start does its own
            subprocess.run([PY, "-m", "compileall", "-q", str(a.baseline.resolve() / "biblio")],
                           check=False, capture_output=True)
    skip = [x.strip() for x in a.skip.split(",") if x.strip()]
    if a.skip.strip() and any(t.name.startswith(a.skip.strip()) for job in jobs
                              for t in job.tools):
        skip = [a.skip.strip()]  # one name with a comma in it ("pandoc, by-cite rule")
    for job in jobs:
        left = [t for t in job.tools if any(t.name.startswith(x) for x in skip)]
        job.tools = [t for t in job.tools if t not in left]
        job.skipped += [f"{t.name}: left out (--skip)" for t in left]
    meta = machine()
    say = lambda s: print(s, file=sys.stderr, flush=True)
    for job in jobs:
        say(f"{job.name}: " + ", ".join(t.name for t in job.tools))
        for s in job.skipped:
            say(f"  skipped {s}")
        job.results = compare(job.tools, a.rounds, budget=a.budget, timeout=a.timeout,
                              log=say)
        if a.json:  # after every job, so that an interrupted run keeps what it measured
            a.json.write_text(to_json(jobs, meta), encoding="utf-8")
    text = report(jobs, [meta])
    print(text)
    if a.markdown:
        a.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    sys.exit(main())
