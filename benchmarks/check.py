"""`biblio check` and `biblio fmt --check` on a 10,000-entry file, beside bibtexparser 2.

    python benchmarks/check.py                 # 10k entries, 5 rounds
    python benchmarks/check.py --entries 50000 --rounds 3

Each contender is the real command in a fresh process (start-up included), timed with
run.py's `compare` (alternation, warm-up, min/median/max). The anchor is bibtexparser 2's
bare parse of the same file (`work.py bibtexparser`). The goal (issue 5): each command
≤ 2 s on this machine. Run by hand; no test asserts a time.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen
from run import PY, Tool, biblio_env, compare, machine, work

GOAL_S = 2.0


def cpu_seconds(argv: list[str], env: dict | None, runs: int) -> float:
    """The least user+system CPU time of `runs` runs (children included): on a shared,
    loaded machine this moves far less than wall time does."""
    best = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return best


def _cmd(*args: str) -> list[str]:
    # check exits 1 when the file has errors, fmt --check when it is not canonical: both are
    # answers, not failures, so only an exit code above 1 counts as a failed run.
    line = " ".join([PY, "-m", "biblio", *args])
    return ["sh", "-c", f"{line} >/dev/null 2>&1; test $? -le 1"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / f"bib-{args.entries}.bib"
        gen.write_bib(bib, args.entries, seed=args.seed)
        canonical = Path(tmp) / f"bib-{args.entries}-canonical.bib"
        canonical.write_bytes(bib.read_bytes())
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from biblio.commands import fmt as fmt_command

        fmt_command.run(str(canonical))  # the same file, already in canonical form
        env = biblio_env()
        tools = [
            work("bibtexparser", bib, "bibtexparser 2 parse", anchor=True),
            Tool("biblio check", _cmd("check", "--bib", str(bib)), env=env),
            Tool("biblio fmt --check", _cmd("fmt", "--check", "--bib", str(bib)), env=env),
            Tool("biblio fmt --check (canonical file)",
                 _cmd("fmt", "--check", "--bib", str(canonical)), env=env),
        ]
        stats = compare(tools, args.rounds, log=lambda s: print(s, file=sys.stderr))
        cpu = {t.name: cpu_seconds(t.argv, t.env, args.rounds) for t in tools}

    m = machine()
    print(f"{args.entries} entries (benchmarks/gen.py, seed {args.seed}); {args.rounds} rounds; "
          f"{m.get('cpu', '?')}, {m.get('cores', '?')} cores, load {m.get('load', 0):.1f}")
    anchor = stats["bibtexparser 2 parse"]
    print(f"{'':38} {'min':>7} {'median':>7} {'max':>7} {'peak MB':>8} {'× parse':>8} "
          f"{'CPU s':>6} {'× parse':>8}  goal (wall median)")
    for name, st in stats.items():
        if st.error:
            print(f"{name:38} failed: {st.error}")
            continue
        ratio = st.median / anchor.median if anchor.median else float("nan")
        goal = "" if st.anchor else ("met" if st.median <= GOAL_S else "NOT met") + \
            f" (≤ {GOAL_S:.0f} s)"
        cpu_ratio = cpu[name] / cpu["bibtexparser 2 parse"]
        print(f"{name:38} {st.min:7.2f} {st.median:7.2f} {st.max:7.2f} {st.peak_mb:8.0f} "
              f"{ratio:8.2f} {cpu[name]:6.2f} {cpu_ratio:8.2f}  {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
