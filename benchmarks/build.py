"""The site build (issue 7): cold build beside pandoc, a no-op rebuild, a one-entry edit.

    python benchmarks/build.py                         # 1,000 posts x 10 cites, 5,000 entries
    python benchmarks/build.py --posts 100 --entries 1000 --json out.json

Data comes from gen.py (deterministic). Every timing is one fresh process measured by run.py's
`measure` (wall time, peak memory), so biblio and pandoc are timed the same way, start-up
included. pandoc runs once per post (it has no site mode), on as many cores as biblio uses
(`xargs -P`), and once more serially for reference when --pandoc-serial is given. Run by hand;
no test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import gen
from run import measure, pandoc_path

APA = ROOT / "styles" / "apa.csl"
PY = sys.executable


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def biblio_build(site: Path, *extra: str):
    argv = [PY, "-m", "biblio", "build", "posts", "-o", "site", "--style", str(APA),
            "--format", "json", *extra]
    s = measure(argv, cwd=site, env=env())
    if s.rc != 0:
        raise SystemExit(f"biblio build failed: {s.stderr[-2000:]}")
    return s


def report_of(site: Path, *extra: str) -> dict:
    import subprocess

    p = subprocess.run([PY, "-m", "biblio", "build", "posts", "-o", "site", "--style",
                        str(APA), "--format", "json", *extra], cwd=site, env=env(),
                       capture_output=True, text=True, check=True)
    return json.loads(p.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--cites", type=int, default=10)
    ap.add_argument("--entries", type=int, default=5000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/biblio-bench-build"))
    ap.add_argument("--no-pandoc", action="store_true")
    ap.add_argument("--pandoc-serial", action="store_true")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)

    site = a.work / f"site-{a.posts}x{a.cites}-{a.entries}"
    bib = a.work / f"bib-{a.entries}.bib"
    if not bib.exists():
        gen.write_bib(bib, a.entries, seed=1)
    if not site.exists():
        gen.write_site(site, posts=a.posts, cites=a.cites, bib=bib, seed=1)
    shutil.copy(bib, site / "references.bib")  # undo an earlier run's edit
    cores = os.cpu_count() or 1
    out: dict = {"posts": a.posts, "cites": a.cites, "entries": a.entries, "cores": cores}

    shutil.rmtree(site / "site", ignore_errors=True)
    s = biblio_build(site, "--no-cache")
    out["biblio_cold_s"] = round(s.wall, 2)
    out["biblio_cold_peak_mb"] = round(s.peak_mb)
    print(f"biblio build, cold: {s.wall:.2f} s, peak {s.peak_mb:.0f} MB", flush=True)

    biblio_build(site)  # fill the cache
    s = biblio_build(site)
    out["biblio_noop_s"] = round(s.wall, 3)
    print(f"biblio build, nothing changed: {s.wall:.3f} s (goal <= 0.5 s)", flush=True)

    # Edit one entry that some posts cite: its title gains a word.
    text = (site / "references.bib").read_text(encoding="utf-8")
    cited = {}
    for post in (site / "posts").glob("*.md"):
        for k in set(re.findall(r"@([\w:.#$%&+?<>~/-]*\w)", post.read_text(encoding="utf-8"))):
            cited[k] = cited.get(k, 0) + 1
    key = max((k for k in gen.keys_of(text) if k in cited), key=lambda k: (cited[k], k))
    m = re.search(r"(@\w+\{" + re.escape(key) + r",.*?\n\s*title\s*=\s*[{\"])", text, re.DOTALL)
    if m is None:
        raise SystemExit(f"no title in entry {key}")
    (site / "references.bib").write_text(text[:m.end()] + "Edited " + text[m.end():],
                                         encoding="utf-8")
    sys.path.insert(0, str(ROOT))
    from biblio.document.posts import citations_in

    expected = len({p for p, _, _ in citations_in(site / "posts").get(key, [])})
    t0 = time.perf_counter()
    rep = report_of(site)  # one fresh process, like the others; its JSON report kept
    wall = time.perf_counter() - t0
    out["edit_entry"] = key
    out["edit_posts_citing"] = expected
    out["edit_rendered"] = rep["rendered"]
    out["edit_s"] = round(wall, 2)
    print(f"after editing entry {key} (cited by {expected} posts): {rep['rendered']} posts "
          f"rendered again, {wall:.2f} s", flush=True)
    shutil.copy(bib, site / "references.bib")

    exe = pandoc_path()
    if exe and not a.no_pandoc:
        script = site / "pandoc-all.sh"
        script.write_text(
            'mkdir -p _pandoc\nls posts/*.md | xargs -P "$1" -I{} sh -c \'f={}; '
            f'"{exe}" "$f" --citeproc --bibliography references.bib --csl "{APA}" -s '
            '-o "_pandoc/$(basename "$f" .md).html"\'\n', encoding="utf-8")
        s = measure(["sh", str(script), str(cores)], cwd=site)
        out["pandoc_parallel_s"] = round(s.wall, 2)
        print(f"pandoc --citeproc per post, {cores} at a time: {s.wall:.2f} s "
              f"(biblio/pandoc = {out['biblio_cold_s'] / s.wall:.2f})", flush=True)
        if a.pandoc_serial:
            s = measure(["sh", str(script), "1"], cwd=site)
            out["pandoc_serial_s"] = round(s.wall, 2)
            print(f"pandoc --citeproc per post, one at a time: {s.wall:.2f} s", flush=True)
    if a.json:
        a.json.write_text(json.dumps(out, indent=2))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
