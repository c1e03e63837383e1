"""The speed goals of issue 8, judged from run.py's results: met, or the gap and its size."""

from __future__ import annotations


def _find(jobs, name):
    return next((j for j in jobs if j.name == name), None)


def _ok(st) -> bool:
    return st is not None and st.n > 0 and not st.error


def _anchor(job, prefix):
    return next((s for s in job.results.values() if s.anchor and s.name.startswith(prefix)
                 and _ok(s)), None) if job else None


def _verdict(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def goals(jobs) -> list[tuple[str, str, str]]:
    """(goal, what was measured, verdict) for each goal; 'not measured' when a job is missing."""
    out = []

    job = _find(jobs, "parse 10k")
    prim = job.results.get(job.primary) if job else None
    bp = _anchor(job, "bibtexparser")
    goal = "load+normalize+check of 10k entries ≤ 2× bare bibtexparser parse"
    if _ok(prim) and bp:
        r = prim.median / bp.median
        stage = "" if job.primary.endswith("normalize+check") else f" (only `{job.primary}`)"
        out.append((goal, f"{r:.2f}×{stage}: {prim.median:.2f} s vs {bp.median:.2f} s",
                    _verdict(r <= 2) + (" for the stages measured" if stage else "")))
    else:
        out.append((goal, "not measured", "—"))

    job = _find(jobs, "format 1k")
    goal = "APA bibliography of 1k ≤ pandoc and ≤ 2× citeproc-js"
    if job and _ok(job.results.get(job.primary)):
        prim = job.results[job.primary]
        cj = _anchor(job, "citeproc-js")
        eng = job.results.get("biblio render (CSL-JSON in)")
        parts, ok = [], True
        # judged against pandoc under the by-cite rule: under APA's own rule pandoc's global
        # given-name disambiguation (quadratic) is most of its time (issue 16)
        fair = _anchor(job, "pandoc --citeproc, by-cite") or _anchor(job, "pandoc")
        for pd in [s for s in job.results.values() if s.anchor and s.name.startswith("pandoc")
                   and _ok(s)]:
            parts.append(f"{job.primary}: {prim.median / pd.median:.2f}× {pd.name}")
        if fair:
            ok &= prim.median <= fair.median
        if cj:
            same = eng if _ok(eng) else prim
            parts.append(f"{same.name}: {same.median / cj.median:.2f}× citeproc-js")
            ok &= same.median <= 2 * cj.median
        out.append((goal, "; ".join(parts) or "no anchor ran", _verdict(ok and bool(parts))))
    else:
        out.append((goal, "not measured", "—"))

    # issue 16: the engine on CSL-JSON, 1k references and 1k citations, against pandoc's CPU
    # time from the same CSL-JSON, under APA's own rule and under by-cite (the rule's
    # quadratic part left out), on realistic and on high name ambiguity
    for job in [j for j in jobs if j.group == "engine" and j.size == 1000]:
        prim = job.results.get(job.primary)
        goal = f"{job.name}: engine CPU ≤ 0.5× pandoc's (both rules)"
        pands = [s for s in job.results.values() if s.anchor and s.name.startswith("pandoc")
                 and _ok(s) and s.cpu]
        if _ok(prim) and prim.cpu and pands:
            parts = [f"{prim.cpu / p.cpu:.2f}× {p.name} ({prim.cpu:.2f} s vs {p.cpu:.2f} s)"
                     for p in pands]
            out.append((goal, "; ".join(parts), _verdict(all(prim.cpu <= 0.5 * p.cpu
                                                             for p in pands))))
        else:
            out.append((goal, "not measured", "—"))
    for job in [j for j in jobs if j.group == "engine" and j.size == 10_000]:
        prim = job.results.get(job.primary)
        goal = f"{job.name}: ≤ 5 s CPU"
        if _ok(prim) and prim.cpu:
            out.append((goal, f"{prim.cpu:.2f} s CPU ({prim.median:.2f} s wall)",
                        _verdict(prim.cpu <= 5)))
        else:
            out.append((goal, "not measured", "—"))

    for name, limit in (("start: render the sample post", 0.150),
                        ("start: check the sample", 0.080)):
        job = _find(jobs, name)
        prim = job.results.get(job.primary) if job else None
        goal = f"{name[7:]} ≤ {limit * 1000:.0f} ms wall (bytecode compiled)"
        if _ok(prim):
            cpu = f", CPU {prim.cpu * 1000:.0f} ms" if prim.cpu is not None else ""
            out.append((goal, f"{prim.median * 1000:.0f} ms{cpu}",
                        _verdict(prim.median <= limit)))
        else:
            out.append((goal, "not measured", "—"))

    job = _find(jobs, "CLI start: --help")
    goal = "`biblio --help` ≤ 150 ms and ≤ 3× `python -c pass`"
    prim = job.results.get(job.primary) if job else None
    base = _anchor(job, "python")
    if _ok(prim) and base:
        r = prim.median / base.median
        cpu = f", CPU {prim.cpu * 1000:.0f} ms" if prim.cpu is not None else ""
        measured = f"{prim.median * 1000:.0f} ms{cpu}, {r:.2f}× ({base.median * 1000:.0f} ms)"
        out.append((goal, measured, _verdict(prim.median <= 0.150 and r <= 3)))
    else:
        out.append((goal, "not measured", "—"))

    job = _find(jobs, "build 1000 posts")
    goal = "no-op build of 1,000 posts ≤ 0.5 s"
    noop = job.results.get("biblio build, nothing changed") if job else None
    if _ok(noop):
        cpu = f" (CPU {noop.cpu:.2f} s)" if noop.cpu is not None else ""
        out.append((goal, f"{noop.median:.2f} s{cpu}", _verdict(noop.median <= 0.5)))
    else:
        out.append((goal, "not measured", "—"))

    goal = "peak memory ≤ 10× the .bib's size (biggest parse job)"
    parse = [j for j in jobs if j.group == "parse" and _ok(j.results.get(j.primary))]
    if parse:
        big = max(parse, key=lambda j: j.size)
        st = big.results[big.primary]
        r = st.peak_mb * 2**20 / big.bib_bytes
        others = ", ".join(f"{j.name}: {j.results[j.primary].peak_mb * 2**20 / j.bib_bytes:.1f}×"
                           for j in parse if j is not big)
        out.append((goal, f"{big.name}: {st.peak_mb:.0f} MB for {big.bib_bytes / 2**20:.1f} MB "
                    f"= {r:.1f}×" + (f" ({others})" if others else ""), _verdict(r <= 10)))
    else:
        out.append((goal, "not measured", "—"))

    goal = "`biblio check` (the command) on 50k entries: peak memory ≤ 10× the .bib's size"
    job = _find(jobs, "parse 50k")
    st = job.results.get("biblio check (the command)") if job else None
    if _ok(st):
        r = st.peak_mb * 2**20 / job.bib_bytes
        out.append((goal, f"{st.peak_mb:.0f} MB for {job.bib_bytes / 2**20:.1f} MB = {r:.1f}×",
                    _verdict(r <= 10)))
    else:
        out.append((goal, "not measured", "—"))

    goal = "no stage grows faster than n log n (10× the input ≤ 12× the time)"
    growth, ok = [], True
    engine = [(j.name, j.name.replace("engine 1k", "engine 10k")) for j in jobs
              if j.group == "engine" and j.size == 1000]
    for small, large in (("parse 1k", "parse 10k"), ("format 1k", "format 10k"),
                         ("build 100 posts", "build 1000 posts"), *engine):
        a, b = _find(jobs, small), _find(jobs, large)
        if not (a and b):
            continue
        for name, sa in a.results.items():
            sb = b.results.get(name)
            if sa.anchor or not (_ok(sa) and _ok(sb)):
                continue
            # the process's own time when it reports one: start-up would flatter the ratio
            ta = sa.inner_ms / 1000 if sa.inner_ms else sa.median
            tb = sb.inner_ms / 1000 if sb.inner_ms else sb.median
            r = tb / ta
            ok &= r <= 12
            growth.append(f"{name}: {r:.1f}×")
    out.append((goal, "; ".join(growth) or "not measured",
                _verdict(ok) if growth else "—"))
    return out


def goals_markdown(jobs) -> str:
    rows = ["| goal | measured | verdict |", "|---|---|---|"]
    rows += [f"| {g} | {m} | {v} |" for g, m, v in goals(jobs)]
    return "\n".join(rows)


