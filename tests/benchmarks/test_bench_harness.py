"""The benchmark harness's bookkeeping (never its times: no test asserts a time)."""

from __future__ import annotations

import sys

from benchmarks import goals, run


def _py(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_measure_reads_the_reported_time_and_the_exit_code():
    s = run.measure(_py('import sys; print("x"); print(\'{"ms": 12.5}\', file=sys.stderr)'))
    assert s.rc == 0 and s.inner_ms == 12.5 and s.peak_mb > 0 and s.wall > 0
    assert s.cpu is not None and s.cpu >= 0
    assert run.measure(_py("raise SystemExit(4)")).rc == 4


def test_measure_kills_a_run_past_its_timeout():
    assert run.measure(_py("import time; time.sleep(30)"), timeout=0.5).rc == -9


def test_compare_alternates_and_reports_failures():
    order = []
    tools = [run.Tool("a", _py("pass"), before=lambda: order.append("a")),
             run.Tool("b", _py("pass"), anchor=True, before=lambda: order.append("b")),
             run.Tool("bad", _py("import sys; print('boom', file=sys.stderr); sys.exit(5)"))]
    stats = run.compare(tools, rounds=2)
    # one warm-up each, then (all being quick) 4x the rounds, alternating a b a b ...
    assert order == ["a", "b"] + ["a", "b"] * 8
    assert stats["a"].n == stats["b"].n == 8
    assert stats["bad"].n == 0 and stats["bad"].error == "exit 5: boom"


def test_a_missing_stage_is_skipped_with_its_reason():
    s = run.measure(_py("import sys; print('skipped: biblio.x is not in this checkout', "
                        "file=sys.stderr); sys.exit(3)"))
    assert run._failed(s) == "biblio.x is not in this checkout"


def _stats(name, median, anchor=False, peak=50.0, inner=None):
    st = run.Stats(name, anchor)
    st.add(run.Sample(median, peak, inner, 0))
    return st


def test_table_and_goals_from_results():
    parse1 = run.Job("parse 1k", "parse", 1000, [], primary="biblio n+c", bib_bytes=2**20)
    parse1.results = {"biblio n+c": _stats("biblio n+c", 0.3, inner=250),
                      "bibtexparser 2": _stats("bibtexparser 2", 0.2, anchor=True)}
    parse10 = run.Job("parse 10k", "parse", 10000, [], primary="biblio n+c",
                      bib_bytes=10 * 2**20, skipped=["pybtex: not installed"])
    parse10.results = {"biblio n+c": _stats("biblio n+c", 3.0, peak=80.0, inner=2950),
                       "bibtexparser 2": _stats("bibtexparser 2", 1.0, anchor=True)}
    table = run.markdown_table([parse1, parse10])
    assert "| parse 10k | biblio n+c | 1 | 3000 ms | 3000 ms | 3000 ms | – | 80 | 3.00× " \
        "bibtexparser |" in table
    assert "| parse 10k | bibtexparser 2 | 1 | 1000 ms | 1000 ms | 1000 ms | – | 50 | 3.00× |" \
        in table
    assert "skipped: not installed" in table
    verdicts = {g: (m, v) for g, m, v in goals.goals([parse1, parse10])}
    measured, verdict = verdicts["load+normalize+check of 10k entries ≤ 2× bare bibtexparser "
                                 "parse"]
    assert measured.startswith("3.00×") and "not met" in verdict
    measured, verdict = verdicts["peak memory ≤ 10× the .bib's size (biggest parse job)"]
    assert measured.startswith("parse 10k: 80 MB for 10.0 MB = 8.0×") and "**met**" in verdict
    measured, verdict = verdicts["no stage grows faster than n log n (10× the input ≤ 12× the "
                                 "time)"]
    assert measured == "biblio n+c: 11.8×" and verdict == "**met**"


def test_a_tool_past_the_timeout_is_reported_and_bounds_the_ratio():
    tools = [run.Tool("biblio", _py("pass")),
             run.Tool("slow", _py("import time; time.sleep(30)"), anchor=True)]
    job = run.Job("x", "format", 1, tools, primary="biblio")
    job.results = run.compare(tools, rounds=1, timeout=1)
    slow = job.results["slow"]
    assert slow.error == "did not finish in 1 s" and slow.timed_out == 1
    assert run.ratio_cell(job, job.results["biblio"]).startswith("< ")
    assert "did not finish in 1 s" in run.markdown_table([job])
