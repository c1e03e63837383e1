"""BibTeX → CSL-JSON for N generated entries, side by side with bibtexparser 2's bare parse.

    python benchmarks/tocsl.py                 # 10,000 entries, 5 rounds
    python benchmarks/tocsl.py --entries 1000 --rounds 3

The goal (issue 3): biblio's BibTeX → CSL-JSON takes at most 2× bibtexparser 2's bare parse
(no middleware) of the same text. Measured in one process, in alternation (A B C D A B C D …,
one warm-up round), reporting the median of each and the ratios. Rows:

- bibtexparser bare parse: `bibtexparser.parse_string(text, parse_stack=[])`
- bibtexparser + LaTeX and name middlewares (for reference; issue 3 quotes 26×)
- biblio parse + tocsl: `reader.parse` (lossless blocks, positions, value checks) and
  `tocsl.library_to_csl` — the whole way from text to CSL-JSON items
- biblio tocsl alone: `library_to_csl` on an already parsed library
- biblio reader.parse alone (the lossless reader every command uses; not part of tocsl)

Times are CPU time of this process (time.process_time), which a busy shared machine disturbs
less than wall time. `--no-middlewares` skips the slow reference row.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-middlewares", action="store_true")
    args = ap.parse_args()

    import bibtexparser
    from bibtexparser import middlewares as mw

    from benchmarks.gen import bib_text
    from biblio import tocsl
    from biblio.bib import reader

    text = bib_text(args.entries, seed=args.seed)
    parsed = reader.parse(text, "bench.bib")

    def bare():
        bibtexparser.parse_string(text, parse_stack=[])

    def with_middlewares():
        bibtexparser.parse_string(text, append_middleware=[
            mw.LatexDecodingMiddleware(), mw.SeparateCoAuthors(), mw.SplitNameParts()])

    from biblio.tocsl import latex, names

    def cold():  # every round starts cold, as one `biblio format` does
        names._parse_name.cache_clear()
        latex._to_text.cache_clear()
        latex._to_markup.cache_clear()

    def biblio_all():
        cold()
        tocsl.library_to_csl(reader.parse(text, "bench.bib"))

    def biblio_tocsl():
        cold()
        tocsl.library_to_csl(parsed)

    def biblio_parse():
        reader.parse(text, "bench.bib")

    rows = [("bibtexparser 2 bare parse", bare),
            *([] if args.no_middlewares else
              [("bibtexparser 2 + latex/name middlewares", with_middlewares)]),
            ("biblio parse + tocsl (text → CSL-JSON)", biblio_all),
            ("biblio tocsl alone (parsed → CSL-JSON)", biblio_tocsl),
            ("biblio reader.parse alone", biblio_parse)]
    times: dict[str, list[float]] = {name: [] for name, _ in rows}
    for rnd in range(args.rounds + 1):
        for name, fn in rows:
            gc.collect()
            t = time.process_time()
            fn()
            if rnd:  # round 0 is the warm-up
                times[name].append(time.process_time() - t)
    items, problems = tocsl.library_to_csl(parsed)
    base = statistics.median(times[rows[0][0]])
    print(f"{args.entries} entries ({len(text) / 1e6:.1f} MB), {args.rounds} rounds, "
          f"{len(items)} items, {len(problems)} problems")
    print(f"{'':44} {'median s':>9} {'min s':>7} {'× bare':>7}")
    for name, _ in rows:
        med = statistics.median(times[name])
        print(f"{name:44} {med:9.3f} {min(times[name]):7.3f} {med / base:7.2f}")
    goal = statistics.median(times["biblio parse + tocsl (text → CSL-JSON)"]) / base
    alone = statistics.median(times["biblio tocsl alone (parsed → CSL-JSON)"]) / base
    print(f"goal: text → CSL-JSON ≤ 2.00 × bare parse: {goal:.2f} × "
          f"({'met' if goal <= 2 else 'NOT met'}); the conversion alone: {alone:.2f} ×")


if __name__ == "__main__":
    main()
