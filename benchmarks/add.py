"""`biblio add DOI` end to end, start-up included, against a local Crossref stand-in.

    python benchmarks/add.py [--rounds 10]

Each run is a fresh `python -m biblio add --bib X 10.1007/s11916-013-0348-5` process (the way
a person runs it), timed by run.measure, in alternation with `python -c pass` (the floor) and
`biblio list` on the same small file. The recorded Crossref answer is served by the tests'
local server (tests/localserver.py) on 127.0.0.1. Before every run the .bib is reset to the
sample blog's references.bib minus the Cagnie article, and the HTTP cache is emptied ("cold",
a network round trip each time) or kept ("cached"). Goal (issue 6): ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from localserver import Server

from benchmarks.run import Tool, compare

DOI = "10.1007/s11916-013-0348-5"
GOAL = 0.5


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args(argv)
    server = Server()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    work = Path(tempfile.mkdtemp(prefix="biblio-add-bench-"))
    sample = (ROOT / "references.bib").read_text(encoding="utf-8")
    start = re.compile(r"@article\{cagnie2013physiologic,.*?\n\}\n\n", re.DOTALL)
    base = start.sub("", sample)
    assert base != sample
    bib, cache = work / "references.bib", work / "cache"

    def reset(clear: bool):
        def run() -> None:
            bib.write_text(base, encoding="utf-8")
            if clear:
                shutil.rmtree(cache, ignore_errors=True)
        return run

    env = {**os.environ, "PYTHONPATH": str(ROOT), "BIBLIO_CACHE_DIR": str(cache),
           "BIBLIO_CROSSREF_URL": server.url + "/crossref"}
    add = [sys.executable, "-m", "biblio", "add", "--bib", str(bib), DOI]
    tools = [
        Tool("python -c pass", [sys.executable, "-c", "pass"], anchor=True),
        Tool("biblio list (6 entries)", [sys.executable, "-m", "biblio", "list", "--bib",
                                         str(bib)], anchor=True, env=env, before=reset(False)),
        Tool("biblio add DOI (cold cache)", add, env=env, before=reset(True)),
        Tool("biblio add DOI (cached)", add, env=env, before=reset(False)),
    ]
    stats = compare(tools, args.rounds)
    print(f"{'':30} {'min':>7} {'median':>7} {'max':>7}  peak MB")
    for st in stats.values():
        if st.error:
            print(f"{st.name:30} failed: {st.error}")
            continue
        print(f"{st.name:30} {st.min:7.3f} {st.median:7.3f} {st.max:7.3f}  {st.peak_mb:6.1f}")
    worst = max(st.median for st in stats.values() if st.name.startswith("biblio add"))
    print(f"goal: biblio add DOI ≤ {GOAL} s end to end — median {worst:.3f} s: "
          f"{'met' if worst <= GOAL else 'NOT met'}")
    hits = len(server.requests("/works/"))
    print(f"(the local Crossref answered {hits} requests)")
    server.shutdown()
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
