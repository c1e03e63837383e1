"""Engine benchmark: an APA bibliography of N references and N citations through
biblio.csl.render, pandoc --citeproc and citeproc-js (and optionally citeproc-py).

    python benchmarks/engine.py                 # 1,000 references, 1,000 citations
    python benchmarks/engine.py --n 10000       # the scaling check
    python benchmarks/engine.py --citeproc-py   # also the old engine (slow)

pandoc comes from pypandoc_binary (`pip install pypandoc_binary`); citeproc-js from
`npm install` in benchmarks/citeproc-js. Same CSL-JSON, same styles/apa.csl for all.
Run by hand; not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900  # seconds; a tool slower than this is reported as timed out
sys.path.insert(0, str(ROOT))

SURNAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Miller", "Davis", "Rodríguez", "Martínez", "Hernández", "López", "González", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gödel", "Østergaard", "van", "der", "Berg", "de", "la", "Cruz", "O'Neil", "Müller"]
GIVEN = ["John", "Mary", "Ana", "Wei", "Jan", "Olga", "Peter", "Sara", "Lukas", "Emma", "Noah", "Mia", "Ravi", "Aiko", "Ahmed", "Léa"]
JOURNALS = ["Physical Therapy", "Journal of Physiotherapy", "Manual Therapy",
            "Clinical Rehabilitation", "Spine", "Pain"]
WORDS = ["exercise", "pain", "knee", "shoulder", "back", "neck", "therapy", "training", "balance", "strength", "gait", "older", "adults", "randomized", "trial", "effects", "outcomes", "manual", "mobilization", "stretching"]


SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "ber", "son", "gu", "li", "ha", "mo", "ne", "ri", "sa", "to", "va", "wi", "ze", "an", "el", "or", "un"]


def _surnames(rng, count: int) -> list[str]:
    """Common surnames plus made-up ones, so that names collide about as often as in a real
    reference list (a few shared surnames, some same author and year)."""
    made = {"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            for _ in range(count)}
    return list(SURNAMES) + sorted(made)


def make_items(n: int, seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    surnames = _surnames(rng, 3 * n)
    items = []
    for i in range(n):
        k = rng.choice([1, 1, 2, 2, 3, 4, 6, 8, 22])
        authors = [{"family": rng.choice(surnames), "given": rng.choice(GIVEN)}
                   for _ in range(k)]
        if i and rng.random() < 0.05:  # the same first author again, often the same year
            authors[0] = dict(items[rng.randrange(i)]["author"][0])
        year = rng.randint(2015, 2024)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 10))).capitalize()
        kind = rng.random()
        item = {"id": f"ref{i}", "author": authors, "title": title,
                "issued": {"date-parts": [[year]]}}
        if kind < 0.6:
            item.update(type="article-journal", **{"container-title": rng.choice(JOURNALS)},
                        volume=str(rng.randint(1, 120)), issue=str(rng.randint(1, 12)),
                        page=f"{(p := rng.randint(1, 900))}-{p + rng.randint(3, 20)}",
                        DOI=f"10.{rng.randint(1000, 9999)}/x{i}")
        elif kind < 0.8:
            item.update(type="book", publisher=rng.choice(["Routledge", "Wiley", "Sage"]))
        elif kind < 0.9:
            item.update(type="chapter", publisher="Elsevier", page="11-30",
                        editor=[{"family": rng.choice(SURNAMES), "given": "Ann"}],
                        **{"container-title": "Handbook of " + rng.choice(WORDS)})
        else:
            item.update(type="webpage", URL=f"https://example.org/{i}",
                        accessed={"date-parts": [[2024, 1, 5]]})
            if rng.random() < 0.5:
                del item["issued"]
        items.append(item)
    return items


def make_clusters(items: list[dict], n: int, seed: int = 2) -> list[list[dict]]:
    rng = random.Random(seed)
    clusters = []
    ids = [it["id"] for it in items]
    for i in range(n):
        if i < len(ids):
            cites = [{"id": ids[i]}]  # every reference is cited at least once
        else:
            cites = [{"id": rng.choice(ids)} for _ in range(rng.choice([1, 1, 2, 3]))]
        if rng.random() < 0.3:
            cites[0]["locator"] = str(rng.randint(1, 300))
        clusters.append(cites)
    return clusters


def _child_cpu() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def time_biblio(style, items, clusters):
    from biblio.csl import render

    t, c = time.perf_counter(), time.process_time()
    res = render(style, items, clusters)
    return (time.perf_counter() - t, time.process_time() - c), len(res.citations), len(
        res.bibliography)


def time_biblio_process(style_path, job_path) -> float:
    code = ("import json,sys; from biblio.csl import render; j=json.load(open(sys.argv[1]));"
            "r=render(sys.argv[2], j['items'], j['clusters']); print(len(r.bibliography))")
    t, c = time.perf_counter(), _child_cpu()
    subprocess.run([sys.executable, "-c", code, job_path, style_path], check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - t, _child_cpu() - c


def time_pandoc(style_path, items, clusters, tmp) -> float | None:
    try:
        import pypandoc
        pandoc = pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return None
    bib = Path(tmp, "items.json")
    bib.write_text(json.dumps(items))
    doc = Path(tmp, "doc.md")
    paras = []
    for c in clusters:
        cites = "; ".join(f"@{x['id']}" + (f", p. {x['locator']}" if "locator" in x else "")
                          for x in c)
        paras.append(f"Text [{cites}].")
    doc.write_text("\n\n".join(paras) + "\n")
    t, c = time.perf_counter(), _child_cpu()
    try:
        subprocess.run([pandoc, str(doc), "-t", "html", "--citeproc", "--csl", style_path,
                        "--bibliography", str(bib), "-o", str(Path(tmp, "out.html"))],
                       check=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - t, _child_cpu() - c


def time_citeproc_js(style_path, items, clusters, tmp) -> tuple[float, float] | None:
    """benchmarks/citeproc-js/driver.js (the benchmarks' own anchor): wall and engine time."""
    driver = ROOT / "benchmarks" / "citeproc-js" / "driver.js"
    if not (driver.parent / "node_modules" / "citeproc").exists():
        return None
    import citeproc

    items_path, clusters_path = Path(tmp, "cjs-items.json"), Path(tmp, "cjs-clusters.json")
    items_path.write_text(json.dumps(items))
    clusters_path.write_text(json.dumps(clusters))
    t, c = time.perf_counter(), _child_cpu()
    try:
        out = subprocess.run(["node", str(driver), "--style", style_path, "--locales",
                              str(Path(citeproc.__file__).parent / "data" / "locales"),
                              "--items", str(items_path), "--clusters", str(clusters_path),
                              "--quiet"], check=True, capture_output=True, text=True,
                             timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    wall, cpu = time.perf_counter() - t, _child_cpu() - c
    return wall, cpu, json.loads(out.stderr.strip().splitlines()[-1])["ms"] / 1000


def time_citeproc_py(style_path, items, clusters):
    from tests.csl_harness.baseline import render

    t, c = time.perf_counter(), time.process_time()
    render(style_path, items, clusters)
    return time.perf_counter() - t, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000, help="references (and citations)")
    ap.add_argument("--citeproc-py", action="store_true")
    ap.add_argument("--no-pandoc", action="store_true")
    ap.add_argument("--no-citeproc-js", action="store_true")
    ap.add_argument("--timeout", type=int, default=TIMEOUT, help="seconds per anchor tool")
    args = ap.parse_args()
    globals()["TIMEOUT"] = args.timeout
    style_path = str(ROOT / "styles" / "apa.csl")
    items = make_items(args.n)
    clusters = make_clusters(items, args.n)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        job = Path(tmp, "biblio.json")
        job.write_text(json.dumps({"items": items, "clusters": clusters}))
        cold, ncit, nbib = time_biblio(style_path, items, clusters)
        warm, _, _ = time_biblio(style_path, items, clusters)
        rows.append(("biblio render (in process, first call)", cold))
        rows.append(("biblio render (in process, style cached)", warm))
        rows.append(("biblio (new python process, all imports)",
                     time_biblio_process(style_path, str(job))))
        if not args.no_pandoc:
            pd = time_pandoc(style_path, items, clusters, tmp)
            rows.append(("pandoc --citeproc (process)", pd or (float("nan"), None)))
        if not args.no_citeproc_js:
            js = time_citeproc_js(style_path, items, clusters, tmp)
            if js is None:
                rows.append(("citeproc-js driver.js (timed out or absent)", (float("nan"), None)))
            else:
                rows.append(("citeproc-js driver.js (node process)", js[:2]))
                rows.append(("citeproc-js (time inside the engine)", (js[2], None)))
        if args.citeproc_py:
            rows.append(("citeproc-py 0.11.1 (in process)",
                         time_citeproc_py(style_path, items, clusters)))
    print(f"{args.n} references, {len(clusters)} citation clusters "
          f"({ncit} citations, {nbib} entries rendered by biblio)")
    print(f"  {'':<44} {'wall':>9} {'cpu':>9}   cpu ratio")
    base = dict(rows).get("pandoc --citeproc (process)")
    if base and base[1] is None:
        base = None
    for name, (wall, cpu) in rows:
        ratio = f"{cpu / base[1]:6.2f}x pandoc" if base and cpu else ""
        cpu_s = f"{cpu:8.3f}s" if cpu is not None else " " * 9
        print(f"  {name:<44} {wall:8.3f}s {cpu_s}   {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
