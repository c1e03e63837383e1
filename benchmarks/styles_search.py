"""`biblio styles search` over all 10,844 official styles: is the answer there in ≤ 300 ms?

    python benchmarks/styles_search.py              # 5 rounds (20: the runs are quick)
    python benchmarks/styles_search.py --rounds 10

Each query runs as the user runs it, `biblio styles search QUERY` in a fresh process (reading
catalogue.tsv, folding it, searching, printing), alternated with `python -c pass` (the
interpreter's own start-up) and `biblio --help` (the CLI's floor), through run.py's
`compare`. `cpu ms` is the process's user + system time (what a
busy machine's wall time hides); the `inner` column is the search's own time inside that process: from before
`biblio.styles` is imported to the last line printed. Run by hand; not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.run import Tool, compare

GOAL_MS = 300
QUERIES = {
    "lancet": "a journal family (4 styles)",
    "nature communications": "a title",
    "1474-5488": "an eISSN",
    "journal of": "a broad query (thousands of lines)",
    "numeric medicine": "a format and a field",
}


def inner(query: str) -> None:
    """What `biblio styles search` does, timed from the import: printed as {"ms": …}."""
    t = time.perf_counter()
    from biblio.commands.styles import line, search_styles

    out = "\n".join(map(line, search_styles(query, ROOT)))
    sys.stdout.write(out + "\n")
    ms = (time.perf_counter() - t) * 1000
    print(json.dumps({"ms": round(ms, 2), "found": out.count("\n") + 1}), file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--inner", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.inner is not None:
        inner(args.inner)
        return
    py = sys.executable
    tools = [Tool("python -c pass", [py, "-c", "pass"], anchor=True),
             Tool("biblio --help", [py, "-m", "biblio", "--help"], anchor=True)]
    for q in QUERIES:
        tools.append(Tool(f"search '{q}'", [py, "-m", "biblio", "styles", "search", q],
                          cwd=ROOT))
        tools.append(Tool(f"  inner '{q}'", [py, __file__, "--inner", q], cwd=ROOT))
    stats = compare(tools, args.rounds, log=lambda m: print(m, file=sys.stderr))
    print(f"{'':34} {'n':>3} {'min ms':>7} {'median':>7} {'max':>7} {'cpu ms':>7} "
          f"{'inner ms':>9}")
    for s in stats.values():
        cpu = f"{s.cpu * 1000:7.0f}" if s.cpu is not None else " " * 7
        inner_ms = f"{s.inner_ms:9.1f}" if s.inner_ms is not None else ""
        print(f"{s.name:34} {s.n:>3} {s.min * 1000:7.0f} {s.median * 1000:7.0f} "
              f"{s.max * 1000:7.0f} {cpu} {inner_ms} {s.error}")
    worst = max(s.median for s in stats.values() if s.name.startswith("search"))
    verdict = "met" if worst * 1000 <= GOAL_MS else "NOT met"
    print(f"\ngoal: every search answers in ≤ {GOAL_MS} ms (median, whole process): {verdict} "
          f"(slowest median {worst * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
