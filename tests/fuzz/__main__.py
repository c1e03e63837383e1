"""The long fuzz run, by hand: `python -m tests.fuzz --minutes 20`.

Runs every input kind in turn, in rounds of fresh random examples (not derandomized), until
the time is up; then prints cases per kind, failures, and the worst time per KB. Each failing
case is written to --out (default fuzz-failures/) as a Python literal, with its message.
Failures in code another change is fixing (issue 18: hangs, blow-ups and recursion in the
modules of HANDED_OVER) are reported as known, apart from the others.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import traceback
import warnings
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from . import properties as P

HANDED_OVER = ("csl/person.py", "csl/numbers.py", "csl/collate.py", "csl/style.py", "bib/scan.py",
               "bib/reader.py", "bib/bibvalue.py", "tocsl/latex.py", "importers/text.py",
               "document/syntax.py",
               # nested <i> (class 6): the depth limit is being added with the rest of class 6
               "csl/rich.py")


def _where(exc: BaseException) -> str:
    """The innermost frame inside biblio/ of the exception (or its cause)."""
    for e in (exc, exc.__cause__):
        if e is None:
            continue
        frames = [f for f in traceback.extract_tb(e.__traceback__)
                  if "/biblio/" in f.filename and "/tests/" not in f.filename]
        if frames:
            f = frames[-1]
            return f"{f.filename.split('/biblio/', 1)[1]}:{f.lineno}"
    return "?"


def _known(kind_of_failure: str, where: str) -> bool:
    blowup = kind_of_failure in ("hang", "RecursionError", "MemoryError")
    # A file that is not a CSL style: refused by the style loader being written in
    # csl/style.py (issue 18 class 6), until then an XMLSyntaxError or an IndexError.
    bad_style = kind_of_failure in ("XMLSyntaxError", "IndexError") and where.startswith(
        ("document/profile.py", "csl/style.py", "document/render.py"))
    return (blowup and where.split(":")[0].endswith(HANDED_OVER)) or bad_style


def _round(strategy, check, st: dict, examples: int, limit: float, rnd: int):
    """A hypothesis test of `examples` fresh cases; `last["case"]` is the one running."""
    last: dict = {}

    @seed(int(time.time() * 1000) % 2**32 + rnd)
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(case):
        size = P.size_of(case)
        last["case"] = case
        st["cases"] += 1
        st["bytes"] += size
        t0 = time.perf_counter()
        try:
            with P.time_limit(limit + size / 1024):
                check(case)
        except P.Hang as e:
            raise P.Failure("time", f"{e} (input {size} bytes)") from e
        finally:
            took = time.perf_counter() - t0
            st["worst_s"] = max(st["worst_s"], took)
            st["worst_s_per_kb"] = max(st["worst_s_per_kb"], took / max(size / 1024, 1))

    return run, last


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz")
    ap.add_argument("--minutes", type=float, default=20)
    ap.add_argument("--kinds", nargs="*", help="only these kinds (default: all)")
    ap.add_argument("--per-round", type=int, default=20, help="examples per kind per round")
    ap.add_argument("--limit", type=float, default=10.0,
                    help="seconds a case may take, plus one per KB of input")
    ap.add_argument("--memory-mb", type=int, default=3000)
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    limit_bytes = args.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    P.DEBUG = True  # exceptions keep their traceback (to say where)
    kinds = P.kinds(bounded=False)
    names = args.kinds or list(kinds)
    stats = {k: {"cases": 0, "failures": 0, "known": 0, "worst_s_per_kb": 0.0,
                 "worst_s": 0.0, "bytes": 0} for k in names}
    seen: dict[str, dict] = {}
    args.out.mkdir(parents=True, exist_ok=True)
    end = time.monotonic() + args.minutes * 60
    rnd = 0
    while time.monotonic() < end:
        rnd += 1
        for kind in names:
            if time.monotonic() >= end:
                break
            strategy, check = kinds[kind]
            st = stats[kind]
            run, last = _round(strategy, check, st, args.per_round, args.limit, rnd)
            try:
                run()
            except Exception as e:  # noqa: BLE001 - any failure: record it, go on
                cause = e.__cause__ if isinstance(e, P.Failure) else e
                what = ("hang" if isinstance(cause, P.Hang) else
                        type(cause).__name__ if cause is not None and not isinstance(
                            cause, P.Failure) else getattr(e, "prop", type(e).__name__))
                where = _where(e)
                known = _known(what, where)
                st["known" if known else "failures"] += 1
                sig = f"{kind} | {what} | {where}"
                entry = seen.setdefault(sig, {"count": 0, "known": known, "message": str(e)[:400],
                                              "file": None})
                entry["count"] += 1
                if entry["file"] is None:
                    path = args.out / f"{len(seen):03d}-{kind.replace(' ', '-')}.txt"
                    path.write_text(f"# {sig}\n# {str(e)[:2000]}\n{last.get('case')!r}\n",
                                    encoding="utf-8")
                    entry["file"] = str(path)
                print(f"[{'known' if known else 'FAIL'}] {sig}: {str(e)[:200]}", flush=True)
        done = sum(s["cases"] for s in stats.values())
        print(f"round {rnd}: {done} cases", flush=True)
    _report(stats, seen, args.minutes)
    if args.json:
        args.json.write_text(json.dumps({"stats": stats, "failures": seen}, indent=2))
    return 1 if any(not f["known"] for f in seen.values()) else 0


def _report(stats: dict, seen: dict, minutes: float) -> None:
    print("\n| input kind | cases | failures | known (handed over) | worst s/KB | worst case s |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, s in stats.items():
        print(f"| {kind} | {s['cases']:,} | {s['failures']} | {s['known']} | "
              f"{s['worst_s_per_kb']:.2f} | {s['worst_s']:.2f} |")
    total = sum(s["cases"] for s in stats.values())
    print(f"| all | {total:,} | {sum(s['failures'] for s in stats.values())} | "
          f"{sum(s['known'] for s in stats.values())} | | |")
    print(f"\n{minutes:g} minutes.")
    for sig, f in seen.items():
        print(f"- {'known' if f['known'] else 'FAIL'} ×{f['count']}: {sig} — {f['file']}")


if __name__ == "__main__":
    sys.exit(main())
