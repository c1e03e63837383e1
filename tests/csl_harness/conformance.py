"""Pass rate of the CSL test suite: `python -m tests.csl_harness.conformance
[--engine citeproc-py]`.

`--folder tests/jgm-citeproc --rules jgm` runs jgm/citeproc's fixtures under his harness's rules.
Prints the rate overall and per fixture-name prefix (`date_…`, `name_…`); `--list` prints the
names of the passing fixtures (the ratchet file tests/csl-suite-pass.txt is this output);
`--failing PREFIX` lists the failures of one prefix.
"""

from __future__ import annotations

import argparse
import multiprocessing
import signal
import sys
from collections import Counter
from pathlib import Path

from . import fixtures

SUITE = Path(__file__).resolve().parents[1] / "csl-suite"


def _render_for(engine: str):
    if engine == "citeproc-py":
        from .baseline import render
        return render
    from biblio.csl import render
    return render


def check(path: Path, engine: str = "biblio", rules: str = "suite") -> tuple[str, str]:
    """('pass' | 'fail' | 'error: …', name) for one fixture."""
    fx = fixtures.load(path, rules)
    def _timeout(*_):
        raise TimeoutError("took more than 10 s")
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(10)
    try:
        ok = fixtures.passes(fx, _render_for(engine))
        return ("pass" if ok else "fail"), fx.name
    except Exception as exc:  # noqa: BLE001 - the report counts crashes
        return f"error: {type(exc).__name__}: {exc}"[:200], fx.name
    finally:
        signal.alarm(0)


def _check(args):
    return check(*args)


def run_all(folder: Path = SUITE, engine: str = "biblio", jobs: int = 0,
            rules: str = "suite") -> dict[str, str]:
    """Status by fixture name of every fixture under `folder` (sub-folders included)."""
    paths = sorted(folder.rglob("*.txt"))
    if jobs == 1:
        results = [check(p, engine, rules) for p in paths]
    else:
        with multiprocessing.Pool(jobs or None) as pool:
            results = pool.map(_check, [(p, engine, rules) for p in paths], chunksize=8)
    return {name: status for status, name in results}


def table(results: dict[str, str]) -> str:
    total, passed, errors = Counter(), Counter(), Counter()
    for name, status in results.items():
        prefix = name.split("_", 1)[0]
        total[prefix] += 1
        passed[prefix] += status == "pass"
        errors[prefix] += status.startswith("error")
    rows = [f"{'prefix':<14} {'pass':>5} {'total':>5} {'rate':>7} {'raise':>5}"]
    for prefix in sorted(total):
        t, p = total[prefix], passed[prefix]
        rows.append(f"{prefix:<14} {p:>5} {t:>5} {100 * p / t:>6.1f}% {errors[prefix]:>5}")
    t, p = sum(total.values()), sum(passed.values())
    rows.append(f"{'ALL':<14} {p:>5} {t:>5} {100 * p / t:>6.1f}% {sum(errors.values()):>5}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.csl_harness.conformance")
    ap.add_argument("--engine", choices=["biblio", "citeproc-py"], default="biblio")
    ap.add_argument("--folder", type=Path, default=SUITE)
    ap.add_argument("--rules", choices=["suite", "jgm"], default="suite",
                    help="jgm: the rules of jgm/citeproc's harness (tests/jgm-citeproc)")
    ap.add_argument("--list", action="store_true", help="print passing fixture names")
    ap.add_argument("--failing", metavar="PREFIX", help="list failures of names starting so")
    ap.add_argument("-j", "--jobs", type=int, default=0)
    args = ap.parse_args(argv)
    results = run_all(args.folder, args.engine, args.jobs, args.rules)
    if args.list:
        print("\n".join(sorted(n for n, s in results.items() if s == "pass")))
    elif args.failing is not None:
        for name, status in sorted(results.items()):
            if name.startswith(args.failing) and status != "pass":
                print(f"{name}: {status}")
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
